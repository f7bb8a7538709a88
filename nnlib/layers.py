"""The Dense layer: forward keeps its cache, backward applies the chain rule.

    forward:   z = a_in W + b,   a_out = g(z)
    backward:  dz = da_out * g'(z),  dW = a_in^T dz,  db = sum_i dz_i,  da_in = dz W^T

With a kernel_regularizer the model adds its penalty(W) to the cost J, so dW gets its gradient too.
"""
import numbers

import numpy as np

from . import activations
from ._random import get_rng
from ._validate import describe, integer, layer_weights, name as check_name, real_array, sequence

_name_counts = {}


def _auto_name(base):
    """Keras-style unique names: dense, dense_1, dense_2, ..."""
    n = _name_counts.get(base, 0)
    _name_counts[base] = n + 1
    return base if n == 0 else f"{base}_{n}"


def glorot_uniform(n_in, n_out, rng=None):
    """Keras's default kernel init: U(-r, r) with r = sqrt(6 / (n_in + n_out))."""
    n_in, n_out, rng = _check_glorot(n_in, n_out, rng)
    r = np.sqrt(6.0 / (n_in + n_out))
    return rng.uniform(-r, r, size=(n_in, n_out))


class Input:
    """Declares the input shape, as ``keras.Input(shape=(n,))``, so a model is built at once."""

    def __init__(self, shape):
        self.shape = _check_input_shape(shape)

    def __repr__(self):
        return f"Input(shape={self.shape})"


class Dense:
    """A fully connected layer of ``units`` neurons: a_out = g(a_in W + b).

    Args:
        units: n^[l], the number of units (neurons).
        activation: a Keras name ("linear", "sigmoid", "tanh", "relu", "leaky_relu",
            "softmax") or None for linear.
        name: the layer's name; by default "dense", "dense_1", ... as Keras does.
        kernel_regularizer: None, a penalty on W such as nnlib.regularizers.L2(0.01), or its
            Keras name "l1", "l2", "l1_l2"; fit adds penalty(W) to the cost J and its gradient to dW.
    Shapes: W (n^[l-1], n^[l]), b (n^[l],); a_in (m, n^[l-1]) -> a_out (m, n^[l]).
    Weights are created on the first input (Glorot-uniform W, zero b), like Keras.
    """

    def __init__(self, units, activation=None, name=None, kernel_regularizer=None):
        self.units = integer(units, "Dense(units=...)", low=1,
                             fix="It is n^[l], the number of neurons, e.g. Dense(3, activation='relu').")
        self.activation = activations._check_name(activation)
        self.g = activations.get(self.activation)
        self.name = check_name(name) or _auto_name("dense")
        self.kernel_regularizer = _check_regularizer(kernel_regularizer)
        self.W = None
        self.b = None
        self.dW = None
        self.db = None
        self.index = None  # its layer number l in a model, for error messages
        self._cache = None

    def __repr__(self):
        shape = "unbuilt" if self.W is None else f"W{self.W.shape}"
        reg = "" if self.kernel_regularizer is None else f", kernel_regularizer={self.kernel_regularizer!r}"
        return f"Dense(units={self.units}, activation={self.activation!r}, name={self.name!r}{reg}, {shape})"

    @property
    def built(self):
        return self.W is not None

    def build(self, n_in):
        """Create W (n_in, units) with Glorot-uniform values and b (units,) of zeros."""
        self.W = glorot_uniform(integer(n_in, "n_in", fix="It is n^[l-1], the number of inputs."), self.units)
        self.b = np.zeros(self.units)

    def count_params(self):
        return 0 if self.W is None else self.W.size + self.b.size

    def penalty(self):
        """The kernel_regularizer's penalty on W (0.0 without one): what this layer adds to the cost J."""
        return 0.0 if self.kernel_regularizer is None or self.W is None else self.kernel_regularizer(self.W)

    def _where(self):
        return f"Dense layer {self.index}" if self.index is not None else f"Dense layer {self.name!r}"

    def forward(self, a_in):
        """a_out = g(a_in W + b); keeps (a_in, z) for backward. Shapes: (m, n^[l-1]) -> (m, n^[l])."""
        a_in = _check_forward(self, a_in)
        z = a_in @ self.W + self.b
        self._cache = (a_in, z)
        return self.g(z)

    def backward(self, da_out):
        """Chain rule through g and the affine map. Returns da_in; stores dW, db.

        Shapes: da_out (m, n^[l]) -> da_in (m, n^[l-1]); dW like W, db like b.
        """
        z, da_out = _check_backward(self, da_out, "da_out")
        return self.backward_from_z(activations.backward(self.activation, z, da_out))

    def backward_from_z(self, dz):
        """Backward when dz = dJ/dz is already known (the fused output-layer gradient)."""
        _, dz = _check_backward(self, dz, "dz")
        a_in = self._cache[0]
        self.dW = a_in.T @ dz
        if self.kernel_regularizer is not None:  # J includes penalty(W): its slope joins dW
            self.dW += self.kernel_regularizer.gradient(self.W)
        self.db = dz.sum(axis=0)
        return dz @ self.W.T

    def get_weights(self):
        """[W, b] as copies, as Keras returns them."""
        if self.W is None:
            return []
        return [self.W.copy(), self.b.copy()]

    def set_weights(self, weights):
        """Set [W, b] with W of shape (n^[l-1], units) and b of shape (units,)."""
        W, b = layer_weights(weights, None if self.W is None else self.W.shape[0], self.units, self._where())
        self.W, self.b = W.copy(), b.copy()

    @property
    def params(self):
        return [self.W, self.b]

    @property
    def grads(self):
        return [self.dW, self.db]


