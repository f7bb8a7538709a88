"""Chapter 3 widget: train the coffee network live with nnlib, and watch the loss and the boundary.

Controls: the number of epochs, the learning rate (log scale) and the optimizer. Training is
full-batch (each epoch is one step on all 200 roasts), from the same fixed initial weights
every time, so a setting always gives the same picture. One training run is kept per
(optimizer, learning rate) and continued when more epochs are asked for; moving the epochs
slider back only picks a stored snapshot.
"""
import textwrap
from functools import lru_cache

import numpy as np
from matplotlib.ticker import MaxNLocator

from .. import Dense, Sequential, optimizers, seeded
from ..layers import glorot_uniform
from ..losses import BinaryCrossentropy
from . import Choice, Slider, Widget, fmt, note_slot, rung, say
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
    """nnlib's optimizer for a Keras name ("adam", "sgd") at this learning rate; another name raises."""
    return type(optimizers.get(name))(learning_rate=learning_rate)


def coffee_network(weights, name="coffee"):
    """The course's 2 -> 3 -> 1 sigmoid network with weights [W1, b1, W2, b2].

    Building it draws Glorot weights, replaced at once: drawn in a block of their own, so the
    learner's nnlib generator is left as it was.
    """
    model = Sequential([Dense(3, activation="sigmoid"), Dense(1, activation="sigmoid")], name=name)
    with seeded(0):
        model.set_weights(weights)
    return model


class _Run:
    """One full-batch training run from initial_weights(), extended on demand (see train_run)."""

    def __init__(self, optimizer, learning_rate):
        self.model = coffee_network(initial_weights(), "live")
        self.model.compile(optimizer=make_optimizer(optimizer, learning_rate), loss=BinaryCrossentropy())
        self.losses, self.snaps = [], []

    def extend(self, epochs):
        params = self.model.trainable_weights
        while len(self.snaps) < epochs:
            J, grads = self.model.compute_gradients(XN, Y_COFFEE)
            self.model.optimizer.update(params, grads)
            self.losses.append(J)
            self.snaps.append([p.copy() for p in params])
        return self


@lru_cache(maxsize=128)  # every position of the learning-rate slider, for both optimizers
def _run(optimizer, learning_rate):
    return _Run(optimizer, learning_rate)


def _rate(learning_rate):
    """The learning rate to 12 significant digits: the browser's slider computes 10**x itself,
    and its last digit can differ from Python's, which would miss the cached run."""
    return float(f"{float(learning_rate):.12g}")


def prepare_training():
    """Train, once, both optimizers at every position of the learning-rate slider up to the
    default number of epochs (about 2 s), so that moving that slider never waits for training."""
    rate = training_widget.controls["learning_rate"]
    lo, hi = np.log10(rate.min), np.log10(rate.max)
    for optimizer in training_widget.controls["optimizer"].options:
        for x in np.arange(lo, hi + rate.step / 2, rate.step):
            train_run(optimizer, 10 ** x, training_widget.controls["epochs"].value)


def train_run(optimizer, learning_rate, epochs=MAX_EPOCHS):
    """Full-batch training: (losses, snapshots), loss and [W1, b1, W2, b2] after each epoch.

    losses[e] is the cost J on all 200 roasts before step e+1 (what fit reports for a full
    batch); snapshots[e] the weights after e+1 steps. One run is kept per (optimizer, learning
    rate) and trained only as far as asked; asking for more epochs continues it (the same
    numbers as one run to the end).
    """
    run = _run(optimizer, _rate(learning_rate)).extend(epochs)
    return np.array(run.losses[:epochs]), run.snaps[:epochs]


_N = 70
_T = np.linspace(*T_RANGE, _N)
_D = np.linspace(*D_RANGE, _N)
_GRID = normalize(np.column_stack([g.ravel() for g in np.meshgrid(_T, _D)]))


_VIEW = coffee_network(initial_weights(), "view")   # takes each snapshot's weights, for predictions


def _predict(weights, Xn):
    """P(good roast) = a^[2] of the network with weights [W1, b1, W2, b2]. Shapes: Xn (m, 2) -> (m, 1)."""
    _VIEW.set_weights(weights)
    return _VIEW.predict(Xn)


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


# The loss plot's axes end at the first of these that holds the curve: moving a slider only
# rescales an axis (a slower full redraw) when the curve crosses one of them.
EPOCH_AXIS = [2, 5, 10, 25, 50, 100, 250, 500]
LOSS_AXIS = [0.9, 2.0, 5.0]
TITLE_PAD = 24  # points between an axes and its title: room for the map's legend row


