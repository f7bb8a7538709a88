"""Chapter 6 widgets: vanishing gradients measured per layer, and functions built from ReLUs.

- ``vanishing_widget``: a deep network (depth, activation and weight scale chosen by the
  learner) on a fixed batch; the size (RMS of the entries) of dW^[l] of every layer from nnlib's
  backprop (``Sequential.compute_gradients``), and the mean g'(z^[l]) that backprop
  multiplies by at each layer, with the ReLU units that are dead on the batch counted.
- ``relu_sum_widget``: the course's ReLU lab: set w and b of three ReLU units by hand so
  that their sum matches a piecewise-linear target.
- ``stacking_widget``: n ReLU units placed by formula (a knot each) approximate a cubic;
  more units, smaller error.

The helpers (``deep_network``, ``gradient_rms``, ``backprop_sizes``, ``dead_units``, ``relu_interpolation``)
are used by the chapter too, so the widget and the text compute the same thing.
"""
import functools
import math

import numpy as np
from matplotlib.ticker import MaxNLocator

from .. import activations as act
from ..activations import relu
from ..layers import Dense, glorot_uniform
from ..losses import BinaryCrossentropy
from ..model import Sequential
from ._core import Choice, Slider, Toggle, Widget, fmt, note_slot, rung, say

# A fixed batch: m = 128 examples of 8 features; y = 1 when x1 and x2 have the same sign.
_rng = np.random.default_rng(6)
X_DEEP = _rng.normal(size=(128, 8))
Y_DEEP = (X_DEEP[:, 0] * X_DEEP[:, 1] > 0).astype(float)
HIDDEN = ("sigmoid", "tanh", "relu", "leaky_relu")
COLORS = {"sigmoid": "C0", "tanh": "C1", "relu": "C2", "leaky_relu": "C3"}


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


def backprop_sizes(model, x=X_DEEP, y=Y_DEEP):
    """Per layer l = 1..L, RMS of the entries of a^[l-1] (forward) and of dz^[l] (backward).

    dW^[l] = (a^[l-1])^T dz^[l], so the size of dW^[l] is the product of the two: a gradient
    stays level through depth when the forward signal and the backward signal change in step.
    Shapes: x (m, n^[0]); returns two arrays of shape (L,).
    """
    a, zs = [x], []
    for layer in model.layers:
        zs.append(a[-1] @ layer.W + layer.b)
        a.append(layer.g(zs[-1]))
    dz = (a[-1] - y.reshape(-1, 1)) / len(x)   # sigmoid output + cross-entropy, fused
    rms_a, rms_dz = [], []
    for l in range(len(model.layers) - 1, -1, -1):
        rms_a.append(float(np.sqrt(np.mean(a[l] ** 2))))
        rms_dz.append(float(np.sqrt(np.mean(dz ** 2))))
        if l > 0:
            da = dz @ model.layers[l].W.T
            dz = da * act.derivative(model.layers[l - 1].activation)(zs[l - 1])
    return np.array(rms_a[::-1]), np.array(rms_dz[::-1])


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
        norms = gradient_rms(model)
        zs, negative = layer_stats(model)
        deriv = np.array([float(np.mean(act.derivative(activation)(z))) for z in zs])
    return norms, deriv, [int(n.sum()) for n in negative]


# The axes follow the setting on a small ladder of limits, so the default fills the plot and
# one slider step rarely moves them (a live widget redraws its axes only when they move, and
# once per set of limits). Layers: the x axes end at the next of 5, 10, 20, 30 layers.
# ||dW^[l]||: a band of whole 5-decade steps holding 10^0 (a gradient of order one, the
# reference that "vanish" and "explode" are read against) and every finite nonzero norm of
# this network and of the deepest one the x axis shows (_set_limits): sigmoid, 10 layers:
# 1e-10..1e0; the extremes of the sliders: 1e-40..1e0 (sigmoid, 30 layers, weight scale
# 0.25) and 1e0..1e15 (ReLU, 30 layers, scale 4).
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


