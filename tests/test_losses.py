"""nnlib.losses: values by hand, gradients by centred differences, non-negativity by hypothesis.

Equivalence with keras.losses (and tf.GradientTape) is in test_keras_equivalence.py.
"""
import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from nnlib import losses
from nnlib.gradcheck import numerical_gradient, relative_error
from nnlib.losses import (BinaryCrossentropy, CategoricalCrossentropy, MeanSquaredError,
                          SparseCategoricalCrossentropy)

EPS = 1e-7  # Keras's clip


# ---- values by hand ----------------------------------------------------------------------
def test_bce_by_hand():
    y, a = [1.0, 0.0, 1.0], [0.9, 0.2, 0.6]
    expected = -(math.log(0.9) + math.log(0.8) + math.log(0.6)) / 3
    assert BinaryCrossentropy()(y, a) == pytest.approx(expected, rel=1e-12)
    # a column of predictions (m, 1), as a sigmoid output layer gives, with labels (m,)
    assert BinaryCrossentropy()(y, np.array(a).reshape(-1, 1)) == pytest.approx(expected, rel=1e-12)


def test_bce_from_logits_by_hand():
    y, z = [1.0, 0.0], [2.0, -1.0]
    expected = (math.log(1 + math.exp(-2.0)) + math.log(1 + math.exp(-1.0))) / 2
    assert BinaryCrossentropy(from_logits=True)(y, z) == pytest.approx(expected, rel=1e-12)


def test_bce_clips_probabilities_at_1e_minus_7():
    # a = 0 for a positive example: -log(1e-7), not inf
    assert BinaryCrossentropy()([1.0], [0.0]) == pytest.approx(-math.log(EPS), rel=1e-9)
    # a = 1 for a negative example: Keras clips at 1 - 1e-7 in float32, which is 1 - 2^-23 = 1 - 1.19e-7,
    # so the loss is -log(2^-23) = 15.94 (not -log(1e-7) = 16.12); test_robustness checks it against Keras
    assert BinaryCrossentropy()([0.0], [1.0]) == pytest.approx(23 * math.log(2), rel=1e-12)


def test_bce_from_logits_stays_exact_for_huge_logits():
    with np.errstate(all="raise", under="ignore"):
        assert BinaryCrossentropy(from_logits=True)([1.0, 0.0], [-1000.0, 1000.0]) == pytest.approx(1000.0)
        assert BinaryCrossentropy(from_logits=True)([1.0, 0.0], [1000.0, -1000.0]) == 0.0


def test_sparse_categorical_by_hand():
    a = [[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]]
    expected = -(math.log(0.7) + math.log(0.8)) / 2
    assert SparseCategoricalCrossentropy()([0, 2], a) == pytest.approx(expected, rel=1e-12)
    assert SparseCategoricalCrossentropy()(np.array([[0], [2]]), a) == pytest.approx(expected, rel=1e-12)


def test_sparse_categorical_from_logits_by_hand():
    z = [[2.0, 0.0, -1.0]]
    expected = -(2.0 - math.log(math.exp(2.0) + 1.0 + math.exp(-1.0)))
    assert SparseCategoricalCrossentropy(from_logits=True)([0], z) == pytest.approx(expected, rel=1e-12)
    with np.errstate(all="raise", under="ignore"):
        big = SparseCategoricalCrossentropy(from_logits=True)([1], [[1e4, -1e4, 0.0]])
    assert big == pytest.approx(2e4)


def test_categorical_by_hand_and_equal_to_sparse():
    a = [[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]]
    Y = [[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]]
    expected = -(math.log(0.7) + math.log(0.8)) / 2
    assert CategoricalCrossentropy()(Y, a) == pytest.approx(expected, rel=1e-12)
    # soft labels: -sum y log a
    soft = [[0.5, 0.5, 0.0]]
    assert CategoricalCrossentropy()(soft, [[0.7, 0.2, 0.1]]) == pytest.approx(
        -(0.5 * math.log(0.7) + 0.5 * math.log(0.2)), rel=1e-12)


