"""Chapter 13: a playground in the spirit of TensorFlow Playground, trained by nnlib.

Three layers, each usable without the next:

- ``Playground``: a plain class. It holds one 2-D data set, one nnlib network and its
  optimizer; ``step(n)`` trains n full-batch steps, ``state`` reports losses and accuracies,
  ``render()`` updates a matplotlib figure in place (decision regions, every first- and
  second-layer unit's response over the plane, train/test loss curves) and ``png()`` turns
  it into PNG bytes. Tests and benchmarks drive it headless.
- ``playground_app()``: the ipywidgets app around it. Each frame runs ``step(steps_per_frame)``
  and puts the new picture's bytes into an ``ipywidgets.Image``; the browser's ``Play`` widget
  keeps a kernel thread making frames while it ticks (see PlaygroundApp). Works in JupyterLab
  and in Voila.
- ``playground_widget``: a sweepable ``Widget`` (data set x activation x output x ... ->
  the figure after a fixed number of steps), for the static figure and the widget tests.
  Its figure is drawn once; a change of any control trains (or takes from a cache) the
  network for that setting and ``Playground.show`` puts it into the same artists, so the live
  widget repaints only those.

Bad combinations never end in a traceback: a sigmoid output on a 3-class data set, an
unreadable layer list or a diverging learning rate are explained on the plot.
"""
import functools
import io
import os
import sys
import textwrap
import threading
import time

import numpy as np

from .. import activations
from ..layers import Dense, glorot_uniform
from ..losses import BinaryCrossentropy, MeanSquaredError, SparseCategoricalCrossentropy
from ..model import Sequential
from ..optimizers import SGD, Adam
from ..playground_data import DATASETS, N_CLASSES, make_dataset
from ._core import Choice, Slider, Widget, fmt, new_figure, note, note_slot, say, show_figure

ACTIVATIONS = ("tanh", "relu", "sigmoid", "leaky_relu", "linear")
OUTPUTS = ("sigmoid", "softmax")
LOSSES = ("cross-entropy", "mse")
OPTIMIZERS = ("gradient descent", "adam")
# Playground's colours: class 0 orange, class 1 blue; then green and purple for blobs3/blobs4.
CLASS_COLORS = np.array([[0.96, 0.58, 0.13], [0.03, 0.47, 0.74], [0.20, 0.63, 0.17], [0.50, 0.30, 0.65]])
EXTENT = 1.3  # the plane shown: [-1.3, 1.3] x [-1.3, 1.3]


def _rgba8(rgb):
    """An RGB float image in [0, 1] as uint8 RGBA, the format Agg composites without converting."""
    out = np.empty(rgb.shape[:2] + (4,), dtype=np.uint8)
    out[..., :3] = np.rint(rgb * 255)
    out[..., 3] = 255
    return out


def _colormap_table(name, n=256):
    from matplotlib import colormaps

    return colormaps[name](np.linspace(0, 1, n))[:, :3]


# unit responses: grey, dark = low, light = high. Not a class colour: in one figure orange
# and blue mean the classes, and only that.
_GREYS = _colormap_table("gray")[32:240]  # not quite black or white: a tile stays visible on the page
_GREYS = _GREYS[np.rint(np.linspace(0, len(_GREYS) - 1, 256)).astype(int)]
FONT = 9  # every text of the playground's pictures, in points (legible at 100 dpi)
DPI = 100


class PlaygroundError(ValueError):
    """A setting the playground cannot train, with the reason in the course's words."""


def parse_hidden(text):
    """Hidden layer sizes from a text such as "8,8" (two layers of 8 units); "", "0" or "none" for none.

    Returns a tuple of ints. Raises PlaygroundError with a readable reason otherwise.
    """
    if isinstance(text, (tuple, list)):
        parts = [str(p) for p in text]
    else:
        parts = [p.strip() for p in str(text).replace(";", ",").replace(" ", ",").split(",")]
    parts = [p for p in parts if p]
    if parts in ([], ["0"], ["none"]):
        return ()
    try:
        sizes = tuple(int(p) for p in parts)
    except ValueError:
        raise PlaygroundError(f"hidden layers: write unit counts separated by commas, like 8,8; "
                              f"received {text!r}.") from None
    if any(s < 1 or s > 64 for s in sizes):
        raise PlaygroundError(f"hidden layers: each layer needs 1 to 64 units; received {text!r}.")
    if len(sizes) > 6:
        raise PlaygroundError(f"hidden layers: at most 6 here; received {len(sizes)}.")
    return sizes


def check_setting(dataset, output, loss):
    """Raise PlaygroundError if the output layer cannot represent the data set's classes."""
    if dataset not in N_CLASSES:
        raise PlaygroundError(f"unknown data set {dataset!r}; choose one of {list(DATASETS)}.")
    if output not in OUTPUTS:
        raise PlaygroundError(f"output must be one of {list(OUTPUTS)}; received {output!r}.")
    if loss not in LOSSES:
        raise PlaygroundError(f"loss must be one of {list(LOSSES)}; received {loss!r}.")
    k = N_CLASSES[dataset]
    if output == "sigmoid" and k > 2:
        raise PlaygroundError(
            f"A sigmoid output is one unit giving P(y = 1): it can tell 2 classes apart, but "
            f"{dataset} has {k}. Choose the softmax output ({k} units, one probability per class).")


def _unit_title(hidden, row, max_shown):
    """The caption of hidden layer row + 1's tiles ("" when the network has no such layer)."""
    if row >= len(hidden):
        return ""
    n = hidden[row]
    shown = min(n, max_shown)
    more = f" (first {shown} of {n})" if n > shown else ""
    return (f"layer {row + 1}: $a^{{[{row + 1}]}}_j$ per unit $j${more} · one grey scale: "
            f"dark low, light high")


