"""Interactive figures for the chapters (matplotlib and ipywidgets are imported only here).

One module per chapter, ``nnlib.widgets.chNN_topic``; each module-level ``Widget`` object is
one control panel. ``all_widgets()`` finds them all, so the tests sweep every one.
"""
import importlib
import pkgutil

from ._core import Choice, Slider, Toggle, Widget, fmt, note, note_slot, notes, say

__all__ = ["Widget", "Slider", "Choice", "Toggle", "note", "note_slot", "say", "notes", "fmt",
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
