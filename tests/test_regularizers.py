"""nnlib.regularizers against keras.regularizers and tf.GradientTape, plus get() and bad input."""
import numpy as np
import pytest

from nnlib import regularizers as R

tf = pytest.importorskip("tensorflow")
keras = pytest.importorskip("keras")

SHAPES = [(1,), (3, 4), (2, 8), (5, 1), (16, 16)]
CASES = [("L1", {"l1": 0.01}), ("L1", {"l1": 0.37}), ("L2", {"l2": 0.01}), ("L2", {"l2": 1.5}),
         ("L1L2", {"l1": 0.02, "l2": 0.05}), ("L1L2", {}), ("L1L2", {"l1": 0.3})]


def _pair(cls, kwargs):
    return getattr(R, cls)(**kwargs), getattr(keras.regularizers, cls)(**kwargs)


@pytest.mark.parametrize("cls, kwargs", CASES)
@pytest.mark.parametrize("shape", SHAPES)
def test_penalty_and_gradient_match_keras_float64(cls, kwargs, shape):
    rng = np.random.default_rng([len(cls), *shape])   # fixed, unlike hash()
    W = rng.normal(0, 1, shape)
    ours, theirs = _pair(cls, kwargs)
    v = tf.Variable(W)                                     # float64 all the way through
    with tf.GradientTape() as tape:
        p = theirs(v)
    g = tape.gradient(p, v)
    np.testing.assert_allclose(ours(W), float(p), rtol=1e-6, atol=1e-12)
    expected = np.zeros(shape) if g is None else g.numpy()  # L1L2() adds nothing: no path to W
    np.testing.assert_allclose(ours.gradient(W), expected, rtol=1e-6, atol=1e-12)


@pytest.mark.parametrize("cls, kwargs", CASES[:5])
def test_float32_weights_match_keras_within_float32(cls, kwargs):
    W = np.random.default_rng(7).normal(0, 1, (8, 4)).astype(np.float32)
    ours, theirs = _pair(cls, kwargs)
    v = tf.Variable(W)
    with tf.GradientTape() as tape:
        p = theirs(v)
    np.testing.assert_allclose(ours(W), float(p), rtol=1e-5)
    np.testing.assert_allclose(ours.gradient(W), tape.gradient(p, v).numpy(), rtol=1e-5, atol=1e-7)


def test_l1_slope_at_zero_is_zero_like_tensorflow():
    W = np.array([[0.0, 1.0], [-2.0, 0.0]])
    v = tf.Variable(W)
    with tf.GradientTape() as tape:
        p = tf.reduce_sum(tf.abs(v))
    np.testing.assert_array_equal(R.L1(1.0).gradient(W), tape.gradient(p, v).numpy())
    assert R.L1(0.5).gradient(W)[0, 0] == 0.0


@pytest.mark.parametrize("reg", [R.L1(0.03), R.L2(0.2), R.L1L2(0.1, 0.4)])
def test_gradient_matches_centred_differences(reg):
    W = np.random.default_rng(1).normal(0, 1, (3, 2))    # no entry at 0, where |w| has no slope
    h, num = 1e-6, np.zeros_like(W)
    for idx in np.ndindex(W.shape):
        Wp, Wm = W.copy(), W.copy()
        Wp[idx] += h
        Wm[idx] -= h
        num[idx] = (reg(Wp) - reg(Wm)) / (2 * h)
    np.testing.assert_allclose(reg.gradient(W), num, rtol=1e-6, atol=1e-8)


def test_l2_has_no_half():
    W = np.array([[3.0, -4.0]])
    assert R.L2(1.0)(W) == pytest.approx(np.sum(W ** 2))
    np.testing.assert_allclose(R.L2(1.0).gradient(W), 2 * W)


def test_defaults_config_and_repr_follow_keras():
    for cls in ("L1", "L2", "L1L2"):
        ours, theirs = getattr(R, cls)(), getattr(keras.regularizers, cls)()
        assert ours.get_config().keys() == theirs.get_config().keys()
        for k, v in theirs.get_config().items():
            assert ours.get_config()[k] == pytest.approx(v, rel=1e-6)   # Keras keeps l1 in float32
        assert type(ours)(**ours.get_config()).get_config() == ours.get_config()
    assert repr(R.L1()) == "L1(l1=0.01)"
    assert repr(R.L2(0.5)) == "L2(l2=0.5)"
    assert repr(R.L1L2(l2=0.1)) == "L1L2(l1=0.0, l2=0.1)"
    assert isinstance(R.L1(1)(np.ones((2, 2))), float)


def test_get_names_instances_and_none():
    assert R.get(None) is None
    reg = R.L2(0.3)
    assert R.get(reg) is reg
    for name in ("l1", "l2"):
        ours, theirs = R.get(name), keras.regularizers.get(name)
        assert type(ours).__name__ == type(theirs).__name__
        for k, v in theirs.get_config().items():
            assert ours.get_config()[k] == pytest.approx(v, rel=1e-6)
    both = R.get("l1_l2")          # Keras's L1L2 docstring: 'l1_l2' means l1=0.01 and l2=0.01
    assert isinstance(both, R.L1L2) and both.get_config() == {"l1": 0.01, "l2": 0.01}
    assert R.get("l1") is not R.get("l1")


@pytest.mark.parametrize("identifier", ["l3", "L2 ", "l1l2", 0.01, {"l2": 0.1}, keras.regularizers.L2()])
def test_get_unknown_lists_the_known_names(identifier):
    with pytest.raises(ValueError, match=r"one of \['l1', 'l2', 'l1_l2'\].*received"):
        R.get(identifier)


@pytest.mark.parametrize("make, match", [
    (lambda: R.L1(-0.1), r"l1 must be a number >= 0; received -0.1\. Use a small non-negative"),
    (lambda: R.L2(float("nan")), r"l2 must be a number >= 0; received nan"),
    (lambda: R.L2(np.inf), r"l2 must be a number >= 0; received inf"),
    (lambda: R.L1L2(l1="0.01"), r"l1 must be .*received the str '0.01' \(a number, not text"),
    (lambda: R.L1L2(l2=None), r"l2 must be a number >= 0; received None"),
    (lambda: R.L1(True), r"l1 must be a number >= 0; received True"),
])
def test_bad_factors(make, match):
    with pytest.raises(ValueError, match=match):
        make()


@pytest.mark.parametrize("W, match", [(None, "W must be numbers"), (["a", "b"], "W must be numbers"),
                                      (np.array([1.0, np.nan]), "W")])
def test_bad_weights(W, match):
    with pytest.raises(ValueError, match=match):
        R.L2()(W)
    with pytest.raises(ValueError, match=match):
        R.L1().gradient(W)