# ---- checks ----------------------------------------------------------------------------------
def _check_forward(layer, a_in):
    """a_in as real numbers of shape (m, n^[l-1]); builds W on the first input, as Keras does.

    NaN and inf pass through, as in the formula."""
    a_in = real_array(a_in, "a_in", finite=False)
    if a_in.ndim != 2:
        raise ValueError(f"{layer._where()} expects a_in of shape (m, n^[l-1]); received {a_in.shape}. "
                         f"Use a_in.reshape(1, -1) for one example.")
    if layer.W is None:
        layer.build(a_in.shape[1])
    n_prev = layer.W.shape[0]
    if a_in.shape[1] != n_prev:
        raise ValueError(f"{layer._where()} expects a_in of shape (m, {n_prev}) because W is {layer.W.shape}; "
                         f"received {a_in.shape}. Give every example {n_prev} features, or rebuild the model "
                         f"for {a_in.shape[1]} features.")
    return a_in


def _check_backward(layer, d, what):
    """z of the last forward, and the upstream gradient d (da_out or dz) of exactly z's shape."""
    if layer._cache is None:
        raise RuntimeError(f"{layer._where()}: backward(da_out) needs what forward(a_in) keeps (a_in and z); "
                           f"call forward(a_in) before backward(da_out).")
    z = layer._cache[1]
    d = real_array(d, what, finite=False)
    if d.shape != z.shape:
        raise ValueError(f"{layer._where()} expects {what} of shape {z.shape}, the shape of this layer's output "
                         f"for the last forward(a_in); received {d.shape}. Pass dJ/da_out for the same batch, "
                         f"one row per example.")
    return z, d


def _check_regularizer(kernel_regularizer):
    if kernel_regularizer is None:
        return None
    from . import regularizers  # imported only when a layer asks for a penalty

    return regularizers.get(kernel_regularizer)


def _check_glorot(n_in, n_out, rng):
    n_in = integer(n_in, "n_in", fix="It is n^[l-1], the number of inputs of the layer.")
    n_out = integer(n_out, "n_out", low=1, fix="It is n^[l], the number of units of the layer.")
    if rng is not None and not isinstance(rng, np.random.Generator):
        raise ValueError(f"rng must be a numpy Generator such as np.random.default_rng(0), or None for "
                         f"nnlib's own; received {describe(rng)}.")
    return n_in, n_out, get_rng() if rng is None else rng


def _check_input_shape(shape):
    fix = "Write Input(shape=(n,)) with n the number of features, e.g. Input(shape=(3,))."
    if isinstance(shape, (numbers.Integral, np.integer)) and not isinstance(shape, (bool, np.bool_)):
        raise ValueError(f"Input(shape=...) must be a tuple (n,); received the int {shape!r}. "
                         f"Write Input(shape=({shape},)) (the comma makes it a tuple).")
    shape = tuple(sequence(shape, "Input(shape=...)", fix))
    if len(shape) != 1:
        raise ValueError(f"Input(shape=...) must be (n,) for dense networks; received {shape}. {fix}")
    integer(shape[0], "n in Input(shape=(n,))", low=1, fix=fix)
    return (int(shape[0]),)
