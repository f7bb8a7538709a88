"""Chapter 2 widget: forward propagation through the coffee-roasting network, step by step.

The network is the course's 2 -> 3 -> 1 with sigmoid units, trained once with nnlib (fixed
seed, cached), on inputs normalised with the training data's mean and standard deviation.
Sliders choose a roast (temperature, duration); a step control reveals the input, then the
hidden layer, then the output. Below, one map per unit shows where in the
(temperature, duration) plane that unit is "on" (a > 0.5): the decision region it learned.
"""
from functools import lru_cache

import numpy as np
from matplotlib.patches import Circle, FancyBboxPatch, Rectangle

from .. import Dense, Input, Sequential, seeded
from ..activations import sigmoid
from ..datasets import COFFEE_DURATIONS, COFFEE_TEMPERATURES, coffee_statistics, load_coffee_data, normalize_coffee
from ..losses import BinaryCrossentropy
from ..optimizers import Adam
from . import Choice, Slider, Widget, fmt

X_COFFEE, Y_COFFEE = load_coffee_data()
MU, SIGMA = coffee_statistics()   # (2,) mean temperature and duration, (2,) their standard deviations
T_RANGE, D_RANGE = COFFEE_TEMPERATURES, COFFEE_DURATIONS
normalize = normalize_coffee      # (X - MU) / SIGMA. Shapes: (m, 2) or (2,) -> same


@lru_cache(maxsize=None)
def _trained(seed, epochs, learning_rate):
    """The trained Sequential model (cached: trained once per setting)."""
    with seeded(seed):   # nnlib's generator as the caller had it before and after
        model = Sequential([Input(shape=(2,)), Dense(3, activation="sigmoid", name="layer1"),
                            Dense(1, activation="sigmoid", name="layer2")], name="coffee")
        model.compile(optimizer=Adam(learning_rate=learning_rate), loss=BinaryCrossentropy())
        model.fit(normalize(X_COFFEE), Y_COFFEE, epochs=epochs, batch_size=len(X_COFFEE), verbose=0)
    return model


def coffee_weights(seed=1, epochs=2000, learning_rate=0.1):
    """[W1, b1, W2, b2] of the 2-3-1 sigmoid network trained once on the normalised coffee data.

    Full-batch Adam, nnlib's seed ``seed``; cached, so every call returns the same numbers
    (copies). Shapes: W1 (2, 3), b1 (3,), W2 (3, 1), b2 (1,).
    """
    return [w.copy() for w in _coffee_model(seed, epochs, learning_rate).get_weights()]


def _coffee_model(seed=1, epochs=2000, learning_rate=0.1):
    """The trained network whose weights ``coffee_weights`` copies (one shared model: read it, never fit it)."""
    return _trained(seed, epochs, learning_rate)


# ---- precomputed maps: each unit's activation over the (temperature, duration) plane -----
_N = 90
_T = np.linspace(*T_RANGE, _N)
_D = np.linspace(*D_RANGE, _N)
_TT, _DD = np.meshgrid(_T, _D)
_GRID = normalize(np.column_stack([_TT.ravel(), _DD.ravel()]))


@lru_cache(maxsize=None)
def _maps():
    A1, A2 = _coffee_model().activations(_GRID)   # (N*N, 3), (N*N, 1)
    maps = [A1[:, j].reshape(_N, _N) for j in range(3)] + [A2[:, 0].reshape(_N, _N)]
    return maps, [_contour(m) for m in maps]


def _contour(field, level=0.5):
    """The a = 0.5 line(s) of a map, as a list of (k, 2) arrays in (temperature, duration)."""
    import contourpy

    gen = contourpy.contour_generator(_T, _D, field)
    return [seg for seg in gen.lines(level) if len(seg) > 1]


STEPS = ["1 · input x", "2 · hidden layer", "3 · output"]


def _forward(temperature, duration):
    W1, b1, W2, b2 = coffee_weights()
    x = normalize([temperature, duration])
    z1 = x @ W1 + b1
    a1 = sigmoid(z1)
    z2 = a1 @ W2 + b2
    a2 = sigmoid(z2)
    return x, z1, a1, z2, a2


