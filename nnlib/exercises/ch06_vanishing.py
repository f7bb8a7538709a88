"""Checks for chapter 6: the gradient-norm ratio between the first and last layer, and a
piecewise-linear target built from two ReLU units set by hand."""
import numpy as np

from ._core import CheckFailed, expect_close, run


def check_norm_ratio(norm_ratio, model=None, x=None, y=None):
    """norm_ratio(grads) with grads = [dW1, db1, ..., dWL, dbL] must return ||dW^[1]|| / ||dW^[L]||.

    ||.|| is the Frobenius norm sqrt(sum of squares). If a compiled nnlib model and data are
    given, a second check uses its real gradients.
    """
    # Arrays whose norms are known by hand: ||dW1|| = 5, ||dW2|| = 10, ||dW3|| = 20.
    grads = [np.array([[3.0, 0.0], [0.0, -4.0]]), np.array([100.0, 100.0]),
             np.array([[0.0, 0.0, 6.0], [0.0, -8.0, 0.0]]), np.array([1.0, 2.0, 3.0]),
             np.array([[0.0], [0.0], [20.0]]), np.array([0.001])]

    def by_hand():
        r = norm_ratio(grads)
        try:
            rv = float(np.asarray(r, dtype=float))
        except (TypeError, ValueError):
            raise CheckFailed(f"norm_ratio must return one number; received {r!r}.") from None
        hints = {4.0: "you returned last / first; the question is first / last, ||dW^[1]|| / ||dW^[L]||.",
                 0.5: "you used dW^[2] instead of the last layer's dW^[L] (grads[-2]).",
                 -1.0 / 20.0: "that looks like plain sums of the entries; use the norm sqrt(sum of squares).",
                 float(np.sqrt(2.0) * 100.0 / 20.0): "grads[0::2] are the dW, grads[1::2] the db: you used a db.",
                 7.0 / 20.0: "that looks like sums of absolute values; use sqrt(sum of squares).",
                 0.2: "that is the ratio of the largest entries; use the Frobenius norm np.linalg.norm(dW)."}
        for wrong, hint in hints.items():
            if np.isclose(rv, wrong, rtol=1e-9, atol=0):
                raise CheckFailed(f"received {rv:.6g} for ||dW1|| = 5, ||dW3|| = 20 (expected 0.25): {hint}")
        expect_close("norm_ratio for ||dW1|| = 5, ||dW2|| = 10, ||dW3|| = 20", rv, 0.25,
                     hint="grads[0] is dW^[1], grads[-2] is dW^[L]; use np.linalg.norm.")

    def two_layers():
        g = [np.full((4, 3), 0.5), np.zeros(3), np.full((3, 1), 2.0), np.zeros(1)]
        expect_close("norm_ratio for a 2-layer network", norm_ratio(g),
                     np.sqrt(12 * 0.25) / np.sqrt(3 * 4.0), hint="it must work for any number of layers.")

    checks = [("gradients with known norms", by_hand), ("any depth", two_layers)]
    if model is not None:
        def real():
            _, g = model.compute_gradients(x, y)
            first, last = g[0], g[-2]
            expected = np.sqrt(np.sum(first ** 2)) / np.sqrt(np.sum(last ** 2))
            expect_close("norm_ratio on the network's gradients", norm_ratio(g), expected, atol=1e-9 * expected)
        checks.append(("a real network's gradients", real))
    return run(checks)


def _target(x):
    # 1 on [0, 1], then up with slope 2 to 3 at x = 2, then down with slope -1 to 1 at x = 4
    return np.where(x < 1, 1.0, np.where(x < 2, 1 + 2 * (x - 1), 3 - (x - 2)))


def check_relu_weights(relu_weights):
    """relu_weights() must return [W1, b1, W2, b2] of a 1 -> 2 (ReLU) -> 1 (linear) network whose
    output equals the target on [0, 4]: 1 up to x = 1, slope 2 up to x = 2, slope -1 up to x = 4."""
    x = np.linspace(0, 4, 81)

    def shapes():
        w = relu_weights()
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

    return run([("shapes of [W1, b1, W2, b2]", shapes), ("the output matches the target", output)])
