"""The chapter 5 checks pass a right answer and catch the usual wrong ones, with a useful message."""
import numpy as np

from nnlib.exercises.ch05_activations import check_collapse, check_relu


def run(check, *fns, capsys):
    check(*fns)
    return capsys.readouterr().out


def relu(z):
    return np.maximum(0.0, z)


def relu_d(z):
    return (np.asarray(z) > 0).astype(float)


def test_relu_right(capsys):
    assert "All tests passed!" in run(check_relu, relu, relu_d, capsys=capsys)


def test_relu_with_python_max(capsys):
    out = run(check_relu, lambda z: max(0.0, float(np.max(z))), relu_d, capsys=capsys)
    assert "Check failed (relu values)" in out and "expected shape" in out


def test_relu_derivative_returns_relu(capsys):
    out = run(check_relu, relu, relu, capsys=capsys)
    assert "Check failed (relu derivative)" in out and "not z itself" in out


def test_relu_derivative_one_at_zero(capsys):
    out = run(check_relu, relu, lambda z: (np.asarray(z) >= 0).astype(float), capsys=capsys)
    assert "Check failed (relu derivative at z = 0)" in out and "z > 0" in out


def test_relu_derivative_scalar(capsys):
    out = run(check_relu, relu, lambda z: 1.0, capsys=capsys)
    assert "Check failed (relu derivative)" in out and "expected shape" in out


def test_relu_that_raises(capsys):
    out = run(check_relu, lambda z: undefined_name, relu_d, capsys=capsys)  # noqa: F821
    assert "raised NameError" in out


def collapse_right(W1, b1, W2, b2, W3, b3):
    return W1 @ W2 @ W3, (b1 @ W2 + b2) @ W3 + b3


def test_collapse_right(capsys):
    assert "All tests passed!" in run(check_collapse, collapse_right, capsys=capsys)


def test_collapse_sum_of_biases(capsys):
    out = run(check_collapse, lambda W1, b1, W2, b2, W3, b3: (W1 @ W2 @ W3, b1 + b2 + b3), capsys=capsys)
    # b1 + b2 + b3 does not even broadcast here ((4,) + (2,)); a learner gets the raise message
    assert "Check failed" in out


def test_collapse_sum_of_biases_same_width(capsys):
    # with broadcasting that works, the check names the mistake
    def wrong(W1, b1, W2, b2, W3, b3):
        return W1 @ W2 @ W3, np.array([b1.sum() + b2.sum() + b3.sum()])
    out = run(check_collapse, wrong, capsys=capsys)
    assert "Check failed (the combined b)" in out


def test_collapse_bias_without_last_weights(capsys):
    out = run(check_collapse, lambda W1, b1, W2, b2, W3, b3: (W1 @ W2 @ W3, b1 @ W2 @ W3 + b3),
              capsys=capsys)
    assert "Check failed (the combined b)" in out and "b2 left out" in out


def test_collapse_only_last_bias(capsys):
    out = run(check_collapse, lambda W1, b1, W2, b2, W3, b3: (W1 @ W2 @ W3, b3), capsys=capsys)
    assert "Check failed (the combined b)" in out and "b3 alone" in out


def test_collapse_wrong_order(capsys):
    out = run(check_collapse, lambda W1, b1, W2, b2, W3, b3: (W3.T @ W2.T @ W1.T, b3), capsys=capsys)
    assert "Check failed (returns (W, b) of the right shapes)" in out and "(3, 1)" in out


def test_collapse_single_array(capsys):
    out = run(check_collapse, lambda W1, b1, W2, b2, W3, b3: W1 @ W2 @ W3, capsys=capsys)
    assert "Check failed" in out and "pair" in out
