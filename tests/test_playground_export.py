"""From toy to code (nnlib/widgets/ch13_playground/export.py): the printed code runs and is the app's network.

The oracle is the app itself and tf.keras: the printed code's data are the app's data, and with the
same weights the printed Keras model, the printed nnlib model and the app's network predict the same
and report the same cost. TensorFlow loads once, for a few small models.
"""
import dataclasses
import re

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from nnlib.playground_data import make_dataset
from nnlib.widgets.ch13_playground.export import keras_code, nnlib_code
from nnlib.widgets.ch13_playground.model import Playground
from nnlib.widgets.ch13_playground.settings import (ACTIVATIONS, DATASETS, FEATURES, N_CLASSES, REGRESSION,
                                                    PlaygroundError, Setting)


def run(code):
    """Execute printed code as a fresh notebook would; return its variables."""
    namespace = {}
    exec(compile(code, "<printed code>", "exec"), namespace)
    return namespace


def app(**changes):
    """The app's Playground for Setting(**changes) (the picture-only toggles left out)."""
    return Playground(**Setting(**changes).train_args())


def random_weights(model, seed):
    rng = np.random.default_rng(seed)
    return [rng.normal(0, 0.7, w.shape) for w in model.get_weights()]


def targets(pg, y):
    """What the app trains on: one-hot rows for softmax + squared error, else y."""
    return np.eye(pg.n_out)[y] if pg.loss_name == "mse" and pg.output == "softmax" else y.astype(float)


# a few settings covering sigmoid/softmax/linear outputs, the losses, features, L1/L2, depths, batches
CASES = {
    "default": dict(),
    "blobs3-softmax-mse-l2": dict(dataset="blobs3", output="softmax", loss="mse", hidden=(8, 4),
                                  activation="leaky_relu", features=("x1", "x2", "x1^2"), regularization="l2",
                                  reg_rate=0.003, batch_size=10),
    "xor-no-hidden-l1-sgd": dict(dataset="xor", hidden=(), features=("x1*x2",), optimizer="gradient descent",
                                 learning_rate=0.1, regularization="l1", reg_rate=0.001, train_ratio=30,
                                 batch_size=300),  # more than the 120 training points: all of them
    "spiral-sigmoid-mse": dict(dataset="spiral", loss="mse", hidden=(6,), activation="sigmoid",
                               features=("sin(x1)", "sin(x2)", "x1^2", "x2^2"), batch_size=25, noise=0.2),
    "blobs4-softmax-deep": dict(dataset="blobs4", output="softmax", hidden=(6, 5, 4), activation="relu",
                                features=FEATURES, train_ratio=70, seed=3),
    "gaussians-regression": dict(dataset="gaussians", output="linear", loss="mse", hidden=(8, 8),
                                 activation="tanh", regularization="l2", reg_rate=0.01, batch_size=32),
}


@pytest.fixture(scope="module")
def keras():
    """tf.keras, imported only by the tests that run printed Keras code (a requirement: no skip)."""
    import keras

    return keras


@pytest.mark.parametrize("name", list(CASES))
def test_printed_keras_and_nnlib_code_are_the_same_network_on_the_apps_data(name, keras):
    changes = CASES[name]
    pg = app(**changes)
    k = run(keras_code(Setting(**changes), epochs=1))
    n = run(nnlib_code(Setting(**changes), epochs=1))
    # the data are the app's: same points, same split, same features
    for ns in (k, n):
        np.testing.assert_array_equal(ns["X_train"], pg.A_train)
        np.testing.assert_array_equal(ns["X_test"], pg.A_test)
        np.testing.assert_array_equal(ns["y_train"], pg.y_train)
        np.testing.assert_array_equal(ns["y_test"], pg.y_test)
    kmodel, nmodel = k["model"], n["model"]
    assert [w.shape for w in kmodel.get_weights()] == [w.shape for w in pg.model.get_weights()]
    # the same weights in both: the same predictions (float32 tolerance) and the same cost
    weights = random_weights(pg.model, seed=len(name))
    kmodel.set_weights([w.astype("float32") for w in weights])
    nmodel.set_weights(weights)
    X = pg.A_test
    np.testing.assert_allclose(kmodel.predict(X, verbose=0), nmodel.predict(X), rtol=1e-4, atol=2e-5)
    T = targets(pg, pg.y_test)
    k_eval, n_eval = kmodel.evaluate(X, T, verbose=0), nmodel.evaluate(X, T)
    np.testing.assert_allclose(np.atleast_1d(k_eval), np.atleast_1d(n_eval), rtol=1e-4, atol=1e-5)
    # and the same cost as the app's network with those weights (penalty included)
    pg.model.set_weights(weights)
    np.testing.assert_allclose(np.atleast_1d(n_eval)[0], pg.model.evaluate(X, T), rtol=1e-12)
    # compile's choices, read from the Keras model itself
    s = Setting(**changes)
    assert type(kmodel.optimizer).__name__ == {"adam": "Adam", "gradient descent": "SGD"}[s.optimizer]
    assert float(kmodel.optimizer.learning_rate) == pytest.approx(s.learning_rate, rel=1e-6)
    for layer in kmodel.layers:
        reg = layer.kernel_regularizer
        if s.regularization == "none":
            assert reg is None
        else:
            assert reg.get_config() == pytest.approx({s.regularization: s.reg_rate}, rel=1e-6)
    m_train = len(pg.A_train)
    batch = m_train if s.batch_size is None else min(s.batch_size, m_train)
    for code in (keras_code(s), nnlib_code(s)):
        assert re.search(rf"model\.fit\(X_train, Y?y?_train, epochs=300, batch_size={batch}, shuffle=True",
                         code, re.IGNORECASE)


