"""nnlib takes whatever a learner types (issue 14).

The rule, for every public function and class: it returns finite numbers of the documented
shape, or it raises ValueError / TypeError (RuntimeError for a wrong order of calls) raised by
nnlib itself, whose message says what was received; never another exception type, never a
numpy warning, never NaN or inf for finite input, never a silent conversion (text, None,
complex and other objects are refused, not turned into floats).

Hypothesis draws random and hostile values for every argument: shapes with 0, 1 and 3
dimensions, 0 examples, 0 units, lists, scalars, bools, strings, None, object and complex
arrays, NaN/inf, |values| up to 1e6, float16/32/64 and integer dtypes. Runs are derandomized
and use no example database, so CI sees the same examples every time. Numpy runs with every
warning turned into an error (except underflow to 0, which numpy never reports by default).
"""
import math
import os
import traceback
import warnings
from contextlib import contextmanager

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import nnlib
from nnlib import Dense, Input, Sequential, activations, dense, dense_loop, sequential, set_random_seed
from nnlib.conv import conv1d, conv2d, output_length
from nnlib.gradcheck import numerical_gradient, relative_error
from nnlib.layers import glorot_uniform
from nnlib.losses import (BinaryCrossentropy, CategoricalCrossentropy, MeanSquaredError,
                          SparseCategoricalCrossentropy)
from nnlib.optimizers import SGD, Adam

NNLIB_DIR = os.path.dirname(nnlib.__file__)
SETTINGS = settings(max_examples=50, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])
SPOILED = settings(SETTINGS, max_examples=150)  # one valid call with 1-2 arguments spoiled: many cases
ALLOWED = (ValueError, TypeError, RuntimeError)


# ---- the rule, as code ---------------------------------------------------------------------------
@contextmanager
def strict_numpy():
    """Every numpy floating-point warning and every Python warning becomes an error."""
    with warnings.catch_warnings(), np.errstate(all="raise", under="ignore"):
        warnings.simplefilter("error")
        yield


def call(f, *args, **kwargs):
    """Run f; return ("ok", result) or ("error", exception) after checking the error obeys the rule."""
    try:
        with strict_numpy():
            return "ok", f(*args, **kwargs)
    except ALLOWED as err:
        assert_clear(err)
        return "error", err


def assert_clear(err):
    """Raised by nnlib (not by numpy or Python inside it), and it says what it received."""
    frames = traceback.extract_tb(err.__traceback__)
    origin = frames[-1].filename
    assert origin.startswith(NNLIB_DIR), f"{type(err).__name__} raised outside nnlib at {origin}: {err}"
    msg = str(err)
    assert len(msg) > 30 and any(w in msg for w in ("received", "Unknown", "needs", "contains NaN")), msg


def assert_finite(x, shape=None):
    x = np.asarray(x)
    assert x.dtype.kind == "f", x.dtype
    assert np.all(np.isfinite(x)), x
    if shape is not None:
        assert x.shape == shape, (x.shape, shape)


# ---- values a learner might type ----------------------------------------------------------------
def real_arrays(shape, low=-1e6, high=1e6):
    """Finite real arrays of the given shape in float16/32/64 or an integer dtype."""
    f16 = min(high, 6e4)
    return st.one_of(
        arrays(np.float64, shape, elements=st.floats(low, high)),
        arrays(np.float32, shape, elements=st.floats(low, high, width=32)),
        arrays(np.float16, shape, elements=st.floats(max(low, -f16), f16, width=16)),
        arrays(st.sampled_from([np.int64, np.int32]), shape,
               elements=st.integers(math.ceil(low), math.floor(high))),
        arrays(np.int8, shape, elements=st.integers(max(-128, math.ceil(low)), min(127, math.floor(high)))),
        arrays(np.bool_, shape) if low <= 0 and high >= 1 else arrays(np.float64, shape,
                                                                        elements=st.floats(low, high)),
    )


def as_typed(strategy):
    """The same numbers as an array, as nested lists, or (if 0-d) as a Python number."""
    return strategy.flatmap(lambda a: st.sampled_from([a, a.tolist()] if a.size else [a]))  # [] has no shape


SHAPES = st.one_of(st.just(()), st.tuples(st.integers(0, 4)), st.tuples(st.integers(0, 4), st.integers(0, 4)),
                   st.tuples(st.integers(0, 3), st.integers(0, 3), st.integers(0, 3)))

