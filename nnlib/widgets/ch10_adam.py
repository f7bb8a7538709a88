"""Chapter 10 widget: gradient descent, momentum and Adam on a 2-D cost surface.

The parameters are one numpy array p = [x, y]; each optimizer is nnlib.optimizers' own
(SGD, SGD with momentum, Adam) calling ``update([p], [dJ/dp])`` as in training. The left
panel shows the three paths from the same start on the contours of J; the right panels show
the cost per step and Adam's per-parameter step |Δw|/α (``Adam.effective_step``).
"""
import functools

import numpy as np

from ..optimizers import SGD, Adam
from ._core import Choice, Slider, Widget, fmt

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


# name -> (J, dJ/dp, start, minimum, x range, y range, largest curvature near the path)
SURFACES = {
    "elongated bowl": (_bowl, _bowl_grad, (-9.0, 1.5), (0.0, 0.0), (-10, 10), (-3, 3), 2.0),
    "tilted valley": (_tilted, _tilted_grad, (-6.0, -4.0), (0.0, 0.0), (-8, 8), (-6, 6), 2.0),
    "banana valley": (_banana, _banana_grad, (-1.5, 2.0), (1.0, 1.0), (-2, 2), (-1, 3), 100.0),
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
                f" (2 / largest curvature), so each step overshoots the valley floor")
    if name == "momentum":
        limit = 2 * (1 + beta) / curv
        return (f"momentum diverged: α = {fmt(alpha)} > 2(1+β)/{fmt(curv)} = {fmt(limit)};"
                f" the velocity keeps growing")
    return f"{name} diverged: α = {fmt(alpha)} is too large for this surface"


def draw_descent(fig, surface, alpha_gd, momentum, alpha_adam, steps):
    """Paths of gradient descent, momentum and Adam on the chosen surface, cost and Adam's steps."""
    J, _, start, minimum, xr, yr, _ = SURFACES[surface]
    gs = fig.add_gridspec(2, 2, width_ratios=[1.5, 1])
    ax = fig.add_subplot(gs[:, 0])
    ax_cost = fig.add_subplot(gs[0, 1])
    ax_eff = fig.add_subplot(gs[1, 1])

    X, Y, Z = _contours(surface)
    ax.contour(X, Y, Z, levels=np.geomspace(max(Z.min(), 1e-3), Z.max(), 14), colors="0.75",
               linewidths=0.7)
    ax.plot(*start, "ko", ms=6, zorder=5)
    ax.plot(*minimum, marker="*", color="k", ms=11, zorder=5, ls="none")

    runs = [("gradient descent", SGD(alpha_gd), "C0", alpha_gd),
            ("momentum", SGD(alpha_gd, momentum=momentum), "C1", alpha_gd),
            ("Adam", Adam(alpha_adam), "C2", alpha_adam)]
    problems, all_costs = [], []
    for name, opt, color, alpha in runs:
        path, costs, eff, diverged_at = run_path(surface, opt, steps)
        final = "diverged" if diverged_at else f"J = {fmt(costs[-1])}"
        ax.plot(path[:, 0], path[:, 1], "-o", color=color, ms=2.5, lw=1.3,
                label=f"{name} (α = {fmt(alpha)}): {final}")
        ax_cost.plot(np.arange(len(costs)), np.maximum(costs, 1e-12), color=color, lw=1.5)
        all_costs.extend(np.maximum(costs, 1e-12))
        if diverged_at:
            ax.plot(*path[-1], "X", color=color, ms=11, mec="k", zorder=6)
            ax_cost.plot(len(costs) - 1, max(costs[-1], 1e-12), "X", color=color, ms=9, mec="k")
            problems.append(f"{_divergence_reason(name, surface, alpha, momentum)} (step {diverged_at})")
        if name == "Adam":
            adam_eff = eff
    ax.set(xlim=xr, ylim=yr, xlabel="w₁ = x", ylabel="w₂ = y",
           title=f"{surface}: {FORMULAS[surface]}, {steps} step{'s' if steps != 1 else ''}")
    ax.legend(loc="upper right", fontsize=7.5, framealpha=0.9)
    if problems:
        ax.text(0.02, 0.02, "\n".join(problems), transform=ax.transAxes, fontsize=7.5, va="bottom",
                color="#b00020", wrap=True,
                bbox=dict(boxstyle="round", fc="white", ec="#b00020", alpha=0.9), zorder=100)
        fig._nnlib_notes = getattr(fig, "_nnlib_notes", []) + problems

    log = max(all_costs) / min(all_costs) > 20          # a log axis only when J spans a wide range
    if log:
        ax_cost.set_yscale("log")
    ax_cost.set(title=f"cost J per step{' (log scale)' if log else ''}", xlabel="step", xlim=(0, max(steps, 1)))
    ax_cost.title.set_fontsize(9)
    if adam_eff is not None:
        t = np.arange(1, len(adam_eff) + 1)
        mk = "o" if len(t) < 5 else None          # a line of one point would be invisible
        ax_eff.plot(t, adam_eff[:, 0], color="C2", lw=1.5, marker=mk,
                    label=f"x: now {fmt(adam_eff[-1, 0], 2)} α")
        ax_eff.plot(t, adam_eff[:, 1], color="C2", lw=1.5, ls="--", marker=mk, mfc="none",
                    label=f"y: now {fmt(adam_eff[-1, 1], 2)} α")
        ax_eff.legend(fontsize=7.5, loc="upper right")
    ax_eff.axhline(1.0, color="0.7", lw=0.8)
    ax_eff.set(title="Adam's step per parameter, |Δw| / α", xlabel="step", xlim=(0, max(steps, 1)),
               ylim=(0, 1.6))
    ax_eff.title.set_fontsize(9)


descent_widget = Widget(
    draw=draw_descent,
    controls={
        "surface": Choice(list(SURFACES), value="elongated bowl", description="cost surface"),
        "alpha_gd": Slider(1e-3, 3.0, 0.02, step=0.05, log=True,
                           description="α for gradient descent and momentum"),
        "momentum": Slider(0.0, 0.99, 0.9, step=0.01, description="momentum β"),
        "alpha_adam": Slider(1e-3, 3.0, 0.1, step=0.05, log=True, description="α for Adam"),
        "steps": Slider(1, 300, 100, integer=True, description="steps"),
    },
    title="Gradient descent, momentum and Adam from the same start (★ = minimum)",
    figsize=(10, 4.6),
)
