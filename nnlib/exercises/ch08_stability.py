"""Checks for chapter 8: binary cross-entropy from logits, and log-sum-exp, both stable.

Expected values are computed with Python's ``decimal`` module to 50 significant digits, so
they depend neither on the learner's code nor on float64 round-off.
"""
from decimal import Decimal, localcontext

import numpy as np

from ._core import CheckFailed, expect_close, expect_done, run
from .quiz import Question


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
        return np.asarray(expect_done(fn(*args)), dtype=float)


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
                ("logits where 1 - sigmoid(z) rounds to 0", middle), ("logits of +-1000", huge)],
               my_bce_from_logits, "compute the per-example loss from z without ever forming sigmoid(z)")


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

    return run([("small logits", small), ("logits near +-1000", huge)], my_logsumexp,
               "subtract each row's largest logit c, sum the exponentials, take the log, add c back")


QUIZ = [
    Question("In float64, from which logit $z$ on does the naive binary cross-entropy (label $y = 0$: "
             "$a = g(z)$ first, then $-\\log(1 - a)$) print `inf`? Give the whole number the table "
             "shows.", answer=37, rel_tol=0.01,
             why="once $e^{-z} < 1.1 \\times 10^{-16}$ ($z > 36.7$), $g(z)$ rounds to exactly 1.0, so "
                 "$1 - a = 0$ and $-\\log 0 = \\infty$; at $z = 36$ it is still finite, with wrong digits."),
    Question("`BinaryCrossentropy()` receives the *probability* $g(-1000)$ for an example with label 1. "
             "What loss does it return? (The exact loss is 1000.)", answer=16.118, rel_tol=0.005,
             why="the probability (0 in float64) is clipped up to $10^{-7}$, so the loss is "
                 "$-\\log 10^{-7} = 16.118$: finite but wrong by a factor of about 62 (1000 / 16.12; the "
                 "table's $y = 0$ case, 15.94, is off by about 63), and its gradient there is 0."),
    Question("What is $\\log(e^{1000} + e^{1000})$? (log-sum-exp by hand: subtract the largest logit first)",
             answer=1000.693, rel_tol=5e-6,
             why="$c = 1000$: $c + \\log(e^0 + e^0) = 1000 + \\log 2 = 1000.693$, with no $e^{1000}$ ever formed."),
    Question("In the course's improved implementation (last layer `Dense(1, activation=\"linear\")`, "
             "`BinaryCrossentropy(from_logits=True)`), what does `model.predict(x)` return?",
             options=["the probabilities $g(z)$", "the logits $z$: apply a sigmoid to get probabilities",
                      "the labels 0 or 1", "the loss of each example"], answer=1,
             why="the output layer is linear, so it outputs $z$; the sigmoid now lives inside the loss, and "
                 "you apply it yourself at prediction time.",
             wrong={0: "that was the old version with a sigmoid output layer",
                    2: "no layer thresholds; compare $z$ with 0 (or $g(z)$ with 0.5) yourself"}),
    Question("On the TensorFlow backend, in which case does Keras still compute `BinaryCrossentropy()` "
             "from the logits inside `fit`?",
             options=["`Dense(1, activation=\"sigmoid\")` with the default settings",
                      "`Dense(1, activation=tf.nn.sigmoid)` with `run_eagerly=True`",
                      "a `mixed_float16` policy", "the loss called on `model.predict(x)`'s numpy output"],
             answer=0,
             why="Keras's own sigmoid tags its output with the logits (`_keras_logits`) and the loss uses "
                 "them; in the chapter that case gave the exact 520.",
             wrong={1: "tf.nn.sigmoid attaches no logits; only a traced graph lets Keras find the Sigmoid op, "
                       "and run_eagerly=True has none: the chapter got 16.03",
                    2: "the float16 output is cast to float32 before the loss, a new tensor without the logits: 16.03",
                    3: "numpy arrays carry no logits: the clipped 16.03"}),
]
