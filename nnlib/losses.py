"""Loss functions with Keras's names, arguments and numbers.

The loss L is for one example; the cost J is its mean over the m examples of a batch,
which is what ``loss(y_true, y_pred)`` returns (Keras's "sum_over_batch_size").

From probabilities, predictions are clipped to [EPSILON, 1 - EPSILON] = [1e-7, 1 - 1e-7] before
the log, as Keras does, so log(0) never happens. (Keras clips in float32, where 1 - 1e-7 is
1 - 1.19e-7; binary cross-entropy uses those float32 bounds, so a saturated prediction costs the
same as in Keras: -log(1.19e-7) = 15.94, not -log(1e-7) = 16.12.) From logits
(``from_logits=True``) the loss uses log_sigmoid / log_softmax and never loses precision.

Each loss also has ``gradient(y_true, y_pred)``: dJ/dy_pred for the batch mean. With
``from_logits=True`` that is dJ/dz, the fused gradient: (sigmoid(z) - y) / m for binary
cross-entropy and (softmax(z) - Y) / m for the categorical ones.
"""
import warnings

import numpy as np

from .activations import _check_name as _activation_name, _z, sigmoid, softmax
from ._validate import boolean, loss_arrays, probabilities, unknown

EPSILON = 1e-7  # keras.backend.epsilon(): the clip of BinaryCrossentropy and the categorical losses
# Keras clips in float32: the bounds [1e-7, 1 - 1e-7] become these float64 numbers.
CLIP_LOW, CLIP_HIGH = float(np.float32(EPSILON)), float(np.float32(1 - EPSILON))


def _same_precision(given, z):
    """float32 stays float32 (as in Keras, and chapter 8 shows what that precision costs); else float64."""
    if isinstance(given, np.ndarray) and given.dtype in (np.float32, np.float16):
        return z.astype(given.dtype)
    return z


def log_sigmoid(z):
    """log(sigmoid(z)) = -log(1 + e^(-z)), computed without overflow. Shapes: z (...,) -> same."""
    z = _same_precision(z, _z(z))
    with np.errstate(invalid="ignore"):  # NaN in, NaN out, as the formula gives
        return -np.logaddexp(0.0, -z)


def log_softmax(z):
    """log(softmax(z)) = z - log sum_k e^(z_k) over the last axis, without overflow. Shapes: (m, n) -> same.

    Subtracting max_k z_k first keeps every exponent <= 0, as in softmax.
    """
    z = _same_precision(z, _z(z, "log_softmax"))
    with np.errstate(invalid="ignore"):  # inf - inf = NaN: an infinite z gives NaN, as the formula does
        shifted = z - np.max(z, axis=-1, keepdims=True)
        return shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))


def _match_rank(y_true, y_pred, loss_name):
    """Keras aligns y of shape (m,) with predictions of shape (m, 1); so do we."""
    if y_true.ndim == y_pred.ndim - 1 and y_pred.shape[-1] == 1:
        y_true = y_true[..., None]
    if y_true.shape != y_pred.shape:
        raise ValueError(f"{loss_name} expects y_true with the shape of y_pred {y_pred.shape}; received "
                         f"{y_true.shape}. For m examples and n outputs both should be (m, n); a label vector "
                         f"of shape (m,) is fine for one output unit.")
    return y_true


