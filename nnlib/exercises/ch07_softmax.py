"""Checks for chapter 7: a numerically stable softmax written by the learner."""
import math

import numpy as np

from ._core import CheckFailed, expect_close, run


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
            return my_softmax(z)

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
                ("the input is left unchanged", unchanged)])
