"""Checks for chapter 4: the chain rule on the one-neuron graph, and the backward of a Dense layer.

Expected gradients are centred differences (nnlib.gradcheck) of the forward computation: they
never use the learner's backward formulas.
"""
import numpy as np

from ..gradcheck import numerical_gradient
from ._core import CheckFailed, expect_close, expect_done, run
from .quiz import Question


def _neuron_J(x, y, w, b):
    return 0.5 * (w * x + b - y) ** 2


def _numeric_neuron(x, y, w, b):
    p = np.array([w, b], dtype=float)
    g = numerical_gradient(lambda: _neuron_J(x, y, p[0], p[1]), p)
    return _neuron_J(x, y, w, b), g[0], g[1]


def _as_triple(out, name, what):
    try:
        items = list(out)
    except TypeError:
        raise CheckFailed(f"{name} should return a tuple {what}; received {type(out).__name__}.") from None
    if len(items) != 3:
        raise CheckFailed(f"{name} should return 3 values {what}; received {len(items)}.")
    return items


def check_neuron_grads(neuron_grads):
    """neuron_grads(x, y, w, b) must return (J, dJ/dw, dJ/db) for J = (w x + b - y)^2 / 2."""
    cases = [(-2.0, 2.0, 2.0, 8.0), (1.5, -1.0, 0.5, 0.25), (3.0, 4.0, -1.0, 2.0)]

    def one(case):
        def fn():
            x, y, w, b = case
            J, dw, db = _as_triple(expect_done(neuron_grads(x, y, w, b)), "neuron_grads", "(J, dJ_dw, dJ_db)")
            J_exp, dw_exp, db_exp = _numeric_neuron(x, y, w, b)
            d = w * x + b - y
            where = f"neuron_grads(x={x:g}, y={y:g}, w={w:g}, b={b:g})"
            expect_close(f"{where}: J", J, J_exp,
                         hint="Forward: c = w x, a = c + b, d = a - y, J = d^2 / 2.")
            hint_w = ""
            if np.isclose(dw, d) and not np.isclose(d, d * x):
                hint_w = "You returned dJ/dd: multiply by the local derivatives down to w, dc/dw = x."
            elif np.isclose(dw, -d * x) and d * x != 0:
                hint_w = "The sign is flipped: d = a - y, so dJ/dd = d = a - y (not y - a)."
            elif np.isclose(dw, 2 * d * x) and d * x != 0:
                hint_w = "Off by a factor 2: J = d^2 / 2, so dJ/dd = d (the 1/2 cancels the 2)."
            expect_close(f"{where}: dJ/dw", dw, dw_exp, atol=1e-5,
                         hint=hint_w or "dJ/dw = dJ/dd * dd/da * da/dc * dc/dw = d * 1 * 1 * x.")
            hint_b = ""
            if np.isclose(db, -d) and d != 0:
                hint_b = "The sign is flipped: dJ/db = d = a - y."
            elif np.isclose(db, d * x) and x != 1:
                hint_b = "b is added, not multiplied by x: da/db = 1, so dJ/db = d."
            expect_close(f"{where}: dJ/db", db, db_exp, atol=1e-5,
                         hint=hint_b or "dJ/db = dJ/dd * dd/da * da/db = d * 1 * 1.")
        return fn

    return run([(f"x={c[0]:g}, y={c[1]:g}, w={c[2]:g}, b={c[3]:g}", one(c)) for c in cases], neuron_grads,
               "compute c, a, d and J forward, then dJ/dw and dJ/db by the chain rule, and return all three")