def _decade_ticks(lo, hi):
    """A label every 1, 2, 3, 5 or 10 decades (at most 9 labels), a minor tick at every decade."""
    span = hi - lo
    step = next((s for s in (1, 2, 3, 5, 10) if span % s == 0 and span // s <= 8),
                DECADES * -(-span // (8 * DECADES)))
    major = [e for e in range(lo, hi + 1) if e % step == 0]
    return 10.0 ** np.array(major), 10.0 ** np.arange(lo, hi + 1)


def setup_vanishing(fig):
    """Both panels, and empty artists for update_vanishing to fill (it sets the axis limits)."""
    ax, ax2 = fig.subplots(1, 2)
    ax.set_yscale("log")
    ax.set(xlabel="layer l (1 = next to the input)", ylabel=r"RMS of the entries of $dW^{[l]}$")
    ax.tick_params(axis="y", which="minor", labelleft=False)
    ax.grid(alpha=0.3, which="major")
    ax.set_title(" ", fontsize=9.5)
    curve = ax.plot([], [], "o-", ms=4)[0]
    zeros = ax.plot([], [], "x", color="k", ms=8)[0]
    # Two legends, one shown: without and with the "exactly 0" entry. The y band is fitted to
    # the curve, so no corner is free at every setting: update_vanishing places them.
    plain = ax.legend([curve], [" "], fontsize=9, loc="best")
    ax.add_artist(plain)
    with_zeros = ax.legend([curve, zeros], [" ", "exactly 0 (no gradient)"], fontsize=9, loc="best")

    hidden = np.arange(1, MAX_DEPTH)  # hidden layers 1..L-1
    bars = ax2.bar(hidden, np.zeros(len(hidden)), width=0.7, alpha=0.75)
    ref = ax2.axhline(0.25, color="C0", lw=0.8, ls=":", label="0.25 = max of sigmoid'")
    counts = [ax2.text(l, 0, "", ha="center", fontsize=9, color="k", in_layout=False)
              for l in hidden]
    ax2.set(xlabel="hidden layer l", ylabel=r"mean $g'(z^{[l]})$ over the batch", ylim=(0, 1.08))
    ax2.set_title(" ", fontsize=9)
    for a in (ax, ax2):  # layers are whole numbers, also on the short axes of few layers
        a.xaxis.set_major_locator(MaxNLocator(integer=True, steps=[1, 2, 5, 10]))
    return dict(ax=ax, ax2=ax2, curve=curve, zeros=zeros, legends=(plain, with_zeros),
                note=note_slot(ax), bars=list(bars), ref=ref, counts=counts,
                legend2=ax2.legend(fontsize=9, loc="best"))


def _set_limits(p, activation, scale, norms):
    """Put the axes on their rungs (x: depth_end, y: norm_band); return the band (lo, hi).

    The band holds the norms of this network and of the deepest one its x axis shows (same
    activation and weight scale), so within one rung of depths the axes stand still and the
    curve grows across them as layers are added.
    """
    end = depth_end(len(norms))
    if end > len(norms):
        norms = np.concatenate([norms, _measure(activation, end, scale)[0]])
    lo, hi = norm_band(norms)
    ax = p["ax"]
    major, minor = _decade_ticks(lo, hi)
    ax.set_yticks(major)
    ax.set_yticks(minor, minor=True)
    ax.set(xlim=(0.5, end + 0.5), ylim=(10.0 ** lo, 10.0 ** hi))  # after the ticks: they widen
    p["ax2"].set_xlim(0.3, end - 0.4)
    return lo, hi


def update_vanishing(p, activation, depth, scale):
    """Left: ||dW^[l]|| per layer (log scale). Right: mean g'(z^[l]) per hidden layer, with
    the number of units whose z <= 0 on the whole batch above each bar (ReLU, leaky ReLU)."""
    norms, deriv, negative = _measure(activation, int(depth), float(scale))
    lo, hi = _set_limits(p, activation, float(scale), norms)
    L = len(norms)
    layers = np.arange(1, L + 1)
    c = COLORS[activation]
    shown = np.where(norms > 0, norms, np.nan)
    p["curve"].set_data(layers, shown)
    p["curve"].set_color(c)
    zero = layers[norms == 0]
    p["zeros"].set_data(zero, np.full(len(zero), np.nanmin(shown) if np.any(norms > 0) else 1.0))
    plain, with_zeros = p["legends"]
    plain.set_visible(len(zero) == 0)
    with_zeros.set_visible(len(zero) > 0)
    # The bottom right is free when the right half of the curve keeps above the lowest 30% of
    # the band (as when it vanishes towards the input); else the place matplotlib finds best.
    with np.errstate(divide="ignore"):
        right = (np.log10(norms[L // 2:]) - lo) / (hi - lo)
    where = "best"
    for legend in p["legends"]:
        legend.set_loc(where)
        legend.get_texts()[0].set_text(f"{activation}, scale {scale:.2g}")
        legend.legend_handles[0].set_color(c)
    problems = []
    if not np.all(np.isfinite(norms)):
        problems.append("overflow: the weights are so large that z, and so the gradients, left "
                        "the range of float64. Lower the weight scale.")
    if len(zero) and np.all(norms[:-1] == 0):
        problems.append("every hidden layer's gradient is exactly 0: all paths pass through dead "
                        "ReLU units. The network cannot learn.")
    say(p["note"], "\n".join(problems))
    ratio = norms[0] / norms[-1] if norms[-1] > 0 else np.nan
    p["ax"].title.set_text(f"gradient size per layer; first / last = {fmt(float(ratio))}")

    counted = activation in ("relu", "leaky_relu")
    for l, (bar, count) in enumerate(zip(p["bars"], p["counts"]), start=1):
        height = deriv[l - 1] if l < L else 0.0
        bar.set_height(height)
        bar.set_facecolor(c)
        bar.set_visible(l < L)
        n = negative[l - 1] if l < L else 0
        count.set_text(str(n))
        count.set_position((l, height + 0.02))
        count.set_visible(bool(n) and counted)
    total, n_units = sum(negative), 16 * (L - 1)
    if activation == "relu":
        what = f"dead ReLU units (z <= 0 on all 128 examples): {total} of {n_units}"
    elif activation == "leaky_relu":
        what = f"units with z <= 0 on all examples: {total} of {n_units} (still learn: g' = 0.2)"
    else:
        what = f"{activation} has no dead units (g' > 0 everywhere)"
    p["ax2"].title.set_text(what)
    return [p["curve"], p["zeros"], *p["legends"], p["note"], p["ax"].title, *p["bars"],
            p["ref"], *p["counts"], p["ax2"].title, p["legend2"]]


vanishing_widget = Widget(
    setup=setup_vanishing,
    update=update_vanishing,
    controls={
        "activation": Choice(list(HIDDEN), "sigmoid", description="hidden activation"),
        "depth": Slider(2, 30, 10, step=1, integer=True, description="layers L"),
        # step: a twelfth of log10(4), so 1 (Glorot) and 4 ** 0.25 = sqrt(2) (He) are slider positions
        "scale": Slider(0.25, 4.0, 1.0, step=math.log10(4) / 12, log=True, description="weight scale × Glorot"),
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


# Both panels keep one y range at every setting (so a slider step repaints only the lines):
# the target (0 to 5) fills half of it; a sum or unit above it is named on the plot.
LAB_YLIM = (-0.5, 10.0)


def _top_slot(ax):
    """A note slot in the top right corner (for "above the plot"), clear of the legend."""
    slot = note_slot(ax, color="C1")
    slot.set(position=(0.98, 0.97), ha="right", va="top", fontsize=9, in_layout=False)
    return slot


def setup_relu_sum(fig):
    """The target, the axes (fixed limits) and empty artists for update_relu_sum."""
    ax, ax2 = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.4, 1]})
    x = X_LAB
    ax.plot(x, lab_target(x), color="0.6", lw=5, alpha=0.6, label="target")
    out = ax.plot(x, 0 * x, color="k", lw=1.8, label="$a^{[2]}$ = unit 1 + unit 2 + unit 3")[0]
    ax.set(xlabel="x", ylabel="output", xlim=(0, 3), ylim=LAB_YLIM)
    ax.set_title(" ", fontsize=10)
    legend = ax.legend(fontsize=9, loc="best")
    units, kinks = [], []
    for k in range(3):
        units.append(ax2.plot(x, 0 * x, color=f"C{k}", lw=1.6, label=" ")[0])
        kinks.append(ax2.axvline(0, color=f"C{k}", lw=0.7, ls=":"))
    ax2.set(xlabel="x", ylabel="unit output relu(w x + b)", xlim=(0, 3), ylim=LAB_YLIM,
            title="each unit (dotted: its kink)")
    ax2.title.set_fontsize(9.5)
    return dict(ax=ax, out=out, legend=legend, above=_top_slot(ax), units=units, kinks=kinks,
                legend2=ax2.legend(fontsize=9, loc="best"), above2=_top_slot(ax2),
                off=note_slot(ax2, color="C1"))


def update_relu_sum(p, w1, b1, w2, b2, w3, b3):
    """Left: the sum of the three units against the target, the MSE in the title.
    Right: each unit relu(w x + b) and its kink at x = -b / w."""
    x = X_LAB
    wb = ((w1, b1), (w2, b2), (w3, b3))
    units = [relu(w * x + b) for w, b in wb]
    out = sum(units)
    p["out"].set_ydata(out)
    mse = float(np.mean((out - lab_target(x)) ** 2))
    matched = mse < 1e-3
    p["ax"].title.set_text(f"mean squared error = {fmt(mse, 3)}{'   matched!' if matched else ''}")
    p["ax"].title.set_color("C2" if matched else "k")
    top = LAB_YLIM[1]
    peak = float(out.max())
    say(p["above"], f"↑ the sum reaches {peak:.1f}:\na weight or bias is too large"
        if peak > top else None)
    above = []
    texts = p["legend2"].get_texts()
    for k, (u, (w, b)) in enumerate(zip(units, wb)):
        p["units"][k].set_ydata(u)
        texts[k].set_text(f"unit {k + 1}: relu({w:.1f} x {b:+.1f})")
        kink = w != 0 and 0 <= -b / w <= 3
        p["kinks"][k].set_visible(kink)
        p["kinks"][k].set_xdata([-b / w if kink else 0] * 2)
        if float(u.max()) > top:
            above.append(f"↑ unit {k + 1} reaches {float(u.max()):.1f}")
    say(p["above2"], "\n".join(above))
    say(p["off"], "all three units output 0 on [0, 3]:\neach is off (w x + b <= 0) everywhere"
        if all(float(u.max()) == 0 for u in units) else None)
    return [p["out"], p["ax"].title, p["legend"], p["above"], *p["units"], *p["kinks"],
            p["legend2"], p["above2"], p["off"]]


relu_sum_widget = Widget(
    setup=setup_relu_sum,
    update=update_relu_sum,
    controls={
        "w1": Slider(-4.0, 4.0, -2.0, step=0.5, description="w1"),
        "b1": Slider(-8.0, 8.0, 2.0, step=0.5, description="b1"),
        "w2": Slider(-4.0, 4.0, 1.0, step=0.5, description="w2"),
        "b2": Slider(-8.0, 8.0, 0.0, step=0.5, description="b2"),
        "w3": Slider(-4.0, 4.0, 0.0, step=0.5, description="w3"),
        "b3": Slider(-8.0, 8.0, 0.0, step=0.5, description="b3"),
    },
    title="Three ReLU units set by hand: $a^{[2]}$ = relu(w1 x + b1) + relu(w2 x + b2) + relu(w3 x + b3)",
    figsize=(9.5, 3.8),
)


# ---- a cubic from stacked ReLUs --------------------------------------------------------
X_CUBIC = np.linspace(-2, 2, 201)
MAX_UNITS = 40  # the end of the units slider


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


def setup_stacking(fig):
    """The target, the fixed axes and empty artists (one thin line per possible unit); the
    legend stands outside the axes, on the right, so it covers no line."""
    ax = fig.add_subplot(1, 1, 1)
    x = X_CUBIC
    ax.plot(x, cubic(x), color="0.6", lw=5, alpha=0.6, label="target x³ − 3x")
    out = ax.plot(x, 0 * x, color="k", lw=1.6, label="the network: n ReLU units\n+ a linear output")[0]
    kinks = ax.plot([], [], "o", color="C3", ms=5, clip_on=False, zorder=5,
                    label="knots $t_0, …, t_{n-1}$:\nunit k switches on at $t_k$")[0]
    end = ax.plot([2.0], [cubic(2.0)], "o", color="C3", mfc="white", ms=5, clip_on=False, zorder=5,
                  label="last knot $t_n$ = 2:\nno unit, the line ends there")[0]
    terms = [ax.plot([], [], color=f"C{k % 10}", lw=0.8, alpha=0.7)[0] for k in range(MAX_UNITS)]
    proxy = ax.plot([], [], color="0.4", lw=0.8, label=" ")[0]   # stands for the thin lines in the legend
    ax.set(xlim=(-2, 2), ylim=(-6, 6), xlabel="x", ylabel="f(x)")
    ax.set_title(" ", fontsize=10)
    legend = ax.legend(handles=[ax.lines[0], out, kinks, end, proxy], fontsize=9,
                       loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0)
    # names a unit whose term is flat (weight 0), where no line crosses: the lower right corner
    flat = ax.text(0.99, 0.02, "", transform=ax.transAxes, ha="right", va="bottom", fontsize=9, color="0.25",
                   in_layout=False, visible=False, zorder=6, bbox=dict(boxstyle="round", fc="white", ec="0.7", alpha=0.9))
    return dict(ax=ax, out=out, knots=kinks, end=end, terms=terms, legend=legend, flat=flat)


def update_stacking(p, units, show_units):
    """The network with n units placed by relu_interpolation, its knots, the MSE in the title
    and (if show_units) each unit's term w2_k relu(x - t_k); a unit whose weight w2_k is 0
    (the slope does not change at its knot) draws a flat line on y = 0, named in a note."""
    n = int(units)
    W1, b1, W2, b2 = relu_interpolation(n)
    x = X_CUBIC
    hidden = relu(x[:, None] @ W1 + b1)          # (m, n)
    out = (hidden @ W2 + b2).ravel()
    mse = float(np.mean((out - cubic(x)) ** 2))
    p["out"].set_ydata(out)
    p["legend"].get_texts()[4].set_text("thin lines: each unit's term\n$w^{[2]}_k$ relu(x − $t_k$)" if show_units
                      else "thin lines: off")
    knots = -b1
    p["knots"].set_data(knots, (relu(knots[:, None] @ W1 + b1) @ W2 + b2).ravel())
    for k, term in enumerate(p["terms"]):
        drawn = show_units and k < n
        term.set_data(*((x, hidden[:, k] * W2[k, 0]) if drawn else ([], [])))
        term.set_visible(drawn)
    p["ax"].title.set_text(f"{n} units: mean squared error {fmt(mse, 3)} on 201 points in [-2, 2]")
    flat = knots[np.abs(W2[:, 0]) < 1e-9]
    where = ", ".join(f"x = {t + 0.0:g}" for t in flat)   # + 0.0: no "-0"
    p["flat"].set_text(f"the unit at {where} has weight 0 (the slope\ndoes not change there): its line lies on y = 0")
    p["flat"].set_visible(bool(show_units) and len(flat) > 0)
    return [p["out"], p["knots"], p["end"], *p["terms"], p["ax"].title, p["legend"], p["flat"]]


stacking_widget = Widget(
    setup=setup_stacking,
    update=update_stacking,
    controls={
        "units": Slider(1, MAX_UNITS, 4, step=1, integer=True, description="ReLU units n"),
        "show_units": Toggle(True, description="draw each unit's contribution"),
    },
    title="Stacking ReLUs: n units join the cubic's values at n + 1 knots",
    figsize=(9.5, 3.9),
)
