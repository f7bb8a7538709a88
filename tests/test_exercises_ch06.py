"""The chapter 6 checks pass a right answer and catch the usual wrong ones, with a useful message."""
import numpy as np

from nnlib.exercises.ch06_vanishing import check_norm_ratio, check_relu_weights
from nnlib.widgets.ch06_vanishing import X_DEEP, Y_DEEP, deep_network


def run(check, *args, capsys, **kw):
    check(*args, **kw)
    return capsys.readouterr().out


def ratio_right(grads):
    return np.linalg.norm(grads[0]) / np.linalg.norm(grads[-2])


def test_ratio_right(capsys):
    assert "All tests passed!" in run(check_norm_ratio, ratio_right, capsys=capsys)


def test_ratio_right_on_a_real_network(capsys):
    model = deep_network("sigmoid", 6)
    assert "All tests passed!" in run(check_norm_ratio, ratio_right, model, X_DEEP, Y_DEEP, capsys=capsys)


def test_ratio_inverted(capsys):
    out = run(check_norm_ratio, lambda g: np.linalg.norm(g[-2]) / np.linalg.norm(g[0]), capsys=capsys)
    assert "Check failed (gradients with known norms)" in out and "last / first" in out


def test_ratio_second_layer(capsys):
    out = run(check_norm_ratio, lambda g: np.linalg.norm(g[0]) / np.linalg.norm(g[2]), capsys=capsys)
    assert "grads[-2]" in out


def test_ratio_of_biases(capsys):
    out = run(check_norm_ratio, lambda g: np.linalg.norm(g[1]) / np.linalg.norm(g[-2]), capsys=capsys)
    assert "you used a db" in out


def test_ratio_of_sums(capsys):
    out = run(check_norm_ratio, lambda g: np.sum(g[0]) / np.sum(g[-2]), capsys=capsys)
    assert "plain sums" in out


def test_ratio_of_abs_sums(capsys):
    out = run(check_norm_ratio, lambda g: np.abs(g[0]).sum() / np.abs(g[-2]).sum(), capsys=capsys)
    assert "sqrt(sum of squares)" in out


def test_ratio_of_max(capsys):
    out = run(check_norm_ratio, lambda g: np.abs(g[0]).max() / np.abs(g[-2]).max(), capsys=capsys)
    assert "Frobenius" in out


def test_ratio_fixed_depth(capsys):
    # hard-codes a 3-layer list: fails on the 2-layer case
    out = run(check_norm_ratio, lambda g: np.linalg.norm(g[0]) / np.linalg.norm(g[4]), capsys=capsys)
    assert "Check failed (any depth)" in out


def weights_right():
    return [np.array([[1.0, 1.0]]), np.array([-1.0, -2.0]), np.array([[2.0], [-3.0]]), np.array([1.0])]


def test_relu_weights_right(capsys):
    assert "All tests passed!" in run(check_relu_weights, weights_right, capsys=capsys)


def test_relu_weights_column_convention(capsys):
    def wrong():
        W1, b1, W2, b2 = weights_right()
        return [W1.T, b1, W2.T, b2]
    out = run(check_relu_weights, wrong, capsys=capsys)
    assert "W1 must have shape (1, 2)" in out


def test_relu_weights_no_output_bias(capsys):
    def wrong():
        W1, b1, W2, _ = weights_right()
        return [W1, b1, W2, np.array([0.0])]
    out = run(check_relu_weights, wrong, capsys=capsys)
    assert "b2" in out and "1 too low" in out


def test_relu_weights_wrong_sign_of_bias(capsys):
    def wrong():
        W1, b1, W2, b2 = weights_right()
        return [W1, -b1, W2, b2]
    out = run(check_relu_weights, wrong, capsys=capsys)
    assert "Check failed (the output matches the target)" in out and "-b_j / w_j" in out


def test_relu_weights_slopes_not_differences(capsys):
    def wrong():  # second unit given the slope -1 itself, not the change of slope -3
        W1, b1, _, b2 = weights_right()
        return [W1, b1, np.array([[2.0], [-1.0]]), b2]
    out = run(check_relu_weights, wrong, capsys=capsys)
    assert "Check failed (the output matches the target)" in out
