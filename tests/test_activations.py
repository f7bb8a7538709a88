"""nnlib.activations: values by hand, derivatives by centred differences, stability by hypothesis.

Keras equivalence of the activations is in test_keras_equivalence.py.
"""
import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from nnlib import activations
from nnlib.gradcheck import numerical_gradient, relative_error

ELEMENTWISE = ["linear", "sigmoid", "tanh", "relu", "leaky_relu"]
ALL = ELEMENTWISE + ["softmax"]


def z_away_from_kinks(rng, shape=(4, 5)):
    """Float64 z with |z| >= 0.1, so relu's kink at 0 is never inside a centred difference."""
    z = rng.uniform(0.1, 3.0, shape) * rng.choice([-1.0, 1.0], shape)
    return z


# ---- values computed by hand ------------------------------------------------------------
def test_values_by_hand():
    z = [-2.0, 0.0, 1.5]
    assert activations.linear(z).tolist() == z
    np.testing.assert_allclose(activations.sigmoid(z), [1 / (1 + math.exp(-v)) for v in z], rtol=1e-15)
    np.testing.assert_allclose(activations.tanh(z), [math.tanh(v) for v in z], rtol=1e-15)
    assert activations.relu(z).tolist() == [0.0, 0.0, 1.5]
    # Keras's "leaky_relu" function uses slope 0.2 (the LeakyReLU layer's 0.3 is a different default)
    assert activations.leaky_relu(z).tolist() == [-0.4, 0.0, 1.5]
    assert activations.leaky_relu(z, negative_slope=0.3).tolist() == pytest.approx([-0.6, 0.0, 1.5])
    e = [math.exp(v) for v in z]
    np.testing.assert_allclose(activations.softmax([z]), [[v / sum(e) for v in e]], rtol=1e-15)


def test_sigmoid_of_zero_is_one_half_and_derivative_one_quarter():
    assert activations.sigmoid(0.0) == 0.5
    assert activations.sigmoid_derivative(0.0) == 0.25


def test_relu_derivative_is_zero_at_zero_like_tensorflow():
    assert activations.relu_derivative([-1.0, 0.0, 2.0]).tolist() == [0.0, 0.0, 1.0]


@pytest.mark.parametrize("name", ALL)
def test_get_and_derivative_by_keras_name(name):
    assert activations.get(name) is getattr(activations, name)
    assert activations.derivative(name) is getattr(activations, f"{name}_derivative")


def test_none_means_linear_and_functions_are_accepted():
    assert activations.get(None) is activations.linear
    assert activations.get(activations.relu) is activations.relu


def test_unknown_name_lists_the_valid_names():
    with pytest.raises(ValueError, match=r"Unknown activation 'Relu'.*'leaky_relu'.*'softmax'.*activation=\"relu\""):
        activations.get("Relu")


def test_inputs_are_not_modified():
    z = np.array([[-1.0, 2.0, 0.5]])
    before = z.copy()
    for name in ALL:
        activations.get(name)(z)
        activations.backward(name, z, np.ones_like(z))
    np.testing.assert_array_equal(z, before)


# ---- derivatives by centred differences (float64, relative error < 1e-6) -----------------
@pytest.mark.parametrize("name", ELEMENTWISE)
def test_elementwise_derivative_gradcheck(name, rng):
    z = z_away_from_kinks(rng)
    c = rng.normal(size=z.shape)  # J = sum(c * g(z)) so dJ/dz = c * g'(z)
    g, dg = activations.get(name), activations.derivative(name)
    numeric = numerical_gradient(lambda: float(np.sum(c * g(z))), z)
    assert relative_error(c * dg(z), numeric) < 1e-6


@pytest.mark.parametrize("name", ALL)
def test_backward_gradcheck(name, rng):
    """backward(name, z, da) is dJ/dz for J = sum(da * g(z)), softmax included."""
    z = z_away_from_kinks(rng)
    da = rng.normal(size=z.shape)
    g = activations.get(name)
    numeric = numerical_gradient(lambda: float(np.sum(da * g(z))), z)
    assert relative_error(activations.backward(name, z, da), numeric) < 1e-6


def test_softmax_jacobian_gradcheck(rng):
    z = rng.normal(size=(3, 4))
    jac = activations.softmax_derivative(z)
    assert jac.shape == (3, 4, 4)
    for j in range(4):  # row j of each example's Jacobian: d a_j / d z_k
        numeric = numerical_gradient(lambda: float(np.sum(activations.softmax(z)[:, j])), z)
        assert relative_error(jac[:, j, :], numeric) < 1e-6


def test_leaky_relu_derivative_uses_slope_0_2():
    assert activations.leaky_relu_derivative([-3.0, 4.0]).tolist() == [0.2, 1.0]


# ---- stability: |z| up to 1e4, no overflow, no warnings ---------------------------------
# Overflow, division by zero and invalid (NaN) raise. Underflow stays ignored (numpy's default):
# e^(-1e4) rounding to exactly 0.0 is the intended, correct result, not a problem to warn about.
STRICT = dict(all="raise", under="ignore")
BIG = st.floats(min_value=-1e4, max_value=1e4, allow_nan=False, allow_infinity=False)


@settings(max_examples=200, deadline=None)
@given(arrays(np.float64, st.integers(1, 20), elements=BIG))
def test_sigmoid_finite_in_unit_interval_without_warnings(z):
    with warnings.catch_warnings(), np.errstate(**STRICT):
        warnings.simplefilter("error")
        a = activations.sigmoid(z)
        da = activations.sigmoid_derivative(z)
    assert np.all(np.isfinite(a)) and np.all((a >= 0) & (a <= 1))
    assert np.all(np.isfinite(da)) and np.all((da >= 0) & (da <= 0.25))


@settings(max_examples=200, deadline=None)
@given(arrays(np.float64, st.tuples(st.integers(1, 5), st.integers(1, 8)), elements=BIG))
def test_softmax_finite_rows_sum_to_one_without_warnings(z):
    with warnings.catch_warnings(), np.errstate(**STRICT):
        warnings.simplefilter("error")
        a = activations.softmax(z)
        dz = activations.backward("softmax", z, np.ones_like(z))
    assert np.all(np.isfinite(a)) and np.all(a >= 0)
    np.testing.assert_allclose(a.sum(axis=1), 1.0, rtol=1e-12)
    # the largest logit always gets the largest probability
    assert np.all(a[np.arange(len(z)), z.argmax(axis=1)] == a.max(axis=1))
    np.testing.assert_allclose(dz, 0.0, atol=1e-12)  # a constant shift of da changes nothing


def test_sigmoid_extremes_exact():
    with np.errstate(**STRICT):
        a = activations.sigmoid(np.array([-1e4, -800.0, 800.0, 1e4]))
    assert a.tolist() == [0.0, 0.0, 1.0, 1.0]


@settings(max_examples=100, deadline=None)
@given(arrays(np.float64, st.integers(1, 10), elements=st.floats(-30, 30)))
def test_sigmoid_symmetry(z):
    np.testing.assert_allclose(activations.sigmoid(-z), 1 - activations.sigmoid(z), atol=1e-15)


@settings(max_examples=100, deadline=None)
@given(arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(2, 6)), elements=st.floats(-50, 50)),
       st.floats(-1e3, 1e3))
def test_softmax_shift_invariant(z, c):
    np.testing.assert_allclose(activations.softmax(z + c), activations.softmax(z), atol=1e-12)
