"""nnlib equals tf.keras on identical weights: Keras is the oracle.

Predictions for every activation, every loss with and without from_logits, gradients against
tf.GradientTape, SGD / momentum / Adam steps against keras.optimizers on tf.Variables, and whole
``fit`` runs with shuffle=False (full batch and minibatch) compared epoch by epoch.

Keras computes in float32 and nnlib in float64; inputs and initial weights are made exactly
representable in float32 so both start from the same numbers, and results agree to ~1e-5
(one step) or ~1e-4 (several epochs of training).
The Keras twins here are built with keras directly; nnlib.keras_bridge is tested on its own.
"""
import warnings

import keras
import numpy as np
import pytest
import tensorflow as tf

from nnlib import Dense, Sequential, activations, regularizers, set_random_seed
from nnlib import losses as nl
from nnlib import optimizers as no
from nnlib.datasets import load_coffee_data
from nnlib.gradcheck import relative_error

ACTS = ["linear", "sigmoid", "tanh", "relu", "leaky_relu", "softmax"]


def f32(a):
    """The float32 value of a, held in float64: the same number for Keras and for nnlib."""
    return np.asarray(a, dtype=np.float32).astype(np.float64)


def keras_twin(model):
    """A keras.Sequential with the same layers and weights, built with keras alone."""
    n_in = model.layers[0].W.shape[0]
    kmodel = keras.Sequential(
        [keras.Input(shape=(n_in,))] + [keras.layers.Dense(l.units, activation=l.activation) for l in model.layers]
    )
    kmodel.set_weights([w.astype(np.float32) for w in model.get_weights()])
    return kmodel


def nn_model(sizes, acts, n_in, seed=0):
    """An nnlib model whose initial weights are float32 numbers."""
    set_random_seed(seed)
    model = Sequential([Dense(u, activation=a) for u, a in zip(sizes, acts)])
    model.build((None, n_in))
    model.set_weights([f32(w) for w in model.get_weights()])
    return model