def check_dense_backward(dense_backward):
    """dense_backward(dz, a_in, W) must return (dW, db, da_in) for z = a_in W + b.

    Shapes: dz (m, n^[l]), a_in (m, n^[l-1]), W (n^[l-1], n^[l]);
    dW like W, db (n^[l],), da_in like a_in.
    """
    rng = np.random.default_rng(40)
    m, n_in, n_out = 5, 4, 3
    dz = rng.normal(size=(m, n_out))
    a_in = rng.normal(size=(m, n_in))
    W = rng.normal(size=(n_in, n_out))
    b = rng.normal(size=n_out)

    # The scalar J = sum(dz * z), z = a_in W + b, has dJ/dz = dz: its gradients with respect to
    # W, b and a_in are exactly what backward must return. Centred differences, on copies.
    A, Wc, bc = a_in.copy(), W.copy(), b.copy()
    dW_exp = numerical_gradient(lambda: float(np.sum(dz * (a_in @ Wc + b))), Wc)
    db_exp = numerical_gradient(lambda: float(np.sum(dz * (a_in @ W + bc))), bc)
    da_exp = numerical_gradient(lambda: float(np.sum(dz * (A @ W + b))), A)
    state = {}

    def call():
        state["out"] = _as_triple(expect_done(dense_backward(dz.copy(), a_in.copy(), W.copy())), "dense_backward",
                                  "(dW, db, da_in)")

    def grad_W():
        dW = state["out"][0]
        if np.shape(dW) == (n_out, n_in):
            raise CheckFailed(f"dW must have the shape of W, (n^[l-1], n^[l]) = {W.shape}; received "
                              f"{np.shape(dW)}, the transpose. dW = a_in.T @ dz: (4, 5) @ (5, 3) -> (4, 3).")
        hint = ""
        if np.shape(dW) == W.shape and np.allclose(dW, dW_exp / m):
            hint = "You divided by m: the 1/m of the cost is already inside dz, so dW = a_in.T @ dz."
        expect_close("dW", dW, dW_exp, atol=1e-5, hint=hint or "dW = a_in.T @ dz (sums over the m examples).")

    def grad_b():
        db = state["out"][1]
        hint = ""
        if np.shape(db) == (n_out,) and np.allclose(db, dz.mean(axis=0)):
            hint = "You took the mean: dz already holds the 1/m, so db = dz.sum(axis=0)."
        elif np.shape(db) == (m,):
            hint = "db has one entry per unit, so sum over the examples (axis=0), not over the units."
        expect_close("db", db, db_exp, atol=1e-5, hint=hint or "db = dz.sum(axis=0): one number per unit.")

    def grad_a_in():
        expect_close("da_in", state["out"][2], da_exp, atol=1e-5,
                     hint="da_in = dz @ W.T: (5, 3) @ (3, 4) -> (5, 4), the shape of a_in.")

    return run([("call and return (dW, db, da_in)", call), ("dW", grad_W), ("db", grad_b),
                ("da_in", grad_a_in)], dense_backward, "compute dW, db and da_in from dz, a_in and W, and return all three")


QUIZ = [
    Question("For $J = (2 + 3w)^2$, what is $\\partial J / \\partial w$ at $w = 1$?", answer=30,
             why="$a = 2 + 3w = 5$, $\\partial J/\\partial a = 2a = 10$, $\\partial a/\\partial w = 3$: "
                 "$10 \\cdot 3 = 30$.", rel_tol=0.001),
    Question("The course's two-layer example: $x = 1$, $y = 5$, $a^{[1]} = \\mathrm{ReLU}(w^{[1]} x + b^{[1]})$, "
             "$a^{[2]} = w^{[2]} a^{[1]} + b^{[2]}$, $J = \\frac12 (a^{[2]} - y)^2$, with $w^{[1]} = 2$, "
             "$b^{[1]} = 0$, $w^{[2]} = 3$, $b^{[2]} = 1$. What is $\\partial J / \\partial w^{[2]}$?", answer=4,
             why="$a^{[1]} = 2$, $a^{[2]} = 7$, $\\partial J/\\partial a^{[2]} = a^{[2]} - y = 2$, and "
                 "$\\partial a^{[2]}/\\partial w^{[2]} = a^{[1]} = 2$: $2 \\cdot 2 = 4$. (For $w^{[1]}$ it is "
                 "$2 \\cdot w^{[2]} \\cdot 1 \\cdot x = 6$.)", rel_tol=0.001),
    Question("Gradient descent on $J(w) = (2 + 3w)^2$ with $\\alpha = 0.1$. What happens?",
             options=["w slides smoothly down to the minimum",
                      "w jumps over the minimum every step but still converges",
                      "w jumps further away every step: it diverges"], answer=1,
             why="each step multiplies $w - w^*$ by $1 - 18\\alpha = -0.8$: the sign flips (a jump over the "
                 "minimum) and the distance shrinks to 0.8 of itself.",
             wrong={0: "smooth descent needs $\\alpha < 1/18 \\approx 0.056$",
                    2: "divergence starts above $\\alpha = 2/18 \\approx 0.111$"}),
    Question("A layer has $W$ of shape (3, 1) and sees a mini-batch of $m = 8$ examples. What is the "
             "shape of $dW = A_{in}^T dZ$?",
             options=["(3, 1)", "(8, 1)", "(1, 3)", "(8, 3)"], answer=0,
             why="$A_{in}^T$ is (3, 8) and $dZ$ is (8, 1): $dW$ is (3, 1), the shape of $W$; the sum over "
                 "the 8 examples happens inside the product.",
             wrong={1: "that is the shape of $dZ$: one row per example, before summing over them",
                    2: "$dW$ always has the shape of $W$, never its transpose",
                    3: "that is the shape of $dA_{in}$ for a layer with 3 inputs"}),
    Question("Why are a network's weights not all started at the same value (say 0.5)?",
             options=["the first forward pass would give NaN",
                      "the units of a layer would get the same gradients and stay identical",
                      "equal weights make the cost non-convex",
                      "Keras refuses equal weights"], answer=1,
             why="equal units compute equal outputs, get equal gradients and take equal steps, so they never "
                 "differ: the chapter's 3 hidden units stay identical after 300 steps. Random weights break "
                 "the symmetry; the biases can then start at 0.",
             wrong={0: "the forward pass works fine; the trouble is that the units never become different",
                    2: "convexity is about the loss and the output unit, not about the starting point",
                    3: "set_weights accepts any numbers of the right shapes"}),
]
