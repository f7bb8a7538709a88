"""Chapter 4 widgets: backprop on a computation graph, and gradient descent on a cost curve.

``graph_widget``: a small computation graph drawn with boxes and arrows. Moving w updates the
forward values (black, in the boxes), the local derivatives (on the arrows) and the backward
values dJ/d(node) (red, under the boxes); below, J(w) with its tangent of slope dJ/dw and a
numerical check of that slope.

``gd_widget``: gradient descent w := w - alpha dJ/dw on J(w) = (2 + 3w)^2, step by step. The
minimum is at w* = -2/3; the steps converge smoothly for alpha < 1/18, zig-zag for
1/18 < alpha < 1/9, and diverge for alpha > 1/9 = 2/18 (18 is the curvature J'').
"""
import numpy as np
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from . import Choice, Slider, Widget, fmt, note_slot, rung, say
# the numbers (graphs forward and backward, the descent) live in _ch04_graphs; their names stay importable here
from ._ch04_graphs import (B_N, CURVATURE, GRAPHS, W_STAR, X_N, Y_N, J_of, J_sq, dJ_sq, descend,  # noqa: F401
                           graph_at, neuron_graph, square_graph)

_POS = {GRAPHS[0]: {"w": (0.9, 0.95), "a": (4.4, 0.95), "J": (7.9, 0.95)},
        GRAPHS[1]: {"w": (0.55, 1.3), "c": (2.5, 1.3), "b": (2.5, -0.2), "a": (4.45, 1.3),
                    "d": (6.4, 1.3), "J": (8.35, 1.3)}}


def _value(val):
    return f"= {fmt(float(val), 4)}"


def _grad(name, grad):
    return f"∂J/∂{name} = {fmt(float(grad) + 0.0, 4)}"   # + 0.0: never "-0"


def _local(graph, label, val, flat):
    # a constant derivative is already a number in its label ("∂a/∂w = 3"): not "= 3 = 3"
    constant = label.rsplit("= ", 1)[-1].lstrip("-").replace(".", "").isdigit()
    text = label if constant else f"{label} = {fmt(float(val), 3)}"
    return text.replace(" = ", "\n= ", 1) if flat and graph == GRAPHS[1] else text


def _chain(graph, nodes):
    """The chain rule for dJ/dw: the formula, and the numbers at this w."""
    if graph == GRAPHS[0]:
        return ("chain rule: ∂J/∂w = ∂J/∂a · ∂a/∂w = 2a · 3 =",
                f"{fmt(float(nodes['a'][2]), 4)} · 3 = {fmt(float(nodes['w'][2]), 4)}")
    return ("chain rule: ∂J/∂w = ∂J/∂d · ∂d/∂a · ∂a/∂c · ∂c/∂w = d · 1 · 1 · x =",
            f"{fmt(float(nodes['d'][1]), 4)} · 1 · 1 · ({X_N:g}) = {fmt(float(nodes['w'][2]) + 0.0, 4)}")