def _no_layer_text(hidden, row):
    """What the row of hidden layer row + 1 says when the network has no such layer."""
    if row < len(hidden):
        return ""
    return ("no hidden layer: the output unit reads x directly" if row == 0 else
            "(one hidden layer: nothing to show here)" if hidden else "")


def in_voila():
    """True when this kernel was started by Voila (it sets SERVER_SOFTWARE=voila/<version>)."""
    return os.environ.get("SERVER_SOFTWARE", "").startswith("voila")


class _Discard:
    def write(self, text):
        return len(text)

    def flush(self):
        pass


def app_mode():
    """Under Voila, show only the widgets: printed text is dropped, static figures are skipped.

    In Jupyter (or nbclient, or a test) it does nothing and returns False.
    """
    if not in_voila():
        return False
    sys.stdout = _Discard()
    return True


def _check_optimizer(optimizer, learning_rate):
    if optimizer not in OPTIMIZERS and optimizer != "sgd":
        raise PlaygroundError(f"optimizer must be one of {list(OPTIMIZERS)}; received {optimizer!r}.")
    if not isinstance(learning_rate, (int, float, np.floating)) or not np.isfinite(learning_rate) \
            or learning_rate <= 0:
        raise PlaygroundError(f"the learning rate must be a positive number; received {learning_rate!r}.")


def describe(dataset, hidden, activation, output, loss, optimizer, learning_rate, noise=None):
    """One line naming a setting, e.g. "circle · network 2-8-8-1: tanh hidden, sigmoid output · ..."."""
    try:
        sizes = parse_hidden(hidden)
        arch = "-".join(str(n) for n in (2, *sizes, 1 if output == "sigmoid" else N_CLASSES.get(dataset, 2)))
        net = f"network {arch}: {activation} hidden, {output} output" if sizes else \
            f"network {arch}: no hidden layer, {output} output"
    except PlaygroundError:
        net = f"hidden layers {hidden!r} (unreadable), {activation}, {output} output"
    data = dataset if noise is None else f"{dataset} (noise {noise:g})"
    return f"{data} · {net} · {loss} · {optimizer}, learning rate {learning_rate:.3g}"


