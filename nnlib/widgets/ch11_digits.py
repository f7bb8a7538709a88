"""Chapter 11 widgets: browse the test digits with the network's probabilities, and draw a digit.

The network is the chapter's 64-25-15-10 (ReLU, ReLU, linear) trained with Adam and
SparseCategoricalCrossentropy(from_logits=True) on scikit-learn's 8x8 digits, split by
``nnlib.datasets.load_digits_split`` exactly as the chapter splits them. It is trained once, with a fixed seed, on
first use (``digits_model``, cached), so every redraw only runs a forward pass.

- ``browse_widget``: a test image picked by a slider, its probabilities softmax(z) as bars.
- ``sketch_widget``: the drawing path as a plain function of its parameters (a preset
  drawing, shifted), so the tests can sweep it.
- ``drawing_grid``: the live 8x8 grid of toggle buttons; every click re-classifies the drawing
  with ``classify_grid`` and repaints the bars (``update_grid``, as the sketch widget does).

Both widgets build their axes once (``setup_*``, the changing artists declared animated) and
then only change the image, the bar heights and colours and the titles (``update_*``), so a
slider move repaints just those.
"""
import functools

import numpy as np

from .. import seeded
from ..activations import softmax
from ..datasets import load_digits_split
from ..layers import Dense, Input
from ..losses import SparseCategoricalCrossentropy
from ..model import Sequential
from ..optimizers import Adam
from . import Choice, Slider, Toggle, Widget, fmt, note_slot, say
from ._render import DPI, still

SEED, EPOCHS = 0, 40


@functools.lru_cache(maxsize=1)
def digits_data():
    """((x_train, y_train), (x_test, y_test)): the bundled 8x8 digits, split as the chapter splits them."""
    return load_digits_split()


@functools.lru_cache(maxsize=1)
def digits_model():
    """The chapter's network, trained once (seed 0, Adam 1e-3, 40 epochs, batch 32) and cached."""
    (xtr, ytr), _ = digits_data()
    with seeded(SEED):  # the learner's own nnlib generator is left as it was
        model = Sequential([Input(shape=(64,)), Dense(25, activation="relu"), Dense(15, activation="relu"),
                            Dense(10, activation="linear")])
        model.compile(optimizer=Adam(learning_rate=1e-3), loss=SparseCategoricalCrossentropy(from_logits=True))
        model.fit(xtr, ytr, epochs=EPOCHS, batch_size=32, verbose=0)
    return model


@functools.lru_cache(maxsize=1)
def _test_predictions():
    _, (xte, yte) = digits_data()
    probs = softmax(digits_model().predict(xte))
    return probs, np.argmax(probs, axis=1)


def classify_grid(pixels):
    """Probabilities P(digit = 0..9) for one 8x8 drawing: softmax of the network's logits.

    Args:
        pixels: 64 values in [0, 1] (0 = white paper, 1 = full ink), as an (8, 8) grid or
            a flat (64,) array, row by row as in the data set.
    Shapes: (8, 8) or (64,) -> (10,).
    """
    p = np.asarray(pixels, dtype=float)
    if p.size != 64 or p.ndim not in (1, 2) or (p.ndim == 2 and p.shape != (8, 8)):
        raise ValueError(f"classify_grid expects an 8x8 drawing: an (8, 8) or (64,) array of values "
                         f"in [0, 1]; received shape {p.shape}.")
    if not np.all(np.isfinite(p)) or p.min() < 0 or p.max() > 1:
        raise ValueError("classify_grid expects pixel values in [0, 1] (0 = paper, 1 = ink); "
                         f"received values from {p.min()} to {p.max()}.")
    return softmax(digits_model().predict(p.reshape(1, 64)))[0]


def _setup_pair(fig):
    """The image axes (left) and the probability bars (right), with empty animated artists to fill."""
    ax_img, ax_bar = fig.subplots(1, 2, width_ratios=[1, 2.2])
    image = ax_img.imshow(np.zeros((8, 8)), cmap="gray_r", vmin=0, vmax=1, animated=True)
    ax_img.set_xticks([])
    ax_img.set_yticks([])
    ax_img.set_title(" \n ", fontsize=10).set_animated(True)        # two lines of room
    bars = ax_bar.bar(range(10), np.zeros(10), color="0.7", animated=True)
    ax_bar.set(xticks=range(10), ylim=(0, 1.08), xlabel="digit", ylabel="probability softmax(z)")
    ax_bar.set_title(" ", fontsize=10).set_animated(True)
    # the value of the tallest bar, written above it (outside the layout: it may touch the top)
    top = ax_bar.text(0, 0, "", ha="center", fontsize=9, in_layout=False, animated=True)
    return dict(ax_img=ax_img, ax_bar=ax_bar, image=image, bars=list(bars), top=top)


