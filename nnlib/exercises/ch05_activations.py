"""Checks for chapter 5: ReLU and its derivative, and collapsing three linear layers into one."""
import numpy as np

from ._core import CheckFailed, expect_close, expect_done, run
from .quiz import Question


def check_relu(my_relu, my_relu_derivative):
    """my_relu(z) = max(0, z) and my_relu_derivative(z) = 1 for z > 0, else 0, elementwise."""
    z = np.array([-3.0, -0.5, 0.0, 0.5, 2.0])

    def values():
        expect_close("my_relu([-3, -0.5, 0, 0.5, 2])", my_relu(z), [0.0, 0.0, 0.0, 0.5, 2.0],
                     hint="ReLU keeps positive z and replaces negative z by 0: np.maximum(0, z).")

    def matrix():
        Z = np.array([[-1.0, 4.0], [2.5, -7.0], [0.25, -0.25]])
        expect_close("my_relu on a (3, 2) matrix", my_relu(Z), [[0.0, 4.0], [2.5, 0.0], [0.25, 0.0]],
                     hint="work elementwise and keep the shape: np.maximum (not max, which returns one number).")

    def derivative():
        d = my_relu_derivative(np.array([-3.0, -0.5, 0.5, 2.0]))
        expect_close("my_relu_derivative([-3, -0.5, 0.5, 2])", d, [0.0, 0.0, 1.0, 1.0],
                     hint="the slope of max(0, z) is 0 left of 0 and 1 right of 0 (not z itself).")
        D = my_relu_derivative(np.array([[-2.0, 3.0], [1e-3, -1e-3]]))
        expect_close("my_relu_derivative on a (2, 2) matrix", D, [[0.0, 1.0], [1.0, 0.0]],
                     hint="return an array of 0s and 1s with the shape of z.")

    def at_zero():
        d0 = np.asarray(expect_done(my_relu_derivative(np.array([0.0]))), dtype=float)
        if d0.shape == (1,) and d0[0] == 1.0:
            raise CheckFailed("my_relu_derivative(0) returned 1. ReLU has a kink at z = 0 and no "
                              "derivative there; TensorFlow and nnlib use 0, i.e. the test z > 0, "
                              "not z >= 0.")
        expect_close("my_relu_derivative([0])", d0, [0.0])

    try:   # name, in the "Not done yet" line, the first of the two functions still to write
        pending = my_relu if my_relu(np.zeros(1)) is None else my_relu_derivative
    except Exception:
        pending = my_relu
    todo = ("keep each positive entry of z and turn each negative one into 0 (the hints help)" if pending is my_relu
            else "what is the slope of max(0, z) on each side of 0? (the hints help)")
    return run([("relu values", values), ("relu keeps the shape", matrix),
                ("relu derivative", derivative), ("relu derivative at z = 0", at_zero)], pending, todo)


def _three_linear_layers(x, W1, b1, W2, b2, W3, b3):
    # the network itself, layer by layer: a^[l] = a^[l-1] W^[l] + b^[l]
    a1 = x @ W1 + b1
    a2 = a1 @ W2 + b2
    return a2 @ W3 + b3


