"""Checks for chapter 12: a 1-D convolution with one filter, written by the learner.

Expected values come from numpy's np.correlate (mode "valid"), a different routine from the
learner's loop and from nnlib.conv.
"""
import numpy as np

from ._core import CheckFailed, expect_close, run


def check_conv1d(my_conv1d):
    """my_conv1d(x, w, b) -> z of shape (n - k + 1,), z[t] = sum_k w[k] x[t + k] + b."""
    x = np.array([0.0, 1.0, 3.0, 2.0, -1.0, 0.5, 4.0])
    w = np.array([1.0, 2.0, -1.0])                  # not symmetric: a flipped kernel gives other numbers
    b = 0.5

    def length():
        z = np.asarray(my_conv1d(x.copy(), w.copy(), b), dtype=float)
        if z.shape != (5,):
            extra = " That is the length of padding='same'; the course's 'valid' output has only full windows." \
                if z.shape == (7,) else ""
            raise CheckFailed(f"x has n = 7 samples and the kernel k = 3, so there are n - k + 1 = 5 full "
                              f"windows and z has shape (5,); received shape {z.shape}.{extra}")

    def values():
        z = np.asarray(my_conv1d(x.copy(), w.copy(), b), dtype=float)
        expected = np.correlate(x, w, mode="valid") + b
        flipped = np.convolve(x, w, mode="valid") + b
        hint = "z[t] = w[0] x[t] + w[1] x[t+1] + w[2] x[t+2] + b."
        if np.allclose(z, flipped):
            hint = ("your kernel is flipped (w[2] x[t] + w[1] x[t+1] + w[0] x[t+2]): that is the "
                    "mathematicians' convolution, np.convolve. Neural-network 'convolution' does not "
                    "flip: w[k] multiplies x[t + k].")
        elif np.allclose(z, expected - b):
            hint = "add the bias b to every output."
        expect_close("my_conv1d(x, w, b)", z, expected, hint=hint)

    def another_signal():
        rng = np.random.default_rng(12)
        x2, w2 = rng.normal(size=40), rng.normal(size=9)
        expect_close("my_conv1d on 40 samples with a 9-weight kernel", my_conv1d(x2.copy(), w2.copy(), -0.3),
                     np.correlate(x2, w2, mode="valid") - 0.3)

    return run([("output length", length), ("values", values), ("a longer signal", another_signal)])