def test_exported_keras_model_given_the_apps_trained_weights_predicts_what_the_app_predicts(keras):
    for changes in (dict(), CASES["blobs3-softmax-mse-l2"], CASES["gaussians-regression"]):
        pg = app(**changes)
        pg.step(5)
        assert pg.steps == 5 and pg.diverged is None
        k = run(keras_code(Setting(**changes), epochs=0))
        k["model"].set_weights([w.astype("float32") for w in pg.model.get_weights()])
        np.testing.assert_allclose(k["model"].predict(pg.A_test, verbose=0), pg.model.predict(pg.A_test),
                                   rtol=1e-4, atol=2e-5)
        test_loss = np.atleast_1d(k["model"].evaluate(pg.A_test, targets(pg, pg.y_test), verbose=0))[0]
        assert test_loss == pytest.approx(pg.state["test_loss"], rel=1e-4, abs=1e-6)


def own_points_app(**changes):
    """The app trained on your own points: a CSV's points plus two clicked onto the plane."""
    dataset = "blobs3" if changes.get("output") == "softmax" else "gaussians"
    X, y = make_dataset(dataset, m=40, noise=0.1, seed=7)
    pg = Playground(**Setting(**changes).train_args(), points=(X, y))
    pg.add_point(0.5, -0.25, 2 if dataset == "blobs3" else 0.75)
    pg.add_point(-0.125, 0.5, 0 if dataset == "blobs3" else -1e-05)
    return pg, ((pg.X_train, pg.y_train), (pg.X_test, pg.y_test))


def test_own_points_travel_in_the_code_as_csv(keras):
    changes = dict(output="softmax", hidden=(5,), features=("x1", "x2", "x1*x2"), batch_size=8)
    pg, points = own_points_app(**changes)
    k = run(keras_code(changes, epochs=1, points=points))
    n = run(nnlib_code(changes, epochs=1, points=points))
    weights = random_weights(pg.model, seed=1)
    pg.model.set_weights(weights)
    n["model"].set_weights(weights)
    k["model"].set_weights([w.astype("float32") for w in weights])
    for ns in (k, n):
        np.testing.assert_array_equal(ns["X_train"], pg.A_train)      # clicked points included
        np.testing.assert_array_equal(ns["y_test"], pg.y_test)
    expected = pg.model.predict(pg.A_test)
    np.testing.assert_array_equal(n["model"].predict(pg.A_test), expected)
    np.testing.assert_allclose(k["model"].predict(pg.A_test, verbose=0), expected, rtol=1e-4, atol=2e-5)
    assert "make_dataset" not in keras_code(changes, points=points)


def test_own_regression_points():
    changes = dict(output="linear", loss="mse", hidden=(3,))
    pg, points = own_points_app(**changes)
    code = nnlib_code(changes, epochs=1, points=points)
    assert "read_points_csv(TRAIN_CSV, regression=True)" in code
    n = run(code)
    np.testing.assert_array_equal(n["y_train"], pg.y_train)
    assert n["y_train"].dtype.kind == "f"


def test_own_points_that_do_not_fit_the_output():
    _, points = own_points_app(output="softmax")
    with pytest.raises(PlaygroundError, match="3 classes: choose the softmax output"):
        keras_code({}, points=points)
    with pytest.raises(ValueError, match=r"points: .*Pass points=\(\(X_train, y_train\), \(X_test, y_test\)\)"):
        nnlib_code({}, points=(np.zeros((3, 2)), np.zeros(3)))
    with pytest.raises(ValueError, match="a sigmoid output needs class labels 0, 1, 2, 3"):
        nnlib_code({}, points=((np.zeros((3, 2)), np.full(3, 0.5)), (np.zeros((1, 2)), np.zeros(1))))
    with pytest.raises(PlaygroundError, match="continuous target: use the linear output and mse"):
        nnlib_code({"output": "linear"}, points=((np.zeros((3, 2)), np.full(3, 0.5)), (np.zeros((1, 2)), [1.0])))


