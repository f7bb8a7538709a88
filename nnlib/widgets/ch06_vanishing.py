"""Chapter 6 widgets: vanishing gradients measured per layer, and functions built from ReLUs.

- ``vanishing_widget``: a deep network (depth, activation and weight scale chosen by the
  learner) on a fixed batch; the gradient norm ||dW^[l]|| of every layer from nnlib's
  backprop (``Sequential.compute_gradients``), and the mean g'(z^[l]) that backprop
  multiplies by at each layer, with the ReLU units that are dead on the batch counted.
- ``relu_sum_widget``: the course's ReLU lab: set w and b of three ReLU units by hand so
  that their sum matches a piecewise-linear target.
- ``stacking_widget``: n ReLU units placed by formula (a knot each) approximate a cubic;
  more units, smaller error.

The helpers (``deep_network``, ``gradient_norms``, ``dead_units``, ``relu_interpolation``)
are used by the chapter too, so the widget and the text compute the same thing.
"""
import functools

import numpy as np

from .. import activations as act
from ..activations import relu
from ..layers import Dense, glorot_uniform
from ..losses import BinaryCrossentropy
from ..model import Sequential
from ._core import Choice, Slider, Toggle, Widget, fmt, note

# A fixed batch: m = 128 examples of 8 features; y = 1 when x1 and x2 have the same sign.
_rng = np.random.default_rng(6)
X_DEEP = _rng.normal(size=(128, 8))
Y_DEEP = (X_DEEP[:, 0] * X_DEEP[:, 1] > 0).astype(float)
HIDDEN = ("sigmoid", "tanh", "relu", "leaky_relu")
COLORS = {"sigmoid": "C0", "tanh": "C1", "relu": "C2", "leaky_relu": "C3"}


def deep_network(activation, depth, width=16, scale=1.0, seed=6, n_in=8):
    """A compiled Sequential: depth - 1 hidden Dense(width, activation) layers and a sigmoid output.

    W^[l] is Keras's Glorot-uniform drawn from its own generator seeded with ``seed`` (so
    nnlib's global seed is not disturbed), multiplied by ``scale``; every b^[l] is 0. The
    loss is binary cross-entropy.
    """
    rng = np.random.default_rng(seed)
    layers = [Dense(width, activation=activation) for _ in range(depth - 1)]
    layers.append(Dense(1, activation="sigmoid"))
    n = n_in
    for layer in layers:
        layer.set_weights([glorot_uniform(n, layer.units, rng) * scale, np.zeros(layer.units)])
        n = layer.units
    model = Sequential(layers)
    model.compile(optimizer="sgd", loss=BinaryCrossentropy())
    return model


def gradient_norms(model, x=X_DEEP, y=Y_DEEP):
    """||dW^[l]|| (Frobenius norm) for l = 1..L from one backprop on (x, y)."""
    _, grads = model.compute_gradients(x, y)
    return np.array([np.linalg.norm(dW) for dW in grads[0::2]])


def layer_stats(model, x=X_DEEP):
    """Per hidden layer: z^[l] of shape (m, n^[l]) and, for each unit, whether z <= 0 for every example."""
    a, zs, negative = x, [], []
    for layer in model.layers[:-1]:
        z = a @ layer.W + layer.b
        zs.append(z)
        negative.append(np.all(z <= 0, axis=0))
        a = layer.g(z)
    return zs, negative


def dead_units(model, x=X_DEEP):
    """Number of units per hidden layer whose z <= 0 on every example of x (dead if ReLU)."""
    return [int(n.sum()) for n in layer_stats(model, x)[1]]


@functools.lru_cache(maxsize=256)
def _measure(activation, depth, scale):
    model = deep_network(activation, depth, scale=scale)
    with np.errstate(all="ignore"):
        norms = gradient_norms(model)
        zs, negative = layer_stats(model)
        deriv = np.array([float(np.mean(act.derivative(activation)(z))) for z in zs])
    return norms, deriv, [int(n.sum()) for n in negative]


