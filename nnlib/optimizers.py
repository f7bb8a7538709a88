"""Gradient descent (SGD, with optional momentum) and Adam, with Keras's update formulas.

Both have the same one method, ``update(params, grads)``, which changes the arrays in
``params`` in place, so a comparison can loop over {"SGD": SGD(), "Adam": Adam()}.
State (velocities, moments) is created on first use, one slot per parameter array.
In the formulas w is one parameter array (a W or a b) and dw = dJ/dw its gradient.
"""
import math

import numpy as np

from ._validate import describe, integer, number, real_array, sequence, unknown


class Optimizer:
    def __init__(self, learning_rate):
        self.learning_rate = _check_learning_rate(learning_rate)
        self.iterations = 0  # how many updates were applied, as in Keras

    def update(self, params, grads):
        """Apply one step to every array in params (in place), given grads of the same shapes."""
        params, grads = _check_update(params, grads)
        for i, (w, dw) in enumerate(zip(params, grads)):
            self._update_one(i, w, dw)
        self.iterations += 1

    def apply_gradients(self, grads_and_vars):
        """Keras's spelling: ``apply_gradients(zip(grads, params))``."""
        grads, params = _check_pairs(grads_and_vars)
        self.update(params, grads)


class SGD(Optimizer):
    """Gradient descent: w := w - alpha dw,  dw = dJ/dw.

    With momentum beta:  v := beta v - alpha dw,  w := w + v  (Keras's form).
    """

    def __init__(self, learning_rate=0.01, momentum=0.0):
        super().__init__(learning_rate)
        self.momentum = number(momentum, "momentum", 0.0, 1.0, high_open=True, fix="0.9 is typical.")
        self._v = {}

    def __repr__(self):
        return f"SGD(learning_rate={self.learning_rate}, momentum={self.momentum})"

    def _update_one(self, i, w, dw):
        if self.momentum == 0.0:
            w -= self.learning_rate * dw
            return
        v = self._v.get(i)
        if v is None:  # state created on first use
            v = self._v[i] = np.zeros_like(w)
        v *= self.momentum
        v -= self.learning_rate * dw
        w += v


class Adam(Optimizer):
    """Adam: momentum on the gradient plus a per-parameter step size.

        m := m + (1 - beta_1) (dw - m)         running mean of the gradient dw = dJ/dw
        v := v + (1 - beta_2) (dw^2 - v)       running mean of its square
        alpha_t = alpha sqrt(1 - beta_2^t) / (1 - beta_1^t)   (bias correction)
        w := w - alpha_t m / (sqrt(v) + epsilon)

    A parameter whose gradient keeps its sign gets |m| ~ sqrt(v): steps near alpha. One
    whose gradient flips sign gets |m| << sqrt(v): small steps. This is Keras's formula.
    """

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
        super().__init__(learning_rate)
        self.beta_1 = number(beta_1, "beta_1", 0.0, 1.0, high_open=True, fix="Keras's default is 0.9.")
        self.beta_2 = number(beta_2, "beta_2", 0.0, 1.0, high_open=True, fix="Keras's default is 0.999.")
        self.epsilon = number(epsilon, "epsilon", 0.0, low_open=True,
                              fix="Keras's default is 1e-7; it keeps m / (sqrt(v) + epsilon) finite.")
        self._m, self._v = {}, {}

    def __repr__(self):
        return (f"Adam(learning_rate={self.learning_rate}, beta_1={self.beta_1}, "
                f"beta_2={self.beta_2}, epsilon={self.epsilon})")

    def _update_one(self, i, w, dw):
        if i not in self._m:  # state created on first use
            self._m[i], self._v[i] = np.zeros_like(w), np.zeros_like(w)
        m, v = self._m[i], self._v[i]
        t = self.iterations + 1
        alpha_t = self.learning_rate * math.sqrt(1 - self.beta_2 ** t) / (1 - self.beta_1 ** t)
        m += (1 - self.beta_1) * (dw - m)
        v += (1 - self.beta_2) * (dw * dw - v)
        w -= alpha_t * m / (np.sqrt(v) + self.epsilon)

    def effective_step(self, i):
        """|step| / alpha per element for parameter i at the last update (for the Adam chapter)."""
        i = self._check_slot(i)
        t = max(self.iterations, 1)
        corr = np.sqrt(1 - self.beta_2 ** t) / (1 - self.beta_1 ** t)
        return corr * np.abs(self._m[i]) / (np.sqrt(self._v[i]) + self.epsilon)

    def _check_slot(self, i):
        if not self._m:
            raise RuntimeError("effective_step(i) needs at least one update(params, grads) first: "
                               "Adam's m and v are created on the first step.")
        n = len(self._m)
        i = integer(i, "i", fix=f"It is the index of a parameter array, 0 to {n - 1}.")
        if i >= n:
            raise ValueError(f"i must be the index of a parameter array, 0 to {n - 1}; received {i}.")
        return i


