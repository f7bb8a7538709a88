"""nnlib.model.Sequential: compile / fit / predict / evaluate, whole-model gradient checks, summary.

Whole fit runs against tf.keras are in test_keras_equivalence.py.
"""
import numpy as np
import pytest

from nnlib import Dense, History, Input, Sequential, set_random_seed
from nnlib.datasets import load_coffee_data
from nnlib.gradcheck import numerical_gradient, relative_error
from nnlib.losses import (BinaryCrossentropy, CategoricalCrossentropy, MeanSquaredError,
                          SparseCategoricalCrossentropy)
from nnlib.optimizers import SGD, Adam


def coffee(m=60):
    X, y = load_coffee_data(m=m)
    return (X - X.mean(axis=0)) / X.std(axis=0), y


def small_model(out_units=1, out_act="sigmoid", hidden="tanh", loss=None, seed=0, n_in=2, **compile_kw):
    set_random_seed(seed)
    model = Sequential([Dense(4, activation=hidden), Dense(out_units, activation=out_act)])
    model.compile(optimizer=compile_kw.pop("optimizer", Adam(0.01)), loss=loss or BinaryCrossentropy(), **compile_kw)
    model.build((None, n_in))
    return model


# ---- whole-model gradient checks (float64, centred differences) -----------------------------
def grad_cases(rng):
    m = 7
    x = rng.normal(size=(m, 3))
    labels = rng.integers(0, 3, m)
    return {
        "sigmoid+bce(fused)": ("sigmoid", 1, BinaryCrossentropy(), rng.integers(0, 2, m).astype(float)),
        "sigmoid+bce-2-outputs": ("sigmoid", 2, BinaryCrossentropy(), rng.integers(0, 2, (m, 2)).astype(float)),
        "linear+bce(logits)": ("linear", 1, BinaryCrossentropy(from_logits=True), rng.integers(0, 2, m).astype(float)),
        "softmax+scce(fused)": ("softmax", 3, SparseCategoricalCrossentropy(), labels),
        "linear+scce(logits)": ("linear", 3, SparseCategoricalCrossentropy(from_logits=True), labels),
        "softmax+cce(fused)": ("softmax", 3, CategoricalCrossentropy(), np.eye(3)[labels]),
        "linear+cce(logits)": ("linear", 3, CategoricalCrossentropy(from_logits=True), np.eye(3)[labels]),
        "linear+mse": ("linear", 2, MeanSquaredError(), rng.normal(size=(m, 2))),
        "tanh+mse": ("tanh", 1, MeanSquaredError(), rng.normal(size=m) * 0.5),
    }, x


@pytest.mark.parametrize("case", list(grad_cases(np.random.default_rng(0))[0]))
@pytest.mark.parametrize("hidden", ["sigmoid", "tanh", "relu", "leaky_relu"])
def test_compute_gradients_gradcheck(case, hidden):
    cases, x = grad_cases(np.random.default_rng(3))
    out_act, units, loss, y = cases[case]
    set_random_seed(1)
    model = Sequential([Dense(5, activation=hidden), Dense(4, activation="tanh"), Dense(units, activation=out_act)])
    model.compile(optimizer=SGD(), loss=loss)
    model.build((None, 3))
    J, grads = model.compute_gradients(x, y)
    assert [g.shape for g in grads] == [w.shape for w in model.get_weights()]
    assert J == pytest.approx(model.evaluate(x, y), rel=1e-12)
    # the numerical gradient uses only the forward pass and the loss (evaluate), never backward
    for l, layer in enumerate(model.layers):
        for p, g in ((layer.W, grads[2 * l]), (layer.b, grads[2 * l + 1])):
            numeric = numerical_gradient(lambda: model.evaluate(x, y), p)
            assert relative_error(g, numeric) < 1e-6, f"layer {l + 1}"


