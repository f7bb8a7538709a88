"""The chapter 11 checks pass right answers and catch the usual mistakes with a useful message."""
import numpy as np

from nnlib.activations import softmax
from nnlib.exercises.ch11_digits import check_accuracy, check_predicted_class


def run(check, fn, capsys):
    check(fn)
    return capsys.readouterr().out


def test_predicted_class_right(capsys):
    assert "All tests passed!" in run(check_predicted_class, lambda z: np.argmax(z, axis=1), capsys)


def test_predicted_class_through_softmax_also_right(capsys):
    assert "All tests passed!" in run(check_predicted_class, lambda z: np.argmax(softmax(z), axis=-1), capsys)


def test_predicted_class_wrong_axis(capsys):
    out = run(check_predicted_class, lambda z: np.argmax(z, axis=0), capsys)
    assert "Check failed" in out and "axis=1" in out


def test_predicted_class_value_not_position(capsys):
    out = run(check_predicted_class, lambda z: np.max(z, axis=1), capsys)
    assert "Check failed" in out and "POSITION" in out


def test_predicted_class_flattened_argmax(capsys):
    out = run(check_predicted_class, lambda z: np.argmax(z), capsys)
    assert "Check failed" in out and "shape (5,)" in out


def test_accuracy_right(capsys):
    assert "All tests passed!" in run(check_accuracy, lambda z, y: np.mean(np.argmax(z, axis=1) == y), capsys)


def test_accuracy_count_not_fraction(capsys):
    out = run(check_accuracy, lambda z, y: np.sum(np.argmax(z, axis=1) == y), capsys)
    assert "Check failed" in out and "divide by the number of examples" in out


def test_accuracy_wrong_axis(capsys):
    out = run(check_accuracy, lambda z, y: np.mean(np.argmax(z, axis=0) == y[: z.shape[1]]), capsys)
    assert "Check failed (4 of 5 right)" in out and "argmax over axis 1" in out


def test_accuracy_compares_logit_values(capsys):
    out = run(check_accuracy, lambda z, y: np.mean(np.max(z, axis=1) == y), capsys)
    assert "Check failed" in out and "expected" in out


def test_accuracy_that_raises(capsys):
    out = run(check_accuracy, lambda z, y: np.mean(np.argmax(z, axis=0) == y), capsys)
    assert "raised ValueError" in out


# --- the three ways: reference solution, untouched skeleton, and the quiz -------------------------

from nnlib.exercises import ch11_digits as ex  # noqa: E402
from nnlib.exercises.solutions import ch11_digits as sol  # noqa: E402


def test_reference_solutions_pass(capsys):
    assert run(check_predicted_class, sol.predicted_class, capsys).strip() == "All tests passed!"
    assert run(check_accuracy, sol.accuracy, capsys).strip() == "All tests passed!"


def test_skeletons_say_not_done(capsys):
    def predicted_class(logits):
        return None

    def accuracy(logits, y):
        return None

    out = run(check_predicted_class, predicted_class, capsys)
    assert out.startswith("Not done yet: `predicted_class` still returns None") and out.count("\n") == 1
    out = run(check_accuracy, accuracy, capsys)
    assert out.startswith("Not done yet: `accuracy` still returns None") and out.count("\n") == 1


def test_hints_for_every_solution():
    for name in ("predicted_class", "accuracy"):
        assert 2 <= len(sol.HINTS[name]) <= 3


def test_quiz_numbers_are_the_chapters():
    assert ex.QUIZ[1].answer == 400 * 25 + 25
    assert 3 <= len(ex.QUIZ) <= 5
