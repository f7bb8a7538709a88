"""Checks for chapter 6: the ratio of gradient sizes (RMS per entry) between the first and last layer, and a
piecewise-linear target built from two ReLU units set by hand."""
import numpy as np

from ._core import CheckFailed, expect_close, expect_done, run
from .quiz import Question


def _rms(a):
    return float(np.sqrt(np.mean(np.asarray(a, dtype=float) ** 2)))


def check_rms_ratio(rms_ratio, model=None, x=None, y=None):
    """rms_ratio(grads) with grads = [dW1, db1, ..., dWL, dbL] must return rms(dW^[1]) / rms(dW^[L]).

    rms(dW) = sqrt(mean(dW ** 2)), the size of a typical entry, so layers of different sizes
    compare fairly. If a compiled nnlib model and data are given, a third check uses its real
    gradients.
    """
    # Known by hand: rms(dW1) = sqrt(25 / 4) = 2.5, rms(dW3) = sqrt(400 / 3); ratio 0.2165
    grads = [np.array([[3.0, 0.0], [0.0, -4.0]]), np.array([100.0, 100.0]),
             np.array([[0.0, 0.0, 6.0], [0.0, -8.0, 0.0]]), np.array([1.0, 2.0, 3.0]),
             np.array([[0.0], [0.0], [20.0]]), np.array([0.001])]
    right = _rms(grads[0]) / _rms(grads[-2])

    def by_hand():
        r = expect_done(rms_ratio(grads))
        try:
            rv = float(np.asarray(r, dtype=float))
        except (TypeError, ValueError):
            raise CheckFailed(f"rms_ratio must return one number; received {r!r}.") from None
        hints = {1 / right: "you returned last / first; the question is first / last, rms(dW^[1]) / rms(dW^[L]).",
                 2.5 / _rms(grads[2]): "you used dW^[2] instead of the last layer's dW^[L] (grads[-2]).",
                 0.25: "that is the ratio of the Frobenius norms sqrt(sum of squares): take the mean of "
                       "the squares, not their sum, so the sizes of the matrices do not count.",
                 (25 / 4) / (400 / 3): "that is the ratio of the mean squares: take the square root of each.",
                 100.0 / _rms(grads[-2]): "grads[0::2] are the dW, grads[1::2] the db: you used a db.",
                 (7 / 4) / (20 / 3): "that is the ratio of mean absolute values; use sqrt(mean(dW ** 2)).",
                 0.2: "that is the ratio of the largest entries; use sqrt(mean(dW ** 2))."}
        for wrong, hint in hints.items():
            if np.isclose(rv, wrong, rtol=1e-9, atol=0):
                raise CheckFailed(f"received {rv:.6g} for rms(dW1) = 2.5, rms(dW3) = 11.547 "
                                  f"(expected {right:.6g}): {hint}")
        expect_close("rms_ratio for rms(dW1) = 2.5, rms(dW3) = 11.547", rv, right,
                     hint="grads[0] is dW^[1], grads[-2] is dW^[L]; rms(dW) = np.sqrt(np.mean(dW ** 2)).")

    def two_layers():
        g = [np.full((4, 3), 0.5), np.zeros(3), np.full((3, 1), 2.0), np.zeros(1)]
        expect_close("rms_ratio for a 2-layer network", rms_ratio(g), 0.25,
                     hint="it must work for any number of layers: the last dW is grads[-2].")

    checks = [("gradients with known sizes", by_hand), ("any depth", two_layers)]
    if model is not None:
        def real():
            _, g = model.compute_gradients(x, y)
            expected = _rms(g[0]) / _rms(g[-2])
            expect_close("rms_ratio on the network's gradients", rms_ratio(g), expected, atol=1e-9 * expected)
        checks.append(("a real network's gradients", real))
    return run(checks, rms_ratio, "which entries of grads are the first and the last dW? (the hints help)")


def _target(x):
    # 1 on [0, 1], then up with slope 2 to 3 at x = 2, then down with slope -1 to 1 at x = 4
    return np.where(x < 1, 1.0, np.where(x < 2, 1 + 2 * (x - 1), 3 - (x - 2)))


