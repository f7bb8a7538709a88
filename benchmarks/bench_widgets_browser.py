"""How fast every widget answers: in the kernel, and in a real browser.

    python benchmarks/bench_widgets_browser.py             # all widgets; writes benchmarks/notebooks.md
    python benchmarks/bench_widgets_browser.py ch01 ch13   # only these modules (prints only)
    python benchmarks/bench_widgets_browser.py --kernel-only
    python benchmarks/bench_widgets_browser.py --redraw full     # every change redraws everything

Three ways to redraw, to compare: ``live`` (Widget.show as committed: a setup + update widget
repaints only the artists that changed over a cached background), ``full`` (every change draws
a whole new figure: render + PNG into the same ipywidgets.Image) and ``output`` (the first
version: an Output widget, clear_output + display through the inline backend).

In the kernel (this process): for each widget, the work one live update does in Widget.show
(``Widget.live().frame(...)``, one setting after another) at each setting of its sweep plus
interior slider positions.

In the browser: a JupyterLab on 127.0.0.1 in headless Debian Chromium (tests/browser/labdriver.py)
shows every widget (one generated notebook per widget module, not the chapters, so no TensorFlow
comparison runs first). Then, many times per widget, one control moves by one keyboard step or
to the next option, and the page measures, with its own clock, the time from that input event
(event.timeStamp) to just after the first frame that paints the decoded new image (the new
pixels: requestAnimationFrame after decode(), then a task posted from that callback, which runs
once the frame is painted). The next move waits until the kernel is idle again, so each sample is one update on a
quiet page; it includes the message to the kernel, the draw, the PNG, the message back, and the
browser's decode and paint.

Target (issue 6): median <= 100 ms and 95th percentile <= 200 ms for every widget.
"""
import argparse
import json
import math
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))
sys.path.insert(0, str(HERE))

# ------------------------------------------------------------------------------------------
# In the kernel


def sample_settings(w, per_slider=5):
    """The widget's sweep settings plus a few interior positions of each slider."""
    from nnlib.widgets import Slider

    out = list(w.settings())
    base = w.defaults()
    for k, c in w.controls.items():
        if isinstance(c, Slider):
            for f in np.linspace(0.1, 0.9, per_slider):
                if c.log:
                    v = 10 ** (math.log10(c.min) + f * (math.log10(c.max) - math.log10(c.min)))
                else:
                    v = c.min + f * (c.max - c.min)
                if c.integer:
                    v = int(round(v))
                elif c.step:
                    v = round(round((v - c.min) / c.step) * c.step + c.min, 10)
                out.append({**base, k: v})
    return out


# --redraw full: every change a whole new figure (render + one Agg draw + PNG). The widget layer has
# only the blitting form (issue 12); this comparison lives here, and runs in the kernel as text too.
REDRAW = """
class Redraw:
    def __init__(self, widget):
        self.widget = widget

    def reset(self):
        pass

    def frame(self, **values):
        return self.widget.png(self.widget.render(**values))
"""
exec(REDRAW)


def kernel_times(w, redraw="live"):
    """Milliseconds per update, one sample setting after another (after a first frame): wall and CPU."""
    import matplotlib.pyplot as plt

    if redraw == "output":
        def frame(**s):
            fig = w.render(**s)
            legacy_png(w, fig)
            plt.close(fig)
        live = None
    else:
        live = w.live() if redraw == "live" else Redraw(w)
        frame = live.frame
    t0 = time.perf_counter()
    frame()
    if redraw == "live" and w.warm:  # as Widget.show does before the learner moves anything
        live.warm(w.settings())
    warm_ms = 1000 * (time.perf_counter() - t0)
    ms, cpu = [], []
    for s in sample_settings(w):
        t0, c0 = time.perf_counter(), time.thread_time()
        frame(**s)
        ms.append(1000 * (time.perf_counter() - t0))
        cpu.append(1000 * (time.thread_time() - c0))
    if live is not None:
        live.reset()
    return ms, cpu, warm_ms


# ------------------------------------------------------------------------------------------
# In the browser

