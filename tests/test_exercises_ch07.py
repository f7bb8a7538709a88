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


# ---- the three ways: reference solution, untouched skeleton (above: typical wrong answers) ----
def test_reference_solution_passes(capsys):
    from nnlib.exercises.solutions.ch07_softmax import my_softmax
    assert run(my_softmax, capsys).strip() == "All tests passed!"


def test_skeleton_says_not_done(capsys):
    def my_softmax(z):
        return None
    out = run(my_softmax, capsys)
    assert out.startswith("Not done yet: `my_softmax` still returns None") and out.count("\n") == 1
    assert "Traceback" not in out


def test_hints_exist_for_every_solution():
    from nnlib.exercises.solutions import ch07_softmax as sol
    assert 2 <= len(sol.HINTS["my_softmax"]) <= 3


# ---- quiz: the answers are the chapter's own numbers (test_exercises_notebooks checks every option)
def test_quiz_answers():
    from nnlib.activations import softmax
    from nnlib.exercises.ch07_softmax import QUIZ
    from nnlib.exercises.quiz import check_answer
    # the numbers are the chapter's own
    z = np.array([[1.0, 2.0, 3.0, 4.0]])
    assert check_answer(QUIZ[0], softmax(z + 100)[0, 3])[0]
    assert check_answer(QUIZ[1], -np.log(softmax(np.zeros((1, 4)))[0, 0]))[0]
    a = softmax(z)[0]
    assert check_answer(QUIZ[2], a[3] / a[2])[0]
    assert not check_answer(QUIZ[3], 0)[0] and check_answer(QUIZ[3], 1)[0]
