"""The pattern every chapter widget follows: controls, a ``setup`` and an ``update``.

- ``setup(fig, **fixed)`` builds the axes, the fixed parts and the artists that will change,
  and returns them (any object, e.g. a ``dict``). Every artist that changes with a control is
  declared here as *animated*: ``ax.plot(..., animated=True)``, ``ax.title.set_animated(True)``,
  ``note_slot(ax)`` (already animated).
- ``update(parts, **values)`` puts one setting's numbers into those artists (``set_data``,
  ``set_text``, ...). It creates nothing and returns nothing.

The live widget then repaints only the animated artists over a saved picture of the rest
(``_render.Blitter``), which is what makes a slider feel instantaneous. From that one
description we get:

- ``w.static()``: the figure at the default setting, shown as a normal cell output so the
  chapter still teaches where no kernel runs (GitHub, nbviewer);
- ``w.show()``: the live ipywidgets version (sliders, dropdowns) that repaints on change;
- ``w.settings()``: every control at its ends and middle, which the tests sweep;
- ``w.live()``: the object ``show`` uses to turn a setting into new pixels (the tests check
  that its pictures equal a fresh drawing at the same setting, whatever came before).

Optional, for the few widgets that need them: ``rebuild`` (controls whose change needs a new
``setup``, e.g. another graph), ``prepare`` (slow work done once before the first picture) and
``nnlib.widgets.rung`` (axis limits that move in steps, so most moves stay blits). Extreme
settings explain themselves on the plot: ``say(slot, "diverged: ...")`` in ``update``.
"""
import html
from dataclasses import dataclass, field

from ._render import Blitter, encode, explanation, new_figure, show_figure, still


@dataclass
class Widget:
    """Controls plus ``setup`` and ``update``. See the module docstring."""

    setup: callable
    update: callable
    controls: dict = field(default_factory=dict)
    title: str = ""
    figsize: tuple = (8, 3.6)
    fixed: dict = field(default_factory=dict)  # extra keyword arguments for setup (data, model, ...)
    rebuild: tuple = ()  # controls whose change needs a new setup (they are passed to setup too)
    warm: bool = True  # show() draws every sweep setting once first, so no change waits for a full draw
    prepare: callable = None  # slow work show() does once before the first picture

    def __post_init__(self):
        if not (callable(self.setup) and callable(self.update)):
            raise TypeError("Widget needs setup=... and update=... (functions), "
                            f"got setup={self.setup!r}, update={self.update!r}")
        unknown = set(self.rebuild) - set(self.controls)
        if unknown:
            raise TypeError(f"rebuild names controls that do not exist: {sorted(unknown)}; "
                            f"the controls are {sorted(self.controls)}")

    def defaults(self):
        return {k: c.value for k, c in self.controls.items()}

    def build(self, values):
        """A new figure with ``setup`` run for these values: (fig, parts)."""
        fig = new_figure(self.figsize)
        parts = self.setup(fig, **self.fixed, **{k: values[k] for k in self.rebuild})
        if self.title and not fig._suptitle:
            fig.suptitle(self.title, fontsize=11)
        return fig, parts

    def render(self, **params):
        """A new Figure drawn at defaults updated with params, every artist ordinary (not animated)."""
        values = {**self.defaults(), **params}
        fig, parts = self.build(values)
        self.update(parts, **values)
        return still(fig)

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
        """A figure from ``render`` as PNG bytes: one Agg draw (with the layout) and one encode.

        Unlike the notebook's inline display there is no "tight bounding box" pass, so the image
        keeps the same size at every setting and the page does not jump while a slider moves.
        """
        fig.canvas.draw()
        return encode(fig)

    def live(self):
        """The object ``show`` asks for each new picture: ``live().frame(**values)`` -> PNG."""
        return Live(self)

    def show(self):
        """The live version: controls above, the figure below, repainted on every change.

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
                data = explanation(f"This setting cannot be drawn: {err}", self.figsize)
                box.add_class("nnlib-widget-error")  # the browser tests fail on this class
                error.value = html.escape(f"{type(err).__name__}: {err}")
            image.value = data

        if self.warm:
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


class Live:
    """Live pictures for a widget: one figure per value of its ``rebuild`` controls, each blitted.

    A change of a ``rebuild`` control is a new ``setup`` (kept, at most ``keep`` of them, so
    going back is a blit again); any other change is ``update`` and a ``Blitter`` frame.
    """

    def __init__(self, widget, keep=24):
        self.widget = widget
        self.keep = keep
        self.reset()

    def reset(self):
        self.setups = {}  # rebuild key -> (fig, parts, blitter)
        self.current = None  # that triple for the latest frame

    fig = property(lambda self: self.current and self.current[0])
    parts = property(lambda self: self.current and self.current[1])
    full_draws = property(lambda self: sum(b.full_draws for _, _, b in self.setups.values()))

    def warm(self, settings):
        """The widget's ``prepare``, then each setting drawn once (filling the caches), then the first."""
        if self.widget.prepare is not None:
            self.widget.prepare()
        for values in list(settings) + list(settings)[:1]:
            self.frame(**values)

    def frame(self, **values):
        """PNG bytes of the figure at ``values`` (defaults for the rest)."""
        w = self.widget
        values = {**w.defaults(), **values}
        key = tuple(values[k] for k in w.rebuild)
        if key not in self.setups:
            fig, parts = w.build(values)
            self.setups[key] = (fig, parts, Blitter(fig))
        self.setups[key] = self.current = self.setups.pop(key)  # now the most recent
        while len(self.setups) > self.keep:
            self.setups.pop(next(iter(self.setups)))
        fig, parts, blitter = self.current
        w.update(parts, **values)
        blitter.frame()
        return encode(fig)