def check_collapse(collapse):
    """collapse(W1, b1, W2, b2, W3, b3) must return (W, b) with x W + b equal to the 3-layer network."""
    rng = np.random.default_rng(5)
    shapes = [(3, 4), (4, 2), (2, 1)]
    Ws = [rng.normal(size=s) for s in shapes]
    bs = [rng.normal(size=s[1]) for s in shapes]
    x = rng.normal(size=(6, 3))
    params = [p for pair in zip(Ws, bs) for p in pair]

    def returns_pair():
        out = expect_done(collapse(*params))
        if not isinstance(out, (tuple, list)) or len(out) != 2:
            raise CheckFailed(f"collapse must return a pair (W, b); received {type(out).__name__}.")
        W, b = (np.asarray(o, dtype=float) for o in out)
        if W.shape != (3, 1):
            raise CheckFailed(f"W maps 3 inputs to 1 output, so it has shape (3, 1); received {W.shape}. "
                              f"Multiply in layer order: W1 @ W2 @ W3 is (3, 4)(4, 2)(2, 1) -> (3, 1).")
        if b.shape not in ((1,), (1, 1)):
            raise CheckFailed(f"b has one entry per output unit, shape (1,); received {b.shape}.")

    def weights():
        W, _ = collapse(*params)
        expect_close("W", W, Ws[0] @ Ws[1] @ Ws[2], atol=1e-9,
                     hint="the input passes through W1, then W2, then W3: W = W1 @ W2 @ W3.")

    def bias():
        _, b = collapse(*params)
        expected = (bs[0] @ Ws[1] + bs[1]) @ Ws[2] + bs[2]
        b = np.asarray(b, dtype=float).reshape(-1)
        W2, W3 = Ws[1], Ws[2]
        typical = {
            "b3 alone": bs[2],
            "b1 @ W2 @ W3 + b3 (b2 left out)": bs[0] @ W2 @ W3 + bs[2],
            "b2 @ W3 + b3 (b1 left out)": bs[1] @ W3 + bs[2],
        }
        for what, wrong in typical.items():
            if b.shape == wrong.shape and np.allclose(b, wrong):
                raise CheckFailed(f"your b equals {what}. Every bias reaches the output: b1 through W2 "
                                  f"and W3, b2 through W3, so b = (b1 @ W2 + b2) @ W3 + b3.")
        expect_close("b", b, expected, atol=1e-9,
                     hint="feed x = 0 through the three layers: what comes out is b.")

    def predictions():
        W, b = collapse(*params)
        ours = x @ np.asarray(W, dtype=float) + np.asarray(b, dtype=float).reshape(-1)
        expect_close("x @ W + b vs the three layers", ours, _three_linear_layers(x, *params), atol=1e-9)

    return run([("returns (W, b) of the right shapes", returns_pair), ("the combined W", weights),
                ("the combined b", bias), ("same predictions as the network", predictions)], collapse,
               "write the three layers out as one formula and multiply it out (the hints help)")


QUIZ = [
    Question("For $z = -2$, which activations give a negative $a$?",
             options=["sigmoid and tanh", "tanh, leaky ReLU and linear", "ReLU and leaky ReLU", "only linear"],
             answer=1,
             why="tanh(−2) = −0.964, leaky_relu(−2) = 0.2 · (−2) = −0.4 and linear(−2) = −2; the sigmoid's "
                 "range is (0, 1) and ReLU gives exactly 0.",
             wrong={0: "the sigmoid is always between 0 and 1: σ(−2) = 0.119",
                    2: "ReLU gives exactly 0 for every negative z"}),
    Question("What is the largest value the sigmoid's derivative $g'(z) = g(z)(1 - g(z))$ takes?", answer=0.25,
             why="at $z = 0$, $g = 0.5$ and $g' = 0.5 \\cdot 0.5 = 0.25$; everywhere else it is smaller.",
             rel_tol=1e-6),
    Question("How many parameters (weights and biases) has a 2 → 4 → 3 → 1 network of `Dense` layers?",
             answer=31,
             why="(2 · 4 + 4) + (4 · 3 + 3) + (3 · 1 + 1) = 12 + 15 + 4 = 31. With linear activations all 31 "
                 "collapse into one $W$ of shape (2, 1) and one $b$: 3 numbers.", rel_tol=1e-9),
    Question("A network has three hidden layers with the linear activation and a sigmoid output. What can it learn?",
             options=["anything a deep network can, given enough units", "exactly what logistic regression can: "
                      "a straight-line decision boundary", "nothing: its output is always 0.5"],
             answer=1,
             why="the three linear layers collapse into one $xW + b$, so the output is $\\sigma(xW + b)$: logistic "
                 "regression. On the two rings it cannot do better than a straight line.",
             wrong={0: "depth needs a non-linear activation between the layers; without one the layers collapse",
                    2: "it outputs $\\sigma(xW + b)$, which depends on x; only on the rings did training drive W to about 0"}),
    Question("`Dense(1, activation=\"leaky_relu\")` in Keras, weight 1, bias 0: what does it output for the input $-1$?",
             answer=-0.2,
             why="the `\"leaky_relu\"` function's default slope is 0.2 (the `LeakyReLU()` layer's is 0.3, which "
                 "would give −0.3).", rel_tol=1e-6),
]
