"""Chapter 7 widget: softmax of four logits, and why shifting all logits changes nothing.

One slider per logit z_j and a shift c added to all four. Left: the logits z_j + c as bars.
Right: the probabilities a_j = e^(z_j + c) / sum_k e^(z_k + c) as bars, the true class's bar
highlighted, with its loss -log a_y. The right panel does not move when only c moves.
"""
import numpy as np

from ..activations import softmax
from ..losses import log_softmax  # noqa: F401 (also importable from here, as before)
from . import Choice, Slider, Widget, fmt, rung

COLORS = ["C0", "C1", "C2", "C3"]
IDX = np.arange(1, 5)
# The logits axis runs from -lim to lim, lim the first of these that leaves room (4) beyond the
# largest |z_j + c|. A few fixed steps instead of a limit that follows every slider move: the
# picture only has to be redrawn in full when a step is crossed.
LOGIT_LIMITS = (14.0, 24.0, 44.0, 64.0)


def logit_limit(z):
    """The half-height of the logits axis for logits z (see LOGIT_LIMITS)."""
    need = float(np.abs(z).max()) + 4
    return rung(LOGIT_LIMITS, need)


def setup_softmax(fig):
    """Two panels of four empty bars each, with value labels, axis labels and titles to fill."""
    ax, ax2 = fig.subplots(1, 2)
    ax.axhline(0, color="0.4", lw=0.8)
    ax.set(xticks=IDX, xticklabels=[f"z{j}" for j in IDX], ylabel="logit $z_j + c$")
    ax2.set(ylim=(0, 1.12), ylabel="$a_j = P(y = j \\mid x)$")
    ax.set_title(" ", fontsize=10).set_animated(True)
    ax2.set_title(" ", fontsize=10).set_animated(True)

    def value_labels(axis):  # outside the layout: they move with the bars
        return [axis.text(j, 0, "", ha="center", fontsize=9, in_layout=False, animated=True) for j in IDX]

    parts = dict(ax=ax, ax2=ax2,
                 bars=list(ax.bar(IDX, np.zeros(4), color=COLORS, alpha=0.8, animated=True)),
                 labels=value_labels(ax),
                 bars2=list(ax2.bar(IDX, np.zeros(4), color=COLORS, alpha=0.8, animated=True)),
                 labels2=value_labels(ax2))
    # The probability axis's tick labels name the true class, so that axis is repainted too;
    # its four ticks are made here, update only rewrites their labels.
    ax2.set_xticks(IDX, [f"a{j}" for j in IDX])
    ax2.xaxis.set_animated(True)
    return parts


def update_softmax(p, z1, z2, z3, z4, shift, true_class):
    """The logits z_j + c, their softmax a_j (true class hatched) and the loss -log a_y."""
    ax, ax2 = p["ax"], p["ax2"]
    z = np.array([z1, z2, z3, z4], dtype=float) + shift
    a = softmax(z.reshape(1, -1))[0]
    y = int(true_class) - 1
    loss = -float(log_softmax(z)[y])

    for bar, label, v in zip(p["bars"], p["labels"], z):
        bar.set_height(v)
        label.set_position((bar.get_x() + bar.get_width() / 2, v + (0.6 if v >= 0 else -0.6)))
        label.set_verticalalignment("bottom" if v >= 0 else "top")
        label.set_text(f"{v:.1f}")
    lim = logit_limit(z)
    ax.set_ylim(-lim, lim)
    ax.title.set_text(f"logits (each shifted by c = {shift:+.1f})")

    for j, (bar, label, v) in enumerate(zip(p["bars2"], p["labels2"], a)):
        bar.set_height(v)
        true = j == y
        bar.set_edgecolor("k" if true else None)
        bar.set_linewidth(2.2 if true else None)
        bar.set_hatch("//" if true else None)
        label.set_position((bar.get_x() + bar.get_width() / 2, v + 0.02))
        label.set_verticalalignment("bottom")
        label.set_text(f"{v:.3f}")
    ax2.xaxis.set_ticklabels([f"a{j}" + (" (true)" if j - 1 == y else "") for j in IDX])
    ax2.title.set_text(f"softmax: sum = {a.sum():.3f}; loss = -log a{y + 1} = {fmt(loss, 3)}")


softmax_widget = Widget(
    setup=setup_softmax,
    update=update_softmax,
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
