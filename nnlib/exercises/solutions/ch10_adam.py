"""Reference solutions for chapter 10 (the notebook already imports numpy as np)."""
import numpy as np

HINTS = {
    "my_momentum_step": [
        "Two lines, in this order: first the new velocity, then the new weights.",
        "The velocity keeps a fraction β of its old value and adds $-\\alpha g$: `v = beta * v - alpha * g`.",
        "Then `w = w + v` with the NEW v, and `return w, v`.",
    ],
    "my_adam_step": [
        "Update the two running means first: $m$ of $g$ with β₁, $v$ of $g^2$ with β₂ (squared, element by element).",
        "Bias correction: $\\hat m = m / (1 - \\beta_1^t)$ and $\\hat v = v / (1 - \\beta_2^t)$, with the step number t given.",
        "Step: `w = w - alpha * m_hat / (np.sqrt(v_hat) + epsilon)`; return the new `w, m, v` "
        "(m and v without the correction, so the next step can continue from them).",
    ],
}


def my_momentum_step(w, g, v, alpha, beta):
    v = beta * v - alpha * g
    w = w + v
    return w, v


def my_adam_step(w, g, m, v, t, alpha=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    m = beta_1 * m + (1 - beta_1) * g
    v = beta_2 * v + (1 - beta_2) * g ** 2
    m_hat = m / (1 - beta_1 ** t)
    v_hat = v / (1 - beta_2 ** t)
    w = w - alpha * m_hat / (np.sqrt(v_hat) + epsilon)
    return w, m, v
