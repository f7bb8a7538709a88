"""Checks for chapter 12: a 1-D convolution with one filter, written by the learner.

Expected values come from numpy's np.correlate (mode "valid"), a different routine from the
learner's loop and from nnlib.conv.
"""
import numpy as np

from ._core import CheckFailed, expect_close, expect_done, run
from .quiz import Question


def check_conv1d(my_conv1d):
    """my_conv1d(x, w, b) -> z of shape (n - k + 1,), z[t] = sum_k w[k] x[t + k] + b."""
    x = np.array([0.0, 1.0, 3.0, 2.0, -1.0, 0.5, 4.0])
    w = np.array([1.0, 2.0, -1.0])                  # not symmetric: a flipped kernel gives other numbers
    b = 0.5

    def length():
        z = np.asarray(expect_done(my_conv1d(x.copy(), w.copy(), b)), dtype=float)
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

    return run([("output length", length), ("values", values), ("a longer signal", another_signal)],
               my_conv1d, "loop over the n - k + 1 window positions t: z[t] = w · x[t:t + k] + b")


QUIZ = [
    Question("A signal has $n = 200$ samples and the kernel $k = 9$ weights. How many outputs does a "
             "convolution with only full windows (`padding=\"valid\"`, stride 1) give?", answer=192,
             why="one output per window start $t = 0, 1, \\dots, n - k$: $n - k + 1 = 192$, as the chapter prints."),
    Question("The lecture's EKG layer reads 100 samples with windows of 20 that move by 10. How many "
             "window positions (units) are there?", answer=9,
             why="$\\lfloor (100 - 20) / 10 \\rfloor + 1 = 9$: windows start at samples 0, 10, …, 80 "
                 "(1–20, …, 81–100 in the lecture's numbering from 1)."),
    Question("How many parameters does `Conv1D(filters=4, kernel_size=20)` have on a signal with one "
             "channel?", answer=84,
             why="each filter has 20 · 1 weights and one bias: 4 · (20 + 1) = 84, however long the signal is."),
    Question("Which numpy call gives the same numbers as Keras's `Conv1D` (one channel, one filter, "
             "`padding=\"valid\"`, no bias)?",
             options=["`np.convolve(x, w, mode=\"valid\")`", "`np.correlate(x, w, mode=\"valid\")`",
                      "`np.convolve(x, w, mode=\"same\")`"], answer=1,
             why="deep learning's convolution does not flip the kernel: it is a cross-correlation. "
                 "`np.convolve(x, w[::-1], mode=\"valid\")` gives the same numbers, as the chapter checks.",
             wrong={0: "np.convolve flips the kernel (the mathematicians' convolution); it equals Conv1D only "
                       "for a symmetric kernel or with w[::-1]",
                    2: "mode='same' pads the ends and returns n outputs, and the kernel is still flipped"}),
    Question("The peak-detector kernel's 9 weights sum to 0. What does it output (bias 0) on a stretch "
             "where the signal is constant, $x_t = 0.3$?", answer=0.0,
             why="$\\sum_j w_j \\cdot 0.3 = 0.3 \\sum_j w_j = 0$: a flat stretch or a slow wave gives about 0."),
]
