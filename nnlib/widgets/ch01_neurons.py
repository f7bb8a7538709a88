"""Chapter 1 widget: one sigmoid neuron a = g(w x + b) over a small data set.

Sliders move w and b; the plot shows the data, the neuron's curve, the probability it gives
for a chosen x, the decision threshold a = 0.5 (at x = -b/w), and the cost J(w, b).
"""
import numpy as np

from ..activations import sigmoid
from ..losses import BinaryCrossentropy
from ._core import Slider, Widget, fmt, note

# The course's one-neuron lab: six examples, the label flips between x = 2 and x = 3.
X_NEURON = np.array([0.0, 1.0, 2.0, 3.0, 4.0, 5.0])
Y_NEURON = np.array([0.0, 0.0, 0.0, 1.0, 1.0, 1.0])


def draw_neuron(fig, w, b, x_query, x=X_NEURON, y=Y_NEURON):
    """Draw the data, a = sigmoid(w x + b), and the probability at x_query."""
    ax = fig.add_subplot(1, 1, 1)
    xs = np.linspace(-1, 6, 300)
    a = sigmoid(w * xs + b)
    ax.plot(xs, a, color="C0", lw=2, label=f"a = g({w:.2f} x {b:+.2f})")
    ax.scatter(x[y == 1], y[y == 1], marker="x", s=70, color="C3", label="y = 1", zorder=3)
    ax.scatter(x[y == 0], y[y == 0], marker="o", s=60, facecolors="none", edgecolors="C0",
               label="y = 0", zorder=3)
    p = float(sigmoid(w * x_query + b))
    ax.axvline(x_query, color="0.6", ls=":", lw=1)
    ax.plot([x_query], [p], "o", color="C2", ms=9, zorder=4)
    ax.annotate(f"P(y=1 | x={x_query:.2f}) = {fmt(p)}", (x_query, p), xytext=(8, -14),
                textcoords="offset points", color="C2", fontsize=10)
    ax.axhline(0.5, color="0.8", lw=1)
    cost = BinaryCrossentropy()(y, sigmoid(w * x + b).reshape(-1, 1))
    if w != 0:
        boundary = -b / w
        if -1 <= boundary <= 6:
            ax.axvline(boundary, color="C1", lw=1, ls="--", label=f"a = 0.5 at x = {boundary:.2f}")
    else:
        note(ax, f"w = 0: the neuron ignores x and says {fmt(float(sigmoid(b)))} for every example")
    ax.set(xlim=(-1, 6), ylim=(-0.1, 1.1), xlabel="x", ylabel="a = P(y = 1 | x)",
           title=f"cost J(w, b) = {fmt(cost, 4)} (binary cross-entropy over 6 examples)")
    ax.legend(loc="upper left", fontsize=8)


neuron_widget = Widget(
    draw=draw_neuron,
    controls={
        "w": Slider(-5.0, 5.0, 2.0, step=0.1, description="w"),
        "b": Slider(-15.0, 15.0, -4.5, step=0.1, description="b"),
        "x_query": Slider(-1.0, 6.0, 2.5, step=0.05, description="x to classify"),
    },
    title="One neuron = logistic regression: a = g(w x + b), g = sigmoid",
)
