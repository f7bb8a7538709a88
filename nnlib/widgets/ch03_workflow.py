"""Chapter 3 widget: train the coffee network live with nnlib, and watch the loss and the boundary.

Controls: the number of epochs, the learning rate (log scale) and the optimizer. Training is
full-batch (each epoch is one step on all 200 roasts), from the same fixed initial weights
every time, so a setting always gives the same picture. One training run to the largest
number of epochs is cached per (optimizer, learning rate); moving the epochs slider only
picks a stored snapshot.
"""
import textwrap
from functools import lru_cache

import numpy as np
from matplotlib.ticker import MaxNLocator

from .. import Dense, Sequential
from ..layers import glorot_uniform
from ..losses import BinaryCrossentropy
from ..optimizers import SGD, Adam
from ._core import Choice, Slider, Widget, fmt, note
from .ch02_forward import D_RANGE, T_RANGE, X_COFFEE, Y_COFFEE, normalize

MAX_EPOCHS = 500
XN = normalize(X_COFFEE)
BASE_RATE = float(Y_COFFEE.mean())               # fraction of good roasts
MAJORITY_ACC = max(BASE_RATE, 1 - BASE_RATE)     # accuracy of always answering "bad roast"


def initial_weights(seed=0):
    """The fixed random start [W1, b1, W2, b2] for a 2-3-1 network (Glorot-uniform W, zero b)."""
    rng = np.random.default_rng(seed)
    return [glorot_uniform(2, 3, rng), np.zeros(3), glorot_uniform(3, 1, rng), np.zeros(1)]


def make_optimizer(name, learning_rate):
    return Adam(learning_rate=learning_rate) if name == "adam" else SGD(learning_rate=learning_rate)


@lru_cache(maxsize=64)
def train_run(optimizer, learning_rate, epochs=MAX_EPOCHS):
    """Full-batch training: (losses, snapshots), loss and [W1, b1, W2, b2] after each epoch.

    losses[e] is the cost J on all 200 roasts before step e+1 (what fit reports for a full
    batch); snapshots[e] the weights after e+1 steps.
    """
    model = Sequential([Dense(3, activation="sigmoid"), Dense(1, activation="sigmoid")], name="live")
    model.set_weights(initial_weights())
    model.compile(optimizer=make_optimizer(optimizer, learning_rate), loss=BinaryCrossentropy())
    losses, snaps = [], []
    params = model.trainable_weights
    for _ in range(epochs):
        J, grads = model.compute_gradients(XN, Y_COFFEE)
        model.optimizer.update(params, grads)
        losses.append(J)
        snaps.append([p.copy() for p in params])
    return np.array(losses), snaps


_N = 70
_T = np.linspace(*T_RANGE, _N)
_D = np.linspace(*D_RANGE, _N)
_GRID = normalize(np.column_stack([g.ravel() for g in np.meshgrid(_T, _D)]))


def _predict(weights, Xn):
    W1, b1, W2, b2 = weights
    a1 = 1 / (1 + np.exp(-np.clip(Xn @ W1 + b1, -500, 500)))
    return 1 / (1 + np.exp(-np.clip(a1 @ W2 + b2, -500, 500)))


def _wrap(text, width=44):
    return "\n".join(textwrap.fill(par, width) for par in text.split("\n"))


def diagnose(losses, learning_rate, accuracy):
    """A sentence for settings that need explaining (too large / too small a step), else None.

    losses: the cost before each step and, last, after the final step.
    """
    steps = len(losses) - 1
    ups = int(np.sum(np.diff(losses) > 1e-4 * losses[:-1]))
    drop = (losses[0] - losses[-1]) / losses[0]
    if ups >= 3 and ups >= steps // 50:
        stuck = accuracy <= MAJORITY_ACC + 0.005
        return _wrap(f"learning rate {fmt(learning_rate)} is too large: the steps overshoot, so the loss "
                     f"went UP in {ups} of {steps} epochs instead of falling smoothly. "
                     + ("The sigmoid units saturated and the network says 'bad roast' almost everywhere. "
                        if stuck else "") + "Try a 10x smaller rate.")
    if drop < 0.05:
        if steps < 30:
            return _wrap(f"only {steps} epoch{'s' if steps > 1 else ''} (= {steps} full-batch step"
                         f"{'s' if steps > 1 else ''}): the loss fell {drop:.1%}. The weights are still "
                         f"close to their random start: train longer.")
        return _wrap(f"the loss fell only {drop:.1%} in {steps} epochs: learning rate {fmt(learning_rate)} "
                     f"is too small. Raise it, or train longer.")
    return None


