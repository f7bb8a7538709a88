"""The pattern every chapter widget follows.

A widget is a plain drawing function ``draw(fig, **params)`` plus a description of its
controls. From that one description we get:

- ``w.static()``: the figure at the default setting, shown as a normal cell output so the
  chapter still teaches where no kernel runs (GitHub, nbviewer);
- ``w.show()``: the live ipywidgets version (sliders, dropdowns) that redraws on change;
- ``w.settings()``: every control at its ends and middle, which the tests sweep.

Extreme settings must explain themselves on the plot: call ``note(ax, "diverged: ...")``
instead of leaving a blank axis or a NaN.
"""
import math
from dataclasses import dataclass, field

import matplotlib.pyplot as plt


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
    """A drawing function and its controls. See the module docstring."""

    draw: callable
    controls: dict
    title: str = ""
    figsize: tuple = (8, 3.6)
    fixed: dict = field(default_factory=dict)  # extra keyword arguments (data, model, ...)

    def defaults(self):
        return {k: c.value for k, c in self.controls.items()}

    def render(self, **params):
        """A new Figure drawn at defaults updated with params (used by static, show and tests)."""
        values = {**self.defaults(), **params}
        fig = plt.figure(figsize=self.figsize, layout="constrained")
        self.draw(fig, **self.fixed, **values)
        if self.title and not fig._suptitle:
            fig.suptitle(self.title, fontsize=11)
        return fig

    def static(self, **params):
        """Draw at the default setting and display it as an ordinary image output."""
        from IPython.display import display

        fig = self.render(**params)
        display(fig)
        plt.close(fig)

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
        import io

        import numpy as np
        from PIL import Image

        fig.canvas.draw()
        rgba = np.asarray(fig.canvas.buffer_rgba())
        buf = io.BytesIO()
        Image.fromarray(rgba[..., :3]).save(buf, format="png")
        return buf.getvalue()

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

        def picture(draw):
            fig = None
            try:
                fig = draw()
                return self.png(fig)
            finally:
                if fig is not None:
                    plt.close(fig)

        def explain(err):
            fig = plt.figure(figsize=self.figsize, layout="constrained")
            note(fig.add_subplot(), f"This setting cannot be drawn: {err}")
            return fig

        def redraw(change=None):
            values = {k: w.value for k, w in ctrls.items()}
            try:
                data = picture(lambda: self.render(**values))
            except Exception as err:  # never a traceback in front of a learner
                data = picture(lambda: explain(err))
            image.value = data

        for w in ctrls.values():
            w.observe(redraw, names="value")
        redraw()
        box = W.VBox([W.HBox(list(ctrls.values()), layout=W.Layout(flex_flow="row wrap")), image])
        box.add_class("nnlib-widget")
        display(box)
        return box
