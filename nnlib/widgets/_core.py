"""The pattern every chapter widget follows.

A widget is a description of its controls plus the code that draws it, in one of two forms:

- ``draw(fig, **params)`` builds the whole figure at one setting (simple, but every change
  redraws everything: 100-250 ms for a chapter figure);
- ``setup(fig, **fixed)`` builds the axes, the fixed parts and empty artists once and returns
  them (any object, e.g. a ``dict``); ``update(parts, **params)`` puts one setting's numbers into
  those artists (``set_data``, ``set_text``, ...) and returns the list of artists it changed.
  The live widget then repaints only those artists over a cached picture of the rest
  (matplotlib's "blitting"), which is what makes a slider feel instantaneous.

From that one description we get:

- ``w.static()``: the figure at the default setting, shown as a normal cell output so the
  chapter still teaches where no kernel runs (GitHub, nbviewer);
- ``w.show()``: the live ipywidgets version (sliders, dropdowns) that redraws on change;
- ``w.settings()``: every control at its ends and middle, which the tests sweep;
- ``w.live()``: the object ``show`` uses to turn a setting into new pixels (the tests check
  that its pictures equal a fresh drawing at the same setting, whatever came before).

Extreme settings must explain themselves on the plot: call ``note(ax, "diverged: ...")`` in a
``draw`` function, or make a ``note_slot(ax)`` in ``setup`` and ``say(slot, "...")`` in
``update``, instead of leaving a blank axis or a NaN.
"""
import html
import math
from dataclasses import dataclass, field

from matplotlib.image import AxesImage


@dataclass
class Slider:
    """A numeric control. ``log=True`` makes a log-scaled slider (value = 10**position)."""

    min: float
    max: float
    value: float
    step: float = None
    description: str = None
    integer: bool = False
    log: bool = False

    def sweep(self):
        mid = math.sqrt(self.min * self.max) if self.log else (self.min + self.max) / 2
        if self.integer:
            mid = round(mid)
        return [self.min, mid, self.max]

    def make(self, name):
        import ipywidgets as W

        desc = self.description or name
        style = {"description_width": "initial"}
        layout = W.Layout(width="420px")
        if self.log:
            return W.FloatLogSlider(value=self.value, base=10, min=math.log10(self.min),
                                    max=math.log10(self.max), step=self.step or 0.1,
                                    description=desc, style=style, layout=layout,
                                    continuous_update=True, readout_format=".3g")
        if self.integer:
            return W.IntSlider(value=int(self.value), min=int(self.min), max=int(self.max),
                               step=int(self.step or 1), description=desc, style=style,
                               layout=layout, continuous_update=True)
        step = self.step or (self.max - self.min) / 100
        return W.FloatSlider(value=self.value, min=self.min, max=self.max, step=step,
                             description=desc, style=style, layout=layout, continuous_update=True,
                             readout_format=".3g")


@dataclass
class Choice:
    """A dropdown (or toggle buttons when there are few options)."""

    options: list
    value: object = None
    description: str = None

    def __post_init__(self):
        if self.value is None:
            self.value = self.options[0]

    def sweep(self):
        return list(self.options)

    def make(self, name):
        import ipywidgets as W

        cls = W.ToggleButtons if len(self.options) <= 4 else W.Dropdown
        return cls(options=self.options, value=self.value, description=self.description or name,
                   style={"description_width": "initial"})


@dataclass
class Toggle:
    value: bool = False
    description: str = None

    def sweep(self):
        return [False, True]

    def make(self, name):
        import ipywidgets as W

        return W.Checkbox(value=self.value, description=self.description or name)


def note(ax, text, color="#b00020"):
    """Write an explanation on the plot (for extreme settings) and mark the figure as explained."""
    ax.text(0.5, 0.5, text, transform=ax.transAxes, ha="center", va="center", fontsize=11,
            color=color, wrap=True, bbox=dict(boxstyle="round", fc="white", ec=color, alpha=0.9),
            zorder=100)
    fig = ax.figure
    fig._nnlib_notes = getattr(fig, "_nnlib_notes", []) + [text]


