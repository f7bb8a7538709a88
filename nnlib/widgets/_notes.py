"""Words on the picture: explanations for extreme settings, numbers spelled for people, axis ladders."""
import math


def note(ax, text, color="#b00020"):
    """Write an explanation on the plot (for extreme settings) and mark the figure as explained."""
    ax.text(0.5, 0.5, text, transform=ax.transAxes, ha="center", va="center", fontsize=11,
            color=color, wrap=True, bbox=dict(boxstyle="round", fc="white", ec=color, alpha=0.9),
            zorder=100)
    fig = ax.figure
    fig._nnlib_notes = getattr(fig, "_nnlib_notes", []) + [text]


def note_slot(ax, color="#b00020"):
    """An explanation box for ``update`` to fill: hidden until ``say(slot, text)``.

    Make it in ``setup``; it is animated (it changes with the setting), like every artist
    ``update`` changes.
    """
    slot = ax.text(0.5, 0.5, "", transform=ax.transAxes, ha="center", va="center", fontsize=11,
                   color=color, wrap=True, visible=False, zorder=100, animated=True,
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
