"""The playground chapter as an app in Voila (the README's Voila link, urlpath=voila/render/...):
it renders without errors, Play animates the picture, and changing the data set redraws it."""
import pytest

import labdriver as L

PLAYGROUNDS = sorted(L.NOTEBOOKS.glob("*playground*.ipynb"))


pytestmark = [
    pytest.mark.skipif(not PLAYGROUNDS, reason="no playground chapter in notebooks/"),
    pytest.mark.skipif(not L.voila_installed(), reason="voila not installed (pip install voila)"),
]


class TestPlaygroundInVoila:
    @pytest.fixture(scope="class")
    @classmethod
    def app(cls, lab, screenshots):
        """The playground through Voila's server extension in the test's JupyterLab server: the
        same /voila/render/notebooks/... path the README's Binder link opens."""
        from playwright.sync_api import sync_playwright

        name = PLAYGROUNDS[-1].name
        with sync_playwright() as pw:
            browser = L.launch_chromium(pw)
            try:
                page = L.open_voila(browser, lab, name)
                yield page
                page.screenshot(path=str(screenshots / f"{PLAYGROUNDS[-1].stem}-voila.png"))
            finally:
                browser.close()
                lab.shutdown_kernels()

    def test_app_renders_without_errors(self, app):
        errors = app.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
        texts = [errors.nth(i).inner_text()[:300] for i in range(errors.count())]
        assert not texts, f"Voila shows errors: {texts}"
        assert "Error displaying widget" not in app.locator("body").inner_text()
        assert app.locator(".nnlib-playground").count() == 1

    def test_play_animates_the_picture(self, app):
        box = app.locator(".nnlib-playground").first
        play = box.locator(".widget-play")
        assert play.count() == 1, "the playground has no Play button"
        before = L.image_state(box)
        play.locator("button").first.click()
        after = L.wait_image_change(box, before["src"], timeout=60, settle=0)
        L.stop_play(play)
        L.wait_image_change(box, (after or before)["src"], timeout=3)
        assert after is not None, "Play did not change the picture"

    def test_changing_the_data_set_redraws(self, app):
        box = app.locator(".nnlib-playground").first
        dropdown = box.locator(".widget-dropdown").first
        before_digest, before = L.image_digest(box), L.image_state(box)
        what = L.move("dropdown", dropdown, "step")
        after = L.wait_image_change(box, before["src"], timeout=60)
        assert after is not None, f"{what}: the picture did not change"
        assert L.image_digest(box) != before_digest