SETUP = ("import matplotlib\nmatplotlib.rcParams.update({'figure.dpi': 80, 'savefig.dpi': 80})\n"
         "from nnlib.widgets import all_widgets\nW = all_widgets()")

# --redraw full: Widget.show with every change drawn as a whole new figure
FULL_SHOW = REDRAW + """
from nnlib.widgets import Widget as _Widget
_Widget.live = lambda self: Redraw(self)
"""

# --redraw output: the way Widget.show redrew before this benchmark's commit (an Output
# widget, clear_output + display(fig) through the inline backend), for a before/after figure.
LEGACY_SHOW = """
import ipywidgets as _W, matplotlib.pyplot as _plt
from IPython.display import display as _display
from nnlib.widgets import Widget as _Widget, note as _note
def _legacy_show(self):
    ctrls = {k: c.make(k) for k, c in self.controls.items()}
    out = _W.Output(layout=_W.Layout(min_height=f"{int(self.figsize[1] * 80)}px"))
    def redraw(change=None):
        values = {k: w.value for k, w in ctrls.items()}
        try:
            fig = self.render(**values)
        except Exception as err:
            fig = _plt.figure(figsize=self.figsize, layout="constrained")
            _note(fig.add_subplot(), f"This setting cannot be drawn: {err}")
        with out:
            out.clear_output(wait=True)
            _display(fig)
        _plt.close(fig)
    for w in ctrls.values():
        w.observe(redraw, names="value")
    redraw()
    box = _W.VBox([_W.HBox(list(ctrls.values()), layout=_W.Layout(flex_flow="row wrap")), out])
    box.add_class("nnlib-widget")
    _display(box)
    return box
_Widget.show = _legacy_show
"""


def legacy_png(w, fig):
    """What the legacy redraw encoded: the inline backend's PNG (bbox_inches='tight')."""
    from IPython.core.pylabtools import print_figure

    return print_figure(fig, "png", bbox_inches="tight")

JS_ARM = """(box) => {
  // t0: the input event's own timestamp; t1: just after the frame that paints the decoded image
  const st = window.__nnlibLat = {t0: null, t1: null, updates: 0};
  if (!box.__nnlibArmed) {
    box.__nnlibArmed = true;
    for (const type of ['keydown', 'change', 'click'])
      box.addEventListener(type, e => { const s = window.__nnlibLat;
        if (s.t0 === null) s.t0 = e.timeStamp; }, true);
    const seen = (img) => { const s = window.__nnlibLat; s.updates += 1;
      // the frame after decoding paints the new pixels: its requestAnimationFrame callback
      // runs just before that paint, a task posted from it runs just after ("next paint")
      img.decode().catch(() => null).then(() => requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => { s.t1 = performance.now(); };
        ch.port2.postMessage(0); })); };
    new MutationObserver(muts => {
      for (const m of muts) {
        if (m.type === 'attributes' && m.target.tagName === 'IMG') seen(m.target);
        if (m.type === 'childList') m.addedNodes.forEach(n => {
          const img = n.tagName === 'IMG' ? n : (n.querySelector && n.querySelector('img'));
          if (img) seen(img); });
      }
    }).observe(box, {subtree: true, childList: true, attributes: true, attributeFilter: ['src']});
  }
}"""


# Live pictures that are not a Widget object: the cell that shows each one
EXTRA = {"ch11_digits.drawing_grid": "from nnlib.widgets.ch11_digits import DrawingGrid\nDrawingGrid().show();"}


def grid_kernel_times(redraw="live", clicks=24):
    """The ch11 drawing grid: milliseconds per click (one square toggled, picture redrawn)."""
    from nnlib.widgets.ch11_digits import DrawingGrid

    t0 = time.perf_counter()
    grid = DrawingGrid()
    if redraw != "live":  # the same figure drawn whole at every click
        grid.live = Redraw(grid.live.widget)
    grid.build()
    warm_ms = 1000 * (time.perf_counter() - t0)
    ms, cpu = [], []
    for i in range(clicks):
        b = grid.buttons[2 + i % 4][i % 8]
        t0, c0 = time.perf_counter(), time.thread_time()
        b.value = not b.value
        ms.append(1000 * (time.perf_counter() - t0))
        cpu.append(1000 * (time.thread_time() - c0))
    return ms, cpu, warm_ms


