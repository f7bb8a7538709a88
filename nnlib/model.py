"""Sequential: the Keras workflow (compile, fit, predict) on top of Dense layers.

The three training steps of the course, in code:
    1. architecture:  model = Sequential([Dense(25, "relu"), Dense(1, "sigmoid")])
    2. loss:          model.compile(loss=BinaryCrossentropy(), optimizer=Adam())
    3. minimize:      model.fit(X, y, epochs=100)
"""
import numpy as np

from . import _validate as check
from . import losses as losses_mod
from . import optimizers as optimizers_mod
from ._progress import Progress, summary_table
from ._random import get_rng
from .layers import Dense, Input, _auto_name


class History:
    """What ``fit`` returns: ``history.history["loss"]`` is the per-epoch loss list."""

    def __init__(self):
        self.history = {}
        self.epoch = []

    def __repr__(self):
        return f"History(epochs={len(self.epoch)}, keys={list(self.history)})"


def _accuracy_fn(y_true, y_pred):
    """Keras's "accuracy": binary, sparse or categorical, chosen from the shapes."""
    if y_pred.shape[-1] == 1:  # binary: threshold the output at 0.5
        return float(np.mean((y_pred[:, 0] > 0.5) == (y_true.reshape(-1) > 0.5)))
    if y_true.ndim == 1 or y_true.shape[-1] == 1:  # sparse integer labels
        return float(np.mean(np.argmax(y_pred, axis=-1) == y_true.reshape(-1).astype(int)))
    return float(np.mean(np.argmax(y_pred, axis=-1) == np.argmax(y_true, axis=-1)))


_METRICS = {"accuracy": _accuracy_fn, "acc": _accuracy_fn}


