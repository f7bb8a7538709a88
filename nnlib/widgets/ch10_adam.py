"""Chapter 10 widget: gradient descent, momentum and Adam on a 2-D cost surface.

The parameters are one numpy array p = [x, y]; each optimizer is nnlib.optimizers' own
(SGD, SGD with momentum, Adam) calling ``update([p], [dJ/dp])`` as in training. The left
panel shows the three paths from the same start on the contours of J; the right panels show
the cost per step and Adam's per-parameter step |Δw|/α (``Adam.effective_step``).

``setup_descent`` draws what stays (contours, axes) and declares the paths and curves animated;
``update_descent`` moves them, so a slider move repaints only them. The right panels' axes follow the setting on a
small ladder of limits, so the curves fill them and one slider step rarely moves an axis (the
live widget keeps one background per set of limits, so each rung costs one full draw, once):
the step axes end at the next of 10, 25, 50, 150, 300 at or above the chosen number of
steps (``step_limit``), and the log cost axis spans whole decades fitted to the three runs'
costs (``cost_limits``: bottom on a 4-decade rung, top on the next decade, within 1e-12..1e6).
Runs are computed once and cached; fewer steps show the beginning of a longer run.
"""
import functools

import numpy as np
from matplotlib.ticker import MaxNLocator, NullFormatter

from ..optimizers import SGD, Adam
from . import Choice, Slider, Widget, fmt, note_slot, rung, say

_ROT = np.array([[np.cos(np.pi / 4), -np.sin(np.pi / 4)], [np.sin(np.pi / 4), np.cos(np.pi / 4)]])
_H_TILT = _ROT @ np.diag([0.1, 2.0]) @ _ROT.T   # the bowl's curvatures 0.1 and 2, turned by 45°


def _bowl(p):
    return p[0] ** 2 / 20 + p[1] ** 2


def _bowl_grad(p):
    return np.array([p[0] / 10, 2 * p[1]])


def _tilted(p):
    p = np.asarray(p)
    return 0.5 * np.einsum("i...,ij,j...->...", p, _H_TILT, p)


def _tilted_grad(p):
    return _H_TILT @ p


def _banana(p):
    return (1 - p[0]) ** 2 + 5 * (p[1] - p[0] ** 2) ** 2


def _banana_grad(p):
    return np.array([-2 * (1 - p[0]) - 20 * p[0] * (p[1] - p[0] ** 2), 10 * (p[1] - p[0] ** 2)])


# name -> (J, dJ/dp, start, minimum, x range, y range, largest curvature at the minimum)
# (the banana's Hessian at (1, 1) is [[42, -20], [-20, 10]], eigenvalues 51.6 and 0.39)
SURFACES = {
    "elongated bowl": (_bowl, _bowl_grad, (-9.0, 1.5), (0.0, 0.0), (-10, 10), (-3, 3), 2.0),
    "tilted valley": (_tilted, _tilted_grad, (-6.0, -4.0), (0.0, 0.0), (-8, 8), (-6, 6), 2.0),
    "banana valley": (_banana, _banana_grad, (-1.5, 2.0), (1.0, 1.0), (-2, 2), (-1, 3), 51.6),
}
FORMULAS = {
    "elongated bowl": "J = x²/20 + y²",
    "tilted valley": "the same bowl turned by 45°",
    "banana valley": "J = (1 − x)² + 5 (y − x²)²",
}
BLOWUP = 1e3   # a path farther than this from the start has diverged


@functools.lru_cache(maxsize=8)
def _contours(surface):
    J, _, _, _, xr, yr, _ = SURFACES[surface]
    xs, ys = np.linspace(*xr, 160), np.linspace(*yr, 120)
    X, Y = np.meshgrid(xs, ys)
    return X, Y, J(np.array([X, Y]))


