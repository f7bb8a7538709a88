"""The chapter 7 checks pass a right answer and catch the usual wrong ones, with a useful message."""
import numpy as np

from nnlib.exercises.ch07_softmax import check_softmax


def run(fn, capsys):
    check_softmax(fn)
    return capsys.readouterr().out


def stable(z):
    e = np.exp(z - np.max(z, axis=1, keepdims=True))
    return e / np.sum(e, axis=1, keepdims=True)


def test_stable_right(capsys):
    assert "All tests passed!" in run(stable, capsys)


def test_stable_right_with_last_axis(capsys):
    def f(z):
        z = np.asarray(z, dtype=float)
        e = np.exp(z - z.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)
    assert "All tests passed!" in run(f, capsys)


def test_naive_overflows(capsys):
    out = run(lambda z: np.exp(z) / np.sum(np.exp(z), axis=1, keepdims=True), capsys)
    assert "Check failed (huge logits)" in out and "NaN or inf" in out and "Subtract" in out


def test_global_max(capsys):
    def f(z):
        e = np.exp(z - np.max(z))
        return e / np.sum(e, axis=1, keepdims=True)
    out = run(f, capsys)
    assert "Check failed (huge logits)" in out and "EACH ROW" in out and "whole array" in out


def test_normalised_over_everything(capsys):
    def f(z):
        e = np.exp(z - np.max(z, axis=1, keepdims=True))
        return e / np.sum(e)
    out = run(f, capsys)
    assert "Check failed (several examples, row by row)" in out and "row sums" in out


def test_normalised_over_axis0(capsys):
    def f(z):
        e = np.exp(z - np.max(z, axis=1, keepdims=True))
        return e / np.sum(e, axis=0, keepdims=True)
    out = run(f, capsys)
    assert "Check failed (one example)" in out and "axis=0" in out


def test_without_keepdims(capsys):
    def f(z):
        e = np.exp(z - np.max(z, axis=1, keepdims=True))
        return e / np.sum(e, axis=1)   # (m, n) / (m,) broadcasts wrongly or raises
    out = run(f, capsys)
    assert "Check failed" in out


def test_changes_its_input(capsys):
    def f(z):
        z -= np.max(z, axis=1, keepdims=True)
        e = np.exp(z)
        return e / np.sum(e, axis=1, keepdims=True)
    out = run(f, capsys)
    assert "Check failed (the input is left unchanged)" in out and "z -=" in out


def test_sigmoid_is_not_softmax(capsys):
    out = run(lambda z: 1 / (1 + np.exp(-z)), capsys)
    assert "Check failed (one example)" in out and "sum to 1" in out