def note_slot(ax, color="#b00020"):
    """An explanation box for ``update`` to fill: hidden until ``say(slot, text)``.

    Make it in ``setup`` and return it among the artists ``update`` changes.
    """
    slot = ax.text(0.5, 0.5, "", transform=ax.transAxes, ha="center", va="center", fontsize=11,
                   color=color, wrap=True, visible=False, zorder=100,
                   bbox=dict(boxstyle="round", fc="white", ec=color, alpha=0.9))
    slot._nnlib_note = True
    return slot


def say(slot, text=None):
    """Show ``text`` in a note slot, or hide the slot when ``text`` is None or empty."""
    slot.set_text(text or "")
    slot.set_visible(bool(text))
    return slot


def notes(fig):
    """Every explanation the figure shows: ``note`` calls and visible note slots."""
    slots = [t.get_text() for t in fig.findobj(lambda a: getattr(a, "_nnlib_note", False))
             if t.get_visible()]
    return list(getattr(fig, "_nnlib_notes", [])) + slots


def rung(ladder, value):
    """The first limit of ``ladder`` (ascending) at or above ``value``; ``value`` itself past the top.

    Axes whose limits move on a ladder stand still while a slider moves within one rung, so the
    live widget repaints them by blitting and pays a full draw only when a rung is crossed.
    """
    return next((x for x in ladder if x >= value), value)


def fmt(x, digits=3):
    """A number for display: finite numbers as usual, inf/NaN spelled out with a reason hint."""
    if x is None:
        return "—"
    if isinstance(x, float) and math.isnan(x):
        return "undefined (NaN)"
    if isinstance(x, float) and math.isinf(x):
        return "overflow (±inf)"
    return f"{x:.{digits}g}"


@dataclass
class Widget:
    """Controls plus either ``draw`` or ``setup`` + ``update``. See the module docstring."""

    draw: callable = None
    controls: dict = field(default_factory=dict)
    title: str = ""
    figsize: tuple = (8, 3.6)
    fixed: dict = field(default_factory=dict)  # extra keyword arguments (data, model, ...)
    setup: callable = None
    update: callable = None
    rebuild: tuple = ()  # controls whose change needs a new setup (they are passed to setup too)
    warm: bool = True  # show() draws every sweep setting once first, so no change waits for a full draw
    prepare: callable = None  # work show() does once before the first picture (e.g. training every run
    #                           the sliders can reach), so that no change waits for it

    def __post_init__(self):
        if (self.draw is None) == (self.update is None) or (self.update is None) != (self.setup is None):
            raise TypeError("Widget needs either draw=... or both setup=... and update=..., "
                            f"got draw={self.draw!r}, setup={self.setup!r}, update={self.update!r}")
        unknown = set(self.rebuild) - set(self.controls)
        if unknown:
            raise TypeError(f"rebuild names controls that do not exist: {sorted(unknown)}; "
                            f"the controls are {sorted(self.controls)}")

    def defaults(self):
        return {k: c.value for k, c in self.controls.items()}

    def _figure(self):
        return new_figure(self.figsize)

    def _title(self, fig):
        if self.title and not fig._suptitle:
            fig.suptitle(self.title, fontsize=11)

    def build(self, fig, values):
        """Run ``setup`` on ``fig`` for these values; the parts ``update`` works on."""
        return self.setup(fig, **self.fixed, **{k: values[k] for k in self.rebuild})

    def render(self, **params):
        """A new Figure drawn at defaults updated with params (used by static and the tests)."""
        values = {**self.defaults(), **params}
        fig = self._figure()
        if self.update is None:
            self.draw(fig, **self.fixed, **values)
        else:
            self.update(self.build(fig, values), **values)
        self._title(fig)
        return fig

    def static(self, **params):
        """Draw at the default setting and display it as an ordinary image output (a PNG)."""
        show_figure(self.render(**params))

    def settings(self):
        """Each control at its ends and middle, the others at their defaults."""
        base = self.defaults()
        out = [dict(base)]
        for k, c in self.controls.items():
            for v in c.sweep():
                if v != base[k]:
                    out.append({**base, k: v})
        return out

    def png(self, fig):
        """The figure as PNG bytes, drawn once at the figure's own size and dpi.

        One Agg draw (which also runs the constrained layout) and one PNG encode. Unlike the
        notebook's inline display there is no extra "tight bounding box" pass, so the image keeps
        the same size at every setting and the page does not jump while a slider moves.
        """
        fig.canvas.draw()
        return _png(fig)

    def live(self):
        """The object ``show`` asks for each new picture: ``live().frame(**values)`` -> PNG."""
        return Live(self) if self.update is not None else Redraw(self)

    def show(self):
        """The live version: controls above, the figure below, redrawn on every change.

        The figure is an ``ipywidgets.Image`` whose ``value`` (PNG bytes) is replaced on each
        change: one binary message to the page, no output area to clear and rebuild. The front
        end sends at most one change at a time and keeps only the latest while the kernel draws,
        so a fast-moving slider never queues up stale redraws.
        """
        import ipywidgets as W
        from IPython.display import display

        ctrls = {k: c.make(k) for k, c in self.controls.items()}
        image = W.Image(format="png")
        live = self.live()

        error = W.HTML(layout=W.Layout(display="none"))  # what went wrong, for the browser tests
        error.add_class("nnlib-widget-status")
        box = W.VBox([W.HBox(list(ctrls.values()), layout=W.Layout(flex_flow="row wrap")), image, error])
        box.add_class("nnlib-widget")

        def redraw(change=None):
            values = {k: w.value for k, w in ctrls.items()}
            try:
                data = live.frame(**values)
                box.remove_class("nnlib-widget-error")
                error.value = ""
            except Exception as err:  # never a traceback in front of a learner
                live.reset()
                data = explanation_png(self.figsize, f"This setting cannot be drawn: {err}")
                box.add_class("nnlib-widget-error")  # the browser tests fail on this class
                error.value = html.escape(f"{type(err).__name__}: {err}")
            image.value = data

        if self.warm and isinstance(live, Live):
            try:  # each rebuild value and each set of axis limits the sweep reaches, drawn once
                live.warm(self.settings())
            except Exception:  # redraw() below explains the failing setting if a learner meets it
                live.reset()
        for w in ctrls.values():
            w.observe(redraw, names="value")
        redraw()
        display(box)
        box.live = live
        return box


