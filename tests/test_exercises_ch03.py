"""The chapter 3 checks pass a right answer and catch the usual wrong ones, with a useful message."""

import nnlib
from nnlib import Dense, Sequential
from nnlib.exercises.ch03_workflow import QUIZ, check_coffee_model, check_normalize
from nnlib.exercises.quiz import check_answer
from nnlib.losses import BinaryCrossentropy, MeanSquaredError
from nnlib.optimizers import Adam


def run(check, fn, capsys):
    check(fn)
    return capsys.readouterr().out


# ---- check_normalize ---------------------------------------------------------------------------
def test_normalize_right(capsys):
    out = run(check_normalize, lambda Xt, X: (X - Xt.mean(axis=0)) / Xt.std(axis=0), capsys)
    assert out.strip() == "All tests passed!"


def test_normalize_with_the_new_data_statistics(capsys):
    out = run(check_normalize, lambda Xt, X: (X - X.mean(axis=0)) / X.std(axis=0), capsys)
    assert "Check failed (new examples use the training statistics)" in out and "OWN mean" in out


def test_normalize_one_mean_for_the_whole_matrix(capsys):
    out = run(check_normalize, lambda Xt, X: (X - Xt.mean()) / Xt.std(), capsys)
    assert "Check failed (one mean and std per feature)" in out and "axis=0" in out


def test_normalize_forgets_the_std(capsys):
    out = run(check_normalize, lambda Xt, X: X - Xt.mean(axis=0), capsys)
    assert "Check failed" in out and "expected" in out


def test_normalize_sample_std_is_wrong(capsys):
    # ddof=1 (the sample std) is not what Keras's Normalization or the course uses
    out = run(check_normalize, lambda Xt, X: (X - Xt.mean(axis=0)) / Xt.std(axis=0, ddof=1), capsys)
    assert "Check failed" in out


# ---- check_coffee_model ------------------------------------------------------------------------
def trainer(epochs=300, lr=0.05, units=6, loss=BinaryCrossentropy, last="sigmoid", compile_=True, ret=True):
    def train_coffee(X, y):
        nnlib.set_random_seed(0)
        model = Sequential([Dense(units, activation="sigmoid"), Dense(1, activation=last)])
        if compile_:
            model.compile(loss=loss(), optimizer=Adam(learning_rate=lr))
            model.fit(X, y, epochs=epochs, verbose=0)
        return model if ret else None
    return train_coffee


def test_coffee_right(capsys):
    out = run(check_coffee_model, trainer(), capsys)
    assert out.strip() == "All tests passed!"


def test_coffee_not_trained_enough(capsys):
    out = run(check_coffee_model, trainer(epochs=2, lr=0.001), capsys)
    assert "Check failed (accuracy on new roasts)" in out and "the target is 95%" in out


def test_coffee_forgets_to_return(capsys):
    # returning None is what the skeleton does: the friendly "not done" line, no traceback
    out = run(check_coffee_model, trainer(ret=False), capsys)
    assert out.startswith("Not done yet: `train_coffee` still returns None") and "return it" in out


def test_coffee_returns_something_else(capsys):
    out = run(check_coffee_model, lambda X, y: "model", capsys)
    assert "Check failed (build and compile)" in out and "return model" in out


def test_coffee_not_compiled(capsys):
    out = run(check_coffee_model, trainer(compile_=False), capsys)
    assert "Check failed (build and compile)" in out and "compile" in out


def test_coffee_linear_output(capsys):
    out = run(check_coffee_model, trainer(loss=MeanSquaredError, last="linear", epochs=50), capsys)
    assert "Check failed (the output layer)" in out and "sigmoid" in out


def test_coffee_code_that_raises(capsys):
    def broken(X, y):
        model = Sequential([Dense(3, activation="sigmoid"), Dense(1, activation="sigmoid")])
        model.fit(X, y)  # no compile: nnlib raises a RuntimeError that says so
        return model
    out = run(check_coffee_model, broken, capsys)
    assert "raised RuntimeError" in out and "compile" in out


# ---- the reference solutions and the skeletons as shipped -------------------------------------
from nnlib.exercises.solutions import ch03_workflow as ref  # noqa: E402


def test_reference_solutions_pass(capsys):
    assert run(check_normalize, ref.normalize, capsys).strip() == "All tests passed!"
    assert run(check_coffee_model, ref.train_coffee, capsys).strip() == "All tests passed!"


def test_skeletons_say_not_done(capsys):
    def normalize(X_train, X):
        return None

    def train_coffee(X, y):
        return None
    out = run(check_normalize, normalize, capsys)
    assert out.strip().splitlines() == [out.strip()] and out.startswith("Not done yet: `normalize` still returns None")
    out = run(check_coffee_model, train_coffee, capsys)
    assert out.strip().splitlines() == [out.strip()] and out.startswith("Not done yet: `train_coffee` still returns None")


def test_hints_for_every_solution():
    for name in ("normalize", "train_coffee"):
        assert 2 <= len(ref.HINTS[name]) <= 3 and callable(getattr(ref, name))


# ---- quiz ------------------------------------------------------------------------------------
def test_quiz_numbers_match_the_chapter():
    import numpy as np
    steps, params = QUIZ[0], QUIZ[1]
    assert steps.answer == int(np.ceil(2000 / 32)) * 10
    assert params.answer == 25 * 15 + 15
    assert not check_answer(steps, 625)[0]     # 2000 / 32 rounded down: the last, short batch is a step too
