"""Checks for chapter 2: the vectorized dense layer, in the row and in the column convention.

Expected values come from nnlib.dense_loop (unit by unit, one example at a time): a different
path from the learner's matrix product.
"""
import numpy as np

from ..activations import relu, sigmoid
from ..forward import dense_loop
from ._core import CheckFailed, expect_close, expect_done, run
from .quiz import Question


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
        out = expect_done(my_dense(A, W, b, sigmoid))
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
                ("one example in a (1, 4) matrix", one_example)], my_dense,
               "compute Z = A_in @ W + b with one matrix product, then return g(Z)")


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
        out = expect_done(my_dense_columns(A, W, b, sigmoid))
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

    return run([("5 examples in columns", values), ("the activation g", uses_g)], my_dense_columns,
               "compute Z = W @ A_in + b (examples in columns), then return g(Z)")


QUIZ = [
    Question("The 200 coffee roasts are the rows of $X$, shape (200, 2), and $W^{[1]}$ has shape (2, 3). "
             "What is the shape of $Z^{[1]} = X W^{[1]} + \\vec b^{[1]}$?",
             options=["(200, 3)", "(3, 200)", "(200, 2)", "(2, 3)"], answer=0,
             why="inner sizes match (2 = 2) and the outer ones give the result: (200, 2) @ (2, 3) = (200, 3), "
                 "one row per roast, one column per hidden unit.",
             wrong={1: "that is the column convention's $Z^{[1]}$, where examples are columns",
                    2: "that is $X$ itself; the product replaces the 2 features by the 3 units",
                    3: "that is $W^{[1]}$; the product has one row per example"}),
    Question("The course's worked example: $\\vec x = [200, 17]$, $W = [[1, -3, 5], [-2, 4, -6]]$, "
             "$\\vec b = [-1, 1, 2]$. Compute $z_3$ by hand (unit 3 uses column 3 of $W$).",
             answer=900, rel_tol=1e-9,
             why="$z_3 = 200 \\cdot 5 + 17 \\cdot (-6) + 2 = 1000 - 102 + 2 = 900$, as the chapter's `dense` prints."),
    Question("In the column convention of other texts (examples in columns), what is the shape of the "
             "coffee network's $W^{[1]}$?",
             options=["(2, 3)", "(3, 2)", "(3, 1)", "(200, 3)"], answer=1,
             why="the column convention's $W^{[l]}$ is $(n^{[l]}, n^{[l-1]})$, the transpose of the course's "
                 "(2, 3): row $j$ is unit $j$.",
             wrong={0: "that is the course's (row) convention: column j is unit j",
                    2: "that is the column convention's $b^{[1]}$"}),
    Question("For the roast at 200 °C and 13.9 min the hidden layer gives $\\vec a^{[1]} \\approx [0, 0, 0.324]$; "
             "the output unit has $W^{[2]} \\approx [-18.255, -18.079, -19.339]^T$ and $b^{[2]} \\approx 9.387$. "
             "What is $z^{[2]}$ (one decimal)?", answer=3.1,
             why="only unit 3 is on: $z^{[2]} \\approx 0.324 \\cdot (-19.339) + 9.387 = 3.121 \\approx 3.1$ "
                 "(the unrounded numbers give 3.114, also 3.1, as the widget shows), so "
                 "$a^{[2]} = g(3.1) \\approx 0.957$: a good roast."),
    Question("The notes write `layer1 = Dense(units=3)`, `a1 = layer1(x)` for an $\\vec x$ of 3 features, "
             "then `a2 = layer1(a1)` where `layer2(a1)` was meant. What happens?",
             options=["an error: a1 has the wrong shape", "it runs and returns 3 numbers: a silent bug",
                      "it runs and returns 1 number, the same as layer2(a1)"], answer=1,
             why="layer1 reads 3 inputs and has 3 units, so a1 (3 values) fits it again; you get a second pass "
                 "through layer 1 (3 numbers) instead of the output unit's 1 number. The chapter runs it.",
             wrong={0: "layer 1 was built for 3 inputs and a1 has 3 values, so the shapes fit: no error",
                    2: "layer1 has 3 units, so it returns 3 numbers"}),
]
