"""How fast does the chapter 13 playground update? Frames per second of a 2-8-8-1 network on 200 points.

    python benchmarks/bench_playground.py              # frames in this process, PNG and JPEG
    python benchmarks/bench_playground.py --kernel     # also: Image widget vs Output widget in a kernel
    python benchmarks/bench_playground.py --browser    # also: pictures per second seen in JupyterLab
    python benchmarks/bench_playground.py --voila      # also: the same under Voila, and the seconds from
                                                       # the page request to the first picture (the app
                                                       # notebook notebooks/apps/playground.ipynb, then
                                                       # the whole chapter 13 for comparison)

One frame is what a tick of the app's Play widget runs: ``step(steps_per_frame)`` (full-batch
training in nnlib) and ``LivePicture.frame`` (put the network into the animated artists: every
hidden layer's tiles and weight lines, the plane, the curves; blit; encode). The target is at least
30 frames per second for the 2-8-8-1 network on 200 points. The machine may be busy with other work; the load average is printed
with the results, and CPU time per frame (this process only) beside the wall-clock time.

With ``--kernel`` the same frame is pushed to the front end in a real IPython kernel in two
ways: bytes into an ``ipywidgets.Image`` (what the app does), or ``Output.clear_output(wait=True)``
followed by ``display(fig)`` (the common alternative, which re-draws and re-encodes the whole
figure through the inline backend). No browser is attached, so this measures the kernel's side.

With ``--browser`` the app runs in a real JupyterLab in headless Chromium (the browser tests'
driver, tests/browser/labdriver.py): press Play, and count for 15 s how often the picture in
the page changes. That is the update rate a learner sees, timer, kernel, messages and
decoding included.
"""
import argparse
import os
import sys
import textwrap
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("MPLBACKEND", "Agg")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nnlib.widgets.ch13_playground import APP_FIGSIZE, LivePicture, Playground  # noqa: E402


def summary(ms):
    ms = np.asarray(ms)
    return (f"{1000 / ms.mean():5.1f} frames/s   median {np.median(ms):5.1f} ms   "
            f"95th percentile {np.percentile(ms, 95):5.1f} ms")


def bench_frames(frames, steps_per_frame, fmt, figsize=None, dpi=None):
    from nnlib.widgets._render import encode

    pg = Playground("circle", hidden="8,8", activation="tanh", optimizer="adam", learning_rate=0.03, seed=0)
    picture = LivePicture(figsize or APP_FIGSIZE)   # the app's live figure (or another size)
    if dpi:
        picture.fig.set_dpi(dpi)
    picture.frame(pg, fmt)                       # the first frame draws everything once
    wall, cpu, parts = [], [], {"step": [], "render": [], "encode": []}
    for _ in range(frames):
        t0, c0 = time.perf_counter(), time.process_time()
        pg.step(steps_per_frame)
        t1 = time.perf_counter()
        picture.frame(pg, fmt)                   # update the artists, blit and encode
        t2 = time.perf_counter()
        data = encode(picture.fig, fmt)          # the encoding alone, measured once more
        t3 = time.perf_counter()
        wall.append(1000 * (t2 - t0))
        cpu.append(1000 * (time.process_time() - c0))
        for k, v in zip(parts, (t1 - t0, (t2 - t1) - (t3 - t2), t3 - t2)):
            parts[k].append(1000 * v)
    print(f"{fmt.upper():4s} wall: {summary(wall)}   ({len(data) / 1024:.0f} KB per frame)")
    print(f"     CPU : {summary(cpu)}   (this includes the extra encode)")
    print("     median parts: " + ", ".join(f"{k} {np.median(v):.1f} ms" for k, v in parts.items()))
    return np.asarray(wall)


