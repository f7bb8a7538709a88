"""The chapter 9 checks pass right answers and catch the usual wrong ones, with a useful message."""
import numpy as np
from sklearn.metrics import precision_score, recall_score

from nnlib.exercises.ch09_multilabel import check_precision_recall, check_predict_labels


def run(check, fn, capsys):
    check(fn)
    return capsys.readouterr().out


# ---- predictions with a threshold ---------------------------------------------------------
def test_predict_right(capsys):
    assert "All tests passed!" in run(check_predict_labels, lambda P, t: (P >= t).astype(int), capsys)


def test_predict_argmax_is_multiclass_thinking(capsys):
    out = run(check_predict_labels, lambda P, t: np.argmax(P, axis=1), capsys)
    assert "Check failed (threshold 0.5)" in out and "argmax" in out


def test_predict_one_hot_argmax_fails(capsys):
    out = run(check_predict_labels, lambda P, t: np.eye(P.shape[1])[np.argmax(P, axis=1)], capsys)
    assert "Check failed (threshold 0.5)" in out and "expected" in out


def test_predict_ignores_threshold(capsys):
    out = run(check_predict_labels, lambda P, t: (P >= 0.5).astype(int), capsys)
    assert "Check failed (another threshold)" in out and "threshold argument" in out


def test_predict_strict_inequality(capsys):
    out = run(check_predict_labels, lambda P, t: (P > t).astype(int), capsys)
    assert "Check failed (a probability equal to the threshold)" in out and ">=" in out


# ---- precision and recall -----------------------------------------------------------------
def right_pr(Y, Yh):
    tp = ((Yh == 1) & (Y == 1)).sum(axis=0)
    fp = ((Yh == 1) & (Y == 0)).sum(axis=0)
    fn = ((Yh == 0) & (Y == 1)).sum(axis=0)
    prec = np.where(tp + fp > 0, tp / np.maximum(tp + fp, 1), 0.0)
    rec = np.where(tp + fn > 0, tp / np.maximum(tp + fn, 1), 0.0)
    return prec, rec


def test_pr_right(capsys):
    assert "All tests passed!" in run(check_precision_recall, right_pr, capsys)


def test_pr_right_with_sklearn(capsys):
    def sk(Y, Yh):
        return (precision_score(Y, Yh, average=None, zero_division=0),
                recall_score(Y, Yh, average=None, zero_division=0))
    assert "All tests passed!" in run(check_precision_recall, sk, capsys)


def test_pr_swapped(capsys):
    out = run(check_precision_recall, lambda Y, Yh: right_pr(Y, Yh)[::-1], capsys)
    assert "Check failed (values)" in out and "swapped" in out


def test_pr_micro_average_over_all_labels(capsys):
    def micro(Y, Yh):
        tp = ((Yh == 1) & (Y == 1)).sum()
        return tp / (Yh == 1).sum(), tp / (Y == 1).sum()
    out = run(check_precision_recall, micro, capsys)
    assert "Check failed (shapes)" in out and "axis=0" in out


def test_pr_wrong_denominator(capsys):
    def accuracy_like(Y, Yh):  # divides by all examples instead of the predicted positives
        tp = ((Yh == 1) & (Y == 1)).sum(axis=0)
        return tp / len(Y), right_pr(Y, Yh)[1]
    out = run(check_precision_recall, accuracy_like, capsys)
    assert "Check failed (values)" in out and "precision per label" in out and "TP_k + FP_k" in out


def test_pr_nan_on_zero_division(capsys):
    def nan_version(Y, Yh):
        tp = ((Yh == 1) & (Y == 1)).sum(axis=0)
        with np.errstate(all="ignore"):
            return tp / (Yh == 1).sum(axis=0), tp / (Y == 1).sum(axis=0)
    out = run(check_precision_recall, nan_version, capsys)
    assert "Check failed (a label never predicted)" in out and "0 / 0" in out


def test_pr_returns_one_array(capsys):
    out = run(check_precision_recall, lambda Y, Yh: np.zeros(3), capsys)
    assert "Check failed (shapes)" in out and "two arrays" in out


# ---- the three ways of issue 11: reference solution, untouched skeleton; and the quiz ------
import pytest  # noqa: E402

from nnlib.exercises import ch09_multilabel as exercises  # noqa: E402
from nnlib.exercises.quiz import check_answer  # noqa: E402
from nnlib.exercises.solutions import ch09_multilabel as solutions  # noqa: E402

CHECKS = [(check_predict_labels, "my_predict_labels"), (check_precision_recall, "my_precision_recall")]


@pytest.mark.parametrize("check, name", CHECKS)
def test_reference_solution_passes(check, name, capsys):
    assert run(check, getattr(solutions, name), capsys).strip() == "All tests passed!"


@pytest.mark.parametrize("check, name", CHECKS)
def test_skeleton_says_not_done(check, name, capsys):
    def skeleton(*args, **kwargs):
        return None
    skeleton.__name__ = name
    out = run(check, skeleton, capsys)
    assert out.startswith(f"Not done yet: `{name}` still returns None — ") and out.count("\n") == 1


@pytest.mark.parametrize("check, name", CHECKS)
def test_hints_exist(check, name):
    assert 2 <= len(solutions.HINTS[name]) <= 3


def test_quiz_numbers_match_the_chapter():
    # question 2: the chapter's hand computation of L for y = [1, 0, 1], a = [0.9, 0.2, 0.7]
    y, a = np.array([1.0, 0, 1]), np.array([0.9, 0.2, 0.7])
    L = np.mean(-(y * np.log(a) + (1 - y) * np.log(1 - a)))
    assert check_answer(exercises.QUIZ[1], L)[0]


def test_widget_precision_recall_uses_the_exercise_convention():
    from nnlib.widgets.ch09_multilabel import precision_recall
    Y = np.array([[1, 0], [0, 1], [1, 0]], dtype=float)
    P = np.array([[0.2, 0.1], [0.1, 0.9], [0.3, 0.2]])
    p, r = precision_recall(Y, P, 0.5)          # label 0 never predicted: 0 / 0 -> 0.0
    assert np.all(np.isfinite(p)) and p.tolist() == [0.0, 1.0] and r.tolist() == [0.0, 1.0]
