"""The numbers behind chapter 4's widgets (``ch04_backprop``), without any drawing.

Two computation graphs, forward and backward (the course's J = (2 + 3w)^2 and its linear
neuron with squared error), and gradient descent w := w - alpha dJ/dw on J(w) = (2 + 3w)^2.
"""
import numpy as np

GRAPHS = ["J = (2 + 3w)²", "neuron: J = ½(wx + b − y)²"]
X_N, Y_N, B_N = -2.0, 2.0, 8.0     # the course's one-neuron example: x = -2, y = 2, b = 8


def square_graph(w):
    """The course's J = (2 + 3w)^2 as nodes and edges, forward and backward.

    Returns (nodes, edges): nodes[name] = (formula, value, dJ/dnode);
    edges = [(src, dst, local derivative text, its value)].
    """
    a = 2 + 3 * w
    J = a ** 2
    dJ_da = 2 * a
    nodes = {"w": ("w", w, dJ_da * 3), "a": ("a = 2 + 3w", a, dJ_da), "J": ("J = a²", J, 1.0)}
    edges = [("w", "a", "∂a/∂w = 3", 3.0), ("a", "J", "∂J/∂a = 2a", dJ_da)]
    return nodes, edges


def neuron_graph(w, x=X_N, y=Y_N, b=B_N):
    """The course's linear neuron with squared error: c = w x, a = c + b, d = a - y, J = d^2 / 2."""
    c = w * x
    a = c + b
    d = a - y
    J = 0.5 * d ** 2
    nodes = {"w": ("w", w, d * x), "c": (f"c = w·x  (x = {x:g})", c, d), "b": ("b", b, d),
             "a": ("a = c + b", a, d), "d": (f"d = a − y  (y = {y:g})", d, d), "J": ("J = ½ d²", J, 1.0)}
    edges = [("w", "c", "∂c/∂w = x", x), ("c", "a", "∂a/∂c = 1", 1.0), ("b", "a", "∂a/∂b = 1", 1.0),
             ("a", "d", "∂d/∂a = 1", 1.0), ("d", "J", "∂J/∂d = d", d)]
    return nodes, edges


def J_of(graph, w):
    w = np.asarray(w, dtype=float)
    return (2 + 3 * w) ** 2 if graph == GRAPHS[0] else 0.5 * (w * X_N + B_N - Y_N) ** 2


def graph_at(graph, w):
    """(nodes, edges) of the chosen graph at w (see square_graph)."""
    return square_graph(w) if graph == GRAPHS[0] else neuron_graph(w)


# ---- gradient descent on J(w) = (2 + 3w)^2 --------------------------------------------------
W_STAR = -2.0 / 3.0
CURVATURE = 18.0            # J''(w): J = 9 (w - w*)^2, so dJ/dw = 18 (w - w*)


def J_sq(w):
    return (2 + 3 * np.asarray(w, dtype=float)) ** 2


def dJ_sq(w):
    return 6 * (2 + 3 * np.asarray(w, dtype=float))


def descend(w0, learning_rate, steps):
    """The iterates w_0, ..., w_steps of w := w - alpha dJ/dw (stops early once |w| > 1e150)."""
    ws = [float(w0)]
    for _ in range(int(steps)):
        w = ws[-1] - learning_rate * float(dJ_sq(ws[-1]))
        ws.append(w)
        if not np.isfinite(w) or abs(w) > 1e150:
            break
    return np.array(ws)