KERNEL_CODE = """
import io, time, numpy as np, ipywidgets as W
import matplotlib.pyplot as plt
plt.close(plt.figure())                  # as after any pyplot figure in a chapter: the inline backend is on
from IPython.display import display, clear_output
from nnlib.widgets.ch13_playground import LivePicture, Playground
from nnlib.widgets._render import still
pgs = {{"image": Playground("circle", hidden="8,8", seed=0), "output": Playground("circle", hidden="8,8", seed=0)}}
pics = {{k: LivePicture() for k in pgs}}
image, out = W.Image(format="png"), W.Output()
display(image, out)
times = {{"image": [], "output": []}}
for i in range({frames} + 1):             # the two ways interleaved, so both see the same machine load
    for kind, pg in pgs.items():
        t0 = time.perf_counter()
        pg.step({spf})
        if kind == "image":
            image.value = pics[kind].frame(pg, "png")
        else:
            pics[kind].frame(pg, "png")
            fig = still(pics[kind].fig)
            with out:
                clear_output(wait=True)
                display(fig)
        if i:
            times[kind].append(1000 * (time.perf_counter() - t0))
for k, t in times.items():
    t = np.asarray(t)
    print(f"RESULT {{k}} {{1000 / t.mean():.1f}} {{np.median(t):.1f}} {{np.percentile(t, 95):.1f}}")
"""


def bench_kernel(frames, steps_per_frame):
    from jupyter_client.manager import start_new_kernel

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    env.pop("MPLBACKEND", None)               # the kernel uses the inline backend, as in Jupyter
    km, kc = start_new_kernel(kernel_name="python3", env=env)
    lines = []
    try:
        code = textwrap.dedent(KERNEL_CODE.format(frames=frames, spf=steps_per_frame))
        kc.execute_interactive(code, timeout=600, output_hook=lambda msg: lines.append(msg))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    pngs = sum(1 for m in lines if m["msg_type"] == "display_data" and "image/png" in m["content"]["data"])
    print(f"  (the Output way sent {pngs} PNG images through display(); the Image way sets widget state)")
    for msg in lines:
        if msg["msg_type"] == "stream" and "RESULT" in msg["content"]["text"]:
            for line in msg["content"]["text"].splitlines():
                _, kind, fps, med, p95 = line.split()
                what = ("ipywidgets.Image, PNG bytes" if kind == "image"
                        else "Output + clear_output + display(fig)")
                print(f"  {what:38s} {float(fps):5.1f} frames/s   median {float(med):5.1f} ms   "
                      f"95th percentile {float(p95):5.1f} ms")
        elif msg["msg_type"] == "error":
            print("kernel error:", msg["content"]["ename"], msg["content"]["evalue"])


JS_COUNT_UPDATES = """(box, seconds) => new Promise(resolve => {
  // every new picture the widget puts into the page (its <img> gets a new blob URL each time)
  const img = box.querySelector('img');
  const times = [];
  const seen = new MutationObserver(() => times.push(performance.now()));
  seen.observe(img, {attributes: true, attributeFilter: ['src']});
  setTimeout(() => { seen.disconnect(); resolve(times); }, seconds * 1000);
})"""


JS_FIRST_PICTURE = """() => { const img = document.querySelector('.nnlib-playground img');
  return !!img && img.complete && img.naturalWidth > 0; }"""


