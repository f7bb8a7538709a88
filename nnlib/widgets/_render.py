"""Pictures for every widget: one way to make a figure, encode it, and repaint only what changes.

- ``new_figure(figsize)``: a matplotlib Figure drawn by Agg at ``DPI`` and unknown to pyplot.
- ``encode(fig, "png" | "jpeg")``: the pixels the canvas holds now, as image bytes.
- ``show_figure(fig)``: display a figure as a PNG cell output (what ``Widget.static`` stores).
- ``explanation(text, figsize)``: a picture that only says why a setting cannot be drawn.
- ``Blitter(fig)``: repaint the figure's *animated* artists over a saved picture of the rest.

Blitting, the way matplotlib's own ``BlitManager`` does it
(https://matplotlib.org/stable/users/explain/animations/blitting.html): the artists that change
are declared once, when the figure is built, with ``animated=True`` (``ax.plot(..., animated=True)``,
``text.set_animated(True)``). A full draw leaves them out; that picture (the *background*: axes,
ticks, labels, fixed curves) is saved. Each new frame restores the background and draws only the
animated artists on it. Ticks belong to the background, so a background is kept per set of axis
limits: moving limits cost one full draw the first time and a blit every time after.
"""
import io

import numpy as np
from matplotlib.image import AxesImage

DPI = 100  # every widget picture: at 100 dpi, 9 pt text is 12.5 px high, legible on any screen


def new_figure(figsize, dpi=DPI, layout="constrained"):
    """A figure drawn by Agg and unknown to pyplot.

    pyplot must not know the widgets' figures: the notebook's inline backend would display
    every open pyplot figure again at the end of the cell and then close it, taking away the
    canvas a live widget keeps drawing on.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, dpi=dpi, layout=layout)
    FigureCanvasAgg(fig)
    return fig


def encode(fig, fmt="png"):
    """The pixels the figure's canvas holds now (after a draw or a blit) as PNG or JPEG bytes.

    PNG is exact (fast zlib: about 10 % larger, half the time). JPEG (quality 90) encodes
    several times faster and is about half the size, which matters for a picture sent many
    times a second (benchmarks/bench_playground.py).
    """
    from PIL import Image

    rgba = np.asarray(fig.canvas.buffer_rgba())
    image = Image.frombuffer("RGBA", rgba.shape[1::-1], rgba, "raw", "RGBA", 0, 1).convert("RGB")
    buf = io.BytesIO()
    if fmt == "png":
        image.save(buf, format="png", compress_level=1)
    elif fmt == "jpeg":
        image.save(buf, format="jpeg", quality=90)
    else:
        raise ValueError(f"fmt must be 'png' or 'jpeg'; received {fmt!r}.")
    return buf.getvalue()


def still(fig):
    """Make every animated artist of ``fig`` an ordinary one, so a plain draw shows it too."""
    for a in animated_artists(fig):
        a.set_animated(False)
    return fig


def show_figure(fig):
    """Display a figure as a PNG image output, whatever pyplot has or has not drawn before.

    IPython shows a pyplot-free Figure as the text ``<Figure size ...>`` unless the inline
    backend happens to be active; an explicit PNG is stored in every kernel, and GitHub shows it.
    """
    from IPython.display import Image, display

    still(fig).canvas.draw()
    display(Image(data=encode(fig), format="png"))


def explanation(text, figsize, fmt="png", draw=None):
    """A picture that says ``text`` (what a live widget shows for a setting it cannot draw).

    ``draw(fig)``, if given, draws more first (the playground shows the data set beside it)
    and returns the axes for the text.
    """
    from ._notes import note

    fig = new_figure(figsize, layout=None if draw else "constrained")
    note(draw(fig) if draw else fig.add_subplot(), text)
    fig.canvas.draw()
    return encode(fig, fmt)


def animated_artists(fig):
    """The figure's animated artists (an animated legend counts once, not its every text)."""
    found = []

    def walk(artist):
        for child in artist.get_children():
            if child.get_animated():
                found.append(child)
            else:
                walk(child)

    walk(fig)
    return found


class Blitter:
    """Repaints a figure's animated artists over a saved background (one per set of axis limits).

    ``frame()`` after the artists have new data puts the new picture into the canvas and says
    whether that took a full draw; ``encode(fig)`` then gives its bytes. ``invalidate()`` when
    something in the background changed (a fixed text rewritten).
    """

    def __init__(self, fig):
        self.fig = fig
        self.layout = fig.get_layout_engine()  # used for full draws only; blits keep that layout
        self.full_draws = 0  # how many frames needed a full draw (for the tests and benchmarks)
        self.invalidate()

    def invalidate(self):
        self.backgrounds = {}  # axis limits -> (background pixels, axes positions)

    def frame(self):
        """Repaint; True if this frame needed a full draw (new axis limits or a new background)."""
        fig = self.fig
        limits = tuple((ax.get_xlim(), ax.get_ylim()) for ax in fig.axes)
        full = limits not in self.backgrounds
        if full:
            self.backgrounds[limits] = self._background()
            self.full_draws += 1
        background, positions = self.backgrounds[limits]
        for ax, pos in zip(fig.axes, positions):
            if ax.get_position().bounds != pos.bounds:
                ax._set_position(pos)
        fig.canvas.restore_region(background)
        for a in sorted(self.artists, key=lambda a: a.get_zorder()):
            if a.get_visible():
                (a.axes or fig).draw_artist(a)
        return full

    def _background(self):
        """Lay out and draw everything but the animated artists; that picture is the background."""
        fig = self.fig
        self.artists = animated_artists(fig)
        for ax in fig.axes:  # lay out from where a new figure starts, not from the last layout
            spec = ax.get_subplotspec()
            if spec is not None:
                ax._set_position(spec.get_position(fig))
        # matplotlib draws animated *images* anyway (AxesImage): hide them for the background
        images = [a for a in self.artists if isinstance(a, AxesImage) and a.get_visible()]
        for a in images:
            a.set_visible(False)
        if self.layout is not None:
            fig.set_layout_engine(self.layout)
        fig.canvas.draw()
        if self.layout is not None:
            fig.set_layout_engine("none")  # the layout stays put until the next full draw
        for a in images:
            a.set_visible(True)
        return fig.canvas.copy_from_bbox(fig.bbox), [ax.get_position() for ax in fig.axes]