def run_path(surface, optimizer, steps):
    """Apply ``steps`` updates of ``optimizer`` to p = start on ``surface``.

    Returns (path of shape (k+1, 2), costs (k+1,), effective steps (k, 2) or None,
    diverged_at or None). A path stops early once it leaves the plot by BLOWUP or overflows.
    """
    J, grad, start, *_ = SURFACES[surface]
    p = np.array(start, dtype=float)
    path, costs, eff = [p.copy()], [float(J(p))], []
    diverged_at = None
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(1, steps + 1):
            optimizer.update([p], [grad(p)])
            if not np.all(np.isfinite(p)) or np.max(np.abs(p)) > BLOWUP:
                diverged_at = t
                break
            path.append(p.copy())
            costs.append(float(J(p)))
            if isinstance(optimizer, Adam):
                eff.append(optimizer.effective_step(0).copy())
    return np.array(path), np.array(costs), (np.array(eff) if eff else None), diverged_at


def _divergence_reason(name, surface, alpha, beta):
    curv = SURFACES[surface][6]
    if name == "gradient descent":
        limit = 2 / curv
        return (f"gradient descent diverged: α = {fmt(alpha)} > 2/{fmt(curv)} = {fmt(limit)}"
                f" (2 / the largest curvature\nat the minimum), so the steps overshoot the valley floor")
    if name == "momentum":
        limit = 2 * (1 + beta) / curv
        return (f"momentum diverged: α = {fmt(alpha)} > 2(1+β)/{fmt(curv)} = {fmt(limit)};"
                f" the velocity keeps growing")
    return f"{name} diverged: α = {fmt(alpha)} is too large for this surface"


STEPS_MAX = 300            # the steps slider's end
STEP_LADDER = (10, 25, 50, 150, STEPS_MAX)  # where the step axes may end (the default 100 is no edge)
COST_RANGE = (1e-12, 1e6)  # the widest cost axis (log scale): from "converged" to "blowing up"
COST_BAND = 4              # the cost axis's bottom is a power of 10 whose exponent is a multiple of this
RUNS = [("gradient descent", "C0"), ("momentum", "C1"), ("Adam", "C2")]


def step_limit(steps):
    """Where the step axes end: the first rung of STEP_LADDER at or above ``steps``."""
    return rung(STEP_LADDER, steps)


def cost_limits(costs):
    """The log cost axis for these costs (an array of all runs' finite costs): whole decades,
    the top at the next power of 10 above the largest (at most COST_RANGE's top: a path that
    blows up leaves through the top), the bottom at the next power of 10**COST_BAND below the
    smallest (at least COST_RANGE's bottom: smaller costs are drawn on it, as converged)."""
    lo_exp, hi_exp = (int(np.log10(r)) for r in COST_RANGE)
    costs = np.maximum(costs[np.isfinite(costs)], COST_RANGE[0])  # as drawn
    if costs.size == 0:
        return COST_RANGE
    low = int(np.floor(np.log10(costs.min()) / COST_BAND)) * COST_BAND
    high = int(np.ceil(np.log10(costs.max())))
    low, high = max(low, lo_exp), min(high, hi_exp)
    high = max(high, min(low + 1, hi_exp))   # at least one decade
    low = min(low, high - 1)
    return 10.0 ** low, 10.0 ** high


@functools.lru_cache(maxsize=128)
def _run(surface, name, alpha, beta, steps):
    """``run_path`` with a new optimizer of this kind (cached)."""
    optimizer = {"gradient descent": lambda: SGD(alpha),
                 "momentum": lambda: SGD(alpha, momentum=beta),
                 "Adam": lambda: Adam(alpha)}[name]()
    return run_path(surface, optimizer, steps)


