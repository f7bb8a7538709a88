"""nnlib.keras_bridge: the Keras twin has the same layers and weights, and weights copy both ways."""
import keras
import numpy as np
import pytest

from nnlib import Dense, Sequential, set_random_seed
from nnlib.keras_bridge import copy_weights, from_keras, to_keras


def nn_model():
    set_random_seed(0)
    model = Sequential([Dense(4, activation="relu", name="hidden"), Dense(2, activation="softmax", name="out")])
    model.build((None, 3))
    return model


def test_to_keras_same_layers_weights_and_predictions(rng):
    model = nn_model()
    kmodel = to_keras(model)
    assert isinstance(kmodel, keras.Sequential)
    assert [l.name for l in kmodel.layers] == ["hidden", "out"]
    assert [l.units for l in kmodel.layers] == [4, 2]
    assert [l.get_config()["activation"] for l in kmodel.layers] == ["relu", "softmax"]
    assert kmodel.count_params() == model.count_params() == 3 * 4 + 4 + 4 * 2 + 2
    for w, kw in zip(model.get_weights(), kmodel.get_weights()):
        assert w.shape == kw.shape
        np.testing.assert_allclose(w, kw, rtol=1e-7)  # float32 copies of the same numbers
    x = rng.normal(size=(5, 3))
    np.testing.assert_allclose(model.predict(x), kmodel.predict(x, verbose=0), rtol=1e-5, atol=1e-6)


def test_from_keras_same_predictions(rng):
    kmodel = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(3, activation="tanh"),
                               keras.layers.Dense(1, activation="sigmoid")])
    model = from_keras(kmodel)
    assert [l.units for l in model.layers] == [3, 1]
    assert [l.activation for l in model.layers] == ["tanh", "sigmoid"]
    x = rng.normal(size=(4, 2)).astype(np.float32)
    np.testing.assert_allclose(model.predict(x), kmodel(x).numpy(), rtol=1e-5, atol=1e-6)


def test_round_trip_keeps_weights():
    model = nn_model()
    back = from_keras(to_keras(model))
    for w, w2 in zip(model.get_weights(), back.get_weights()):
        np.testing.assert_allclose(w, w2, rtol=1e-7)


def test_copy_weights_both_ways(rng):
    model = nn_model()
    kmodel = to_keras(model)
    new = [rng.normal(size=w.shape) for w in model.get_weights()]
    model.set_weights(new)
    assert copy_weights(model, kmodel) is kmodel  # nnlib -> Keras
    for w, kw in zip(new, kmodel.get_weights()):
        np.testing.assert_allclose(w, kw, rtol=1e-6)
    other = nn_model()
    copy_weights(kmodel, other)  # Keras -> nnlib
    for w, w2 in zip(new, other.get_weights()):
        np.testing.assert_allclose(w, w2, rtol=1e-6)


def test_from_keras_rejects_layers_it_cannot_copy():
    kmodel = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(3), keras.layers.Dropout(0.5)])
    with pytest.raises(ValueError, match=r"from_keras handles Dense layers.*received Dropout"):
        from_keras(kmodel)


def test_to_keras_needs_a_built_model():
    with pytest.raises(RuntimeError, match=r"to_keras needs the weights.*Input\(shape=\(n,\)\)"):
        to_keras(Sequential([Dense(2)]))


def test_a_penalty_crosses_the_bridge_both_ways():
    """kernel_regularizer goes to Keras and back: the same cost with the penalty on both sides."""
    import keras

    from nnlib import Dense, Sequential
    from nnlib.keras_bridge import from_keras, to_keras
    from nnlib.losses import MeanSquaredError
    from nnlib.regularizers import L1L2, L2

    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(20, 3)), rng.normal(size=(20, 1))
    model = Sequential([Dense(4, activation="tanh", kernel_regularizer=L2(0.05)),
                        Dense(1, kernel_regularizer=L1L2(l1=0.02, l2=0.01))])
    model.build((None, 3))
    model.compile(optimizer="sgd", loss=MeanSquaredError())
    kmodel = to_keras(model)
    kmodel.compile(optimizer="sgd", loss="mse")
    ours = model.evaluate(x, y)
    theirs = kmodel.evaluate(x, y, verbose=0)
    penalty = sum(l.penalty() for l in model.layers)
    assert penalty > 0.01  # the check below would pass without penalties otherwise
    np.testing.assert_allclose(theirs, ours, rtol=1e-5)
    back = from_keras(kmodel)
    back.compile(optimizer="sgd", loss=MeanSquaredError())
    np.testing.assert_allclose(back.evaluate(x, y), ours, rtol=1e-6)  # the weights went through float32
    config = back.layers[1].kernel_regularizer.get_config()
    np.testing.assert_allclose([config["l1"], config["l2"]], [0.02, 0.01], rtol=1e-6)