DPI = 100  # every widget picture: at 100 dpi, 9 pt text is 12.5 px high, legible on any screen


def new_figure(figsize, dpi=DPI):
    """A figure drawn by Agg and unknown to pyplot.

    pyplot must not know the widgets' figures: the notebook's inline backend would display
    every open pyplot figure again at the end of the cell and then close it, taking away the
    canvas a live widget keeps drawing on.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, dpi=dpi, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def show_figure(fig):
    """Display a figure as a PNG image output, whatever pyplot has or has not drawn before.

    IPython shows a pyplot-free Figure as the text ``<Figure size ...>`` unless the inline
    backend happens to be active; an explicit PNG is stored in every kernel, and GitHub shows it.
    """
    from IPython.display import Image, display

    fig.canvas.draw()
    display(Image(data=_png(fig), format="png"))


def _png(fig):
    """PNG bytes of what the figure's canvas holds now (after a draw or a blit)."""
    import io

    import numpy as np
    from PIL import Image

    rgba = np.asarray(fig.canvas.buffer_rgba())
    image = Image.frombuffer("RGBA", rgba.shape[1::-1], rgba, "raw", "RGBA", 0, 1).convert("RGB")
    buf = io.BytesIO()
    image.save(buf, format="png", compress_level=1)  # fast zlib: ~10% larger, half the time
    return buf.getvalue()


def explanation_png(figsize, text):
    """A picture that only says ``text`` (what the live widget shows for a failed setting)."""
    fig = new_figure(figsize)
    note(fig.add_subplot(), text)
    fig.canvas.draw()
    return _png(fig)


class Redraw:
    """Live pictures for a ``draw`` widget: a whole new figure at every change."""

    def __init__(self, widget):
        self.widget = widget

    def reset(self):
        pass

    def frame(self, **values):
        return self.widget.png(self.widget.render(**values))