def setup_training(fig):
    """The fixed parts: the loss axes (labels, the J of the base rate), the map axes (the 200
    roasts, legend), and the artists ``update_training`` fills: loss curve, P map, boundary."""
    # Fixed positions (in_layout=False: the constrained layout leaves these axes alone), so
    # that the axes stay put when the loss axis rescales and its tick labels change.
    gs = fig.add_gridspec(1, 2, left=0.066, right=0.996, bottom=0.1135, top=0.83, wspace=0.1624)
    ax = fig.add_subplot(gs[0])
    ax.set_in_layout(False)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.axhline(_bce_of_base_rate(), color="0.6", ls=":", lw=1)
    # at the right end of the x axis whatever its scale (x in axes coordinates, y in data)
    ax.text(1.02 / 1.04, _bce_of_base_rate(), f"J of always saying P(good) = {BASE_RATE:.0%}",
            transform=ax.get_yaxis_transform(), fontsize=9, color="0.4", va="bottom", ha="right")
    ax.set(xlabel="epoch (0 = random start)", ylabel="cost J (binary cross-entropy)")
    # level with the map's title, above its legend
    ax.set_title(" ", fontsize=9.5, pad=TITLE_PAD).set_animated(True)
    p = dict(ax=ax, curve=ax.plot([], [], color="#6a3d9a", lw=1.8, ms=4, animated=True)[0],  # purple: not a roast colour
             note=note_slot(ax))

    ax2 = fig.add_subplot(gs[1])
    ax2.set_in_layout(False)
    p["map"] = ax2.imshow(np.zeros((_N, _N)), origin="lower", extent=(*T_RANGE, *D_RANGE),
                          aspect="auto", cmap="RdBu_r", vmin=0, vmax=1, alpha=0.55, animated=True)
    good = Y_COFFEE[:, 0] == 1
    roasts = [ax2.scatter(X_COFFEE[good, 0], X_COFFEE[good, 1], s=30, marker="X", facecolors="#b2182b", edgecolors="k", lw=0.6,
                          label="good (y = 1)"),
              ax2.scatter(X_COFFEE[~good, 0], X_COFFEE[~good, 1], s=18, facecolors="white",
                          edgecolors="#08306b", lw=0.9, label="bad (y = 0)")]
    p["boundary"] = ax2.plot([], [], color="k", lw=1.5, label="boundary P = 0.5", animated=True)[0]
    ax2.set(xlabel="temperature (°C)", ylabel="duration (min)", xlim=T_RANGE, ylim=D_RANGE)
    ax2.set_title("P(good roast) after training (red = high)", fontsize=9.5, pad=TITLE_PAD)
    # one row above the map, outside it: roasts lie everywhere on the map, so any place inside
    # hides some. Static text (an animated legend would be blitted); "no boundary yet" is the note.
    p["legend"] = ax2.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, fontsize=9,
                             frameon=False, borderaxespad=0.2, handlelength=1.6, columnspacing=1.2)
    p["map_note"] = note_slot(ax2, color="#555555")
    # the map changes under the roasts and the frame: animated too, so they are repainted on top
    for artist in [*roasts, *ax2.spines.values()]:
        artist.set_animated(True)
    return p


def update_training(p, epochs, learning_rate, optimizer):
    """Train (or take from the cache) and show the loss curve up to ``epochs`` with its
    diagnosis, and the network's P(good roast) over all roasts with its boundary P = 0.5."""
    losses, snaps = train_run(optimizer, float(learning_rate), epochs)
    w = snaps[-1]
    p_train = _predict(w, XN)
    acc = float(np.mean((p_train >= 0.5) == (Y_COFFEE == 1)))
    final = float(_loss_after(optimizer, float(learning_rate), epochs))

    ax = p["ax"]
    curve = np.append(losses, final)            # J at the start, then after each epoch
    p["curve"].set_data(np.arange(epochs + 1), curve)
    p["curve"].set_marker("o" if epochs < 20 else "None")
    end = rung(EPOCH_AXIS, epochs)
    top = float(np.max(curve)) * 1.05
    top = rung(LOSS_AXIS, top)
    ax.set(xlim=(-0.02 * end, end * 1.02), ylim=(0, top))
    ax.title.set_text(f"{optimizer}, α = {fmt(learning_rate)}: J = {fmt(final, 3)} after {epochs} "
                      f"epoch{'s' if epochs > 1 else ''}, training accuracy {acc:.0%}")
    say(p["note"], diagnose(curve, learning_rate, acc))

    P = _predict(w, _GRID).reshape(_N, _N)
    p["map"].set_data(P)
    crosses = P.min() < 0.5 < P.max()
    p["boundary"].set_data(*_boundary(P) if crosses else ([], []))
    side = "good" if P.min() >= 0.5 else "bad"
    say(p["map_note"], None if crosses else
        f"no boundary yet: P stays {'above' if side == 'good' else 'below'} 0.5, so\n"
        f"the network says '{side} roast' everywhere")


def _boundary(P):
    """The P = 0.5 line(s) of a map as one (x, y) pair of arrays, pieces separated by NaN."""
    import contourpy

    pieces = contourpy.contour_generator(_T, _D, P).lines(0.5)
    xy = np.concatenate([np.vstack([seg, [np.nan, np.nan]]) for seg in pieces])
    return xy[:, 0], xy[:, 1]


@lru_cache(maxsize=4096)
def _loss_after(optimizer, learning_rate, epochs):
    """The cost after `epochs` steps (the loss curve shows the cost before each step)."""
    _, snaps = train_run(optimizer, learning_rate, epochs)
    p = _predict(snaps[epochs - 1], XN)
    return BinaryCrossentropy()(Y_COFFEE, p)


def _bce_of_base_rate():
    p = BASE_RATE
    return -(p * np.log(p) + (1 - p) * np.log(1 - p))


training_widget = Widget(
    setup=setup_training,
    update=update_training,
    prepare=prepare_training,
    controls={
        "epochs": Slider(1, MAX_EPOCHS, 200, step=1, integer=True, description="epochs"),
        "learning_rate": Slider(1e-3, 10.0, 0.1, step=0.1, log=True, description="learning rate α"),
        "optimizer": Choice(["adam", "sgd"], value="adam", description="optimizer"),
    },
    title="Train the coffee network 2 → 3 → 1 with nnlib (full batch, same random start every time)",
    figsize=(10, 4.2),
)
