import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("NNLIB_OFFLINE", "1")
os.environ.setdefault("MPLBACKEND", "Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402


@pytest.fixture
def rng():
    return np.random.default_rng(0)


# `make test-fast` runs the library's tests only (`-m "not slow"`): these files draw widgets, run
# notebooks, start JupyterLab or a browser, or build Binder's image, and take most of `make test`.
SLOW_FILES = ("test_widgets", "test_playground", "test_notebook_pictures", "test_exercises_notebooks",
              "test_readme", "test_binder", "test_browser")


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: widget, notebook, browser or Binder test (skipped by make test-fast)")


def pytest_collection_modifyitems(config, items):
    for item in items:
        name = item.path.name
        if item.path.suffix == ".ipynb" or name.startswith(SLOW_FILES):
            item.add_marker(pytest.mark.slow)
