"""Sequential: the Keras workflow (compile, fit, predict) on top of Dense layers.

The three training steps of the course, in code:
    1. architecture:  model = Sequential([Dense(25, "relu"), Dense(1, "sigmoid")])
    2. loss:          model.compile(loss=BinaryCrossentropy(), optimizer=Adam())
    3. minimize:      model.fit(X, y, epochs=100)
"""
import sys
import time

import numpy as np

from . import losses as losses_mod
from . import optimizers as optimizers_mod
from ._random import get_rng
from . import _validate as check
from ._validate import as_2d_examples, check_same_length
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
        yt = y_true.reshape(-1)
        return float(np.mean((y_pred[:, 0] > 0.5) == (yt > 0.5)))
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
        self.layers = []
        self._input_n = None
        for layer in layers:
            self.add(layer)
        self.loss = None
        self.optimizer = None
        self.metrics = []
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
            raise ValueError(
                f"Sequential accepts Dense layers (and an Input first); received "
                f"{type(layer).__name__}. Write Sequential([Dense(3, activation='sigmoid'), ...])."
            )
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
        n = self._check_input_shape(input_shape)
        self._input_n = n
        for layer in self.layers:
            if not layer.built:
                layer.build(n)
            n = layer.units

    def _require_built(self, what):
        if not self.built:
            raise RuntimeError(
                f"{what} needs the weights, which are created on the first input. Call "
                f"model.build((None, n)), start with Input(shape=(n,)), or call model.predict(x) first."
            )

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
    def _forward(self, x):
        a = x
        for layer in self.layers:
            a = layer.forward(a)
        return a

    def __call__(self, x):
        return self.predict(x)

    def predict(self, x, batch_size=None, verbose=0):
        """The model's output a^[L] for every row of x. Shapes: x (m, n) -> (m, n^[L])."""
        x = self._check_predict(x, batch_size, verbose)
        return self._forward(x)

    def _fused(self):
        """True when the loss can use the last layer's logits z (sigmoid+BCE, softmax+CE)."""
        return self.loss.prob_activation is not None and self.layers[-1].activation == self.loss.prob_activation

    def _loss_and_backward(self, x, y):
        """Forward, loss J, and backward through all layers; leaves dW, db on each layer.

        x and y as _check_xy returns them (checked once, not again for every batch).
        """
        a_out = self._forward(x)
        last = self.layers[-1]
        if self._fused():
            # Like Keras on TensorFlow: cross-entropy from the logits z of a sigmoid/softmax
            # layer, so it stays exact, and dz = a - y directly (the fused gradient).
            J, dz = type(self.loss)(from_logits=True)._value_and_gradient(y, last._cache[1])
            da = last.backward_from_z(dz)
        else:
            J, da_out = self.loss._value_and_gradient(y, a_out)
            da = last.backward(da_out)
        for layer in reversed(self.layers[:-1]):
            da = layer.backward(da)
        return J, a_out

    def compute_gradients(self, x, y):
        """The loss J on (x, y) and its gradients [dW1, db1, dW2, db2, ...] by backprop.

        This is what the backprop chapter compares with tf.GradientTape and with a
        numerical gradient. Shapes: as get_weights().
        """
        self._require_compiled("compute_gradients")
        x, y = self._check_xy(x, y)
        J, _ = self._loss_and_backward(x, y)
        return J, [g for layer in self.layers for g in layer.grads]

    # ---- compile, fit, evaluate ---------------------------------------------------------
    def compile(self, optimizer="rmsprop", loss=None, metrics=None):
        """Choose the optimizer, the loss and the metrics, as in Keras.

        Args:
            optimizer: an Optimizer or "sgd" / "adam" (Keras's default "rmsprop" is not in
                the course, so nnlib asks for one of these two).
            loss: a Loss or a Keras string such as "binary_crossentropy".
            metrics: None or a list such as ["accuracy"].
        """
        # check everything before changing anything, so a failed compile leaves the model as it was
        optimizer, loss, metrics = _check_compile(optimizer, loss, metrics)
        self.optimizer, self.loss, self.metrics = optimizer, loss, metrics
        if self.layers:
            losses_mod.warn_if_double_activation(self.loss, self.layers[-1].activation)

    def _require_compiled(self, what):
        if self.loss is None or self.optimizer is None:
            raise RuntimeError(
                f"{what}() needs compile() first: model.compile(optimizer=Adam(), "
                f"loss=BinaryCrossentropy()) tells the model what to minimise and how."
            )

    def _check_xy(self, x, y):
        self._require_layers()
        x = as_2d_examples(x, "x", min_m=1)
        y = check.labels(y, "y")
        check_same_length(x, y)
        if not self.built:
            self.build(x.shape)
        # Validate the labels once here, so a bad y fails before any training; the loss's
        # own form of y (e.g. integer labels for the sparse loss) is what the batches use.
        units = self.layers[-1].units
        y, _ = self.loss._prepare(y, np.full((len(y), units), 1.0 / units))
        return x, y

    def _require_layers(self):
        if not self.layers:
            raise RuntimeError("The model has no layers: Sequential([Dense(...), ...]) needs at least one "
                               "Dense layer before predict, fit or evaluate; add one with model.add(Dense(...)).")

    def _check_predict(self, x, batch_size, verbose):
        self._require_layers()
        check.integer(batch_size, "batch_size", low=1, none_ok=True)
        _check_verbose(verbose)
        return as_2d_examples(x, "x")

    @staticmethod
    def _check_input_shape(input_shape):
        fix = "Write model.build((None, n)) with n the number of features."
        shape = check.sequence(input_shape, "input_shape", fix)
        if not shape:
            raise ValueError(f"input_shape must be (None, n); received (). {fix}")
        return check.integer(shape[-1], "n in input_shape (None, n)", fix=fix)

    def _metric_values(self, y, a_out):
        return {m: _METRICS[m](y, a_out) for m in self.metrics}

    def fit(self, x, y, batch_size=32, epochs=1, verbose="auto", shuffle=True, validation_data=None):
        """Minimise the loss with mini-batch gradient descent (the optimizer's rule).

        Each epoch visits all m examples once in batches of ``batch_size`` (the last may
        be smaller); ``shuffle=True`` draws a new order per epoch from nnlib's seed.
        Returns a History; ``history.history["loss"][e]`` is the mean loss over epoch e.
        """
        self._require_compiled("fit")
        x, y, batch_size, epochs, verbose, shuffle, validation_data = self._check_fit(
            x, y, batch_size, epochs, verbose, shuffle, validation_data)
        if validation_data is not None:
            vx, vy = validation_data
        m = len(x)
        batch_size = m if batch_size is None else batch_size
        history = History()
        steps = -(-m // batch_size)
        params = self.trainable_weights
        for epoch in range(epochs):
            order = get_rng().permutation(m) if shuffle else np.arange(m)
            total, sums = 0.0, {k: 0.0 for k in self.metrics}
            t0 = time.perf_counter()
            for step in range(steps):
                idx = order[step * batch_size:(step + 1) * batch_size]
                xb, yb = x[idx], y[idx]
                J, a_out = self._loss_and_backward(xb, yb)
                for k, v in self._metric_values(yb, a_out).items():
                    sums[k] += v * len(idx)
                self.optimizer.update(params, [g for layer in self.layers for g in layer.grads])
                total += J * len(idx)
                if verbose == 1:
                    self._progress(epoch, epochs, step + 1, steps, total / ((step * batch_size) + len(idx)), t0)
            logs = {"loss": total / m, **{k: v / m for k, v in sums.items()}}
            if validation_data is not None:
                logs.update({f"val_{k}": v for k, v in self.evaluate(vx, vy, return_dict=True).items()})
            for k, v in logs.items():
                history.history.setdefault(k, []).append(v)
            history.epoch.append(epoch)
            if verbose:
                line = " - ".join(f"{k}: {v:.4f}" for k, v in logs.items())
                end = "\n"
                if verbose == 1:
                    sys.stdout.write("\r")
                    bar = "━" * 20
                    line = f"{steps}/{steps} {bar} {time.perf_counter() - t0:.0f}s - {line}"
                    sys.stdout.write(f"Epoch {epoch + 1}/{epochs}\n{line}{end}")
                else:
                    sys.stdout.write(f"Epoch {epoch + 1}/{epochs} - {line}{end}")
                sys.stdout.flush()
        self.history = history
        return history

    def _check_fit(self, x, y, batch_size, epochs, verbose, shuffle, validation_data):
        x, y = self._check_xy(x, y)
        if validation_data is not None:
            if not isinstance(validation_data, (tuple, list)) or len(validation_data) != 2:
                raise ValueError(f"validation_data must be a pair (x_val, y_val); received "
                                 f"{check.describe(validation_data)}. Write validation_data=(x_val, y_val).")
            validation_data = self._check_xy(*validation_data)
        epochs = check.integer(epochs, "epochs", low=0, fix="It is how many times fit visits all m examples.")
        batch_size = check.integer(batch_size, "batch_size", low=1, none_ok=True, expected=">= 1",
                                   fix="It is how many examples each gradient step uses: a whole number such "
                                       "as 32, or None for all m examples at once.")
        verbose = 1 if _check_verbose(verbose) == "auto" else int(verbose)
        return x, y, batch_size, epochs, verbose, check.boolean(shuffle, "shuffle"), validation_data

    @staticmethod
    def _progress(epoch, epochs, step, steps, loss, t0):
        # Only refreshed a few times per epoch so printing never dominates training time.
        if step != steps and step % max(1, steps // 10):
            return
        done = int(20 * step / steps)
        sys.stdout.write(f"\rEpoch {epoch + 1}/{epochs} {step}/{steps} "
                         f"{'━' * done}{' ' * (20 - done)} loss: {loss:.4f}")
        sys.stdout.flush()

    def evaluate(self, x, y, batch_size=None, verbose=0, return_dict=False):
        """The loss (and metrics) on (x, y) without training. Returns loss or [loss, *metrics]."""
        self._require_compiled("evaluate")
        x, y = self._check_xy(x, y)
        check.integer(batch_size, "batch_size", low=1, none_ok=True)
        _check_verbose(verbose)
        check.boolean(return_dict, "return_dict")
        a_out = self._forward(x)
        loss, out = self.loss, a_out
        if self._fused():
            loss, out = type(self.loss)(from_logits=True), self.layers[-1]._cache[1]
        loss._check_pred(out)
        J = float(np.mean(loss.per_example(y, out)))
        logs = {"loss": J, **self._metric_values(y, a_out)}
        if return_dict:
            return logs
        return J if not self.metrics else [J, *[logs[k] for k in self.metrics]]

    # ---- summary ----------------------------------------------------------------------
    def summary(self, print_fn=print):
        """A layer table with output shapes and parameter counts, as Keras prints it."""
        if not callable(print_fn):
            raise ValueError(f"print_fn must be a function such as print; received {check.describe(print_fn)}.")
        widths = (33, 24, 15)
        top = "┏" + "┳".join("━" * w for w in widths) + "┓"
        mid = "┡" + "╇".join("━" * w for w in widths) + "┩"
        sep = "├" + "┼".join("─" * w for w in widths) + "┤"
        bot = "└" + "┴".join("─" * w for w in widths) + "┘"

        def row(a, b, c, edge="│"):
            return f"{edge} {a:<{widths[0] - 2}} {edge} {b:<{widths[1] - 2}} {edge} {c:>{widths[2] - 2}} {edge}"

        lines = [f'Model: "{self.name}"', top, row("Layer (type)", "Output Shape", "Param #", "┃"), mid]
        for i, layer in enumerate(self.layers):
            params = str(layer.count_params()) if layer.built else "0 (unbuilt)"
            lines.append(row(f"{layer.name} (Dense)", f"(None, {layer.units})", params))
            lines.append(sep if i < len(self.layers) - 1 else bot)
        total = self.count_params()
        lines += [f" Total params: {total} ({total * 4 / 1024:.2f} KB as float32)",
                  f" Trainable params: {total}", " Non-trainable params: 0"]
        print_fn("\n".join(lines))


def _check_verbose(verbose):
    if not (verbose == "auto" if isinstance(verbose, str) else
            isinstance(verbose, (bool, np.bool_, int, np.integer)) and 0 <= verbose <= 2):
        raise ValueError(f"verbose must be 'auto', 0 (silent), 1 (progress bar) or 2 (one line per "
                         f"epoch); received {check.describe(verbose)}.")
    return verbose


def _check_compile(optimizer, loss, metrics):
    if loss is None:
        raise ValueError("compile() needs a loss, e.g. loss=BinaryCrossentropy() or loss='mse'.")
    if isinstance(optimizer, str) and optimizer == "rmsprop":
        raise ValueError("nnlib implements optimizer='sgd' and optimizer='adam'; pass one of them.")
    if isinstance(metrics, str):
        raise ValueError(f"metrics must be a list such as ['accuracy']; received the str {metrics!r}. "
                         f"Write metrics=[{metrics!r}].")
    metrics = check.sequence(metrics, "metrics", none_ok=True, fix="Write metrics=['accuracy'] or leave it out.")
    for m in metrics:
        if not isinstance(m, str):
            raise ValueError(f"metrics must hold names such as 'accuracy'; received {check.describe(m)} "
                             f"in the list. nnlib supports {sorted(_METRICS)}.")
        if m not in _METRICS:
            raise ValueError(f"Unknown metric {m!r}; nnlib supports {sorted(_METRICS)}.")
    return optimizers_mod.get(optimizer), losses_mod.get(loss), metrics