class Playground:
    """A 2-D classification problem, a small nnlib network, and its optimizer.

    Args:
        dataset: one of DATASETS ("circle", "xor", "gauss", "spiral", "blobs3", "blobs4").
        hidden: hidden layer sizes, "8,8" or (8, 8); "" for none (logistic/softmax regression).
        activation: the hidden layers' activation (a Keras name).
        output: "sigmoid" (1 unit, binary only) or "softmax" (one unit per class, K >= 2).
        loss: "cross-entropy" (binary or sparse categorical) or "mse" (on 0/1 or one-hot targets).
        optimizer: "gradient descent" (nnlib SGD) or "adam".
        learning_rate: alpha.
        noise: jitter of the data points; m_train / m_test: sizes of the two sets.
        seed: fixes the data and the initial weights; reset() returns to exactly this start.
        grid: the decision regions and unit responses are evaluated on grid x grid points.
    Shapes: X_train (m_train, 2), y_train (m_train,) integer labels.
    """

    def __init__(self, dataset="circle", hidden="8,8", activation="tanh", output="sigmoid",
                 loss="cross-entropy", optimizer="adam", learning_rate=0.03, noise=0.05,
                 m_train=200, m_test=200, seed=0, grid=50):
        check_setting(dataset, output, loss)
        if activation not in ACTIVATIONS:
            raise PlaygroundError(f"activation must be one of {list(ACTIVATIONS)}; received {activation!r}.")
        _check_optimizer(optimizer, learning_rate)
        self.dataset, self.activation, self.output, self.loss_name = dataset, activation, output, loss
        self.optimizer_name = "gradient descent" if optimizer == "sgd" else optimizer
        self.hidden = parse_hidden(hidden)
        self.learning_rate, self.noise, self.seed, self.grid = float(learning_rate), float(noise), seed, grid
        self.k = N_CLASSES[dataset]
        self.X_train, self.y_train = make_dataset(dataset, m_train, noise, seed=seed)
        self.X_test, self.y_test = make_dataset(dataset, m_test, noise, seed=seed + 1000)
        g = np.linspace(-EXTENT, EXTENT, grid)
        gx, gy = np.meshgrid(g, g)
        self.X_grid = np.column_stack([gx.ravel(), gy.ravel()])  # row r of the image = y value r
        self._fig = None
        self.reset()

    def __repr__(self):
        arch = "-".join(str(n) for n in (2, *self.hidden, self.n_out))
        return (f"Playground({self.dataset}, {arch}, {self.activation}/{self.output}, {self.loss_name}, "
                f"{self.optimizer_name}, learning rate {self.learning_rate:g}, step {self.steps})")

    # ---- the network --------------------------------------------------------------------
    @property
    def n_out(self):
        return 1 if self.output == "sigmoid" else self.k

    def _targets(self, y):
        if self.loss_name == "mse" and self.output == "softmax":
            return np.eye(self.n_out)[y]          # one-hot rows for squared error
        return y.astype(float)

    def reset(self):
        """Back to step 0: the same data, the same initial weights (from seed), fresh optimizer."""
        rng = np.random.default_rng(self.seed + 1)
        sizes = (2, *self.hidden, self.n_out)
        layers = [Dense(n, activation=self.activation, name=f"hidden_{i + 1}") for i, n in enumerate(self.hidden)]
        layers.append(Dense(self.n_out, activation=self.output, name="output"))
        self.model = Sequential(layers, name="playground")
        weights = []
        for n_in, n_out in zip(sizes[:-1], sizes[1:]):
            weights += [glorot_uniform(n_in, n_out, rng), np.zeros(n_out)]
        self.model.set_weights(weights)
        if self.loss_name == "mse":
            loss = MeanSquaredError()
        else:
            loss = BinaryCrossentropy() if self.output == "sigmoid" else SparseCategoricalCrossentropy()
        self.model.compile(optimizer=self._make_optimizer(), loss=loss)
        self._T_train, self._T_test = self._targets(self.y_train), self._targets(self.y_test)
        self.steps = 0
        self.diverged = None          # None, or the reason training stopped
        self._last_good = self.model.get_weights()
        self.history = {"step": [], "train_loss": [], "test_loss": []}
        self._train = self._evaluate(self.X_train, self._T_train, self.y_train)
        self._test = self._evaluate(self.X_test, self._T_test, self.y_test)
        self._record()
        self._initial_loss = self.history["train_loss"][0]
        self._limits = None            # the loss axes rescale from scratch
        self._artists_stale = True
        return self

    def _make_optimizer(self):
        return Adam(self.learning_rate) if self.optimizer_name == "adam" else SGD(self.learning_rate)

    def set_optimizer(self, optimizer=None, learning_rate=None):
        """Go on training from the current weights with another optimizer and/or learning rate.

        Like TensorFlow Playground, this does not restart: the network keeps what it learned
        (the optimizer's own memory, Adam's m and v, starts afresh). After a divergence the
        network is at its last finite weights, so a smaller learning rate can continue from there.
        """
        optimizer = self.optimizer_name if optimizer is None else optimizer
        learning_rate = self.learning_rate if learning_rate is None else learning_rate
        _check_optimizer(optimizer, learning_rate)
        self.optimizer_name = "gradient descent" if optimizer == "sgd" else optimizer
        self.learning_rate = float(learning_rate)
        self.model.compile(optimizer=self._make_optimizer(), loss=self.model.loss)
        self.diverged = None
        self._bg = None                   # the header names the optimizer: redraw everything once
        self._artists_stale = True
        return self

    def describe(self):
        return describe(self.dataset, self.hidden, self.activation, self.output, self.loss_name,
                        self.optimizer_name, self.learning_rate, self.noise)

    def _probs(self, X):
        """P(class) for every row: (m, K) also for a sigmoid output (columns 1 - a, a)."""
        a = self.model.predict(X)
        return np.column_stack([1 - a[:, 0], a[:, 0]]) if self.output == "sigmoid" else a

    def _evaluate(self, X, T, y):
        with np.errstate(all="ignore"):
            loss = self.model.evaluate(X, T)
            acc = float(np.mean(np.argmax(self._probs(X), axis=1) == y))
        return float(loss), acc

    def _record(self):
        h = self.history
        h["step"].append(self.steps)
        h["train_loss"].append(self._train[0])
        h["test_loss"].append(self._test[0])
        if len(h["step"]) > 4000:      # a long run: keep every other point so plotting stays cheap
            for key in h:
                h[key] = h[key][::2]
        self.warning = self._find_warning()

    def _find_warning(self):
        """A problem worth saying while training goes on (dead ReLUs, a loss above its start)."""
        if self.activation == "relu":
            a = self.X_train
            for l, layer in enumerate(self.model.layers[:-1], start=1):
                a = activations.relu(a @ layer.W + layer.b)
                if not np.any(a > 0):
                    return (f"every ReLU unit of hidden layer {l} is dead: z < 0 for all points, so "
                            f"a = 0 and its gradient is 0; it can never recover. A large step pushed it "
                            f"there: lower the learning rate, or use leaky_relu.")
        if self.steps >= 20 and self._train[0] > 1.2 * self._initial_loss + 0.05:
            return (f"the loss ({fmt(self._train[0])}) is above where it started "
                    f"({fmt(self._initial_loss)}): the steps overshoot. Try a smaller learning rate.")
        return None

    def step(self, n=1):
        """Train n full-batch steps (n >= 0). Stops for good, and says why, if training diverges."""
        if self.diverged or n <= 0:
            return self.state
        with np.errstate(all="ignore"):   # overflow is detected below and explained, not printed
            self.model.fit(self.X_train, self._T_train, batch_size=len(self.X_train), epochs=int(n),
                           shuffle=False, verbose=0)
        self.steps += int(n)
        weights = self.model.get_weights()
        finite = all(np.all(np.isfinite(w)) for w in weights)
        train = self._evaluate(self.X_train, self._T_train, self.y_train) if finite else (np.nan, 0.0)
        if not np.isfinite(train[0]):
            self._stop(f"diverged at step {self.steps}: the weights overflowed (inf/NaN). The learning "
                       f"rate {self.learning_rate:g} is far too large for {self.optimizer_name}: "
                       f"try one 10x smaller.")
        elif train[0] > 3 * self._initial_loss + 1:
            self._stop(f"diverged at step {self.steps}: the loss jumped from {fmt(self._initial_loss)} "
                       f"to {fmt(train[0])}. Each step overshoots the minimum: the learning rate "
                       f"{self.learning_rate:g} is too large for {self.optimizer_name}.")
        else:
            self._train = train
            self._test = self._evaluate(self.X_test, self._T_test, self.y_test)
            self._record()
            self._last_good = weights
        self._artists_stale = True
        return self.state

    def _stop(self, reason):
        """Stop training; keep showing the last finite weights (not NaN pictures)."""
        self.diverged = reason
        self.model.set_weights(self._last_good)

    @property
    def state(self):
        """Where training stands: step, losses, accuracies, and why it stopped (if it did)."""
        return {"step": self.steps, "train_loss": self._train[0], "test_loss": self._test[0],
                "train_accuracy": self._train[1], "test_accuracy": self._test[1],
                "diverged": self.diverged, "warning": self.warning}

    def responses(self):
        """Every layer's activations over the grid: [a^[1], a^[2], ..., P(class)], each (grid^2, n)."""
        a, out = self.X_grid, []
        with np.errstate(all="ignore"):
            for layer in self.model.layers:
                a = activations.get(layer.activation)(a @ layer.W + layer.b)
                out.append(a)
        if self.output == "sigmoid":
            out[-1] = np.column_stack([1 - out[-1][:, 0], out[-1][:, 0]])
        return out

    # ---- drawing ------------------------------------------------------------------------
    def region_rgb(self, probs):
        """Blend the class colours by P(class): pale where the network is unsure."""
        rgb = probs @ CLASS_COLORS[: probs.shape[1]]
        sure = probs.max(axis=1, keepdims=True)
        strength = 0.25 + 0.5 * (sure - 1 / probs.shape[1]) / (1 - 1 / probs.shape[1])
        rgb = 1 - strength * (1 - rgb)
        return np.clip(rgb.reshape(self.grid, self.grid, 3), 0, 1)

    MAX_UNITS_SHOWN = 8

    def draw(self, fig, live=False):
        """Create the artists on fig (once); render() then only updates their data.

        Each hidden layer's units are one image: a row of tiles, tile j showing a_j^[l] over
        the plane (one image per layer, not one axes per unit: far cheaper to draw).
        live=True (the app's own figure): the changing artists are "animated", so a frame
        redraws only them over a saved background (blitting).
        """
        # columns: the plane, a spacer (room for the loss axis labels), the units and losses
        gs = fig.add_gridspec(3, 3, width_ratios=[4.2, 0.3, 8], height_ratios=[1, 1, 1.45])
        # A fixed layout: constrained layout would cost more than a whole frame.
        fig.set_layout_engine("none")
        # right: room for the last step label ("200") of the cost axis
        gs.update(left=0.06, right=0.975, bottom=0.1, top=0.84, wspace=0.03, hspace=0.55)
        # the setting, in the background: it changes only when a control does
        self._header = fig.text(0.01, 0.985, "", fontsize=FONT, va="top", color="0.25")
        ext = (-EXTENT, EXTENT, -EXTENT, EXTENT)
        ax = fig.add_subplot(gs[:, 0])
        self._region = ax.imshow(np.ones((self.grid, self.grid, 3)), origin="lower", extent=ext,
                                 interpolation="bilinear")
        # one marker line per class colour (show() puts the points in): far cheaper to redraw
        # every frame than a scatter
        # a dark edge keeps every dot visible on a region of its own colour
        self._points = [ax.plot([], [], "o", ms=3.6, mfc=color, mec="0.1", mew=0.6)[0]
                        for color in CLASS_COLORS]
        ax.set(xlim=(-EXTENT, EXTENT), ylim=(-EXTENT, EXTENT), xticks=[-1, 0, 1], yticks=[-1, 0, 1])
        ax.tick_params(labelsize=FONT, length=2, pad=1)
        ax.set_xlabel("$x_1$", fontsize=FONT, labelpad=0)
        ax.set_ylabel("$x_2$", fontsize=FONT, labelpad=0, rotation=0, va="center")
        # live: a fixed caption (the numbers change every frame and are in the app's status line)
        self._main_title = ax.set_title("prediction · dots: training points" if live else " \n ",
                                        fontsize=FONT, loc="left")
        # two rows for hidden layers 1 and 2: an image of tiles, a title, and a text said
        # instead when the layer does not exist (show() fills them in)
        self._unit_images, self._unit_titles, self._unit_texts, self._unit_labels = [], [], [], []
        for row in range(2):
            uax = fig.add_subplot(gs[row, 2])
            uax.set_xticks([])
            uax.set_yticks([])
            uax.set_anchor("W")
            for side in uax.spines.values():
                side.set_visible(False)
            n = self.hidden[row] if row < len(self.hidden) else self.MAX_UNITS_SHOWN
            tiles = np.ones((self.grid, min(n, self.MAX_UNITS_SHOWN) * (self.grid + 4) - 4, 3))
            self._unit_images.append(uax.imshow(tiles, origin="lower", interpolation="bilinear"))
            self._unit_titles.append(uax.set_title("", fontsize=FONT, loc="left", pad=3))
            self._unit_texts.append(uax.text(0, 0.5, "", fontsize=FONT, transform=uax.transAxes, va="center"))
            # under tile j its unit number, so the text can say "unit 0" and the reader find it
            self._unit_labels.append([
                uax.annotate(f"$j={j}$", xy=(j * (self.grid + 4) + (self.grid - 1) / 2, 0),
                             xycoords=("data", "axes fraction"), xytext=(0, -1), textcoords="offset points",
                             ha="center", va="top", fontsize=FONT, color="0.25")
                for j in range(self.MAX_UNITS_SHOWN)])
        lax = fig.add_subplot(gs[2, 2])
        # black and grey: not the classes' orange and blue, nor the red of a note
        (self._line_train,) = lax.plot([], [], color="black", lw=1.4, label="train loss")
        (self._line_test,) = lax.plot([], [], color="0.55", lw=1.6, ls="--", label="test loss")
        lax.set_title("cost $J$ by training step", fontsize=FONT, loc="left", pad=3)
        lax.tick_params(labelsize=FONT, length=2, pad=1)
        # the legend above the axes, outside the curves it explains
        lax.legend(fontsize=FONT, loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=2, frameon=False,
                   borderaxespad=0.1, handlelength=2.2, columnspacing=1.2)
        self._ax_loss = lax
        # the reason for trouble, written over the loss curves (nnlib.widgets.note's style)
        self._message = note_slot(lax)
        self._message.set_fontsize(FONT)
        self._fig, self._live, self._bg, self._limits = fig, live, None, None
        self._animated = [self._region, *self._points, *self._unit_images, self._line_train, self._line_test,
                          self._message]
        if live:
            for a in self._animated:
                a.set_animated(True)
        self._artists_stale = True
        return fig

    def unit_tiles(self, a):
        """One layer's responses a (grid^2, n) as a row of grey tiles on ONE scale for the layer.

        Dark is the lowest value of any unit of the layer over the plane, light the highest, so
        tiles can be compared: a unit that hardly changes is one flat grey, not a stretched ramp.
        (A layer whose units are all constant, e.g. all dead ReLUs, is mid-grey.)
        """
        shown = min(a.shape[1], self.MAX_UNITS_SHOWN)
        a = a[:, :shown]
        lo, hi = np.min(a), np.max(a)
        span = hi - lo
        if not span > 1e-9:
            norm = np.full(a.shape, 0.5)
        else:
            norm = np.clip((a - lo) / span, 0, 1)
        rgb = _GREYS[np.rint(norm * 255).astype(int)]     # (grid^2, shown, 3), via a lookup table
        g = self.grid
        tiles = np.ones((g, shown * (g + 4) - 4, 3))
        for j in range(shown):
            tiles[:, j * (g + 4): j * (g + 4) + g] = rgb[:, j].reshape(g, g, 3)
        return tiles

    # the app's live picture: 800 x 380 pixels at 100 dpi (it was 768 x 344 at 80 dpi; the text
    # is now 9 pt, so the picture grew a little to hold it)
    APP_FIGSIZE = (8.0, 3.8)

    def figure(self, figsize=APP_FIGSIZE, dpi=DPI):
        """The playground's own figure: made once, fixed layout, drawn by blitting (no pyplot)."""
        if self._fig is None:
            from matplotlib.backends.backend_agg import FigureCanvasAgg
            from matplotlib.figure import Figure

            fig = Figure(figsize=figsize, dpi=dpi)
            FigureCanvasAgg(fig)
            self.draw(fig, live=True)
        return self._fig

    def _loss_limits(self):
        """Loss-axis limits that change rarely: x doubles when training passes it, y grows only."""
        h = self.history
        xmax = 50
        while xmax < h["step"][-1]:
            xmax *= 2
        top = max(max(h["train_loss"]), max(h["test_loss"]))
        old = self._limits
        ymax = old[1] if old and old[1] >= top else top * 1.1
        return (xmax, ymax)

    def show(self, pg):
        """Put playground ``pg``'s network, loss history and setting into the artists draw() made.

        ``pg`` is this playground (render) or another one whose rows of tiles fit in this
        figure's (the sweepable widget draws every trained playground on one figure made with
        room for MAX_UNITS_SHOWN units per layer). Returns the artists that change from one
        playground to the next.
        """
        resp = pg.responses()
        # uint8 RGBA: matplotlib draws it as it is (float RGB would be converted on every draw)
        self._region.set_data(_rgba8(pg.region_rgb(resp[-1])))
        self._show_points(pg.X_train, pg.y_train)
        for row, im in enumerate(self._unit_images):
            if row < len(pg.hidden):
                tiles = pg.unit_tiles(resp[row])
                im.set_data(_rgba8(tiles))
                im.set_extent((-0.5, tiles.shape[1] - 0.5, -0.5, tiles.shape[0] - 0.5))  # one pixel per value
            im.set_visible(row < len(pg.hidden))
            self._unit_titles[row].set_text(_unit_title(pg.hidden, row, self.MAX_UNITS_SHOWN))
            self._unit_texts[row].set_text(_no_layer_text(pg.hidden, row))
            shown = min(pg.hidden[row], self.MAX_UNITS_SHOWN) if row < len(pg.hidden) else 0
            for j, label in enumerate(self._unit_labels[row]):
                label.set_visible(j < shown)
        h = pg.history
        self._line_train.set_data(h["step"], h["train_loss"])
        self._line_test.set_data(h["step"], h["test_loss"])
        s = pg.state
        if not self._live:
            self._main_title.set_text(
                f"step {s['step']}   loss train {fmt(s['train_loss'])} / test {fmt(s['test_loss'])}\n"
                f"accuracy train {s['train_accuracy']:.2f} / test {s['test_accuracy']:.2f}")
        self._header.set_text(pg.describe())
        self._show_message(pg.diverged or pg.warning)
        return self._changing()

    def show_reason(self, reason, setting, dataset):
        """Instead of a trained network: the data set's points, the setting, and why it cannot train."""
        self._region.set_data(_rgba8(np.ones((self.grid, self.grid, 3))))
        self._show_points(*make_dataset(dataset, len(self.X_train), self.noise, seed=self.seed))
        for im, title, text, labels in zip(self._unit_images, self._unit_titles, self._unit_texts,
                                           self._unit_labels):
            im.set_visible(False)
            title.set_text("")
            text.set_text("")
            for label in labels:
                label.set_visible(False)
        self._line_train.set_data([], [])
        self._line_test.set_data([], [])
        self._main_title.set_text(f"{dataset}: {N_CLASSES[dataset]} classes\nnot trained: see the note")
        self._header.set_text(setting)
        self._show_message(reason, fontsize=11, width=60, y=1.6)
        return self._changing()

    def _show_points(self, X, y):
        for k, line in enumerate(self._points):
            line.set_data(*X[y == k].T)

    def _changing(self):
        # the points are repainted too: they lie on the decision regions
        return [self._header, self._main_title, self._region, *self._points, *self._unit_images,
                *self._unit_titles, *self._unit_texts, *(t for row in self._unit_labels for t in row),
                self._line_train, self._line_test, self._message]

    def render(self):
        """Update the figure's artists to the current weights and history; returns the figure."""
        fig = self.figure() if self._fig is None else self._fig
        if not self._artists_stale:
            return fig
        header = self._header.get_text()
        self.show(self)
        if self._header.get_text() != header:
            self._bg = None            # the header is in the background: it changes with a control
        limits = self._loss_limits()
        full = limits != self._limits or self._bg is None
        if full:
            self._limits = limits
            self._ax_loss.set_xlim(0, limits[0])
            self._ax_loss.set_ylim(0, limits[1])
        if self._live:
            canvas = fig.canvas
            if full:
                canvas.draw()              # everything except the animated artists
                self._bg = canvas.copy_from_bbox(fig.bbox)
            else:
                canvas.restore_region(self._bg)
            for a in self._animated:
                fig.draw_artist(a)
        self._artists_stale = False
        return fig

    def _show_message(self, text, fontsize=FONT, width=70, y=0.5):
        """The reason for trouble, written over the loss curves; hidden when there is none.

        y: the height of its centre in the loss axes' coordinates (1.6: the middle of the column).
        """
        say(self._message, "\n".join(textwrap.wrap(text, width)) if text else None)
        self._message.set_fontsize(fontsize)
        self._message.set_y(y)

    def image_bytes(self, fmt="png"):
        """The rendered figure as PNG or JPEG bytes (for ipywidgets.Image).

        PNG is exact; JPEG (quality 90) encodes several times faster and is about half the size,
        which matters for a live picture sent many times a second (see benchmarks/bench_playground.py).
        """
        fig = self.render()
        buf = io.BytesIO()
        if not self._live:
            fig.savefig(buf, format=fmt)
            return buf.getvalue()
        from PIL import Image

        w, h = fig.canvas.get_width_height(physical=True)
        img = Image.frombuffer("RGBA", (w, h), fig.canvas.buffer_rgba(), "raw", "RGBA", 0, 1).convert("RGB")
        if fmt == "png":
            img.save(buf, format="png", compress_level=1)
        else:
            img.save(buf, format="jpeg", quality=90)
        return buf.getvalue()

    def png(self):
        """The rendered figure as PNG bytes."""
        return self.image_bytes("png")

