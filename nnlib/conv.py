"""Convolutional layers as functions: each unit looks at a window of the input, not all of it.

    z[i, t, f]    = sum_{k, c}    x[i, t*s + k, c]          W[k, c, f]     + b[f]     (conv1d)
    z[i, r, q, f] = sum_{u, v, c} x[i, r*s + u, q*s + v, c] W[u, v, c, f] + b[f]     (conv2d)
    a = g(z)

This is what Keras's Conv1D and Conv2D compute (a "cross-correlation": the kernel is not
flipped), with Keras's layouts: inputs (m, steps, channels) and (m, height, width, channels),
kernels (kernel_size, in_channels, filters) and (kh, kw, in_channels, filters), one bias per
filter. padding="valid" uses only full windows; padding="same" pads with zeros as Keras does
(more on the right/bottom when the padding is odd), so the output has ceil(n / strides) steps.
"""
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from . import activations
from ._validate import integer, real_array

__all__ = ["conv1d", "conv2d", "output_length"]


def output_length(n, kernel_size, strides=1, padding="valid"):
    """How many positions a window of ``kernel_size`` takes on ``n`` inputs (Keras's rule)."""
    n, kernel_size, strides, padding = _check_length_args(n, kernel_size, strides, padding)
    if padding == "valid":
        return (n - kernel_size) // strides + 1
    return -(-n // strides)


def _pads(n, k, s, padding):
    if padding == "valid":
        return 0, 0
    total = max((output_length(n, k, s, "same") - 1) * s + k - n, 0)
    return total // 2, total - total // 2


def _check_common(fname, x, W, b, strides, padding, x_dims, x_layout, w_layout):
    x = real_array(x, "x")
    W = real_array(W, "W")
    if x.ndim != x_dims:
        hint = (" For one signal of n samples use x.reshape(1, n, 1)." if x_dims == 3 else
                " For one grey image of h x w pixels use x.reshape(1, h, w, 1).")
        raise ValueError(f"{fname} expects x of shape {x_layout}; received shape {x.shape}.{hint}")
    if W.ndim != x_dims:
        raise ValueError(f"{fname} expects W of shape {w_layout}; received shape {W.shape}.")
    if x.shape[-1] != W.shape[-2]:
        raise ValueError(f"{fname}: x has {x.shape[-1]} channels (its last axis) but W has shape {W.shape}, "
                         f"which is {w_layout}: W expects {W.shape[-2]} input channels; received x of shape "
                         f"{x.shape}. Check the order of W's axes, or the channels of x.")
    filters = W.shape[-1]
    if 0 in W.shape[:-2] or filters == 0:
        raise ValueError(f"{fname}: W must have shape {w_layout} with at least one step per kernel axis and "
                         f"at least one filter (0 filters means 0 units); received {W.shape}.")
    if b is None:
        b = np.zeros(filters)
    b = real_array(b, "b")
    if b.shape != (filters,):
        raise ValueError(f"{fname}: b must have one value per filter, shape ({filters},) for W of shape "
                         f"{W.shape}; received shape {b.shape}.")
    if isinstance(strides, (bool, np.bool_)) or not isinstance(strides, (int, np.integer)) or strides < 1:
        raise ValueError(f"{fname}: strides must be a positive integer; received {strides!r}.")
    if not isinstance(padding, str) or padding not in ("valid", "same"):
        raise ValueError(f"{fname}: padding must be 'valid' or 'same'; received {padding!r}.")
    return x, W, b


def conv1d(x, W, b=None, strides=1, padding="valid", activation=None):
    """A 1-D convolutional layer: every output step sees kernel_size consecutive inputs.

    z[i, t, f] = sum_{k, c} x[i, t*strides + k, c] W[k, c, f] + b[f],   a = g(z)

    Args:
        x: the input, m examples of n steps with in_channels values each.
        W: the kernel, as keras.layers.Conv1D stores it.
        b: one bias per filter (zeros if None).
        strides: how far the window moves between outputs.
        padding: "valid" (full windows only) or "same" (zero-padded, ceil(n / strides) outputs).
        activation: a Keras name ("relu", "linear", ...) or None.
    Shapes: x (m, n, in_channels), W (kernel_size, in_channels, filters), b (filters,)
        -> a (m, n_out, filters), n_out = (n - kernel_size) // strides + 1 for "valid".
    """
    x, W, b = _check_common("conv1d", x, W, b, strides, padding, 3, "(m, steps, in_channels)",
                            "(kernel_size, in_channels, filters)")
    k = W.shape[0]
    left, right = _pads(x.shape[1], k, strides, padding)
    if left or right:
        x = np.pad(x, ((0, 0), (left, right), (0, 0)))
    if x.shape[1] < k:
        raise ValueError(f"conv1d: the kernel is {k} steps long but x has only {x.shape[1]} steps (received "
                         f"x of shape {x.shape}); use a shorter kernel or padding='same'.")
    windows = sliding_window_view(x, k, axis=1)[:, ::strides]        # (m, n_out, in_channels, k)
    z = np.einsum("mtck,kcf->mtf", windows, W) + b
    return activations.get(activation)(z)


def conv2d(x, W, b=None, strides=1, padding="valid", activation=None):
    """A 2-D convolutional layer: every output pixel sees a kh x kw patch of the input.

    z[i, r, q, f] = sum_{u, v, c} x[i, r*strides + u, q*strides + v, c] W[u, v, c, f] + b[f]

    Args: as conv1d; ``strides`` is one integer used for both directions.
    Shapes: x (m, height, width, in_channels), W (kh, kw, in_channels, filters), b (filters,)
        -> a (m, height_out, width_out, filters).
    """
    x, W, b = _check_common("conv2d", x, W, b, strides, padding, 4, "(m, height, width, in_channels)",
                            "(kh, kw, in_channels, filters)")
    kh, kw = W.shape[:2]
    top, bottom = _pads(x.shape[1], kh, strides, padding)
    left, right = _pads(x.shape[2], kw, strides, padding)
    if top or bottom or left or right:
        x = np.pad(x, ((0, 0), (top, bottom), (left, right), (0, 0)))
    if x.shape[1] < kh or x.shape[2] < kw:
        raise ValueError(f"conv2d: the kernel is {kh}x{kw} but x is only {x.shape[1]}x{x.shape[2]} (received "
                         f"x of shape {x.shape}); use a smaller kernel or padding='same'.")
    windows = sliding_window_view(x, (kh, kw), axis=(1, 2))[:, ::strides, ::strides]  # (m, ho, wo, c, kh, kw)
    z = np.einsum("mhwcuv,uvcf->mhwf", windows, W) + b
    return activations.get(activation)(z)


def _check_length_args(n, kernel_size, strides, padding):
    n = integer(n, "n", fix="It is the number of inputs (steps) along the axis.")
    kernel_size = integer(kernel_size, "kernel_size", low=1)
    strides = integer(strides, "strides", low=1)
    if not isinstance(padding, str) or padding not in ("valid", "same"):
        raise ValueError(f"padding must be 'valid' or 'same'; received {padding!r}.")
    if padding == "valid" and n < kernel_size:
        raise ValueError(f"With padding='valid' a window of kernel_size={kernel_size} needs n >= {kernel_size} "
                         f"inputs; received n={n}. Use a shorter kernel or padding='same'.")
    return n, kernel_size, strides, padding
