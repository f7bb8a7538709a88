"""The playground trains as tf.keras does: mini-batches with shuffle=False, and L1/L2 penalties.

The same 2-4-1 network starts from the playground's initial weights in both; after 2 epochs in
batches of 10 the weights, the predictions and the reported cost must agree (float32 tolerance).
"""
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nnlib.widgets.ch13_playground import Playground  # noqa: E402

keras = pytest.importorskip("keras")

CASES = [  # optimizer, learning rate, regularization, rate
    ("gradient descent", 0.1, "none", 0.0),
    ("adam", 0.03, "none", 0.0),
    ("gradient descent", 0.1, "l1", 0.01),
    ("gradient descent", 0.1, "l2", 0.01),
    ("adam", 0.03, "l2", 0.003),
]


def keras_twin(pg, optimizer, learning_rate, regularization, rate):
    """A tf.keras model with the playground's layers, penalties and initial weights."""
    reg = {"none": None, "l1": keras.regularizers.L1(rate), "l2": keras.regularizers.L2(rate)}[regularization]
    layers = [keras.Input((len(pg.features),))]
    layers += [keras.layers.Dense(n, activation=pg.activation, kernel_regularizer=reg) for n in pg.hidden]
    layers.append(keras.layers.Dense(pg.n_out, activation=pg.output, kernel_regularizer=reg))
    model = keras.Sequential(layers)
    model.set_weights([w.astype("float32") for w in pg.model.get_weights()])
    opt = keras.optimizers.Adam(learning_rate) if optimizer == "adam" else keras.optimizers.SGD(learning_rate)
    model.compile(optimizer=opt, loss=keras.losses.BinaryCrossentropy())
    return model


@pytest.mark.parametrize("optimizer, learning_rate, regularization, rate", CASES)
def test_two_epochs_of_mini_batches_match_keras(optimizer, learning_rate, regularization, rate):
    pg = Playground("xor", hidden="4", activation="tanh", optimizer=optimizer, learning_rate=learning_rate,
                    regularization=regularization, reg_rate=rate, batch_size=10, shuffle=False)
    kmodel = keras_twin(pg, optimizer, learning_rate, regularization, rate)
    history = kmodel.fit(pg.A_train, pg.y_train.astype("float32"), batch_size=10, epochs=2, shuffle=False,
                         verbose=0)
    pg.step(2)
    assert pg.model.optimizer.iterations == 2 * 20 == int(kmodel.optimizer.iterations)
    for ours, theirs in zip(pg.model.get_weights(), kmodel.get_weights()):
        np.testing.assert_allclose(ours, theirs, rtol=1e-4, atol=2e-5)
    np.testing.assert_allclose(pg.model.predict(pg.A_test)[:, 0], kmodel.predict(pg.A_test, verbose=0)[:, 0],
                               atol=2e-5)
    # the cost the playground reports (training set, after the epochs) is Keras's evaluate: data loss + penalty
    k_loss = kmodel.evaluate(pg.A_train, pg.y_train.astype("float32"), verbose=0)
    assert pg.state["train_loss"] == pytest.approx(k_loss, rel=1e-4, abs=1e-5)
    assert len(history.history["loss"]) == 2


def test_the_penalty_is_in_the_cost_as_in_keras():
    """With an L2 penalty, the cost is larger than the data loss by exactly l2 * sum W^2 (no 1/2)."""
    pg = Playground("xor", hidden="4", regularization="l2", reg_rate=0.05)
    kmodel = keras_twin(pg, "adam", 0.03, "l2", 0.05)
    y = pg.y_train.astype("float32")
    total = kmodel.evaluate(pg.A_train, y, verbose=0)
    data = float(keras.losses.BinaryCrossentropy()(y, kmodel.predict(pg.A_train, verbose=0)[:, 0]))
    penalty = 0.05 * sum(float((layer.W ** 2).sum()) for layer in pg.model.layers)
    assert total == pytest.approx(data + penalty, rel=1e-5)
    assert pg.state["train_loss"] == pytest.approx(total, rel=1e-5)
