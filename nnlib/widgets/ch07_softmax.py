"""Chapter 7 widget: softmax of four logits, and why shifting all logits changes nothing.

One slider per logit z_j and a shift c added to all four. Left: the logits z_j + c as bars.
Right: the probabilities a_j = e^(z_j + c) / sum_k e^(z_k + c) as bars, the true class's bar
highlighted, with its loss -log a_y. The right panel does not move when only c moves.
"""
import numpy as np

from ..activations import softmax
from ._core import Choice, Slider, Widget, fmt

COLORS = ["C0", "C1", "C2", "C3"]


def log_softmax(z):
    """log a_j = z_j - log sum_k e^(z_k), computed without overflow. Shapes: (n,) -> (n,)."""
    z = np.asarray(z, dtype=float)
    zmax = z.max()
    return z - zmax - np.log(np.sum(np.exp(z - zmax)))


def draw_softmax(fig, z1, z2, z3, z4, shift, true_class):
    ax, ax2 = fig.subplots(1, 2)
    z = np.array([z1, z2, z3, z4], dtype=float) + shift
    a = softmax(z.reshape(1, -1))[0]
    y = int(true_class) - 1
    loss = -float(log_softmax(z)[y])
    idx = np.arange(1, 5)

    bars = ax.bar(idx, z, color=COLORS, alpha=0.8)
    ax.axhline(0, color="0.4", lw=0.8)
    for b, v in zip(bars, z):
        ax.text(b.get_x() + b.get_width() / 2, v + (0.6 if v >= 0 else -0.6), f"{v:.1f}",
                ha="center", va="bottom" if v >= 0 else "top", fontsize=8)
    lim = max(12.0, float(np.abs(z).max()) + 4)
    ax.set(xticks=idx, xticklabels=[f"z{j}" for j in idx], ylim=(-lim, lim), ylabel="logit $z_j + c$")
    ax.set_title(f"logits (each shifted by c = {shift:+.1f})", fontsize=10)

    bars2 = ax2.bar(idx, a, color=COLORS, alpha=0.8)
    bars2[y].set_edgecolor("k")
    bars2[y].set_linewidth(2.2)
    bars2[y].set_hatch("//")
    for b, v in zip(bars2, a):
        ax2.text(b.get_x() + b.get_width() / 2, v + 0.02, f"{v:.3f}", ha="center", va="bottom", fontsize=8)
    ax2.set(xticks=idx, xticklabels=[f"a{j}" + (" (true)" if j - 1 == y else "") for j in idx],
            ylim=(0, 1.12), ylabel="$a_j = P(y = j \\mid x)$")
    ax2.set_title(f"softmax: sum = {a.sum():.3f}; loss = -log a{y + 1} = {fmt(loss, 3)}", fontsize=10)


softmax_widget = Widget(
    draw=draw_softmax,
    controls={
        "z1": Slider(-10.0, 10.0, 1.0, step=0.1, description="z1"),
        "z2": Slider(-10.0, 10.0, 2.0, step=0.1, description="z2"),
        "z3": Slider(-10.0, 10.0, 3.0, step=0.1, description="z3"),
        "z4": Slider(-10.0, 10.0, 4.0, step=0.1, description="z4"),
        "shift": Slider(-50.0, 50.0, 0.0, step=0.5, description="shift c (added to all)"),
        "true_class": Choice([1, 2, 3, 4], 4, description="true class y"),
    },
    title="Softmax: four logits in, four probabilities out",
    figsize=(9.5, 3.7),
)
