"""The chapter 13 checks pass a right answer and catch the usual wrong ones, with a useful message."""
import numpy as np

from nnlib.exercises.ch13_playground import check_spiral_settings, check_unit_response

GOOD = {"hidden": "16,16", "activation": "relu", "output": "sigmoid", "loss": "cross-entropy",
        "optimizer": "adam", "learning_rate": 0.03, "steps": 800}


def run(check, arg, capsys):
    check(arg)
    return capsys.readouterr().out


# ---- exercise 1: settings that learn the spiral ----------------------------------------------
def test_spiral_right(capsys):
    out = run(check_spiral_settings, GOOD, capsys)
    assert "All tests passed!" in out
    acc = float(out.split("test accuracy ")[1].split()[0])
    assert acc >= 0.9


def test_spiral_minimal_dict(capsys):
    out = run(check_spiral_settings, {"hidden": "16,16,16", "activation": "relu", "optimizer": "adam",
                                      "learning_rate": 0.03, "steps": 1000}, capsys)
    assert "All tests passed!" in out


def test_spiral_linear_activation(capsys):
    out = run(check_spiral_settings, {**GOOD, "activation": "linear"}, capsys)
    assert "Check failed (test accuracy)" in out and "straight line" in out


def test_spiral_too_few_units(capsys):
    out = run(check_spiral_settings, {**GOOD, "hidden": "3", "activation": "tanh"}, capsys)
    assert "Check failed (test accuracy)" in out and "more units" in out


def test_spiral_too_few_steps(capsys):
    out = run(check_spiral_settings, {**GOOD, "steps": 20}, capsys)
    assert "Check failed (test accuracy)" in out and "more steps" in out


def test_spiral_diverges(capsys):
    out = run(check_spiral_settings, {**GOOD, "activation": "tanh", "optimizer": "gradient descent",
                                      "learning_rate": 10.0}, capsys)
    assert "Check failed (training)" in out and "diverged" in out and "learning rate" in out


def test_spiral_bad_settings(capsys):
    assert "unknown setting(s) ['lr']" in run(check_spiral_settings, {**GOOD, "lr": 0.1}, capsys)
    assert "from 1 to 5000" in run(check_spiral_settings, {**GOOD, "steps": 10**6}, capsys)
    assert "from 1 to 5000" in run(check_spiral_settings, {k: v for k, v in GOOD.items() if k != "steps"}, capsys)
    assert "must be a dict" in run(check_spiral_settings, ["16,16"], capsys)
    out = run(check_spiral_settings, {**GOOD, "hidden": "16,,x"}, capsys)
    assert "Check failed (training)" in out and "commas" in out
    out = run(check_spiral_settings, {**GOOD, "activation": "swish"}, capsys)
    assert "Check failed (training)" in out and "activation must be one of" in out


# ---- exercise 2: one unit's response --------------------------------------------------------
def right(model, l, j, X):
    a = X
    for layer in model.layers[:l]:
        a = layer.g(a @ layer.W + layer.b)
    return a[:, j]


def test_unit_right(capsys):
    assert "All tests passed!" in run(check_unit_response, right, capsys)


def test_unit_z_instead_of_a(capsys):
    def wrong(model, l, j, X):
        a = X
        for i, layer in enumerate(model.layers[:l], start=1):
            z = a @ layer.W + layer.b
            a = z if i == l else layer.g(z)
        return a[:, j]
    out = run(check_unit_response, wrong, capsys)
    assert "Check failed (layer 1, unit 0)" in out and "you returned z_j^[1]" in out


def test_unit_layers_counted_from_zero(capsys):
    def wrong(model, l, j, X):
        a = X
        for layer in model.layers[:l + 1]:
            a = layer.g(a @ layer.W + layer.b)
        return a[:, j]
    out = run(check_unit_response, wrong, capsys)
    assert "Check failed (layer 1, unit 0)" in out and "(layer 2)" in out and "count from 1" in out


def test_unit_row_instead_of_column(capsys):
    def wrong(model, l, j, X):
        a = X
        for layer in model.layers[:l]:
            a = layer.g(a @ layer.W + layer.b)
        return a[j]
    out = run(check_unit_response, wrong, capsys)
    assert "Check failed (layer 1, unit 0)" in out and "a[:, j]" in out


def test_unit_every_layer_relu(capsys):
    def wrong(model, l, j, X):
        a = X
        for layer in model.layers[:l]:
            a = np.maximum(0, a @ layer.W + layer.b)
        return a[:, j]
    out = run(check_unit_response, wrong, capsys)
    assert "Check failed (layer 1, unit 0)" in out and "expected" in out


def test_unit_that_raises(capsys):
    out = run(check_unit_response, lambda model, l, j, X: model.layers[l].undefined, capsys)
    assert "raised AttributeError" in out
