"""Reference solutions for chapter 4."""

HINTS = {
    "neuron_grads": [
        "Forward first: `c = w * x`, `a = c + b`, `d = a - y`, `J = 0.5 * d ** 2`.",
        "Backward from the right: $\\partial J/\\partial d = d$; every other local derivative on the way is 1, "
        "except $\\partial c/\\partial w = x$.",
        "`dJ_dw = d * x` and `dJ_db = d`; `return J, dJ_dw, dJ_db`.",
    ],
    "dense_backward": [
        "Each gradient has the shape of what it is the gradient of: `dW` like `W` $(n^{[l-1]}, n^{[l]})$, "
        "`db` one number per unit, `da_in` like `a_in` $(m, n^{[l-1]})$.",
        "Only one product of `a_in` and `dz` has the shape of `W`: `a_in.T @ dz`. For `da_in`, multiply `dz` "
        "by `W.T`.",
        "`dW = a_in.T @ dz`, `db = dz.sum(axis=0)` (the 1/m is already in `dz`), `da_in = dz @ W.T`.",
    ],
}


def neuron_grads(x, y, w, b):
    c = w * x
    a = c + b
    d = a - y
    J = 0.5 * d ** 2
    dJ_dd = d
    dJ_dw = dJ_dd * 1.0 * 1.0 * x
    dJ_db = dJ_dd * 1.0 * 1.0
    return J, dJ_dw, dJ_db


def dense_backward(dz, a_in, W):
    dW = a_in.T @ dz
    db = dz.sum(axis=0)
    da_in = dz @ W.T
    return dW, db, da_in