def _prod(a, w, a_dec=2, w_dec=1):
    """'0.47·(-23.6)': one term of a dot product, negatives in brackets."""
    a_txt = f"{a:.{a_dec}f}"
    w_txt = f"{w:.{w_dec}f}"
    return f"{f'({a_txt})' if a_txt.startswith('-') else a_txt}·{f'({w_txt})' if w < 0 else w_txt}"


def _plus(b, dec=1):
    """'+ 2.7' or '- 25.7'."""
    return f"+ {b:.{dec}f}" if b >= 0 else f"- {-b:.{dec}f}"


# Where the nodes sit in the diagram (its data coordinates).
INPUTS = [(1.5, 2.9), (1.5, 1.0)]
HIDDEN = [(4.0, 3.4), (4.0, 1.95), (4.0, 0.5)]
OUTPUT = (6.4, 1.95)


def setup_forward(fig):
    """The fixed picture: network diagram (edges, nodes, labels, the box for the computation)
    and one map per unit (its a over all roasts, its a = 0.5 line, the training roasts on the
    output map), with empty texts and markers that ``update_forward`` fills in."""
    import matplotlib.pyplot as plt

    W1, b1, W2, b2 = coffee_weights()
    maps, lines = _maps()
    cmap = plt.get_cmap("viridis")

    # Fixed positions (in_layout=False: the constrained layout leaves these axes alone).
    gs = fig.add_gridspec(2, 4, height_ratios=[1.25, 1], left=0.065, right=0.99, bottom=0.08,
                          top=0.93, hspace=0.22, wspace=0.08)
    ax = fig.add_subplot(gs[0, :])
    ax.set_in_layout(False)
    ax.set(xlim=(-0.2, 15.6), ylim=(-0.55, 4.1), aspect="equal")
    ax.axis("off")
    wmax = max(np.abs(W1).max(), np.abs(W2).max())

    # Everything update_forward changes is animated, and so is what lies on top of it (the
    # input circles over the edges; lines, roasts and frames over the maps' veils), so the live
    # widget repaints those in the same order as a full drawing.
    def edge(p, q, w):  # red w > 0, blue w < 0, width ∝ |w|
        return ax.plot([p[0], q[0]], [p[1], q[1]], color="C3" if w > 0 else "C0",
                       lw=0.4 + 3 * abs(w) / wmax, zorder=1, animated=True)[0]

    def circle(xy):
        return ax.add_patch(Circle(xy, 0.42, facecolor="white", edgecolor="0.2", lw=1.2, zorder=3,
                                   animated=True))

    def value(xy):
        return ax.text(xy[0], xy[1], "", ha="center", va="center", fontsize=10, zorder=4,
                       weight="bold", animated=True)

    def label(xy, text):
        return ax.text(xy[0], xy[1] - 0.62, text, ha="center", va="top", fontsize=9, color="0.25")

    p = dict(cmap=cmap, W1=W1, b1=b1, W2=W2, b2=b2)
    p["edges1"] = [edge(a, h, W1[i, j]) for i, a in enumerate(INPUTS) for j, h in enumerate(HIDDEN)]
    p["edges2"] = [edge(h, OUTPUT, W2[j, 0]) for j, h in enumerate(HIDDEN)]
    # inputs: the raw value and the normalised one (what the network really reads)
    p["in_values"], p["in_raw"] = [], []
    for i, xy in enumerate(INPUTS):
        circle(xy)  # fixed, but over the edges, which fade in and out
        p["in_values"].append(value(xy))
        # left of the node, where no edge runs: the raw value, and under it the input's name
        p["in_raw"].append(ax.text(xy[0] - 0.55, xy[1] + 0.17, "", ha="right", va="center", fontsize=9,
                                   animated=True))
        ax.text(xy[0] - 0.55, xy[1] - 0.2, f"$x_{i + 1}$ (normalised)", ha="right", va="center",
                fontsize=9, color="0.25")
    # hidden units and the output: a circle coloured by a, its value, its name
    names = [f"unit {j + 1}: $a^{{[1]}}_{j + 1}$" for j in range(3)] + ["$a^{[2]}$ = P(good)"]
    p["nodes"], p["values"] = [], []
    for xy, name in zip(HIDDEN + [OUTPUT], names):
        p["nodes"].append(circle(xy))
        p["values"].append(value(xy))
        label(xy, name)
    p["verdict"] = ax.text(OUTPUT[0], 0.75, "", ha="center", va="top", fontsize=10, weight="bold",
                           animated=True)
    ax.text(1.5, -0.05, "edges: red w > 0, blue w < 0\nline width ∝ size of w", ha="center", va="top",
            fontsize=9, color="0.35")
    ax.text(1.5, 4.0, "layer 0: input", ha="center", fontsize=9, weight="bold")
    ax.text(4.0, 4.0, "layer 1: hidden", ha="center", fontsize=9, weight="bold")
    ax.text(6.4, 4.0, "layer 2: output", ha="center", fontsize=9, weight="bold")
    # the computation of the current step, in numbers: a title line and three lines
    ax.add_patch(FancyBboxPatch((7.55, 0.15), 7.95, 3.55, boxstyle="round,pad=0.1", fc="#f6f6f0",
                                ec="0.6", zorder=0))
    p["calc"] = [ax.text(7.75, 3.35 - i * 0.72, "", fontsize=9, va="center", animated=True,
                         weight="bold" if i == 0 else "normal") for i in range(4)]

    # one map per unit: where in the (temperature, duration) plane it is on
    p["veils"], p["stars"], p["map_titles"] = [], [], []
    for j in range(4):
        axm = fig.add_subplot(gs[1, j])
        axm.set_in_layout(False)
        axm.imshow(maps[j], origin="lower", extent=(*T_RANGE, *D_RANGE), aspect="auto", cmap=cmap,
                   vmin=0, vmax=1)
        # a map the step has not reached yet is faded: a 65% white veil = the map at alpha 0.35
        p["veils"].append(axm.add_patch(Rectangle((0, 0), 1, 1, transform=axm.transAxes, lw=0, animated=True,
                                                  facecolor="white", alpha=0.65, zorder=0.5)))
        # what lies on the map (a = 0.5 line, training roasts, frame) is fixed but over the veil
        over_veil = [axm.plot(seg[:, 0], seg[:, 1], color="white", lw=1.2)[0] for seg in lines[j]]
        if j == 3:
            good = Y_COFFEE[:, 0] == 1
            over_veil.append(axm.scatter(X_COFFEE[good, 0], X_COFFEE[good, 1], s=6,
                                         marker="x", color="k", lw=0.8))  # black x: good roasts (red means w > 0 here)
            over_veil.append(axm.scatter(X_COFFEE[~good, 0], X_COFFEE[~good, 1], s=5,
                                         facecolors="none", edgecolors="0.85", lw=0.5))
        for artist in [*over_veil, *axm.spines.values()]:
            artist.set_animated(True)
        p["stars"].append(axm.plot([], [], marker="*", ms=13, color="C1", mec="k", zorder=5, clip_on=False,
                                   animated=True)[0])
        axm.set(xlim=T_RANGE, ylim=D_RANGE)
        p["map_titles"].append(axm.set_title(" ", fontsize=9))
        axm.title.set_animated(True)
        axm.set_xlabel("temperature (°C)", fontsize=9)
        axm.set_xticks([175, 225, 275])
        axm.set_yticks([12, 13, 14, 15])
        if j == 0:
            axm.set_ylabel("duration (min)", fontsize=9)
        else:
            axm.set_yticklabels([])
        axm.tick_params(labelsize=9)
    return p