NOT_NUMBERS = st.one_of(
    st.none(),
    st.text(max_size=5),
    st.sampled_from(["3", "abc", "", b"1", "sigmoid"]),
    st.complex_numbers(max_magnitude=1e6, allow_nan=False, allow_infinity=False).filter(lambda c: c.imag != 0),
    st.sampled_from([{"a": 1}, len, object()]),
    arrays(np.complex128, st.tuples(st.integers(1, 3), st.integers(1, 3)),
           elements=st.complex_numbers(max_magnitude=1e3, allow_nan=False).filter(lambda c: c.imag != 0)),
    st.just(np.array([[1.0, None]], dtype=object)),
    st.just(np.array([[1.0, "2"]], dtype=object)),
    st.just(np.array([[1.0, 2j]], dtype=object)),
    st.just([[1.0, 2.0], [3.0]]),  # ragged
    st.just(np.array(["1", "2"])),
)

NON_FINITE = SHAPES.filter(lambda s: s and np.prod(s) > 0).flatmap(
    lambda s: arrays(np.float64, s, elements=st.one_of(st.floats(-1e6, 1e6), st.sampled_from([np.nan, np.inf, -np.inf]))
                     ).filter(lambda a: not np.all(np.isfinite(a))))


def anything():
    """Any value at all: finite real arrays of any shape, lists, scalars, bools, text, None, complex, NaN."""
    return st.one_of(
        SHAPES.flatmap(lambda s: as_typed(real_arrays(s))),
        st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True, allow_infinity=True),
        NOT_NUMBERS, NON_FINITE,
    )


def sigmoid_ref(z):
    """1 / (1 + e^(-z)) as written (e^(-z) may overflow to inf, giving 0): the test's own formula."""
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))


def spoiled(a):
    """Wrong versions of a valid array: 0 examples, 0 units, transposed, flattened, 3-D, complex, text, NaN."""
    a = np.asarray(a, dtype=float)
    out = [a.reshape(-1), a[None], a.astype(complex) + 1j, a.astype(str), a.astype(object), 1.5, None, "a"]
    if a.ndim >= 1:
        out += [a[:0], a.T, np.where(np.arange(a.shape[-1]) == 0, np.nan, a) if a.size else a]
    if a.ndim == 2:
        out += [a[:, :0], a[:, :1], np.concatenate([a, a], axis=1)]
    return st.sampled_from(out)


BAD_ACTIVATIONS = st.sampled_from([len, lambda z: z * np.nan, lambda z: z[0], math.exp, str, print, lambda z: z.T,
                                   lambda z: None, lambda z: z + 1j, lambda z: z.sum(), "gelu", "Sigmoid", 5])


def spoil(data, args):
    """The valid arguments with 0, 1 or 2 of them replaced by a wrong version or by anything at all."""
    k = data.draw(st.sampled_from([1, 0, 1, 2, 1]), label="how many spoiled")
    names = data.draw(st.permutations(sorted(args)), label="order")[:k]
    args = dict(args)
    for n in names:
        valid = args[n]
        wrong = (spoiled(valid) if isinstance(valid, (np.ndarray, list)) else
                 BAD_ACTIVATIONS if isinstance(valid, str) else st.nothing())
        args[n] = data.draw(st.one_of(wrong, anything()), label=n)  # wrong versions first: the likelier draw
    return args, names


def finite_input(v):
    """True when v is real numbers without NaN/inf (the test's own account, not nnlib's)."""
    try:
        a = np.asarray(v)
    except ValueError:
        return False
    return a.dtype.kind in "fiub" and bool(np.all(np.isfinite(a)))


# ---- activations ---------------------------------------------------------------------------------
ELEMENTWISE = ["linear", "sigmoid", "tanh", "relu", "leaky_relu"]
FUNCTIONS = ELEMENTWISE + [f"{n}_derivative" for n in ELEMENTWISE] + ["softmax", "softmax_derivative"]


@SETTINGS
@given(name=st.sampled_from(FUNCTIONS), z=anything())
def test_activations_take_anything(name, z):
    status, out = call(getattr(activations, name), z)
    real = finite_input(z) or (isinstance(z, np.ndarray) and z.dtype.kind == "f")
    if not real:  # None, text, complex, objects: refused, never converted
        assert status == "error", f"{name}({z!r}) returned {out!r}"
        return
    shape = np.shape(z)
    if name.startswith("softmax") and (len(shape) == 0 or shape[-1] == 0):
        assert status == "error"  # softmax needs the units on the last axis
        return
    assert status == "ok", out
    expected = shape + shape[-1:] if name == "softmax_derivative" else shape
    assert np.shape(out) == expected
    if finite_input(z):
        assert_finite(out, expected)


@SETTINGS
@given(z=real_arrays(st.tuples(st.integers(1, 4), st.integers(1, 4))))
def test_activations_of_finite_z_match_their_formulas(z):
    zf = z.astype(float)
    with strict_numpy():
        np.testing.assert_allclose(activations.sigmoid(z), sigmoid_ref(zf), rtol=1e-12, atol=1e-300)
        np.testing.assert_array_equal(activations.relu(z), np.where(zf > 0, zf, 0.0))
        e = np.exp(zf - zf.max(axis=1, keepdims=True))
        np.testing.assert_allclose(activations.softmax(z), e / e.sum(axis=1, keepdims=True), rtol=1e-12)


