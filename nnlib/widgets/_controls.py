"""The controls a widget declares: sliders, dropdowns and checkboxes (ipywidgets made on demand)."""
import math
from dataclasses import dataclass


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