class Live:
    """Live pictures for a ``setup`` + ``update`` widget, repainting only what changed.

    The figure is built and laid out once. The artists ``update`` returns are marked
    *animated*: a full draw leaves them out, and that picture of everything else (the
    *background*: axes, ticks, labels, fixed curves) is kept. A change then costs one
    ``update``, restoring the background and drawing the changed artists on it (blitting,
    https://matplotlib.org/stable/users/explain/animations/blitting.html), and a PNG.

    Two things call for a full draw instead: an ``update`` that moves an axis's limits (its
    ticks are part of the background), and a change to a ``rebuild`` control (a new setup).
    Both are paid once: each setup is kept (one per value of the ``rebuild`` controls) and,
    within it, one background per set of axis limits with the layout it was drawn with, so
    going back to a setting seen before is a blit again. ``warm(settings)`` pays them ahead.
    """

    def __init__(self, widget, keep=24):
        self.widget = widget
        self.keep = keep  # at most this many setups (figures) are kept, oldest dropped first
        self.full_draws = 0  # how many frames needed a full draw (for the tests and benchmark)
        self.reset()

    def reset(self):
        self.setups = {}  # rebuild key -> _Setup
        self.current = None  # the setup of the latest frame

    @property
    def fig(self):
        return self.current and self.current.fig

    @property
    def parts(self):
        return self.current and self.current.parts

    def warm(self, settings):
        """The widget's ``prepare``, then each setting drawn once (filling the caches), then
        the first setting again."""
        if self.widget.prepare is not None:
            self.widget.prepare()
        for values in list(settings) + list(settings)[:1]:
            self.frame(**values)

    def frame(self, **values):
        """PNG bytes of the figure at ``values`` (defaults for the rest)."""
        w = self.widget
        values = {**w.defaults(), **values}
        key = tuple(values[k] for k in w.rebuild)
        st = self.setups.pop(key, None)
        if st is None:
            st = _Setup(w, values)
        self.setups[key] = st  # now the most recent
        while len(self.setups) > self.keep:
            self.setups.pop(next(iter(self.setups)))
        self.current = st
        self.full_draws += st.frame(values)
        return _png(st.fig)


class _Setup:
    """One ``setup`` of a widget: its figure, parts, changing artists and saved backgrounds."""

    def __init__(self, widget, values):
        self.widget = widget
        self.fig = widget._figure()
        self.parts = widget.build(self.fig, values)
        widget._title(self.fig)
        self.dynamic = []
        self.backgrounds = {}  # axis limits -> (background pixels, axes positions)

    def frame(self, values):
        """Update and repaint; 1 if that took a full draw, else 0."""
        fig = self.fig
        changed = self.widget.update(self.parts, **values) or []
        new = [a for a in changed if a not in self.dynamic]
        if new:  # an artist not seen changing before: every saved background may hold it
            self.dynamic += new
            self.backgrounds.clear()
        limits = tuple((ax.get_xlim(), ax.get_ylim()) for ax in fig.axes)
        full = limits not in self.backgrounds
        if full:
            self.backgrounds[limits] = self._full()
        background, positions = self.backgrounds[limits]
        for ax, pos in zip(fig.axes, positions):
            if ax.get_position().bounds != pos.bounds:
                ax._set_position(pos)
        fig.canvas.restore_region(background)
        for a in sorted(self.dynamic, key=lambda a: a.get_zorder()):
            if a.get_visible():
                (a.axes or fig).draw_artist(a)
        return int(full)

    def _full(self):
        """Lay out and draw everything but the dynamic artists; that picture is the background."""
        fig = self.fig
        for a in self.dynamic:
            a.set_animated(True)
        for ax in fig.axes:  # lay out from where a new figure starts, not from the last layout
            spec = ax.get_subplotspec()
            if spec is not None:
                ax._set_position(spec.get_position(fig))
        # matplotlib draws animated *images* anyway (AxesImage, in some versions): hide them
        images = [a for a in self.dynamic if isinstance(a, AxesImage) and a.get_visible()]
        for a in images:
            a.set_visible(False)
        fig.set_layout_engine("constrained")
        fig.canvas.draw()
        fig.set_layout_engine("none")  # the layout stays put until the next full draw
        for a in images:
            a.set_visible(True)
        return fig.canvas.copy_from_bbox(fig.bbox), [ax.get_position() for ax in fig.axes]
