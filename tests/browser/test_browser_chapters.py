"""Every notebook in a real JupyterLab, driven by headless Chromium the way a learner uses it.

For each notebook in notebooks/ (one test class per notebook, so `--dist loadscope` spreads the
chapters over the xdist workers): open it, run all cells with JupyterLab's own "Run All" command,
and check that every code cell ran and none shows an error, a traceback, stderr or an unrendered
widget. For each live widget (`.nnlib-widget`, made by Widget.show(), and the playground's
`.nnlib-playground` app), move every control with the keyboard or the mouse and check that the
figure it drives changed in the page: the image must differ from before. A widget that only
looks interactive fails here (tests/browser/test_browser_selfcheck.py shows that it does).

Screenshots (one per chapter, one per widget after its controls moved) go to screenshots/.
"""
import json
import re
import time
from dataclasses import dataclass

import pytest

import labdriver as L

SHOW = re.compile(r"^\s*([A-Za-z_][\w.]*)\.show\(\s*\)\s*;?\s*(#.*)?$", re.M)
NOT_WIDGETS = {"plt", "fig", "figure", "plt.gcf()"}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def live_widget_calls(path):
    """Names X in cells whose line is `X.show()` (a live widget), e.g. ["neuron_widget"]."""
    calls = []
    for cell in json.loads(path.read_text())["cells"]:
        if cell["cell_type"] == "code":
            src = "".join(cell["source"])
            calls += [m.group(1) for m in SHOW.finditer(src) if m.group(1) not in NOT_WIDGETS]
    return calls


def has_widget_views(path):
    """True if the notebook's stored outputs hold a live widget view (e.g. the playground app)."""
    return WIDGET_VIEW in path.read_text()


@dataclass
class Run:
    page: object
    state: dict
    seconds: float
    error: str = None


class ChapterInBrowser:
    """Tests for one notebook; subclassed once per notebook below."""

    notebook = None  # file name in notebooks/
    widgets = ()  # names of the live widgets its cells show

    @pytest.fixture(scope="class")
    @classmethod
    def run(cls, lab, screenshots):
        from playwright.sync_api import sync_playwright

        name = cls.notebook
        with sync_playwright() as pw:
            browser = L.launch_chromium(pw)
            try:
                page = L.open_notebook(browser, lab, f"notebooks/{name}")
                t0 = time.monotonic()
                try:
                    result = Run(page, L.run_all(page), 0.0)
                except (TimeoutError, RuntimeError) as err:
                    result = Run(page, {}, 0.0, error=str(err))
                result.seconds = time.monotonic() - t0
                yield result
                page.close()
            finally:
                browser.close()
                lab.shutdown_kernels()

    def test_runs_without_errors(self, run, screenshots):
        name = type(self).notebook
        stem = name.removesuffix(".ipynb")
        page = run.page
        page.screenshot(path=str(screenshots / f"{stem}.png"))
        assert run.error is None, f"{name}: {run.error}"
        state = run.state
        assert state["code"] > 0, f"{name}: no code cells found in the page"
        assert state["executed"] == state["code"], \
            f"{name}: only {state['executed']} of {state['code']} code cells ran (run-all stopped at an error?)"
        problems = L.error_outputs(page)
        assert not problems, f"{name} shows errors in the browser:\n" + "\n".join(problems)
        missing = [c["index"] for c in L.expected_widget_cells(page)
                   if not c["widgets"] and any(m.group(1) not in NOT_WIDGETS for m in SHOW.finditer(c["source"]))]
        assert not missing, f"{name}: cells {missing} call .show() but no live widget rendered"
        boxes = page.locator(L.CONTAINERS)
        if boxes.count():  # the chapter's screenshot shows its first live widget
            boxes.first.scroll_into_view_if_needed()
            page.screenshot(path=str(screenshots / f"{stem}.png"))

    def test_widgets_respond(self, run, screenshots):
        name = type(self).notebook
        stem = name.removesuffix(".ipynb")
        assert run.error is None, f"{name}: the notebook did not finish running: {run.error}"
        boxes = run.page.locator(L.CONTAINERS)
        n = boxes.count()
        assert n >= max(1, len(self.widgets)), \
            f"{name}: live widgets expected ({', '.join(self.widgets) or 'stored widget views'}), {n} in the page"
        failures, moved = [], 0
        for i in range(n):
            box = boxes.nth(i)
            box.scroll_into_view_if_needed()
            label = f"widget {i + 1}" + (f" ({self.widgets[i]})" if i < len(self.widgets) else "")
            results = L.exercise(box)
            if not any(changed is not None for _, _, changed in results):
                failures.append(f"{label}: no control found to move")
            for control, what, changed in results:
                moved += changed is not None
                if changed is False:
                    failures.append(f"{label}: {control}: {what}" +
                                    ("" if "raised" in what else ", but the figure did not change"))
            box.screenshot(path=str(screenshots / f"{stem}-widget{i + 1}.png"))
        assert not failures, f"{name}: " + "; ".join(failures)
        assert moved, f"{name}: no control was moved"
        problems = L.error_outputs(run.page)
        assert not problems, f"{name} shows errors after moving the controls:\n" + "\n".join(problems)


def _class_name(path):
    words = re.split(r"[^0-9A-Za-z]+", path.stem)
    return "TestNotebook" + "".join(w[:1].upper() + w[1:] for w in words if w)


# One class per notebook: loadscope sends each class (each notebook) to one worker as a unit.
for _path in sorted(L.NOTEBOOKS.glob("*.ipynb")):
    _widgets = tuple(live_widget_calls(_path))
    _attrs = {"notebook": _path.name, "widgets": _widgets, "__doc__": f"{_path.name} in JupyterLab"}
    if not _widgets and not has_widget_views(_path):  # nothing to move: only the run-through test
        _attrs["test_widgets_respond"] = None
    globals()[_class_name(_path)] = type(_class_name(_path), (ChapterInBrowser,), _attrs)
del _path, _widgets, _attrs
