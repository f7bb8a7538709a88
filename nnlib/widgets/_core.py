"""TEMPORARY during the move to _render/_widget (issue 12): deleted when every chapter imports the new modules."""
from ._controls import Choice, Slider, Toggle  # noqa: F401
from ._notes import fmt, note, note_slot, notes, rung, say  # noqa: F401
from ._render import DPI, encode, new_figure, show_figure  # noqa: F401
from ._widget import Live, Widget  # noqa: F401