def draw_training(fig, epochs, learning_rate, optimizer):
    losses, snaps = train_run(optimizer, float(learning_rate))
    losses = losses[:epochs]
    w = snaps[epochs - 1]
    p_train = _predict(w, XN)
    acc = float(np.mean((p_train >= 0.5) == (Y_COFFEE == 1)))
    final = float(_loss_after(optimizer, float(learning_rate), epochs))

    ax = fig.add_subplot(1, 2, 1)
    curve = np.append(losses, final)            # J at the start, then after each epoch
    ax.plot(np.arange(epochs + 1), curve, color="C0", lw=1.8, marker="o" if epochs < 20 else None, ms=4)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.axhline(_bce_of_base_rate(), color="0.6", ls=":", lw=1)
    ax.text(max(epochs, 2), _bce_of_base_rate(), f"J of always saying P(good) = {BASE_RATE:.0%}",
            fontsize=7.5, color="0.4", va="bottom", ha="right")
    ax.set(xlabel="epoch (0 = random start)", ylabel="cost J (binary cross-entropy)",
           xlim=(-0.02 * max(epochs, 2), max(epochs, 2) * 1.02), ylim=(0, max(0.9, float(np.max(curve)) * 1.05)),
           title=f"{optimizer}, α = {fmt(learning_rate)}: J = {fmt(final, 3)} after {epochs} epoch"
                 f"{'s' if epochs > 1 else ''}, training accuracy {acc:.0%}")
    ax.title.set_fontsize(9.5)
    msg = diagnose(curve, learning_rate, acc)
    if msg:
        note(ax, msg)

    ax2 = fig.add_subplot(1, 2, 2)
    P = _predict(w, _GRID).reshape(_N, _N)
    ax2.imshow(P, origin="lower", extent=(*T_RANGE, *D_RANGE), aspect="auto", cmap="RdBu_r",
               vmin=0, vmax=1, alpha=0.55)
    good = Y_COFFEE[:, 0] == 1
    ax2.scatter(X_COFFEE[good, 0], X_COFFEE[good, 1], s=18, marker="x", color="C3", label="good roast (y = 1)")
    ax2.scatter(X_COFFEE[~good, 0], X_COFFEE[~good, 1], s=12, facecolors="none", edgecolors="C0",
                lw=0.7, label="bad roast (y = 0)")
    if P.min() < 0.5 < P.max():
        ax2.contour(_T, _D, P, levels=[0.5], colors="k", linewidths=1.5)
        ax2.plot([], [], color="k", label="boundary P = 0.5")
    else:
        side = "good" if P.min() >= 0.5 else "bad"
        note(ax2, f"no boundary yet: P stays {'above' if side == 'good' else 'below'} 0.5, so\n"
                  f"the network says '{side} roast' everywhere", color="#555555")
    ax2.set(xlabel="temperature (°C)", ylabel="duration (min)", xlim=T_RANGE, ylim=D_RANGE,
            title="P(good roast) after training (red = high)")
    ax2.title.set_fontsize(9.5)
    ax2.legend(loc="upper right", fontsize=7, framealpha=0.9)


@lru_cache(maxsize=4096)
def _loss_after(optimizer, learning_rate, epochs):
    """The cost after `epochs` steps (the loss curve shows the cost before each step)."""
    _, snaps = train_run(optimizer, learning_rate)
    p = _predict(snaps[epochs - 1], XN)
    return BinaryCrossentropy()(Y_COFFEE, p)


def _bce_of_base_rate():
    p = BASE_RATE
    return -(p * np.log(p) + (1 - p) * np.log(1 - p))


training_widget = Widget(
    draw=draw_training,
    controls={
        "epochs": Slider(1, MAX_EPOCHS, 200, step=1, integer=True, description="epochs"),
        "learning_rate": Slider(1e-3, 10.0, 0.1, step=0.1, log=True, description="learning rate α"),
        "optimizer": Choice(["adam", "sgd"], value="adam", description="optimizer"),
    },
    title="Train the coffee network 2 → 3 → 1 with nnlib (full batch, same random start every time)",
    figsize=(10, 4.2),
)
