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

from ._core import Choice, Slider, Widget, fmt, note

GRAPHS = ["J = (2 + 3w)²", "neuron: J = ½(wx + b − y)²"]
X_N, Y_N, B_N = -2.0, 2.0, 8.0     # the course's one-neuron example: x = -2, y = 2, b = 8


def square_graph(w):
    """The course's J = (2 + 3w)^2 as nodes and edges, forward and backward.

    Returns (nodes, edges): nodes[name] = (formula, value, dJ/dnode);
    edges = [(src, dst, local derivative text, its value)].
    """
    a = 2 + 3 * w
    J = a ** 2
    dJ_da = 2 * a
    nodes = {"w": ("w", w, dJ_da * 3), "a": ("a = 2 + 3w", a, dJ_da), "J": ("J = a²", J, 1.0)}
    edges = [("w", "a", "∂a/∂w = 3", 3.0), ("a", "J", "∂J/∂a = 2a", dJ_da)]
    return nodes, edges


def neuron_graph(w, x=X_N, y=Y_N, b=B_N):
    """The course's linear neuron with squared error: c = w x, a = c + b, d = a - y, J = d^2 / 2."""
    c = w * x
    a = c + b
    d = a - y
    J = 0.5 * d ** 2
    nodes = {"w": ("w", w, d * x), "c": (f"c = w·x  (x = {x:g})", c, d), "b": ("b", b, d),
             "a": ("a = c + b", a, d), "d": (f"d = a − y  (y = {y:g})", d, d), "J": ("J = ½ d²", J, 1.0)}
    edges = [("w", "c", "∂c/∂w = x", x), ("c", "a", "∂a/∂c = 1", 1.0), ("b", "a", "∂a/∂b = 1", 1.0),
             ("a", "d", "∂d/∂a = 1", 1.0), ("d", "J", "∂J/∂d = d", d)]
    return nodes, edges


def J_of(graph, w):
    w = np.asarray(w, dtype=float)
    return (2 + 3 * w) ** 2 if graph == GRAPHS[0] else 0.5 * (w * X_N + B_N - Y_N) ** 2


_POS = {GRAPHS[0]: {"w": (0.9, 0.95), "a": (4.4, 0.95), "J": (7.9, 0.95)},
        GRAPHS[1]: {"w": (0.55, 1.3), "c": (2.5, 1.3), "b": (2.5, -0.2), "a": (4.45, 1.3),
                    "d": (6.4, 1.3), "J": (8.35, 1.3)}}


