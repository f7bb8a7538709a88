"""nnlib.conv: conv1d and conv2d by hand, against keras.layers.Conv1D / Conv2D with the same
weights (several shapes, strides, "valid" and "same" padding, activations), and bad input."""
import numpy as np
import pytest

from nnlib.conv import conv1d, conv2d, output_length


# ---- by hand -----------------------------------------------------------------------------
def test_conv1d_by_hand():
    x = np.array([1.0, 2.0, 4.0, 7.0, 11.0]).reshape(1, 5, 1)
    W = np.array([-1.0, 0.0, 1.0]).reshape(3, 1, 1)       # not flipped: x[t+2] - x[t]
    out = conv1d(x, W, np.array([0.5]))
    np.testing.assert_allclose(out.reshape(-1), [4 - 1 + 0.5, 7 - 2 + 0.5, 11 - 4 + 0.5])


def test_conv1d_stride_and_same_by_hand():
    x = np.arange(1.0, 8.0).reshape(1, 7, 1)              # 1..7
    W = np.ones((2, 1, 1))
    np.testing.assert_allclose(conv1d(x, W, strides=3).reshape(-1), [1 + 2, 4 + 5])
    # same, stride 1, k = 2: Keras pads 0 left and 1 right -> last window is 7 + 0
    np.testing.assert_allclose(conv1d(x, W, padding="same").reshape(-1), [3, 5, 7, 9, 11, 13, 7])


def test_conv2d_by_hand_vertical_edge():
    img = np.zeros((4, 4))
    img[:, 2:] = 1.0                                      # dark left half, bright right half
    W = np.array([[-1.0, 1.0]]).reshape(1, 2, 1, 1)        # right minus left
    out = conv2d(img.reshape(1, 4, 4, 1), W).reshape(4, 3)
    np.testing.assert_allclose(out, np.tile([0.0, 1.0, 0.0], (4, 1)))


def test_relu_activation_and_channels_sum():
    x = np.array([[[1.0, -2.0], [3.0, 1.0]]])             # (1, 2 steps, 2 channels)
    W = np.ones((1, 2, 2))
    W[0, :, 1] = [-1.0, -1.0]
    out = conv1d(x, W, activation="relu")
    np.testing.assert_allclose(out, [[[0.0, 1.0], [4.0, 0.0]]])


@pytest.mark.parametrize("n,k,s,pad,expected", [(10, 3, 1, "valid", 8), (10, 3, 2, "valid", 4),
                                                (10, 3, 1, "same", 10), (10, 4, 3, "same", 4),
                                                (100, 20, 10, "valid", 9)])
def test_output_length(n, k, s, pad, expected):
    assert output_length(n, k, s, pad) == expected
    assert conv1d(np.zeros((1, n, 1)), np.zeros((k, 1, 1)), strides=s, padding=pad).shape == (1, expected, 1)


# ---- against Keras -------------------------------------------------------------------------
keras = pytest.importorskip("keras")

CASES_1D = [  # (m, n, in_channels, kernel_size, filters, strides, padding, activation)
    (2, 12, 1, 3, 1, 1, "valid", None),
    (3, 20, 2, 5, 4, 1, "valid", "relu"),
    (1, 100, 1, 20, 1, 10, "valid", "linear"),            # the course's EKG layer: 9 windows of 20
    (2, 11, 3, 4, 2, 2, "valid", "sigmoid"),
    (2, 9, 1, 3, 2, 1, "same", None),
    (2, 10, 2, 4, 3, 1, "same", "tanh"),
    (1, 13, 1, 5, 2, 3, "same", "relu"),
]
CASES_2D = [  # (m, h, w, in_channels, kh, kw, filters, strides, padding, activation)
    (1, 8, 8, 1, 3, 3, 3, 1, "valid", None),
    (2, 7, 9, 2, 2, 3, 4, 1, "valid", "relu"),
    (2, 10, 10, 3, 3, 3, 2, 2, "valid", "sigmoid"),
    (1, 8, 8, 1, 3, 3, 2, 1, "same", None),
    (2, 9, 6, 2, 4, 2, 3, 1, "same", "relu"),
    (1, 11, 11, 1, 3, 3, 1, 2, "same", "linear"),
]


