"""Checks for chapter 13: settings that learn the spiral, and one hidden unit's response over the plane."""
import numpy as np

from ..forward import sequential
from ..layers import Dense
from ..model import Sequential
from ..widgets.ch13_playground import Playground, PlaygroundError
from ._core import CheckFailed, expect_close, run

SPIRAL_TARGET = 0.9
MAX_STEPS = 5000
SETTING_KEYS = ("hidden", "activation", "output", "loss", "optimizer", "learning_rate", "steps")


def _test_accuracy(model, X, y):
    """Accuracy from the weights, by nnlib.forward.sequential (not by the Playground's own code)."""
    params = [(layer.W, layer.b, layer.activation) for layer in model.layers]
    a = sequential(X, params)
    pred = (a[:, 0] > 0.5).astype(int) if a.shape[1] == 1 else np.argmax(a, axis=1)
    return float(np.mean(pred == y))


def check_spiral_settings(settings):
    """Train the playground on the spiral with the learner's settings; pass at test accuracy >= 0.9.

    settings: a dict with "hidden" (e.g. "8,8"), "activation", "optimizer", "learning_rate",
    "steps" (at most 5000) and optionally "output" and "loss". The data, the test set and
    the initial weights are fixed (seed 0), so the same settings always give the same result.
    """
    result = {}

    def valid():
        if not isinstance(settings, dict):
            raise CheckFailed(f"settings must be a dict such as {{'hidden': '8,8', ...}}; received "
                              f"{type(settings).__name__}.")
        unknown = sorted(set(settings) - set(SETTING_KEYS))
        if unknown:
            raise CheckFailed(f"unknown setting(s) {unknown}; the settings are {list(SETTING_KEYS)}. "
                              f"The data set is always the spiral.")
        steps = settings.get("steps")
        if not isinstance(steps, (int, np.integer)) or isinstance(steps, bool) or not 1 <= steps <= MAX_STEPS:
            raise CheckFailed(f"settings['steps'] must be a whole number from 1 to {MAX_STEPS} (full-batch "
                              f"training steps); received {steps!r}.")

    def trains():
        kw = {k: v for k, v in settings.items() if k != "steps"}
        try:
            pg = Playground("spiral", seed=0, **kw)
        except PlaygroundError as err:
            raise CheckFailed(str(err)) from None
        except TypeError as err:
            raise CheckFailed(f"a setting has the wrong type: {err}") from None
        done = 0
        while done < settings["steps"] and not pg.diverged:
            n = min(25, settings["steps"] - done)
            pg.step(n)
            done += n
        if pg.diverged:
            raise CheckFailed(f"training {pg.diverged}")
        result["pg"] = pg

    def accurate():
        pg = result["pg"]
        test = _test_accuracy(pg.model, pg.X_test, pg.y_test)
        train = _test_accuracy(pg.model, pg.X_train, pg.y_train)
        arch = "-".join(str(n) for n in (2, *pg.hidden, pg.n_out))
        print(f"spiral, network {arch} ({pg.activation}, {pg.output} output, {pg.loss_name}), "
              f"{pg.optimizer_name} with learning rate {pg.learning_rate:g}, {pg.steps} steps: "
              f"train accuracy {train:.3f}, test accuracy {test:.3f} (target {SPIRAL_TARGET})")
        if test >= SPIRAL_TARGET:
            return
        if pg.activation == "linear":
            hint = ("with linear hidden layers the whole network is one linear function: its boundary is a "
                    "straight line, and no line separates two spirals. Use a non-linear activation.")
        elif train >= 0.97:
            hint = ("the network fits the training points but not the test points: it learned their noise "
                    "(overfitting, 过拟合). Try fewer steps or fewer units.")
        elif pg.warning:
            hint = pg.warning
        elif sum(pg.hidden) < 12:
            hint = ("the spiral's boundary bends many times; each unit adds only a fold or two. Give the "
                    "network more units (e.g. 16,16).")
        else:
            hint = ("the network is still learning: give it more steps, or a larger learning rate "
                    "(Adam around 0.01-0.03 works well here).")
        raise CheckFailed(f"test accuracy {test:.3f} is below {SPIRAL_TARGET}: {hint}")

    return run([("the settings", valid), ("training", trains), ("test accuracy", accurate)])


def _unit_network():
    """A 2-3-4-1 network with fixed random weights and a different activation per layer."""
    rng = np.random.default_rng(13)
    model = Sequential([Dense(3, activation="tanh"), Dense(4, activation="relu"),
                        Dense(1, activation="sigmoid")])
    weights = []
    for n_in, n_out in ((2, 3), (3, 4), (4, 1)):
        weights += [rng.normal(size=(n_in, n_out)), rng.normal(size=n_out)]
    model.set_weights(weights)
    X = rng.uniform(-1.3, 1.3, size=(25, 2))
    return model, X


def _layer_outputs(model, X):
    """[(z^[1], a^[1]), (z^[2], a^[2]), ...] by nnlib.forward.sequential, one layer at a time."""
    out, a = [], X
    for layer in model.layers:
        z = sequential(a, [(layer.W, layer.b, "linear")])
        a = sequential(a, [(layer.W, layer.b, layer.activation)])
        out.append((z, a))
    return out


def check_unit_response(unit_response):
    """unit_response(model, l, j, X) must return a_j^[l] for every row of X: shape (m,).

    l counts layers from 1 as the course does (a^[1] is the first hidden layer); j is the
    column of unit j in a^[l], from 0 as numpy counts.
    """
    model, X = _unit_network()
    layers = _layer_outputs(model, X)

    def first_layer():
        got = np.asarray(unit_response(model, 1, 0, X), dtype=float)
        if got.shape == (3,) or got.shape == (len(X), 3):
            raise CheckFailed(f"unit_response(model, 1, 0, X) has shape {got.shape}; it should be one "
                              f"number per example, shape ({len(X)},): the column a[:, j].")
        _explain(got, 1, 0, layers)

    def second_layer():
        for j in range(4):
            _explain(np.asarray(unit_response(model, 2, j, X), dtype=float), 2, j, layers)

    def output_unit():
        expect_close("unit_response(model, 3, 0, X) (the output unit)", unit_response(model, 3, 0, X),
                     model.predict(X)[:, 0], atol=1e-9,
                     hint="the last layer's unit is the network's output, model.predict(X)[:, 0].")

    return run([("layer 1, unit 0", first_layer), ("layer 2, every unit", second_layer),
                ("the output layer", output_unit)])


def _explain(got, l, j, layers):
    """Compare with a_j^[l]; name the usual mistakes (z instead of a, the wrong layer)."""
    z, a = layers[l - 1]
    expected = a[:, j]
    if got.shape == expected.shape and not np.allclose(got, expected, atol=1e-9):
        if np.allclose(got, z[:, j], atol=1e-9):
            raise CheckFailed(f"for layer {l}, unit {j} you returned z_j^[{l}]; apply the layer's "
                              f"activation: a = g(z) (layer.g, or nnlib.activations.get(layer.activation)).")
        for other, (_, a_other) in enumerate(layers, start=1):
            if other != l and j < a_other.shape[1] and np.allclose(got, a_other[:, j], atol=1e-9):
                raise CheckFailed(f"for layer {l}, unit {j} you returned a_{j}^[{other}] (layer {other}). "
                                  f"Layers count from 1: go through model.layers[:{l}], the first {l} layer(s).")
    expect_close(f"unit_response(model, {l}, {j}, X)", got, expected, atol=1e-9,
                 hint=f"start from a = X and apply layers 1..{l}: a = g(a W + b); then take column {j}.")
