"""Weight penalties (regularizers), with Keras's names, defaults and formulas.

A regularizer adds a penalty on the weights W^[l] to the cost, and its gradient to dW^[l]:

    J = (1/m) sum_i loss_i + sum_l penalty(W^[l])        dW^[l] += gradient(W^[l])

    L1(l1)       penalty = l1 * sum |W|                  gradient = l1 * sign(W)
    L2(l2)       penalty = l2 * sum W^2                  gradient = 2 * l2 * W
    L1L2(l1, l2) the sum of the two

Keras's L2 has no 1/2 in front, so its gradient is 2 * l2 * W. (TensorFlow Playground's L2
is 0.5 * w^2 with derivative w, so Playground's rate r is Keras's l2 = r / 2; its L1 matches.)
Only the kernel W is penalised here, as with Dense(kernel_regularizer=...); the bias b is not.
"""
import numpy as np

from ._validate import describe, number, real_array


def _factor(v, what):
    """A penalty factor: a finite number >= 0."""
    return number(v, what, low=0, fix=f"Use a small non-negative number such as {what}=0.01 "
                                      f"(0 switches this penalty off).")


class L1L2:
    """Both penalties: l1 * sum |W| + l2 * sum W^2 (Keras's defaults l1=0.0, l2=0.0: no penalty).

    Args:
        l1: factor of the L1 penalty, a number >= 0.
        l2: factor of the L2 penalty, a number >= 0.
    Shapes: W any shape (n^[l-1], n^[l]) for a Dense layer; penalty a float; gradient like W.
    """

    def __init__(self, l1=0.0, l2=0.0):
        self.l1 = _factor(l1, "l1")
        self.l2 = _factor(l2, "l2")

    def __call__(self, W):
        """The penalty l1 * sum |W| + l2 * sum W^2, a float."""
        W = real_array(W, "W")
        return float(self.l1 * np.sum(np.abs(W)) + self.l2 * np.sum(W ** 2))

    def gradient(self, W):
        """d penalty / dW = l1 * sign(W) + 2 * l2 * W, the same shape as W.

        |w| has no slope at w = 0; like TensorFlow (tf.GradientTape on tf.abs gives 0 there)
        and Playground, sign(0) = 0 is used, so a weight that is exactly 0 feels no L1 pull.
        """
        W = real_array(W, "W")
        return self.l1 * np.sign(W) + 2.0 * self.l2 * W

    def get_config(self):
        return {"l1": self.l1, "l2": self.l2}

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items())
        return f"{type(self).__name__}({args})"


class L1(L1L2):
    """L1 penalty: l1 * sum |W| (Keras's default l1=0.01). It pushes small weights to exactly 0.

    Shapes: W any shape; penalty a float; gradient l1 * sign(W) like W.
    """

    def __init__(self, l1=0.01):
        super().__init__(l1=l1, l2=0.0)

    def get_config(self):
        return {"l1": self.l1}


class L2(L1L2):
    """L2 penalty: l2 * sum W^2, no 1/2 (Keras's default l2=0.01). It shrinks every weight a little.

    Shapes: W any shape; penalty a float; gradient 2 * l2 * W like W.
    """

    def __init__(self, l2=0.01):
        super().__init__(l1=0.0, l2=l2)

    def get_config(self):
        return {"l2": self.l2}


# The names Keras documents for kernel_regularizer="...", with the defaults it documents.
# (Keras 3.15 itself refuses "l1_l2" and reads "l1l2" as L1L2() with l1 = l2 = 0, no penalty.)
_NAMES = {"l1": lambda: L1(0.01), "l2": lambda: L2(0.01), "l1_l2": lambda: L1L2(0.01, 0.01)}


def get(identifier):
    """A regularizer from None, an instance, or a name "l1", "l2", "l1_l2" (Keras's defaults, 0.01).

    Returns None for None (no penalty) and the instance itself for an L1, L2 or L1L2.
    """
    if identifier is None or isinstance(identifier, L1L2):
        return identifier
    if isinstance(identifier, str) and identifier in _NAMES:
        return _NAMES[identifier]()
    raise ValueError(f"A regularizer must be None, one of {list(_NAMES)}, or an instance such as "
                     f"L2(0.01); received {describe(identifier)}. Use e.g. "
                     f"kernel_regularizer=L2(0.001) to choose the factor.")
