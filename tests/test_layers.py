"""nnlib.layers.Dense: lazy build, Glorot init, forward against numpy, backward by centred differences."""
import re

import numpy as np
import pytest

from nnlib import Dense, Input, set_random_seed
from nnlib.gradcheck import numerical_gradient, relative_error

ACTS = ["linear", "sigmoid", "tanh", "relu", "leaky_relu", "softmax"]


def built_layer(rng, n_in=4, units=3, activation="tanh"):
    layer = Dense(units, activation=activation)
    layer.set_weights([rng.normal(size=(n_in, units)), rng.normal(size=units)])
    return layer


def test_built_lazily_on_first_input():
    layer = Dense(3, activation="relu")
    assert not layer.built and layer.get_weights() == [] and layer.count_params() == 0
    layer.forward(np.ones((5, 2)))
    assert layer.W.shape == (2, 3) and layer.b.shape == (3,)
    assert layer.count_params() == 2 * 3 + 3


def test_glorot_uniform_range_and_zero_bias():
    set_random_seed(0)
    layer = Dense(300)
    layer.build(200)
    r = np.sqrt(6.0 / (200 + 300))
    assert np.all(np.abs(layer.W) <= r)
    assert np.abs(layer.W).max() > 0.99 * r  # it fills the range, not a narrower one
    assert layer.W.var() == pytest.approx(r * r / 3, rel=0.02)  # variance of U(-r, r)
    assert abs(layer.W.mean()) < 0.01 * r
    assert np.all(layer.b == 0)


def test_same_seed_same_weights_other_seed_other_weights():
    def weights(seed):
        set_random_seed(seed)
        layer = Dense(4)
        layer.build(3)
        return layer.W

    np.testing.assert_array_equal(weights(7), weights(7))
    assert not np.allclose(weights(7), weights(8))


def test_default_names_are_unique_and_keras_like():
    a, b = Dense(1), Dense(1)
    assert a.name != b.name
    assert re.fullmatch(r"dense(_\d+)?", a.name) and re.fullmatch(r"dense(_\d+)?", b.name)
    assert Dense(1, name="hidden").name == "hidden"


def test_activation_none_means_linear():
    assert Dense(2).activation == "linear"
    assert Dense(2, activation=None).activation == "linear"


def test_repr_says_units_activation_and_shape():
    layer = Dense(3, activation="relu", name="h")
    assert repr(layer) == "Dense(units=3, activation='relu', name='h', unbuilt)"
    layer.build(2)
    assert "W(2, 3)" in repr(layer)


def test_input_declares_shape():
    assert Input(shape=(5,)).shape == (5,)


@pytest.mark.parametrize("activation", ACTS)
def test_forward_is_g_of_a_W_plus_b(activation, rng):
    layer = built_layer(rng, activation=activation)
    a_in = rng.normal(size=(5, 4))
    z = a_in @ layer.W + layer.b
    g = {
        "linear": lambda v: v,
        "sigmoid": lambda v: 1 / (1 + np.exp(-v)),
        "tanh": np.tanh,
        "relu": lambda v: np.maximum(v, 0),
        "leaky_relu": lambda v: np.where(v > 0, v, 0.2 * v),
        "softmax": lambda v: np.exp(v) / np.exp(v).sum(axis=1, keepdims=True),
    }[activation]
    np.testing.assert_allclose(layer.forward(a_in), g(z), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("activation", ACTS)
def test_backward_gradcheck(activation, rng):
    """dW, db and da_in against centred differences of J = sum(c * a_out)."""
    layer = built_layer(rng, activation=activation)
    a_in = rng.normal(size=(5, 4))
    c = rng.normal(size=(5, 3))  # so dJ/da_out = c

    def J():
        return float(np.sum(c * layer.forward(a_in)))

    J()
    da_in = layer.backward(c)
    dW, db = layer.dW.copy(), layer.db.copy()
    assert da_in.shape == a_in.shape and dW.shape == layer.W.shape and db.shape == layer.b.shape
    assert relative_error(dW, numerical_gradient(J, layer.W)) < 1e-6
    assert relative_error(db, numerical_gradient(J, layer.b)) < 1e-6
    assert relative_error(da_in, numerical_gradient(J, a_in)) < 1e-6


def test_backward_formulas_for_linear_layer(rng):
    """dW = a_in^T dz, db = sum over examples of dz, da_in = dz W^T (linear, so dz = da_out)."""
    layer = built_layer(rng, activation="linear")
    a_in, dz = rng.normal(size=(5, 4)), rng.normal(size=(5, 3))
    layer.forward(a_in)
    da_in = layer.backward(dz)
    np.testing.assert_allclose(layer.dW, a_in.T @ dz)
    np.testing.assert_allclose(layer.db, dz.sum(axis=0))
    np.testing.assert_allclose(da_in, dz @ layer.W.T)
    assert layer.grads[0] is layer.dW and layer.params[0] is layer.W


def test_backward_before_forward_is_a_clear_error():
    layer = Dense(2)
    with pytest.raises(RuntimeError, match=r"call forward\(a_in\) before backward"):
        layer.backward(np.ones((1, 2)))


def test_get_weights_returns_copies_and_set_weights_copies_in(rng):
    layer = built_layer(rng)
    W, b = layer.get_weights()
    W += 1.0
    assert not np.allclose(layer.W, W)
    new_W, new_b = rng.normal(size=(4, 3)), rng.normal(size=3)
    layer.set_weights([new_W, new_b])
    new_W[0, 0] = 123.0
    assert layer.W[0, 0] != 123.0
    np.testing.assert_array_equal(layer.get_weights()[1], new_b)


def test_set_weights_builds_an_unbuilt_layer(rng):
    layer = Dense(3)
    layer.set_weights([np.ones((2, 3)), np.zeros(3)])
    assert layer.built
    assert layer.forward(np.array([[1.0, 2.0]])).tolist() == [[3.0, 3.0, 3.0]]


def test_forward_does_not_modify_its_input(rng):
    layer = built_layer(rng, activation="relu")
    a_in = rng.normal(size=(3, 4))
    before = a_in.copy()
    layer.forward(a_in)
    layer.backward(np.ones((3, 3)))
    np.testing.assert_array_equal(a_in, before)


def test_forward_accepts_a_nested_list():
    layer = Dense(1)
    layer.set_weights([[[2.0], [3.0]], [1.0]])
    assert layer.forward([[1.0, 1.0]]).tolist() == [[6.0]]


def test_kernel_regularizer_penalty_and_its_gradient_in_dW(rng):
    from nnlib.regularizers import L2

    layer = Dense(3, activation="linear", kernel_regularizer=L2(0.1))
    assert "kernel_regularizer=L2(l2=0.1)" in repr(layer)
    assert layer.penalty() == 0.0  # no W yet
    a_in = rng.normal(size=(4, 2))
    layer.forward(a_in)
    assert layer.penalty() == pytest.approx(0.1 * np.sum(layer.W ** 2))
    dz = rng.normal(size=(4, 3))
    layer.backward(dz)
    np.testing.assert_allclose(layer.dW, a_in.T @ dz + 2 * 0.1 * layer.W)  # dW = a_in^T dz + d penalty / dW
    np.testing.assert_allclose(layer.db, dz.sum(axis=0))  # b is not penalised


def test_kernel_regularizer_by_name_and_refused_junk():
    assert Dense(2, kernel_regularizer="l1").kernel_regularizer.l1 == pytest.approx(0.01)
    assert Dense(2).kernel_regularizer is None
    with pytest.raises(ValueError, match=r"received the str 'l3'"):
        Dense(2, kernel_regularizer="l3")