@SETTINGS
@given(slope=anything(), z=real_arrays((2, 3)))
def test_leaky_relu_slope(slope, z):
    status, out = call(activations.leaky_relu, z, negative_slope=slope)
    if isinstance(slope, (int, float)) and not isinstance(slope, bool) and math.isfinite(slope) and slope >= 0:
        assert status == "ok"
        assert_finite(out, (2, 3))
    elif not (isinstance(slope, np.ndarray) and slope.ndim == 0):
        assert status == "error"


@SETTINGS
@given(name=st.sampled_from(["linear", "sigmoid", "tanh", "relu", "leaky_relu", "softmax"]),
       z=anything(), da=anything())
def test_activation_backward(name, z, da):
    status, out = call(activations.backward, name, z, da)
    if status == "ok" and finite_input(z) and finite_input(da):
        assert_finite(out, np.shape(z))


@SETTINGS
@given(g=anything())
def test_activation_names(g):
    for f in (activations.get, activations.derivative):
        status, out = call(f, g)
        assert (status == "ok") == (g is None or (isinstance(g, str) and g in activations.ACTIVATIONS))


# ---- the forward functions of the course -----------------------------------------------------------
def layer_arrays(draw, m=None, n_in=None, units=None):
    m = draw(st.integers(0, 3)) if m is None else m
    n_in = draw(st.integers(0, 3)) if n_in is None else n_in
    units = draw(st.integers(1, 3)) if units is None else units
    A = draw(as_typed(real_arrays((m, n_in), -100, 100)))
    W = draw(as_typed(real_arrays((n_in, units), -100, 100)))
    b = draw(as_typed(real_arrays(draw(st.sampled_from([(units,), (1, units)])), -100, 100)))
    return A, W, b


@SETTINGS
@given(st.data())
def test_dense_of_valid_input_is_the_formula(data):
    A, W, b = layer_arrays(data.draw)
    g = data.draw(st.sampled_from(["sigmoid", activations.sigmoid, lambda z: 0.5 * (1 + np.tanh(z / 2))]))  # the last: a learner's own
    status, out = call(dense, A, W, b, g)
    assert status == "ok", out
    z = np.asarray(A, float) @ np.asarray(W, float) + np.asarray(b, float).reshape(-1)
    np.testing.assert_allclose(out, sigmoid_ref(z), rtol=1e-9, atol=1e-15)
    assert_finite(out, z.shape)


@SETTINGS
@given(A=anything(), W=anything(), b=anything(), g=st.one_of(anything(), st.sampled_from(
    ["sigmoid", "relu", "softmax", "gelu", len, str, print, lambda z: z[0], lambda z: z * np.nan, math.exp])))
def test_dense_takes_anything(A, W, b, g):
    status, out = call(dense, A, W, b, g)
    if status == "ok":
        assert_finite(out)
        assert np.ndim(out) == np.ndim(A) and np.shape(out)[-1] == np.shape(W)[-1] >= 1


@SETTINGS
@given(st.data())
def test_dense_loop_equals_dense_for_one_example(data):
    A, W, b = layer_arrays(data.draw, m=1)
    a_in = np.asarray(A)[0]
    status, out = call(dense_loop, a_in, W, b, "tanh")
    assert status == "ok", out
    np.testing.assert_allclose(out, dense(a_in, W, b, "tanh"), rtol=1e-12, atol=1e-15)


@SETTINGS
@given(a_in=anything(), W=anything(), b=anything(), g=anything())
def test_dense_loop_takes_anything(a_in, W, b, g):
    status, out = call(dense_loop, a_in, W, b, g)
    if status == "ok":
        assert_finite(out, (np.shape(W)[-1],))


@SETTINGS
@given(x=anything(), params=st.one_of(anything(), st.lists(st.tuples(anything(), anything()), max_size=2),
                                      st.just([]), st.just([(np.ones((2, 2)),)]), st.just([np.ones((2, 2))])),
       g=st.one_of(anything(), st.just("relu")))
def test_sequential_function_takes_anything(x, params, g):
    status, out = call(sequential, x, params, g)
    if status == "ok":
        assert_finite(out)


@SETTINGS
@given(st.data())
def test_sequential_function_of_valid_input(data):
    x, W1, b1 = layer_arrays(data.draw, m=data.draw(st.integers(1, 3)))
    units = np.shape(W1)[1]
    W2 = data.draw(real_arrays((units, 2), -10, 10))
    status, out = call(sequential, x, [(W1, b1), (W2, np.zeros(2), "linear")])
    assert status == "ok", out
    assert_finite(out, (np.shape(x)[0], 2))