def draw_explanation(fig, text, dataset=None, noise=0.05, setting=""):
    """The data set's points (when it is known) and, beside them, why this setting cannot train."""
    fig.text(0.01, 0.985, setting, fontsize=FONT, va="top", color="0.25")
    gs = fig.add_gridspec(1, 2, width_ratios=[4.2, 8.3])
    fig.set_layout_engine("none")
    gs.update(left=0.06, right=0.975, bottom=0.1, top=0.84, wspace=0.05)
    if dataset in N_CLASSES:
        X, y = make_dataset(dataset, 200, noise, seed=0)
        ax = fig.add_subplot(gs[0, 0])
        for k in range(N_CLASSES[dataset]):
            ax.plot(*X[y == k].T, "o", ms=3.6, mfc=CLASS_COLORS[k], mec="0.1", mew=0.6, label=f"class {k}")
        ax.set(xlim=(-EXTENT, EXTENT), ylim=(-EXTENT, EXTENT), xticks=[-1, 0, 1], yticks=[-1, 0, 1])
        ax.set_aspect("equal")
        ax.tick_params(labelsize=FONT, length=2, pad=1)
        ax.set_xlabel("$x_1$", fontsize=FONT, labelpad=0)
        ax.set_ylabel("$x_2$", fontsize=FONT, labelpad=0, rotation=0, va="center")
        ax.set_title(f"{dataset}: {N_CLASSES[dataset]} classes", fontsize=FONT, loc="left")
    ax = fig.add_subplot(gs[0, 1])
    ax.axis("off")
    note(ax, "\n".join(textwrap.wrap(text, 60)))


