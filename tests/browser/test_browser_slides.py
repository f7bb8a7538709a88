"""A chapter presented as slides, as a teacher does in class: jupyterlab-slideshow turns the open
notebook into slides from the metadata tools/slides.py writes, with the live kernel behind them.

The test runs the chapter, starts the presentation at 1280×720, steps through every slide and
checks that nothing on it leaves the screen, and moves the widget on its slide and waits for its
picture to change. One screenshot per slide (screenshots/slides-01-NN.png).
"""
import time

import pytest

import labdriver as L

CHAPTER = "notebooks/01-neurons-and-layers.ipynb"
VIEWPORT = (1280, 720)

pytestmark = pytest.mark.skipif(not L.slideshow_installed(),
                                reason="jupyterlab-slideshow not installed (pip install jupyterlab-slideshow)")

# What Space does in a presentation (jupyterlab-slideshow binds it to "down, else forward"), as a
# command, so it works wherever the keyboard focus is (e.g. on a slider just moved).
JS_NEXT = """() => {
  const down = document.querySelector('.jp-deck-mod-direction-down');
  const canDown = down && !down.classList.contains('jp-mod-disabled');
  window.jupyterapp.commands.execute(canDown ? 'deck:down' : 'deck:forward');
}"""

JS_ONSCREEN = """() => {
  const cells = Array.from(document.querySelectorAll('.jp-Notebook .jp-Cell.jp-deck-mod-onscreen'));
  const boxes = cells.map(c => c.getBoundingClientRect()).filter(r => r.height > 0);
  const widget = cells.some(c => c.querySelector('.nnlib-widget'));
  return {n: cells.length, top: Math.min(...boxes.map(r => r.top)), bottom: Math.max(...boxes.map(r => r.bottom)),
          right: Math.max(...boxes.map(r => r.right)), text: cells.map(c => c.innerText).join(' ').slice(0, 60),
          key: cells.map(c => c.dataset.windowedListIndex || c.innerText.slice(0, 30)).join('|'),
          active: window.jupyterapp.shell.currentWidget.content.activeCellIndex,
          widget};
}"""


def test_every_slide_fits_and_the_widget_answers(lab, screenshots):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = L.launch_chromium(pw)
        try:
            page = L.open_notebook(browser, lab, CHAPTER, viewport=VIEWPORT)
            L.run_all(page)
            page.locator(".jp-Notebook .jp-Cell").nth(1).click()  # the title (the navigation cell is skipped)
            page.keyboard.press("Escape")
            page.evaluate("() => window.jupyterapp.commands.execute('deck:toggle')")
            page.wait_for_function("() => document.querySelectorAll('.jp-deck-mod-onscreen').length > 0",
                                   timeout=60_000)
            overflow, widget_slides, slides, last_active = [], 0, [], None
            for _ in range(300):
                time.sleep(0.6)  # the slide's transition, pictures and math settle
                s = page.evaluate(JS_ONSCREEN)
                if s["active"] == last_active:
                    break  # the step moved nothing: the end of the presentation
                last_active = s["active"]
                if slides and s["key"] == slides[-1]["key"]:  # the step stayed within the slide
                    page.evaluate(JS_NEXT)
                    continue
                slides.append(s)
                k = len(slides) - 1
                page.screenshot(path=str(screenshots / f"slides-01-{k:02d}.png"))
                if s["top"] < -1 or s["bottom"] > VIEWPORT[1] + 1 or s["right"] > VIEWPORT[0] + 1:
                    overflow.append(f"slide {k} ({s['text']!r}): cells span y {s['top']:.0f}..{s['bottom']:.0f}, "
                                    f"x ..{s['right']:.0f} on a {VIEWPORT[0]}×{VIEWPORT[1]} screen")
                if s["widget"]:
                    widget_slides += 1
                    box = page.locator(".jp-deck-mod-onscreen .nnlib-widget").first
                    ctrl = L.controls(box)[0]
                    assert ctrl["loc"].is_visible(), f"slide {k}: the widget's first control is off screen"
                    before = L.image_state(box)
                    what = L.move(ctrl["kind"], ctrl["loc"], "step")
                    assert L.wait_image_change(box, before["src"], timeout=60) is not None, \
                        f"slide {k}: {what} did not change the widget's picture"
                    page.screenshot(path=str(screenshots / f"slides-01-{k:02d}-moved.png"))
                page.evaluate(JS_NEXT)  # as a presenter's Space: the next sub-slide, else the next slide
        finally:
            browser.close()
            lab.shutdown_kernels()
    print(f"\nslides of {CHAPTER}: {len(slides)}, widget on {widget_slides}: " + " ".join(s["key"] for s in slides))
    assert len(slides) > 5, f"only {len(slides)} slides: is the slide metadata there (tools/slides.py)?"
    assert widget_slides >= 1, "no slide showed the chapter's live widget"
    assert not overflow, "slides overflow the screen:\n" + "\n".join(overflow)
