"""Chapter 13 under Voila shows only widgets — no printed text, no static figures — and keeps playing.

Complements test_browser_voila.py (renders without errors, Play animates, the data set redraws).
The README's Voila link opens the app alone (notebooks/apps/playground.ipynb, tested in
test_browser_playground_app.py); the whole chapter must still work as an app under Voila.
Skipped with one line unless Voila, Chromium and playwright are installed.
"""
import time

import pytest

import labdriver as L

NOTEBOOK = "13-playground.ipynb"

JS_OUTPUTS = """() => Array.from(document.querySelectorAll('.jp-OutputArea-output')).map(o => ({
  widget: !!o.querySelector('.jupyter-widgets'),
  text: o.innerText.trim().slice(0, 120)}))"""

JS_COUNT = """(box, seconds) => new Promise(resolve => {
  const img = box.querySelector('img');
  let n = 0;
  const seen = new MutationObserver(() => n++);
  seen.observe(img, {attributes: true, attributeFilter: ['src']});
  setTimeout(() => { seen.disconnect(); resolve(n); }, seconds * 1000);
})"""


pytestmark = pytest.mark.skipif(not L.voila_installed(), reason="voila not installed (pip install voila)")


@pytest.fixture(scope="module")
def page(lab):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = L.launch_chromium(pw)
        try:
            # the app, then the last live cell's widget
            page = L.open_voila(browser, lab, NOTEBOOK, (".nnlib-playground img", ".nnlib-widget img"))
            yield page
        finally:
            browser.close()
            lab.shutdown_kernels()


def test_only_widgets_show(page):
    outs = page.evaluate(JS_OUTPUTS)
    others = [o["text"] or "(an image)" for o in outs if not o["widget"]]
    assert not others, f"Voila shows outputs that are not widgets (printed text, static figures): {others}"
    assert sum(o["widget"] for o in outs) == 3, \
        f"expected the app, the widget and the quiz, found {len(outs)} outputs"
    assert page.locator(".nnlib-quiz").count() == 1, "the chapter's quiz is missing under Voila"


def test_the_app_keeps_playing(page):
    box = page.locator(".nnlib-playground").first
    box.scroll_into_view_if_needed()
    box.locator(".widget-play button").first.click()
    time.sleep(1.5)
    pictures = box.evaluate(JS_COUNT, 5)
    L.stop_play(box.locator(".widget-play").first)
    # a liveness check, not a speed test (benchmarks/bench_playground.py --browser measures the rate)
    assert pictures >= 10, f"only {pictures} new pictures in 5 s of playing under Voila"
    status = box.locator(".widget-html").first.inner_text()
    assert "step" in status and "accuracy" in status
