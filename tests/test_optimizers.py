"""nnlib.optimizers: SGD, momentum and Adam steps worked out by hand; state and interface.

Steps against keras.optimizers on tf.Variables are in test_keras_equivalence.py.
"""
import math

import numpy as np
import pytest

from nnlib import optimizers
from nnlib.optimizers import SGD, Adam


def test_keras_defaults():
    assert (SGD().learning_rate, SGD().momentum) == (0.01, 0.0)
    adam = Adam()
    assert (adam.learning_rate, adam.beta_1, adam.beta_2, adam.epsilon) == (0.001, 0.9, 0.999, 1e-7)


def test_sgd_step_by_hand():
    w, b = np.array([[1.0, -2.0]]), np.array([0.5])
    SGD(learning_rate=0.1).update([w, b], [np.array([[10.0, -4.0]]), np.array([1.0])])
    np.testing.assert_allclose(w, [[0.0, -1.6]], rtol=1e-15)
    np.testing.assert_allclose(b, [0.4], rtol=1e-15)


def test_sgd_momentum_two_steps_by_hand():
    opt = SGD(learning_rate=0.1, momentum=0.9)
    w = np.array([1.0])
    opt.update([w], [np.array([2.0])])  # v1 = -0.1*2 = -0.2, w = 0.8
    assert w[0] == pytest.approx(0.8, rel=1e-15)
    opt.update([w], [np.array([1.0])])  # v2 = 0.9*(-0.2) - 0.1*1 = -0.28, w = 0.52
    assert w[0] == pytest.approx(0.52, rel=1e-14)


def adam_by_hand(w, grads, lr=0.001, b1=0.9, b2=0.999, eps=1e-7):
    """Keras's Adam written out with math, for one scalar parameter."""
    m = v = 0.0
    for t, g in enumerate(grads, start=1):
        m = m + (1 - b1) * (g - m)
        v = v + (1 - b2) * (g * g - v)
        alpha_t = lr * math.sqrt(1 - b2 ** t) / (1 - b1 ** t)
        w = w - alpha_t * m / (math.sqrt(v) + eps)
    return w


def test_adam_first_step_is_about_alpha_times_sign():
    w = np.array([1.0, 1.0, 1.0])
    Adam(learning_rate=0.01).update([w], [np.array([5.0, -0.003, 1e3])])
    np.testing.assert_allclose(w, [0.99, 1.01, 0.99], atol=2e-5)  # |step| ~ alpha whatever |g| (epsilon aside)


@pytest.mark.parametrize("kwargs", [{}, {"learning_rate": 0.05, "beta_1": 0.8, "beta_2": 0.99, "epsilon": 1e-4}])
def test_adam_several_steps_by_hand(kwargs):
    grads = [0.3, -1.2, 0.7, 0.7, -0.05]
    w = np.array([2.0])
    opt = Adam(**kwargs)
    for g in grads:
        opt.update([w], [np.array([g])])
    names = {"learning_rate": "lr", "beta_1": "b1", "beta_2": "b2", "epsilon": "eps"}
    expected = adam_by_hand(2.0, grads, **{names[k]: v for k, v in kwargs.items()})
    assert w[0] == pytest.approx(expected, rel=1e-13)
    assert opt.iterations == len(grads)


def test_updates_in_place_and_state_on_first_use():
    for opt in (SGD(momentum=0.5), Adam()):
        w = np.ones((2, 2))
        same = w
        assert opt.iterations == 0
        opt.update([w], [np.ones((2, 2))])
        assert w is same and not np.all(w == 1.0)
        assert opt.iterations == 1
    adam = Adam()
    assert adam._m == {} and adam._v == {}
    adam.update([np.zeros(3), np.zeros((2, 2))], [np.ones(3), np.ones((2, 2))])
    assert adam._m[0].shape == (3,) and adam._v[1].shape == (2, 2)


def test_sgd_without_momentum_keeps_no_state():
    opt = SGD()
    opt.update([np.ones(2)], [np.ones(2)])
    assert opt._v == {}


def test_interchangeable_on_a_quadratic():
    """The same loop works for every optimizer and each one lowers J(w) = |w - 3|^2."""
    for name, opt in {"SGD": SGD(0.1), "momentum": SGD(0.05, momentum=0.9), "Adam": Adam(0.1)}.items():
        w = np.zeros(4)
        for _ in range(200):
            opt.update([w], [2 * (w - 3.0)])
        np.testing.assert_allclose(w, 3.0, atol=0.05, err_msg=name)


def test_apply_gradients_keras_spelling():
    w = np.array([1.0])
    SGD(learning_rate=0.5).apply_gradients(zip([np.array([1.0])], [w]))
    assert w[0] == 0.5


def test_effective_step_is_step_over_alpha():
    opt = Adam(learning_rate=0.01)
    w = np.array([1.0, 1.0])
    for g in ([1.0, 1.0], [1.0, -1.0], [1.0, 1.0]):
        before = w.copy()
        opt.update([w], [np.array(g)])
    np.testing.assert_allclose(opt.effective_step(0), np.abs(w - before) / 0.01, rtol=1e-12)
    assert opt.effective_step(0)[0] > opt.effective_step(0)[1]  # a flipping sign takes smaller steps


def test_get_by_string():
    assert isinstance(optimizers.get("adam"), Adam)
    assert isinstance(optimizers.get("SGD"), SGD)
    opt = Adam()
    assert optimizers.get(opt) is opt
    assert repr(SGD(0.1, momentum=0.9)) == "SGD(learning_rate=0.1, momentum=0.9)"
