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
from ._validate import as_2d_examples, as_float_array, check_same_length
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
        self.name = name or _auto_name("sequential")
        self.layers = []
        self._input_n = None
        for layer in layers or []:
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
        n = int(input_shape[-1])
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
        weights = list(weights)
        if len(weights) != 2 * len(self.layers):
            raise ValueError(
                f"set_weights expects {2 * len(self.layers)} arrays [W1, b1, ..., "
                f"W{len(self.layers)}, b{len(self.layers)}] for {len(self.layers)} Dense layers; "
                f"received {len(weights)}."
            )
        if not self.built:
            self.build((None, np.shape(weights[0])[0]))
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
        if not self.layers:
            raise RuntimeError("The model has no layers: Sequential([Dense(...), ...]).")
        x = as_2d_examples(x, "x")
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
        if loss is None:
            raise ValueError("compile() needs a loss, e.g. loss=BinaryCrossentropy() or loss='mse'.")
        if optimizer == "rmsprop":
            raise ValueError("nnlib implements optimizer='sgd' and optimizer='adam'; pass one of them.")
        # check everything before changing anything, so a failed compile leaves the model as it was
        optimizer = optimizers_mod.get(optimizer)
        loss = losses_mod.get(loss)
        metrics = list(metrics or [])
        for m in metrics:
            if m not in _METRICS:
                raise ValueError(f"Unknown metric {m!r}; nnlib supports {sorted(_METRICS)}.")
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
        x = as_2d_examples(x, "x")
        y = as_float_array(y, "y")
        check_same_length(x, y)
        if not self.built:
            self.build(x.shape)
        # Validate the labels once here, so a bad y fails before any training; the loss's
        # own form of y (e.g. integer labels for the sparse loss) is what the batches use.
        y, _ = self.loss._prepare(y, np.full((len(y), self.layers[-1].units), 0.5))
        return x, y

    def _metric_values(self, y, a_out):
        return {m: _METRICS[m](y, a_out) for m in self.metrics}

    def fit(self, x, y, batch_size=32, epochs=1, verbose="auto", shuffle=True, validation_data=None):
        """Minimise the loss with mini-batch gradient descent (the optimizer's rule).

        Each epoch visits all m examples once in batches of ``batch_size`` (the last may
        be smaller); ``shuffle=True`` draws a new order per epoch from nnlib's seed.
        Returns a History; ``history.history["loss"][e]`` is the mean loss over epoch e.
        """
        self._require_compiled("fit")
        x, y = self._check_xy(x, y)
        if validation_data is not None:
            vx, vy = self._check_xy(*validation_data)
        if not isinstance(epochs, (int, np.integer)) or epochs < 0:
            raise ValueError(f"epochs must be a non-negative integer; received {epochs!r}.")
        m = len(x)
        batch_size = m if batch_size is None else int(batch_size)
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1; received {batch_size}.")
        verbose = 1 if verbose == "auto" else int(verbose)
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
