"""Chapter 6's numbers: a deep network on a fixed batch, the sizes backprop passes through it,
the ReLU lab's target and a cubic joined by ReLU units.

``ch06_vanishing`` draws them; the chapter imports these names from there, so the widget and the
text compute the same thing. Every forward pass is nnlib's own (``Sequential.activations``).
"""
import functools
import math

import numpy as np

from .. import activations as act
from ..activations import relu
from ..layers import Dense, glorot_uniform
from ..losses import BinaryCrossentropy
from ..model import Sequential
from . import rung

# A fixed batch: m = 128 examples of 8 features; y = 1 when x1 and x2 have the same sign.
_rng = np.random.default_rng(6)
X_DEEP = _rng.normal(size=(128, 8))
Y_DEEP = (X_DEEP[:, 0] * X_DEEP[:, 1] > 0).astype(float)


def deep_network(activation, depth, width=16, scale=1.0, seed=6, n_in=8, init="glorot"):
    """A compiled Sequential: depth - 1 hidden Dense(width, activation) layers and a sigmoid output.

    W^[l] is Keras's Glorot-uniform, uniform on [-r, r] with r = sqrt(6 / (n^[l-1] + n^[l])),
    so Var = 2 / (n^[l-1] + n^[l]), drawn from its own generator seeded with ``seed`` (so
    nnlib's global seed is not disturbed), multiplied by ``scale``; every b^[l] is 0.
    ``init="he"`` rescales each layer's draw by its own factor sqrt((n^[l-1] + n^[l]) / n^[l-1])
    to He-uniform (Keras's ``he_uniform``, r = sqrt(6 / n^[l-1]), Var = 2 / n^[l-1]): sqrt(2)
    for the 16 -> 16 layers, sqrt(3) for the first (8 -> 16), sqrt(17 / 16) for the output.
    The loss is binary cross-entropy.
    """
    if init not in ("glorot", "he"):
        raise ValueError(f'init must be "glorot" or "he"; received {init!r}.')
    rng = np.random.default_rng(seed)
    layers = [Dense(width, activation=activation) for _ in range(depth - 1)]
    layers.append(Dense(1, activation="sigmoid"))
    n = n_in
    for layer in layers:
        factor = math.sqrt((n + layer.units) / n) if init == "he" else 1.0
        layer.set_weights([glorot_uniform(n, layer.units, rng) * scale * factor, np.zeros(layer.units)])
        n = layer.units
    model = Sequential(layers)
    model.compile(optimizer="sgd", loss=BinaryCrossentropy())
    return model


def gradient_rms(model, x=X_DEEP, y=Y_DEEP):
    """The root mean square of the entries of dW^[l], sqrt(mean(dW**2)), for l = 1..L.

    Per entry, so layers of different sizes compare fairly (the first layer's W is (8, 16),
    the last one's (16, 1)): the Frobenius norm grows with the number of entries.
    """
    _, grads = model.compute_gradients(x, y)
    return np.array([float(np.sqrt(np.mean(dW ** 2))) for dW in grads[0::2]])


def gradient_norms(model, x=X_DEEP, y=Y_DEEP):
    """||dW^[l]|| (Frobenius norm) for l = 1..L from one backprop on (x, y)."""
    _, grads = model.compute_gradients(x, y)
    return np.array([np.linalg.norm(dW) for dW in grads[0::2]])


def forward_values(model, x=X_DEEP):
    """[a^[0], ..., a^[L]] from ``model.activations(x)`` (a^[0] = x) and [z^[1], ..., z^[L]],
    z^[l] = a^[l-1] W^[l] + b^[l]. Shapes: x (m, n^[0]); a^[l] and z^[l] (m, n^[l])."""
    a = [x] + model.activations(x)
    return a, [a_in @ layer.W + layer.b for a_in, layer in zip(a, model.layers)]


def backprop_sizes(model, x=X_DEEP, y=Y_DEEP):
    """Per layer l = 1..L, RMS of the entries of a^[l-1] (forward) and of dz^[l] (backward).

    dW^[l] = (a^[l-1])^T dz^[l], so the size of dW^[l] is the product of the two: a gradient
    stays level through depth when the forward signal and the backward signal change in step.
    Shapes: x (m, n^[0]); returns two arrays of shape (L,).
    """
    a, zs = forward_values(model, x)
    dz = (a[-1] - y.reshape(-1, 1)) / len(x)   # sigmoid output + cross-entropy, fused
    rms_a, rms_dz = [], []
    for l in range(len(model.layers) - 1, -1, -1):
        rms_a.append(float(np.sqrt(np.mean(a[l] ** 2))))
        rms_dz.append(float(np.sqrt(np.mean(dz ** 2))))
        if l > 0:
            da = dz @ model.layers[l].W.T
            dz = da * act.derivative(model.layers[l - 1].activation)(zs[l - 1])
    return np.array(rms_a[::-1]), np.array(rms_dz[::-1])


def layer_stats(model, x=X_DEEP):
    """Per hidden layer: z^[l] of shape (m, n^[l]) and, for each unit, whether z <= 0 for every example."""
    zs = forward_values(model, x)[1][:-1]
    return zs, [np.all(z <= 0, axis=0) for z in zs]