class Loss:
    """Base class: ``loss(y_true, y_pred)`` returns the mean over the batch."""

    name = "loss"
    prob_activation = None  # the output activation whose logits this loss can use

    def __init__(self, from_logits=False):
        self.from_logits = boolean(from_logits, "from_logits")

    def __repr__(self):
        return f"{type(self).__name__}(from_logits={self.from_logits})"

    def __call__(self, y_true, y_pred):
        """J = (1/m) sum_i L(y_i, y_pred_i). Shapes: see the class."""
        return self._value(*self._prepare(y_true, y_pred))

    def gradient(self, y_true, y_pred):
        """dJ/dy_pred of the batch mean J (each loss's ``_gradient`` gives the formula)."""
        y_true, y_pred = self._prepare(y_true, y_pred)
        self._check_pred(y_pred)
        return self._gradient(y_true, y_pred)

    def _prepare(self, y_true, y_pred):
        """Check the input and bring y_true to the form per_example and _gradient use."""
        return loss_arrays(y_true, y_pred, type(self).__name__)

    def _check_pred(self, y_pred):
        """Checks of y_pred that still matter inside fit: softmax probabilities unless from_logits."""
        if not self.from_logits and self.prob_activation == "softmax":
            probabilities(y_pred, type(self).__name__)

    def _value(self, y_true, y_pred):
        """J for labels that _prepare already checked (inside fit and evaluate).

        The model's output is not data, so it is not checked for NaN/inf here: a diverging run
        shows loss nan, as in Keras, instead of an error about the data.
        """
        self._check_pred(y_pred)
        return float(np.mean(self.per_example(y_true, y_pred)))

    def _value_and_gradient(self, y_true, y_pred):
        """J and dJ/dy_pred for labels that _prepare already checked: one training step's loss.

        (A fused version for sparse logits, one e^z for both, made bench_fit 7-12 % faster: not
        enough to keep a second copy of the formulas, so every loss takes this one path.)
        """
        return self._value(y_true, y_pred), self._gradient(y_true, y_pred)


class BinaryCrossentropy(Loss):
    """L = -( y log(a) + (1 - y) log(1 - a) ),  a = sigmoid(z), averaged over output units.

    Shapes: y_true (m,) or (m, k) with values in [0, 1]; y_pred (m, 1) or (m, k).
    """

    name = "binary_crossentropy"
    prob_activation = "sigmoid"

    def _prepare(self, y_true, y_pred):
        y_true, y_pred = super()._prepare(y_true, y_pred)
        if np.any((y_true < 0) | (y_true > 1)):
            raise ValueError(f"BinaryCrossentropy expects labels y in [0, 1] (usually 0 or 1); received values "
                             f"from {y_true.min()} to {y_true.max()}. For classes 0..K-1 use "
                             f"SparseCategoricalCrossentropy with a softmax output of K units.")
        return _match_rank(y_true, y_pred, "BinaryCrossentropy"), y_pred

    def _check_pred(self, y_pred):
        if not self.from_logits and np.any((y_pred < 0) | (y_pred > 1)):
            raise ValueError(f"BinaryCrossentropy(from_logits=False) expects probabilities a in [0, 1]; received "
                             f"values from {np.nanmin(y_pred):.4g} to {np.nanmax(y_pred):.4g}. If these are logits "
                             f"z from a linear output layer, use BinaryCrossentropy(from_logits=True).")

    def per_example(self, y_true, y_pred):
        if self.from_logits:
            z = y_pred
            loss = -(y_true * log_sigmoid(z) + (1 - y_true) * log_sigmoid(-z))
        else:
            a = np.clip(y_pred, CLIP_LOW, CLIP_HIGH)
            loss = -(y_true * np.log(a) + (1 - y_true) * np.log(1 - a))
        return loss.mean(axis=-1)

    def _gradient(self, y_true, y_pred):
        """dJ/dz = (sigmoid(z) - y) / (m k) from logits; dJ/da otherwise (zero where clipped)."""
        mk = y_pred.size  # m examples times k outputs: J is the mean over both
        if self.from_logits:
            return (sigmoid(y_pred) - y_true) / mk
        a = np.clip(y_pred, CLIP_LOW, CLIP_HIGH)
        inside = (y_pred >= CLIP_LOW) & (y_pred <= CLIP_HIGH)
        return (-y_true / a + (1 - y_true) / (1 - a)) * inside / mk


