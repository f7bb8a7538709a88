"""The chapter 4 checks pass a right answer and catch the usual wrong ones, with a useful message."""

from nnlib.exercises.ch04_backprop import check_dense_backward, check_neuron_grads


def run(check, fn, capsys):
    check(fn)
    return capsys.readouterr().out


# ---- check_neuron_grads: J = (w x + b - y)^2 / 2 ----------------------------------------------
def right(x, y, w, b):
    d = w * x + b - y
    return 0.5 * d ** 2, d * x, d


def test_neuron_right(capsys):
    assert run(check_neuron_grads, right, capsys).strip() == "All tests passed!"


def test_neuron_forgets_x(capsys):
    def wrong(x, y, w, b):
        d = w * x + b - y
        return 0.5 * d ** 2, d, d
    out = run(check_neuron_grads, wrong, capsys)
    assert "Check failed" in out and "dc/dw = x" in out


def test_neuron_sign_flipped(capsys):
    def wrong(x, y, w, b):
        d = y - (w * x + b)
        return 0.5 * d ** 2, d * x, d
    out = run(check_neuron_grads, wrong, capsys)
    assert "Check failed" in out and "sign is flipped" in out


def test_neuron_factor_two(capsys):
    def wrong(x, y, w, b):
        d = w * x + b - y
        return 0.5 * d ** 2, 2 * d * x, 2 * d
    out = run(check_neuron_grads, wrong, capsys)
    assert "Check failed" in out and "factor 2" in out


def test_neuron_db_times_x(capsys):
    def wrong(x, y, w, b):
        d = w * x + b - y
        return 0.5 * d ** 2, d * x, d * x
    out = run(check_neuron_grads, wrong, capsys)
    assert "Check failed" in out and "da/db = 1" in out


def test_neuron_returns_two_values(capsys):
    out = run(check_neuron_grads, lambda x, y, w, b: right(x, y, w, b)[1:], capsys)
    assert "Check failed" in out and "3 values" in out


def test_neuron_wrong_forward(capsys):
    out = run(check_neuron_grads, lambda x, y, w, b: ((w * x + b - y) ** 2, *right(x, y, w, b)[1:]), capsys)
    assert "Check failed" in out and ": J" in out


# ---- check_dense_backward ---------------------------------------------------------------------
def backward(dz, a_in, W):
    return a_in.T @ dz, dz.sum(axis=0), dz @ W.T


def test_backward_right(capsys):
    assert run(check_dense_backward, backward, capsys).strip() == "All tests passed!"


def test_backward_dW_transposed(capsys):
    out = run(check_dense_backward, lambda dz, a, W: (dz.T @ a, dz.sum(axis=0), dz @ W.T), capsys)
    assert "Check failed (dW)" in out and "transpose" in out


def test_backward_divides_by_m(capsys):
    out = run(check_dense_backward, lambda dz, a, W: (a.T @ dz / len(a), dz.sum(axis=0), dz @ W.T), capsys)
    assert "Check failed (dW)" in out and "divided by m" in out


def test_backward_db_mean(capsys):
    out = run(check_dense_backward, lambda dz, a, W: (a.T @ dz, dz.mean(axis=0), dz @ W.T), capsys)
    assert "Check failed (db)" in out and "mean" in out


def test_backward_db_wrong_axis(capsys):
    out = run(check_dense_backward, lambda dz, a, W: (a.T @ dz, dz.sum(axis=1), dz @ W.T), capsys)
    assert "Check failed (db)" in out and "axis=0" in out


def test_backward_da_in_without_transpose_raises(capsys):
    out = run(check_dense_backward, lambda dz, a, W: (a.T @ dz, dz.sum(axis=0), dz @ W), capsys)
    assert "Check failed" in out and "raised ValueError" in out


def test_backward_da_in_wrong_values(capsys):
    # right shape, wrong values: multiplies by W's elementwise square
    out = run(check_dense_backward, lambda dz, a, W: (a.T @ dz, dz.sum(axis=0), dz @ (W ** 2).T), capsys)
    assert "Check failed (da_in)" in out and "dz @ W.T" in out


def test_backward_does_not_mutate_check_data(capsys):
    # a learner who modifies dz in place still gets checked against untouched expectations
    def inplace(dz, a, W):
        dz *= 1.0
        return backward(dz, a, W)
    assert "All tests passed!" in run(check_dense_backward, inplace, capsys)


# ---- the reference solutions and the skeletons as shipped -------------------------------------

from nnlib.exercises.ch04_backprop import QUIZ  # noqa: E402
from nnlib.exercises.quiz import check_answer  # noqa: E402
from nnlib.exercises.solutions import ch04_backprop as ref  # noqa: E402


def test_reference_solutions_pass(capsys):
    assert run(check_neuron_grads, ref.neuron_grads, capsys).strip() == "All tests passed!"
    assert run(check_dense_backward, ref.dense_backward, capsys).strip() == "All tests passed!"


def test_skeletons_say_not_done(capsys):
    def neuron_grads(x, y, w, b):
        return None

    def dense_backward(dz, a_in, W):
        return None
    out = run(check_neuron_grads, neuron_grads, capsys)
    assert len(out.strip().splitlines()) == 1 and out.startswith("Not done yet: `neuron_grads` still returns None")
    out = run(check_dense_backward, dense_backward, capsys)
    assert len(out.strip().splitlines()) == 1 and out.startswith("Not done yet: `dense_backward` still returns None")


def test_hints_for_every_solution():
    for name in ("neuron_grads", "dense_backward"):
        assert 2 <= len(ref.HINTS[name]) <= 3 and callable(getattr(ref, name))


def test_quiz_numbers_are_the_chapters():
    import numpy as np
    w = 1.0
    assert QUIZ[0].answer == 2 * (2 + 3 * w) * 3
    x, y, w1, b1, w2, b2 = 1.0, 5.0, 2.0, 0.0, 3.0, 1.0
    a1 = max(w1 * x + b1, 0.0)
    assert QUIZ[1].answer == (w2 * a1 + b2 - y) * a1
    assert not check_answer(QUIZ[1], 6)[0]          # dJ/dw1, the tempting neighbour
    factor = 1 - 18 * 0.1                           # the step factor for alpha = 0.1
    assert -1 < factor < 0 and QUIZ[2].answer == 1  # zig-zag that converges
    assert (np.zeros((8, 3)).T @ np.zeros((8, 1))).shape == (3, 1) and QUIZ[3].answer == 0