def test_fused_gradient_is_exact_where_probabilities_saturate():
    """sigmoid + BCE from logits: a huge z still gives the gradient (a - y) / m, not 0 from the clip."""
    model = Sequential([Dense(1, activation="sigmoid")])
    model.compile(optimizer="sgd", loss="binary_crossentropy")
    model.set_weights([np.array([[100.0]]), np.array([0.0])])
    J, (dW, db) = model.compute_gradients(np.array([[1.0]]), np.array([0.0]))  # z = 100 but y = 0
    assert J == pytest.approx(100.0)
    assert db[0] == pytest.approx(1.0) and dW[0, 0] == pytest.approx(1.0)


# ---- compile, fit, predict, evaluate ---------------------------------------------------------
def test_fit_lowers_the_loss_and_history_is_per_epoch():
    X, y = coffee()
    model = small_model(metrics=["accuracy"])
    history = model.fit(X, y, epochs=30, batch_size=16, verbose=0)
    assert isinstance(history, History) and model.history is history
    assert list(history.history) == ["loss", "accuracy"]
    assert len(history.history["loss"]) == 30 and history.epoch == list(range(30))
    assert history.history["loss"][-1] < 0.8 * history.history["loss"][0]
    assert repr(history) == "History(epochs=30, keys=['loss', 'accuracy'])"


def test_first_epoch_full_batch_loss_is_the_loss_before_the_update():
    X, y = coffee()
    model = small_model(metrics=["accuracy"])
    J0 = model.evaluate(X, y)
    acc0 = np.mean((model.predict(X)[:, 0] > 0.5) == (y[:, 0] == 1))
    h = model.fit(X, y, epochs=1, batch_size=len(X), shuffle=False, verbose=0).history
    assert h["loss"][0] == pytest.approx(J0[0], rel=1e-12)
    assert h["accuracy"][0] == pytest.approx(acc0, rel=1e-12)
    assert model.evaluate(X, y)[0] != J0[0]  # and the weights moved


def test_epoch_loss_is_the_example_weighted_mean_of_batch_losses():
    X, y = coffee(m=50)
    a, b = small_model(optimizer=SGD(0.1)), small_model(optimizer=SGD(0.1))
    h = a.fit(X, y, epochs=1, batch_size=20, shuffle=False, verbose=0).history
    # the same three steps by hand: batches of 20, 20 and 10 examples
    total = 0.0
    for s in range(0, 50, 20):
        J, grads = b.compute_gradients(X[s:s + 20], y[s:s + 20])
        b.optimizer.update(b.trainable_weights, grads)
        total += J * len(X[s:s + 20])
    assert h["loss"][0] == pytest.approx(total / 50, rel=1e-12)
    for wa, wb in zip(a.get_weights(), b.get_weights()):
        np.testing.assert_allclose(wa, wb, rtol=1e-12)


def test_same_seed_same_run_and_shuffle_changes_the_run():
    X, y = coffee()

    def run(shuffle, seed=0):
        model = small_model(seed=seed)
        h = model.fit(X, y, epochs=3, batch_size=8, shuffle=shuffle, verbose=0)
        return h.history["loss"], model.get_weights()

    l1, w1 = run(True)
    l2, w2 = run(True)
    assert l1 == l2 and all(np.array_equal(a, b) for a, b in zip(w1, w2))
    l3, _ = run(False)
    assert l3 != l1


def test_fit_does_not_modify_x_or_y():
    X, y = coffee()
    X0, y0 = X.copy(), y.copy()
    small_model().fit(X, y, epochs=2, verbose=0)
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(y, y0)


def test_validation_data_and_evaluate():
    X, y = coffee(m=80)
    model = small_model(metrics=["accuracy"])
    h = model.fit(X[:60], y[:60], epochs=2, validation_data=(X[60:], y[60:]), verbose=0).history
    assert set(h) == {"loss", "accuracy", "val_loss", "val_accuracy"}
    loss, acc = model.evaluate(X[60:], y[60:])
    assert h["val_loss"][-1] == pytest.approx(loss, rel=1e-12) and h["val_accuracy"][-1] == acc
    assert model.evaluate(X[60:], y[60:], return_dict=True) == {"loss": loss, "accuracy": acc}