@SPOILED
@given(st.data())
def test_dense_with_one_argument_spoiled(data):
    units = data.draw(st.integers(0, 3))  # 0 units: an error, not an empty layer
    A, W, b = layer_arrays(data.draw, m=data.draw(st.integers(0, 3)), n_in=data.draw(st.integers(1, 3)), units=units)
    args, names = spoil(data, {"A_in": A, "W": W, "b": b, "g": "sigmoid"})
    status, out = call(dense, args["A_in"], args["W"], args["b"], args["g"])
    if not names:
        assert status == ("ok" if units else "error"), out
    if status == "ok":
        assert_finite(out)
        assert np.shape(out)[-1] == np.shape(args["W"])[-1] >= 1


@SPOILED
@given(st.data())
def test_dense_loop_with_one_argument_spoiled(data):
    units = data.draw(st.integers(0, 3))
    A, W, b = layer_arrays(data.draw, m=1, n_in=data.draw(st.integers(1, 3)), units=units)
    args, names = spoil(data, {"a_in": np.asarray(A)[0], "W": W, "b": b, "g": "softmax"})
    status, out = call(dense_loop, args["a_in"], args["W"], args["b"], args["g"])
    if not names:
        assert status == ("ok" if units else "error"), out
    if status == "ok":
        assert_finite(out, (np.shape(args["W"])[-1],))


@SPOILED
@given(st.data())
def test_sequential_function_with_one_argument_spoiled(data):
    x, W1, b1 = layer_arrays(data.draw, m=data.draw(st.integers(1, 3)), n_in=2)
    W2 = data.draw(real_arrays((np.shape(W1)[1], 1), -10, 10))
    args, names = spoil(data, {"x": x, "W1": W1, "b1": b1, "W2": W2, "g": "tanh"})
    status, out = call(sequential, args["x"], [(args["W1"], args["b1"]), (args["W2"], [0.0])], args["g"])
    if not names:
        assert status == "ok", out
    if status == "ok":
        assert_finite(out)


# ---- Dense, Input -----------------------------------------------------------------------------------
@SETTINGS
@given(units=anything(), activation=st.one_of(anything(), st.sampled_from(["relu", "softmax", None])),
       name=st.one_of(anything(), st.just("layer_a")))
def test_dense_constructor_takes_anything(units, activation, name):
    status, layer = call(Dense, units, activation=activation, name=name)
    valid_units = isinstance(units, int) and not isinstance(units, bool) and units >= 1
    valid_act = activation is None or (isinstance(activation, str) and activation in activations.ACTIVATIONS)
    valid_name = name is None or isinstance(name, str)
    assert (status == "ok") == (valid_units and valid_act and valid_name)


@SETTINGS
@given(a_in=anything(), da=anything(), act=st.sampled_from(["linear", "sigmoid", "relu", "softmax"]))
def test_dense_layer_forward_backward_take_anything(a_in, da, act):
    layer = Dense(2, activation=act)
    status, out = call(layer.forward, a_in)
    if status == "ok" and finite_input(a_in):
        assert_finite(out, (np.shape(a_in)[0], 2))
    status, back = call(layer.backward, da)
    if layer._cache is None:
        assert status == "error" and isinstance(back, RuntimeError)
    elif status == "ok" and finite_input(da) and finite_input(a_in):
        assert_finite(back, np.shape(a_in))
        assert_finite(layer.dW, layer.W.shape)


@SETTINGS
@given(weights=st.one_of(anything(), st.lists(anything(), max_size=3)), built=st.booleans())
def test_dense_set_weights_takes_anything(weights, built):
    layer = Dense(2)
    if built:
        layer.build(3)
    before = layer.get_weights()
    status, _ = call(layer.set_weights, weights)
    if status == "error":  # a failed set_weights changes nothing
        assert all(np.array_equal(u, v) for u, v in zip(before, layer.get_weights()))
    else:
        assert_finite(layer.W) and assert_finite(layer.b, (2,))


@SETTINGS
@given(shape=st.one_of(anything(), st.tuples(anything()), st.just((3,)), st.just([4])))
def test_input_takes_anything(shape):
    status, out = call(Input, shape)
    ok = (isinstance(shape, (tuple, list)) and len(shape) == 1 and isinstance(shape[0], int)
          and not isinstance(shape[0], bool) and shape[0] >= 1)
    assert (status == "ok") == ok


@SETTINGS
@given(n_in=anything(), n_out=anything(), rng=st.one_of(st.none(), anything()))
def test_glorot_uniform_takes_anything(n_in, n_out, rng):
    status, W = call(glorot_uniform, n_in, n_out, rng)
    if status == "ok":
        assert_finite(W, (n_in, n_out))


# ---- losses ---------------------------------------------------------------------------------------
LOSSES = [BinaryCrossentropy, SparseCategoricalCrossentropy, CategoricalCrossentropy, MeanSquaredError]


