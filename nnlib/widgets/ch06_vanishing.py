"""Chapter 6 widgets: vanishing gradients measured per layer, and functions built from ReLUs.

- ``vanishing_widget``: a deep network (depth, activation and weight scale chosen by the
  learner) on a fixed batch; the size (RMS of the entries) of dW^[l] of every layer from nnlib's
  backprop (``Sequential.compute_gradients``), and the mean g'(z^[l]) that backprop
  multiplies by at each layer, with the ReLU units that are dead on the batch counted.
- ``relu_sum_widget``: the course's ReLU lab: set w and b of three ReLU units by hand so
  that their sum matches a piecewise-linear target.
- ``stacking_widget``: n ReLU units placed by formula (a knot each) approximate a cubic;
  more units, smaller error.

The numbers (``deep_network``, ``gradient_rms``, ``backprop_sizes``, ``dead_units``, ``relu_interpolation``,
...) come from ``_ch06_net`` and are imported by the chapter from here, so the widget and the text
compute the same thing.
"""
import math

import numpy as np
from matplotlib.ticker import MaxNLocator

from ..activations import relu
from . import Choice, Slider, Toggle, Widget, fmt, note_slot, say
from ._ch06_net import (DEPTH_ENDS, LAB_UNITS, MAX_DEPTH, X_DEEP, Y_DEEP, backprop_sizes, cubic,  # noqa: F401
                        dead_units, decade_ticks, deep_network, depth_end, forward_values, gradient_norms,
                        gradient_rms, lab_target, layer_stats, measure, norm_band, relu_interpolation,
                        relu_network)

HIDDEN = ("sigmoid", "tanh", "relu", "leaky_relu")
COLORS = {"sigmoid": "C0", "tanh": "C1", "relu": "C2", "leaky_relu": "C3"}


def setup_vanishing(fig):
    """Both panels, and empty artists for update_vanishing to fill (it sets the axis limits)."""
    ax, ax2 = fig.subplots(1, 2)
    ax.set_yscale("log")
    ax.set(xlabel="layer l (1 = next to the input)", ylabel=r"RMS of the entries of $dW^{[l]}$")
    ax.tick_params(axis="y", which="minor", labelleft=False)
    ax.grid(alpha=0.3, which="major")
    ax.set_title(" ", fontsize=9.5).set_animated(True)
    curve = ax.plot([], [], "o-", ms=4, animated=True)[0]
    zeros = ax.plot([], [], "x", color="k", ms=8, animated=True)[0]
    # Two legends, one shown: without and with the "exactly 0" entry. The y band is fitted to
    # the curve, so no corner is free at every setting: matplotlib places them ("best").
    plain = ax.legend([curve], [" "], fontsize=9, loc="best")
    ax.add_artist(plain)
    with_zeros = ax.legend([curve, zeros], [" ", "exactly 0 (no gradient)"], fontsize=9, loc="best")

    hidden = np.arange(1, MAX_DEPTH)  # hidden layers 1..L-1
    bars = ax2.bar(hidden, np.zeros(len(hidden)), width=0.7, alpha=0.75, animated=True)
    # fixed, but animated so that it stays drawn over the bars
    ref = ax2.axhline(0.25, color="C0", lw=0.8, ls=":", label="0.25 = max of sigmoid'", animated=True)
    counts = [ax2.text(l, 0, "", ha="center", fontsize=9, color="k", in_layout=False, animated=True)
              for l in hidden]
    ax2.set(xlabel="hidden layer l", ylabel=r"mean $g'(z^{[l]})$ over the batch", ylim=(0, 1.08))
    ax2.set_title(" ", fontsize=9).set_animated(True)
    for a in (ax, ax2):  # layers are whole numbers, also on the short axes of few layers
        a.xaxis.set_major_locator(MaxNLocator(integer=True, steps=[1, 2, 5, 10]))
    legend2 = ax2.legend(fontsize=9, loc="best")  # "best" moves with the bars
    for legend in (plain, with_zeros, legend2):
        legend.set_animated(True)
    return dict(ax=ax, ax2=ax2, curve=curve, zeros=zeros, legends=(plain, with_zeros),
                note=note_slot(ax), bars=list(bars), counts=counts)


def _set_limits(p, activation, scale, norms):
    """Put the axes on their rungs (x: depth_end, y: norm_band).

    The band holds the norms of this network and of the deepest one its x axis shows (same
    activation and weight scale), so within one rung of depths the axes stand still and the
    curve grows across them as layers are added.
    """
    end = depth_end(len(norms))
    if end > len(norms):
        norms = np.concatenate([norms, measure(activation, end, scale)[0]])
    lo, hi = norm_band(norms)
    ax = p["ax"]
    major, minor = decade_ticks(lo, hi)
    ax.set_yticks(major)
    ax.set_yticks(minor, minor=True)
    ax.set(xlim=(0.5, end + 0.5), ylim=(10.0 ** lo, 10.0 ** hi))  # after the ticks: they widen
    p["ax2"].set_xlim(0.3, end - 0.4)


