"""nnlib.gradcheck: centred differences on functions with known derivatives, and that it catches bugs."""
import numpy as np
import pytest

from nnlib import Dense, Sequential, set_random_seed
from nnlib.gradcheck import check_model_gradients, numerical_gradient, relative_error
from nnlib.losses import SparseCategoricalCrossentropy


def test_numerical_gradient_of_known_functions(rng):
    w = rng.normal(size=(3, 4))
    np.testing.assert_allclose(numerical_gradient(lambda: float(np.sum(w ** 3)), w), 3 * w ** 2, rtol=1e-7, atol=1e-9)
    v = rng.normal(size=(2, 3, 2))  # any number of axes
    np.testing.assert_allclose(numerical_gradient(lambda: float(np.sum(np.sin(v))), v), np.cos(v), rtol=1e-7, atol=1e-9)


def test_centred_difference_error_is_order_eps_squared():
    w = np.array([1.0])
    exact = np.exp(1.0)
    err = [abs(numerical_gradient(lambda: float(np.exp(w[0])), w, eps=e)[0] - exact) for e in (1e-2, 1e-3)]
    assert err[0] / err[1] == pytest.approx(100, rel=0.01)  # eps / 10 -> error / 100


def test_numerical_gradient_restores_w(rng):
    w = rng.normal(size=(3, 3))
    before = w.copy()
    numerical_gradient(lambda: float(np.sum(w ** 2)), w)
    np.testing.assert_array_equal(w, before)


def test_relative_error_values():
    a = np.array([3.0, 4.0])
    assert relative_error(a, a) == 0.0
    assert relative_error(a, -a) == 1.0
    assert relative_error(np.zeros(2), np.zeros(2)) == 0.0
    assert relative_error(a, 1.01 * a) == pytest.approx(0.01 / 2.01)


def test_a_wrong_gradient_is_caught(rng):
    w = rng.normal(size=5)
    numeric = numerical_gradient(lambda: float(np.sum(w ** 2)), w)
    assert relative_error(2 * w, numeric) < 1e-8
    assert relative_error(2.02 * w, numeric) > 1e-3  # a 1% mistake is far above the 1e-6 line


def model():
    set_random_seed(0)
    m = Sequential([Dense(4, activation="relu"), Dense(3, activation="softmax")])
    m.compile(optimizer="sgd", loss=SparseCategoricalCrossentropy())
    return m


def test_check_model_gradients_names_and_passes(rng):
    x, y = rng.normal(size=(6, 2)), rng.integers(0, 3, 6)
    result = check_model_gradients(model(), x, y)
    assert [name for name, _ in result] == ["W1", "b1", "W2", "b2"]
    assert all(err < 1e-6 for _, err in result), result


def test_check_model_gradients_catches_a_broken_backward(rng, monkeypatch):
    x, y = rng.normal(size=(6, 2)), rng.integers(0, 3, 6)
    m = model()
    real = m.layers[0].backward_from_z
    monkeypatch.setattr(m.layers[0], "backward_from_z", lambda dz: real(1.05 * dz))
    errors = dict(check_model_gradients(m, x, y))
    assert errors["W1"] > 1e-3 and errors["b1"] > 1e-3
    assert errors["W2"] < 1e-6 and errors["b2"] < 1e-6
