"""The chapter 12 check passes right answers and catches the usual mistakes with a useful message."""
import numpy as np

from nnlib.conv import conv1d
from nnlib.exercises.ch12_conv import check_conv1d


def run(fn, capsys):
    check_conv1d(fn)
    return capsys.readouterr().out


def loop_conv1d(x, w, b):
    k = len(w)
    return np.array([np.dot(w, x[t:t + k]) + b for t in range(len(x) - k + 1)])


def test_loop_right(capsys):
    assert "All tests passed!" in run(loop_conv1d, capsys)


def test_nnlib_conv1d_right(capsys):
    fn = lambda x, w, b: conv1d(x.reshape(1, -1, 1), w.reshape(-1, 1, 1), np.array([b]))[0, :, 0]  # noqa: E731
    assert "All tests passed!" in run(fn, capsys)


def test_flipped_kernel(capsys):
    out = run(lambda x, w, b: np.convolve(x, w, mode="valid") + b, capsys)
    assert "Check failed (values)" in out and "flipped" in out


def test_same_length(capsys):
    out = run(lambda x, w, b: np.correlate(x, w, mode="same") + b, capsys)
    assert "Check failed (output length)" in out and "padding='same'" in out


def test_one_window_short(capsys):
    def wrong(x, w, b):
        k = len(w)
        return np.array([np.dot(w, x[t:t + k]) + b for t in range(len(x) - k)])
    out = run(wrong, capsys)
    assert "Check failed (output length)" in out and "n - k + 1 = 5" in out


def test_missing_bias(capsys):
    out = run(lambda x, w, b: loop_conv1d(x, w, 0.0), capsys)
    assert "Check failed (values)" in out and "add the bias" in out


def test_raises(capsys):
    out = run(lambda x, w, b: x @ w, capsys)
    assert "raised ValueError" in out


# --- the three ways: reference solution, untouched skeleton, and the quiz -------------------------

from nnlib.exercises import ch12_conv as ex  # noqa: E402
from nnlib.exercises.solutions import ch12_conv as sol  # noqa: E402


def test_reference_solution_passes(capsys):
    assert run(sol.my_conv1d, capsys).strip() == "All tests passed!"


def test_skeleton_says_not_done(capsys):
    def my_conv1d(x, w, b):
        return None

    out = run(my_conv1d, capsys)
    assert out.startswith("Not done yet: `my_conv1d` still returns None") and out.count("\n") == 1


def test_hints():
    assert 2 <= len(sol.HINTS["my_conv1d"]) <= 3


def test_quiz_answers_are_computed():
    from nnlib.conv import output_length
    assert ex.QUIZ[0].answer == output_length(200, 9)
    assert ex.QUIZ[1].answer == output_length(100, 20, strides=10)
    x, w = np.random.default_rng(0).normal(size=30), np.arange(5.0)
    np.testing.assert_allclose(np.convolve(x, w[::-1], mode="valid"), np.correlate(x, w, mode="valid"))
    assert ex.QUIZ[3].options[ex.QUIZ[3].answer].startswith("`np.correlate")