def update_vanishing(p, activation, depth, scale):
    """Left: ||dW^[l]|| per layer (log scale). Right: mean g'(z^[l]) per hidden layer, with
    the number of units whose z <= 0 on the whole batch above each bar (ReLU, leaky ReLU)."""
    norms, deriv, negative = measure(activation, int(depth), float(scale))
    _set_limits(p, activation, float(scale), norms)
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
    for legend in p["legends"]:
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
    out = ax.plot(x, 0 * x, color="k", lw=1.8, label="$a^{[2]}$ = unit 1 + unit 2 + unit 3", animated=True)[0]
    ax.set(xlabel="x", ylabel="output", xlim=(0, 3), ylim=LAB_YLIM)
    ax.set_title(" ", fontsize=10).set_animated(True)
    legend = ax.legend(fontsize=9, loc="best")  # "best" moves with the sum
    legend.set_animated(True)
    units, kinks = [], []
    for k in range(3):
        units.append(ax2.plot(x, 0 * x, color=f"C{k}", lw=1.6, label=" ", animated=True)[0])
        kinks.append(ax2.axvline(0, color=f"C{k}", lw=0.7, ls=":", animated=True))
    ax2.set(xlabel="x", ylabel="unit output relu(w x + b)", xlim=(0, 3), ylim=LAB_YLIM,
            title="each unit (dotted: its kink)")
    ax2.title.set_fontsize(9.5)
    legend2 = ax2.legend(fontsize=9, loc="best")
    legend2.set_animated(True)
    return dict(ax=ax, out=out, above=_top_slot(ax), units=units, kinks=kinks,
                legend2=legend2, above2=_top_slot(ax2), off=note_slot(ax2, color="C1"))


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


def setup_stacking(fig):
    """The target, the fixed axes and empty artists (one thin line per possible unit); the
    legend stands outside the axes, on the right, so it covers no line."""
    ax = fig.add_subplot(1, 1, 1)
    x = X_CUBIC
    ax.plot(x, cubic(x), color="0.6", lw=5, alpha=0.6, label="target x³ − 3x")
    out = ax.plot(x, 0 * x, color="k", lw=1.6, label="the network: n ReLU units\n+ a linear output",
                  animated=True)[0]
    kinks = ax.plot([], [], "o", color="C3", ms=5, clip_on=False, zorder=5, animated=True,
                    label="knots $t_0, …, t_{n-1}$:\nunit k switches on at $t_k$")[0]
    # fixed, but animated so that it stays drawn over the units' lines
    end = ax.plot([2.0], [cubic(2.0)], "o", color="C3", mfc="white", ms=5, clip_on=False, zorder=5,
                  label="last knot $t_n$ = 2:\nno unit, the line ends there", animated=True)[0]
    terms = [ax.plot([], [], color=f"C{k % 10}", lw=0.8, alpha=0.7, animated=True)[0]
             for k in range(MAX_UNITS)]
    proxy = ax.plot([], [], color="0.4", lw=0.8, label=" ")[0]   # stands for the thin lines in the legend
    ax.set(xlim=(-2, 2), ylim=(-6, 6), xlabel="x", ylabel="f(x)")
    ax.set_title(" ", fontsize=10).set_animated(True)
    legend = ax.legend(handles=[ax.lines[0], out, kinks, end, proxy], fontsize=9,
                       loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0)
    legend.set_animated(True)  # its last text says whether the thin lines are drawn
    # names a unit whose term is flat (weight 0), where no line crosses: the lower right corner
    flat = ax.text(0.99, 0.02, "", transform=ax.transAxes, ha="right", va="bottom", fontsize=9, color="0.25",
                   in_layout=False, visible=False, zorder=6, animated=True,
                   bbox=dict(boxstyle="round", fc="white", ec="0.7", alpha=0.9))
    return dict(ax=ax, out=out, knots=kinks, terms=terms, legend=legend, flat=flat)


def update_stacking(p, units, show_units):
    """The network with n units placed by relu_interpolation, its knots, the MSE in the title
    and (if show_units) each unit's term w2_k relu(x - t_k); a unit whose weight w2_k is 0
    (the slope does not change at its knot) draws a flat line on y = 0, named in a note."""
    n = int(units)
    model = relu_network(n)
    _, b1, W2, _ = model.get_weights()
    x = X_CUBIC
    hidden, out = model.activations(x[:, None])   # (m, n) and (m, 1)
    out = out.ravel()
    mse = float(np.mean((out - cubic(x)) ** 2))
    p["out"].set_ydata(out)
    p["legend"].get_texts()[4].set_text("thin lines: each unit's term\n$w^{[2]}_k$ relu(x − $t_k$)" if show_units
                      else "thin lines: off")
    knots = -b1
    p["knots"].set_data(knots, model.predict(knots[:, None]).ravel())
    for k, term in enumerate(p["terms"]):
        drawn = show_units and k < n
        term.set_data(*((x, hidden[:, k] * W2[k, 0]) if drawn else ([], [])))
        term.set_visible(drawn)
    p["ax"].title.set_text(f"{n} units: mean squared error {fmt(mse, 3)} on 201 points in [-2, 2]")
    flat = knots[np.abs(W2[:, 0]) < 1e-9]
    where = ", ".join(f"x = {t + 0.0:g}" for t in flat)   # + 0.0: no "-0"
    p["flat"].set_text(f"the unit at {where} has weight 0 (the slope\ndoes not change there): its line lies on y = 0")
    p["flat"].set_visible(bool(show_units) and len(flat) > 0)


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
