"""Activation functions g(z) and their derivatives, named as Keras names them.

Each activation is a plain function of z; its derivative is ``<name>_derivative``.
Elementwise activations return g'(z) with the shape of z. Softmax mixes the units of
one example, so ``softmax_derivative`` returns the Jacobian da_j/dz_k of shape (m, n, n).

``get("relu")`` returns the function for a Keras activation string and ``backward``
turns da (dJ/da) into dz (dJ/dz) for any of them, softmax included.
"""
import numpy as np

from ._validate import number, real_array, unknown


def linear(z):
    """g(z) = z (no activation). Shapes: z (...,) -> same."""
    return _z(z)


def linear_derivative(z):
    """g'(z) = 1."""
    return np.ones_like(_z(z))


def sigmoid(z):
    """g(z) = 1 / (1 + e^(-z)), the logistic function. Shapes: z (...,) -> same.

    Written so that e^(...) only ever sees -|z| <= 0: it never overflows, so
    z = -1e4 gives 0.0 and z = 1e4 gives 1.0 without a warning.
    """
    z = _z(z)
    e = np.exp(-np.abs(z))  # in (0, 1]
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_derivative(z):
    """g'(z) = g(z) (1 - g(z)), which lies in (0, 0.25]."""
    a = sigmoid(z)
    return a * (1.0 - a)


def tanh(z):
    """g(z) = (e^z - e^(-z)) / (e^z + e^(-z)), in (-1, 1)."""
    return np.tanh(_z(z))


def tanh_derivative(z):
    """g'(z) = 1 - tanh(z)^2, which lies in (0, 1]."""
    return 1.0 - np.tanh(_z(z)) ** 2


def relu(z):
    """g(z) = max(0, z), the rectified linear unit."""
    return np.maximum(0.0, _z(z))


def relu_derivative(z):
    """g'(z) = 1 for z > 0, else 0 (TensorFlow also uses 0 at z = 0)."""
    return (_z(z) > 0).astype(float)


def leaky_relu(z, negative_slope=0.2):
    """g(z) = z for z > 0, else negative_slope * z.

    The default slope 0.2 is the one of Keras's ``"leaky_relu"`` function
    (the ``keras.layers.LeakyReLU`` layer uses 0.3: a trap worth knowing).
    """
    z, negative_slope = _z(z), _slope(negative_slope)
    with np.errstate(invalid="ignore"):  # 0 * inf in the branch np.where does not pick
        return np.where(z > 0, z, negative_slope * z)


def leaky_relu_derivative(z, negative_slope=0.2):
    """g'(z) = 1 for z > 0, else negative_slope."""
    z, negative_slope = _z(z), _slope(negative_slope)
    return np.where(z > 0, 1.0, negative_slope)


def softmax(z):
    """a_j = e^(z_j) / sum_k e^(z_k) over the last axis. Shapes: z (m, n) -> (m, n).

    Subtracting max_k z_k first changes nothing mathematically (it cancels) but keeps
    every exponent <= 0, so logits up to 1e4 in size never overflow.
    """
    z = _z(z, "softmax")
    with np.errstate(invalid="ignore"):  # inf - inf = NaN: an infinite z gives NaN, as the formula does
        e = np.exp(z - np.max(z, axis=-1, keepdims=True))
        return e / np.sum(e, axis=-1, keepdims=True)


def softmax_derivative(z):
    """Jacobian da_j/dz_k = a_j (delta_jk - a_k). Shapes: z (m, n) -> (m, n, n)."""
    a = softmax(_z(z, "softmax_derivative"))
    return a[..., :, None] * (np.eye(a.shape[-1]) - a[..., None, :])


ACTIVATIONS = {
    "linear": (linear, linear_derivative),
    "sigmoid": (sigmoid, sigmoid_derivative),
    "tanh": (tanh, tanh_derivative),
    "relu": (relu, relu_derivative),
    "leaky_relu": (leaky_relu, leaky_relu_derivative),
    "softmax": (softmax, softmax_derivative),
}


def _z(z, needs_units=None, what="z"):
    """z for an activation: real numbers of any shape; NaN and inf pass through (they are formulas).

    needs_units names a function that mixes the units of the last axis (softmax), which then
    must exist and hold at least one unit.
    """
    z = real_array(z, what, finite=False)
    if needs_units and (z.ndim == 0 or z.shape[-1] == 0):
        raise ValueError(
            f"{needs_units} normalises over the units on the last axis of z, so z must have shape (n,) or "
            f"(m, n) with n >= 1; received {'a single number' if z.ndim == 0 else 'shape ' + str(z.shape)}. "
            f"Pass the whole row of logits z of an example, e.g. {needs_units}(np.array([[1.0, 2.0, 0.5]]))."
        )
    return z


def _slope(negative_slope):
    return number(negative_slope, "negative_slope", low=0.0, fix="Keras's 'leaky_relu' uses 0.2.")


def _check_name(name):
    """The Keras name of an activation given by name, by nnlib function, or None (which means linear)."""
    if name is None:
        return "linear"  # Keras: activation=None means no activation
    if callable(name) and getattr(name, "__name__", None) in ACTIVATIONS:
        return name.__name__
    if not isinstance(name, str) or name not in ACTIVATIONS:
        raise unknown("activation", name, f"Expected one of {sorted(ACTIVATIONS)} (or None, which means "
                                          f"'linear'), as in Dense(3, activation=\"relu\").")
    return name


def get(name):
    """The activation function g for a Keras name such as ``"relu"``, an nnlib activation, or None (linear).

    An unknown name raises ValueError listing the known ones.
    """
    return ACTIVATIONS[_check_name(name)][0]


def derivative(name):
    """The derivative function for a Keras activation name."""
    return ACTIVATIONS[_check_name(name)][1]


def backward(name, z, da):
    """dz = dJ/dz from da = dJ/da for a = g(z) (the chain rule through g).

    Elementwise g: dz = da * g'(z). Softmax: dz = a * (da - sum_k da_k a_k), the
    vector-Jacobian product, without building the (m, n, n) Jacobian.
    Shapes: z (m, n), da (m, n) -> dz (m, n).
    """
    name, z, da = _check_backward(name, z, da)
    if name == "softmax":
        a = softmax(z)
        return a * (da - np.sum(da * a, axis=-1, keepdims=True))
    if name == "linear":  # g'(z) = 1: dz = da (a copy, never the caller's array)
        return np.array(da, dtype=float)
    if name == "relu":  # da * g'(z) without building g'(z) as floats first; the same numbers
        return da * (z > 0)
    return da * ACTIVATIONS[name][1](z)


def _check_backward(name, z, da):
    name, z, da = _check_name(name), _z(z), _z(da, what="da")
    if da.shape != z.shape:
        raise ValueError(f"backward expects da (dJ/da) of the shape of z {z.shape}; received {da.shape}. "
                         f"Pass one gradient per activation a = g(z).")
    return name, z, da