@SETTINGS
@given(cls=st.sampled_from(LOSSES), from_logits=st.one_of(st.booleans(), anything()), y_true=anything(),
       y_pred=anything())
def test_losses_take_anything(cls, from_logits, y_true, y_pred):
    status, loss = call(cls, from_logits=from_logits)
    if not isinstance(from_logits, bool):
        assert status == "error"  # "False" or 0 is not silently turned into a bool
        return
    for f in (loss, loss.gradient):
        status, out = call(f, y_true, y_pred)
        if status == "ok":
            assert_finite(out)
            assert np.size(y_true) > 0 and np.ndim(y_pred) >= 1


@SETTINGS
@given(st.data())
def test_losses_of_valid_input_are_finite(data):
    m, k = data.draw(st.integers(1, 4)), data.draw(st.integers(1, 4))
    logits = data.draw(real_arrays((m, k)))
    probs = data.draw(arrays(np.float64, (m, k), elements=st.floats(0, 1)).filter(lambda p: np.all(p.sum(1) > 0)))
    probs = probs / probs.sum(axis=1, keepdims=True)
    labels = data.draw(arrays(np.int64, m, elements=st.integers(0, k - 1)))
    y01 = data.draw(real_arrays((m, k), 0, 1))
    for loss, y, p in [(BinaryCrossentropy(), y01, probs), (BinaryCrossentropy(True), y01, logits),
                       (SparseCategoricalCrossentropy(), labels, probs),
                       (SparseCategoricalCrossentropy(True), labels, logits),
                       (CategoricalCrossentropy(), np.eye(k)[labels], probs),
                       (CategoricalCrossentropy(True), np.eye(k)[labels], logits),
                       (MeanSquaredError(), logits, data.draw(real_arrays((m, k))))]:
        status, J = call(loss, y, p)
        assert status == "ok", J
        assert np.isfinite(J) and J >= 0
        status, grad = call(loss.gradient, y, p)
        assert status == "ok", grad
        assert_finite(grad, (m, k))


@SPOILED
@given(data=st.data(), cls=st.sampled_from(LOSSES), from_logits=st.booleans())
def test_losses_with_one_argument_spoiled(data, cls, from_logits):
    m, k = data.draw(st.integers(0, 3)), data.draw(st.integers(2, 3))  # 0 examples: an error, not NaN
    labels = data.draw(arrays(np.int64, m, elements=st.integers(0, k - 1)))
    y_pred = np.full((m, k), 1.0 / k)
    y_true = labels if cls is SparseCategoricalCrossentropy else np.eye(k)[labels]
    args, names = spoil(data, {"y_true": y_true, "y_pred": y_pred})
    loss = cls(from_logits=from_logits)
    for f in (loss, loss.gradient):
        status, out = call(f, args["y_true"], args["y_pred"])
        if not names:
            assert status == ("ok" if m else "error"), out
        if status == "ok":
            assert_finite(out)


# ---- the model --------------------------------------------------------------------------------------
def small_model(loss="binary_crossentropy", units=1, act="sigmoid"):
    set_random_seed(0)
    model = Sequential([Dense(3, activation="relu"), Dense(units, activation=act)])
    model.compile(optimizer=Adam(1e-3), loss=loss, metrics=["accuracy"])
    return model


@SETTINGS
@given(layers=st.one_of(anything(), st.lists(anything(), max_size=2), st.just([Input((2,)), Dense(1)])),
       name=st.one_of(st.none(), anything()))
def test_sequential_constructor_takes_anything(layers, name):
    call(Sequential, layers, name=name)


@SETTINGS
@given(optimizer=st.one_of(anything(), st.sampled_from(["adam", "sgd", "rmsprop", Adam, SGD()])),
       loss=st.one_of(anything(), st.sampled_from(["mse", "bce", "hinge", MeanSquaredError])),
       metrics=st.one_of(st.none(), anything(), st.lists(anything(), max_size=2), st.just(["accuracy"])))
def test_compile_takes_anything(optimizer, loss, metrics):
    model = Sequential([Dense(1)])
    status, _ = call(model.compile, optimizer=optimizer, loss=loss, metrics=metrics)
    if status == "error":
        assert model.loss is None  # a failed compile changes nothing


@SETTINGS
@given(x=anything(), y=anything(), batch_size=st.one_of(st.none(), anything()),
       epochs=st.one_of(st.integers(0, 2), anything()), verbose=st.one_of(st.just(0), anything()),
       shuffle=st.one_of(st.booleans(), anything()))