def notebook_for(names, redraw="live"):
    patch = {"live": "", "full": FULL_SHOW, "output": LEGACY_SHOW}[redraw]
    cells = [SETUP + patch] + [EXTRA.get(n, f"W[{n!r}].show();") for n in names]
    return {"nbformat": 4, "nbformat_minor": 5,
            "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
            "cells": [{"cell_type": "code", "id": f"c{i}", "metadata": {}, "execution_count": None,
                       "outputs": [], "source": src} for i, src in enumerate(cells)]}


def browser_times(page, box, moves, timeout=30.0):
    """Latencies (ms) of ``moves`` one-step changes cycling over the widget's controls."""
    import labdriver as L

    ctrls = [c for c in L.controls(box) if c["kind"] in ("slider", "dropdown", "toggle", "checkbox")]
    box.evaluate(JS_ARM)
    out, unchanged = [], 0
    direction = {}
    for i in range(moves):
        c = ctrls[i % len(ctrls)]
        before = L.image_state(box)
        box.evaluate(JS_ARM)
        if c["kind"] == "slider":  # walk one step at a time, turning round at the ends
            handle = c["loc"].locator(".noUi-handle").first
            handle.focus()
            now, lo, hi = (float(handle.get_attribute(a)) for a in
                           ("aria-valuenow", "aria-valuemin", "aria-valuemax"))
            d = direction.get(id(c), "ArrowRight")
            if (d == "ArrowRight" and now >= hi) or (d == "ArrowLeft" and now <= lo):
                d = "ArrowLeft" if d == "ArrowRight" else "ArrowRight"
            direction[id(c)] = d
            handle.press(d)
        else:
            L.move(c["kind"], c["loc"], "step")
        after = L.wait_image_change(box, before["src"], timeout, settle=0.3)
        L.wait_idle(page, timeout, settle=0.3)
        st = page.evaluate("() => window.__nnlibLat")
        if after is None or st["t1"] is None or st["t0"] is None:
            unchanged += 1
            continue
        out.append(st["t1"] - st["t0"])
    return out, unchanged


def run_browser(names, moves, redraw="live"):
    import labdriver as L
    from playwright.sync_api import sync_playwright

    if L.chromium_path() is None:
        print("no Chromium (apt-get install chromium): browser part skipped")
        return {}
    results = {}
    root = Path(tempfile.mkdtemp(prefix="nnlib-bench-"))
    lab = L.Lab(root).start()
    try:
        with sync_playwright() as pw:
            browser = L.launch_chromium(pw)
            modules = sorted({n.split(".")[0] for n in names})
            for mod in modules:
                mine = [n for n in names if n.split(".")[0] == mod]
                (root / f"bench_{mod}.ipynb").write_text(json.dumps(notebook_for(mine, redraw)))
                page = L.open_notebook(browser, lab, f"bench_{mod}.ipynb")
                L.run_all(page)
                problems = L.error_outputs(page)
                boxes = page.locator(".nnlib-widget")
                if problems or boxes.count() != len(mine):
                    print(f"{mod}: {boxes.count()} widgets shown of {len(mine)}; {problems}")
                for i in range(min(boxes.count(), len(mine))):
                    box = boxes.nth(i)
                    box.scroll_into_view_if_needed()
                    ms, unchanged = browser_times(page, box, moves)
                    results[mine[i]] = {"ms": ms, "unchanged": unchanged}
                    print(f"  browser {mine[i]:<45} {summary(ms)}  ({unchanged} moves without a new picture)")
                page.close()
                lab.shutdown_kernels()
            browser.close()
    finally:
        lab.stop()
    return results


def summary(ms):
    if not ms:
        return "no samples"
    return f"median {np.median(ms):6.0f} ms  p95 {np.percentile(ms, 95):6.0f} ms  (n={len(ms)})"


