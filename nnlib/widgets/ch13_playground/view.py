"""The playground's picture on the shared engine (nnlib.widgets._render): no pyplot, no own blitting.

Left, the network as a graph (graph.py); right, the prediction over the plane with the points,
and under it the cost J by training step. Every artist that changes is made once, in
``PlaygroundView.__init__``, as animated; ``show(pg)`` puts a playground into them. ``LivePicture``
is the app's figure: a ``Blitter`` repaints only those artists each frame, ``encode`` gives bytes.
"""
import textwrap

import numpy as np

from .._notes import fmt, note_slot, say
from .._render import Blitter, encode, new_figure
from .graph import NetworkGraph
from .model import EXTENT
from .settings import N_CLASSES, REGRESSION

FONT = 9
APP_FIGSIZE = (9.6, 4.6)      # the app's live picture: 960 x 460 pixels at 100 dpi
# Playground's colours: class 0 orange, class 1 blue; then green and purple for blobs3/blobs4.
CLASS_COLORS = np.array([[0.96, 0.58, 0.13], [0.03, 0.47, 0.74], [0.20, 0.63, 0.17], [0.50, 0.30, 0.65]])
MARKER = dict(ms=3.6, mec="0.1", mew=0.6, ls="none", animated=True)   # a dark edge: visible on any region


def _rgba8(rgb):
    """An RGB float image in [0, 1] as uint8 RGBA, the format Agg composites without converting."""
    out = np.full(rgb.shape[:2] + (4,), 255, dtype=np.uint8)
    out[..., :3] = np.rint(np.clip(rgb, 0, 1) * 255)
    return out


def region_rgb(probs, grid, discretize=False):
    """Blend the class colours by P(class): pale where the network is unsure (or the winner's, discretized)."""
    k = probs.shape[1]
    if discretize:
        return CLASS_COLORS[np.argmax(probs, axis=1)].reshape(grid, grid, 3) * 0.75 + 0.25
    rgb = probs @ CLASS_COLORS[:k]
    sure = probs.max(axis=1, keepdims=True)
    strength = 0.25 + 0.5 * (sure - 1 / k) / (1 - 1 / k)
    return (1 - strength * (1 - rgb)).reshape(grid, grid, 3)


def diverging(values, vmax):
    """Colours for a regression target: orange below 0, white at 0, blue above (clipped at +-vmax)."""
    t = np.clip(np.asarray(values, dtype=float) / vmax, -1, 1)[..., None]
    white = np.ones(3)
    return np.where(t < 0, white + (white - CLASS_COLORS[0]) * t, white - (white - CLASS_COLORS[1]) * t)


def target_scale(pg):
    """The colour scale's end for a regression target: the largest |y|, rounded up to a half."""
    y = np.concatenate([pg.y_train, pg.y_test])
    return max(0.5, np.ceil(2 * np.max(np.abs(y))) / 2)


