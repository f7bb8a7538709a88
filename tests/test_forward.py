"""nnlib.forward: dense_loop, dense and sequential against numbers worked out by hand."""
import math

import numpy as np
import pytest

import nnlib
from nnlib import dense, dense_loop, sequential

# The seeds' worked example: one example with 2 features, a layer of 3 sigmoid units.
X = [200.0, 17.0]
W = [[1.0, -3.0, 5.0], [-2.0, 4.0, -6.0]]
B = [-1.0, 1.0, 2.0]
# z_j = x_1 W_1j + x_2 W_2j + b_j, written out:
Z_BY_HAND = [200 * 1 + 17 * -2 - 1, 200 * -3 + 17 * 4 + 1, 200 * 5 + 17 * -6 + 2]  # [165, -531, 900]


def sig(v):
    return 1.0 / (1.0 + math.exp(-v))


def test_worked_example_z_by_hand():
    assert Z_BY_HAND == [165, -531, 900]
    assert dense_loop(X, W, B, "linear").tolist() == Z_BY_HAND
    assert dense(X, W, B, "linear").tolist() == Z_BY_HAND


@pytest.mark.parametrize("forward", [dense_loop, dense])
def test_worked_example_sigmoid(forward):
    expected = [sig(z) for z in Z_BY_HAND]  # [1 - e^-165, e^-531, 1 - e^-900]
    assert expected[1] == pytest.approx(math.exp(-531), rel=1e-12)
    np.testing.assert_allclose(forward(X, W, B, nnlib.activations.sigmoid), expected, rtol=1e-12, atol=0)


def test_worked_example_loop_equals_vectorized():
    for g in ["sigmoid", "linear", "relu", "tanh", "softmax"]:
        np.testing.assert_allclose(dense_loop(X, W, B, g), dense(X, W, B, g), rtol=1e-12, atol=0)


def test_worked_example_batch_of_one_row():
    out = dense(np.array([X]), W, B, "sigmoid")
    assert out.shape == (1, 3)
    np.testing.assert_allclose(out[0], [sig(z) for z in Z_BY_HAND], rtol=1e-12, atol=0)


def test_dense_on_a_batch_equals_dense_loop_row_by_row(rng):
    A = rng.normal(size=(6, 4))
    Wr, br = rng.normal(size=(4, 3)), rng.normal(size=3)
    out = dense(A, Wr, br, "tanh")
    assert out.shape == (6, 3)
    for i in range(6):
        np.testing.assert_allclose(out[i], dense_loop(A[i], Wr, br, "tanh"), rtol=1e-12)
    # and both equal g(A W + b) written with numpy directly
    np.testing.assert_allclose(out, np.tanh(A @ Wr + br), rtol=1e-12)


def test_dense_loop_uses_column_j_for_unit_j():
    # W with one non-zero column at a time: unit j sees only column j
    Wc = np.zeros((2, 3))
    Wc[:, 1] = [1.0, 10.0]
    assert dense_loop([2.0, 3.0], Wc, np.zeros(3), "linear").tolist() == [0.0, 32.0, 0.0]


def test_sequential_two_layers_by_hand():
    """The coffee network's shape: 2 -> 3 sigmoid -> 1 sigmoid, computed with math.exp."""
    x = [1.0, -2.0]
    W1, b1 = [[0.5, -1.0, 0.0], [0.25, 0.5, 1.0]], [0.1, 0.2, -0.3]
    W2, b2 = [[1.0], [-2.0], [0.5]], [0.4]
    a1 = [sig(x[0] * W1[0][j] + x[1] * W1[1][j] + b1[j]) for j in range(3)]
    a2 = sig(sum(a1[j] * W2[j][0] for j in range(3)) + b2[0])
    out = sequential(x, [(W1, b1), (W2, b2)])  # sigmoid by default, as the course's coffee network
    assert out.shape == (1,)
    assert out[0] == pytest.approx(a2, rel=1e-12)
    out_batch = sequential(np.array([x, x]), [(W1, b1, "sigmoid"), (W2, b2, "sigmoid")])
    np.testing.assert_allclose(out_batch, [[a2], [a2]], rtol=1e-12)


def test_sequential_per_layer_activation(rng):
    x = rng.normal(size=(5, 3))
    W1, b1, W2, b2 = rng.normal(size=(3, 4)), rng.normal(size=4), rng.normal(size=(4, 2)), rng.normal(size=2)
    out = sequential(x, [(W1, b1, "relu"), (W2, b2, "linear")])
    np.testing.assert_allclose(out, np.maximum(0, x @ W1 + b1) @ W2 + b2, rtol=1e-12)


def test_inputs_are_not_modified(rng):
    A = rng.normal(size=(3, 2))
    Wr, br = rng.normal(size=(2, 3)), rng.normal(size=3)
    copies = [A.copy(), Wr.copy(), br.copy()]
    dense(A, Wr, br, "relu")
    dense_loop(A[0], Wr, br, "relu")
    sequential(A, [(Wr, br)])
    for before, after in zip(copies, [A, Wr, br]):
        np.testing.assert_array_equal(before, after)
