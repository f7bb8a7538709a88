"""The chapter 13 checks, three ways: the reference solution passes, the skeleton says "Not done yet",
typical wrong answers are told precisely what is wrong. And every quiz answer is checked."""
import pytest

from nnlib.exercises import ch13_playground as ex
from nnlib.exercises.ch13_playground import QUIZ, check_spiral_settings, check_unit_response, report_test_once
from nnlib.exercises.solutions import ch13_playground as sol

GOOD = sol.spiral_settings()


def run(check, arg, capsys):
    check(arg)
    return capsys.readouterr().out


def settings(**changes):
    """A spiral_settings function returning the reference settings with some changed."""
    def spiral_settings():
        return {**GOOD, **changes}
    return spiral_settings


# ---- exercise 1: settings that learn the spiral ----------------------------------------------
def test_spiral_reference_solution(capsys):
    assert run(check_spiral_settings, sol.spiral_settings, capsys) == "All tests passed!\n"


def test_spiral_skeleton(capsys):
    def spiral_settings():
        return None
    out = run(check_spiral_settings, spiral_settings, capsys)
    assert out.startswith("Not done yet: `spiral_settings` still returns None — return a dict")
    assert out.count("\n") == 1
    # its example shows the form only: not the app's default (which falls short at seed 0) nor an answer
    assert "'steps': 800" not in out and "fall short" in out


def test_spiral_judged_on_validation_and_test_once(capsys):
    acc = report_test_once(sol.spiral_settings)
    out = capsys.readouterr().out
    assert "validation 0.960" in out and "test 0.955" in out and acc == pytest.approx(0.955)


def test_spiral_tanh_16_also_passes(capsys):
    assert "All tests passed!" in run(check_spiral_settings, settings(activation="tanh"), capsys)


def test_spiral_linear_activation(capsys):
    out = run(check_spiral_settings, settings(activation="linear"), capsys)
    assert "Check failed (validation accuracy)" in out and "straight line" in out


def test_spiral_too_few_units(capsys):
    out = run(check_spiral_settings, settings(hidden="3", activation="tanh"), capsys)
    assert "Check failed (validation accuracy)" in out and "more units" in out


def test_spiral_app_default_falls_short(capsys):
    out = run(check_spiral_settings, settings(hidden="8,8", activation="tanh"), capsys)
    assert "validation accuracy 0.865" in out
    # Adam at 0.03 is already a good rate: the advice is more units or steps, not a larger rate
    assert "more units or more steps" in out and "larger learning rate" not in out


def test_spiral_small_adam_rate_is_told_to_grow(capsys):
    out = run(check_spiral_settings, settings(learning_rate=0.001, steps=200), capsys)
    assert "Check failed (validation accuracy)" in out and "larger learning rate" in out


def test_spiral_too_few_steps(capsys):
    out = run(check_spiral_settings, settings(steps=20), capsys)
    assert "Check failed (validation accuracy)" in out and "more steps" in out


def test_spiral_diverges(capsys):
    out = run(check_spiral_settings, settings(activation="tanh", optimizer="gradient descent",
                                              learning_rate=10.0), capsys)
    assert "Check failed (training)" in out and "diverged" in out and "learning rate" in out


def test_spiral_bad_settings(capsys):
    assert "unknown setting(s) ['lr']" in run(check_spiral_settings, settings(lr=0.1), capsys)
    assert "from 1 to 5000" in run(check_spiral_settings, settings(steps=10**6), capsys)
    no_steps = {k: v for k, v in GOOD.items() if k != "steps"}
    assert "from 1 to 5000" in run(check_spiral_settings, lambda: no_steps, capsys)
    assert "must return a dict" in run(check_spiral_settings, lambda: ["16,16"], capsys)
    out = run(check_spiral_settings, settings(hidden="16,,x"), capsys)
    assert "Check failed (training)" in out and "commas" in out
    out = run(check_spiral_settings, settings(activation="swish"), capsys)
    assert "Check failed (training)" in out and "activation must be one of" in out


# ---- exercise 2: one unit's response over the plane ------------------------------------------
def test_unit_reference_solution(capsys):
    assert run(check_unit_response, sol.unit_response, capsys) == "All tests passed!\n"


def test_unit_skeleton(capsys):
    def unit_response(model, l, j, X):
        return None
    out = run(check_unit_response, unit_response, capsys)
    assert out.startswith("Not done yet: `unit_response` still returns None — start from a = X")
    assert out.count("\n") == 1


def test_unit_returns_z(capsys):
    def unit_response(model, l, j, X):
        a = X
        for layer in model.layers[:l - 1]:
            a = layer.g(a @ layer.W + layer.b)
        layer = model.layers[l - 1]
        return (a @ layer.W + layer.b)[:, j]
    out = run(check_unit_response, unit_response, capsys)
    assert "Check failed (layer 1, unit 0)" in out and "z_j^[1]" in out and "a = g(z)" in out


def test_unit_off_by_one_layer(capsys):
    def unit_response(model, l, j, X):
        return sol.unit_response(model, l + 1, j, X) if l < len(model.layers) else sol.unit_response(model, l, j, X)
    out = run(check_unit_response, unit_response, capsys)
    assert "Check failed" in out and "Layers count from 1" in out


def test_unit_whole_layer(capsys):
    def unit_response(model, l, j, X):
        a = X
        for layer in model.layers[:l]:
            a = layer.g(a @ layer.W + layer.b)
        return a
    out = run(check_unit_response, unit_response, capsys)
    assert "Check failed (layer 1, unit 0)" in out and "one number per example" in out


def test_unit_that_raises(capsys):
    out = run(check_unit_response, lambda model, l, j, X: model.layers[l].nonexistent, capsys)
    assert "Check failed (layer 1, unit 0): your code raised AttributeError" in out


# ---- the quiz ------------------------------------------------------------------------------
def test_quiz_answers_match_the_chapter():
    """The numbers in the quiz are the chapter's: 105 parameters, a^[1] on the grid is (2500, 8)."""
    from nnlib.widgets.ch13_playground import Playground
    pg = Playground()
    assert sum(w.size for w in pg.model.get_weights()) == QUIZ[0].answer == 105
    assert QUIZ[1].options[QUIZ[1].answer] == str(pg.responses()[0].shape) == "(2500, 8)"
    assert ex.SPIRAL_TARGET == 0.9
