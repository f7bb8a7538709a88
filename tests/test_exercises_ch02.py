"""The chapter 2 checks pass a right answer and catch the usual wrong ones, with a useful message."""
import numpy as np

from nnlib.activations import sigmoid
from nnlib.exercises.ch02_forward import check_dense, check_dense_columns


def run(check, fn, capsys):
    check(fn)
    return capsys.readouterr().out


# ---- check_dense (row convention) ------------------------------------------------------------
def test_dense_right(capsys):
    assert run(check_dense, lambda A, W, b, g: g(np.matmul(A, W) + b), capsys).strip() == "All tests passed!"


def test_dense_right_with_a_loop_also_passes(capsys):
    def loop(A, W, b, g):
        out = np.zeros((A.shape[0], W.shape[1]))
        for i in range(A.shape[0]):
            for j in range(W.shape[1]):
                out[i, j] = g(np.dot(A[i], W[:, j]) + b[j])
        return out
    assert "All tests passed!" in run(check_dense, loop, capsys)


def test_dense_without_bias(capsys):
    out = run(check_dense, lambda A, W, b, g: g(A @ W), capsys)
    assert "Check failed (a batch of 5 examples)" in out and "left out b" in out


def test_dense_without_activation(capsys):
    out = run(check_dense, lambda A, W, b, g: A @ W + b, capsys)
    assert "Check failed" in out and "apply the activation" in out


def test_dense_bias_after_activation(capsys):
    out = run(check_dense, lambda A, W, b, g: g(A @ W) + b, capsys)
    assert "Check failed" in out and "bias goes inside" in out


def test_dense_transposed_result(capsys):
    out = run(check_dense, lambda A, W, b, g: g(A @ W + b).T, capsys)
    assert "Check failed" in out and "(5, 3)" in out and "transpose" in out


def test_dense_hard_coded_sigmoid(capsys):
    out = run(check_dense, lambda A, W, b, g: sigmoid(A @ W + b), capsys)
    assert "Check failed (the activation g)" in out and "always used sigmoid" in out


def test_dense_column_order_raises(capsys):
    out = run(check_dense, lambda A, W, b, g: g(W @ A + b), capsys)
    assert "Check failed" in out and "raised ValueError" in out


def test_dense_only_first_row(capsys):
    out = run(check_dense, lambda A, W, b, g: g(A[0] @ W + b), capsys)
    assert "Check failed" in out and "expected shape (5, 3)" in out


# ---- check_dense_columns ---------------------------------------------------------------------
def test_columns_right(capsys):
    assert "All tests passed!" in run(check_dense_columns, lambda A, W, b, g: g(W @ A + b), capsys)


def test_columns_row_convention_answer(capsys):
    out = run(check_dense_columns, lambda A, W, b, g: g(A.T @ W.T + b.T), capsys)
    assert "Check failed" in out and "(3, 5)" in out


def test_columns_without_bias(capsys):
    out = run(check_dense_columns, lambda A, W, b, g: g(W @ A), capsys)
    assert "Check failed" in out and "left out b" in out


def test_columns_hard_coded_sigmoid(capsys):
    out = run(check_dense_columns, lambda A, W, b, g: sigmoid(W @ A + b), capsys)
    assert "Check failed (the activation g)" in out
