"""Checks for chapter 8: binary cross-entropy from logits, and log-sum-exp, both stable.

Expected values are computed with Python's ``decimal`` module to 50 significant digits, so
they depend neither on the learner's code nor on float64 round-off.
"""
from decimal import Decimal, localcontext

import numpy as np

from ._core import CheckFailed, expect_close, run


def _exact_softplus(t):
    """log(1 + e^t), rounded once to a float from 50-digit arithmetic."""
    with localcontext() as ctx:
        ctx.prec = 50
        return float((1 + Decimal(float(t)).exp()).ln())


def _exact_logsumexp(row):
    with localcontext() as ctx:
        ctx.prec = 50
        return float(sum(Decimal(float(v)).exp() for v in row).ln())


def _exact_bce(y, z):
    # y = 1: -log sigmoid(z) = log(1 + e^-z);  y = 0: -log(1 - sigmoid(z)) = log(1 + e^z)
    return np.array([_exact_softplus(-zi if yi == 1 else zi) for yi, zi in zip(y, z)])


def _call(fn, *args):
    with np.errstate(all="ignore"):  # a naive answer's overflow is reported by the check, not warned
        return np.asarray(fn(*args), dtype=float)


def check_bce_from_logits(my_bce_from_logits):
    """my_bce_from_logits(y, z) must return the per-example losses -(y log g(z) + (1-y) log(1-g(z))).

    Shapes: y (m,) of 0/1, z (m,) logits -> (m,). It must stay exact for z = +-1000.
    """
    def shape():
        out = _call(my_bce_from_logits, np.array([1.0, 0.0, 1.0]), np.array([0.5, -0.5, 2.0]))
        if out.shape != (3,):
            raise CheckFailed(f"for m = 3 examples expected one loss each, shape (3,); received shape "
                              f"{out.shape}. Return the per-example losses, not their mean.")

    def moderate():
        y = np.array([1.0, 0.0, 1.0, 0.0, 1.0])
        z = np.array([2.0, 2.0, -3.0, -0.5, 0.0])
        expect_close("my_bce_from_logits(y, z) for |z| <= 3", _call(my_bce_from_logits, y, z),
                     _exact_bce(y, z), atol=1e-9,
                     hint="For y = 1 the loss is log(1 + e^(-z)); for y = 0 it is log(1 + e^z). "
                          "Check the sign of z in each.")

    def finite(y, z, out):
        if out.shape == y.shape and not np.all(np.isfinite(out)):
            bad = [f"(y={yi:g}, z={zi:g}) -> {oi}" for yi, zi, oi in zip(y, z, out) if not np.isfinite(oi)]
            raise CheckFailed(
                f"not a number for {', '.join(bad)}. Computing sigmoid(z) first rounds it to exactly "
                f"0 or 1 (1 - sigmoid(40) is 0 in float64), and e^(+1000) overflows. Use "
                f"max(z, 0) - z*y + log(1 + e^(-|z|)) (np.log1p(np.exp(-np.abs(z)))): no exponent "
                f"above 0 ever appears.")

    def middle():
        # z = 40: sigmoid(40) rounds to 1.0 in float64, so 1 - a = 0; the loss is 40 + 4e-18.
        y = np.array([0.0, 1.0, 0.0])
        z = np.array([40.0, -40.0, 25.0])
        out = _call(my_bce_from_logits, y, z)
        finite(y, z, out)
        expect_close("my_bce_from_logits(y, z) for z = 40, -40, 25", out, _exact_bce(y, z), atol=1e-9,
                     hint="Do not compute 1 - sigmoid(z) or clip probabilities: for z = 40, "
                          "1 - sigmoid(z) is exactly 0 in float64. Work with z directly.")

    def huge():
        y = np.array([1.0, 0.0, 1.0, 0.0])
        z = np.array([1000.0, 1000.0, -1000.0, -1000.0])
        out = _call(my_bce_from_logits, y, z)
        finite(y, z, out)
        expect_close("my_bce_from_logits(y, z) for z = +-1000", out, _exact_bce(y, z), atol=1e-9,
                     hint="The exact losses are [0, 1000, 1000, 0] (to 1e-434).")

    return run([("shape", shape), ("moderate logits", moderate),
                ("logits where 1 - sigmoid(z) rounds to 0", middle), ("logits of +-1000", huge)])


def check_logsumexp(my_logsumexp):
    """my_logsumexp(z) must return log(sum_k e^(z_k)) per row, stable for logits of size 1000.

    Shapes: z (m, K) -> (m,).
    """
    def small():
        z = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0], [-1.0, 5.0, 2.0]])
        out = _call(my_logsumexp, z)
        if out.shape != (3,):
            raise CheckFailed(f"z has shape (3, 3): one result per row, shape (3,); received "
                              f"{out.shape}. Sum over axis=-1 (the classes), not over everything.")
        expect_close("my_logsumexp(z) for small z", out, [_exact_logsumexp(r) for r in z], atol=1e-9,
                     hint="log(sum_k e^(z_k)); for the row [0, 0, 0] that is log 3 = 1.0986.")

    def huge():
        z = np.array([[1000.0, 999.0, 0.0], [-1000.0, -1001.0, -1002.0]])
        out = _call(my_logsumexp, z)
        if out.shape == (2,) and not np.all(np.isfinite(out)):
            raise CheckFailed(
                f"received {out.tolist()} for rows [1000, 999, 0] and [-1000, -1001, -1002]: e^1000 "
                f"overflows to inf and e^(-1000) underflows to 0. Subtract c = max_k z_k first: "
                f"log(sum_k e^(z_k - c)) + c.")
        expect_close("my_logsumexp(z) for z near +-1000", out, [_exact_logsumexp(r) for r in z],
                     atol=1e-9, hint="After subtracting c = max_k z_k, add c back at the end.")

    return run([("small logits", small), ("logits near +-1000", huge)])