def _first_steps(surface, name, alpha, beta, steps):
    """Exactly ``run_path(surface, optimizer, steps)``, cut from a cached longer run.

    Runs are computed for 100 steps (the default) or STEPS_MAX, so moving the steps slider
    only cuts a run that is already there.
    """
    longer = 100 if steps <= 100 else STEPS_MAX
    path, costs, eff, diverged_at = _run(surface, name, alpha, beta, longer)
    if diverged_at is not None and diverged_at > steps:
        diverged_at = None
    k = min(steps, len(path) - 1)          # updates that stayed on the plot
    eff = eff[:k] if eff is not None and k > 0 else None
    return path[:k + 1], costs[:k + 1], eff, diverged_at


def setup_descent(fig, surface):
    """Axes, contours of J, start and minimum; empty paths, cost curves and Adam's steps (animated)."""
    _, _, start, minimum, xr, yr, _ = SURFACES[surface]
    gs = fig.add_gridspec(2, 2, width_ratios=[1.5, 1])
    ax = fig.add_subplot(gs[:, 0])
    ax_cost = fig.add_subplot(gs[0, 1])
    ax_eff = fig.add_subplot(gs[1, 1])

    X, Y, Z = _contours(surface)
    ax.contour(X, Y, Z, levels=np.geomspace(max(Z.min(), 1e-3), Z.max(), 14), colors="0.75",
               linewidths=0.7)
    # start and minimum do not move; animated too, so they are repainted on top of the paths
    p = dict(ax=ax, ax_cost=ax_cost, ax_eff=ax_eff,
             start=ax.plot(*start, "ko", ms=6, zorder=5, animated=True)[0],
             minimum=ax.plot(*minimum, marker="*", color="k", ms=11, zorder=5, ls="none",
                             animated=True)[0])
    p["paths"] = [ax.plot([], [], "-o", color=c, ms=2.5, lw=1.3, label=name, animated=True)[0]
                  for name, c in RUNS]
    p["blowups"] = [ax.plot([], [], "X", color=c, ms=11, mec="k", zorder=6, animated=True)[0]
                    for _, c in RUNS]
    p["costs"] = [ax_cost.plot([], [], color=c, lw=1.5, ms=4, animated=True)[0] for _, c in RUNS]
    # clip_on=False: a path that blew up gets its X on the top edge of the cost axis
    p["cost_blowups"] = [ax_cost.plot([], [], "X", color=c, ms=9, mec="k", clip_on=False,
                                      in_layout=False, animated=True)[0]
                         for _, c in RUNS]
    ax.set(xlim=xr, ylim=yr, xlabel="$w_1 = x$", ylabel="$w_2 = y$", title=" ")
    ax.title.set_animated(True)
    p["legend"] = ax.legend(loc="best", fontsize=9, framealpha=0.9)
    p["legend"].set_animated(True)
    p["problems"] = note_slot(ax)          # why a path diverged, bottom left
    p["problems"].set(x=0.02, y=0.02, ha="left", va="bottom", fontsize=9, in_layout=False)

    ax_cost.set_yscale("log")
    ax_cost.set(title="cost J per step (log scale)", xlabel="step", xlim=(0, STEPS_MAX),
                ylim=COST_RANGE)                    # update_descent sets the limits it needs
    ax_cost.title.set_fontsize(9)
    ax_cost.yaxis.set_minor_formatter(NullFormatter())  # one decade: no "6×10⁰" labels

    ax_eff.axhline(1.0, color="0.7", lw=0.8)
    p["eff"] = [ax_eff.plot([], [], color="C2", lw=1.5, label="x", animated=True)[0],
                ax_eff.plot([], [], color="C2", lw=1.5, ls="--", mfc="none", label="y",
                            animated=True)[0]]
    p["eff_legend"] = ax_eff.legend(fontsize=9, loc="best")
    p["eff_legend"].set_animated(True)
    ax_eff.set(title="Adam's step per parameter, |Δw| / α", xlabel="step", xlim=(0, STEPS_MAX),
               ylim=(0, 1.6))
    ax_eff.title.set_fontsize(9)
    for a in (ax_cost, ax_eff):                 # steps are whole numbers, also on 0..10
        a.xaxis.set_major_locator(MaxNLocator(6, integer=True, steps=[1, 2, 5, 10]))
    return p