def draw_vanishing(fig, activation, depth, scale):
    ax, ax2 = fig.subplots(1, 2)
    norms, deriv, negative = _measure(activation, int(depth), float(scale))
    L = len(norms)
    layers = np.arange(1, L + 1)
    c = COLORS[activation]
    if not np.all(np.isfinite(norms)):
        note(ax, "overflow: the weights are so large that z, and so the gradients, left the range "
                 "of float64. Lower the weight scale.")
    shown = np.where(norms > 0, norms, np.nan)
    ax.semilogy(layers, shown, "o-", color=c, ms=4, label=f"{activation}, scale {scale:.2g}")
    if np.any(norms == 0):
        zero = layers[norms == 0]
        ax.plot(zero, np.full(len(zero), np.nanmin(shown) if np.any(norms > 0) else 1.0), "x",
                color="k", ms=8, label="exactly 0 (no gradient)")
        if np.all(norms[:-1] == 0):
            note(ax, "every hidden layer's gradient is exactly 0: all paths pass through dead "
                     "ReLU units. The network cannot learn.")
    ax.set(xlabel="layer l (1 = next to the input)", ylabel="||dW^[l]|| (log scale)")
    ratio = norms[0] / norms[-1] if norms[-1] > 0 else np.nan
    ax.set_title(f"gradient norm per layer; first / last = {fmt(float(ratio))}", fontsize=9.5)
    ax.legend(fontsize=8, loc="upper left")
    ax.grid(alpha=0.3, which="major")

    hl = np.arange(1, L)
    ax2.bar(hl, deriv, color=c, alpha=0.75, width=0.7)
    ax2.axhline(0.25, color="C0", lw=0.8, ls=":", label="0.25 = max of sigmoid'")
    ax2.set(xlabel="hidden layer l", ylabel="mean g'(z^[l]) over the batch", ylim=(0, 1.08),
            xlim=(0.3, max(L - 0.4, 1.7)))
    total = sum(negative)
    n_units = 16 * (L - 1)
    if activation == "relu":
        what = f"dead ReLU units (z <= 0 on all 128 examples): {total} of {n_units}"
    elif activation == "leaky_relu":
        what = f"units with z <= 0 on all examples: {total} of {n_units} (still learn: g' = 0.2)"
    else:
        what = f"{activation} has no dead units (g' > 0 everywhere)"
    ax2.set_title(what, fontsize=8.5)
    for l, n in zip(hl, negative):
        if n and activation in ("relu", "leaky_relu"):
            ax2.text(l, deriv[l - 1] + 0.02, str(n), ha="center", fontsize=7, color="k")
    ax2.legend(fontsize=7.5, loc="upper right")


vanishing_widget = Widget(
    draw=draw_vanishing,
    controls={
        "activation": Choice(list(HIDDEN), "sigmoid", description="hidden activation"),
        "depth": Slider(2, 30, 10, step=1, integer=True, description="layers L"),
        "scale": Slider(0.25, 4.0, 1.0, step=0.05, log=True, description="weight scale × Glorot"),
    },
    title="Backprop through a deep network (width 16, a fixed batch of 128 examples)",
    figsize=(9.5, 3.8),
)


# ---- the ReLU lab: three units set by hand --------------------------------------------
X_LAB = np.linspace(0, 3, 301)
LAB_UNITS = ((-2.0, 2.0), (1.0, -1.0), (3.0, -6.0))  # (w, b) of the target's three units


def lab_target(x):
    """The piecewise-linear target: slope -2 on [0, 1], +1 on [1, 2], +4 on [2, 3]."""
    return sum(relu(w * x + b) for w, b in LAB_UNITS)


