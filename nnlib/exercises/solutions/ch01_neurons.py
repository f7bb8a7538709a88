"""Reference solutions for chapter 1 (the names the notebook imports are imported here too)."""
import numpy as np

from ...activations import sigmoid

HINTS = {
    "my_neuron": [
        "A neuron computes $z = \\vec w \\cdot \\vec x + b$, then $a = g(z)$.",
        "`np.dot(w, x)` is $\\vec w \\cdot \\vec x$ for two 1-D arrays; `sigmoid(z)` is $g(z)$.",
    ],
    "my_layer": [
        "Unit $j$ is a neuron with weights `W[:, j]` (column $j$) and bias `b[j]`.",
        "Make `a_out = np.zeros(W.shape[1])`, then fill `a_out[j]` in a loop over `j`, with `my_neuron`.",
    ],
}


def my_neuron(x, w, b):
    z = np.dot(w, x) + b
    return sigmoid(z)


def my_layer(x, W, b):
    units = W.shape[1]
    a_out = np.zeros(units)
    for j in range(units):
        a_out[j] = my_neuron(x, W[:, j], b[j])
    return a_out
