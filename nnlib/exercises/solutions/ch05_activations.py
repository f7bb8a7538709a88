"""Reference solutions for chapter 5 (the names the notebook imports are imported here too)."""
import numpy as np

HINTS = {
    "my_relu": [
        "ReLU keeps a positive $z$ and replaces a negative one by 0: $g(z) = \\max(0, z)$, for every entry.",
        "`np.maximum(0.0, z)` compares elementwise and keeps the shape; Python's `max` returns one number.",
    ],
    "my_relu_derivative": [
        "The slope of $\\max(0, z)$ is 0 left of the kink and 1 right of it — not $z$ itself.",
        "`z > 0` is an array of True/False with the shape of `z`; at $z = 0$ it is False, TensorFlow's convention.",
        "`(np.asarray(z) > 0).astype(float)` turns it into 0.0 and 1.0.",
    ],
    "collapse": [
        "Write the three layers out: $a^{[3]} = ((x W^{[1]} + b^{[1]}) W^{[2]} + b^{[2]}) W^{[3]} + b^{[3]}$, and multiply out.",
        "The part that multiplies $x$ is $W = W^{[1]} W^{[2]} W^{[3]}$, in layer order: shapes (3, 4)(4, 2)(2, 1) → (3, 1).",
        "What is left when $x = 0$ is $b$: $b^{[1]}$ passes through $W^{[2]}$ and $W^{[3]}$, $b^{[2]}$ through $W^{[3]}$.",
    ],
}


def my_relu(z):
    return np.maximum(0.0, z)


def my_relu_derivative(z):
    return (np.asarray(z) > 0).astype(float)


def collapse(W1, b1, W2, b2, W3, b3):
    W = W1 @ W2 @ W3
    b = (b1 @ W2 + b2) @ W3 + b3
    return W, b