def _show(p, img, img_title, probs, true_label=None):
    """Put an 8x8 image and its probabilities into the parts.

    Bars: the prediction green (red when it is not ``true_label``), the true digit blue, the
    rest grey.
    """
    p["image"].set_data(np.asarray(img, dtype=float).reshape(8, 8))
    p["ax_img"].set_title(img_title, fontsize=10)
    pred = int(np.argmax(probs))
    colors = ["0.7"] * 10
    if true_label is not None:
        colors[int(true_label)] = "C0"
    colors[pred] = "C2" if true_label is None or pred == true_label else "C3"
    for bar, h, c in zip(p["bars"], probs, colors):
        bar.set_height(h)
        bar.set_color(c)
    p["top"].set_position((pred, min(probs[pred], 1.0) + 0.02))
    p["top"].set_text(fmt(float(probs[pred]), 2))


def setup_browse(fig):
    """Empty image and bars for update_browse."""
    return _setup_pair(fig)


def update_browse(p, index, only_mistakes):
    """Test image number ``index`` (or the index-th misclassified one) and its probabilities."""
    _, (xte, yte) = digits_data()
    probs, pred = _test_predictions()
    pool = np.nonzero(pred != yte)[0] if only_mistakes else np.arange(len(yte))
    i = int(pool[int(index) % len(pool)])
    which = (f"mistake {int(index) % len(pool) + 1} of {len(pool)}" if only_mistakes
             else f"test image {i} of {len(yte)}")
    _show(p, xte[i], f"{which}\ntrue label {yte[i]}", probs[i], true_label=yte[i])
    if pred[i] == yte[i]:       # the prediction's bar hides the true digit's: say so
        verdict = f"network says {pred[i]} (right): one green bar, prediction = true digit"
    else:
        verdict = f"network says {pred[i]} (WRONG); blue = true digit, red = prediction"
    p["ax_bar"].set_title(verdict, fontsize=10)


browse_widget = Widget(
    setup=setup_browse,
    update=update_browse,
    controls={
        "index": Slider(0, 449, 0, integer=True, description="test image"),
        "only_mistakes": Toggle(False, description="only the misclassified ones"),
    },
    title="The trained 25-15-10 network on the test digits",
    figsize=(8, 3.2),
)

# A few drawings as a learner might make them on the 8x8 grid (1 = ink), centred and about
# as wide as the data set's digits: the network never saw a digit off-centre.
PRESETS = {
    "zero": ["...##...", "..####..", ".##..##.", ".#....#.", ".#....#.", ".##..##.", "..####..", "...##..."],
    "one": ["....#...", "...##...", "..###...", "...##...", "...##...", "...##...", "...##...", "...##..."],
    "two": ["..###...", ".#...#..", ".....#..", "....#...", "...#....", "..#.....", ".#......", ".######."],
    "three": ["..####..", ".....##.", "......#.", "...###..", "......#.", "......#.", ".....##.", "..####.."],
    "four": ["....#...", "...##...", "..#.#...", ".#..#...", ".######.", "....#...", "....#...", "....#..."],
    "seven": [".######.", ".....##.", "....##..", "...##...", "..####..", "..##....", "..#.....", "..#....."],
    "blank": ["........"] * 8,
}


def preset_pixels(name, shift=0):
    """The preset drawing as an (8, 8) array of 0/1, moved ``shift`` columns (+ = right)."""
    grid = np.array([[c == "#" for c in row] for row in PRESETS[name]], dtype=float)
    out = np.zeros_like(grid)
    s = int(shift)
    if s >= 0:
        out[:, s:] = grid[:, :8 - s]
    else:
        out[:, :8 + s] = grid[:, -s:]
    return out


def setup_sketch(fig):
    """Empty drawing and bars, and a note slot for the empty grid (for update_grid)."""
    p = _setup_pair(fig)
    p["note"] = note_slot(p["ax_bar"])
    return p


def update_grid(p, pixels):
    """Show an 8x8 drawing and the network's probabilities for it (kept in ``p["probs"]``)."""
    pixels = np.asarray(pixels, dtype=float).reshape(8, 8)
    probs = p["probs"] = classify_grid(pixels)
    pred = int(np.argmax(probs))
    _show(p, pixels, f"your drawing\n{int(pixels.sum())} squares inked", probs)
    p["ax_bar"].set_title(f"network says {pred} with probability {fmt(float(probs[pred]), 2)}",
                          fontsize=10)
    say(p["note"], "empty grid: the network must still answer;\nthese bars come from its biases alone"
        if pixels.sum() == 0 else None)


