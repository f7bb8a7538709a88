"""Forward propagation as the course writes it: a loop over units, then with a matrix product.

Course notation, examples in rows:  z^[l] = a^[l-1] W^[l] + b^[l],   a^[l] = g(z^[l]),
with W^[l] of shape (n^[l-1], n^[l]) (column j holds the weights w_j of unit j) and
b^[l] of shape (n^[l],).
"""
import numpy as np

from . import activations
from ._validate import as_float_array


def _g(g):
    """Accept an activation function or a Keras name ("sigmoid", ...)."""
    return g if callable(g) else activations.get(g)


def _check_W_b(W, b, n_in, layer):
    # W against a_in first: a W in the column convention is the usual mistake, and its
    # message (transpose W) is the useful one even though b then mismatches too.
    W = as_float_array(W, "W")
    b = as_float_array(b, "b")
    where = f"layer {layer}" if layer is not None else "this layer"
    if W.ndim != 2:
        raise ValueError(
            f"W^[l] must be 2-D of shape (n^[l-1], n^[l]); received shape {W.shape} in {where}. "
            f"For one unit with n inputs use W.reshape(-1, 1)."
        )
    if n_in != W.shape[0]:
        raise ValueError(
            f"{'Dense ' + where if layer is not None else 'This dense layer'} expects a_in with "
            f"{W.shape[0]} features because W is {W.shape} "
            f"(n^[l-1], n^[l]); received a_in with {n_in}. Check the layer order, or transpose W "
            f"if it was written in the column convention (n^[l], n^[l-1])."
        )
    if b.shape != (W.shape[1],):
        raise ValueError(
            f"b^[l] must have shape (n^[l],) = ({W.shape[1]},) to match W^[l] of shape {W.shape} "
            f"in {where}; received {b.shape}. Use one bias per unit, e.g. b = np.zeros({W.shape[1]})."
        )
    return W, b


def dense_loop(a_in, W, b, g, layer=None):
    """One dense layer for ONE example, unit by unit, exactly as the course's first version.

        a_j = g(w_j . a_in + b_j)  with  w_j = W[:, j]

    Args:
        a_in: activations of the previous layer, shape (n^[l-1],).
        W: weights, shape (n^[l-1], n^[l]). b: biases, shape (n^[l],).
        g: activation function or Keras name. Softmax needs all z at once, so it is
           applied after the loop.
    Shapes: a_in (n^[l-1],) -> a_out (n^[l],).
    """
    a_in = as_float_array(a_in, "a_in")
    if a_in.ndim != 1:
        raise ValueError(
            f"dense_loop handles one example: a_in must be 1-D of shape (n^[l-1],); received "
            f"shape {a_in.shape}. Use dense(A_in, W, b, g) for a batch of examples in rows."
        )
    W, b = _check_W_b(W, b, a_in.shape[0], layer)
    g = _g(g)
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
        W: shape (n^[l-1], n^[l]). b: shape (n^[l],). g: function or Keras name.
    Shapes: A_in (m, n^[l-1]) -> A_out (m, n^[l]).
    """
    A = as_float_array(A_in, "A_in")
    one = A.ndim == 1
    A2 = A.reshape(1, -1) if one else A
    if A2.ndim != 2:
        raise ValueError(f"A_in must be 2-D (m, n^[l-1]); received shape {A.shape}.")
    W, b = _check_W_b(W, b, A2.shape[1], layer)
    out = _g(g)(np.matmul(A2, W) + b)
    return out[0] if one else out


def sequential(x, params, g="sigmoid"):
    """Forward propagation through several dense layers: a^[0] = x, a^[l] = g(a^[l-1] W^[l] + b^[l]).

    Args:
        x: one example (n,) or a batch (m, n).
        params: a list of (W, b) or (W, b, g) per layer, layer 1 first.
        g: the activation for layers that do not name their own (the course's coffee
           network uses sigmoid throughout).
    Returns: f(x) = a^[L], shape (n^[L],) or (m, n^[L]).
    """
    a = x
    for l, p in enumerate(params, start=1):
        if len(p) not in (2, 3):
            raise ValueError(
                f"params[{l - 1}] must be (W, b) or (W, b, g) for layer {l}; received {len(p)} items."
            )
        W, b, gl = (*p, g) if len(p) == 2 else p
        a = dense(a, W, b, gl, layer=l)
    return a