@pytest.mark.parametrize("m,n,c,k,f,s,pad,act", CASES_1D)
def test_conv1d_matches_keras(m, n, c, k, f, s, pad, act):
    rng = np.random.default_rng(n * 7 + k)
    x, W, b = rng.normal(size=(m, n, c)), rng.normal(size=(k, c, f)), rng.normal(size=f)
    layer = keras.layers.Conv1D(f, k, strides=s, padding=pad, activation=act)
    layer.build((None, n, c))
    layer.set_weights([W.astype("float32"), b.astype("float32")])
    theirs = np.asarray(layer(x.astype("float32")))
    ours = conv1d(x, W, b, strides=s, padding=pad, activation=act)
    assert ours.shape == theirs.shape
    np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("m,h,w,c,kh,kw,f,s,pad,act", CASES_2D)
def test_conv2d_matches_keras(m, h, w, c, kh, kw, f, s, pad, act):
    rng = np.random.default_rng(h * 13 + kw)
    x, W, b = rng.normal(size=(m, h, w, c)), rng.normal(size=(kh, kw, c, f)), rng.normal(size=f)
    layer = keras.layers.Conv2D(f, (kh, kw), strides=s, padding=pad, activation=act)
    layer.build((None, h, w, c))
    layer.set_weights([W.astype("float32"), b.astype("float32")])
    theirs = np.asarray(layer(x.astype("float32")))
    ours = conv2d(x, W, b, strides=s, padding=pad, activation=act)
    assert ours.shape == theirs.shape
    np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-5)


def test_keras_kernel_layout_is_the_one_we_use():
    layer = keras.layers.Conv1D(4, 5)
    layer.build((None, 20, 3))
    assert tuple(layer.kernel.shape) == (5, 3, 4) and tuple(layer.bias.shape) == (4,)
    layer2 = keras.layers.Conv2D(6, (2, 3))
    layer2.build((None, 8, 8, 2))
    assert tuple(layer2.kernel.shape) == (2, 3, 2, 6)


# ---- bad input ----------------------------------------------------------------------------
def test_one_signal_without_batch_axis():
    with pytest.raises(ValueError, match=r"conv1d expects x of shape \(m, steps, in_channels\); received "
                                         r"shape \(20,\)\. For one signal of n samples use x.reshape\(1, n, 1\)"):
        conv1d(np.zeros(20), np.zeros((3, 1, 1)))


def test_one_image_without_batch_axis():
    with pytest.raises(ValueError, match=r"received shape \(8, 8\).*x.reshape\(1, h, w, 1\)"):
        conv2d(np.zeros((8, 8)), np.zeros((3, 3, 1, 1)))


def test_kernel_with_wrong_rank():
    with pytest.raises(ValueError, match=r"W of shape \(kernel_size, in_channels, filters\); received shape \(3,\)"):
        conv1d(np.zeros((1, 20, 1)), np.zeros(3))


def test_channel_mismatch():
    with pytest.raises(ValueError, match=r"x has 2 channels .* W expects 1 input channels"):
        conv1d(np.zeros((1, 20, 2)), np.zeros((3, 1, 4)))
    with pytest.raises(ValueError, match=r"x has 3 channels .* W expects 1 input channels"):
        conv2d(np.zeros((1, 8, 8, 3)), np.zeros((3, 3, 1, 2)))


def test_bias_shape():
    with pytest.raises(ValueError, match=r"one value per filter, shape \(4,\) .* received shape \(3,\)"):
        conv1d(np.zeros((1, 20, 1)), np.zeros((3, 1, 4)), np.zeros(3))


def test_kernel_longer_than_input():
    with pytest.raises(ValueError, match=r"kernel is 5 steps long but x has only 3 steps"):
        conv1d(np.zeros((1, 3, 1)), np.zeros((5, 1, 1)))
    with pytest.raises(ValueError, match=r"kernel is 3x3 but x is only 2x8"):
        conv2d(np.zeros((1, 2, 8, 1)), np.zeros((3, 3, 1, 1)))
    # with "same" padding a long kernel is fine, as in Keras
    assert conv1d(np.zeros((1, 3, 1)), np.zeros((5, 1, 1)), padding="same").shape == (1, 3, 1)


@pytest.mark.parametrize("kw,match", [({"strides": 0}, "strides must be a positive integer"),
                                      ({"strides": 1.5}, "strides must be a positive integer"),
                                      ({"padding": "full"}, "padding must be 'valid' or 'same'"),
                                      ({"activation": "swishy"}, "Unknown activation")])
def test_bad_options(kw, match):
    with pytest.raises(ValueError, match=match):
        conv1d(np.zeros((1, 10, 1)), np.zeros((3, 1, 1)), **kw)
