"""The chapter 10 checks pass right answers (Keras's form and the textbook form of Adam) and catch
the usual mistakes with a message that points at the fix."""
import numpy as np

from nnlib.exercises.ch10_adam import check_adam_step, check_momentum_step


def run(check, fn, capsys):
    check(fn)
    return capsys.readouterr().out


def adam_textbook(w, g, m, v, t, alpha=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    m = beta_1 * m + (1 - beta_1) * g
    v = beta_2 * v + (1 - beta_2) * g ** 2
    m_hat, v_hat = m / (1 - beta_1 ** t), v / (1 - beta_2 ** t)
    return w - alpha * m_hat / (np.sqrt(v_hat) + epsilon), m, v


def adam_keras_form(w, g, m, v, t, alpha=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    m = m + (1 - beta_1) * (g - m)
    v = v + (1 - beta_2) * (g * g - v)
    alpha_t = alpha * np.sqrt(1 - beta_2 ** t) / (1 - beta_1 ** t)
    return w - alpha_t * m / (np.sqrt(v) + epsilon), m, v


def test_adam_textbook_form_passes(capsys):
    assert "All tests passed!" in run(check_adam_step, adam_textbook, capsys)


def test_adam_keras_form_passes(capsys):
    assert "All tests passed!" in run(check_adam_step, adam_keras_form, capsys)


def test_adam_without_bias_correction(capsys):
    def wrong(w, g, m, v, t, alpha=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
        m = beta_1 * m + (1 - beta_1) * g
        v = beta_2 * v + (1 - beta_2) * g ** 2
        return w - alpha * m / (np.sqrt(v) + epsilon), m, v
    out = run(check_adam_step, wrong, capsys)
    assert "Check failed (the first step)" in out and "bias correction" in out


def test_adam_v_of_gradient_not_square(capsys):
    def wrong(w, g, m, v, t, alpha=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
        m = beta_1 * m + (1 - beta_1) * g
        v = beta_2 * v + (1 - beta_2) * np.abs(g)
        m_hat, v_hat = m / (1 - beta_1 ** t), v / (1 - beta_2 ** t)
        return w - alpha * m_hat / (np.sqrt(v_hat) + epsilon), m, v
    out = run(check_adam_step, wrong, capsys)
    assert "Check failed (the moments m and v)" in out and "SQUARED" in out


def test_adam_moment_restarted_each_step(capsys):
    def wrong(w, g, m, v, t, alpha=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
        return adam_textbook(w, g, np.zeros_like(m), v, t, alpha, beta_1, beta_2, epsilon)
    out = run(check_adam_step, wrong, capsys)
    assert "Check failed (three steps in a row)" in out and "previous value" in out


def test_adam_step_counter_off_by_one(capsys):
    def wrong(w, g, m, v, t, **kw):
        return adam_textbook(w, g, m, v, t + 1, **kw)
    out = run(check_adam_step, wrong, capsys)
    assert "Check failed" in out and "expected" in out


def test_adam_wrong_return(capsys):
    out = run(check_adam_step, lambda w, g, m, v, t, **kw: w, capsys)
    assert "must return a tuple (w, m, v)" in out


def test_momentum_right(capsys):
    def right(w, g, v, alpha, beta):
        v = beta * v - alpha * g
        return w + v, v
    assert "All tests passed!" in run(check_momentum_step, right, capsys)


def test_momentum_old_velocity(capsys):
    def wrong(w, g, v, alpha, beta):
        v_new = beta * v - alpha * g
        return w + v, v_new
    out = run(check_momentum_step, wrong, capsys)
    assert "Check failed" in out and "NEW v" in out


def test_momentum_without_memory(capsys):
    out = run(check_momentum_step, lambda w, g, v, alpha, beta: (w - alpha * g, -alpha * g), capsys)
    assert "Check failed" in out and "beta v" in out


# ---- the three ways of issue 11: reference solution, untouched skeleton; and the quiz ------
import pytest  # noqa: E402

from nnlib.exercises.solutions import ch10_adam as solutions  # noqa: E402

CHECKS = [(check_adam_step, "my_adam_step"), (check_momentum_step, "my_momentum_step")]


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


def test_momentum_skeleton_returning_only_w(capsys):
    out = run(check_momentum_step, lambda w, g, v, alpha, beta: w, capsys)
    assert "Check failed" in out and "tuple (w, v)" in out