def update_descent(p, surface, alpha_gd, momentum, alpha_adam, steps):
    """Paths of gradient descent, momentum and Adam after ``steps`` steps, their cost per step
    and Adam's step per parameter; a note says why a path diverged."""
    alphas = {"gradient descent": alpha_gd, "momentum": alpha_gd, "Adam": alpha_adam}
    betas = {"gradient descent": None, "momentum": momentum, "Adam": None}
    mk = "o" if steps < 5 else "None"      # a line of one or two points would be invisible
    runs = [_first_steps(surface, name, alphas[name], betas[name], steps) for name, _ in RUNS]
    cost_low, cost_high = cost_limits(np.concatenate([costs for _, costs, _, _ in runs]))
    p["ax_cost"].set_ylim(cost_low, cost_high)
    for ax in (p["ax_cost"], p["ax_eff"]):
        ax.set_xlim(0, step_limit(steps))
    problems = []
    for i, ((name, _), (path, costs, eff, diverged_at)) in enumerate(zip(RUNS, runs)):
        alpha = alphas[name]
        p["paths"][i].set_data(path[:, 0], path[:, 1])
        p["costs"][i].set_data(np.arange(len(costs)), np.maximum(costs, COST_RANGE[0]))
        p["costs"][i].set_marker(mk)
        final = "diverged" if diverged_at else f"J = {fmt(costs[-1])}"
        p["legend"].get_texts()[i].set_text(f"{name} (α = {fmt(alpha)}): {final}")
        last = [len(costs) - 1], [cost_high]  # a path that blew up: an X on the top edge
        p["blowups"][i].set_data(*(([path[-1, 0]], [path[-1, 1]]) if diverged_at else ([], [])))
        p["cost_blowups"][i].set_data(*(last if diverged_at else ([], [])))
        if diverged_at:
            problems.append(f"{_divergence_reason(name, surface, alpha, momentum)} (step {diverged_at})")
        if name == "Adam":
            adam_eff = eff
    p["ax"].set_title(f"{surface}: {FORMULAS[surface]}, {steps} step{'s' if steps != 1 else ''}")
    say(p["problems"], "\n".join(problems))

    p["eff_legend"].set_visible(adam_eff is not None)
    for j, (line, label) in enumerate(zip(p["eff"], p["eff_legend"].get_texts())):
        line.set_marker(mk)
        if adam_eff is None:
            line.set_data([], [])
            continue
        line.set_data(np.arange(1, len(adam_eff) + 1), adam_eff[:, j])
        label.set_text(f"{'xy'[j]}: now {fmt(adam_eff[-1, j], 2)} α")


descent_widget = Widget(
    setup=setup_descent,
    update=update_descent,
    rebuild=("surface",),
    controls={
        "surface": Choice(list(SURFACES), value="elongated bowl", description="cost surface"),
        # defaults: each optimizer's best α for 100 steps on the elongated bowl, from a sweep over
        # this slider's values (gradient descent 0.891: J = 3.2e-8; Adam 0.631: J = 3.2e-5);
        # momentum shares gradient descent's α (its own best, 0.224, gives J = 1.4e-5)
        "alpha_gd": Slider(1e-3, 3.0, 0.891, step=0.05, log=True, description="α (GD, momentum)"),
        "momentum": Slider(0.0, 0.99, 0.9, step=0.01, description="momentum β"),
        "alpha_adam": Slider(1e-3, 3.0, 0.631, step=0.05, log=True, description="α for Adam"),
        "steps": Slider(1, STEPS_MAX, 100, integer=True, description="steps"),
    },
    title="Gradient descent, momentum and Adam from the same start (★ = minimum)",
    figsize=(10, 4.6),
)