def draw_relu_sum(fig, w1, b1, w2, b2, w3, b3):
    ax, ax2 = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.4, 1]})
    x = X_LAB
    units = [relu(w * x + b) for w, b in ((w1, b1), (w2, b2), (w3, b3))]
    out = sum(units)
    target = lab_target(x)
    mse = float(np.mean((out - target) ** 2))
    ax.plot(x, target, color="0.6", lw=5, alpha=0.6, label="target")
    ax.plot(x, out, color="k", lw=1.8, label="a^[2] = unit 1 + unit 2 + unit 3")
    ax.set(xlabel="x", ylabel="output", xlim=(0, 3))
    ax.set_ylim(min(-0.5, float(out.min()) - 0.3), max(5.5, min(float(out.max()) + 0.3, 40.0)))
    ax.set_title(f"mean squared error = {fmt(mse, 3)}" + ("   matched!" if mse < 1e-3 else ""),
                 fontsize=10, color="C2" if mse < 1e-3 else "k")
    ax.legend(fontsize=8, loc="upper left")
    if float(out.max()) > 40:
        note(ax, "the sum leaves the plot (above 40): a weight is far too large", color="C1")
    for k, (u, (w, b)) in enumerate(zip(units, ((w1, b1), (w2, b2), (w3, b3)))):
        ax2.plot(x, u, color=f"C{k}", lw=1.6, label=f"unit {k + 1}: relu({w:.1f} x {b:+.1f})")
        if w != 0 and 0 <= -b / w <= 3:
            ax2.axvline(-b / w, color=f"C{k}", lw=0.7, ls=":")
    ax2.set(xlabel="x", ylabel="unit output relu(w x + b)", xlim=(0, 3), title="each unit (dotted: its kink)")
    ax2.title.set_fontsize(9.5)
    top = max(1.0, min(float(max(u.max() for u in units)), 40.0))
    ax2.set_ylim(-0.2, top * 1.1 + 0.2)
    ax2.legend(fontsize=7.5, loc="upper left")
    if all(float(u.max()) == 0 for u in units):
        note(ax2, "all three units output 0 on [0, 3]: each is off (w x + b <= 0) everywhere", color="C1")


relu_sum_widget = Widget(
    draw=draw_relu_sum,
    controls={
        "w1": Slider(-4.0, 4.0, -2.0, step=0.5, description="w1"),
        "b1": Slider(-8.0, 8.0, 2.0, step=0.5, description="b1"),
        "w2": Slider(-4.0, 4.0, 1.0, step=0.5, description="w2"),
        "b2": Slider(-8.0, 8.0, 0.0, step=0.5, description="b2"),
        "w3": Slider(-4.0, 4.0, 0.0, step=0.5, description="w3"),
        "b3": Slider(-8.0, 8.0, 0.0, step=0.5, description="b3"),
    },
    title="Three ReLU units set by hand: a^[2] = relu(w1 x + b1) + relu(w2 x + b2) + relu(w3 x + b3)",
    figsize=(9.5, 3.8),
)


# ---- a cubic from stacked ReLUs --------------------------------------------------------
X_CUBIC = np.linspace(-2, 2, 201)


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


def draw_stacking(fig, units, show_units):
    ax = fig.add_subplot(1, 1, 1)
    n = int(units)
    W1, b1, W2, b2 = relu_interpolation(n)
    x = X_CUBIC
    hidden = relu(x[:, None] @ W1 + b1)          # (m, n)
    out = (hidden @ W2 + b2).ravel()
    mse = float(np.mean((out - cubic(x)) ** 2))
    ax.plot(x, cubic(x), color="0.6", lw=5, alpha=0.6, label="target x³ − 3x")
    ax.plot(x, out, color="k", lw=1.6, label=f"{n} ReLU unit{'s' if n > 1 else ''} + linear output")
    knots = -b1
    ax.plot(knots, (relu(knots[:, None] @ W1 + b1) @ W2 + b2).ravel(), "o", color="C3", ms=4,
            label="knots (one unit switches on at each)")
    if show_units:
        for k in range(n):
            ax.plot(x, hidden[:, k] * W2[k, 0], lw=0.8, alpha=0.7)
    ax.set(xlim=(-2, 2), ylim=(-6, 6), xlabel="x", ylabel="f(x)")
    ax.set_title(f"{n} units: mean squared error {fmt(mse, 3)} on 201 points in [-2, 2]", fontsize=10)
    ax.legend(fontsize=8, loc="upper left")
    if show_units and n >= 12:
        ax.text(0.98, 0.03, "thin lines: each unit's contribution w2_k · relu(x − t_k)",
                transform=ax.transAxes, ha="right", fontsize=8, color="0.3")


stacking_widget = Widget(
    draw=draw_stacking,
    controls={
        "units": Slider(1, 40, 4, step=1, integer=True, description="ReLU units n"),
        "show_units": Toggle(True, description="draw each unit's contribution"),
    },
    title="Stacking ReLUs: n units join the cubic's values at n + 1 knots",
    figsize=(7.5, 3.9),
)
