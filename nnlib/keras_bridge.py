"""The tf.keras twin of an nnlib model, with the same weights (TensorFlow imported lazily).

    kmodel = to_keras(model)          # same layers, same W and b
    model2 = from_keras(kmodel)       # and back
    copy_weights(model, kmodel)       # [W1, b1, ...] from one to the other (either way)
"""
import os

import numpy as np

from ._validate import describe
from .layers import Dense
from .model import Sequential


def _keras():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    import keras

    return keras


def to_keras(model, name=None):
    """A keras.Sequential with the same Dense layers (units, activation, name, penalty) and weights."""
    _check_nnlib(model, "model")
    if name is not None and not isinstance(name, str):
        raise ValueError(f"name must be a string or None; received {describe(name)}.")
    model._require_built("to_keras")
    keras = _keras()
    layers = [keras.Input(shape=(model.layers[0].W.shape[0],))]
    layers += [keras.layers.Dense(l.units, activation=l.activation, name=l.name,
                                  kernel_regularizer=_keras_penalty(keras, l.kernel_regularizer))
               for l in model.layers]
    kmodel = keras.Sequential(layers, name=name or model.name)
    kmodel.set_weights(model.get_weights())
    return kmodel


def _keras_penalty(keras, reg):
    """keras.regularizers.L1L2 with the same factors (the same formulas, see nnlib.regularizers)."""
    if reg is None:
        return None
    return keras.regularizers.L1L2(l1=getattr(reg, "l1", 0.0), l2=getattr(reg, "l2", 0.0))


def _nnlib_penalty(reg):
    """nnlib's L1L2 with the factors of a Keras L1, L2 or L1L2 (None stays None)."""
    if reg is None:
        return None
    from .regularizers import L1L2

    return L1L2(l1=float(getattr(reg, "l1", 0.0)), l2=float(getattr(reg, "l2", 0.0)))


def from_keras(kmodel):
    """An nnlib Sequential with the same Dense layers and weights as a built Keras model."""
    if not hasattr(kmodel, "layers") or not hasattr(kmodel, "get_weights") or isinstance(kmodel, Sequential):
        raise ValueError(f"kmodel must be a built keras.Sequential of Dense layers; received {describe(kmodel)}. "
                         f"For an nnlib model there is nothing to convert.")
    layers = []
    for kl in kmodel.layers:
        cfg = kl.get_config()
        act = cfg.get("activation", "linear")
        if type(kl).__name__ != "Dense" or not isinstance(act, str):
            raise ValueError(f"from_keras handles Dense layers with a named activation; "
                             f"received {type(kl).__name__} {kl.name!r}.")
        layers.append(Dense(cfg["units"], activation=act, name=kl.name,
                            kernel_regularizer=_nnlib_penalty(kl.kernel_regularizer)))
    model = Sequential(layers)
    model.set_weights([np.asarray(w, dtype=float) for w in kmodel.get_weights()])
    return model


def copy_weights(src, dst):
    """Copy [W1, b1, W2, b2, ...] from src to dst (nnlib or Keras, either way)."""
    for what, m in (("src", src), ("dst", dst)):
        if not (hasattr(m, "get_weights") and hasattr(m, "set_weights")):
            raise ValueError(f"{what} must be an nnlib or Keras model (with get_weights and set_weights); "
                             f"received {describe(m)}.")
    weights = [np.asarray(w) for w in src.get_weights()]
    if hasattr(dst, "optimizer") and not isinstance(dst, Sequential):
        weights = [w.astype("float32") for w in weights]
    dst.set_weights(weights)
    return dst


def _check_nnlib(model, what):
    if not isinstance(model, Sequential):
        raise ValueError(f"{what} must be an nnlib Sequential; received {describe(model)}. "
                         f"Build it with nnlib.Sequential([Dense(...), ...]).")