def update_forward(p, temperature, duration, step):
    """Reveal the roast's forward pass up to ``step``: the normalised input x, then the hidden
    activations a^[1] = g(x W^[1] + b^[1]), then a^[2]; the computation in numbers; ★ on the maps."""
    k = STEPS.index(step)
    W1, b1, W2, b2 = p["W1"], p["b1"], p["W2"], p["b2"]
    x, z1, a1, z2, a2 = _forward(temperature, duration)
    for e in p["edges1"]:
        e.set_alpha(0.9 if k >= 1 else 0.25)
    for e in p["edges2"]:
        e.set_alpha(0.9 if k >= 2 else 0.25)
    for i, raw in enumerate([f"{temperature:.0f} °C", f"{duration:.1f} min"]):
        p["in_values"][i].set_text(f"{x[i]:+.2f}")
        p["in_raw"][i].set_text(raw)
    acts = [*a1, a2[0]]
    shown = [k >= 1] * 3 + [k >= 2]
    for node, text, a, on in zip(p["nodes"], p["values"], acts, shown):
        node.set_facecolor(p["cmap"](float(a)) if on else "0.93")
        text.set_text(f"{a:.2f}" if on else "?")
        text.set_color("white" if on and a < 0.45 else "black")   # viridis: dark below ~0.45
    good = a2[0] >= 0.5
    verdict = "good roast" if good else "bad roast"
    p["verdict"].set_text(verdict)
    p["verdict"].set_color("C2" if good else "k")
    p["verdict"].set_visible(k >= 2)

    if k == 0:
        calc = ["step 1: normalise the input",
                f"x1 = ({temperature:.0f} - {MU[0]:.1f}) / {SIGMA[0]:.1f} = {x[0]:+.2f}",
                f"x2 = ({duration:.2f} - {MU[1]:.2f}) / {SIGMA[1]:.2f} = {x[1]:+.2f}",
                "$a^{[0]}$ = x; next: layer 1"]
    elif k == 1:
        calc = ["step 2: $z^{[1]} = a^{[0]} W^{[1]} + b^{[1]}$,  $a^{[1]} = g(z^{[1]})$"]
        for j in range(3):
            calc.append(f"$z_{j + 1}$ = {_prod(x[0], W1[0, j], 3, 2)} + {_prod(x[1], W1[1, j], 3, 2)} "
                        f"{_plus(b1[j], 2)} ≈ {z1[j]:.1f} → $a_{j + 1}$ = {fmt(float(a1[j]), 2)}")
    else:
        # Rounded terms, z to one decimal: what a learner adds up from the shown numbers is within
        # 0.02 of z here (0.04 in step 2) over the whole slider grid (z to 2 decimals: 3.12 vs 3.11)
        calc = ["step 3: $z^{[2]} = a^{[1]} W^{[2]} + b^{[2]}$",
                " + ".join(_prod(a1[j], W2[j, 0], 3, 3) for j in range(3)) + f" {_plus(b2[0], 3)}",
                f"≈ {z2[0]:.1f}  → output a = g(z) = {a2[0]:.3f}",
                f"$a^{{[2]}}$ ≥ 0.5 ? → {verdict}"]
    for t, line in zip(p["calc"], calc):
        t.set_text(line)

    names = ["unit 1", "unit 2", "unit 3", "output"]
    for j in range(4):
        p["veils"][j].set_visible(not shown[j])
        p["map_titles"][j].set_text(f"{names[j]} (a = {fmt(float(acts[j]), 2) if shown[j] else '?'})")
        p["stars"][j].set_data([temperature], [duration])


forward_widget = Widget(
    setup=setup_forward,
    update=update_forward,
    controls={
        "temperature": Slider(150.0, 285.0, 200.0, step=1.0, description="temperature (°C)"),
        "duration": Slider(11.5, 15.5, 13.9, step=0.05, description="duration (min)"),
        "step": Choice(STEPS, value=STEPS[2], description="show up to"),
    },
    title="Forward propagation, coffee network 2 → 3 → 1 (maps: each unit's a over all roasts; "
          "white line a = 0.5; ★ your roast)",
    figsize=(10.5, 6.2),
)