def test_categorical_renormalises_rows_as_keras():
    # rows are divided by their sum first (Keras does the same), so rounding does not matter ...
    assert CategoricalCrossentropy()([[0.0, 1.0]], [[0.25, 0.74]]) == pytest.approx(-math.log(0.74 / 0.99), rel=1e-12)
    # ... but rows far from summing to 1 are not probabilities: an error points to from_logits=True
    with pytest.raises(ValueError, match=r"row 0 sums to 1\.5.*from_logits=True"):
        CategoricalCrossentropy()([[0.0, 1.0]], [[0.5, 1.0]])


def test_mse_by_hand():
    assert MeanSquaredError()([1.0, 2.0, 3.0], [[1.5], [2.0], [1.0]]) == pytest.approx((0.25 + 0 + 4) / 3)
    # two outputs: mean over outputs, then over examples
    assert MeanSquaredError()([[0.0, 1.0]], [[1.0, 3.0]]) == pytest.approx((1 + 4) / 2)


def test_keras_strings():
    assert isinstance(losses.get("binary_crossentropy"), BinaryCrossentropy)
    assert isinstance(losses.get("sparse_categorical_crossentropy"), SparseCategoricalCrossentropy)
    assert isinstance(losses.get("categorical_crossentropy"), CategoricalCrossentropy)
    assert isinstance(losses.get("mse"), MeanSquaredError)
    assert isinstance(losses.get(MeanSquaredError), MeanSquaredError)
    loss = BinaryCrossentropy(from_logits=True)
    assert losses.get(loss) is loss
    assert repr(loss) == "BinaryCrossentropy(from_logits=True)"


# ---- gradients by centred differences ------------------------------------------------------
def cases(rng):
    """(loss, y_true, y_pred) for every loss, with and without from_logits.

    Probabilities stay clear of the clip at 1e-7, and rows sum to 1 only up to +-0.8% (the
    categorical losses accept rows within 0.02 of 1 and renormalise them as Keras does): the
    gradient must be the derivative of the loss as defined, wherever it is evaluated.
    """
    m, k = 5, 3
    labels = rng.integers(0, k, m)
    onehot = np.eye(k)[labels]
    soft = rng.dirichlet(np.ones(k), m)
    probs = rng.uniform(0.05, 0.9, (m, k))
    probs = probs / probs.sum(1, keepdims=True) * rng.uniform(0.992, 1.008, (m, 1))
    logits = rng.normal(scale=3.0, size=(m, k))
    y01 = rng.integers(0, 2, (m, 1)).astype(float)
    return [
        ("bce", BinaryCrossentropy(), y01, rng.uniform(0.05, 0.95, (m, 1))),
        ("bce-soft-2out", BinaryCrossentropy(), rng.uniform(0, 1, (m, 2)), rng.uniform(0.05, 0.95, (m, 2))),
        ("bce-logits", BinaryCrossentropy(from_logits=True), y01, rng.normal(scale=3, size=(m, 1))),
        ("bce-logits-(m,)", BinaryCrossentropy(from_logits=True), y01[:, 0], rng.normal(size=(m, 1))),
        ("scce", SparseCategoricalCrossentropy(), labels, probs),
        ("scce-softmaxed", SparseCategoricalCrossentropy(), labels, probs / probs.sum(1, keepdims=True)),
        ("scce-logits", SparseCategoricalCrossentropy(from_logits=True), labels, logits),
        ("cce", CategoricalCrossentropy(), onehot, probs),
        ("cce-soft", CategoricalCrossentropy(), soft, probs),
        ("cce-logits", CategoricalCrossentropy(from_logits=True), onehot, logits),
        ("cce-logits-soft", CategoricalCrossentropy(from_logits=True), soft, logits),
        ("mse", MeanSquaredError(), rng.normal(size=(m, 2)), rng.normal(size=(m, 2))),
        ("mse-(m,)", MeanSquaredError(), rng.normal(size=m), rng.normal(size=(m, 1))),
    ]