class PlaygroundView:
    """The playground's artists on ``fig`` (a fixed layout made for APP_FIGSIZE, made once)."""

    def __init__(self, fig, grid=50, numbers_in_title=False, live_texts=True):
        """live_texts=False: the header and the plane's title (they change only with the setting)
        are left in the background; whoever blits redraws it when they change (LivePicture)."""
        fig.set_layout_engine("none")
        self.fig, self.grid, self.numbers_in_title = fig, grid, numbers_in_title
        self.header = fig.text(0.008, 0.985, "", fontsize=FONT, va="top", color="0.25", animated=live_texts)
        self.graph = NetworkGraph(fig.add_axes([0.005, 0.02, 0.565, 0.88]), grid)
        self.message = note_slot(self.graph.ax)
        self.message.set_fontsize(FONT)
        side = 250 / fig.bbox.width, 250 / fig.bbox.height          # a square plane of 250 px
        ax = fig.add_axes([0.625, 0.345, *side])
        ext = (-EXTENT, EXTENT, -EXTENT, EXTENT)
        self.region = ax.imshow(np.ones((grid, grid, 4), dtype=np.uint8), origin="lower", extent=ext,
                                interpolation="bilinear", animated=True)
        self.train_dots = [ax.plot([], [], "o", mfc=c, **MARKER)[0] for c in CLASS_COLORS]
        self.test_dots = [ax.plot([], [], "s", mfc=c, **MARKER)[0] for c in CLASS_COLORS]
        self.train_values = ax.scatter([], [], s=13, marker="o", edgecolors="0.1", linewidths=0.6, animated=True)
        self.test_values = ax.scatter([], [], s=13, marker="s", edgecolors="0.1", linewidths=0.6, animated=True)
        ax.set(xlim=(-EXTENT, EXTENT), ylim=(-EXTENT, EXTENT), xticks=[-1, 0, 1], yticks=[-1, 0, 1])
        ax.set_autoscale_on(False)
        ax.tick_params(labelsize=FONT, length=2, pad=1)
        ax.set_xlabel("$x_1$", fontsize=FONT, labelpad=0)
        ax.set_ylabel("$x_2$", fontsize=FONT, labelpad=0, rotation=0, va="center")
        self.title = ax.set_title(" \n ", fontsize=FONT, loc="left")
        self.title.set_animated(live_texts)
        self.ax_region = ax
        self._make_key(fig, ax)
        self._make_loss(fig)

    def _make_key(self, fig, ax):
        """The regression target's colour scale beside the plane (hidden for classes)."""
        pos = ax.get_position()
        kax = fig.add_axes([pos.x1 + 0.012, pos.y0, 0.012, pos.height])
        kax.set_axis_off()
        kax.set(xlim=(0, 1), ylim=(0, 1))
        self.key_image = kax.imshow(np.ones((2, 1, 4), dtype=np.uint8), origin="lower", extent=(0, 1, 0, 1),
                                    aspect="auto", animated=True, visible=False)
        self.key_texts = [kax.text(1.4, y, "", va="center", fontsize=FONT, animated=True, visible=False)
                          for y in (0, 0.5, 1)]
        self.key_texts.append(kax.text(4.6, 0.5, "", rotation=90, va="center", ha="center", fontsize=FONT,
                                       animated=True, visible=False))

    def _make_loss(self, fig):
        lax = fig.add_axes([0.625, 0.075, 0.355, 0.13])
        # black and grey: not the classes' orange and blue, nor the red of a note
        (self.line_train,) = lax.plot([], [], color="black", lw=1.4, label="train loss", animated=True)
        (self.line_test,) = lax.plot([], [], color="0.55", lw=1.6, ls="--", label="test loss", animated=True)
        lax.set_title("cost $J$ by step", fontsize=FONT, loc="left", pad=3)
        lax.tick_params(labelsize=FONT, length=2, pad=1)
        lax.legend(fontsize=FONT, loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=2, frameon=False,
                   borderaxespad=0.1, handlelength=2.0, columnspacing=0.8)
        lax.set_autoscale_on(False)
        self.ax_loss = lax

    # ---- one playground into the artists ----------------------------------------------------
    def show(self, pg, show_test=False, discretize=False):
        """Put playground ``pg``'s network, points, loss history and setting into the artists."""
        outs = pg.grid_outputs()
        self.graph.show(pg.inputs_on_grid(), pg.features, outs, pg.model.get_weights(),
                        "linear" if pg.regression else "output")
        self._show_region(pg, outs[-1], discretize)
        self._show_points(pg, show_test)
        h = pg.history
        self.line_train.set_data(h["step"], h["train_loss"])
        self.line_test.set_data(h["step"], h["test_loss"])
        s = pg.state
        if self.numbers_in_title:
            acc = "" if pg.regression else \
                f"\naccuracy train {s['train_accuracy']:.2f} / test {s['test_accuracy']:.2f}"
            self.title.set_text(f"step {s['step']}   loss train {fmt(s['train_loss'])} / "
                                f"test {fmt(s['test_loss'])}{acc}")
        else:
            what = "prediction $\\hat y$" if pg.regression else "prediction"
            self.title.set_text(f"{what} · dots: training points" + (" · squares: test" if show_test else ""))
        # a long setting wraps onto a second line (the room above the graph's titles holds two)
        self.header.set_text("\n".join(textwrap.wrap(f"{pg.describe()} · seed {pg.seed}", 150)))
        self._say(pg.diverged or pg.warning)

    def _show_region(self, pg, a_out, discretize):
        g = self.grid
        if pg.regression:
            vmax = target_scale(pg)
            y_hat = a_out[:, 0]
            if discretize:
                y_hat = np.round(y_hat * 4) / 4                        # bands of 0.25
            self.region.set_data(_rgba8(diverging(y_hat, vmax).reshape(g, g, 3)))
            ramp = diverging(np.linspace(-vmax, vmax, 64), vmax)[:, None, :]
            self.key_image.set_data(_rgba8(ramp))
            for t, v in zip(self.key_texts, (-vmax, 0, vmax)):
                t.set_text(f"{v:g}")
            self.key_texts[3].set_text("target $y$, prediction $\\hat y$")
        else:
            probs = np.column_stack([1 - a_out[:, 0], a_out[:, 0]]) if pg.output == "sigmoid" else a_out
            self.region.set_data(_rgba8(region_rgb(probs, g, discretize)))
        for a in (self.key_image, *self.key_texts):
            a.set_visible(pg.regression)

    def _show_points(self, pg, show_test):
        for dots, values, X, y, on in ((self.train_dots, self.train_values, pg.X_train, pg.y_train, True),
                                       (self.test_dots, self.test_values, pg.X_test, pg.y_test, show_test)):
            for k, line in enumerate(dots):
                line.set_data(*(X[y == k].T if on and not pg.regression else ([], [])))
            values.set_visible(on and pg.regression)
            if on and pg.regression:
                values.set_offsets(X)
                values.set_facecolors(diverging(y, target_scale(pg)))

    def _say(self, text, centre=False):
        """The reason for trouble on the graph (in its middle when nothing else is drawn)."""
        say(self.message, "\n".join(textwrap.wrap(text, 60 if centre else 85)) if text else None)
        self.message.set_fontsize(11 if centre else FONT)
        self.message.set_y(0.5 if centre else 0.16)

    def show_reason(self, reason, setting, X=None, y=None):
        """Instead of a trained network: the data's points (if known), the setting, and why it cannot train."""
        self.graph.hide()
        self.region.set_data(np.full((self.grid, self.grid, 4), 255, dtype=np.uint8))
        for a in (self.key_image, *self.key_texts, self.train_values, self.test_values):
            a.set_visible(False)
        for k, line in enumerate(self.train_dots + self.test_dots):
            on = X is not None and k < 4 and y.dtype.kind in "iu"
            line.set_data(*(X[y == k].T if on else ([], [])))
        if X is not None and y.dtype.kind == "f":
            self.train_values.set_offsets(X)
            self.train_values.set_facecolors(diverging(y, max(0.5, np.max(np.abs(y)))))
            self.train_values.set_visible(True)
        self.line_train.set_data([], [])
        self.line_test.set_data([], [])
        self.title.set_text("the data\nnot trained: see the note")
        self.header.set_text(setting)
        self._say(reason, centre=True)

    def plane_point(self, px, py):
        """The point (x1, x2) under pixel (px, py) of the picture (from its top left), or None off the plane."""
        h = self.fig.bbox.height
        x1, x2 = self.ax_region.transData.inverted().transform((px, h - py))
        return (float(x1), float(x2)) if max(abs(x1), abs(x2)) <= EXTENT else None


