"""The Dense layer: forward keeps its cache, backward applies the chain rule.

    forward:   z = a_in W + b,   a_out = g(z)
    backward:  dz = da_out * g'(z),  dW = a_in^T dz,  db = sum_i dz_i,  da_in = dz W^T
"""
import numbers

import numpy as np

from . import activations
from ._random import get_rng
from ._validate import (describe, gradient_like, integer, layer_input, layer_weights, name as check_name,
                        sequence)

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
    Shapes: W (n^[l-1], n^[l]), b (n^[l],); a_in (m, n^[l-1]) -> a_out (m, n^[l]).
    Weights are created on the first input (Glorot-uniform W, zero b), like Keras.
    """

    def __init__(self, units, activation=None, name=None):
        self.units = integer(units, "Dense(units=...)", low=1,
                             fix="It is n^[l], the number of neurons, e.g. Dense(3, activation='relu').")
        self.activation = activations._check_name(activation)
        self.g = activations.get(self.activation)
        self.name = check_name(name) or _auto_name("dense")
        self.W = None
        self.b = None
        self.dW = None
        self.db = None
        self.index = None  # its layer number l in a model, for error messages
        self._cache = None

    def __repr__(self):
        shape = "unbuilt" if self.W is None else f"W{self.W.shape}"
        return f"Dense(units={self.units}, activation={self.activation!r}, name={self.name!r}, {shape})"

    @property
    def built(self):
        return self.W is not None

    def build(self, n_in):
        """Create W (n_in, units) with Glorot-uniform values and b (units,) of zeros."""
        self.W = glorot_uniform(integer(n_in, "n_in", fix="It is n^[l-1], the number of inputs."), self.units)
        self.b = np.zeros(self.units)

    def count_params(self):
        return 0 if self.W is None else self.W.size + self.b.size

    def _where(self):
        return f"Dense layer {self.index}" if self.index is not None else f"Dense layer {self.name!r}"

    def forward(self, a_in):
        """a_out = g(a_in W + b); keeps (a_in, z) for backward. Shapes: (m, n^[l-1]) -> (m, n^[l])."""
        a_in = self._check_input(a_in)
        z = a_in @ self.W + self.b
        self._cache = (a_in, z)
        return self.g(z)

    def backward(self, da_out):
        """Chain rule through g and the affine map. Returns da_in; stores dW, db.

        Shapes: da_out (m, n^[l]) -> da_in (m, n^[l-1]); dW like W, db like b.
        """
        _, z = self._require_cache()
        da_out = gradient_like(da_out, z.shape, "da_out", self._where())
        return self.backward_from_z(activations.backward(self.activation, z, da_out))

    def backward_from_z(self, dz):
        """Backward when dz = dJ/dz is already known (the fused output-layer gradient)."""
        a_in, z = self._require_cache()
        dz = gradient_like(dz, z.shape, "dz", self._where())
        self.dW = a_in.T @ dz
        self.db = dz.sum(axis=0)
        return dz @ self.W.T

    def _check_input(self, a_in):
        """a_in as real numbers of shape (m, n^[l-1]); builds W on the first input, as Keras does."""
        a_in = layer_input(a_in, self._where())
        if self.W is None:
            self.build(a_in.shape[1])
        if a_in.shape[1] != self.W.shape[0]:
            n_prev = self.W.shape[0]
            raise ValueError(
                f"{self._where()} expects a_in of shape (m, {n_prev}) because W is {self.W.shape}; "
                f"received {a_in.shape}. Give every example {n_prev} features, or rebuild the model "
                f"for {a_in.shape[1]} features."
            )
        return a_in

    def _require_cache(self):
        if self._cache is None:
            raise RuntimeError(f"{self._where()}: backward(da_out) needs what forward(a_in) keeps (a_in and z); "
                               f"call forward(a_in) before backward(da_out).")
        return self._cache

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