def setup_graph(fig, graph):
    """The graph's boxes, arrows and formulas, the curve J(w), and empty texts for the numbers.

    Top: the computation graph. Bottom left: J(w) with a tangent. Bottom right: the numerical
    check of the slope. Numbers that do not depend on w (b, ∂J/∂J = 1, constant local
    derivatives) are written here; the others are left blank for update_graph.
    """
    nodes, edges = graph_at(graph, 0.0)
    other_nodes, other_edges = graph_at(graph, 1.0)     # what changes with w
    pos = _POS[graph]
    top, bottom = fig.add_gridspec(2, 1, height_ratios=[1.6, 1])
    ax = fig.add_subplot(top)
    ax.set(xlim=(-0.35, 9.35), ylim=(-1.1, 2.45))
    ax.axis("off")

    def text(*args, **kw):  # texts never move the layout, whatever number they show
        return ax.text(*args, in_layout=False, **kw)

    bw, bh = 1.45, 0.66
    value, grad = {}, {}
    for name, (formula, val, dJ) in nodes.items():
        x0, y0 = pos[name]
        ax.add_patch(FancyBboxPatch((x0 - bw / 2, y0 - bh / 2), bw, bh, boxstyle="round,pad=0.04",
                                    fc="#eef3fb" if name not in ("w", "b") else "#fff4e0", ec="0.3"))
        text(x0, y0 + 0.15, formula, ha="center", va="center", fontsize=9, color="0.25")
        t = text(x0, y0 - 0.13, _value(val), ha="center", va="center", fontsize=11, weight="bold")
        if val != other_nodes[name][1]:
            value[name] = t
        t = text(x0, y0 - bh / 2 - 0.1, _grad(name, dJ), ha="center", va="top", fontsize=9.5, color="C3",
                 weight="bold" if name in ("w", "b") else "normal")
        if dJ != other_nodes[name][2]:
            grad[name] = t
    local = {}
    for i, (src, dst, label, val) in enumerate(edges):
        (x1, y1), (x2, y2) = pos[src], pos[dst]
        flat = y1 == y2
        start = (x1 + bw / 2, y1) if flat else (x1 + 0.25, y1 + bh / 2 + 0.04)
        end = (x2 - bw / 2, y2) if flat else (x2 - 0.3, y2 - bh / 2 - 0.42)
        ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=13, color="0.35", lw=1.3))
        if flat:      # above the arrow, clear of the boxes
            t = text((start[0] + end[0]) / 2, y1 + bh / 2 + 0.12, _local(graph, label, val, flat),
                     ha="center", va="bottom", fontsize=9, color="C0")
        else:
            t = text(end[0] - 0.05, (start[1] + end[1]) / 2, _local(graph, label, val, flat), ha="left",
                     va="center", fontsize=9, color="C0")
        if val != other_edges[i][3]:
            local[i] = (t, flat)
    text(-0.3, 2.4, "forward values in the boxes (black) · local derivatives on the arrows (blue) · "
                    "backward values ∂J/∂node under the boxes (red)", fontsize=9, va="top", color="0.3")
    formula = text(-0.3 if graph == GRAPHS[0] else 3.6, -1.05 if graph == GRAPHS[1] else -0.35,
                   _chain(graph, nodes)[0], fontsize=10, va="bottom", ha="left")
    chain = ax.annotate("", xy=(1, 0), xycoords=formula, xytext=(3, 0), textcoords="offset points",
                        fontsize=10, va="bottom", ha="left", in_layout=False)   # right after the formula
    for t in [*value.values(), *grad.values(), *(t for t, _ in local.values()), chain]:
        t.set_animated(True)   # the numbers that change with w

    # J(w) and the tangent at w, with a numerical check of its slope
    left, right = bottom.subgridspec(1, 2, width_ratios=[0.64, 0.36])
    ax2 = fig.add_subplot(left)
    ws = np.linspace(-4, 4, 300)
    ax2.plot(ws, J_of(graph, ws), color="0.2", lw=1.8, label="J(w)")   # blue is for local derivatives
    tangent = ax2.plot([], [], color="C3", lw=1.5, label="tangent at w: slope ∂J/∂w", animated=True)[0]
    point = ax2.plot([], [], "o", color="C3", ms=6, animated=True)[0]
    top = float(J_of(graph, ws).max())
    ax2.set(xlim=(-4, 4), ylim=(-0.08 * top, top * 1.05), xlabel="w", ylabel="J")
    ax2.legend(loc="best", fontsize=9)
    ax3 = fig.add_subplot(right)
    ax3.axis("off")

    def check(y, s="", **kw):
        return ax3.text(0.05, y, s, transform=ax3.transAxes, in_layout=False, **kw)

    check(0.85, "numerical check, ε = 0.001:", fontsize=9)
    check(0.64, "(J(w + ε) − J(w − ε)) / 2ε", fontsize=9)
    numerical = check(0.43, fontsize=10, weight="bold", animated=True)
    backprop = check(0.18, fontsize=10, color="C3", weight="bold", animated=True)
    return dict(value=value, grad=grad, local=local, chain=chain, tangent=tangent, point=point,
                numerical=numerical, backprop=backprop)


