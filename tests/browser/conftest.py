"""Fixtures for the browser tests: one JupyterLab server per pytest process (each xdist worker has
its own), and a fresh headless Chromium per chapter. Skipped with one line when Chromium or
playwright is missing."""
import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import labdriver  # noqa: E402

SCREENSHOTS = Path(os.environ.get("NNLIB_SCREENSHOTS", labdriver.ROOT / "screenshots"))


def skip_reason():
    if labdriver.chromium_path() is None:
        return "browser tests skipped: Chromium not installed (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "browser tests skipped: the playwright package is not installed (pip install playwright)"
    return None


def announce(config, line):
    """One line on the terminal, past pytest's output capture (also from an xdist worker,
    whose stderr is the terminal's)."""
    capman = config.pluginmanager.getplugin("capturemanager")
    if capman is None:
        sys.stderr.write(f"\n{line}\n")
        return
    with capman.global_and_fixture_disabled():
        sys.stderr.write(f"\n{line}\n")
        sys.stderr.flush()


@pytest.fixture(scope="session")
def screenshots(request):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    announce(request.config, f"browser tests: screenshots in {SCREENSHOTS}/")
    return SCREENSHOTS


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """JupyterLab serving a copy of notebooks/ (so a run never writes the committed notebooks)."""
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    root = tmp_path_factory.mktemp("lab-root")
    labdriver.copy_notebooks(root)
    server = labdriver.Lab(root).start()
    yield server
    server.stop()
