"""Chapter 1 widget: one sigmoid neuron a = g(w x + b) over a small data set.

Sliders move w and b; the plot shows the data, the neuron's curve, the probability it gives
for a chosen x, the decision threshold a = 0.5 (at x = -b/w), and the cost J(w, b).
"""
import numpy as np

from ..activations import sigmoid
from ..losses import BinaryCrossentropy
from . import Slider, Widget, fmt, note_slot, say

# The course's one-neuron lab: six examples, the label flips between x = 2 and x = 3.
X_NEURON = np.array([0.0, 1.0, 2.0, 3.0, 4.0, 5.0])
Y_NEURON = np.array([0.0, 0.0, 0.0, 1.0, 1.0, 1.0])


def setup_neuron(fig, x=X_NEURON, y=Y_NEURON):
    """The fixed parts (data, axes, threshold line) and empty artists for update_neuron."""
    gs = fig.add_gridspec(1, 2, width_ratios=[3.0, 1])
    ax = fig.add_subplot(gs[0, 0])
    key = fig.add_subplot(gs[0, 1])  # an empty column that holds the legend, off the data
    key.axis("off")
    y1 = ax.scatter(x[y == 1], y[y == 1], marker="x", s=70, color="C3", label="y = 1", zorder=3)
    y0 = ax.scatter(x[y == 0], y[y == 0], marker="o", s=60, facecolors="none", edgecolors="C0",
                    label="y = 0", zorder=3)
    ax.axhline(0.5, color="0.8", lw=1)
    ax.set(xlim=(-1, 6), ylim=(-0.1, 1.1), xlabel="x", ylabel="a = P(y = 1 | x)")
    xs = np.linspace(-1, 6, 300)
    parts = dict(
        ax=ax, x=x, y=y, xs=xs,
        curve=ax.plot(xs, xs * 0, color="k", lw=2, label="a = g(w x + b)", animated=True)[0],
        query=ax.axvline(0, color="0.6", ls=":", lw=1, animated=True),
        point=ax.plot([0], [0], "o", color="C2", ms=9, zorder=4, animated=True)[0],
        label=ax.annotate("", (0, 0), xytext=(8, -14), textcoords="offset points", color="C2",
                          fontsize=10, in_layout=False, animated=True),
        boundary=ax.axvline(0, color="C1", lw=1, ls="--", label="a = 0.5 at x = 0.00", animated=True),
        note=note_slot(ax),
    )
    ax.set_title(" ").set_animated(True)  # the cost; " " keeps its room in the layout
    # The legend lists its entries in a fixed order and keeps the two texts update_neuron
    # rewrites by name (not by position: the data points come first in matplotlib's own order).
    handles = [parts["curve"], parts["boundary"], y1, y0]
    parts["legend"] = fig.legend(handles=handles, labels=[h.get_label() for h in handles],
                                 loc="upper left", bbox_to_anchor=(0.0, 1.0), bbox_transform=key.transAxes,
                                 fontsize=9, borderaxespad=0)
    parts["legend"].set_in_layout(False)  # its texts change; the layout must not
    parts["legend"].set_animated(True)
    texts = parts["legend"].get_texts()
    parts["curve_text"], parts["boundary_text"] = texts[0], texts[1]
    parts["boundary_handle"] = parts["legend"].legend_handles[1]
    return parts


def update_neuron(p, w, b, x_query):
    """Draw the neuron a = sigmoid(w x + b), the probability at x_query and the cost J(w, b)."""
    x, y = p["x"], p["y"]
    p["curve"].set_ydata(sigmoid(w * p["xs"] + b))
    prob = float(sigmoid(w * x_query + b))
    p["query"].set_xdata([x_query, x_query])
    p["point"].set_data([x_query], [prob])
    p["label"].xy = (x_query, prob)
    right = x_query > 3.5  # near the right edge the label goes on the left of the point
    p["label"].set_position((-8 if right else 8, -14))
    p["label"].set_horizontalalignment("right" if right else "left")
    p["label"].set_text(f"P(y=1 | x={x_query:.2f}) = {fmt(prob)}")
    cost = BinaryCrossentropy()(y, sigmoid(w * x + b).reshape(-1, 1))
    p["ax"].set_title(f"cost J(w, b) = {fmt(cost, 4)} (binary cross-entropy over 6 examples)")
    boundary = -b / w + 0.0 if w != 0 else None  # + 0.0: no "-0.00"
    shown = boundary is not None and -1 <= boundary <= 6
    p["boundary"].set_visible(shown)
    if shown:
        p["boundary"].set_xdata([boundary, boundary])
    p["curve_text"].set_text(f"a = g({w:.2f} x {b:+.2f})")
    p["boundary_text"].set_text(f"a = 0.5 at x = {boundary:.2f}" if shown else "a = 0.5 off the plot")
    p["boundary_handle"].set_visible(shown)
    say(p["note"], None if w != 0 else
        f"w = 0: the neuron ignores x and says {fmt(float(sigmoid(b)))} for every example")


neuron_widget = Widget(
    setup=setup_neuron,
    update=update_neuron,
    controls={
        "w": Slider(-5.0, 5.0, 2.0, step=0.1, description="w"),
        "b": Slider(-15.0, 15.0, -4.5, step=0.1, description="b"),
        "x_query": Slider(-1.0, 6.0, 2.5, step=0.05, description="x to classify"),
    },
    title="One neuron = logistic regression: a = g(w x + b), g = sigmoid",
)
