"""Checks for chapter 7: a numerically stable softmax written by the learner."""
import math

import numpy as np

from ._core import CheckFailed, expect_close, expect_done, run
from .quiz import Question


def _softmax_row(row):
    # by the formula, in plain Python floats, for rows whose logits are small enough
    e = [math.exp(v) for v in row]
    s = sum(e)
    return [v / s for v in e]


def _rows_sum_to_one(out, z):
    if out.shape == z.shape and np.all(np.isfinite(out)) and not np.allclose(out.sum(axis=1), 1.0):
        raise CheckFailed(f"each row must sum to 1 (one example = one probability distribution); your "
                          f"row sums are {np.round(out.sum(axis=1), 4).tolist()}. Normalise over the "
                          f"classes of each example: np.sum(e, axis=1, keepdims=True), not over all "
                          f"entries or over axis=0 (the examples).")


def check_softmax(my_softmax):
    """my_softmax(z) for z of shape (m, n) must return a_ij = e^(z_ij) / sum_k e^(z_ik), row by row,
    without overflow for logits as large as 1000 and without changing z."""

    def call(z):
        with np.errstate(all="ignore"):  # a learner's overflow shows as NaN in the message, not as warnings
            return expect_done(my_softmax(z))

    def one_row():
        z = np.array([[1.0, 2.0, 3.0, 4.0]])
        out = np.asarray(call(z), dtype=float)
        _rows_sum_to_one(out, z)
        expect_close("my_softmax([[1, 2, 3, 4]])", out, [_softmax_row([1.0, 2.0, 3.0, 4.0])],
                     hint="a_j = e^(z_j) / sum_k e^(z_k).")

    def rows():
        z = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0], [-1.0, 0.0, 1.0], [5.0, -2.0, 0.5]])
        out = np.asarray(call(z), dtype=float)
        _rows_sum_to_one(out, z)
        expect_close("my_softmax on 4 examples of 3 logits", out, [_softmax_row(r) for r in z.tolist()],
                     hint="apply the formula to each row (example) separately.")

    def huge():
        z = np.array([[1000.0, 1001.0, 1002.0], [-1000.0, -1001.0, -1002.0]])
        # softmax(z) = softmax(z - c) for any c per row, so these equal the small rows:
        expected = [_softmax_row([0.0, 1.0, 2.0]), _softmax_row([0.0, -1.0, -2.0])]
        out = np.asarray(call(z), dtype=float)
        if (out.shape == z.shape and np.allclose(out[0], expected[0])
                and not np.all(np.isfinite(out[1]))):
            raise CheckFailed("the first row is right but the second is NaN: you subtracted the maximum "
                              "of the whole array (1002), so the second row became e^-2002 / e^-2002 = "
                              "0/0. Subtract the maximum of EACH ROW: np.max(z, axis=1, keepdims=True).")
        expect_close("my_softmax([[1000, 1001, 1002], [-1000, -1001, -1002]])", out, expected,
                     hint="e^1000 overflows to inf (and e^-1000 underflows to 0, giving 0/0). Subtract "
                          "each row's largest logit first: it cancels in the fraction, and every "
                          "exponent becomes <= 0.")

    def per_row_max():
        z = np.array([[1000.0, 1000.0], [-1000.0, -999.0]])
        expected = [[0.5, 0.5], _softmax_row([0.0, 1.0])]
        expect_close("my_softmax([[1000, 1000], [-1000, -999]])", call(z), expected,
                     hint="subtract the maximum of EACH ROW (np.max(z, axis=1, keepdims=True)); with the "
                          "maximum of the whole array the second row becomes e^-2000 / e^-2000 = 0/0.")

    def unchanged():
        z = np.array([[3.0, 1.0, -2.0], [0.5, 0.5, 4.0]])
        before = z.copy()
        call(z)
        if not np.array_equal(z, before):
            raise CheckFailed("my_softmax changed its input z (for example with z -= z.max()). Write "
                              "z = z - np.max(...) so the caller's logits stay as they were.")

    return run([("one example", one_row), ("several examples, row by row", rows),
                ("huge logits", huge), ("each row's own maximum", per_row_max),
                ("the input is left unchanged", unchanged)],
               my_softmax, "subtract each row's largest logit, exponentiate, and divide by the row's sum")


QUIZ = [
    Question("The logits are $z = (1, 2, 3, 4)$ and $a_4 = 0.644$. Now add 100 to every logit. "
             "What is $a_4$?", answer=0.644, rel_tol=0.01,
             why="$e^{z_j + c} = e^c e^{z_j}$, and $e^c$ cancels between numerator and denominator: "
                 "adding the same constant to every logit changes no probability."),
    Question("All four logits are equal. What is the loss $-\\log a_y$ (natural log), whatever the true "
             "class $y$?", answer=1.386, rel_tol=0.01,
             why="every class gets $a_j = 1/4$, so the loss is $\\log 4 = 1.386$, as the widget shows."),
    Question("Logit $z_j$ is 1 larger than logit $z_k$. By what factor is $a_j$ larger than $a_k$?",
             answer=2.718, rel_tol=0.01,
             why="$a_j / a_k = e^{z_j} / e^{z_k} = e^{z_j - z_k} = e^1 \\approx 2.718$ (the sum cancels): "
                 "in the course's example $a_4 / a_3 = 0.644 / 0.237$."),
    Question("With $N = 2$ classes and logits $z_1, z_2$, softmax gives $a_1 = $ ...",
             options=["$\\sigma(z_1)$, the sigmoid of $z_1$", "$\\sigma(z_1 - z_2)$", "$z_1 / (z_1 + z_2)$",
                      "$1/2$ whatever the logits"], answer=1,
             why="divide numerator and denominator by $e^{z_1}$: $a_1 = 1/(1 + e^{-(z_1 - z_2)})$. "
                 "Softmax regression with two classes is logistic regression on $z_1 - z_2$.",
             wrong={0: "that forgets $z_2$: every $a_j$ depends on all the logits",
                    2: "softmax exponentiates the logits before dividing; and logits can be negative",
                    3: "only when $z_1 = z_2$"}),
    Question("A softmax network for the digits 0–9 gets labels `y` of shape $(m,)$ holding integers "
             "0..9. Which loss fits these labels?",
             options=["`SparseCategoricalCrossentropy()`", "`CategoricalCrossentropy()`",
                      "`BinaryCrossentropy()`"], answer=0,
             why="integer labels are the 'sparse' form; `CategoricalCrossentropy` wants one-hot (or "
                 "any probability) rows of shape $(m, 10)$.",
             wrong={1: "it expects rows of shape $(m, 10)$, e.g. `np.eye(10)[y]`; given $(m,)$ integers, "
                       "nnlib and Keras stop with an error about the shapes (ranks)",
                    2: "that is for one yes/no output per unit (sigmoid), not one class out of 10"}),
]