def update_graph(p, graph, w):
    """Write the forward values, local derivatives and dJ/dnode at w; move the tangent to w."""
    nodes, edges = graph_at(graph, w)
    for name, t in p["value"].items():
        t.set_text(_value(nodes[name][1]))
    for name, t in p["grad"].items():
        t.set_text(_grad(name, nodes[name][2]))
    for i, (t, flat) in p["local"].items():
        t.set_text(_local(graph, edges[i][2], edges[i][3], flat))
    p["chain"].set_text(_chain(graph, nodes)[1])

    Jw, g = float(J_of(graph, w)), float(nodes["w"][2]) + 0.0
    span = 0.9
    p["tangent"].set_data([w - span, w + span], [Jw - g * span, Jw + g * span])
    p["point"].set_data([w], [Jw])
    eps = 1e-3
    num = float((J_of(graph, w + eps) - J_of(graph, w - eps)) / (2 * eps))
    p["numerical"].set_text(f"= {round(num, 6) + 0.0:.6f}")
    p["backprop"].set_text(f"chain rule: {g:.6f}")


graph_widget = Widget(
    setup=setup_graph,
    update=update_graph,
    rebuild=("graph",),
    controls={"graph": Choice(GRAPHS, value=GRAPHS[0], description="graph"),
              "w": Slider(-4.0, 4.0, 3.0, step=0.05, description="w")},
    title="Backprop on a computation graph: forward left to right, derivatives right to left",
    figsize=(10.5, 6.0),
)


# ---- gradient descent on J(w) = (2 + 3w)^2 --------------------------------------------------
# The cost curve's axes are fixed around the minimum. The right plot's axes follow the run on
# ladders (see rung): its step axis ends at the first of STEP_AXIS that holds the steps taken,
# its |w - w*| axis spans the decades the run reaches, so the plot is filled at every setting
# and a slider move only costs a full redraw when a rung is crossed. A diverging run leaves the
# left plot; the path shows where it jumps out.
W_RANGE, J_RANGE = (-3.5, 2.2), (-5.0, 100.0)
STEP_AXIS = [5, 10, 20, 40]
DIST_TOP = [10.0, 1e3, 1e8, 1e16, 1e32, 1e64, 1e151]
DIST_BOTTOM = [1e-1, 1e-3, 1e-6, 1e-10, 1e-17]   # descending: the first at or below the run's minimum
CMAP = "viridis"   # a dot's colour is its step number, in both plots (the right plot's x axis is the key)


def setup_gd(fig):
    """Left: the cost curve J(w) and empty artists for the path. Right: empty |w - w*| per step."""
    ax = fig.add_subplot(1, 2, 1)
    grid = np.linspace(*W_RANGE, 300)
    ax.plot(grid, J_sq(grid), color="0.35", lw=1.8, zorder=1)
    ax.axvline(W_STAR, color="0.7", ls=":", lw=1)
    ax.set(xlim=W_RANGE, ylim=J_RANGE, xlabel="w", ylabel="J(w) = (2 + 3w)²")
    ax.set_title(" ", fontsize=9.5).set_animated(True)
    ax2 = fig.add_subplot(1, 2, 2)
    ax2.set(yscale="log", xlabel="step (a dot's colour = its step, in both plots)",
            ylabel="|w − w*|  (log scale)")
    ax2.set_title(" ", fontsize=9.5).set_animated(True)
    floor = ax2.axhline(1e-16, color="0.7", ls=":", lw=1, animated=True)
    floor_text = ax2.text(0.98, 1.6e-16, "float64 precision: w = w* to 16 digits", ha="right", animated=True,
                          va="bottom", fontsize=9, color="0.45", transform=ax2.get_yaxis_transform())
    parts = dict(
        ax=ax, ax2=ax2, floor=[floor, floor_text],
        path=ax.plot([], [], color="0.55", lw=0.8, zorder=2, animated=True)[0],
        points=ax.scatter([], [], c=[], cmap=CMAP, s=30, zorder=3, edgecolors="k", linewidths=0.5, animated=True),
        start=ax.plot([], [], "s", mfc="none", mec="k", mew=1.5, ms=9, zorder=4, label="start w₀",
                      animated=True)[0],
        distance=ax2.plot([], [], "-", color="0.55", lw=1, zorder=1, animated=True)[0],
        dots=ax2.scatter([], [], c=[], cmap=CMAP, s=22, zorder=2, edgecolors="k", linewidths=0.5, animated=True),
        warning=note_slot(ax), hint=note_slot(ax, color="#7a4b00"), zigzag=note_slot(ax2, color="#7a4b00"),
    )
    parts["warning"].set_position((0.5, 0.7))   # above the start point
    parts["legend"] = ax.legend(loc="best", fontsize=9)
    parts["legend"].set_animated(True)
    return parts