CASE_IDS = [c[0] for c in cases(np.random.default_rng(0))]


@pytest.mark.parametrize("case", CASE_IDS)
def test_gradient_gradcheck(case):
    _, loss, y, p = next(c for c in cases(np.random.default_rng(1)) if c[0] == case)
    analytic = loss.gradient(y, p)
    assert analytic.shape == p.shape
    numeric = numerical_gradient(lambda: loss(y, p), p)
    assert relative_error(analytic, numeric) < 1e-6


def test_fused_gradients_are_a_minus_y_over_m(rng):
    z = rng.normal(size=(4, 3))
    y = np.array([0, 2, 1, 1])
    e = np.exp(z)
    a = e / e.sum(axis=1, keepdims=True)
    np.testing.assert_allclose(SparseCategoricalCrossentropy(from_logits=True).gradient(y, z),
                               (a - np.eye(3)[y]) / 4, rtol=1e-12)
    zb = rng.normal(size=(4, 1))
    yb = np.array([[1.0], [0.0], [0.0], [1.0]])
    np.testing.assert_allclose(BinaryCrossentropy(from_logits=True).gradient(yb, zb),
                               (1 / (1 + np.exp(-zb)) - yb) / 4, rtol=1e-12)


def test_gradient_is_zero_where_clipped():
    # a = 0 for y = 1 is clipped to 1e-7: the clip is flat there, as in TensorFlow
    assert BinaryCrossentropy().gradient([1.0, 1.0], [0.0, 0.5]).tolist() == [0.0, pytest.approx(-1.0)]


# ---- properties ----------------------------------------------------------------------------
def prob_matrix(k):
    return arrays(np.float64, st.tuples(st.integers(1, 6), st.just(k)), elements=st.floats(0, 1))


LOGIT = st.floats(-1e4, 1e4, allow_nan=False)


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_losses_are_non_negative_and_finite(data):
    k = data.draw(st.integers(1, 5))
    m = data.draw(st.integers(1, 6))
    p = data.draw(arrays(np.float64, (m, k), elements=st.floats(0, 1)))
    z = data.draw(arrays(np.float64, (m, k), elements=LOGIT))
    y01 = data.draw(arrays(np.float64, (m, k), elements=st.floats(0, 1)))
    labels = data.draw(arrays(np.int64, m, elements=st.integers(0, k - 1)))
    soft = y01 / np.maximum(y01.sum(axis=1, keepdims=True), 1e-3)
    with warnings.catch_warnings(), np.errstate(all="raise", under="ignore"):
        warnings.simplefilter("error")
        values = [
            BinaryCrossentropy()(y01, p),
            BinaryCrossentropy(from_logits=True)(y01, z),
            SparseCategoricalCrossentropy(from_logits=True)(labels, z),
            CategoricalCrossentropy(from_logits=True)(soft, z),
            MeanSquaredError()(y01, z),
        ]
        if np.all(p.sum(axis=1) > 0):  # all-zero rows are refused (Keras gives NaN)
            p = p / p.sum(axis=1, keepdims=True)  # from probabilities, rows must sum to 1
            values += [SparseCategoricalCrossentropy()(labels, p), CategoricalCrossentropy()(soft, p)]
    for v in values:
        assert np.isfinite(v) and v >= 0


@settings(max_examples=50, deadline=None)
@given(arrays(np.float64, st.tuples(st.integers(1, 5), st.integers(2, 5)), elements=st.floats(-20, 20)))
def test_sparse_equals_categorical_with_one_hot(z):
    labels = np.arange(len(z)) % z.shape[1]
    Y = np.eye(z.shape[1])[labels]
    assert SparseCategoricalCrossentropy(from_logits=True)(labels, z) == pytest.approx(
        CategoricalCrossentropy(from_logits=True)(Y, z), rel=1e-12, abs=1e-12)


