"""The one setup call every chapter makes: quiet TensorFlow, fixed seeds, versions in one line.

Kept outside the numpy-only core: it touches TensorFlow and matplotlib only if they are installed.
"""
import os
import platform
import sys

QUIET_TF = {"TF_CPP_MIN_LOG_LEVEL": "2", "TF_ENABLE_ONEDNN_OPTS": "0"}


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

        matplotlib.rcParams.update({"figure.dpi": 80, "savefig.dpi": 80, "figure.figsize": (6.4, 3.6)})
        parts.append(f"matplotlib {matplotlib.__version__}")
    except ImportError:  # pragma: no cover
        pass
    print(" · ".join(parts) + f" · seed {seed}")
    sys.stdout.flush()
    return tf
