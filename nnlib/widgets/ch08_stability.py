"""Chapter 8 widget: scale the logits until the naive cross-entropy breaks.

A small batch of examples has logits z = s * z_base. For each scale s the loss is computed
three ways (naive, clipped, from logits; ``_ch08_losses`` computes them), in float64 or
float32, each is compared with the exact loss (50-digit decimals), and the relative error
is plotted against s.
"""
import math

import numpy as np
from matplotlib.transforms import offset_copy

from ..losses import EPSILON
from . import Choice, Slider, Widget, fmt, note_slot, say
from ._ch08_losses import (METHOD_NAMES, OUTPUTS, PRECISIONS, SCALES, Y_BINARY, Y_SOFTMAX,  # noqa: F401
                           Z_BINARY, Z_SOFTMAX, batch, clipped_bce, clipped_softmax_ce, curves,
                           exact_bce, exact_softmax_ce, first_broken, logits_bce, logits_softmax_ce,
                           losses_at, naive_bce, naive_softmax_ce, relative_error)

ERR_FLOOR = 1e-17  # relative errors below this (including exactly 0) are drawn at the floor
COLORS = dict(zip(METHOD_NAMES, ("C3", "C1", "C2")))
CLIP = f"1e{round(math.log10(EPSILON))}"  # the clip as the chapter writes it: "1e-7"

def _explain_break(output, precision, values, scale):
    """A short, line-broken explanation of the naive loss's inf/NaN at this setting, naming the
    examples (numbered from 1, as in the batch line above) where each failure happens."""
    naive = values["naive"]

    def which(bad):
        ks = [str(k + 1) for k in np.flatnonzero(bad)]
        return ("example " if len(ks) == 1 else "examples ") + " and ".join(ks)

    nan, inf = np.isnan(naive), np.isinf(naive)
    kind = "NaN" if nan.any() else "inf"
    if output == OUTPUTS[0]:
        dtype = np.float64 if precision == "float64" else np.float32
        y, z, _ = batch(output, scale)
        with np.errstate(all="ignore"):
            a = dtype(1) / (dtype(1) + np.exp(-np.asarray(z, dtype=dtype)))
        why = [f"The naive J is {kind}: in {precision} sigmoid(z) rounds",
               "to exactly 1.0 or 0.0, and log 0 = -inf."]
        cases = [((a == 1) & (y == 1), "(a = 1, y = 1): 0 * log(1 - a) = NaN."),
                 ((a == 1) & (y == 0), "(a = 1, y = 0): -log(1 - a) = -log 0 = inf."),
                 ((a == 0) & (y == 0), "(a = 0, y = 0): y log a = 0 * log 0 = NaN."),
                 ((a == 0) & (y == 1), "(a = 0, y = 1): -log a = -log 0 = inf.")]
        why += [f"{which(m & ~np.isfinite(naive)).capitalize()} {text}" for m, text in cases
                if (m & ~np.isfinite(naive)).any()]
        return "\n".join(why)
    big = "709" if precision == "float64" else "88.7"
    why = [f"The naive J is {kind}."]
    if nan.any():
        why.append(f"{which(nan).capitalize()}: e^z overflows to inf once z > {big},\n"
                   "and the probability inf / inf = NaN.")
    if inf.any():
        why.append(f"{which(inf).capitalize()}: the true class's probability\n"
                   "e^(z_y) / sum_k e^(z_k) underflows to 0,\nand -log 0 = inf.")
    return "\n".join(why)


# The table of numbers: monospace columns of TABLE_ROWS lines each, starting COL_J and COL_ERR
# characters (of 9-point DejaVu Sans Mono, rounded up for hinting) right of the row names.
TABLE_ROWS = 9
COL_J, COL_ERR = 13, 31
ROW_NAMES = ["exact", *COLORS]


def column(ax, chars, rows, animated=False):
    """A text of TABLE_ROWS lines (the first ones are ``rows``) ``chars`` characters to the right."""
    trans = offset_copy(ax.transAxes, ax.figure, x=chars * 0.62 * 9, units="points")
    t = ax.text(0.0, 1.0, "", family="monospace", fontsize=9, va="top", transform=trans,
                in_layout=False, animated=animated)
    return set_rows(t, rows)


def set_rows(text, rows):
    """Fill a table column; every column has TABLE_ROWS lines so that their rows line up."""
    text.set_text("\n".join(list(rows) + [""] * (TABLE_ROWS - len(rows))))
    return text