def test_epochs_zero_changes_nothing():
    X, y = coffee()
    model = small_model()
    w = model.get_weights()
    assert model.fit(X, y, epochs=0, verbose=0).history == {}
    assert all(np.array_equal(a, b) for a, b in zip(w, model.get_weights()))


def test_compile_with_keras_strings():
    X, y = coffee()
    set_random_seed(0)
    model = Sequential([Dense(3, activation="relu"), Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    assert isinstance(model.optimizer, Adam) and isinstance(model.loss, BinaryCrossentropy)
    h = model.fit(X, y, epochs=2, verbose=0)
    assert len(h.history["accuracy"]) == 2


def test_predict_shape_and_matches_numpy_formula():
    X, _ = coffee()
    model = small_model()
    W1, b1, W2, b2 = model.get_weights()
    expected = 1 / (1 + np.exp(-(np.tanh(X @ W1 + b1) @ W2 + b2)))
    out = model.predict(X)
    assert out.shape == (len(X), 1)
    np.testing.assert_allclose(out, expected, rtol=1e-12)
    np.testing.assert_allclose(model(X), out)


def test_get_weights_order_and_set_weights_round_trip(rng):
    model = Sequential([Dense(4), Dense(2)])
    model.build((None, 3))
    assert [w.shape for w in model.get_weights()] == [(3, 4), (4,), (4, 2), (2,)]
    new = [rng.normal(size=w.shape) for w in model.get_weights()]
    model.set_weights(new)
    for a, b in zip(model.get_weights(), new):
        np.testing.assert_array_equal(a, b)
    assert model.layers[0].W is not new[0]  # copied, as Keras does


def test_set_weights_builds_an_unbuilt_model():
    model = Sequential([Dense(2), Dense(1)])
    model.set_weights([np.ones((3, 2)), np.zeros(2), np.ones((2, 1)), np.zeros(1)])
    assert model.built and model.predict(np.ones((1, 3))).tolist() == [[6.0]]


def test_input_builds_at_once_and_layer_numbers():
    model = Sequential([Input(shape=(3,)), Dense(4, name="hidden"), Dense(1)])
    assert model.built and model.count_params() == 3 * 4 + 4 + 4 + 1
    assert [l.index for l in model.layers] == [1, 2]
    assert model.layers[0].name == "hidden"


def test_summary_table(capsys):
    model = Sequential([Input(shape=(2,)), Dense(3, activation="sigmoid", name="layer1"),
                        Dense(1, activation="sigmoid", name="layer2")], name="coffee")
    model.summary()
    out = capsys.readouterr().out
    assert 'Model: "coffee"' in out
    assert "layer1 (Dense)" in out and "(None, 3)" in out and "(None, 1)" in out
    lines = out.splitlines()
    assert lines[[i for i, l in enumerate(lines) if "layer1" in l][0]].rstrip(" │").endswith("9")
    assert lines[[i for i, l in enumerate(lines) if "layer2" in l][0]].rstrip(" │").endswith("4")
    assert "Total params: 13" in out and "Trainable params: 13" in out


def test_verbose_levels(capsys):
    X, y = coffee()
    small_model().fit(X, y, epochs=2, verbose=0)
    assert capsys.readouterr().out == ""
    small_model().fit(X, y, epochs=2, verbose=2)
    out = capsys.readouterr().out
    assert out.count("Epoch ") == 2 and "Epoch 2/2 - loss: " in out
    small_model().fit(X, y, epochs=2)  # verbose="auto" means 1: a progress bar per epoch
    out = capsys.readouterr().out
    assert "Epoch 1/2" in out and "━" in out and "loss: " in out


def test_repr_names_the_layers():
    model = Sequential([Dense(2, name="a"), Dense(1, name="b")], name="m")
    assert repr(model) == "<Sequential name='m', layers=['a', 'b']>"


def test_a_diverging_run_reports_a_non_finite_loss_like_keras():
    """Far too large a step overflows the weights: the history says inf/nan, fit raises nothing
    (the model's own output is not bad data, so no data-cleaning error)."""
    X, y = coffee()
    set_random_seed(0)
    model = Sequential([Dense(8, activation="relu"), Dense(1)])
    model.compile(optimizer=SGD(1e3), loss="mse")
    with np.errstate(all="ignore"):
        h = model.fit(X, X[:, 0] * 3, epochs=30, batch_size=len(X), verbose=0).history
        assert not np.isfinite(model.evaluate(X, X[:, 0] * 3))
    assert len(h["loss"]) == 30 and np.isfinite(h["loss"][0]) and not np.isfinite(h["loss"][-1])


# ---- activations(x): every layer's output -----------------------------------------------------------
def test_activations_lists_every_layer_output_by_the_formula(rng):
    set_random_seed(0)
    model = Sequential([Dense(4, activation="relu"), Dense(3, activation="tanh"), Dense(2, activation="softmax")])
    x = rng.normal(size=(6, 5))
    outputs = model.activations(x)
    assert [a.shape for a in outputs] == [(6, 4), (6, 3), (6, 2)]
    a = x
    for (W, b), g, a_l in zip(zip(model.get_weights()[0::2], model.get_weights()[1::2]),
                              (lambda z: np.maximum(z, 0), np.tanh, None), outputs):
        z = a @ W + b
        a = g(z) if g else np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)  # a^[l] = g(a^[l-1] W^[l] + b^[l])
        np.testing.assert_allclose(a_l, a, rtol=1e-12)
    np.testing.assert_array_equal(outputs[-1], model.predict(x))


def test_activations_checks_x_like_predict():
    model = Sequential([Dense(2, activation="sigmoid")])
    model.build((None, 3))
    for call in (model.predict, model.activations):
        with pytest.raises(ValueError, match=r"x must be 2-D \(m, n\).*received a 1-D array of shape \(3,\)"):
            call(np.ones(3))
        with pytest.raises(ValueError, match=r"Dense layer 1 expects a_in of shape \(m, 3\).*received \(4, 2\)"):
            call(np.ones((4, 2)))
    with pytest.raises(RuntimeError, match=r"no layers"):
        Sequential().activations(np.ones((1, 2)))


# ---- weight penalties ------------------------------------------------------------------------------
@pytest.mark.parametrize("reg", ["l1", "l2", "l1_l2"])
def test_penalties_join_the_cost_and_its_gradient(reg, rng):
    """J = data loss + sum_l penalty(W^[l]); compute_gradients against centred differences of evaluate."""
    set_random_seed(1)
    model = Sequential([Dense(5, activation="tanh", kernel_regularizer=reg), Dense(1, activation="sigmoid")])
    model.compile(optimizer=SGD(), loss=BinaryCrossentropy())
    x, y = rng.normal(size=(7, 3)), rng.integers(0, 2, 7).astype(float)
    model.build((None, 3))
    W1 = model.layers[0].W
    l1, l2 = {"l1": (0.01, 0), "l2": (0, 0.01), "l1_l2": (0.01, 0.01)}[reg]
    data_loss = BinaryCrossentropy()(y, model.predict(x))
    assert model.evaluate(x, y) == pytest.approx(data_loss + l1 * np.abs(W1).sum() + l2 * (W1 ** 2).sum(), rel=1e-12)
    J, grads = model.compute_gradients(x, y)
    assert J == pytest.approx(model.evaluate(x, y), rel=1e-12)
    for l, layer in enumerate(model.layers):
        for p, grad in ((layer.W, grads[2 * l]), (layer.b, grads[2 * l + 1])):
            assert relative_error(grad, numerical_gradient(lambda: model.evaluate(x, y), p)) < 1e-6
