"""Checks for chapter 13: settings that learn the spiral, and one hidden unit's response over the plane."""
import numpy as np

from ..forward import sequential
from ..layers import Dense
from ..model import Sequential
from ..widgets.ch13_playground import Playground, PlaygroundError
from ..playground_data import make_dataset
from ._core import CheckFailed, expect_close, expect_done, run
from .quiz import Question

SPIRAL_TARGET = 0.9
MAX_STEPS = 5000
SETTING_KEYS = ("hidden", "activation", "output", "loss", "optimizer", "learning_rate", "steps")


def _test_accuracy(model, X, y):
    """Accuracy from the weights, by nnlib.forward.sequential (not by the Playground's own code)."""
    params = [(layer.W, layer.b, layer.activation) for layer in model.layers]
    a = sequential(X, params)
    pred = (a[:, 0] > 0.5).astype(int) if a.shape[1] == 1 else np.argmax(a, axis=1)
    return float(np.mean(pred == y))


VALIDATION_SEED, TEST_SEED = 1000, 3000   # the app's held-out points; 200 points nobody has seen


def _train(settings):
    """A Playground on the spiral trained with the learner's settings (or CheckFailed, with why)."""
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
    return pg


def check_spiral_settings(spiral_settings):
    """spiral_settings() must return settings that reach validation accuracy >= 0.9 on the spiral.

    The settings: a dict with "hidden" (e.g. "8,8"), "activation", "optimizer", "learning_rate",
    "steps" (at most 5000) and optionally "output" and "loss". The check trains on the app's 200
    training points from the app's start (seed 0), so the same settings always give the same
    result, and judges on the **validation** set: the app's 200 held-out points (its "test"
    curve), which you chose your settings by. The test set proper is ``report_test_once``'s.
    """
    result = {}

    def valid():
        settings = expect_done(spiral_settings(), "spiral_settings")
        result["settings"] = settings
        if not isinstance(settings, dict):
            raise CheckFailed(f"spiral_settings() must return a dict such as {{'hidden': '8,8', ...}}; "
                              f"received {type(settings).__name__}.")
        unknown = sorted(set(settings) - set(SETTING_KEYS))
        if unknown:
            raise CheckFailed(f"unknown setting(s) {unknown}; the settings are {list(SETTING_KEYS)}. "
                              f"The data set is always the spiral.")
        steps = settings.get("steps")
        if not isinstance(steps, (int, np.integer)) or isinstance(steps, bool) or not 1 <= steps <= MAX_STEPS:
            raise CheckFailed(f"settings['steps'] must be a whole number from 1 to {MAX_STEPS} (full-batch "
                              f"training steps); received {steps!r}.")

    def trains():
        result["pg"] = _train(result["settings"])

    def accurate():
        pg = result["pg"]
        val = _test_accuracy(pg.model, pg.X_test, pg.y_test)       # the app's held-out points
        train = _test_accuracy(pg.model, pg.X_train, pg.y_train)
        if val >= SPIRAL_TARGET:
            return
        if pg.activation == "linear":
            hint = ("with linear hidden layers the whole network is one linear function: its boundary is a "
                    "straight line, and no line separates two spirals. Use a non-linear activation.")
        elif train >= 0.97:
            hint = ("the network fits the training points but not the held-out ones: it learned their noise "
                    "(overfitting, 过拟合). Try fewer steps or fewer units.")
        elif pg.warning:
            hint = pg.warning
        elif sum(pg.hidden) < 12:
            hint = ("the spiral's boundary bends many times; each unit adds only a fold or two. Give the "
                    "network more units (e.g. 16,16).")
        elif pg.optimizer_name == "adam" and pg.learning_rate >= 0.01:
            # the rate is already in the range that works here: do not send the learner to raise it
            hint = ("the network is still learning: give it more units or more steps (the learning "
                    "rate is already in the range that works here).")
        else:
            hint = ("the network is still learning: give it more steps, or a larger learning rate "
                    "(Adam around 0.01-0.03 works well here).")
        raise CheckFailed(f"train accuracy {train:.3f}, validation accuracy {val:.3f}: below "
                          f"{SPIRAL_TARGET}. {hint[0].upper() + hint[1:]}")

    return run([("the settings", valid), ("training", trains), ("validation accuracy", accurate)],
               spiral_settings, "return a dict of settings, in this form (these values fall short): "
               "{'hidden': '4', 'activation': 'tanh', 'optimizer': 'gradient descent', "
               "'learning_rate': 0.1, 'steps': 300}")


