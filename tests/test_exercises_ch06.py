"""The chapter 6 checks pass the reference solution, say "Not done yet" for the skeleton, and catch
the usual wrong answers with a useful message; the quiz accepts its answers and rejects the others."""
import numpy as np
import pytest

from nnlib.exercises.ch06_vanishing import QUIZ, check_relu_weights, check_rms_ratio
from nnlib.exercises.solutions import ch06_vanishing as sol
from nnlib.widgets.ch06_vanishing import X_DEEP, Y_DEEP, backprop_sizes, deep_network, gradient_rms


def run(check, *args, capsys, **kw):
    check(*args, **kw)
    return capsys.readouterr().out


def rms(a):
    return np.sqrt(np.mean(a ** 2))


def test_ratio_right(capsys):
    assert "All tests passed!" in run(check_rms_ratio, sol.rms_ratio, capsys=capsys)


def test_ratio_right_on_a_real_network(capsys):
    model = deep_network("sigmoid", 6)
    assert "All tests passed!" in run(check_rms_ratio, sol.rms_ratio, model, X_DEEP, Y_DEEP, capsys=capsys)


def rms_ratio(grads):     # the skeleton as shipped
    return None


def test_ratio_skeleton_says_not_done(capsys):
    out = run(check_rms_ratio, rms_ratio, deep_network("sigmoid", 10), X_DEEP, Y_DEEP, capsys=capsys)
    assert out.strip().startswith("Not done yet: `rms_ratio` still returns None") and out.count("\n") == 1


def test_ratio_inverted(capsys):
    out = run(check_rms_ratio, lambda g: rms(g[-2]) / rms(g[0]), capsys=capsys)
    assert "Check failed (gradients with known sizes)" in out and "last / first" in out


def test_ratio_second_layer(capsys):
    out = run(check_rms_ratio, lambda g: rms(g[0]) / rms(g[2]), capsys=capsys)
    assert "grads[-2]" in out


def test_ratio_of_biases(capsys):
    out = run(check_rms_ratio, lambda g: rms(g[1]) / rms(g[-2]), capsys=capsys)
    assert "you used a db" in out


def test_ratio_of_frobenius_norms(capsys):
    out = run(check_rms_ratio, lambda g: np.linalg.norm(g[0]) / np.linalg.norm(g[-2]), capsys=capsys)
    assert "Frobenius" in out and "mean of the squares" in out


def test_ratio_without_square_root(capsys):
    out = run(check_rms_ratio, lambda g: np.mean(g[0] ** 2) / np.mean(g[-2] ** 2), capsys=capsys)
    assert "square root" in out


def test_ratio_of_abs_means(capsys):
    out = run(check_rms_ratio, lambda g: np.abs(g[0]).mean() / np.abs(g[-2]).mean(), capsys=capsys)
    assert "mean absolute values" in out


def test_ratio_of_max(capsys):
    out = run(check_rms_ratio, lambda g: np.abs(g[0]).max() / np.abs(g[-2]).max(), capsys=capsys)
    assert "largest entries" in out


def test_ratio_fixed_depth(capsys):
    # hard-codes a 3-layer list: fails on the 2-layer case
    out = run(check_rms_ratio, lambda g: rms(g[0]) / rms(g[4]), capsys=capsys)
    assert "Check failed (any depth)" in out


def weights_right():
    return sol.relu_weights()


def test_relu_weights_right(capsys):
    assert "All tests passed!" in run(check_relu_weights, sol.relu_weights, capsys=capsys)


def relu_weights():       # the skeleton as shipped
    return None


def test_relu_weights_skeleton_says_not_done(capsys):
    out = run(check_relu_weights, relu_weights, capsys=capsys)
    assert out.strip().startswith("Not done yet: `relu_weights` still returns None") and out.count("\n") == 1


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


def test_quiz_answers_match_the_chapter():
    from nnlib.widgets.ch06_vanishing import relu_interpolation
    assert np.isclose(QUIZ[0].answer, 9.54e-07, rtol=1e-3)
    W1, b1, _, _ = relu_interpolation(8)
    assert W1.shape == (1, 8) and len(np.unique(np.r_[-b1, 2.0])) == QUIZ[4].answer
    # question 4: ReLU, Glorot: dz shrinks towards the input, a^[l-1] grows, dW stays level
    rms_a, rms_dz = backprop_sizes(deep_network("relu", 10))
    assert rms_dz[0] < rms_dz[-2] / 5 and rms_a[0] > rms_a[-2] * 5
    g = gradient_rms(deep_network("relu", 10))
    assert 0.2 < g[0] / g[-2] < 5


def test_backprop_sizes_give_the_gradient():
    m = deep_network("tanh", 5)
    _, grads = m.compute_gradients(X_DEEP, Y_DEEP)
    assert np.allclose(gradient_rms(m), [rms(d) for d in grads[0::2]])
    assert len(backprop_sizes(m)[0]) == 5


def test_he_init_scales_each_layer_by_its_own_factor():
    # He-uniform: each layer's draw is Glorot's times sqrt((n_in + n_out) / n_in): sqrt(3) for 8 -> 16,
    # sqrt(2) for 16 -> 16, sqrt(17 / 16) for 16 -> 1 (same random draws, so the ratios are exact)
    glorot, he = deep_network("relu", 4).get_weights()[0::2], deep_network("relu", 4, init="he").get_weights()[0::2]
    for Wg, Wh, factor in zip(glorot, he, [np.sqrt(3), np.sqrt(2), np.sqrt(2), np.sqrt(17 / 16)]):
        assert np.allclose(Wh, Wg * factor)
    with pytest.raises(ValueError, match="init must be"):
        deep_network("relu", 4, init="xavier")