# ---- many settings, nnlib only (fast): the printed nnlib code is the app's network ----------------------
@st.composite
def app_settings(draw):
    dataset = draw(st.sampled_from(DATASETS + REGRESSION))
    if dataset in REGRESSION:
        output, loss = "linear", "mse"
    else:
        output = draw(st.sampled_from(("sigmoid", "softmax") if N_CLASSES[dataset] == 2 else ("softmax",)))
        loss = draw(st.sampled_from(("cross-entropy", "mse")))
    on = draw(st.sets(st.sampled_from(FEATURES), min_size=1))
    return Setting(dataset=dataset, output=output, loss=loss, features=tuple(f for f in FEATURES if f in on),
                   hidden=tuple(draw(st.lists(st.integers(1, 9), max_size=4))),
                   activation=draw(st.sampled_from(ACTIVATIONS)),
                   optimizer=draw(st.sampled_from(("adam", "gradient descent"))),
                   learning_rate=draw(st.sampled_from((0.001, 0.03, 0.3))),
                   regularization=draw(st.sampled_from(("none", "l1", "l2"))),
                   reg_rate=draw(st.sampled_from((0.0, 0.001, 0.1))),
                   batch_size=draw(st.none() | st.integers(1, 400)), train_ratio=draw(st.integers(10, 90)),
                   noise=draw(st.sampled_from((0.0, 0.05, 0.3))), seed=draw(st.integers(0, 50)))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(app_settings())
def test_printed_nnlib_code_is_the_apps_network_for_many_settings(setting):
    pg = Playground(**setting.train_args())
    n = run(nnlib_code(setting, epochs=1))
    np.testing.assert_array_equal(n["X_train"], pg.A_train)
    np.testing.assert_array_equal(n["X_test"], pg.A_test)
    model = n["model"]
    assert [(l.units, l.activation) for l in model.layers] == [(l.units, l.activation) for l in pg.model.layers]
    assert [repr(l.kernel_regularizer) for l in model.layers] == [repr(l.kernel_regularizer) for l in pg.model.layers]
    assert type(model.loss) is type(pg.model.loss) and type(model.optimizer) is type(pg.model.optimizer)
    assert model.optimizer.learning_rate == pg.model.optimizer.learning_rate
    weights = random_weights(pg.model, seed=setting.seed)
    model.set_weights(weights)
    pg.model.set_weights(weights)
    np.testing.assert_array_equal(model.predict(pg.A_test), pg.model.predict(pg.A_test))
    T = targets(pg, pg.y_test)
    assert np.atleast_1d(model.evaluate(pg.A_test, T))[0] == pg.model.evaluate(pg.A_test, T)


# ---- what the code says, and what export refuses -------------------------------------------------------
def test_code_reads_like_the_course():
    code = keras_code(Setting(regularization="l2", reg_rate=0.001), epochs=50)
    assert "import keras" in code and "from nnlib.playground_data import feature_matrix, make_dataset" in code
    assert "keras.Input(shape=(2,))" in code and 'keras.layers.Dense(8, activation="tanh", ' \
                                                 "kernel_regularizer=penalty)" in code
    assert "penalty = keras.regularizers.L2(0.001)" in code and "epochs=50" in code
    assert "keras.losses.BinaryCrossentropy()" in code and "keras.optimizers.Adam(learning_rate=0.03)" in code
    for word in ("a^[0]", "a^[1] = tanh(a^[0] W^[1] + b^[1])", "P(y = 1 | x)", "cost J", "epoch"):
        assert word in code
    ncode = nnlib_code(Setting(optimizer="gradient descent", dataset="blobs3", output="softmax"))
    assert "from nnlib.optimizers import SGD" in ncode and "SparseCategoricalCrossentropy()" in ncode
    assert "kernel_regularizer" not in ncode and "import numpy" not in ncode
    for code in (keras_code(Setting()), nnlib_code(Setting(**CASES["blobs3-softmax-mse-l2"]))):
        assert max(len(line) for line in code.splitlines()) <= 120


def test_defaults_fill_a_partial_setting():
    assert keras_code({}) == keras_code(Setting()) == keras_code(dataclasses.asdict(Setting()))
    assert nnlib_code({"dataset": "xor"}) == nnlib_code(Setting(dataset="xor"))


@pytest.mark.parametrize("changes,match", [
    (dict(dataset="blobs3"), "sigmoid output .* 2 classes .* blobs3 has 3"),
    (dict(dataset="plane"), "plane is a regression set"),
    (dict(dataset="circle", output="linear"), "circle has 2 classes: a linear output"),
    (dict(hidden=(8, 0)), r"setting\['hidden'\] is no value of the app's controls: expected unit counts"),
    (dict(colour="red"), "no setting called 'colour'"),
])
def test_a_setting_the_app_refuses_is_refused(changes, match):
    for export in (keras_code, nnlib_code):
        with pytest.raises(ValueError, match=match):
            export(changes)


@pytest.mark.parametrize("epochs", [-1, 2.5, "300", True, None])
def test_bad_epochs(epochs):
    with pytest.raises(ValueError, match=r"epochs must be a whole number >= 0.*received"):
        keras_code(Setting(), epochs=epochs)


def test_plaground_error_is_a_value_error():
    with pytest.raises(PlaygroundError):
        nnlib_code({"dataset": "blobs4"})