def dead_units(model, x=X_DEEP):
    """Number of units per hidden layer whose z <= 0 on every example of x (dead if ReLU)."""
    return [int(n.sum()) for n in layer_stats(model, x)[1]]


@functools.lru_cache(maxsize=256)
def measure(activation, depth, scale):
    """For the widget: RMS of dW^[l] per layer, mean g'(z^[l]) and the count of units with
    z <= 0 on the whole batch per hidden layer (cached: the sliders come back to settings)."""
    model = deep_network(activation, depth, scale=scale)
    with np.errstate(all="ignore"):
        norms = gradient_rms(model)
        zs, negative = layer_stats(model)
        deriv = np.array([float(np.mean(act.derivative(activation)(z))) for z in zs])
    return norms, deriv, [int(n.sum()) for n in negative]


# The widget's axes follow the setting on a small ladder of limits, so the default fills the
# plot and one slider step rarely moves them (a live widget redraws its axes only when they
# move, and once per set of limits). Layers: the x axes end at the next of 5, 10, 20, 30 layers.
# RMS of dW^[l]: a band of whole 5-decade steps holding 10^0 (a gradient of order one, the
# reference that "vanish" and "explode" are read against) and every finite nonzero size of
# this network and of the deepest one the x axis shows: sigmoid, 10 layers: 1e-10..1e0; the
# extremes of the sliders: 1e-40..1e0 (sigmoid, 30 layers, weight scale 0.25) and 1e0..1e15
# (ReLU, 30 layers, scale 4).
MAX_DEPTH = 30
DEPTH_ENDS = (5, 10, 20, MAX_DEPTH)
DECADES = 5  # the band's limits are multiples of this many decades
EDGE = 0.012  # a point nearer a band edge than this share of the band (a marker's radius) moves it


def depth_end(depth):
    """Where the layer axes end: the next of DEPTH_ENDS at or above depth."""
    return rung(DEPTH_ENDS, depth)


def norm_band(norms):
    """(lo, hi) exponents of the left panel's y limits 10**lo..10**hi: multiples of DECADES
    holding 10**0 and every finite nonzero norm, none of them half cut off by an edge."""
    norms = np.asarray(norms, dtype=float)
    shown = np.log10(norms[np.isfinite(norms) & (norms > 0)])
    low, high = (float(shown.min()), float(shown.max())) if len(shown) else (0.0, 0.0)
    lo = DECADES * int(np.floor(min(low, 0.0) / DECADES))
    hi = DECADES * int(np.ceil(max(high, 0.0) / DECADES))
    edge = EDGE * max(hi - lo, DECADES)
    if low - lo < edge:
        lo -= DECADES
    if len(shown) and hi - high < edge:
        hi += DECADES
    return lo, hi


def decade_ticks(lo, hi):
    """A label every 1, 2, 3, 5 or 10 decades (at most 9 labels), a minor tick at every decade."""
    span = hi - lo
    step = next((s for s in (1, 2, 3, 5, 10) if span % s == 0 and span // s <= 8),
                DECADES * -(-span // (8 * DECADES)))
    major = [e for e in range(lo, hi + 1) if e % step == 0]
    return 10.0 ** np.array(major), 10.0 ** np.arange(lo, hi + 1)


# ---- the ReLU lab's target, and a cubic joined by ReLU units ---------------------------
LAB_UNITS = ((-2.0, 2.0), (1.0, -1.0), (3.0, -6.0))  # (w, b) of the target's three units


def lab_target(x):
    """The piecewise-linear target: slope -2 on [0, 1], +1 on [1, 2], +4 on [2, 3]."""
    return sum(relu(w * x + b) for w, b in LAB_UNITS)


def cubic(x):
    """The target of the stacking demo: f(x) = x^3 - 3x on [-2, 2]."""
    return x ** 3 - 3 * x


def relu_interpolation(n, f=cubic, lo=-2.0, hi=2.0):
    """Weights [W1, b1, W2, b2] of a 1 -> n (ReLU) -> 1 (linear) network that joins f's values
    at n + 1 equally spaced knots with straight lines.

    Unit k switches on at knot t_k (W1 = 1, b1 = -t_k) and adds the change of slope there:
    f_hat(x) = f(t_0) + sum_k c_k relu(x - t_k), c_0 = first slope, c_k = s_k - s_(k-1).
    Shapes: W1 (1, n), b1 (n,), W2 (n, 1), b2 (1,).
    """
    t = np.linspace(lo, hi, n + 1)
    slopes = np.diff(f(t)) / np.diff(t)
    c = np.r_[slopes[0], np.diff(slopes)]
    return [np.ones((1, n)), -t[:-1], c.reshape(-1, 1), np.array([f(t[0])])]


def relu_network(n):
    """The 1 -> n (ReLU) -> 1 (linear) Sequential with the weights of ``relu_interpolation(n)``."""
    model = Sequential([Dense(n, activation="relu"), Dense(1)])
    model.set_weights(relu_interpolation(n))
    return model
