"""The chapter 8 checks pass right answers and catch the usual wrong ones, with a useful message."""
import numpy as np

from nnlib.exercises.ch08_stability import check_bce_from_logits, check_logsumexp
from nnlib.losses import BinaryCrossentropy


def run(check, fn, capsys):
    check(fn)
    return capsys.readouterr().out


# ---- binary cross-entropy from logits ----------------------------------------------------
def stable_bce(y, z):
    return np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))


def test_bce_right(capsys):
    assert "All tests passed!" in run(check_bce_from_logits, stable_bce, capsys)


def test_bce_right_with_logaddexp(capsys):
    def other(y, z):  # another correct form: -log g(z) = log(1 + e^-z) = logaddexp(0, -z)
        return y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z)
    assert "All tests passed!" in run(check_bce_from_logits, other, capsys)


def test_bce_right_with_nnlib(capsys):
    # nnlib's loss returns the mean; per example means one example at a time
    def per_example(y, z):
        return np.array([BinaryCrossentropy(from_logits=True)([yi], [zi]) for yi, zi in zip(y, z)])
    assert "All tests passed!" in run(check_bce_from_logits, per_example, capsys)


def test_bce_naive_fails_on_huge_logits(capsys):
    def naive(y, z):
        a = 1 / (1 + np.exp(-z))
        return -(y * np.log(a) + (1 - y) * np.log(1 - a))
    out = run(check_bce_from_logits, naive, capsys)
    assert "Check failed (logits where 1 - sigmoid(z) rounds to 0)" in out and "max(z, 0)" in out
    assert "not a number" in out


def test_bce_unstabilised_softplus_fails(capsys):
    def half_stable(y, z):  # the right formula, but e^(-z) overflows for z = -1000
        return y * np.log(1 + np.exp(-z)) + (1 - y) * np.log(1 + np.exp(z))
    out = run(check_bce_from_logits, half_stable, capsys)
    assert "Check failed (logits of +-1000)" in out and "not a number" in out


def test_bce_clipped_probabilities_fail(capsys):
    def clipped(y, z):  # what a loss on model.predict output does: finite, but wrong
        a = np.clip(1 / (1 + np.exp(-np.clip(z, -500, 500))), 1e-7, 1 - 1e-7)
        return -(y * np.log(a) + (1 - y) * np.log(1 - a))
    out = run(check_bce_from_logits, clipped, capsys)
    assert "Check failed (logits where 1 - sigmoid(z) rounds to 0)" in out
    assert "expected" in out and "16.1" in out and "clip" in out


def test_bce_sign_error(capsys):
    out = run(check_bce_from_logits, lambda y, z: np.maximum(z, 0) + z * y + np.log1p(np.exp(-np.abs(z))),
              capsys)
    assert "Check failed (moderate logits)" in out and "sign of z" in out


def test_bce_mean_instead_of_per_example(capsys):
    out = run(check_bce_from_logits, lambda y, z: np.mean(stable_bce(y, z)), capsys)
    assert "Check failed (shape)" in out and "per-example" in out


def test_bce_that_raises(capsys):
    out = run(check_bce_from_logits, lambda y, z: undefined_name, capsys)  # noqa: F821
    assert "raised NameError" in out


# ---- log-sum-exp -------------------------------------------------------------------------
def test_logsumexp_right(capsys):
    def lse(z):
        c = np.max(z, axis=-1, keepdims=True)
        return np.log(np.sum(np.exp(z - c), axis=-1)) + c[:, 0]
    assert "All tests passed!" in run(check_logsumexp, lse, capsys)


def test_logsumexp_naive_fails(capsys):
    out = run(check_logsumexp, lambda z: np.log(np.sum(np.exp(z), axis=-1)), capsys)
    assert "Check failed (logits near +-1000)" in out and "Subtract c = max_k z_k" in out


def test_logsumexp_forgets_to_add_c_back(capsys):
    def forgot(z):
        c = np.max(z, axis=-1, keepdims=True)
        return np.log(np.sum(np.exp(z - c), axis=-1))
    out = run(check_logsumexp, forgot, capsys)
    assert "Check failed (small logits)" in out and "expected" in out


def test_logsumexp_wrong_axis(capsys):
    def over_all(z):
        c = np.max(z)
        return np.full(1, np.log(np.sum(np.exp(z - c))) + c)
    out = run(check_logsumexp, over_all, capsys)
    assert "Check failed (small logits)" in out and "axis=-1" in out


# ---- the three ways: reference solutions, untouched skeletons (above: typical wrong answers) ----
def test_reference_solutions_pass(capsys):
    from nnlib.exercises.solutions.ch08_stability import my_bce_from_logits, my_logsumexp
    assert run(check_bce_from_logits, my_bce_from_logits, capsys).strip() == "All tests passed!"
    assert run(check_logsumexp, my_logsumexp, capsys).strip() == "All tests passed!"


def test_skeletons_say_not_done(capsys):
    def my_bce_from_logits(y, z):
        return None

    def my_logsumexp(z):
        return None
    out = run(check_bce_from_logits, my_bce_from_logits, capsys)
    assert out.startswith("Not done yet: `my_bce_from_logits` still returns None") and out.count("\n") == 1
    out = run(check_logsumexp, my_logsumexp, capsys)
    assert out.startswith("Not done yet: `my_logsumexp` still returns None") and out.count("\n") == 1


def test_hints_exist_for_every_solution():
    from nnlib.exercises.solutions import ch08_stability as sol
    for name in ("my_bce_from_logits", "my_logsumexp"):
        assert 2 <= len(sol.HINTS[name]) <= 3


# ---- quiz: the answers are the chapter's own numbers (test_exercises_notebooks checks every option)
def test_quiz_answers():
    from nnlib.exercises.ch08_stability import QUIZ
    from nnlib.exercises.quiz import check_answer
    # the numbers are the chapter's own
    with np.errstate(all="ignore"):
        naive = [-np.log(1 - 1 / (1 + np.exp(-z))) for z in (36.0, 37.0)]
    assert np.isfinite(naive[0]) and np.isinf(naive[1])
    assert not check_answer(QUIZ[0], 36)[0]
    assert check_answer(QUIZ[1], BinaryCrossentropy()([1.0], [0.0]))[0]   # g(-1000) is 0.0 in float64
    assert check_answer(QUIZ[2], np.logaddexp(1000.0, 1000.0))[0]
    assert check_answer(QUIZ[2], "1000.69")[0]
