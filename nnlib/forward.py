"""Forward propagation as the course writes it: a loop over units, then with a matrix product.

Course notation, examples in rows:  z^[l] = a^[l-1] W^[l] + b^[l],   a^[l] = g(z^[l]),
with W^[l] of shape (n^[l-1], n^[l]) (column j holds the weights w_j of unit j) and
b^[l] of shape (n^[l],) (the course's row B of shape (1, n^[l]) works too: it broadcasts
over the m rows). The checks of the arguments are at the bottom, one call at the top of each function.
"""
import numpy as np

from . import activations
from ._validate import describe, real_array, sequence


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


def weights_and_bias(W, b, n_in, layer, bias_row_ok=True):
    """W^[l] of shape (n^[l-1], n^[l]) with n^[l] >= 1, and b^[l] as (n^[l],).

    The course's row bias of shape (1, n^[l]) broadcasts over the m rows just like (n^[l],), so
    it is accepted (and returned 1-D: the same numbers); a column (n^[l], 1) is refused, since
    a_in W + b would broadcast it to (n^[l], n^[l]).
    """
    # W against a_in first: a W in the column convention is the usual mistake, and its
    # message (transpose W) is the useful one even though b then mismatches too.
    W, b = real_array(W, "W"), real_array(b, "b")
    where = f"layer {layer}" if layer is not None else "this layer"
    if W.ndim != 2:
        raise ValueError(f"W^[l] must be 2-D of shape (n^[l-1], n^[l]); received shape {W.shape} in {where}. "
                         f"For one unit with n inputs use W.reshape(-1, 1).")
    if n_in != W.shape[0]:
        raise ValueError(
            f"{'Dense ' + where if layer is not None else 'This dense layer'} expects a_in with {W.shape[0]} "
            f"features because W is {W.shape} (n^[l-1], n^[l]); received a_in with {n_in}. Check the layer "
            f"order, or transpose W if it was written in the column convention (n^[l], n^[l-1])."
        )
    units = W.shape[1]
    if units == 0:
        raise ValueError(f"W^[l] has shape {W.shape}: 0 columns means 0 units n^[l] in {where}, and a layer needs "
                         f"at least one. Give W one column per unit, shape (n^[l-1], n^[l]) with n^[l] >= 1.")
    if bias_row_ok and b.shape == (1, units):
        b = b.reshape(units)  # the course's row bias B: the same numbers, broadcast over the m rows
    if b.shape != (units,):
        hint = (f"b is a column (n^[l], 1): a_in W + b would broadcast it to ({units}, {units}). "
                f"Transpose it, b.T or b.reshape(1, -1), or use b.reshape(-1)." if b.shape == (units, 1) else
                f"Use one bias per unit, e.g. b = np.zeros({units}).")
        raise ValueError(f"b^[l] must have shape (n^[l],) = ({units},) to match W^[l] of shape {W.shape} in "
                         f"{where} (the row (1, {units}) works too); received {b.shape}. {hint}")
    return W, b


def activation_function(g, what="g"):
    """An activation as a function of z: a Keras name, None, an nnlib activation or the learner's own.

    A learner's own function is wrapped so that what it returns is checked: real numbers of
    the shape of z (finite when z is finite).
    """
    if g is None or isinstance(g, str) or getattr(g, "__module__", None) == activations.__name__:
        return activations.get(g)
    if not callable(g):
        raise ValueError(f"{what} must be an activation: a Keras name such as 'sigmoid' or a function of z; "
                         f"received {describe(g)}. Write {what}='sigmoid' or {what}=nnlib.activations.sigmoid.")

    def checked(z):
        fix = (f"{what} must take the array z of shape {z.shape} and return g(z) of the same shape, "
               f"e.g. {what}='sigmoid' or {what}=nnlib.activations.sigmoid")
        try:
            a = g(z)
        except Exception as err:  # the learner's function failed on an array: say which and why
            raise ValueError(f"{fix}; received {describe(g)}, which failed on z with "
                             f"{type(err).__name__}: {err}") from err
        try:
            out = real_array(a, f"{what}(z)", finite=bool(np.all(np.isfinite(z))))
        except ValueError as err:
            raise ValueError(f"{err} {fix}.") from None
        if out.shape != z.shape:
            raise ValueError(f"{fix}; received {describe(g)}, which returned shape {out.shape}.")
        return out

    return checked
