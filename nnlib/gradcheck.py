"""Numerical gradients by centred differences, to check backprop.

    dJ/dw ~ (J(w + eps) - J(w - eps)) / (2 eps)      error O(eps^2)

Use float64 and eps around 1e-5; a correct analytic gradient then agrees to a relative
error of about 1e-8 or better, and a wrong one is off by far more than 1e-6.
"""
import numpy as np

from ._validate import describe, number, real_array


def numerical_gradient(f, w, eps=1e-5):
    """dJ/dw of the scalar function f() at the array w, one element at a time.

    f takes no argument and reads w, which is changed in place and restored.
    Shapes: w any -> gradient of the same shape.
    """
    f, w, eps = _check_numerical(f, w, eps)
    grad = np.zeros_like(w, dtype=float)
    it = np.nditer(w, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = w[i]
        w[i] = old + eps
        plus = f()
        w[i] = old - eps
        minus = f()
        w[i] = old
        grad[i] = (plus - minus) / (2 * eps)
    return grad


def relative_error(a, b):
    """||a - b|| / (||a|| + ||b||): 0 for equal arrays, about 1 for unrelated ones."""
    a, b = real_array(a, "a"), real_array(b, "b")
    if a.shape != b.shape:
        raise ValueError(f"relative_error compares two gradients of the same shape; received a of shape "
                         f"{a.shape} and b of shape {b.shape}. Compare dW with its numerical estimate.")
    denom = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if denom == 0 else float(np.linalg.norm(a - b) / denom)


def check_model_gradients(model, x, y, eps=1e-5):
    """Relative error between backprop and centred differences for every W^[l], b^[l].

    Returns a list of (name, relative error), e.g. [("W1", 3e-10), ("b1", 2e-11), ...].
    """
    if not hasattr(model, "compute_gradients"):
        raise ValueError(f"model must be a compiled nnlib Sequential; received {describe(model)}.")
    eps = number(eps, "eps", 0.0, low_open=True, fix="About 1e-5 in float64.")
    _, analytic = model.compute_gradients(x, y)

    def J():
        return model.compute_gradients(x, y)[0]

    out = []
    for l, layer in enumerate(model.layers, start=1):
        for nm, p, g in (("W", layer.W, analytic[2 * l - 2]), ("b", layer.b, analytic[2 * l - 1])):
            out.append((f"{nm}{l}", relative_error(g, numerical_gradient(J, p, eps))))
    return out


def _check_numerical(f, w, eps):
    if not callable(f):
        raise ValueError(f"f must be a function of no arguments that returns the cost J; received "
                         f"{describe(f)}. Write numerical_gradient(lambda: loss(y, predict(w)), w).")
    if not isinstance(w, np.ndarray) or w.dtype != np.float64 or not w.flags.writeable:
        raise ValueError(f"w must be a writeable float64 numpy array (it is nudged in place and restored); "
                         f"received {describe(w)}. Use w = np.array(w, dtype=float) and let f read that array.")
    eps = number(eps, "eps", 0.0, low_open=True, fix="About 1e-5 in float64.")

    def J():
        value = f()
        try:
            return float(real_array(value, "f()").reshape(()))
        except ValueError as err:
            raise ValueError(f"f() must return the cost J as one finite number; it returned "
                             f"{describe(value)} ({err})") from None

    return J, w, eps
