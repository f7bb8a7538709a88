"""Checks for chapter 2: the vectorized dense layer, in the row and in the column convention.

Expected values come from nnlib.dense_loop (unit by unit, one example at a time): a different
path from the learner's matrix product.
"""
import numpy as np

from ..activations import relu, sigmoid
from ..forward import dense_loop
from ._core import CheckFailed, expect_close, run


def _loop_rows(A, W, b, g):
    """Reference: dense_loop on every row (example) of A. Shapes: (m, n_in) -> (m, n_out)."""
    return np.array([dense_loop(a, W, b, g) for a in A])


def _diagnose(received, wrong_versions):
    """A tailored hint when the received array equals a known wrong version."""
    try:
        r = np.asarray(received, dtype=float)
    except (TypeError, ValueError):
        return ""
    for arr, hint in wrong_versions:
        if r.shape == arr.shape and np.allclose(r, arr, atol=1e-9):
            return hint
    return ""


def check_dense(my_dense):
    """my_dense(A_in, W, b, g) must return g(A_in @ W + b) for m examples in rows.

    Shapes: A_in (m, n^[l-1]), W (n^[l-1], n^[l]), b (n^[l],) -> (m, n^[l]).
    """
    rng = np.random.default_rng(20)
    A = rng.normal(size=(5, 4))
    W = rng.normal(size=(4, 3))
    b = np.array([0.5, -1.0, 2.0])

    def batch():
        out = my_dense(A, W, b, sigmoid)
        expected = _loop_rows(A, W, b, sigmoid)
        shape = np.shape(out)
        if shape == (3, 5):
            raise CheckFailed("A_in has 5 examples in rows and the layer has 3 units, so A_out has shape "
                              "(5, 3) = (m, n^[l]); received (3, 5), the transpose. In the row "
                              "convention Z = A_in @ W + b (examples stay in rows).")
        hint = _diagnose(out, [
            (sigmoid(A @ W), "You left out b: Z = A_in @ W + b."),
            (A @ W + b, "You returned Z: apply the activation, A_out = g(Z)."),
            (sigmoid(A @ W) + b, "You added b after g: the bias goes inside, g(A_in @ W + b)."),
        ])
        expect_close("my_dense(A_in (5, 4), W (4, 3), b (3,), sigmoid)", out, expected,
                     hint=hint or "Each row i should be g(A_in[i] @ W + b): the matrix product "
                                  "np.matmul(A_in, W) (or A_in @ W), then + b, then g.")

    def uses_g():
        out = my_dense(A, W, b, relu)
        hint = _diagnose(out, [(sigmoid(A @ W + b), "You always used sigmoid: call the g that was passed in.")])
        expect_close("my_dense(..., g=relu)", out, _loop_rows(A, W, b, relu),
                     hint=hint or "Apply the function g given as the 4th argument.")

    def one_example():
        a = A[:1]  # shape (1, 4): one example is still a matrix with one row
        expect_close("my_dense(A_in of shape (1, 4), ...)", my_dense(a, W, b, sigmoid),
                     _loop_rows(a, W, b, sigmoid),
                     hint="One example as a (1, n) matrix gives A_out of shape (1, n^[l]); avoid "
                          "hard-coding m or looping over a fixed number of rows.")

    return run([("a batch of 5 examples", batch), ("the activation g", uses_g),
                ("one example in a (1, 4) matrix", one_example)])


def check_dense_columns(my_dense_columns):
    """my_dense_columns(A_in, W, b, g) in the column convention: g(W @ A_in + b).

    Shapes: A_in (n^[l-1], m) with examples in COLUMNS, W (n^[l], n^[l-1]), b (n^[l], 1)
    -> A_out (n^[l], m).
    """
    rng = np.random.default_rng(21)
    A = rng.normal(size=(4, 5))          # 4 features, 5 examples in columns
    W = rng.normal(size=(3, 4))          # 3 units, 4 inputs
    b = np.array([[0.5], [-1.0], [2.0]])

    def values():
        out = my_dense_columns(A, W, b, sigmoid)
        expected = _loop_rows(A.T, W.T, b[:, 0], sigmoid).T   # the row-convention layer, transposed
        shape = np.shape(out)
        if shape == (5, 3):
            raise CheckFailed("in the column convention examples stay in columns: A_out has shape "
                              "(n^[l], m) = (3, 5); received (5, 3). Compute W @ A_in + b, not A_in.T @ W.T.")
        hint = _diagnose(out, [
            (sigmoid(W @ A), "You left out b: Z = W @ A_in + b, with b of shape (n^[l], 1) added to every column."),
            (W @ A + b, "You returned Z: apply the activation, A_out = g(Z)."),
        ])
        expect_close("my_dense_columns(A_in (4, 5), W (3, 4), b (3, 1), sigmoid)", out, expected,
                     hint=hint or "Column i should be g(W @ A_in[:, i] + b[:, 0]): Z = W @ A_in + b.")

    def uses_g():
        out = my_dense_columns(A, W, b, relu)
        expect_close("my_dense_columns(..., g=relu)", out, _loop_rows(A.T, W.T, b[:, 0], relu).T,
                     hint="Apply the function g given as the 4th argument.")

    return run([("5 examples in columns", values), ("the activation g", uses_g)])
