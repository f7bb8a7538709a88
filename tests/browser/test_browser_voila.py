"""The playground chapter as an app in Voila (the README's Voila link): it renders without
errors, Play animates the picture, and changing the data set redraws it."""
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

import labdriver as L

PLAYGROUNDS = sorted(L.NOTEBOOKS.glob("*playground*.ipynb"))


def voila_installed():
    try:
        import voila  # noqa: F401
    except ImportError:
        return False
    return True


pytestmark = [
    pytest.mark.skipif(not PLAYGROUNDS, reason="no playground chapter in notebooks/"),
    pytest.mark.skipif(not voila_installed(), reason="voila not installed (pip install voila)"),
]


class TestPlaygroundInVoila:
    @pytest.fixture(scope="class")
    @classmethod
    def app(cls, lab, screenshots, tmp_path_factory):
        """Voila serving a copy of the playground notebook on 127.0.0.1, and a page showing it."""
        from playwright.sync_api import sync_playwright

        name = PLAYGROUNDS[-1].name
        notebooks = lab.root / "notebooks"  # the lab fixture's copy of notebooks/
        port, token = L.free_port(), "voila-test"
        env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
        env.update(L.KERNEL_ENV, JUPYTER_CONFIG_DIR=str(tmp_path_factory.mktemp("voila-config")))
        log = open(lab.tmp / "voila.log", "w")
        proc = subprocess.Popen([sys.executable, "-m", "voila", name, "--no-browser", f"--port={port}",
                                 "--Voila.ip=127.0.0.1", "--Voila.port_retries=0", f"--token={token}"],
                                cwd=notebooks, env=env, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
        url = f"http://127.0.0.1:{port}/?token={token}"
        try:
            deadline = time.monotonic() + 90
            while True:
                try:  # any HTTP answer means the server is up (voila has no /api/status)
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/static/", timeout=5)
                    break
                except urllib.error.HTTPError:
                    break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        pytest.fail(f"voila did not start:\n{(lab.tmp / 'voila.log').read_text()[-3000:]}")
                    time.sleep(0.5)
            with sync_playwright() as pw:
                browser = L.launch_chromium(pw)
                page = browser.new_page(viewport={"width": 1400, "height": 1100})
                # Voila runs the whole notebook before the app appears
                page.goto(url, wait_until="domcontentloaded", timeout=300_000)
                page.locator(".nnlib-playground img").first.wait_for(timeout=300_000)
                yield page
                page.screenshot(path=str(screenshots / f"{PLAYGROUNDS[-1].stem}-voila.png"))
                browser.close()
        finally:
            proc.terminate()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
            log.close()

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
