"""Chapter 5 widget: an activation function g(z), its derivative g'(z), and where it saturates.

Choose an activation (and the slope alpha of leaky ReLU). The left panel draws g and g'
and shades the regions where |g'(z)| < threshold: there a change in z barely changes a,
so backprop passes almost no gradient through the unit ("saturated"). The right panel draws
g'(z) of all five activations together, the chosen one bold, against the same threshold.
"""
import numpy as np

from .. import activations as act
from ._core import Choice, Slider, Widget, fmt, note

NAMES = ("sigmoid", "tanh", "relu", "leaky_relu", "linear")
COLORS = {"sigmoid": "C0", "tanh": "C1", "relu": "C2", "leaky_relu": "C3", "linear": "C4"}
Z = np.linspace(-8, 8, 801)


def g_and_derivative(name, z, slope=0.2):
    """(g(z), g'(z)) for a Keras activation name; leaky ReLU uses negative_slope=slope."""
    if name == "leaky_relu":
        return act.leaky_relu(z, slope), act.leaky_relu_derivative(z, slope)
    return act.get(name)(z), act.derivative(name)(z)


def _runs(mask):
    """[(start, end), ...] index ranges where mask is True."""
    edges = np.flatnonzero(np.diff(np.r_[0, mask.astype(int), 0]))
    return list(zip(edges[0::2], edges[1::2] - 1))


def draw_activation(fig, activation, slope, threshold, z=Z):
    """Left: g and g' with |g'| < threshold shaded. Right: g' of all five activations."""
    ax, ax2 = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.35, 1]})
    a, d = g_and_derivative(activation, z, slope)
    sat = np.abs(d) < threshold
    for i, j in _runs(sat):
        ax.axvspan(z[i], z[j], color="0.85", lw=0, zorder=0)
    c = COLORS[activation]
    label = f"leaky_relu, α = {slope:.2f}" if activation == "leaky_relu" else activation
    ax.plot(z, a, color=c, lw=2.2, label=f"g(z) = {label}")
    ax.plot(z, d, color=c, lw=1.6, ls="--", label="g'(z)")
    ax.axhline(0, color="0.5", lw=0.6)
    ax.axvline(0, color="0.5", lw=0.6)
    lo, hi = min(-1.2, float(a.min()) - 0.2), max(1.2, float(a.max()) + 0.2)
    ax.set(xlim=(z[0], z[-1]), ylim=(max(lo, -3.0), min(hi, 3.0)), xlabel="z", ylabel="a = g(z)  and  g'(z)")
    frac = float(sat.mean())
    if frac == 0:
        where = "nowhere"
    elif frac == 1:
        where = "everywhere"
    else:
        where = f"on {frac:.0%} of the z-axis shown"
    ax.set_title(f"{activation}: max g' = {fmt(float(d.max()))}, |g'| < {fmt(threshold, 2)} {where}",
                 fontsize=9.5)
    ax.legend(loc="upper left", fontsize=8, framealpha=0.9)
    if frac == 1:
        note(ax, f"every z counts as saturated: the threshold {fmt(threshold, 2)}\n"
                 f"is above this activation's largest slope {fmt(float(d.max()))}.\nLower the threshold.")
    elif activation == "leaky_relu" and slope == 0:
        note(ax, "slope α = 0: leaky ReLU is plain ReLU;\nthe whole negative side is flat (dead)",
             color="C3")

    for name in NAMES:
        _, dn = g_and_derivative(name, z, slope)
        bold = name == activation
        ax2.plot(z, dn, color=COLORS[name], lw=2.4 if bold else 1.0, alpha=1 if bold else 0.65,
                 label=(f"leaky_relu (α = {slope:.2f})" if name == "leaky_relu" else name))
    ax2.axhline(threshold, color="0.3", lw=1, ls=":", label=f"threshold {fmt(threshold, 2)}")
    ax2.set(xlim=(z[0], z[-1]), ylim=(-0.05, 1.1), xlabel="z", ylabel="g'(z)", title="all five derivatives")
    ax2.title.set_fontsize(9.5)
    ax2.legend(loc="center left", fontsize=7.5, framealpha=0.9)


activation_widget = Widget(
    draw=draw_activation,
    controls={
        "activation": Choice(list(NAMES), "sigmoid", description="activation"),
        "slope": Slider(0.0, 0.5, 0.2, step=0.01, description="leaky ReLU slope α"),
        "threshold": Slider(0.001, 1.0, 0.05, step=0.1, log=True, description="saturated where |g'| <"),
    },
    title="An activation function, its derivative, and where it saturates (shaded)",
    figsize=(9.5, 3.8),
)