def test_fit_takes_anything(x, y, batch_size, epochs, verbose, shuffle):
    model = small_model()
    if isinstance(epochs, int) and epochs > 3:
        epochs = 3
    status, h = call(model.fit, x, y, batch_size=batch_size, epochs=epochs, verbose=verbose, shuffle=shuffle)
    if status == "ok":
        assert len(h.history["loss"]) == epochs
        assert_finite(np.array(h.history["loss"] + h.history.get("accuracy", []), dtype=float))


@SETTINGS
@given(st.data())
def test_fit_evaluate_predict_of_valid_input(data):
    m = data.draw(st.integers(1, 6))
    x = data.draw(as_typed(real_arrays((m, 2))))
    y = data.draw(as_typed(arrays(np.int64, m, elements=st.integers(0, 1))))
    batch_size = data.draw(st.one_of(st.none(), st.integers(1, 8)))
    model = small_model()
    status, h = call(model.fit, x, y, batch_size=batch_size, epochs=2, verbose=0)
    assert status == "ok", h
    assert_finite(np.array(h.history["loss"]), (2,))
    status, out = call(model.evaluate, x, y)
    assert status == "ok", out
    assert_finite(out, (2,))
    status, a = call(model.predict, x)
    assert status == "ok", a
    assert_finite(a, (m, 1))


@SPOILED
@given(st.data())
def test_fit_and_evaluate_with_one_argument_spoiled(data):
    m = data.draw(st.integers(0, 5))  # 0 examples: an error, not NaN or ZeroDivisionError
    x = data.draw(real_arrays((m, 2)))
    y = data.draw(arrays(np.int64, m, elements=st.integers(0, 1)))
    args, names = spoil(data, {"x": x, "y": y, "batch_size": 2, "epochs": 2, "verbose": 0, "shuffle": True})
    model = small_model()
    epochs = args["epochs"]
    if isinstance(epochs, int) and epochs > 3:
        args["epochs"] = epochs = 3
    status, h = call(model.fit, **args)
    if not names:
        assert status == ("ok" if m else "error"), h
    if status == "ok":
        assert len(h.history["loss"]) == epochs
        assert_finite(np.array(h.history["loss"], dtype=float))
    status, J = call(model.evaluate, args["x"], args["y"])
    if status == "ok":
        assert_finite(J)


@SETTINGS
@given(x=anything(), y=anything(), loss=st.sampled_from(["mse", "sparse_categorical_crossentropy",
                                                          "categorical_crossentropy", "binary_crossentropy"]))
def test_evaluate_and_gradients_take_anything(x, y, loss):
    model = small_model(loss=loss, units=2, act="softmax")
    for f in (model.evaluate, model.compute_gradients):
        status, out = call(f, x, y)
        if status == "ok":
            J = out if f == model.evaluate else out[0]
            assert_finite(J)


@SETTINGS
@given(x=anything(), batch_size=st.one_of(st.none(), anything()), verbose=st.one_of(st.just(0), anything()))
def test_predict_takes_anything(x, batch_size, verbose):
    status, out = call(small_model().predict, x, batch_size=batch_size, verbose=verbose)
    if status == "ok":
        assert_finite(out, (np.shape(x)[0], 1))


@SETTINGS
@given(validation_data=st.one_of(anything(), st.tuples(anything(), anything()), st.tuples(anything())))
def test_fit_validation_data_takes_anything(validation_data):
    call(small_model().fit, np.ones((4, 2)), [0, 1, 1, 0], epochs=1, verbose=0, validation_data=validation_data)


@SETTINGS
@given(weights=st.one_of(anything(), st.lists(anything(), min_size=4, max_size=4),
                         st.lists(st.just(np.ones((2, 3))), min_size=4, max_size=4)),
       built=st.booleans(), input_shape=st.one_of(st.just((None, 2)), anything()))
def test_model_set_weights_and_build_take_anything(weights, built, input_shape):
    model = Sequential([Dense(3), Dense(1)])
    if built:
        call(model.build, input_shape)
    before = model.get_weights()
    status, _ = call(model.set_weights, weights)
    if status == "error":  # a failed set_weights changes nothing
        after = model.get_weights()
        assert len(after) == len(before) and all(np.array_equal(u, v) for u, v in zip(before, after))
    else:
        for w in model.get_weights():
            assert_finite(w)


def test_wrong_order_of_calls_is_a_runtime_error():
    model = Sequential([Dense(1)])
    for f, args in [(model.fit, (np.ones((2, 2)), [0, 1])), (model.evaluate, (np.ones((2, 2)), [0, 1])),
                    (model.compute_gradients, (np.ones((2, 2)), [0, 1])), (Dense(2).backward, (np.ones((1, 2)),)),
                    (Sequential([]).predict, (np.ones((1, 2)),)), (Adam().effective_step, (0,))]:
        status, err = call(f, *args)
        assert status == "error" and isinstance(err, RuntimeError), (f, err)
    empty = Sequential([])
    empty.compile(optimizer="adam", loss="mse")
    status, err = call(empty.fit, np.ones((2, 2)), [0, 1], verbose=0)
    assert isinstance(err, RuntimeError)