def draw_grid_prediction(fig, pixels):
    """The drawing and the network's probabilities for it (what the live grid shows), drawn on
    ``fig`` as an ordinary figure (nothing animated: any draw shows it all); returns the probabilities."""
    p = setup_sketch(fig)
    update_grid(p, pixels)
    still(fig)
    return p["probs"]


def update_sketch(p, drawing, shift):
    """A preset drawing moved ``shift`` columns, classified by the network."""
    update_grid(p, preset_pixels(drawing, shift))


sketch_widget = Widget(
    setup=setup_sketch,
    update=update_sketch,
    controls={
        "drawing": Choice(list(PRESETS), value="seven", description="drawing"),
        "shift": Slider(-2, 2, 0, integer=True, description="move it right by (columns)"),
    },
    title="A hand-drawn digit, classified by the network",
    figsize=(8, 3.2),
)


GRID_CLASS = "nnlib-ink-grid"
# A ToggleButton has no button_color (ipywidgets 8 syncs it only for Button), so a pressed square
# would show the theme's mid-grey "active" colour: ink and paper are coloured by CSS instead.
GRID_CSS = (f"<style>.{GRID_CLASS} .jupyter-button {{background-color: #f4f4f4; box-shadow: none;}} "
            f".{GRID_CLASS} .jupyter-button.mod-active {{background-color: #222222 !important; "
            f"box-shadow: none;}}</style>")


class DrawingGrid:
    """The live drawing pad: 8x8 toggle buttons; every click re-classifies the drawing.

    ``show()`` builds the buttons; ``pixels()`` reads them; ``probs`` holds the last
    classification (updated by every click, so tests can drive the grid too). The picture is
    the sketch widget's figure, repainted by blitting like every live widget.
    """

    def __init__(self, start="seven"):
        self.start = start
        self.buttons = None
        self.probs = None
        self.image = None
        self.live = Widget(setup=setup_sketch, update=update_grid, figsize=(6.4, 2.6)).live()

    def pixels(self):
        return np.array([[float(b.value) for b in row] for row in self.buttons])

    def set_pixels(self, pixels):
        """Set every button from an (8, 8) array (> 0.5 is ink); redraws once at the end."""
        p = np.asarray(pixels, dtype=float).reshape(8, 8)
        self._hold = True
        for r in range(8):
            for c in range(8):
                self.buttons[r][c].value = bool(p[r, c] > 0.5)
        self._hold = False
        self.update()

    def update(self, change=None):
        if getattr(self, "_hold", False):
            return
        pixels = self.pixels()
        self.image.value = self.live.frame(pixels=pixels)
        self.probs = classify_grid(pixels)

    def build(self):
        import ipywidgets as W

        self.buttons = [[W.ToggleButton(value=False, layout=W.Layout(width="30px", height="30px",
                                                                       padding="0px"))
                         for _ in range(8)] for _ in range(8)]
        cells = [b for row in self.buttons for b in row]
        grid = W.GridBox(cells, layout=W.Layout(grid_template_columns="repeat(8, 32px)", grid_gap="2px"))
        grid.add_class(GRID_CLASS)
        # the picture at its own pixel size (the figure's inches x dpi), never stretched by the row
        w_px, h_px = (round(v * DPI) for v in self.live.widget.figsize)
        self.image = W.Image(format="png", layout=W.Layout(width=f"{w_px}px", height=f"{h_px}px",
                                                            align_self="flex-start", object_fit="contain"))
        clear = W.Button(description="clear")
        start = W.Dropdown(options=list(PRESETS), value=self.start, description="start from",
                           layout=W.Layout(width="220px"))
        clear.on_click(lambda _: self.set_pixels(np.zeros((8, 8))))
        start.observe(lambda ch: self.set_pixels(preset_pixels(ch["new"])), names="value")
        for b in cells:
            b.observe(self.update, names="value")
        self.set_pixels(preset_pixels(self.start))
        help_text = W.HTML(GRID_CSS + "<b>Click squares to ink them</b> (dark = ink), then watch the bars.")
        box = W.HBox([W.VBox([help_text, grid, W.HBox([clear, start])]), self.image])
        box.add_class("nnlib-widget")
        return box

    def show(self):
        from IPython.display import display

        box = self.build()
        display(box)
        return box


drawing_grid = DrawingGrid()
