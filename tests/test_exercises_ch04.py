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