# ---- optimizers --------------------------------------------------------------------------------------
@SETTINGS
@given(lr=st.one_of(anything(), st.floats(1e-6, 1.0)), b1=st.one_of(st.just(0.9), anything()),
       b2=st.one_of(st.just(0.999), anything()), eps=st.one_of(st.just(1e-7), anything()),
       momentum=st.one_of(st.just(0.0), anything()))
def test_optimizer_hyper_parameters_take_anything(lr, b1, b2, eps, momentum):
    status, opt = call(Adam, learning_rate=lr, beta_1=b1, beta_2=b2, epsilon=eps)
    if status == "ok":
        assert all(isinstance(v, float) and math.isfinite(v) for v in (opt.learning_rate, opt.beta_1, opt.beta_2))
    status, opt = call(SGD, learning_rate=lr, momentum=momentum)
    number = isinstance(lr, (int, float)) and not isinstance(lr, bool) and math.isfinite(lr) and lr > 0
    if not number and not isinstance(lr, np.ndarray):
        assert status == "error"


@SETTINGS
@given(params=st.one_of(anything(), st.lists(anything(), max_size=2)),
       grads=st.one_of(anything(), st.lists(anything(), max_size=2)), adam=st.booleans())
def test_optimizer_update_takes_anything(params, grads, adam):
    opt = Adam() if adam else SGD(0.1, momentum=0.9)
    status, _ = call(opt.update, params, grads)
    if status == "ok" and all(finite_input(g) for g in grads):
        for p in params:
            assert_finite(p)
    call(opt.apply_gradients, grads)


@SETTINGS
@given(shape=st.tuples(st.integers(1, 3), st.integers(1, 3)), data=st.data())
def test_optimizer_steps_of_valid_input_are_finite(shape, data):
    for opt in (Adam(), SGD(0.01, momentum=0.5)):
        p = np.zeros(shape)
        for _ in range(2):
            g = data.draw(as_typed(real_arrays(shape)))
            status, out = call(opt.update, [p], [g])
            assert status == "ok", out
        assert_finite(p, shape)


# ---- gradcheck, conv, the seed ------------------------------------------------------------------------
@SETTINGS
@given(f=st.one_of(anything(), st.just(lambda: 1.0), st.just(lambda: "x"), st.just(lambda: np.ones(3))),
       w=anything(), eps=st.one_of(st.just(1e-5), anything()))
def test_numerical_gradient_takes_anything(f, w, eps):
    status, out = call(numerical_gradient, f, w, eps)
    if status == "ok":
        assert_finite(out, np.shape(w))


@SETTINGS
@given(a=anything(), b=anything())
def test_relative_error_takes_anything(a, b):
    status, out = call(relative_error, a, b)
    if status == "ok":
        assert 0 <= out <= 1


@SETTINGS
@given(x=anything(), W=anything(), b=st.one_of(st.none(), anything()), strides=st.one_of(st.just(1), anything()),
       padding=st.one_of(st.sampled_from(["valid", "same"]), anything()), two_d=st.booleans())
def test_conv_takes_anything(x, W, b, strides, padding, two_d):
    status, out = call(conv2d if two_d else conv1d, x, W, b, strides, padding)
    if status == "ok":
        assert_finite(out)
    call(output_length, x, W, strides, padding)


@SETTINGS
@given(st.data())
def test_conv_of_valid_input_is_finite(data):
    m, n, c, k, f = (data.draw(st.integers(1, 3)) for _ in range(5))
    x = data.draw(real_arrays((m, n + k, c)))
    W = data.draw(real_arrays((k, c, f)))
    status, out = call(conv1d, x, W, None, 1, data.draw(st.sampled_from(["valid", "same"])), "relu")
    assert status == "ok", out
    assert_finite(out)
    assert out.shape[0] == m and out.shape[2] == f


@SETTINGS
@given(seed=st.one_of(st.none(), st.integers(0, 2**32), anything()))
def test_set_random_seed_takes_anything(seed):
    status, _ = call(set_random_seed, seed)
    ok = seed is None or (isinstance(seed, int) and not isinstance(seed, bool) and seed >= 0)
    assert (status == "ok") == ok