def explanation_png(text, dataset=None, noise=0.05, setting="", figsize=Playground.APP_FIGSIZE, dpi=DPI):
    """A picture that explains why a setting cannot train (used by the app)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, dpi=dpi)
    FigureCanvasAgg(fig)
    draw_explanation(fig, text, dataset, noise, setting)
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


class PlaygroundApp:
    """The ipywidgets app: controls, play / one frame / reset, and the live picture.

    A frame is ``step(steps_per_frame)`` and the new picture's bytes into an ``ipywidgets.Image``.

    Who drives the frames: the ``Play`` widget ticks in the browser, and each tick renews a
    short *lease* (LEASE_S seconds) on a frame loop that runs in a kernel thread, frame after
    frame. So the pictures come as fast as the kernel makes them (one tick per frame would add
    a browser-kernel round trip to every frame: measured 1.5x slower on a busy machine, see
    benchmarks/bench_playground.py), yet the browser stays in charge: pause, or close the page,
    and the ticks stop, the lease runs out, and the loop ends within LEASE_S. Ticks cannot pile
    up either: the widget front end keeps at most one change in flight.
    Without a browser (nbclient, tests) nothing ticks: call ``frame()`` yourself.
    """

    INTERVAL_MS = 100        # the Play widget's timer: how often the browser renews the lease
    LEASE_S = 1.0            # the frame loop stops this long after the last tick
    MIN_FRAME_S = 1 / 30     # at most about 30 frames per second

    def __init__(self, dataset="circle", hidden="8,8", activation="tanh", output="sigmoid",
                 loss="cross-entropy", optimizer="adam", learning_rate=0.03, noise=0.05,
                 steps_per_frame=5, seed=0, image_format="jpeg"):
        import ipywidgets as W

        style, wide = {"description_width": "initial"}, W.Layout(width="auto")
        self.controls = {
            "dataset": W.Dropdown(options=DATASETS, value=dataset, description="data", style=style,
                                  layout=W.Layout(width="150px")),
            "noise": W.FloatSlider(value=noise, min=0.0, max=0.3, step=0.01, description="noise",
                                   style=style, layout=W.Layout(width="230px"), continuous_update=False),
            "hidden": W.Text(value=str(hidden), description="hidden layers", placeholder="e.g. 8,8",
                             continuous_update=False, style=style, layout=W.Layout(width="170px")),
            "activation": W.Dropdown(options=ACTIVATIONS, value=activation, description="activation",
                                     style=style, layout=W.Layout(width="190px")),
            "output": W.ToggleButtons(options=OUTPUTS, value=output, description="output",
                                      style={**style, "button_width": "85px"}),
            "loss": W.ToggleButtons(options=LOSSES, value=loss, description="loss",
                                    style={**style, "button_width": "110px"}),
            "optimizer": W.ToggleButtons(options=OPTIMIZERS, value=optimizer, description="optimizer",
                                         style={**style, "button_width": "140px"}),
            "learning_rate": W.FloatLogSlider(value=learning_rate, base=10, min=-3, max=1, step=0.1,
                                              description="learning rate", readout_format=".3g",
                                              style=style, layout=W.Layout(width="330px"),
                                              continuous_update=False),
        }
        self.seed = seed
        self.play = W.Play(value=0, min=0, max=10**9, step=1, interval=self.INTERVAL_MS, description="train",
                           show_repeat=False)
        self._lock = threading.RLock()        # frames (loop thread) vs control changes (main thread)
        self._thread = None
        self._lease_until = 0.0
        self.error = None
        self.step_button = W.Button(description="one frame", icon="step-forward",
                                    layout=W.Layout(width="110px"))
        self.reset_button = W.Button(description="reset", icon="undo", layout=W.Layout(width="90px"))
        self.steps_per_frame = W.IntSlider(value=steps_per_frame, min=1, max=50, description="steps per frame",
                                           style=style, layout=W.Layout(width="300px"))
        self.status = W.HTML(layout=wide)
        # JPEG by default: encoding it costs about a tenth of PNG's, and it is half the bytes
        # (measured in benchmarks/bench_playground.py); image_format="png" gives exact pixels.
        self.image_format = image_format
        w = int(round(Playground.APP_FIGSIZE[0] * DPI))       # shown at its own pixel size
        self.image = W.Image(format=image_format, layout=W.Layout(width=f"{w}px", height="auto"))
        self.pg = None
        self.frame_ms, self.frame_ends = [], []
        for name, w in self.controls.items():
            w.observe(self.retune if name in ("optimizer", "learning_rate") else self.rebuild, names="value")
        self.play.observe(self.tick, names="value")
        self.play.observe(self._playing_changed, names="playing")
        self.step_button.on_click(lambda _: self.frame())
        self.reset_button.on_click(lambda _: self.reset())
        c = self.controls
        rows = [W.HBox([c["dataset"], c["noise"], c["hidden"], c["activation"]]),
                W.HBox([c["output"], c["loss"]]),
                W.HBox([c["optimizer"], c["learning_rate"]]),
                W.HBox([self.play, self.step_button, self.reset_button, self.steps_per_frame]),
                self.status, self.image]
        self.widget = W.VBox(rows)
        self.widget.add_class("nnlib-playground")
        self.rebuild()

    def settings(self):
        return {k: w.value for k, w in self.controls.items()}

    def rebuild(self, change=None):
        """A new Playground for the current controls, shown at step 0 (or an explanation)."""
        with self._lock:
            try:
                self.pg = Playground(**self.settings(), seed=self.seed)
            except PlaygroundError as err:
                self.pg = None
                self.play.playing = False
                self.image.format = "png"
                self.image.value = explanation_png(str(err), self.controls["dataset"].value,
                                                   self.controls["noise"].value, describe(**self.settings()))
                self.status.value = "<b>This setting cannot be trained</b>: see the picture."
                return
            self.frame_ms, self.frame_ends = [], []
            self._show(self.pg.image_bytes(self.image_format), None)

    def retune(self, change=None):
        """Optimizer or learning rate changed: go on from the current weights (no restart)."""
        with self._lock:
            if self.pg is None:
                return self.rebuild()
            c = self.controls
            self.pg.set_optimizer(c["optimizer"].value, c["learning_rate"].value)
            self._show(self.pg.image_bytes(self.image_format), None)

    def reset(self):
        with self._lock:
            if self.pg is not None:
                self.pg.reset()
                self.frame_ms, self.frame_ends = [], []
                self._show(self.pg.image_bytes(self.image_format), None)

    def tick(self, change=None):
        """A tick of the Play widget: keep the frame loop running for another LEASE_S seconds."""
        self._lease_until = time.monotonic() + self.LEASE_S
        if self.pg is not None and (self._thread is None or not self._thread.is_alive()):
            self._thread = threading.Thread(target=self._loop, name="playground-frames", daemon=True)
            self._thread.start()

    def _playing_changed(self, change):
        if not change["new"]:
            self._lease_until = 0.0               # paused: the loop ends after its current frame

    def _loop(self):
        """Frames, back to back, while the lease lasts (paused, diverged or failed: it ends)."""
        while time.monotonic() < self._lease_until:
            t0 = time.perf_counter()
            try:
                ms = self.frame()
            except Exception as err:              # never a silent dead thread: say it, and stop
                self.error = err
                self.status.value = f"<b>Training stopped</b>: {type(err).__name__}: {err}"
                ms = None
            if ms is None or self.pg is None or self.pg.diverged:
                self.play.playing = False
                break
            # leave the kernel's main thread a moment for incoming messages (ticks, controls)
            time.sleep(max(0.002, self.MIN_FRAME_S - (time.perf_counter() - t0)))

    def frame(self, change=None):
        """One frame: a few training steps, then the picture. Returns the frame time in ms."""
        with self._lock:
            return self._frame()

    def _frame(self):
        if self.pg is None:
            return None
        t0 = time.perf_counter()
        self.pg.step(self.steps_per_frame.value)
        png = self.pg.image_bytes(self.image_format)
        ms = 1000 * (time.perf_counter() - t0)
        self.frame_ms = (self.frame_ms + [ms])[-20:]
        self.frame_ends = (self.frame_ends + [time.perf_counter()])[-20:]
        typical = float(np.median(self.frame_ms))
        if self.pg.diverged:
            self.play.playing = False
        self._show(png, typical)
        return ms

    def _show(self, data, typical_ms):
        if self.image.format != self.image_format:
            self.image.format = self.image_format
        self.image.value = data
        s = self.pg.state
        speed = f" · one frame takes {typical_ms:.0f} ms in the kernel" if typical_ms else ""
        ends = self.frame_ends
        if typical_ms and len(ends) >= 5 and ends[-1] - ends[0] < 0.5 * len(ends):   # while playing
            speed += f", {(len(ends) - 1) / (ends[-1] - ends[0]):.0f} pictures/s"
        arch = "-".join(str(n) for n in (2, *self.pg.hidden, self.pg.n_out))
        self.status.value = (
            f"<b>step {s['step']}</b> · network {arch} · loss train {fmt(s['train_loss'])} / test "
            f"{fmt(s['test_loss'])} · accuracy train {s['train_accuracy']:.2f} / test "
            f"<b>{s['test_accuracy']:.2f}</b>{speed}")

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


def show_picture(pg):
    """Display the playground's current picture as an ordinary image output (skipped under Voila)."""
    if in_voila():
        return
    fig = new_figure((9.6, 4.3))               # a static copy, with the full title (not the live one)
    fig.set_layout_engine("none")
    pg.draw(fig)
    pg.render()
    pg._fig = None                             # the next png() builds the live figure again
    show_figure(fig)