def _check_sparse_labels(y_true, k, loss_name):
    if y_true.ndim == 2 and y_true.shape[1] == 1:
        y_true = y_true[:, 0]
    if y_true.ndim != 1:
        hint = (" They look one-hot: use CategoricalCrossentropy, or y.argmax(axis=1)."
                if y_true.ndim == 2 and y_true.shape[1] == k else "")
        raise ValueError(f"{loss_name} expects integer class labels y of shape (m,) with values 0..{k - 1}; "
                         f"received shape {y_true.shape}.{hint}")
    fractional = y_true[y_true != np.round(y_true)]
    if fractional.size:
        raise ValueError(f"{loss_name} expects integer class labels 0..{k - 1}; received non-integer values such "
                         f"as {fractional[0]:g}. Give each example its class number as a whole number; for "
                         f"real-valued targets use MeanSquaredError, for probabilities BinaryCrossentropy.")
    if np.any((y_true < 0) | (y_true >= k)):
        raise ValueError(f"{loss_name} expects integer labels 0..{k - 1} for an output layer of {k} units; "
                         f"received values from {y_true.min():g} to {y_true.max():g}. Give the last Dense "
                         f"layer as many units as there are classes, and labels as integers starting at 0.")
    return y_true.astype(int)


class SparseCategoricalCrossentropy(Loss):
    """L = -log a_y,  a = softmax(z), for an integer label y in 0..K-1.

    Shapes: y_true (m,) integers; y_pred (m, K).
    """

    name = "sparse_categorical_crossentropy"
    prob_activation = "softmax"

    def _prepare(self, y_true, y_pred):
        y_true, y_pred = super()._prepare(y_true, y_pred)
        if y_pred.ndim != 2:
            raise ValueError(f"SparseCategoricalCrossentropy expects y_pred of shape (m, K); received {y_pred.shape}.")
        y = _check_sparse_labels(y_true, y_pred.shape[1], "SparseCategoricalCrossentropy")
        if len(y) != len(y_pred):
            raise ValueError(f"y_true has {len(y)} labels but y_pred has {len(y_pred)} rows; "
                             f"give one label per row of y_pred.")
        return y, y_pred

    def per_example(self, y_true, y_pred):
        # Keras: from probabilities, log of the clipped values, then softmax cross-entropy.
        z = y_pred if self.from_logits else np.log(np.clip(y_pred, EPSILON, 1 - EPSILON))
        return -log_softmax(z)[np.arange(len(y_true)), y_true]

    def _gradient(self, y, y_pred):
        """dJ/dz = (softmax(z) - Y) / m from logits, Y the one-hot labels; dJ/da otherwise."""
        rows = np.arange(len(y))
        if self.from_logits:  # softmax(z), minus 1 at each example's true class, over m
            dz = softmax(y_pred)
            dz[rows, y] -= 1.0
            return dz / len(y_pred)
        Y = np.zeros_like(y_pred)
        Y[rows, y] = 1.0
        # from probabilities J = -log c_y + log sum_k c_k with c = clip(a) (Keras's log-then-softmax)
        c = np.clip(y_pred, EPSILON, 1 - EPSILON)
        inside = (y_pred >= EPSILON) & (y_pred <= 1 - EPSILON)
        return (-Y / c + 1.0 / c.sum(axis=-1, keepdims=True)) * inside / len(y_pred)


