"""The network drawn as a graph, as TensorFlow Playground draws it, on one matplotlib axes.

A column per layer: the input features a^[0] (all of FEATURES; the ones not used are pale), every
hidden layer, the output layer. In each column a tile per unit (at most MAX_SHOWN; "+n more"
says how many are not drawn) shows that unit's a^[l]_j over the plane, in greys on ONE scale
for the whole column (dark: the column's lowest value, light: its highest), so tiles compare.
Between columns a line per weight W^[l]_ij: its width grows with |w|, its colour is its sign.
Every changing part is one animated artist per column (an image of its tiles, a LineCollection
of its weights, two texts), so a live frame repaints a few artists whatever the network.
"""
import numpy as np
from matplotlib.collections import LineCollection

from .settings import FEATURE_LABELS, FEATURES, MAX_HIDDEN_LAYERS

MAX_SHOWN = 8                       # tiles drawn per layer
TILE = 30                           # a tile's side, in pixels of the picture
GAP = 8                             # pixels between two tiles of a column
MAX_COLUMNS = 1 + MAX_HIDDEN_LAYERS + 1
POSITIVE, NEGATIVE = "#c2185b", "#546e7a"   # w > 0 magenta, w < 0 blue-grey: not the classes' colours
FONT = 9
LABEL_ROOM = 50.0                   # pixels left of the input tiles for their names


def _grey_table():
    from matplotlib import colormaps

    greys = colormaps["gray"](np.linspace(0, 1, 256))[32:240, :3]   # never quite black or white
    return np.rint(255 * greys[np.rint(np.linspace(0, len(greys) - 1, 256)).astype(int)]).astype(np.uint8)


GREYS = _grey_table()


def column_tiles(a, grid, faded=()):
    """A column of grey tiles as one RGBA image: a (grid^2, n) responses on ONE scale for the column.

    Tile j (unit j) is at the top for j = 0, TILE x TILE pixels (the grid sampled to the picture's
    own pixels, so drawing it needs no resampling); rows between tiles are transparent; tiles
    listed in ``faded`` are drawn pale. (A column whose values are all equal is mid-grey.)
    Returns (image (rows, TILE, 4) uint8, lo, hi).
    """
    n = a.shape[1]
    lo, hi = float(np.min(a)), float(np.max(a))
    span = hi - lo
    norm = np.clip((a - lo) / span, 0, 1) if span > 1e-9 else np.full(a.shape, 0.5)
    pick = np.rint(np.linspace(0, grid - 1, TILE)).astype(int)
    norm = norm.reshape(grid, grid, n)[np.ix_(pick, pick)]          # (TILE, TILE, n)
    rgb = GREYS[np.rint(norm * 255).astype(int)].transpose(2, 0, 1, 3)   # (n, TILE, TILE, 3)
    image = np.zeros((n * (TILE + GAP) - GAP, TILE, 4), dtype=np.uint8)
    for j in range(n):
        r = (n - 1 - j) * (TILE + GAP)                              # origin="lower": unit 0 on top
        image[r:r + TILE, :, :3] = rgb[j]
        image[r:r + TILE, :, 3] = 70 if j in faded else 255
    return image, lo, hi