class Sequential:
    """A stack of Dense layers, run in order: a^[0] = x, a^[l] = g^[l](a^[l-1] W^[l] + b^[l]).

    Args:
        layers: a list of Dense layers, optionally starting with Input(shape=(n,)).
        name: the model's name (default "sequential", "sequential_1", ...).
    """

    def __init__(self, layers=None, name=None):
        layers = check.sequence(layers, "Sequential(layers=...)", none_ok=True,
                                fix="Write Sequential([Dense(3, activation='sigmoid'), Dense(1)]).")
        self.name = check.name(name) or _auto_name("sequential")
        self.layers, self._input_n = [], None
        for layer in layers:
            self.add(layer)
        self.loss, self.optimizer, self.metrics = None, None, []
        self.stop_training = False

    def __repr__(self):
        return f"<Sequential name={self.name!r}, layers={[l.name for l in self.layers]}>"

    def add(self, layer):
        """Append a Dense layer (or an Input as the first element)."""
        if isinstance(layer, Input):
            if self.layers:
                raise ValueError("Input(...) can only be the first element of a Sequential model.")
            self._input_n = layer.shape[0]
            return
        if not isinstance(layer, Dense):
            raise ValueError(f"Sequential accepts Dense layers (and an Input first); received "
                             f"{type(layer).__name__}. Write Sequential([Dense(3, activation='sigmoid'), ...]).")
        layer.index = len(self.layers) + 1
        self.layers.append(layer)
        if self._input_n is not None:
            self.build((None, self._input_n))

    # ---- building and weights -------------------------------------------------------
    @property
    def built(self):
        return bool(self.layers) and all(l.built for l in self.layers)

    def build(self, input_shape):
        """Create every layer's weights for inputs of shape (None, n)."""
        n = self._input_n = check.input_shape(input_shape)
        for layer in self.layers:
            if not layer.built:
                layer.build(n)
            n = layer.units

    def _require_built(self, what):
        if not self.built:
            raise RuntimeError(f"{what} needs the weights, which are created on the first input. Call model.build("
                               f"(None, n)), start with Input(shape=(n,)), or call model.predict(x) first.")

    def get_weights(self):
        """[W1, b1, W2, b2, ...] as in Keras, W^[l] of shape (n^[l-1], n^[l])."""
        return [w for layer in self.layers for w in layer.get_weights()]

    def set_weights(self, weights):
        """Set [W1, b1, W2, b2, ...]; builds the model from W1's shape if needed."""
        weights = check.weight_list(weights, self.layers, self._input_n)  # all checked before any change
        if not self.built:
            self.build((None, weights[0].shape[0]))
        for layer, W, b in zip(self.layers, weights[0::2], weights[1::2]):
            layer.set_weights([W, b])

    def count_params(self):
        return sum(layer.count_params() for layer in self.layers)

    @property
    def trainable_weights(self):
        return [p for layer in self.layers for p in layer.params]

    # ---- forward and backward ----------------------------------------------------------
    def __call__(self, x):
        return self.predict(x)

    def predict(self, x, batch_size=None, verbose=0):
        """The model's output a^[L] for every row of x. Shapes: x (m, n) -> (m, n^[L])."""
        return self._forward(self._check_x(x, batch_size, verbose))[-1]

    def activations(self, x):
        """Every layer's output [a^[1], ..., a^[L]] for the rows of x (a^[0] = x is not in the list).

            a^[l] = g^[l](a^[l-1] W^[l] + b^[l]),   a^[0] = x;   the last one is predict(x).
        Shapes: x (m, n) -> a list of L arrays, a^[l] of shape (m, n^[l]).
        """
        return self._forward(self._check_x(x))

    def _forward(self, x):
        """[a^[1], ..., a^[L]]: each layer keeps its (a_in, z) for backward."""
        a = [x]
        for layer in self.layers:
            a.append(layer.forward(a[-1]))
        return a[1:]

    def _loss_input(self, a_out):
        """The loss and what it reads: a sigmoid/softmax output's logits z with from_logits=True (as Keras
        does on TensorFlow, so cross-entropy stays exact and dJ/dz = (a - y) / m), else a_out."""
        last = self.layers[-1]
        if self.loss.prob_activation is not None and last.activation == self.loss.prob_activation:
            return type(self.loss)(from_logits=True), last._cache[1]
        return self.loss, a_out

    def _penalty(self):
        """The sum of the layers' weight penalties (kernel_regularizer), added to the cost J."""
        return sum(layer.penalty() for layer in self.layers if layer.kernel_regularizer is not None)

    def _loss_and_backward(self, x, y):
        """Forward, the cost J (with the penalties), and backward: leaves dW, db on each layer.

        x and y as _check_xy returns them (checked once, not again for every batch).
        """
        a_out = self._forward(x)[-1]
        loss, out = self._loss_input(a_out)
        J, d = loss._value_and_gradient(y, out)  # d = dJ/dz if the loss read the logits z, else dJ/da_out
        last = self.layers[-1]
        da = last.backward_from_z(d) if out is not a_out else last.backward(d)
        for layer in reversed(self.layers[:-1]):
            da = layer.backward(da)
        return J + self._penalty(), a_out

    def _gradients(self):
        return [grad for layer in self.layers for grad in layer.grads]

    def compute_gradients(self, x, y):
        """The cost J on (x, y) and its gradients [dW1, db1, dW2, db2, ...] by backprop.

        This is what the backprop chapter compares with tf.GradientTape and with a
        numerical gradient. Shapes: as get_weights().
        """
        x, y = self._check_xy(x, y, "compute_gradients")
        J, _ = self._loss_and_backward(x, y)
        return J, self._gradients()

    # ---- compile, fit, evaluate ---------------------------------------------------------
    def compile(self, optimizer="rmsprop", loss=None, metrics=None):
        """Choose the optimizer, the loss and the metrics, as in Keras.

        Args:
            optimizer: an Optimizer or "sgd" / "adam" (Keras's default "rmsprop" is not in
                the course, so nnlib asks for one of these two).
            loss: a Loss or a Keras string such as "binary_crossentropy".
            metrics: None or a list such as ["accuracy"].
        """
        # everything is checked before anything changes, so a failed compile leaves the model as it was
        self.optimizer, self.loss, self.metrics = _check_compile(optimizer, loss, metrics)
        if self.layers:
            losses_mod.warn_if_double_activation(self.loss, self.layers[-1].activation)

    def fit(self, x, y, batch_size=32, epochs=1, verbose="auto", shuffle=True, validation_data=None):
        """Minimise the cost with mini-batch gradient descent (the optimizer's rule).

        Each epoch visits all m examples once in batches of ``batch_size`` (the last may
        be smaller); ``shuffle=True`` draws a new order per epoch from nnlib's seed.
        Returns a History; ``history.history["loss"][e]`` is the mean loss over epoch e
        (with the layers' weight penalties, as Keras reports it).
        """
        x, y, batch_size, epochs, verbose, shuffle, validation_data = self._check_fit(
            x, y, batch_size, epochs, verbose, shuffle, validation_data)
        m = len(x)
        history, progress = History(), Progress(verbose, epochs, steps=-(-m // batch_size))
        for epoch in range(epochs):
            progress.start_epoch(epoch)
            order = get_rng().permutation(m) if shuffle else np.arange(m)
            sums = dict.fromkeys(["loss", *self.metrics], 0.0)  # summed over examples, then / m
            for step, start in enumerate(range(0, m, batch_size), start=1):
                batch = order[start:start + batch_size]
                J, a_out = self._loss_and_backward(x[batch], y[batch])            # forward, loss, backward
                self.optimizer.update(self.trainable_weights, self._gradients())  # one gradient step
                sums["loss"] += J * len(batch)
                for name in self.metrics:
                    sums[name] += _METRICS[name](y[batch], a_out) * len(batch)
                progress.step(step, sums["loss"] / (start + len(batch)))
            logs = {k: v / m for k, v in sums.items()}
            if validation_data is not None:
                logs.update({f"val_{k}": v for k, v in self.evaluate(*validation_data, return_dict=True).items()})
            for k, v in logs.items():
                history.history.setdefault(k, []).append(v)
            history.epoch.append(epoch)
            progress.end_epoch(logs)
        self.history = history
        return history

    def evaluate(self, x, y, batch_size=None, verbose=0, return_dict=False):
        """The cost (and metrics) on (x, y) without training. Returns loss or [loss, *metrics].

        As in Keras, the cost includes the layers' weight penalties (kernel_regularizer).
        """
        x, y = self._check_xy(x, y, "evaluate", batch_size, verbose)
        check.boolean(return_dict, "return_dict")
        a_out = self._forward(x)[-1]
        loss, out = self._loss_input(a_out)
        J = loss._value(y, out) + self._penalty()
        logs = {"loss": J, **self._metric_values(y, a_out)}
        if return_dict:
            return logs
        return J if not self.metrics else [J, *[logs[k] for k in self.metrics]]

    def _metric_values(self, y, a_out):
        return {name: _METRICS[name](y, a_out) for name in self.metrics}

    def summary(self, print_fn=print):
        """A layer table with output shapes and parameter counts, as Keras prints it."""
        print_fn("\n".join(summary_table(self, print_fn)))

    # ---- checks (one call at the top of each public method) ----------------------------------
    def _check_x(self, x, batch_size=None, verbose=0, min_m=0):
        if not self.layers:
            raise RuntimeError("The model has no layers: Sequential([Dense(...), ...]) needs at least one "
                               "Dense layer before predict, fit or evaluate; add one with model.add(Dense(...)).")
        check.integer(batch_size, "batch_size", low=1, none_ok=True)
        check.verbose(verbose)
        return check.as_2d_examples(x, "x", min_m)

    def _check_xy(self, x, y, what, batch_size=None, verbose=0):
        if self.loss is None or self.optimizer is None:
            raise RuntimeError(f"{what}() needs compile() first: model.compile(optimizer=Adam(), "
                               f"loss=BinaryCrossentropy()) tells the model what to minimise and how.")
        x, y = self._check_x(x, batch_size, verbose, min_m=1), check.labels(y, "y")
        check.check_same_length(x, y)
        if not self.built:
            self.build(x.shape)
        # Validate the labels once here, so a bad y fails before any training; the loss's
        # own form of y (e.g. integer labels for the sparse loss) is what the batches use.
        units = self.layers[-1].units
        y, _ = self.loss._prepare(y, np.full((len(y), units), 1.0 / units))
        return x, y

    def _check_fit(self, x, y, batch_size, epochs, verbose, shuffle, validation_data):
        x, y = self._check_xy(x, y, "fit")
        if validation_data is not None:
            if not isinstance(validation_data, (tuple, list)) or len(validation_data) != 2:
                raise ValueError(f"validation_data must be a pair (x_val, y_val); received "
                                 f"{check.describe(validation_data)}. Write validation_data=(x_val, y_val).")
            validation_data = self._check_xy(*validation_data, "fit")
        epochs = check.integer(epochs, "epochs", low=0, fix="It is how many times fit visits all m examples.")
        batch_size = check.integer(batch_size, "batch_size", low=1, none_ok=True, expected=">= 1",
                                   fix="It is how many examples each gradient step uses: a whole number such "
                                       "as 32, or None for all m examples at once.")
        verbose = 1 if check.verbose(verbose) == "auto" else int(verbose)
        return (x, y, batch_size or len(x), epochs, verbose, check.boolean(shuffle, "shuffle"), validation_data)


def _check_compile(optimizer, loss, metrics):
    if loss is None:
        raise ValueError("compile() needs a loss, e.g. loss=BinaryCrossentropy() or loss='mse'.")
    if isinstance(metrics, str):
        raise ValueError(f"metrics must be a list such as ['accuracy']; received the str {metrics!r}. "
                         f"Write metrics=[{metrics!r}].")
    metrics = check.sequence(metrics, "metrics", none_ok=True, fix="Write metrics=['accuracy'] or leave it out.")
    for name in metrics:
        if not isinstance(name, str):
            raise ValueError(f"metrics must hold names such as 'accuracy'; received {check.describe(name)} "
                             f"in the list. nnlib supports {sorted(_METRICS)}.")
        if name not in _METRICS:
            raise ValueError(f"Unknown metric {name!r}; nnlib supports {sorted(_METRICS)}.")
    return optimizers_mod.get(optimizer), losses_mod.get(loss), metrics
