"""Forward propagation as the course writes it: a loop over units, then with a matrix product.

Course notation, examples in rows:  z^[l] = a^[l-1] W^[l] + b^[l],   a^[l] = g(z^[l]),
with W^[l] of shape (n^[l-1], n^[l]) (column j holds the weights w_j of unit j) and
b^[l] of shape (n^[l],) (the course's row B of shape (1, n^[l]) works too: it broadcasts
over the m rows). The checks of the arguments are in _validate.py.
"""
import numpy as np

from ._validate import activation_function, describe, real_array, sequence, weights_and_bias


def dense_loop(a_in, W, b, g, layer=None):
    """One dense layer for ONE example, unit by unit, exactly as the course's first version.

        a_j = g(w_j . a_in + b_j)  with  w_j = W[:, j]

    Args:
        a_in: activations of the previous layer, shape (n^[l-1],).
        W: weights, shape (n^[l-1], n^[l]). b: biases, shape (n^[l],) (or the row (1, n^[l])).
        g: activation function or Keras name. Softmax needs all z at once, so it is
           applied after the loop.
    Shapes: a_in (n^[l-1],) -> a_out (n^[l],).
    """
    a_in, W, b, g = _check_loop(a_in, W, b, g, layer)
    units = W.shape[1]
    z = np.zeros(units)
    for j in range(units):
        w = W[:, j]
        z[j] = np.dot(w, a_in) + b[j]
    return g(z)


def dense(A_in, W, b, g, layer=None):
    """One dense layer for m examples at once (vectorized): A_out = g(A_in @ W + b).

    Args:
        A_in: shape (m, n^[l-1]), one example per row (a 1-D a_in is treated as m = 1
              and the result is 1-D again, like ``dense_loop``).
        W: shape (n^[l-1], n^[l]).
        b: shape (n^[l],), or the course's row B of shape (1, n^[l]); either broadcasts over
           the m rows of A_in W, so every example gets the same bias b_j in unit j.
        g: function or Keras name.
    Shapes: A_in (m, n^[l-1]) -> A_out (m, n^[l]).
    """
    A_in, one, W, b, g = _check_dense(A_in, W, b, g, layer)
    A_out = g(np.matmul(A_in, W) + b)
    return A_out[0] if one else A_out


def sequential(x, params, g="sigmoid"):
    """Forward propagation through several dense layers: a^[0] = x, a^[l] = g(a^[l-1] W^[l] + b^[l]).

    Args:
        x: one example (n,) or a batch (m, n).
        params: a list of (W, b) or (W, b, g) per layer, layer 1 first.
        g: the activation for layers that do not name their own (the course's coffee
           network uses sigmoid throughout).
    Returns: f(x) = a^[L], shape (n^[L],) or (m, n^[L]).
    """
    a, params = _check_sequential(x, params, g)
    for l, (W, b, g_l) in enumerate(params, start=1):
        a = dense(a, W, b, g_l, layer=l)
    return a


# ---- the checks (one call at the top of each function above) -------------------------------------
def _check_loop(a_in, W, b, g, layer):
    a_in = real_array(a_in, "a_in")
    if a_in.ndim != 1:
        raise ValueError(
            f"dense_loop handles one example: a_in must be 1-D of shape (n^[l-1],); received "
            f"shape {a_in.shape}. Use dense(A_in, W, b, g) for a batch of examples in rows."
        )
    return (a_in, *weights_and_bias(W, b, a_in.shape[0], layer), activation_function(g, "g"))


def _check_dense(A_in, W, b, g, layer):
    A = real_array(A_in, "A_in")
    if A.ndim not in (1, 2):
        raise ValueError(
            f"A_in must be 2-D (m, n^[l-1]), one example per row (or 1-D for one example); received "
            f"shape {A.shape}. Use A_in.reshape(1, -1) for one example, A_in.reshape(len(A_in), -1) "
            f"to flatten each example."
        )
    one = A.ndim == 1
    A = A.reshape(1, -1) if one else A
    return (A, one, *weights_and_bias(W, b, A.shape[1], layer), activation_function(g, "g"))


def _check_sequential(x, params, g):
    x = real_array(x, "x")
    if x.ndim not in (1, 2):
        raise ValueError(f"x must be one example (n,) or a batch (m, n); received shape {x.shape}. "
                         f"Use x.reshape(1, -1) for one example.")
    fix = "Write params=[(W1, b1), (W2, b2)], layer 1 first, or (W, b, g) to give a layer its own g."
    params = sequence(params, "params", fix)
    if not params:
        raise ValueError(f"params must hold at least one layer; received an empty list. {fix}")
    out = []
    for l, p in enumerate(params, start=1):
        if not isinstance(p, (list, tuple)) or len(p) not in (2, 3):
            got = f"{len(p)} items" if isinstance(p, (list, tuple)) else describe(p)
            raise ValueError(
                f"params[{l - 1}] must be (W, b) or (W, b, g) for layer {l}; received {got}. {fix}"
            )
        out.append((*p, g) if len(p) == 2 else tuple(p))
    return x, out