def tile_at(x, y, xs, shown, top, gap=GAP):
    """The tile under the graph's point (x, y): (column c, row j), or None between and beside tiles.

    xs: each column's left edge; shown: how many tiles each column draws; top: the top edge of
    row 0; the same geometry ``NetworkGraph.show`` draws with. Column 0 is a^[0] (row j is
    FEATURES[j]), column l >= 1 is layer l (row j is unit j, counted from 0).
    """
    for c, (x0, n) in enumerate(zip(xs, shown)):
        if x0 <= x <= x0 + TILE:
            down = top - y                                          # pixels below the top edge
            j = int(down // (TILE + gap)) if down >= 0 else -1
            inside = 0 <= j < n and down - j * (TILE + gap) <= TILE
            return (c, j) if inside else None
    return None


class NetworkGraph:
    """The graph's artists on ``ax`` (made once); ``show`` puts one network into them."""

    def __init__(self, ax, grid):
        self.ax, self.grid = ax, grid
        fig = ax.figure
        pos = ax.get_position()
        self.width, self.height = round(pos.width * fig.bbox.width), round(pos.height * fig.bbox.height)
        self.gap = GAP
        self.top = self.height - 20                                 # below the column titles
        ax.set_axis_off()
        ax.set(xlim=(0, self.width), ylim=(0, self.height))
        ax.set_autoscale_on(False)
        blank = np.zeros((1, 1, 4), dtype=np.uint8)
        self.images = [ax.imshow(blank, origin="lower", aspect="auto", interpolation="nearest",
                                 animated=True, visible=False, zorder=3) for _ in range(MAX_COLUMNS)]
        self.lines = []
        for _ in range(MAX_COLUMNS - 1):
            lc = LineCollection([], animated=True, zorder=2, capstyle="butt", alpha=0.85)
            ax.add_collection(lc)
            self.lines.append(lc)
        self.titles = [ax.text(0, self.height - 2, "", ha="center", va="top", fontsize=FONT, animated=True)
                       for _ in range(MAX_COLUMNS)]
        self.more = [ax.text(0, 0, "", ha="center", va="top", fontsize=FONT, color="0.3", animated=True)
                     for _ in range(MAX_COLUMNS)]
        for i, f in enumerate(FEATURES):                            # the input column never moves
            ax.text(LABEL_ROOM - 5, self._y(i), FEATURE_LABELS.get(f, f), ha="right", va="center",
                    fontsize=FONT)
        ax.set_xlim(0, self.width)
        ax.set_ylim(0, self.height)
        self._key()

    def _y(self, j):
        """The centre height of tile j (0 at the top) in a column."""
        return self.top - j * (TILE + self.gap) - TILE / 2

    def _key(self):
        """What the greys and the lines mean, under the graph (fixed: it never changes)."""
        ax = self.ax
        ramp = GREYS[None, :, :]
        ax.imshow(ramp, extent=(4, 62, 5, 15), aspect="auto", interpolation="nearest", zorder=1)
        ax.text(70, 10, "tiles: $a^{[l]}_j$ over the plane, dark = the column's lowest, light = its highest",
                va="center", fontsize=FONT)
        ax.plot([4, 30], [32, 32], color=POSITIVE, lw=2.5)
        ax.plot([36, 62], [32, 32], color=NEGATIVE, lw=2.5)
        ax.text(70, 32, "lines: weights $w$, wider = larger $|w|$; magenta $w > 0$, grey $w < 0$",
                va="center", fontsize=FONT)

    xs, shown = (), ()                                              # nothing drawn yet

    def unit_at(self, px, py):
        """The tile under pixel (px, py) of the figure (from its top left): (column, row) or None."""
        x, y = self.ax.transData.inverted().transform((px, self.ax.figure.bbox.height - py))
        return tile_at(x, y, self.xs, self.shown, self.top, self.gap)

    def hide(self):
        self.xs, self.shown = (), ()
        for group in (self.images, self.lines, self.titles, self.more):
            for a in group:
                a.set_visible(False)

    def show(self, inputs, features, outputs, weights, output_name="output"):
        """Draw one network.

        inputs: a^[0] over the grid for every name of FEATURES (grid^2, 7); features: the names used;
        outputs: [a^[1], ..., a^[L]] over the grid; weights: [W1, b1, ..., WL, bL].
        """
        self.hide()
        cols = [inputs] + [a[:, :MAX_SHOWN] for a in outputs]
        units = [len(FEATURES)] + [a.shape[1] for a in outputs]
        n_cols = len(cols)
        right = self.width - 4 - TILE
        xs = np.rint(np.linspace(LABEL_ROOM, right, n_cols))        # whole pixels: tiles drawn 1:1
        self.xs, self.shown = [float(x) for x in xs], [a.shape[1] for a in cols]
        faded = [i for i, f in enumerate(FEATURES) if f not in features]
        rows = [[FEATURES.index(f) for f in features]] + [list(range(min(n, MAX_SHOWN))) for n in units[1:]]
        for c, (a, x) in enumerate(zip(cols, xs)):
            image, _, _ = column_tiles(a, self.grid, faded if c == 0 else ())
            n = a.shape[1]
            bottom = self.top - n * TILE - (n - 1) * self.gap
            im = self.images[c]
            im.set_data(image)
            im.set_extent((x, x + TILE, bottom, self.top))
            im.set_visible(True)
            last = c == n_cols - 1
            title = self.titles[c]
            title.set_text("$a^{[0]}$ inputs" if c == 0 else f"$a^{{[{c}]}}$ {output_name}" if last
                           else f"$a^{{[{c}]}}$")
            title.set_x(x + TILE / 2)
            title.set_visible(True)
            hidden_units = units[c] - MAX_SHOWN
            if c > 0 and hidden_units > 0:
                self.more[c].set_text(f"+{hidden_units} more")
                self.more[c].set_position((x + TILE / 2, bottom - 3))
                self.more[c].set_visible(True)
            if c > 0:
                self._weights(self.lines[c - 1], weights[2 * (c - 1)], rows[c - 1], rows[c], xs[c - 1], x)

    def _weights(self, lc, W, rows_in, rows_out, x_in, x_out):
        """One line per weight W_ij from tile rows_in[i] (left) to tile rows_out[j] (right)."""
        W = W[:len(rows_in), :len(rows_out)]
        y_in = np.array([self._y(r) for r in rows_in])
        y_out = np.array([self._y(r) for r in rows_out])
        i, j = np.meshgrid(np.arange(len(rows_in)), np.arange(len(rows_out)), indexing="ij")
        i, j, w = i.ravel(), j.ravel(), W.ravel()
        segments = np.stack([np.column_stack([np.full(w.size, x_in + TILE), y_in[i]]),
                             np.column_stack([np.full(w.size, x_out), y_out[j]])], axis=1)
        lc.set_segments(segments)
        lc.set_linewidths(np.minimum(0.3 + 1.5 * np.abs(w), 5.0))
        lc.set_colors(np.where(w[:, None] > 0, _rgb(POSITIVE), _rgb(NEGATIVE)))
        lc.set_visible(True)


def _rgb(color):
    from matplotlib.colors import to_rgba

    return np.array(to_rgba(color))
