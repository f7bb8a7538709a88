"""The one setup call every chapter makes: quiet TensorFlow, fixed seeds, versions in one line.

Kept outside the numpy-only core: it touches TensorFlow and matplotlib only if they are installed.
"""
import os
import platform
import sys

QUIET_TF = {"TF_CPP_MIN_LOG_LEVEL": "3", "TF_ENABLE_ONEDNN_OPTS": "0"}


def quiet_tensorflow():
    """Silence TensorFlow's C++ start-up log; must run before ``import tensorflow``."""
    for k, v in QUIET_TF.items():
        os.environ.setdefault(k, v)


def setup(seed=0, tensorflow=True):
    """Seed numpy, nnlib and (if wanted) Keras/TensorFlow; print the versions in one line.

    With ``tensorflow=True`` TensorFlow is imported quietly and made deterministic, and the
    ``tf`` module is returned so a chapter can write ``tf = setup(seed=1)``.
    """
    import numpy as np

    import nnlib

    quiet_tensorflow()
    np.random.seed(seed)
    nnlib.set_random_seed(seed)
    parts = [f"Python {platform.python_version()}", f"numpy {np.__version__}", f"nnlib {nnlib.__version__}"]
    tf = None
    if tensorflow:
        import keras
        import tensorflow as tf

        keras.utils.set_random_seed(seed)
        tf.config.experimental.enable_op_determinism()
        parts += [f"TensorFlow {tf.__version__}", f"Keras {keras.__version__}"]
    try:
        import matplotlib

        # 100 dpi and no text under 9 pt: every picture stays legible where it is shown
        matplotlib.rcParams.update({"figure.dpi": 100, "savefig.dpi": 100, "figure.figsize": (6.4, 3.6),
                                    "font.size": 10, "legend.fontsize": 9, "xtick.labelsize": 9,
                                    "ytick.labelsize": 9, "legend.loc": "best"})
        parts.append(f"matplotlib {matplotlib.__version__}")
    except ImportError:  # pragma: no cover
        pass
    if os.environ.get("NNLIB_CHECK_FIGURES"):
        check_figures_after_each_cell()
    print(" · ".join(parts) + f" · seed {seed}")
    sys.stdout.flush()
    return tf


def check_figures_after_each_cell():
    """Before the inline backend shows a cell's pyplot figures, check that each is legible.

    Used by ``tools/run_notebooks.py`` (``NNLIB_CHECK_FIGURES=1``): a problem is written to stderr
    as a warning, and the run refuses to store a notebook with a warning in it.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return
    ip = get_ipython()
    if ip is None:
        return

    def check(*_):
        import matplotlib.pyplot as plt

        from nnlib.widgets._legibility import problems

        for num in plt.get_fignums():
            for p in problems(plt.figure(num)):
                print(f"Warning: illegible figure {num}: {p}", file=sys.stderr)

    callbacks = ip.events.callbacks["post_execute"]
    if not any(getattr(cb, "__name__", "") == "check" and cb.__module__ == __name__ for cb in callbacks):
        callbacks.insert(0, check)  # before the inline backend displays and closes the figures


def compare(ours, theirs, what="results", names=("nnlib", "tf.keras"), tol=1e-5):
    """Print one line saying how closely two computations of the same numbers agree, e.g.
    "nnlib and tf.keras agree to 3.0e-08 on 6 predictions (max |difference|)".

    ``names`` says what is compared: ``("numpy", "tf.keras")``, ``("by hand", "nnlib")``, ...
    TensorFlow computes in float32, so about 1e-7 relative is as close as it can come to float64.
    Prints only (returns None), so a notebook cell shows just the line.
    """
    import numpy as np

    a = np.asarray(ours, dtype=float)
    b = np.asarray(theirs, dtype=float)
    if a.shape != b.shape:
        b = b.reshape(a.shape) if a.size == b.size else b
    diff = float(np.max(np.abs(a - b))) if a.size else 0.0
    verdict = "agree" if diff <= tol else "DIFFER"
    left, right = names
    print(f"{left} and {right} {verdict} to {diff:.1e} on {a.size} {what} (max |difference|)")