def draw_graph(fig, graph, w):
    nodes, edges = square_graph(w) if graph == GRAPHS[0] else neuron_graph(w)
    pos = _POS[graph]
    fig.set_layout_engine("none")
    ax = fig.add_axes([0.01, 0.40, 0.98, 0.53])
    ax.set(xlim=(-0.35, 9.35), ylim=(-1.1, 2.45))
    ax.axis("off")
    bw, bh = 1.45, 0.66
    for name, (formula, val, grad) in nodes.items():
        x0, y0 = pos[name]
        ax.add_patch(FancyBboxPatch((x0 - bw / 2, y0 - bh / 2), bw, bh, boxstyle="round,pad=0.04",
                                    fc="#eef3fb" if name not in ("w", "b") else "#fff4e0", ec="0.3"))
        ax.text(x0, y0 + 0.15, formula, ha="center", va="center", fontsize=8, color="0.25")
        ax.text(x0, y0 - 0.13, f"= {fmt(float(val), 4)}", ha="center", va="center", fontsize=11,
                weight="bold")
        ax.text(x0, y0 - bh / 2 - 0.1, f"∂J/∂{name} = {fmt(float(grad), 4)}", ha="center", va="top",
                fontsize=9.5, color="C3", weight="bold" if name in ("w", "b") else "normal")
    for src, dst, label, val in edges:
        (x1, y1), (x2, y2) = pos[src], pos[dst]
        flat = y1 == y2
        start = (x1 + bw / 2, y1) if flat else (x1 + 0.25, y1 + bh / 2 + 0.04)
        end = (x2 - bw / 2, y2) if flat else (x2 - 0.3, y2 - bh / 2 - 0.42)
        ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=13, color="0.35", lw=1.3))
        text = f"{label} = {fmt(float(val), 3)}"
        if flat:      # above the arrow, clear of the boxes
            ax.text((start[0] + end[0]) / 2, y1 + bh / 2 + 0.12, text.replace(" = ", "\n= ", 1)
                    if graph == GRAPHS[1] else text, ha="center", va="bottom", fontsize=8, color="C0")
        else:
            ax.text(end[0] - 0.05, (start[1] + end[1]) / 2, text, ha="left", va="center", fontsize=8,
                    color="C0")
    if graph == GRAPHS[0]:
        chain = f"∂J/∂w = ∂J/∂a · ∂a/∂w = 2a · 3 = {fmt(float(nodes['a'][2]), 4)} · 3"
    else:
        chain = (f"∂J/∂w = ∂J/∂d · ∂d/∂a · ∂a/∂c · ∂c/∂w = d · 1 · 1 · x = "
                 f"{fmt(float(nodes['d'][1]), 4)} · 1 · 1 · ({X_N:g})")
    ax.text(-0.3, 2.4, "forward values in the boxes (black) · local derivatives on the arrows (blue) · "
                       "backward values ∂J/∂node under the boxes (red)", fontsize=8.5, va="top", color="0.3")
    ax.text(-0.3 if graph == GRAPHS[0] else 3.6, -1.05 if graph == GRAPHS[1] else -0.35,
            f"chain rule: {chain} = {fmt(float(nodes['w'][2]), 4)}", fontsize=10, va="bottom", ha="left")

    # J(w) and the tangent at w, with a numerical check of its slope
    ax2 = fig.add_axes([0.075, 0.085, 0.6, 0.28])
    ws = np.linspace(-4, 4, 300)
    ax2.plot(ws, J_of(graph, ws), color="C0", lw=1.8, label="J(w)")
    Jw, g = float(J_of(graph, w)), float(nodes["w"][2])
    span = 0.9
    ax2.plot([w - span, w + span], [Jw - g * span, Jw + g * span], color="C3", lw=1.5,
             label=f"tangent at w = {w:.2f}: slope ∂J/∂w = {fmt(g, 4)}")
    ax2.plot([w], [Jw], "o", color="C3", ms=6)
    top = float(J_of(graph, ws).max())
    ax2.set(xlim=(-4, 4), ylim=(-0.08 * top, top * 1.05), xlabel="w", ylabel="J")
    ax2.legend(loc="upper center", fontsize=8)
    eps = 1e-3
    num = float((J_of(graph, w + eps) - J_of(graph, w - eps)) / (2 * eps))
    fig.text(0.71, 0.31, "numerical check, ε = 0.001:", fontsize=9)
    fig.text(0.71, 0.25, "(J(w + ε) − J(w − ε)) / 2ε", fontsize=9)
    fig.text(0.71, 0.19, f"= {num:.6f}", fontsize=10, weight="bold")
    fig.text(0.71, 0.12, f"chain rule: {g:.6f}", fontsize=10, color="C3", weight="bold")


graph_widget = Widget(
    draw=draw_graph,
    controls={"graph": Choice(GRAPHS, value=GRAPHS[0], description="graph"),
              "w": Slider(-4.0, 4.0, 3.0, step=0.05, description="w")},
    title="Backprop on a computation graph: forward left to right, derivatives right to left",
    figsize=(10.5, 6.0),
)


# ---- gradient descent on J(w) = (2 + 3w)^2 --------------------------------------------------
W_STAR = -2.0 / 3.0
CURVATURE = 18.0            # J''(w): J = 9 (w - w*)^2, so dJ/dw = 18 (w - w*)


def J_sq(w):
    return (2 + 3 * np.asarray(w, dtype=float)) ** 2


def dJ_sq(w):
    return 6 * (2 + 3 * np.asarray(w, dtype=float))


def descend(w0, learning_rate, steps):
    """The iterates w_0, ..., w_steps of w := w - alpha dJ/dw (stops early once |w| > 1e150)."""
    ws = [float(w0)]
    for _ in range(int(steps)):
        w = ws[-1] - learning_rate * float(dJ_sq(ws[-1]))
        ws.append(w)
        if not np.isfinite(w) or abs(w) > 1e150:
            break
    return np.array(ws)


