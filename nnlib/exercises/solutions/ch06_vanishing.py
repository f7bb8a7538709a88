"""Reference solutions for chapter 6 (the names the notebook imports are imported here too)."""
import numpy as np

HINTS = {
    "rms_ratio": [
        "`grads` alternates `[dW1, db1, dW2, db2, ...]`: the weight gradients are `grads[0::2]`, so "
        "$dW^{[1]}$ is `grads[0]` and $dW^{[L]}$ is `grads[-2]`.",
        "The RMS of an array's entries is $\\sqrt{\\text{mean of the squares}}$: `np.sqrt(np.mean(dW ** 2))`.",
        "Return the first layer's RMS divided by the last layer's.",
    ],
    "relu_weights": [
        "A unit relu$(w x + b)$ with $w = 1$ switches on at $x = -b$: the two units must switch on at $x = 1$ and $x = 2$.",
        "Each unit's output weight in $W^{[2]}$ is the *change* of slope at its knot: from 0 to 2 at $x = 1$, "
        "from 2 to $-1$ at $x = 2$.",
        "Left of both knots the output is just $b^{[2]}$: the constant 1.",
    ],
}


def rms_ratio(grads):
    dW = grads[0::2]
    return np.sqrt(np.mean(dW[0] ** 2)) / np.sqrt(np.mean(dW[-1] ** 2))


def relu_weights():
    W1 = np.array([[1.0, 1.0]])        # both units see x with weight 1 ...
    b1 = np.array([-1.0, -2.0])        # ... and switch on at x = 1 and x = 2
    W2 = np.array([[2.0], [-3.0]])     # slope +2 from x = 1, then a change of -3 at x = 2
    b2 = np.array([1.0])               # the constant 1 on the left
    return [W1, b1, W2, b2]
