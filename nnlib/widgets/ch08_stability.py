"""Chapter 8 widget: scale the logits until the naive cross-entropy breaks.

A small batch of examples has logits z = s * z_base. For each scale s the loss is computed
three ways, in float64 or float32:

- naive: probabilities first (a = 1 / (1 + e^(-z)) or e^z / sum e^z), then -log a;
- clipped: nnlib's own ``BinaryCrossentropy()`` / ``SparseCategoricalCrossentropy()`` given the
  probabilities (computed in the chosen precision): they are clipped to [1e-7, 1 - 1e-7] before
  the log, with Keras's float32 bounds for binary cross-entropy, as in the chapter's table;
- from logits: log-sum-exp, as ``BinaryCrossentropy(from_logits=True)`` computes it.

Each is compared with the exact loss, computed with Python's ``decimal`` module to 50
significant digits (independent of all three), and the relative error is plotted against s.
"""
import functools
from decimal import Decimal, localcontext

import numpy as np
from matplotlib.transforms import offset_copy

from ..losses import BinaryCrossentropy, SparseCategoricalCrossentropy
from ._core import Choice, Slider, Widget, fmt, note_slot, say

ERR_FLOOR = 1e-17  # relative errors below this (including exactly 0) are drawn at the floor

# Binary: four examples, y = 1 or 0, logits z = s * Z_BINARY. The first is confidently right,
# the second confidently wrong, the third wrong, the fourth right.
Y_BINARY = np.array([1.0, 0.0, 1.0, 0.0])
Z_BINARY = np.array([2.0, 1.0, -1.0, -3.0])
# Softmax: two examples over 3 classes with true classes 0 (right) and 2 (wrong).
Y_SOFTMAX = np.array([0, 2])
Z_SOFTMAX = np.array([[2.0, 0.0, -1.0], [2.0, 0.0, -1.0]])

SCALES = np.logspace(-1, 3, 161)
OUTPUTS = ["sigmoid (binary)", "softmax (3 classes)"]
PRECISIONS = ["float64", "float32"]
COLORS = {"naive": "C3", "clipped": "C1", "from logits": "C2"}


# ---- exact values with 50-digit decimals --------------------------------------------------
def _softplus_exact(t):
    """log(1 + e^t) for a float t, as a Decimal computed with 50 significant digits."""
    with localcontext() as ctx:
        ctx.prec = 50
        return (1 + Decimal(float(t)).exp()).ln()


def exact_bce(y, z):
    """The exact binary cross-entropy per example: log(1 + e^(-z)) if y = 1, log(1 + e^z) if y = 0.

    Shapes: y (m,), z (m,) -> (m,) floats (each rounded once from a 50-digit Decimal).
    """
    return np.array([float(_softplus_exact(-zi if yi == 1 else zi)) for yi, zi in zip(y, z)])


def exact_softmax_ce(y, z):
    """The exact -log softmax(z)_y = log(sum_k e^(z_k)) - z_y per example, with 50 digits.

    Shapes: y (m,) integers, z (m, K) -> (m,).
    """
    out = []
    with localcontext() as ctx:
        ctx.prec = 50
        for yi, row in zip(y, z):
            lse = sum(Decimal(float(v)).exp() for v in row).ln()
            out.append(float(lse - Decimal(float(row[yi]))))
    return np.array(out)


# ---- the three ways a program computes it -------------------------------------------------
def naive_bce(y, z, dtype=np.float64):
    """Sigmoid first, then the log: a = 1 / (1 + e^(-z)), L = -(y log a + (1 - y) log(1 - a))."""
    z = np.asarray(z, dtype=dtype)
    y = np.asarray(y, dtype=dtype)
    with np.errstate(all="ignore"):  # we show the inf/NaN on purpose; numpy would warn
        a = dtype(1) / (dtype(1) + np.exp(-z))
        return -(y * np.log(a) + (1 - y) * np.log(1 - a))


def _stable_sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e)).astype(z.dtype)


def clipped_bce(y, z, dtype=np.float64):
    """Probabilities from a (stable) sigmoid, then nnlib's ``BinaryCrossentropy()`` on them.

    That loss clips a to Keras's float32 bounds [1e-7, 1 - 1.19e-7] before the log, so a
    saturated wrong prediction costs 15.94 (y = 0) or 16.12 (y = 1), as in the chapter's table.
    Shapes: y (m,), z (m,) -> (m,).
    """
    z = np.asarray(z, dtype=dtype)
    y = np.asarray(y, dtype=dtype)
    return BinaryCrossentropy().per_example(y[:, None], _stable_sigmoid(z)[:, None])


def logits_bce(y, z, dtype=np.float64):
    """From logits: max(z, 0) - z y + log(1 + e^(-|z|)); no exponent ever exceeds 0."""
    z = np.asarray(z, dtype=dtype)
    y = np.asarray(y, dtype=dtype)
    return np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))


def naive_softmax_ce(y, z, dtype=np.float64):
    """Softmax first, with no max subtracted, then -log a_y."""
    z = np.asarray(z, dtype=dtype)
    with np.errstate(all="ignore"):
        e = np.exp(z)
        a = e / e.sum(axis=-1, keepdims=True)
        return -np.log(a[np.arange(len(y)), y])


