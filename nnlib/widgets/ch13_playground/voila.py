"""Voila: the chapter served as an app (only its widgets show; printed text and static copies are left out)."""
import os
import sys


def in_voila():
    """True when this kernel was started by Voila (it sets SERVER_SOFTWARE=voila/<version>)."""
    return os.environ.get("SERVER_SOFTWARE", "").startswith("voila")


class _Discard:
    def write(self, text):
        return len(text)

    def flush(self):
        pass


def app_mode():
    """Under Voila, show only the widgets: printed text and pyplot figures are dropped, static figures skipped.

    In Jupyter (or nbclient, or a test) it does nothing and returns False.
    """
    if not in_voila():
        return False
    sys.stdout = _Discard()
    import warnings

    import matplotlib.pyplot as plt

    plt.switch_backend("agg")  # pyplot figures (the chapter's experiments) are drawn but not shown
    warnings.filterwarnings("ignore", message=".*non-interactive, and thus cannot be shown")
    return True
