"""The chapter 1 checks, run three ways: on the reference solution (passes), on the skeleton as
shipped (says not done), and on typical wrong answers (says what is wrong); and the quiz."""
import numpy as np
import pytest

from nnlib.activations import sigmoid
from nnlib.exercises.ch01_neurons import QUIZ, check_layer, check_neuron
from nnlib.exercises.solutions import ch01_neurons as sol


def run(check, fn, capsys):
    check(fn)
    return capsys.readouterr().out


# ---- the reference solutions pass -----------------------------------------------------------
def test_neuron_reference_solution(capsys):
    assert run(check_neuron, sol.my_neuron, capsys).strip() == "All tests passed!"


def test_layer_reference_solution(capsys):
    assert run(check_layer, sol.my_layer, capsys).strip() == "All tests passed!"


def test_every_solution_has_hints():
    for name in ["my_neuron", "my_layer"]:
        assert 2 <= len(sol.HINTS[name]) <= 3, name


# ---- the skeleton as shipped says "Not done yet", in one line -------------------------------
def test_neuron_skeleton(capsys):
    def my_neuron(x, w, b):
        return None
    out = run(check_neuron, my_neuron, capsys)
    assert out.strip().splitlines() == [
        "Not done yet: `my_neuron` still returns None — compute z = w · x + b, then return g(z)."]


def test_layer_skeleton(capsys):
    def my_layer(x, W, b):
        return None
    out = run(check_layer, my_layer, capsys)
    assert out.strip().splitlines() == [
        "Not done yet: `my_layer` still returns None — fill in the loop over units j."]


# ---- typical wrong answers say what is wrong -------------------------------------------------
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
    assert "raised NameError" in out and "Traceback" not in out


def test_layer_right(capsys):
    assert "All tests passed!" in run(check_layer, lambda x, W, b: sigmoid(x @ W + b), capsys)


def test_layer_rows_instead_of_columns(capsys):
    def wrong(x, W, b):
        return np.array([sigmoid(np.dot(W[j], x[: W.shape[1]]) + b[j]) for j in range(W.shape[1])])
    out = run(check_layer, wrong, capsys)
    assert "Check failed (values)" in out and "W[:, j]" in out


def test_layer_one_unit_only(capsys):
    out = run(check_layer, lambda x, W, b: sigmoid(np.dot(W[:, 0], x) + b[0]), capsys)
    assert "Check failed (shape of a_out)" in out and "(3,)" in out


# ---- the quiz --------------------------------------------------------------------------------
def test_quiz_answers_are_the_chapters_numbers():
    w, b = 2.0, -4.5
    assert QUIZ[1].answer == 4 * 3 + 3
    assert QUIZ[2].answer == pytest.approx(-b / w)
    assert sigmoid(w * QUIZ[2].answer + b) == pytest.approx(0.5)
    assert QUIZ[0].options[QUIZ[0].answer] == "(4, 3)"