# ---- activations and predictions --------------------------------------------------------------
@pytest.mark.parametrize("name", ACTS)
def test_activation_functions(name, rng):
    z = f32(np.concatenate([rng.normal(scale=3, size=(4, 5)), [[-1e4, -50.0, 0.0, 50.0, 1e4]]]))
    expected = getattr(keras.activations, name)(tf.constant(z, dtype=tf.float32)).numpy()
    np.testing.assert_allclose(activations.get(name)(z), expected, rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("name", ACTS)
def test_predictions_for_every_activation(name, rng):
    model = nn_model([5, 3], [name, name], n_in=4)
    x = f32(rng.normal(scale=2, size=(6, 4)))
    expected = keras_twin(model)(x).numpy()
    np.testing.assert_allclose(model.predict(x), expected, rtol=1e-5, atol=1e-6)


# ---- losses ---------------------------------------------------------------------------------
def loss_cases(rng):
    """(name, nnlib loss, keras loss, y_true, y_pred); probabilities include 0 and 1 (the clip)."""
    m, k = 6, 3
    labels = rng.integers(0, k, m)
    onehot = np.eye(k)[labels]
    probs = f32(rng.dirichlet(np.ones(k), m))
    probs[0] = [1.0, 0.0, 0.0]  # clipped at 1e-7 and 1 - 1e-7
    logits = f32(rng.normal(scale=4, size=(m, k)))
    y01 = rng.integers(0, 2, (m, 1)).astype(float)
    y01[:2] = [[1.0], [1.0]]
    p01 = f32(rng.uniform(0, 1, (m, 1)))
    # a = 0 for y = 1 is the worst prediction: both clip to 1e-7 and give -log(1e-7). (The other
    # worst case, a = 1 for y = 0, differs by float32 rounding: Keras's ceiling 1 - 1e-7 becomes
    # 1 - 1.19e-7 in float32, so Keras gives 15.94 where nnlib's float64 clip gives 16.12.)
    p01[:2] = [[0.0], [1.0]]
    kl = keras.losses
    out = []
    for fl in (False, True):
        pb, pc = (f32(rng.normal(scale=4, size=(m, 1))), logits) if fl else (p01, probs)
        out += [
            (f"bce-{fl}", nl.BinaryCrossentropy(from_logits=fl), kl.BinaryCrossentropy(from_logits=fl), y01, pb),
            (f"bce-labels(m,)-{fl}", nl.BinaryCrossentropy(from_logits=fl), kl.BinaryCrossentropy(from_logits=fl),
             y01[:, 0], pb),
            (f"scce-{fl}", nl.SparseCategoricalCrossentropy(from_logits=fl),
             kl.SparseCategoricalCrossentropy(from_logits=fl), labels, pc),
            (f"cce-{fl}", nl.CategoricalCrossentropy(from_logits=fl), kl.CategoricalCrossentropy(from_logits=fl),
             onehot, pc),
        ]
    # rows that sum to 1 only up to rounding (nnlib refuses rows off by more than 0.02, issue 14):
    # both renormalise them the same way
    def nearly_normalised(p):
        return f32(p / p.sum(1, keepdims=True) * rng.uniform(0.985, 1.015, (m, 1)))

    out.append(("cce-unnormalised", nl.CategoricalCrossentropy(), kl.CategoricalCrossentropy(), onehot,
                nearly_normalised(rng.uniform(0.1, 2, (m, k)))))
    out.append(("scce-unnormalised", nl.SparseCategoricalCrossentropy(), kl.SparseCategoricalCrossentropy(), labels,
                nearly_normalised(rng.uniform(0.05, 0.9, (m, k)))))
    out.append(("mse", nl.MeanSquaredError(), kl.MeanSquaredError(), f32(rng.normal(size=(m, 2))),
                f32(rng.normal(size=(m, 2)))))
    out.append(("mse-labels(m,)", nl.MeanSquaredError(), kl.MeanSquaredError(), f32(rng.normal(size=m)),
                f32(rng.normal(size=(m, 1)))))
    return out


LOSS_IDS = [c[0] for c in loss_cases(np.random.default_rng(0))]


def loss_case(name):
    return next(c for c in loss_cases(np.random.default_rng(5)) if c[0] == name)


@pytest.mark.parametrize("case", LOSS_IDS)
def test_loss_values(case):
    _, loss, kloss, y, p = loss_case(case)
    expected = float(kloss(y, tf.constant(p, dtype=tf.float32)))
    assert loss(y, p) == pytest.approx(expected, rel=1e-5, abs=1e-6)


@pytest.mark.parametrize("case", LOSS_IDS)
def test_loss_gradients_against_gradient_tape(case):
    _, loss, kloss, y, p = loss_case(case)
    if not loss.from_logits and isinstance(loss, nl.BinaryCrossentropy):
        p = f32(np.clip(p, 0.02, 0.98))  # the clip's kink is where the two could legitimately differ
    var = tf.Variable(p.astype(np.float32))
    with tf.GradientTape() as tape:
        J = kloss(y, var)
    expected = tape.gradient(J, var).numpy()
    assert relative_error(loss.gradient(y, p), expected) < 1e-5


# ---- model gradients ------------------------------------------------------------------------
def gradient_cases(rng):
    m = 8
    labels = rng.integers(0, 3, m)
    return {
        "sigmoid+BCE()": ("sigmoid", 1, nl.BinaryCrossentropy(), keras.losses.BinaryCrossentropy(),
                          rng.integers(0, 2, (m, 1)).astype(float)),
        "linear+BCE(logits)": ("linear", 1, nl.BinaryCrossentropy(from_logits=True),
                               keras.losses.BinaryCrossentropy(from_logits=True), rng.integers(0, 2, m).astype(float)),
        "softmax+SCCE()": ("softmax", 3, nl.SparseCategoricalCrossentropy(),
                           keras.losses.SparseCategoricalCrossentropy(), labels),
        "linear+SCCE(logits)": ("linear", 3, nl.SparseCategoricalCrossentropy(from_logits=True),
                                keras.losses.SparseCategoricalCrossentropy(from_logits=True), labels),
        "softmax+CCE()": ("softmax", 3, nl.CategoricalCrossentropy(), keras.losses.CategoricalCrossentropy(),
                          np.eye(3)[labels]),
        "linear+MSE": ("linear", 2, nl.MeanSquaredError(), keras.losses.MeanSquaredError(),
                       f32(rng.normal(size=(m, 2)))),
    }


@pytest.mark.parametrize("hidden", ["sigmoid", "tanh", "relu", "leaky_relu"])
@pytest.mark.parametrize("case", list(gradient_cases(np.random.default_rng(0))))
def test_model_gradients_against_gradient_tape(case, hidden, rng):
    out_act, units, loss, kloss, y = gradient_cases(np.random.default_rng(2))[case]
    model = nn_model([4, units], [hidden, out_act], n_in=3)
    model.compile(optimizer="sgd", loss=loss)
    x = f32(rng.normal(size=(8, 3)))
    kmodel = keras_twin(model)
    with tf.GradientTape() as tape:
        kJ = kloss(y, kmodel(x, training=True))
    kgrads = tape.gradient(kJ, kmodel.trainable_variables)
    J, grads = model.compute_gradients(x, y)
    assert J == pytest.approx(float(kJ), rel=1e-5)
    for i, (g, kg) in enumerate(zip(grads, kgrads)):
        assert relative_error(g, kg.numpy()) < 1e-5, f"gradient {i} ({['W', 'b'][i % 2]}{i // 2 + 1})"


# ---- optimizer steps ----------------------------------------------------------------------------
OPTIMIZERS = {
    "sgd": (lambda: no.SGD(0.1), lambda: keras.optimizers.SGD(0.1)),
    "sgd-momentum": (lambda: no.SGD(0.05, momentum=0.9), lambda: keras.optimizers.SGD(0.05, momentum=0.9)),
    "adam": (lambda: no.Adam(), lambda: keras.optimizers.Adam()),
    "adam-custom": (lambda: no.Adam(0.02, beta_1=0.8, beta_2=0.99, epsilon=1e-5),
                    lambda: keras.optimizers.Adam(0.02, beta_1=0.8, beta_2=0.99, epsilon=1e-5)),
}


@pytest.mark.parametrize("steps", [1, 6])
@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_optimizer_steps_against_keras(name, steps, rng):
    make, kmake = OPTIMIZERS[name]
    shapes = [(3, 4), (4,), (4, 1), (1,)]
    params = [f32(rng.normal(size=s)) for s in shapes]
    kvars = [tf.Variable(p.astype(np.float32)) for p in params]
    opt, kopt = make(), kmake()
    for _ in range(steps):
        grads = [f32(rng.normal(size=s)) for s in shapes]
        opt.update(params, grads)
        kopt.apply_gradients(zip([tf.constant(g, dtype=tf.float32) for g in grads], kvars))
    assert opt.iterations == int(kopt.iterations.numpy()) == steps
    for p, v in zip(params, kvars):
        np.testing.assert_allclose(p, v.numpy(), rtol=1e-5, atol=1e-6)


# ---- whole fit runs ---------------------------------------------------------------------------
M = 100  # with batch_size=32 the epoch is 32 + 32 + 32 + 4: the last batch is partial


def coffee():
    X, y = load_coffee_data(m=M)
    return f32((X - X.mean(axis=0)) / X.std(axis=0)), y


def blobs(k=3):
    rng = np.random.default_rng(4)
    labels = np.arange(M) % k
    centres = rng.normal(scale=2.0, size=(k, 4))
    return f32(centres[labels] + rng.normal(size=(M, 4))), labels


def regression():
    rng = np.random.default_rng(6)
    X = f32(rng.uniform(-2, 2, (M, 3)))
    return X, f32(np.sin(X[:, 0]) + 0.5 * X[:, 1] * X[:, 2])


FITS = {
    # name: (data, hidden, out_act, units, nnlib loss, keras loss, nnlib opt, keras opt)
    "sigmoid+BCE()": (coffee, "sigmoid", "sigmoid", 1, lambda: nl.BinaryCrossentropy(),
                      lambda: keras.losses.BinaryCrossentropy(), lambda: no.Adam(0.05),
                      lambda: keras.optimizers.Adam(0.05)),
    "linear+BCE(from_logits)": (coffee, "relu", "linear", 1, lambda: nl.BinaryCrossentropy(from_logits=True),
                                lambda: keras.losses.BinaryCrossentropy(from_logits=True),
                                lambda: no.SGD(0.3, momentum=0.9), lambda: keras.optimizers.SGD(0.3, momentum=0.9)),
    "softmax+SCCE()": (blobs, "tanh", "softmax", 3, lambda: nl.SparseCategoricalCrossentropy(),
                       lambda: keras.losses.SparseCategoricalCrossentropy(), lambda: no.Adam(0.02),
                       lambda: keras.optimizers.Adam(0.02)),
    "linear+SCCE(from_logits)": (blobs, "leaky_relu", "linear", 3,
                                 lambda: nl.SparseCategoricalCrossentropy(from_logits=True),
                                 lambda: keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                                 lambda: no.Adam(0.02), lambda: keras.optimizers.Adam(0.02)),
    "softmax+CCE()": (lambda: (blobs()[0], np.eye(3)[blobs()[1]]), "relu", "softmax", 3,
                      lambda: nl.CategoricalCrossentropy(), lambda: keras.losses.CategoricalCrossentropy(),
                      lambda: no.SGD(0.2), lambda: keras.optimizers.SGD(0.2)),
    "linear+MSE": (regression, "tanh", "linear", 1, lambda: nl.MeanSquaredError(),
                   lambda: keras.losses.MeanSquaredError(), lambda: no.SGD(0.05, momentum=0.5),
                   lambda: keras.optimizers.SGD(0.05, momentum=0.5)),
}


def fit_both(name, batch_size, epochs=5, metrics=None):
    data, hidden, out_act, units, loss, kloss, opt, kopt = FITS[name]
    X, y = data()
    model = nn_model([4, units], [hidden, out_act], n_in=X.shape[1])
    kmodel = keras_twin(model)
    model.compile(optimizer=opt(), loss=loss(), metrics=metrics)
    kmodel.compile(optimizer=kopt(), loss=kloss(), metrics=metrics)
    kh = kmodel.fit(X, y, batch_size=batch_size, epochs=epochs, shuffle=False, verbose=0).history
    h = model.fit(X, y, batch_size=batch_size, epochs=epochs, shuffle=False, verbose=0).history
    return model, kmodel, h, kh, X, y


@pytest.mark.parametrize("batch_size", [M, 32], ids=["full-batch", "minibatch-32"])
@pytest.mark.parametrize("name", list(FITS))
def test_fit_history_and_weights_match_keras(name, batch_size):
    model, kmodel, h, kh, X, y = fit_both(name, batch_size)
    np.testing.assert_allclose(h["loss"], kh["loss"], rtol=1e-4, atol=1e-5)
    assert h["loss"][-1] < h["loss"][0]  # it trained
    for w, kw in zip(model.get_weights(), kmodel.get_weights()):
        np.testing.assert_allclose(w, kw, atol=1e-4)
    assert model.evaluate(X, y) == pytest.approx(kmodel.evaluate(X, y, verbose=0), rel=1e-4)


@pytest.mark.parametrize("name", ["sigmoid+BCE()", "linear+BCE(from_logits)", "softmax+SCCE()", "softmax+CCE()"])
def test_accuracy_history_matches_keras(name):
    _, _, h, kh, _, _ = fit_both(name, 32, epochs=4, metrics=["accuracy"])
    np.testing.assert_allclose(h["accuracy"], kh["accuracy"], atol=1e-6)
    np.testing.assert_allclose(h["loss"], kh["loss"], rtol=1e-4, atol=1e-5)


def test_validation_history_matches_keras():
    X, y = coffee()
    model = nn_model([3, 1], ["sigmoid", "sigmoid"], n_in=2)
    kmodel = keras_twin(model)
    model.compile(optimizer=no.Adam(0.05), loss=nl.BinaryCrossentropy(), metrics=["accuracy"])
    kmodel.compile(optimizer=keras.optimizers.Adam(0.05), loss="binary_crossentropy", metrics=["accuracy"])
    args = dict(batch_size=32, epochs=3, shuffle=False, verbose=0, validation_data=(X[80:], y[80:]))
    h = model.fit(X[:80], y[:80], **args).history
    kh = kmodel.fit(X[:80], y[:80], **args).history
    assert set(h) == set(kh)
    for key in h:
        np.testing.assert_allclose(h[key], kh[key], rtol=1e-4, atol=1e-5, err_msg=key)


def test_sigmoid_with_from_logits_true_trains_like_keras():
    """Both warn, and both use the sigmoid layer's logits z (Keras on TensorFlow does so inside fit)."""
    X, y = coffee()
    model = nn_model([3, 1], ["tanh", "sigmoid"], n_in=2)
    kmodel = keras_twin(model)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.compile(optimizer=no.Adam(0.05), loss=nl.BinaryCrossentropy(from_logits=True))
        kmodel.compile(optimizer=keras.optimizers.Adam(0.05), loss=keras.losses.BinaryCrossentropy(from_logits=True))
        kh = kmodel.fit(X, y, batch_size=32, epochs=3, shuffle=False, verbose=0).history
        h = model.fit(X, y, batch_size=32, epochs=3, shuffle=False, verbose=0).history
    np.testing.assert_allclose(h["loss"], kh["loss"], rtol=1e-4, atol=1e-5)


def test_sigmoid_bce_stays_exact_when_saturated_like_keras():
    """A confidently wrong sigmoid unit: the loss is z, not -log(1e-7) = 16.1 (logits recovered)."""
    model = nn_model([1], ["sigmoid"], n_in=1)
    model.set_weights([np.array([[40.0]]), np.array([0.0])])
    kmodel = keras_twin(model)
    model.compile(optimizer=no.SGD(0.01), loss=nl.BinaryCrossentropy())
    kmodel.compile(optimizer=keras.optimizers.SGD(0.01), loss=keras.losses.BinaryCrossentropy())
    x, y = np.array([[1.0]]), np.array([0.0])
    assert kmodel.evaluate(x, y, verbose=0) == pytest.approx(40.0, rel=1e-5)
    assert model.evaluate(x, y) == pytest.approx(40.0, rel=1e-9)


# ---- weight penalties: Dense(kernel_regularizer=...) ------------------------------------------------
REGULARIZERS = {  # name: (nnlib's, Keras's)
    "L1(0.02)": (lambda: regularizers.L1(0.02), lambda: keras.regularizers.L1(0.02)),
    "L2(0.05)": (lambda: regularizers.L2(0.05), lambda: keras.regularizers.L2(0.05)),
    "L1L2(0.01, 0.03)": (lambda: regularizers.L1L2(0.01, 0.03), lambda: keras.regularizers.L1L2(0.01, 0.03)),
    "'l2' by name": (lambda: "l2", lambda: "l2"),
}


def regularized_pair(name, n_in=2):
    """nnlib and Keras 2 -> 4 (tanh) -> 1 (sigmoid), a penalty on both kernels, the same float32 weights."""
    reg, kreg = REGULARIZERS[name]
    set_random_seed(2)
    model = Sequential([Dense(4, activation="tanh", kernel_regularizer=reg()),
                        Dense(1, activation="sigmoid", kernel_regularizer=reg())])
    model.build((None, n_in))
    model.set_weights([f32(w) for w in model.get_weights()])
    kmodel = keras.Sequential([keras.Input(shape=(n_in,)),
                               keras.layers.Dense(4, activation="tanh", kernel_regularizer=kreg()),
                               keras.layers.Dense(1, activation="sigmoid", kernel_regularizer=kreg())])
    kmodel.set_weights([w.astype(np.float32) for w in model.get_weights()])
    model.compile(optimizer=no.SGD(0.5), loss=nl.BinaryCrossentropy())
    kmodel.compile(optimizer=keras.optimizers.SGD(0.5), loss=keras.losses.BinaryCrossentropy())
    return model, kmodel


@pytest.mark.parametrize("name", list(REGULARIZERS))
def test_fit_with_a_kernel_regularizer_matches_keras(name):
    """One epoch of mini-batches (32 + 32 + 32 + 4), shuffle=False: Keras's reported loss is the data loss
    plus the penalties (at each batch's weights before its step); evaluate adds them too; the steps add
    the penalties' gradients to dW. Same weights after, same losses."""
    X, y = coffee()
    model, kmodel = regularized_pair(name)
    assert model.evaluate(X, y) == pytest.approx(kmodel.evaluate(X, y, verbose=0), rel=1e-5)
    assert model.evaluate(X, y) > nl.BinaryCrossentropy()(y, model.predict(X)) + 1e-3  # the penalty counts
    kh = kmodel.fit(X, y, batch_size=32, epochs=1, shuffle=False, verbose=0).history
    h = model.fit(X, y, batch_size=32, epochs=1, shuffle=False, verbose=0).history
    np.testing.assert_allclose(h["loss"], kh["loss"], rtol=1e-5)
    for w, kw in zip(model.get_weights(), kmodel.get_weights()):
        np.testing.assert_allclose(w, kw, atol=2e-6)
    assert model.evaluate(X, y) == pytest.approx(kmodel.evaluate(X, y, verbose=0), rel=1e-5)


def test_the_penalty_changes_the_steps():
    """The same run without the penalty ends elsewhere (so the comparison above tests the penalty's gradient)."""
    X, y = coffee()
    model, _ = regularized_pair("L2(0.05)")
    plain = nn_model([4, 1], ["tanh", "sigmoid"], n_in=2)
    plain.set_weights(model.get_weights())
    plain.compile(optimizer=no.SGD(0.5), loss=nl.BinaryCrossentropy())
    for m_ in (model, plain):
        m_.fit(X, y, batch_size=32, epochs=1, shuffle=False, verbose=0)
    assert np.abs(model.get_weights()[0] - plain.get_weights()[0]).max() > 1e-3