def setup_stability(fig):
    """The error-against-scale axes (fixed limits, legend, the 100 % line) and empty artists:
    the three curves, the span where naive is inf or NaN, the markers at the chosen s,
    the table of numbers and the explanation below it."""
    gs = fig.add_gridspec(2, 2, width_ratios=[1, 1], height_ratios=[1, 1])
    ax = fig.add_subplot(gs[:, 0])
    ax_txt = fig.add_subplot(gs[0, 1])
    ax_note = fig.add_subplot(gs[1, 1])
    for a in (ax_txt, ax_note):
        a.axis("off")

    for out in OUTPUTS:  # compute all four sets of curves now, so that no change waits for them
        for prec in PRECISIONS:
            curves(out, prec)
    curve = {k: ax.plot(SCALES, np.full(len(SCALES), ERR_FLOOR), color=color, lw=2, label=k,
                        animated=True)[0]
             for k, color in COLORS.items()}
    span = ax.axvspan(SCALES[0], SCALES[-1], color="C3", alpha=0.08, visible=False, animated=True)
    # on a white box above the marker line, so the line never crosses the words
    broken = ax.text(1, 1e-13, "", color="C3", fontsize=9, va="bottom", in_layout=False, zorder=6,
                     bbox=dict(boxstyle="round,pad=0.2", fc="white", ec="none", alpha=0.85),
                     animated=True)
    dots = {k: ax.plot([1], [1], "o", color=color, ms=8, mec="k", zorder=5, animated=True)[0]
            for k, color in COLORS.items()}
    at = ax.axvline(1, color="0.4", ls=":", lw=1, animated=True)
    ax.set(xscale="log", yscale="log", ylim=(ERR_FLOOR / 3, 30), xlim=(SCALES[0], SCALES[-1]),
           xlabel="scale s of the logits (z = s * z_base)",
           ylabel="relative error of the cost J\n(bottom edge: exactly 0, or below 1e-17)")
    ax.set_yticks([1e-16, 1e-12, 1e-8, 1e-4, 1.0])
    ax.set_xticks([0.1, 1, 10, 100, 1000], ["0.1", "1", "10", "100", "1000"])
    ax.minorticks_off()
    ax.axhline(1.0, color="0.7", lw=0.8, animated=True)  # fixed, but drawn over the curves
    ax.text(SCALES[0] * 1.2, 1.3, "100 % wrong", fontsize=9, color="0.4")
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=3, fontsize=9, frameon=False)

    # the numbers at the chosen scale: a table whose row names and column heads are fixed and
    # whose numbers change (fewer letters to repaint: each one costs time), then what they mean
    batches = [f"sigmoid batch: z_base = {Z_BINARY.astype(int).tolist()}, "
               f"y = {Y_BINARY.astype(int).tolist()}",
               f"softmax batch: z_base = {Z_SOFTMAX[0].astype(int).tolist()} twice, "
               f"y = {Y_SOFTMAX.tolist()}"]
    column(ax_txt, 0, ["", *batches, "", "", *ROW_NAMES])
    column(ax_txt, COL_J, [""] * 4 + ["cost J"])
    column(ax_txt, COL_ERR, [""] * 4 + ["rel. error"])
    table = dict(head=column(ax_txt, 0, [], True), J=column(ax_txt, COL_J, [], True),
                 err=column(ax_txt, COL_ERR, [], True))
    slot = note_slot(ax_note)
    slot.set_in_layout(False)
    remark = ax_note.text(0.5, 0.5, "", ha="center", va="center", fontsize=9,
                          transform=ax_note.transAxes, in_layout=False, animated=True)
    return dict(curve=curve, span=span, broken=broken, dots=dots, at=at, table=table, slot=slot,
                remark=remark)


def update_stability(p, scale, output, precision):
    """Left: relative error of each method against s, and at the chosen s. Right: the numbers."""
    errs = curves(output, precision)
    for k in COLORS:
        e = errs[k]
        p["curve"][k].set_ydata(np.where(np.isfinite(e), np.maximum(e, ERR_FLOOR), np.nan))
    s_bad = first_broken(SCALES, errs["naive"])
    p["span"].set_visible(s_bad is not None)
    p["broken"].set_visible(s_bad is not None)
    if s_bad is not None:
        p["span"].set_x(s_bad)
        p["span"].set_width(SCALES[-1] - s_bad)
        right = s_bad > 60
        p["broken"].set_x(s_bad / 1.15 if right else s_bad * 1.15)
        p["broken"].set_horizontalalignment("right" if right else "left")
        p["broken"].set_text("from here on the\nnaive J is infinite\nor not a number\n(curve ends)"
                             + (" →" if right else ""))

    values, exact = losses_at(output, precision, scale)
    J_exact = exact.mean()
    for k in COLORS:
        e = relative_error(values[k].mean(), J_exact)
        p["dots"][k].set_visible(bool(np.isfinite(e)))
        p["dots"][k].set_data([scale], [max(e, ERR_FLOOR) if np.isfinite(e) else ERR_FLOOR])
    p["at"].set_xdata([scale, scale])

    Js = [float(J_exact)] + [float(values[k].mean()) for k in COLORS]
    errs_now = [float(relative_error(J, J_exact)) for J in Js[1:]]
    set_rows(p["table"]["head"], [f"{output}, {precision}, s = {fmt(float(scale))}"])
    set_rows(p["table"]["J"], [""] * 5 + [fmt(J, 12) for J in Js])
    set_rows(p["table"]["err"], [""] * 6 + [fmt(e, 2) if np.isfinite(J) else ""
                                            for J, e in zip(Js[1:], errs_now)])

    naive = values["naive"]
    msg = None
    if np.all(np.isfinite(naive)):
        e = float(relative_error(naive.mean(), J_exact))
        clipped_bad = float(relative_error(values["clipped"].mean(), J_exact)) > 1e-3
        msg = f"naive is still finite: about {-np.log10(max(e, ERR_FLOOR)):.0f} correct digits."
        if clipped_bad:
            msg += (f"\nclipped: a probability hit the {CLIP} clip, so J is\n"
                    "capped, and its gradient there is 0.")
    say(p["slot"], None if msg else _explain_break(output, precision, values, scale))
    p["remark"].set_text(msg or "")


stability_widget = Widget(
    setup=setup_stability,
    update=update_stability,
    controls={
        "scale": Slider(0.1, 1000.0, 20.0, step=0.05, log=True, description="scale s of the logits"),
        "output": Choice(OUTPUTS, value=OUTPUTS[0], description="output"),
        "precision": Choice(PRECISIONS, value="float64", description="precision"),
    },
    title="Probabilities first, then log (naive) vs straight from the logits",
    figsize=(10, 4.2),
)
