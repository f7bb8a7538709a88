"""Interactive figures for the chapters (matplotlib and ipywidgets are imported only here).

One module per chapter, ``nnlib.widgets.chNN_topic``; each module-level ``Widget`` object is
one control panel. ``all_widgets()`` finds them all, so the tests sweep every one. How to
write one: ``_widget.py`` (the pattern) and CONTRIBUTING.md.
"""
import importlib
import pkgutil

from ._controls import Choice, Slider, Toggle
from ._notes import fmt, note, note_slot, notes, rung, say
from ._widget import Widget

__all__ = ["Widget", "Slider", "Choice", "Toggle", "note", "note_slot", "say", "notes", "fmt", "rung",
           "all_widgets"]


def all_widgets():
    """{"chNN_module.name": Widget} for every Widget defined in a chapter module."""
    found = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("ch"):
            mod = importlib.import_module(f"{__name__}.{info.name}")
            for attr, obj in vars(mod).items():
                if isinstance(obj, Widget):
                    found[f"{info.name}.{attr}"] = obj
    return found
