"""The chapter 1 checks pass a right answer and catch the usual wrong ones, with a useful message."""
import numpy as np

from nnlib.activations import sigmoid
from nnlib.exercises.ch01_neurons import check_layer, check_neuron


def run(check, fn, capsys):
    check(fn)
    return capsys.readouterr().out


def test_neuron_right(capsys):
    assert "All tests passed!" in run(check_neuron, lambda x, w, b: sigmoid(np.dot(w, x) + b), capsys)


def test_neuron_without_bias(capsys):
    out = run(check_neuron, lambda x, w, b: sigmoid(np.dot(w, x)), capsys)
    assert "Check failed" in out and "expected" in out


def test_neuron_without_activation(capsys):
    out = run(check_neuron, lambda x, w, b: np.dot(w, x) + b, capsys)
    assert "Check failed" in out


def test_neuron_that_raises(capsys):
    out = run(check_neuron, lambda x, w, b: undefined_name, capsys)  # noqa: F821
    assert "raised NameError" in out


def test_layer_right(capsys):
    assert "All tests passed!" in run(check_layer, lambda x, W, b: sigmoid(x @ W + b), capsys)


def test_layer_rows_instead_of_columns(capsys):
    def wrong(x, W, b):
        return np.array([sigmoid(np.dot(W[j], x[: W.shape[1]]) + b[j]) for j in range(W.shape[1])])
    out = run(check_layer, wrong, capsys)
    assert "Check failed (values)" in out and "W[:, j]" in out