def _voila_page(browser, lab, notebook):
    """Voila's render of notebooks/<notebook> in the lab (as the Binder link opens it): the page and
    the seconds from the request to the app's first picture. The token goes in a cookie first, so
    the app's query string holds no ?token= (the app would name it as an unknown setting)."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{lab.url}/api/contents?token={lab.token}", wait_until="commit")
    t0 = time.perf_counter()
    page.goto(f"{lab.url}/voila/render/notebooks/{notebook}", wait_until="commit", timeout=300_000)
    page.wait_for_function(JS_FIRST_PICTURE, timeout=300_000, polling=20)
    return page, time.perf_counter() - t0


def bench_browser(seconds=15.0, voila=False, notebook="apps/playground.ipynb"):
    """Pictures per second with Play pressed (and under Voila, the seconds to the first picture).

    notebook: under notebooks/; the app notebook (default) or the whole chapter 13."""
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))
    import labdriver as L
    from playwright.sync_api import sync_playwright

    if L.chromium_path() is None:
        print("  skipped: Chromium is not installed")
        return
    root = Path(tempfile.mkdtemp(prefix="nnlib-bench-"))
    L.copy_notebooks(root, names={"13-playground.ipynb"})      # notebooks/apps/ and chapter 13
    lab = L.Lab(root).start()
    first = None
    try:
        with sync_playwright() as pw:
            browser = L.launch_chromium(pw)
            try:
                if voila:                # the lab's Voila server extension, as the Binder link opens it
                    page, cold = _voila_page(browser, lab, notebook)   # the first since the server started
                    page.close()
                    lab.shutdown_kernels()
                    time.sleep(3.0)                                     # the old kernel's exit, not timed
                    page, first = _voila_page(browser, lab, notebook)  # again: files now in the OS cache
                else:
                    page = L.open_notebook(browser, lab, f"notebooks/{notebook}")
                    L.run_all(page)
                box = page.locator(".nnlib-playground").first
                box.scroll_into_view_if_needed()
                box.locator(".widget-play button").first.click()
                time.sleep(2.0)                           # let the interval settle
                times = np.asarray(box.evaluate(JS_COUNT_UPDATES, seconds))
                L.stop_play(box.locator(".widget-play").first)
                status = box.locator(".widget-html").first.inner_text()
            finally:
                browser.close()
    finally:
        lab.stop()
    gaps = np.diff(times)
    where = f"Voila, {notebook}" if voila else f"JupyterLab, {notebook}"
    if first is not None:
        verdict = "meets" if first <= 3 else "MISSES"
        print(f"  {where}: page request to the app's first picture {first:.1f} s ({verdict} the 3 s target); "
              f"{cold:.1f} s the first time after the server started")
    print(f"  {where} + Chromium, Play pressed: {len(times)} new pictures in {seconds:.0f} s = "
          f"{len(times) / seconds:.1f} per second; gap between pictures median {np.median(gaps):.0f} ms, "
          f"95th percentile {np.percentile(gaps, 95):.0f} ms")
    print(f"  the app's own status line at the end: {status.strip()}")
    return first, len(times) / seconds


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--frames", type=int, default=300)
    ap.add_argument("--steps-per-frame", type=int, default=5)
    ap.add_argument("--figsize", type=float, nargs=2, default=None,
                    help="the live figure's size in inches (default: the app's, APP_FIGSIZE)")
    ap.add_argument("--dpi", type=float, default=None, help="the live figure's dpi (default 100)")
    ap.add_argument("--kernel", action="store_true", help="also compare Image and Output in a kernel")
    ap.add_argument("--browser", action="store_true", help="also count pictures per second in JupyterLab")
    ap.add_argument("--voila", action="store_true", help="also count pictures per second under Voila")
    args = ap.parse_args(argv)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"Playground frames: 2-8-8-1 tanh network, 200 training points, {args.steps_per_frame} "
          f"full-batch Adam steps + a 50x50 grid + one picture per frame; {args.frames} frames")
    print(f"machine: {os.cpu_count()} CPUs, load average {load} (1, 5, 15 min)")
    size = args.figsize or APP_FIGSIZE
    dpi = args.dpi or 100
    print(f"picture: {size[0]:g} x {size[1]:g} in at {dpi:g} dpi = {round(size[0] * dpi)} x {round(size[1] * dpi)} px")
    bench_frames(args.frames, args.steps_per_frame, "png", size, dpi)
    jpeg = bench_frames(args.frames, args.steps_per_frame, "jpeg", size, dpi)
    verdict = "meets" if 1000 / jpeg.mean() >= 30 else "MISSES"
    print(f"JPEG (the app's format) {verdict} the target of 30 frames per second ({1000 / jpeg.mean():.1f}).")
    if args.kernel:
        print(f"In an IPython kernel ({args.frames // 3} frames each, kernel side only):")
        bench_kernel(args.frames // 3, args.steps_per_frame)
    if args.browser or args.voila:
        print("In the browser (the app as a learner runs it; JPEG pictures):")
    if args.browser:
        bench_browser()
    if args.voila:
        bench_browser(voila=True)                                       # the app notebook alone
        bench_browser(voila=True, notebook="13-playground.ipynb")       # the whole chapter, as before
    print(f"load average after the run: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