def report_test_once(spiral_settings):
    """Once your settings pass: train, validation and test accuracy, the test on 200 new points.

    Run it once, at the end. Choosing settings again after looking at this number would make
    the test set one more validation set, and its accuracy an optimistic estimate.
    """
    settings = spiral_settings()
    if settings is None:
        print("Not done yet: `spiral_settings` still returns None — write exercise 1 first.")
        return None
    pg = _train(settings)
    X, y = make_dataset("spiral", 200, pg.noise, seed=TEST_SEED)
    accs = [_test_accuracy(pg.model, *xy) for xy in ((pg.X_train, pg.y_train), (pg.X_test, pg.y_test), (X, y))]
    print("accuracy: train {:.3f}, validation {:.3f}, test {:.3f} (200 new points, measured once)".format(*accs))
    return accs[2]


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
        got = np.asarray(expect_done(unit_response(model, 1, 0, X), "unit_response"), dtype=float)
        if got.shape == (3,) or got.shape == (len(X), 3):
            raise CheckFailed(f"unit_response(model, 1, 0, X) has shape {got.shape}; it should be one "
                              f"number per example, shape ({len(X)},): the column a[:, j].")
        _explain(got, 1, 0, layers)

    def second_layer():
        for j in range(4):
            _explain(np.asarray(expect_done(unit_response(model, 2, j, X)), dtype=float), 2, j, layers)

    def output_unit():
        expect_close("unit_response(model, 3, 0, X) (the output unit)", unit_response(model, 3, 0, X),
                     model.predict(X)[:, 0], atol=1e-9,
                     hint="the last layer's unit is the network's output, model.predict(X)[:, 0].")

    def app_tiles():
        pg = Playground()                      # the app's default network, 40 steps into training
        pg.step(40)
        tiles = pg.responses()
        for l in (1, 2):
            for j in range(tiles[l - 1].shape[1]):
                expect_close(f"unit_response(pg.model, {l}, {j}, pg.X_grid) against the app's tile",
                             unit_response(pg.model, l, j, pg.X_grid), tiles[l - 1][:, j], atol=1e-9)

    return run([("layer 1, unit 0", first_layer), ("layer 2, every unit", second_layer),
                ("the output layer", output_unit), ("the app's unit pictures", app_tiles)],
               unit_response, "start from a = X, apply layers 1 to l, return column j")


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


QUIZ = [
    Question("How many parameters (weights and biases) does the app's default 2-8-8-1 network have?",
             answer=105,
             why="$W^{[1]}$ is $2 \\times 8$ (+8 biases) = 24, $W^{[2]}$ is $8 \\times 8$ (+8) = 72, "
                 "$W^{[3]}$ is $8 \\times 1$ (+1) = 9: 24 + 72 + 9 = 105."),
    Question("The grid of the plane (the picture on the right) has 50 × 50 points, sent through the "
             "2-8-8-1 network as the rows of one matrix. What is the shape of $a^{[1]}$ on it?",
             options=["(2500, 2)", "(8, 2500)", "(2500, 8)", "(50, 50)"], answer=2,
             why="$m = 2500$ rows (one per grid point), $n^{[1]} = 8$ columns (one per unit); column $j$ "
                 "is unit $j$'s tile, as the chapter's cell prints.",
             wrong={0: "that is the grid $X$ itself: 2 features per point",
                    1: "examples are rows in the course's notation: $(m, n^{[l]})$"}),
    Question("Predict first: xor with a 2-8-8-1 network whose hidden units are *linear*. What boundary "
             "can it draw?",
             options=["A cross, like tanh units, only slower", "A single straight line",
                      "A circle around one of the quadrants"], answer=1,
             why="a linear function of a linear function is linear: the network is one "
                 "$x W + b$ with $W = W^{[1]} W^{[2]} W^{[3]}$, a single straight boundary, which gets at "
                 "most three of xor's four quadrants right (the chapter measured 0.48-0.69 test accuracy "
                 "over five seeds).",
             wrong={0: "more steps do not help: the whole network stays one linear function of $x$"}),
    Question("What does the tile of one *first-layer* tanh unit always look like?",
             options=["A soft step across one straight line (or almost flat, if that line misses the square)",
                      "Any curved shape the data needs", "A disc centred on the data"], answer=0,
             why="$a^{[1]}_j = \\tanh(w_{1j} x_1 + w_{2j} x_2 + b_j)$ changes only across the line "
                 "$z^{[1]}_j = 0$; curves appear only in layer 2, which mixes those steps.",
             wrong={1: "curved edges need a second layer that mixes the first layer's steps",
                    2: "a disc is what layer 2 or the output can build from several straight steps"}),
    Question("You tried twenty settings in the app and kept the one with the best held-out ('test') "
             "curve. What are those held-out points now?",
             options=["Still a fair test set: the network never trained on them",
                      "A validation set: you chose by them, so their accuracy flatters you; a fresh "
                      "test set is needed for an honest number"], answer=1,
             why="choosing among settings is learning too: the best of twenty scores on the same points "
                 "is an optimistic estimate. That is why exercise 1 judges on the validation set and "
                 "`report_test_once` measures 200 new points once.",
             wrong={0: "the weights never saw them, but your choice of settings did"}),
]
