"""The chapter 5 checks pass a right answer and catch the usual wrong ones, with a useful message."""
import numpy as np


from nnlib.exercises.ch05_activations import QUIZ, check_collapse, check_relu
from nnlib.exercises.solutions import ch05_activations as sol


def run(check, *fns, capsys):
    check(*fns)
    return capsys.readouterr().out


relu, relu_d = sol.my_relu, sol.my_relu_derivative


def test_relu_right(capsys):
    assert "All tests passed!" in run(check_relu, sol.my_relu, sol.my_relu_derivative, capsys=capsys)


def my_relu(z):            # the skeleton as shipped
    return None


def my_relu_derivative(z):
    return None


def my_collapse_skeleton(W1, b1, W2, b2, W3, b3):
    return None


def test_relu_skeleton_says_not_done(capsys):
    out = run(check_relu, my_relu, my_relu_derivative, capsys=capsys)
    assert out.strip().startswith("Not done yet: `my_relu` still returns None") and out.count("\n") == 1


def test_relu_derivative_skeleton_says_not_done(capsys):
    out = run(check_relu, sol.my_relu, my_relu_derivative, capsys=capsys)
    assert out.strip().startswith("Not done yet: `my_relu_derivative` still returns None")


def test_collapse_skeleton_says_not_done(capsys):
    out = run(check_collapse, my_collapse_skeleton, capsys=capsys)
    assert out.strip().startswith("Not done yet: `my_collapse_skeleton` still returns None") and out.count("\n") == 1


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


def test_collapse_right(capsys):
    assert "All tests passed!" in run(check_collapse, sol.collapse, capsys=capsys)


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


def test_quiz_answers_match_the_chapter():
    from nnlib import activations as act
    assert np.isclose(act.sigmoid_derivative(0.0), QUIZ[1].answer)
    assert 2 * 4 + 4 + 4 * 3 + 3 + 3 * 1 + 1 == QUIZ[2].answer
    assert np.isclose(act.leaky_relu(np.array([-1.0]))[0], QUIZ[4].answer)
    z = np.array([-2.0])
    negative = [n for n in ["sigmoid", "tanh", "relu", "leaky_relu", "linear"] if act.get(n)(z)[0] < 0]
    assert negative == ["tanh", "leaky_relu", "linear"]