def update_gd(p, learning_rate, steps, w_start):
    """Run the descent; draw its path on J(w) and its distance to the minimum at every step."""
    ws = descend(w_start, learning_rate, steps)
    Js = J_sq(ws)
    factor = abs(1 - learning_rate * CURVATURE)      # |w - w*| is multiplied by this every step
    inside = (ws >= W_RANGE[0]) & (ws <= W_RANGE[1])
    out = np.flatnonzero(~inside)
    path = ws[:out[0] + 1] if out.size else ws      # up to the first jump out of the plot
    p["path"].set_data(path, J_sq(path))
    end = rung(STEP_AXIS, int(steps))
    order = np.arange(len(ws))
    for dots in (p["points"], p["dots"]):
        dots.set_clim(0, end)
    p["points"].set_offsets(np.column_stack([ws[inside], Js[inside]]))
    p["points"].set_array(order[inside])
    p["start"].set_data([ws[0]], [Js[0]])
    p["legend"].get_texts()[0].set_text(f"start w₀ = {ws[0]:.2f}")
    p["ax"].title.set_text(f"α = {fmt(learning_rate)}, {len(ws) - 1} step{'s' if len(ws) != 2 else ''}: "
                           f"w = {fmt(float(ws[-1]), 4)}, J = {fmt(float(Js[-1]), 3)}")
    # below float64 precision of w* (about 1e-16) w is the minimum: shown at 1e-16
    dist = np.maximum(np.abs(ws - W_STAR), 1e-16)
    p["distance"].set_data(order, dist)
    p["dots"].set_offsets(np.column_stack([order, dist]))
    p["dots"].set_array(order)
    top = rung(DIST_TOP, float(dist.max()) * 3)
    bottom = next((b for b in DIST_BOTTOM if b <= float(dist.min()) / 3), DIST_BOTTOM[-1])
    p["ax2"].set(xlim=(-0.5, end + 0.5), ylim=(bottom, top))
    for artist in p["floor"]:
        artist.set_visible(bottom < 1e-16)
    p["ax2"].title.set_text(f"distance to the minimum w* = −2/3: × {fmt(factor, 3)} per step")

    warning = hint = zigzag = None
    if learning_rate > 2 / CURVATURE:
        warning = (f"diverged: α = {fmt(learning_rate)} > 2/18 ≈ 0.111.\nEach step overshoots the minimum by\n"
                   f"more than it corrects: |w − w*| grows ×{fmt(factor, 3)}\nper step"
                   + (f" (w reached {fmt(float(ws[-1]), 3)})." if not inside[-1] else "."))
    elif learning_rate > 1 / CURVATURE:
        zigzag = (f"zig-zag: α > 1/18 ≈ 0.056 jumps over the\nminimum each step, but by less each time\n"
                  f"(× {fmt(factor, 3)}): it still converges.")
    elif abs(ws[-1] - ws[0]) < 0.5 * abs(ws[0] - W_STAR) and abs(ws[0] - W_STAR) > 0.05:
        hint = (f"α = {fmt(learning_rate)} is small: after {len(ws) - 1} steps w has\ncovered only "
                f"{abs(ws[-1] - ws[0]) / abs(ws[0] - W_STAR):.0%} of the way to the minimum.\n"
                f"Raise α or take more steps.")
    say(p["warning"], warning)
    say(p["hint"], hint)
    say(p["zigzag"], zigzag)


gd_widget = Widget(
    setup=setup_gd,
    update=update_gd,
    controls={"learning_rate": Slider(1e-3, 0.3, 0.03, step=0.05, log=True, description="learning rate α"),
              "steps": Slider(1, 40, 10, step=1, integer=True, description="steps"),
              "w_start": Slider(-3.0, 2.0, 1.5, step=0.05, description="start w₀")},
    title="Gradient descent w := w − α dJ/dw on J(w) = (2 + 3w)²   (dJ/dw = 6(2 + 3w))",
    figsize=(10, 4.2),
)