class CategoricalCrossentropy(Loss):
    """L = -sum_j y_j log a_j for one-hot (or soft) labels y. Shapes: y_true, y_pred (m, K)."""

    name = "categorical_crossentropy"
    prob_activation = "softmax"

    def _prepare(self, y_true, y_pred):
        y_true, y_pred = super()._prepare(y_true, y_pred)
        integer_like = y_true.ndim == 1 or (y_true.ndim == 2 and y_true.shape[1] == 1)
        if integer_like and y_pred.ndim == 2 and y_pred.shape[1] > 1:
            raise ValueError(f"CategoricalCrossentropy expects one-hot labels of shape (m, K) = {y_pred.shape}; "
                             f"received integer-like labels of shape {y_true.shape}. Use "
                             f"SparseCategoricalCrossentropy, or one-hot encode with np.eye(K)[y].")
        return _match_rank(y_true, y_pred, "CategoricalCrossentropy"), y_pred

    def per_example(self, y_true, y_pred):
        if self.from_logits:
            return -np.sum(y_true * log_softmax(y_pred), axis=-1)
        # Keras: renormalise, clip, then -sum y log a.
        a = y_pred / np.sum(y_pred, axis=-1, keepdims=True)
        a = np.clip(a, EPSILON, 1 - EPSILON)
        return -np.sum(y_true * np.log(a), axis=-1)

    def _gradient(self, Y, y_pred):
        """dJ/dz = (softmax(z) sum_j Y_j - Y) / m from logits; dJ/da otherwise."""
        m = len(y_pred)
        if self.from_logits:
            return (softmax(y_pred) * Y.sum(axis=-1, keepdims=True) - Y) / m
        # from probabilities, as the loss: a = y_pred / S (S the row sum), then clip, then
        # -sum y log a; chain rule through the renormalisation (the clip's gradient is 0 outside)
        S = np.sum(y_pred, axis=-1, keepdims=True)
        a = y_pred / S
        inside = (a >= EPSILON) & (a <= 1 - EPSILON)
        da = -Y / np.clip(a, EPSILON, 1 - EPSILON) * inside
        return (da - np.sum(da * a, axis=-1, keepdims=True)) / (S * m)


class MeanSquaredError(Loss):
    """L = mean_k (y_k - f_k)^2 over output units. Shapes: y_true (m,) or (m, k); y_pred (m, k).

    ``from_logits`` is accepted for a uniform interface; it changes nothing here.
    """

    name = "mean_squared_error"

    def _prepare(self, y_true, y_pred):
        y_true, y_pred = super()._prepare(y_true, y_pred)
        return _match_rank(y_true, y_pred, "MeanSquaredError"), y_pred

    def per_example(self, y_true, y_pred):
        return np.mean((y_true - y_pred) ** 2, axis=-1)

    def _gradient(self, y_true, y_pred):
        return 2.0 * (y_pred - y_true) / y_pred.size


# Keras's names for compile(loss="..."), plus "bce" (its own short name is "mse" only)
_NAMES = {"binary_crossentropy": BinaryCrossentropy, "bce": BinaryCrossentropy,
          "sparse_categorical_crossentropy": SparseCategoricalCrossentropy,
          "categorical_crossentropy": CategoricalCrossentropy, "mean_squared_error": MeanSquaredError,
          "mse": MeanSquaredError}


def get(identifier):
    """The loss for a Loss object (returned as it is), a Loss class, or a Keras name such as "mse".

    An unknown name raises ValueError listing the known ones.
    """
    if isinstance(identifier, Loss):
        return identifier
    if isinstance(identifier, type) and issubclass(identifier, Loss):
        return identifier()
    if isinstance(identifier, str) and identifier in _NAMES:
        return _NAMES[identifier]()
    raise unknown("loss", identifier, f"Expected a Loss object such as BinaryCrossentropy() or one of the "
                                      f"strings {sorted(_NAMES)}.")


def warn_if_double_activation(loss, activation):
    """Keras warns when from_logits=True follows a sigmoid/softmax output; so do we."""
    loss, activation = get(loss), _activation_name(activation)
    if loss.from_logits and loss.prob_activation and activation == loss.prob_activation:
        warnings.warn(f"{type(loss).__name__}(from_logits=True) received the output of a '{activation}' "
                      f"layer, i.e. probabilities, not logits. Use activation='linear' in the last Dense layer "
                      f"(the course's improved version), or from_logits=False. Like Keras inside fit, nnlib "
                      f"uses the layer's logits z so training is not affected.", UserWarning, stacklevel=3)