_NAMES = {"sgd": SGD, "adam": Adam}  # Keras's names (any case), with Keras's defaults
_ALIASES = {"gradient descent": "sgd", "gradient_descent": "sgd"}  # the course's name for SGD


def get(identifier):
    """The optimizer for an Optimizer object (returned as it is), an Optimizer class, or a name.

    Names: Keras's "sgd" and "adam" (any case), and "gradient descent" for "sgd". An unknown
    name raises ValueError listing the known ones; nothing falls back to SGD silently.
    """
    if isinstance(identifier, Optimizer):
        return identifier
    if isinstance(identifier, type) and issubclass(identifier, Optimizer):
        return identifier()
    name = identifier.lower().strip() if isinstance(identifier, str) else None
    name = _ALIASES.get(name, name)
    if name in _NAMES:
        return _NAMES[name]()
    if name == "rmsprop":  # Keras's default optimizer: not in the course
        raise ValueError(f"nnlib implements optimizer='sgd' and optimizer='adam', not Keras's default "
                         f"'rmsprop'; received {identifier!r}. Pass one of them, e.g. optimizer='adam'.")
    raise unknown("optimizer", identifier, f"Expected an Optimizer such as Adam(learning_rate=1e-3) or one of "
                                           f"the strings {sorted(_NAMES)} ('gradient descent' also names 'sgd').")


def _check_learning_rate(learning_rate):
    return number(learning_rate, "learning_rate (alpha)", low=0.0, low_open=True,
                  fix="Typical values are 1e-3 for Adam and 1e-2 to 1e-1 for gradient descent.")


def _check_pairs(grads_and_vars):
    """[dw, ...], [w, ...] from pairs (dw, w), at least one."""
    try:
        pairs = list(grads_and_vars)
    except TypeError:
        pairs = None
    if not pairs or not all(isinstance(pair, (tuple, list)) and len(pair) == 2 for pair in pairs):
        raise ValueError(f"apply_gradients expects pairs (gradient, parameter), at least one; received "
                         f"{describe(grads_and_vars)}. Write apply_gradients(zip(grads, params)).")
    return [dw for dw, _ in pairs], [w for _, w in pairs]


def _check_update(params, grads):
    """params: float arrays changed in place; grads: real arrays of the same shapes."""
    fix = "Pass lists such as model.trainable_weights and the matching gradients."
    params, grads = sequence(params, "params", fix), sequence(grads, "grads", fix)
    if len(params) != len(grads):
        raise ValueError(f"update() needs one gradient per parameter; received "
                         f"{len(params)} params and {len(grads)} grads.")
    for i, p in enumerate(params):
        if not isinstance(p, np.ndarray) or p.dtype.kind != "f" or not p.flags.writeable:
            raise ValueError(f"params[{i}] must be a writeable float numpy array (it is updated in place); "
                             f"received {describe(p)}. Convert it once with np.array(p, dtype=float) and "
                             f"keep that array.")
    grads = [real_array(dw, f"grads[{i}]", finite=False) for i, dw in enumerate(grads)]
    for i, (w, dw) in enumerate(zip(params, grads)):
        if w.shape != dw.shape:
            raise ValueError(f"Gradient {i} has shape {dw.shape} but its parameter has {w.shape}; "
                             f"dJ/dw has the shape of w.")
    return params, grads
