"""The browser checks can fail: a made-up notebook with one live widget, one widget that only
looks interactive (its update ignores its slider), one whose update raises at the slider's far
end (the learner sees "This setting cannot be drawn"), a stderr line and an exception. The same
functions the chapter tests use must tell them apart."""
import json

import pytest

import labdriver as L

CELLS = [
    "import matplotlib\nmatplotlib.rcParams['figure.dpi'] = 80\n"
    "from nnlib.widgets import Choice, Slider, Widget",
    # live: the line's slope follows the slider, the title follows the dropdown
    "def setup_live(fig):\n"
    "    ax = fig.add_subplot()\n"
    "    ax.set(xlim=(0, 1), ylim=(0, 1))\n"
    "    return ax.plot([0, 1], [0, 0], animated=True)[0], ax.set_title(' ')\n"
    "def update_live(parts, k, kind):\n"
    "    line, title = parts\n"
    "    line.set_ydata([0, k])\n"
    "    line.set_linestyle('-' if kind == 'solid' else '--')\n"
    "    title.set_text(f'{kind}, k = {k:.2f}')\n"
    "def setup_title(fig):\n"
    "    line, title = setup_live(fig)\n"
    "    title.set_animated(True)\n"
    "    return line, title\n"
    "live = Widget(setup=setup_title, update=update_live, controls={'k': Slider(0.0, 1.0, 0.5), "
    "'kind': Choice(['solid', 'dashed', 'dotted', 'dash-dot', 'none'])})\n"
    "live.show();",
    # dead: it has a slider, but the picture never depends on it
    "def setup_dead(fig):\n"
    "    return fig.add_subplot().plot([0, 1], [0, 1], animated=True)[0]\n"
    "dead = Widget(setup=setup_dead, update=lambda line, k: None, controls={'k': Slider(0.0, 1.0, 0.5)})\n"
    "dead.show();",
    # broken: a widget whose update raises when k > 0.9
    "def setup_broken(fig):\n"
    "    return fig.add_subplot().plot([0, 1], [0, 0], animated=True)[0]\n"
    "def update_broken(line, k):\n"
    "    if k > 0.9:\n"
    "        raise ValueError('k is too large for this drawing')\n"
    "    line.set_ydata([0, k])\n"
    "broken = Widget(setup=setup_broken, update=update_broken, controls={'k': Slider(0.0, 1.0, 0.5)})\n"
    "broken.show();",
    "import sys\nprint('a deliberate line on stderr', file=sys.stderr)",
    "raise ValueError('a deliberate error')",
]


def notebook(cells):
    return {"nbformat": 4, "nbformat_minor": 5,
            "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                        "language": "python"}},
            "cells": [{"cell_type": "code", "id": f"c{i}", "metadata": {}, "execution_count": None,
                       "outputs": [], "source": src} for i, src in enumerate(cells)]}


class TestBrowserChecksCanFail:
    @pytest.fixture(scope="class")
    @classmethod
    def page(cls, lab):
        from playwright.sync_api import sync_playwright

        folder = lab.root / "selfcheck"
        folder.mkdir(exist_ok=True)
        (folder / "selfcheck.ipynb").write_text(json.dumps(notebook(CELLS)))
        with sync_playwright() as pw:
            browser = L.launch_chromium(pw)
            try:
                page = L.open_notebook(browser, lab, "selfcheck/selfcheck.ipynb")
                L.run_all(page)
                yield page
                page.close()
            finally:
                browser.close()
                lab.shutdown_kernels()

    def test_errors_and_stderr_are_seen(self, page):
        problems = "\n".join(L.error_outputs(page))
        assert "a deliberate line on stderr" in problems
        assert "ValueError" in problems and "a deliberate error" in problems

    def test_live_widget_changes_and_dead_widget_does_not(self, page):
        boxes = page.locator(L.CONTAINERS)
        assert boxes.count() == 3
        live = L.exercise(boxes.nth(0))
        assert [kind for kind, _, _ in live] == ["slider 'k'", "dropdown 'kind'"]
        assert all(changed for _, _, changed in live), live
        dead = L.exercise(boxes.nth(1), timeout=8)
        assert [(kind, changed) for kind, _, changed in dead] == [("slider 'k'", False)], dead
        # its slider did move (0.5 -> 1.0): only the picture stayed the same
        assert dead[0][1] == "End (0.5 -> 1.0)", dead


    def test_a_widget_that_raises_is_seen(self, page):
        box = page.locator(L.CONTAINERS).nth(2)
        broken = L.exercise(box)
        assert [(kind, changed) for kind, _, changed in broken] == [("slider 'k'", False)], broken
        assert "raised ValueError: k is too large" in broken[0][1], broken
        assert L.widget_error(box) is None  # the slider went back to 0.5, which draws