# ---- the course's own examples -------------------------------------------------------------------------
def test_the_course_vectorized_dense_with_its_row_bias():
    """The course: X = [[200, 17]], W (2, 3), B = [[-1, 1, 2]] of shape (1, 3), Z = np.matmul(A_in, W) + B."""
    X = np.array([[200, 17]])
    W = np.array([[1, -3, 5], [-2, 4, -6]])
    B = np.array([[-1, 1, 2]])

    def g(z):
        return 1 / (1 + np.exp(-z))

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the course's own g overflows in exp for z = -530
        expected = g(np.matmul(X, W) + B)
    with strict_numpy():
        out = dense(X, W, B, activations.sigmoid)
        assert out.shape == (1, 3)
        np.testing.assert_allclose(out, expected, rtol=1e-12)
        np.testing.assert_array_equal(out[0, [0, 2]], [1.0, 1.0])
        # the same numbers with b of shape (3,), and through sequential and dense_loop
        np.testing.assert_array_equal(dense(X, W, B[0], "sigmoid"), out)
        np.testing.assert_array_equal(sequential(X, [(W, B)]), out)
        np.testing.assert_allclose(dense_loop(X[0], W, B, "sigmoid"), out[0], rtol=1e-12)


def test_a_column_bias_is_still_refused_with_a_transpose_hint():
    X, W = np.array([[200, 17]]), np.array([[1, -3, 5], [-2, 4, -6]])
    with pytest.raises(ValueError, match=r"b\^\[l\] must have shape \(n\^\[l\],\) = \(3,\).*received \(3, 1\)\. "
                                         r"b is a column .*broadcast it to \(3, 3\)\. Transpose it, b\.T"):
        dense(X, W, np.array([[-1], [1], [2]]), "sigmoid")


def test_saturated_binary_crossentropy_equals_keras():
    """Probabilities at 0 and 1: Keras clips in float32 at [1e-7, 1 - 1.19e-7]; nnlib gives the same number."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    keras = pytest.importorskip("keras")
    cases = [
        ([[1, 0], [1, 0]], [[1, 1], [1, 0]]),          # the case of issue 14 (Keras 3.9856, nnlib was 4.0295)
        ([[0.0], [1.0], [1.0]], [[1.0], [0.0], [1.0]]),
        ([[1, 0, 1]], [[1 - 1e-8, 1e-8, 1 - 5e-8]]),   # within 1e-7 of 0 and 1
        ([[0.3, 1.0]], [[0.5, 0.999]]),                # away from the clip: unchanged
    ]
    for y_true, y_pred in cases:
        expected = float(keras.losses.BinaryCrossentropy()(np.array(y_true, "float32"), np.array(y_pred, "float32")))
        got = BinaryCrossentropy()(y_true, y_pred)
        # Keras computes in float32: equal up to float32 rounding (1.2e-7 per log term)
        assert got == pytest.approx(expected, rel=2e-6, abs=2e-7), (y_true, y_pred, got, expected)
    assert BinaryCrossentropy()([[1, 0], [1, 0]], [[1, 1], [1, 0]]) == pytest.approx(3.9856, abs=1e-4)


# ---- issue 12's public additions: look-ups, log-probabilities, activations(x), seeded, coffee ----------
@SETTINGS
@given(identifier=st.one_of(anything(), st.sampled_from(["adam", "SGD", "gradient descent", "rmsprop", "mse",
                                                         "relu", "hinge", Adam, SGD(), None])))
def test_look_ups_take_anything(identifier):
    from nnlib import losses, optimizers

    for get in (activations.get, losses.get, optimizers.get):
        status, out = call(get, identifier)
        assert status == "ok" or isinstance(out, ValueError)


@SETTINGS
@given(z=anything())
def test_log_sigmoid_and_log_softmax_take_anything(z):
    from nnlib.losses import log_sigmoid, log_softmax

    for f in (log_sigmoid, log_softmax):
        status, out = call(f, z)
        if not (finite_input(z) or (isinstance(z, np.ndarray) and z.dtype.kind == "f")):
            assert status == "error", f"{f.__name__}({z!r}) returned {out!r}"
        elif status == "ok" and finite_input(z):
            assert_finite(out, np.shape(z))
            assert np.all(out <= 0)  # a log-probability


@SETTINGS
@given(x=anything())
def test_activations_of_a_model_take_anything(x):
    status, out = call(small_model().activations, x)
    if status == "ok":
        assert len(out) == 2
        assert_finite(out[-1], (np.shape(x)[0], 1))


@SETTINGS
@given(seed=st.one_of(st.none(), st.integers(0, 2**32), anything(), st.just(np.random.default_rng(0))))
def test_seeded_takes_anything(seed):
    before = nnlib._random.get_rng()
    status, _ = call(lambda: nnlib.seeded(seed).__enter__())
    ok = seed is None or isinstance(seed, np.random.Generator) or (
        isinstance(seed, int) and not isinstance(seed, bool) and seed >= 0)
    assert (status == "ok") == ok
    nnlib._random._rng = before  # the test entered without leaving: put the generator back


@SETTINGS
@given(X=anything())
def test_normalize_coffee_takes_anything(X):
    from nnlib.datasets import normalize_coffee

    status, out = call(normalize_coffee, X)
    if status == "ok":
        assert_finite(out, np.shape(X))