def playground_app(**settings):
    """Build the app (see PlaygroundApp), display it, and return it."""
    from IPython.display import display

    app = PlaygroundApp(**settings)
    display(app.widget)
    return app


# ---- the sweepable widget: the figure after a fixed number of steps -------------------------
STATIC_STEPS = 200


@functools.lru_cache(maxsize=256)
def trained_playground(dataset, hidden, activation, output, loss, optimizer, learning_rate,
                       steps=STATIC_STEPS, seed=0):
    """A Playground trained for ``steps`` full-batch steps (cached: the same call is instant)."""
    pg = Playground(dataset=dataset, hidden=hidden, activation=activation, output=output, loss=loss,
                    optimizer=optimizer, learning_rate=learning_rate, seed=seed)
    for _ in range(steps // 10):
        pg.step(10)
    return pg


def setup_playground(fig):
    """The playground's figure with empty artists, for update_playground to fill.

    Drawn by an untrained Playground with two hidden layers of MAX_UNITS_SHOWN units: room for
    every network the controls can make. Every trained network is then shown on it (show()),
    so a change of any control repaints only the artists that show the network.
    """
    n = Playground.MAX_UNITS_SHOWN
    view = Playground(hidden=(n, n))
    view.draw(fig)
    for ax in fig.axes:
        ax.set_in_layout(False)        # the playground's own fixed layout, also in the live widget
        ax.set_autoscale_on(False)     # fixed limits: a narrower row of tiles keeps the tiles' size
    view._ax_loss.set_xlim(0, STATIC_STEPS)
    return view


def loss_top(k, history=None):
    """The loss axis's top: 1.5 ln K (a network that knows nothing starts at about ln K), or
    higher when the curves go higher. So most settings share one scale, and the picture only
    needs a full redraw for the few whose loss climbs above it."""
    top = 1.5 * np.log(k)
    if history:
        top = max(top, 1.1 * max(history["train_loss"] + history["test_loss"]))
    return top


def update_playground(view, dataset, hidden, activation, output, loss, optimizer, learning_rate):
    """The playground's picture after STATIC_STEPS steps of training at one setting."""
    try:
        pg = trained_playground(dataset, hidden, activation, output, loss, optimizer, float(learning_rate))
    except PlaygroundError as err:
        setting = describe(dataset, hidden, activation, output, loss, optimizer, float(learning_rate),
                           view.noise)
        view._ax_loss.set_ylim(0, loss_top(N_CLASSES.get(dataset, 2)))
        return view.show_reason(str(err), setting, dataset)
    view._ax_loss.set_ylim(0, loss_top(pg.k, pg.history))
    return view.show(pg)


class AppWidget(Widget):
    """A Widget whose static figure is left out under Voila (where only the live widgets show)."""

    def static(self, **params):
        if not in_voila():
            super().static(**params)


playground_widget = AppWidget(
    setup=setup_playground,
    update=update_playground,
    controls={
        "dataset": Choice(list(DATASETS), "xor", description="data"),
        "hidden": Choice(["none", "2", "8,8", "16,16"], "8,8", description="hidden layers"),
        "activation": Choice(list(ACTIVATIONS), "tanh", description="activation"),
        "output": Choice(list(OUTPUTS), "sigmoid", description="output"),
        "loss": Choice(list(LOSSES), "cross-entropy", description="loss"),
        "optimizer": Choice(list(OPTIMIZERS), "adam", description="optimizer"),
        "learning_rate": Slider(0.001, 10.0, 0.03, step=0.1, log=True, description="learning rate"),
    },
    figsize=(9.6, 4.5),
)