def clipped_softmax_ce(y, z, dtype=np.float64):
    """A stable softmax (max subtracted), then nnlib's ``SparseCategoricalCrossentropy()`` on it.

    That loss, like Keras's, clips the probabilities to [1e-7, 1 - 1e-7] and takes the log of
    the clipped values, renormalised over the classes (log a_y - log sum_k a_k).
    Shapes: y (m,) integers, z (m, K) -> (m,).
    """
    z = np.asarray(z, dtype=dtype)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return SparseCategoricalCrossentropy().per_example(np.asarray(y), e / e.sum(axis=-1, keepdims=True))


def logits_softmax_ce(y, z, dtype=np.float64):
    """From logits with log-sum-exp: log(sum_k e^(z_k - c)) + c - z_y, c = max_k z_k."""
    z = np.asarray(z, dtype=dtype)
    c = z.max(axis=-1, keepdims=True)
    lse = np.log(np.exp(z - c).sum(axis=-1)) + c[:, 0]
    return lse - z[np.arange(len(y)), y]


METHODS = {
    "sigmoid (binary)": {"naive": naive_bce, "clipped": clipped_bce, "from logits": logits_bce},
    "softmax (3 classes)": {"naive": naive_softmax_ce, "clipped": clipped_softmax_ce,
                            "from logits": logits_softmax_ce},
}


def batch(output, s):
    """(y, z, exact per-example losses) for the chosen output at scale s."""
    if output == OUTPUTS[0]:
        z = s * Z_BINARY
        return Y_BINARY, z, exact_bce(Y_BINARY, z)
    z = s * Z_SOFTMAX
    return Y_SOFTMAX, z, exact_softmax_ce(Y_SOFTMAX, z)


def losses_at(output, precision, s):
    """{method: per-example losses (float64 array)} and the exact losses, at scale s."""
    dtype = np.float64 if precision == "float64" else np.float32
    y, z, exact = batch(output, s)
    return {k: np.asarray(f(y, z, dtype), dtype=np.float64) for k, f in METHODS[output].items()}, exact


def relative_error(value, exact):
    """|value - exact| / exact for the batch mean; NaN/inf stay NaN/inf (never hidden)."""
    with np.errstate(all="ignore"):
        return np.abs(value - exact) / exact


@functools.lru_cache(maxsize=8)
def curves(output, precision):
    """Relative error of the mean loss of each method on the grid SCALES (cached)."""
    errs = {k: np.empty(len(SCALES)) for k in COLORS}
    for i, s in enumerate(SCALES):
        values, exact = losses_at(output, precision, s)
        for k in COLORS:
            errs[k][i] = relative_error(values[k].mean(), exact.mean())
    return errs


def first_broken(scales, err):
    """The first scale at which err is NaN or inf (None if it never breaks on the grid)."""
    bad = ~np.isfinite(err)
    return float(scales[np.argmax(bad)]) if bad.any() else None


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


def column(ax, chars, rows):
    """A text of TABLE_ROWS lines (the first ones are ``rows``) ``chars`` characters to the right."""
    trans = offset_copy(ax.transAxes, ax.figure, x=chars * 0.62 * 9, units="points")
    t = ax.text(0.0, 1.0, "", family="monospace", fontsize=9, va="top", transform=trans,
                in_layout=False)
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
    curve = {k: ax.plot(SCALES, np.full(len(SCALES), ERR_FLOOR), color=color, lw=2, label=k)[0]
             for k, color in COLORS.items()}
    span = ax.axvspan(SCALES[0], SCALES[-1], color="C3", alpha=0.08, visible=False)
    # on a white box above the marker line, so the line never crosses the words
    broken = ax.text(1, 1e-13, "", color="C3", fontsize=9, va="bottom", in_layout=False, zorder=6,
                     bbox=dict(boxstyle="round,pad=0.2", fc="white", ec="none", alpha=0.85))
    dots = {k: ax.plot([1], [1], "o", color=color, ms=8, mec="k", zorder=5)[0]
            for k, color in COLORS.items()}
    at = ax.axvline(1, color="0.4", ls=":", lw=1)
    ax.set(xscale="log", yscale="log", ylim=(ERR_FLOOR / 3, 30), xlim=(SCALES[0], SCALES[-1]),
           xlabel="scale s of the logits (z = s * z_base)",
           ylabel="relative error of the cost J\n(bottom edge: exactly 0, or below 1e-17)")
    ax.set_yticks([1e-16, 1e-12, 1e-8, 1e-4, 1.0])
    ax.set_xticks([0.1, 1, 10, 100, 1000], ["0.1", "1", "10", "100", "1000"])
    ax.minorticks_off()
    ax.axhline(1.0, color="0.7", lw=0.8)
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
    table = dict(head=column(ax_txt, 0, []), J=column(ax_txt, COL_J, []),
                 err=column(ax_txt, COL_ERR, []))
    slot = note_slot(ax_note)
    slot.set_in_layout(False)
    remark = ax_note.text(0.5, 0.5, "", ha="center", va="center", fontsize=9,
                          transform=ax_note.transAxes, in_layout=False)
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
            msg += ("\nclipped: a probability hit the 1e-7 clip, so J is\n"
                    "capped, and its gradient there is 0.")
    say(p["slot"], None if msg else _explain_break(output, precision, values, scale))
    p["remark"].set_text(msg or "")
    return [*p["curve"].values(), p["span"], p["broken"], *p["dots"].values(), p["at"],
            *p["table"].values(), p["slot"], p["remark"]]


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