def draw_gd(fig, learning_rate, steps, w_start):
    ws = descend(w_start, learning_rate, steps)
    Js = J_sq(ws)
    factor = abs(1 - learning_rate * CURVATURE)      # |w - w*| is multiplied by this every step
    limit = 2 / CURVATURE
    lo, hi = -3.5, 2.2
    if learning_rate > limit:      # zoom out so the first overshoots stay in view
        first = ws[:4]
        lo, hi = min(lo, float(first.min())), max(hi, float(first.max()))
        lo, hi = lo - 0.08 * (hi - lo), hi + 0.08 * (hi - lo)
    top = 100.0 if learning_rate <= limit else 1.1 * float(max(J_sq(lo), J_sq(hi)))
    ax = fig.add_subplot(1, 2, 1)
    grid = np.linspace(lo, hi, 300)
    ax.plot(grid, J_sq(grid), color="C0", lw=1.8, zorder=1)
    inside = (ws >= lo) & (ws <= hi)
    shown = ws[inside]
    ax.plot(shown, J_sq(shown), color="C3", lw=0.8, alpha=0.7, zorder=2)
    ax.scatter(shown, J_sq(shown), c=np.arange(len(ws))[inside], cmap="autumn", s=28, zorder=3,
               edgecolors="k", linewidths=0.4)
    ax.plot([ws[0]], [Js[0]], "s", color="k", ms=6, zorder=4, label=f"start w₀ = {ws[0]:.2f}")
    ax.axvline(W_STAR, color="0.7", ls=":", lw=1)
    ax.set(xlim=(lo, hi), ylim=(-0.05 * top, top), xlabel="w", ylabel="J(w) = (2 + 3w)²",
           title=f"α = {fmt(learning_rate)}, {len(ws) - 1} step{'s' if len(ws) != 2 else ''}: "
                 f"w = {fmt(float(ws[-1]), 4)}, J = {fmt(float(Js[-1]), 3)}")
    ax.title.set_fontsize(9.5)
    ax.legend(loc="upper right", fontsize=8)

    ax2 = fig.add_subplot(1, 2, 2)
    dist = np.maximum(np.abs(ws - W_STAR), 1e-300)
    ax2.semilogy(np.arange(len(ws)), dist, "o-", color="C3", ms=3.5, lw=1)
    ax2.set(xlabel="step", ylabel="|w − w*|  (log scale)", xlim=(-0.5, max(int(steps), 1) + 0.5),
            title=f"distance to the minimum w* = −2/3: × {fmt(factor, 3)} per step")
    ax2.title.set_fontsize(9.5)

    if learning_rate > limit:
        note(ax, f"diverged: α = {fmt(learning_rate)} > 2/18 ≈ 0.111.\nEach step overshoots the minimum by\n"
                 f"more than it corrects: |w − w*| grows ×{fmt(factor, 3)}\nper step"
                 + (f" (w reached {fmt(float(ws[-1]), 3)})." if not inside[-1] else "."))
    elif learning_rate > 1 / CURVATURE:
        note(ax2, f"zig-zag: α > 1/18 ≈ 0.056 jumps over the\nminimum each step, but by less each time\n"
                  f"(× {fmt(factor, 3)}): it still converges.", color="#7a4b00")
    elif abs(ws[-1] - ws[0]) < 0.5 * abs(ws[0] - W_STAR) and abs(ws[0] - W_STAR) > 0.05:
        note(ax, f"α = {fmt(learning_rate)} is small: after {len(ws) - 1} steps w has\ncovered only "
                 f"{abs(ws[-1] - ws[0]) / abs(ws[0] - W_STAR):.0%} of the way to the minimum.\n"
                 f"Raise α or take more steps.", color="#7a4b00")


gd_widget = Widget(
    draw=draw_gd,
    controls={"learning_rate": Slider(1e-3, 0.3, 0.03, step=0.05, log=True, description="learning rate α"),
              "steps": Slider(1, 40, 10, step=1, integer=True, description="steps"),
              "w_start": Slider(-3.0, 2.0, 1.5, step=0.05, description="start w₀")},
    title="Gradient descent w := w − α dJ/dw on J(w) = (2 + 3w)²   (dJ/dw = 6(2 + 3w))",
    figsize=(10, 4.2),
)
