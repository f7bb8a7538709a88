"""Chapter 5 widget: an activation function g(z), its derivative g'(z), and where it saturates.

Choose an activation (and the slope alpha of leaky ReLU). The left panel draws g and g'
and shades the regions where |g'(z)| < threshold: there a change in z barely changes a,
so backprop passes almost no gradient through the unit ("saturated"). The right panel draws
g'(z) of all five activations together, the chosen one bold, against the same threshold.
"""
import numpy as np
from matplotlib.collections import PolyCollection

from .. import activations as act
from . import Choice, Slider, Widget, fmt, note_slot, say

NAMES = ("sigmoid", "tanh", "relu", "leaky_relu", "linear")
COLORS = {"sigmoid": "C0", "tanh": "C1", "relu": "C2", "leaky_relu": "C3", "linear": "C4"}
Z = np.linspace(-6, 6, 801)   # the range the chapter measures saturation on
SLOPE_MAX = 0.5     # the largest leaky ReLU slope α on the slider


def g_and_derivative(name, z, slope=0.2):
    """(g(z), g'(z)) for a Keras activation name; leaky ReLU uses negative_slope=slope."""
    if name == "leaky_relu":
        return act.leaky_relu(z, slope), act.leaky_relu_derivative(z, slope)
    return act.get(name)(z), act.derivative(name)(z)


def _runs(mask):
    """[(start, end), ...] index ranges where mask is True."""
    edges = np.flatnonzero(np.diff(np.r_[0, mask.astype(int), 0]))
    return list(zip(edges[0::2], edges[1::2] - 1))


def _ylim(activation, z=Z):
    """The left panel's y-range for this activation, fixed for every slope α of leaky ReLU."""
    a, _ = g_and_derivative(activation, z, SLOPE_MAX)
    lo, hi = min(-1.2, float(a.min()) - 0.2), max(1.2, float(a.max()) + 0.2)
    return max(lo, -3.0), min(hi, 3.0)


def setup_activation(fig, activation, z=Z):
    """Both panels for one activation: axes (the y-range suits the activation), zero lines,
    the five derivatives (the chosen one bold), and empty curves, shading and texts for
    update_activation."""
    ax, ax2 = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.35, 1]})
    shade = PolyCollection([], facecolor="0.85", lw=0, zorder=0, transform=ax.get_xaxis_transform(),
                           animated=True)
    ax.add_collection(shade, autolim=False)
    c = COLORS[activation]
    g = ax.plot(z, z * 0, color=c, lw=2.2, label=f"g(z) = {activation}", animated=True)[0]
    dg = ax.plot(z, z * 0, color=c, lw=1.6, ls="--", label="g'(z)", animated=True)[0]
    # fixed, but painted over the shading (as in a full drawing): animated too
    for artist in [ax.axhline(0, color="0.5", lw=0.6), ax.axvline(0, color="0.5", lw=0.6),
                   *ax.spines.values()]:
        artist.set_animated(True)
    ax.set(xlim=(z[0], z[-1]), ylim=_ylim(activation, z), xlabel="z", ylabel="a = g(z)  and  g'(z)", title=" ")
    ax.title.set_fontsize(9.5)
    ax.title.set_animated(True)
    legend = ax.legend(loc="best", fontsize=9, framealpha=0.9)
    legend.set_animated(True)

    # for z > 0 ReLU, leaky ReLU and linear all have g' = 1: the chosen curve is drawn on top,
    # then ReLU (solid); leaky ReLU and linear are dashed below it, so all three stay visible
    def style(name):
        if name == activation:
            return dict(lw=2.4, alpha=1, zorder=4)
        return dict(lw=1.0, alpha=0.65, zorder=3 if name == "relu" else 2,
                    ls="--" if name in ("leaky_relu", "linear") else "-")
    curves = [ax2.plot(z, z * 0, color=COLORS[name], label=name, animated=True, **style(name))[0]
              for name in NAMES]
    threshold = ax2.axhline(0, color="0.3", lw=1, ls=":", label="threshold", animated=True)
    # room above g' = 1 for the legend (two columns), so it covers no curve
    ax2.set(xlim=(z[0], z[-1]), ylim=(-0.05, 1.8), yticks=[0, 0.25, 0.5, 0.75, 1], xlabel="z", ylabel="g'(z)",
            title="all five derivatives")
    ax2.title.set_fontsize(9.5)
    legend2 = ax2.legend(loc="best", fontsize=9, framealpha=0.9, ncol=2)
    legend2.set_animated(True)
    return dict(ax=ax, z=z, shade=shade, g=g, dg=dg, legend=legend, curves=curves, threshold=threshold,
                legend2=legend2, saturated=note_slot(ax), dead=note_slot(ax, color="C3"))


def update_activation(p, activation, slope, threshold):
    """Left: g and g' with |g'| < threshold shaded. Right: g' of all five activations."""
    z, ax = p["z"], p["ax"]
    a, d = g_and_derivative(activation, z, slope)
    sat = np.abs(d) < threshold
    p["shade"].set_verts([[(z[i], 0), (z[j], 0), (z[j], 1), (z[i], 1)] for i, j in _runs(sat)])
    p["g"].set_ydata(a)
    p["dg"].set_ydata(d)
    if activation == "leaky_relu":
        p["legend"].get_texts()[0].set_text(f"g(z) = leaky_relu, α = {slope:.2f}")
    frac = float(sat.mean())
    if frac == 0:
        where = "nowhere"
    elif frac == 1:
        where = "everywhere"
    else:
        where = f"on {frac:.0%} of z in [{z[0]:g}, {z[-1]:g}]"
    ax.title.set_text(f"{activation}: max g' = {fmt(float(d.max()))}, |g'| < {fmt(threshold, 2)} {where}")
    say(p["saturated"], None if frac < 1 else
        f"every z counts as saturated: the threshold {fmt(threshold, 2)}\n"
        f"is above this activation's largest slope {fmt(float(d.max()))}.\nLower the threshold.")
    say(p["dead"], "slope α = 0: leaky ReLU is plain ReLU;\nthe whole negative side is flat (dead)"
        if frac < 1 and activation == "leaky_relu" and slope == 0 else None)

    for name, line in zip(NAMES, p["curves"]):
        line.set_ydata(g_and_derivative(name, z, slope)[1])
    p["threshold"].set_ydata([threshold, threshold])
    texts = p["legend2"].get_texts()
    texts[NAMES.index("leaky_relu")].set_text(f"leaky_relu (α = {slope:.2f})")
    texts[-1].set_text(f"threshold {fmt(threshold, 2)}")


activation_widget = Widget(
    setup=setup_activation,
    update=update_activation,
    rebuild=("activation",),
    controls={
        "activation": Choice(list(NAMES), "sigmoid", description="activation"),
        "slope": Slider(0.0, SLOPE_MAX, 0.2, step=0.01, description="leaky ReLU slope α"),
        "threshold": Slider(0.001, 1.0, 0.05, step=0.1, log=True, description="saturated where |g'| <"),
    },
    title="An activation function, its derivative, and where it saturates (shaded)",
    figsize=(9.5, 3.8),
)