@settings(max_examples=50, deadline=None)
@given(arrays(np.float64, st.integers(1, 6), elements=st.floats(-15, 15)),
       arrays(np.float64, 6, elements=st.floats(0, 1)))
def test_bce_from_logits_equals_bce_of_sigmoid_for_moderate_z(z, y):
    y = y[: len(z)]
    a = 1 / (1 + np.exp(-z))  # independent of nnlib.activations
    assert BinaryCrossentropy(from_logits=True)(y, z) == pytest.approx(BinaryCrossentropy()(y, a), rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("case", CASE_IDS)
def test_training_fast_path_gives_the_same_numbers(case):
    """fit checks the labels once and then uses _value_and_gradient: exactly loss() and gradient()."""
    _, loss, y, p = next(c for c in cases(np.random.default_rng(2)) if c[0] == case)
    J, grad = loss._value_and_gradient(*loss._prepare(y, p))
    assert J == loss(y, p)
    np.testing.assert_array_equal(grad, loss.gradient(y, p))


# ---- the public pieces: EPSILON, log_sigmoid, log_softmax ----------------------------------------
def test_epsilon_is_keras_backend_epsilon_and_sets_the_clip():
    keras = pytest.importorskip("keras")
    assert losses.EPSILON == keras.config.epsilon()
    # a = 0 for y = 1 costs -log(EPSILON) in both probability losses that clip
    assert BinaryCrossentropy()([1.0], [0.0]) == pytest.approx(-math.log(np.float32(losses.EPSILON)), rel=1e-9)
    assert CategoricalCrossentropy()([[0.0, 1.0]], [[1.0, 0.0]]) == pytest.approx(-math.log(losses.EPSILON), rel=1e-9)


def test_log_sigmoid_and_log_softmax_match_their_formulas_and_tensorflow(rng):
    tf = pytest.importorskip("tensorflow")
    z = rng.normal(scale=3, size=(5, 4))
    np.testing.assert_allclose(losses.log_sigmoid(z), np.log(1 / (1 + np.exp(-z))), rtol=1e-12)
    np.testing.assert_allclose(losses.log_softmax(z), np.log(np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)),
                               rtol=1e-12)
    np.testing.assert_allclose(losses.log_sigmoid(z), tf.math.log_sigmoid(z).numpy(), rtol=1e-12)
    np.testing.assert_allclose(losses.log_softmax(z), tf.nn.log_softmax(z).numpy(), rtol=1e-12)


def test_log_sigmoid_and_log_softmax_never_overflow():
    with np.errstate(all="raise", under="ignore"):
        np.testing.assert_allclose(losses.log_sigmoid([-1000.0, 0.0, 1000.0]), [-1000.0, -math.log(2), 0.0])
        np.testing.assert_allclose(losses.log_softmax([[1000.0, 0.0]]), [[0.0, -1000.0]])


def test_log_softmax_needs_the_units_axis():
    with pytest.raises(ValueError, match=r"log_softmax normalises over the units on the last axis of z.*received "
                                         r"a single number"):
        losses.log_softmax(3.0)
    with pytest.raises(ValueError, match=r"z must be numbers .*received str"):
        losses.log_sigmoid("abc")


def test_log_softmax_and_log_sigmoid_keep_float32():
    """Chapter 8 computes in float32 on purpose: the log-probabilities must not quietly become float64."""
    from nnlib.losses import SparseCategoricalCrossentropy, log_sigmoid, log_softmax

    z = np.array([[30.0, 0.0, -5.0]], dtype=np.float32)
    assert log_softmax(z).dtype == np.float32 and log_sigmoid(z).dtype == np.float32
    assert log_softmax(z.astype(float)).dtype == np.float64
    a = np.array([[1 - 2e-8, 1e-8, 1e-8]], dtype=np.float32)
    assert SparseCategoricalCrossentropy().per_example(np.array([0]), a).dtype == np.float32