def loss_top(k, history=None):
    """The loss axis's top: 1.5 ln K (a network that knows nothing starts at about ln K), or
    higher when the curves go higher. So most settings share one scale."""
    top = 1.5 * np.log(max(k, 2))
    if history:
        top = max(top, 1.1 * max(history["train_loss"] + history["test_loss"]))
    return top


def loss_limits(history, old=None):
    """Loss-axis limits that change rarely: x doubles when training passes it, y only grows."""
    xmax = 50
    while xmax < history["step"][-1]:
        xmax *= 2
    top = max(history["train_loss"] + history["test_loss"])
    ymax = old[1] if old and old[1] >= top else top * 1.1
    return xmax, ymax


class LivePicture:
    """The app's picture: a figure, its view and a Blitter; ``frame(pg)`` -> JPEG or PNG bytes."""

    def __init__(self, figsize=APP_FIGSIZE, grid=50):
        self.fig = new_figure(figsize, layout=None)
        self.view = PlaygroundView(self.fig, grid, live_texts=False)   # a long header costs ms per draw
        self.blitter = Blitter(self.fig)
        self.limits = None
        self.texts = None

    def _blit(self):
        texts = (self.view.header.get_text(), self.view.title.get_text())
        if texts != self.texts:           # the setting changed: its texts are in the background
            self.blitter.invalidate()
            self.texts = texts
        self.blitter.frame()

    def frame(self, pg, fmt="jpeg", show_test=False, discretize=False):
        self.view.show(pg, show_test, discretize)
        self.limits = loss_limits(pg.history, self.limits)
        self.view.ax_loss.set(xlim=(0, self.limits[0]), ylim=(0, self.limits[1]))
        self._blit()
        return encode(self.fig, fmt)

    def reason(self, text, setting, X=None, y=None, fmt="png"):
        self.view.show_reason(text, setting, X, y)
        self.view.ax_loss.set(xlim=(0, 50), ylim=(0, 1))
        self._blit()
        return encode(self.fig, fmt)

    def reset(self):
        """Loss axes from scratch (a new run)."""
        self.limits = None


# the data sets a reason picture can show beside its words
def dataset_points(dataset, noise=0.05, seed=0):
    from ...playground_data import make_dataset

    if dataset not in N_CLASSES and dataset not in REGRESSION:
        return None, None
    return make_dataset(dataset, 200, noise, seed=seed)
