"""Reference solution for chapter 12 (the learner's name; hints from a nudge to nearly the answer)."""
import numpy as np

HINTS = {
    "my_conv1d": [
        "With $n$ samples and $k$ weights there are $n - k + 1$ full windows; the window at $t$ is "
        "`x[t:t + k]`.",
        "Output $t$ is the dot product of that window with `w` (not flipped), plus `b`.",
        "`z = np.zeros(len(x) - k + 1)`, then in a loop over `t`: `z[t] = np.dot(w, x[t:t + k]) + b`.",
    ],
}


def my_conv1d(x, w, b):
    k = len(w)
    z = np.zeros(len(x) - k + 1)
    for t in range(len(z)):
        z[t] = np.dot(w, x[t:t + k]) + b
    return z
