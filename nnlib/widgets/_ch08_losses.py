"""Chapter 8's numbers: a cross-entropy computed three ways, against its exact value.

For logits z = s * z_base on a small batch, in float64 or float32:

- naive: probabilities first (a = 1 / (1 + e^(-z)) or e^z / sum e^z), then -log a;
- clipped: nnlib's own ``BinaryCrossentropy()`` / ``SparseCategoricalCrossentropy()`` given the
  probabilities (computed in the chosen precision): they are clipped to [EPSILON, 1 - EPSILON]
  (``nnlib.losses.EPSILON``) before the log, with Keras's float32 bounds for binary
  cross-entropy, as in the chapter's table;
- from logits: log-sum-exp, as ``BinaryCrossentropy(from_logits=True)`` computes it.

The exact loss is computed with Python's ``decimal`` module to 50 significant digits
(independent of all three). ``ch08_stability`` draws the relative errors; the chapter imports
these names from there.
"""
import functools
from decimal import Decimal, localcontext

import numpy as np

from ..losses import BinaryCrossentropy, SparseCategoricalCrossentropy

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
METHOD_NAMES = ("naive", "clipped", "from logits")


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

    That loss clips a to Keras's float32 bounds [EPSILON, 1 - 1.19e-7] before the log, so a
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

    That loss, like Keras's, clips the probabilities to [EPSILON, 1 - EPSILON] and takes the log of
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
    errs = {k: np.empty(len(SCALES)) for k in METHOD_NAMES}
    for i, s in enumerate(SCALES):
        values, exact = losses_at(output, precision, s)
        for k in METHOD_NAMES:
            errs[k][i] = relative_error(values[k].mean(), exact.mean())
    return errs


def first_broken(scales, err):
    """The first scale at which err is NaN or inf (None if it never breaks on the grid)."""
    bad = ~np.isfinite(err)
    return float(scales[np.argmax(bad)]) if bad.any() else None