def check_relu_weights(relu_weights):
    """relu_weights() must return [W1, b1, W2, b2] of a 1 -> 2 (ReLU) -> 1 (linear) network whose
    output equals the target on [0, 4]: 1 up to x = 1, slope 2 up to x = 2, slope -1 up to x = 4."""
    x = np.linspace(0, 4, 81)

    def shapes():
        w = expect_done(relu_weights())
        if not isinstance(w, (list, tuple)) or len(w) != 4:
            raise CheckFailed("relu_weights() must return a list [W1, b1, W2, b2].")
        W1, b1, W2, b2 = (np.asarray(a, dtype=float) for a in w)
        want = {"W1": ((1, 2), W1.shape), "b1": ((2,), b1.shape), "W2": ((2, 1), W2.shape), "b2": ((1,), b2.shape)}
        for name, (e, r) in want.items():
            if e != r:
                raise CheckFailed(f"{name} must have shape {e} (W^[l] is (n^[l-1], n^[l]): 1 input, 2 "
                                  f"hidden units, 1 output); received {r}.")

    def output():
        W1, b1, W2, b2 = (np.asarray(a, dtype=float) for a in relu_weights())
        # the network, written out: a1 = relu(x W1 + b1), out = a1 W2 + b2
        a1 = np.maximum(0.0, x[:, None] @ W1 + b1)
        out = (a1 @ W2 + b2).ravel()
        if np.allclose(out[x <= 1], 0.0) and np.allclose(out[x > 1], _target(x[x > 1]) - 1, atol=1e-6):
            raise CheckFailed("right shape, but everything is 1 too low: the output bias b2 lifts the "
                              "whole function; the target starts at 1.")
        kinks = "unit j switches on where w_j x + b_j = 0, i.e. at x = -b_j / w_j; the target bends at x = 1 and x = 2"
        expect_close("the network's output on [0, 4] (81 points)", out, _target(x), atol=1e-6, hint=kinks + ".")

    return run([("shapes of [W1, b1, W2, b2]", shapes), ("the output matches the target", output)],
               relu_weights, "where does the target bend, and by how much does its slope change there? (the hints help)")


QUIZ = [
    Question("The sigmoid's derivative is at most 0.25. Through derivatives alone, by at most what factor can "
             "10 sigmoid layers multiply a gradient? (a number)", answer=0.25 ** 10,
             why="$0.25^{10} \\approx 9.5 \\times 10^{-7}$; with $z \\sim \\mathcal N(0, 1)$ the typical product "
                 "was smaller still, about $1.1 \\times 10^{-7}$.", rel_tol=0.05),
    Question("A ReLU unit computes relu$(w x + b)$ with $w = 2$, $b = -3$. At which $x$ is its kink?", answer=1.5,
             why="it switches on where $w x + b = 0$: $x = -b / w = 1.5$.", rel_tol=1e-6),
    Question("A hidden ReLU unit has $z \\le 0$ on every training example. What happens to its incoming weights "
             "in gradient descent?",
             options=["they move fast, because the error is large", "they never change: their gradient is exactly 0",
                      "they shrink slowly towards 0"], answer=1,
             why="$g'(z) = 0$ for every example, so $dz$ and the unit's column of $dW$ are exactly 0: a dead unit. "
                 "Leaky ReLU's slope keeps a gradient flowing.",
             wrong={2: "nothing moves them at all; only a penalty on the weights (not used here) would shrink them"}),
    Question("In the 10-layer ReLU network with Glorot weights, the mean $g'(z)$ of a hidden layer is about 0.5, yet "
             "the size of $dW^{[l]}$ stays roughly level through depth. Why?",
             options=["ReLU's derivative is 1 everywhere", "going down towards the input, $dz^{[l]}$ shrinks while $a^{[l-1]}$ "
                      "grows (the forward signal fades on its way up), and $dW^{[l]} = (a^{[l-1]})^T dz^{[l]}$ "
                      "multiplies the two",
                      "Glorot initialisation makes every gradient equal"], answer=1,
             why="the chapter measured both: towards the input $dz$ shrinks and $a$ grows, in step. With He "
                 "initialisation (variance $2 / n^{[l-1]}$: √2 times Glorot's weights in the 16 → 16 layers) "
                 "both stay roughly level.",
             wrong={0: "it is 1 only for $z > 0$; about half the units are off for a given example"}),
    Question("A 1 → n → 1 network of ReLU units placed by `relu_interpolation(n)` joins the cubic's values at how many "
             "knots when n = 8?", answer=9,
             why="n units have n kinks, at the knots $t_0, \\dots, t_{n-1}$; the line ends at one more knot, $t_n = 2$: "
                 "n + 1 = 9 knots, 8 straight pieces.", rel_tol=1e-9),
]