def verdict(ms):
    if not ms:
        return "—"
    return "met" if np.median(ms) <= 100 and np.percentile(ms, 95) <= 200 else "**missed**"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("modules", nargs="*", help="only widget modules whose name starts so (e.g. ch01)")
    ap.add_argument("--moves", type=int, default=24, help="browser samples per widget")
    ap.add_argument("--kernel-only", action="store_true")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--redraw", choices=["live", "full", "output"], default="live",
                    help="live: Widget.show as it is; full: a whole new figure per change; "
                         "output: the first Output+display redraw")
    args = ap.parse_args(argv)

    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams.update({"figure.dpi": 80, "savefig.dpi": 80})
    from _report import machine_line, table, write_section

    from nnlib.widgets import all_widgets

    widgets = all_widgets()
    extra = [] if args.redraw == "output" else list(EXTRA)  # (the first redraw had no grid picture)
    names = sorted(n for n in [*widgets, *extra] if not args.modules or any(n.startswith(m) for m in args.modules))
    machine = machine_line()
    print(machine)
    kernel, cpu, warm = {}, {}, {}
    for n in names:
        kernel[n], cpu[n], warm[n] = (grid_kernel_times(args.redraw) if n in EXTRA else
                                      kernel_times(widgets[n], args.redraw))
        print(f"  kernel  {n:<45} {summary(kernel[n])}  CPU median {np.median(cpu[n]):.0f} ms"
              f"  first picture {warm[n]:.0f} ms")
    browser = {} if args.kernel_only else run_browser(names, args.moves, args.redraw)

    (HERE / "out").mkdir(exist_ok=True)
    (HERE / "out" / f"widgets-{args.redraw}.json").write_text(json.dumps(
        {"machine": machine, "redraw": args.redraw, "kernel_ms": kernel, "kernel_cpu_ms": cpu,
         "first_picture_ms": warm,
         "browser": browser}, indent=1))
    if args.no_write or args.modules or args.kernel_only:
        return 0
    rows = []
    for n in names:
        k, b = kernel[n], browser.get(n, {}).get("ms", [])
        rows.append([n, f"{warm[n]:.0f}", f"{np.median(k):.0f}", f"{np.percentile(k, 95):.0f}",
                     f"{np.median(cpu[n]):.0f}", len(k), f"{np.median(b):.0f}" if b else "—",
                     f"{np.percentile(b, 95):.0f}" if b else "—", len(b), verdict(b)])
    how = {"live": "Widget.show as committed: update() changes the artists, which are repainted over "
                   "a cached background (blitting), PNG into an ipywidgets.Image",
           "full": "a whole new figure per change: render, one Agg draw with the constrained layout, "
                   "PNG into the same ipywidgets.Image",
           "output": "the first redraw (Output widget, clear_output + display(fig), inline PNG with a "
                     "tight bbox)"}[args.redraw]
    md = f"""## Widgets: update time in the kernel and in the browser ({args.redraw} redraw)

{machine}

Command: `.venv/bin/python benchmarks/bench_widgets_browser.py --moves {args.moves} --redraw {args.redraw}`
(needs /usr/bin/chromium). Redraw: {how}. *First picture*: what Widget.show spends before the
learner can move anything (for live widgets: drawing each sweep setting once, so every setup and
every set of axis limits the sweep reaches is cached). *Kernel*: one update per setting, one after
another, over the sweep settings and interior slider positions (wall time; CPU = this thread's CPU
time, what the update costs when it has a core to itself). *Browser*: JupyterLab 4 in headless Chromium; one keyboard
step or next option at a time, measured in the page from the input event to just after the
frame that paints the decoded new image, the kernel idle between samples.

{table(["widget", "first picture ms", "kernel median ms", "kernel p95 ms", "kernel CPU median ms", "n",
        "browser median ms", "browser p95 ms", "n", "target (≤100 / ≤200 ms)"], rows)}
"""
    print(f"wrote {write_section('bench_widgets_browser_' + args.redraw, md)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
