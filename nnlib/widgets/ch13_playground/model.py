"""``Playground``: one 2-D data set, one nnlib network and its optimizer; no matplotlib.

``step(n)`` trains n epochs (each visits every training point once, in mini-batches of
``batch_size``, shuffled by the playground's own seeded generator), ``state`` says where training
stands, ``history`` keeps the loss curves, ``responses()`` gives every layer's activations over a
grid of the plane and ``model.get_weights()`` the weights the network graph draws.
"""
import numpy as np

from ... import losses, optimizers, regularizers
from ..._random import seeded
from ...layers import Dense, glorot_uniform
from ...model import Sequential
from .._notes import fmt
from .data import features_of, split_data
from .settings import (FEATURES, OPTIMIZER_NAMES, PlaygroundError,
                       check_optimizer, check_setting, check_training, describe, parse_features,
                       parse_hidden, ACTIVATIONS)

EXTENT = 1.3  # the plane shown: [-1.3, 1.3] x [-1.3, 1.3]
HISTORY_POINTS = 4000  # a long run keeps every other point past this, so plotting stays cheap


class Playground:
    """A 2-D problem (classes or a regression target), a small nnlib network, and its optimizer.

    Args (the names of ``Setting``):
        dataset: a classification set (DATASETS) or a regression set (REGRESSION).
        hidden: hidden layer sizes, "8,8" or (8, 8); "" for none.
        activation, output: the hidden layers' and the output layer's activation (Keras names).
        loss: "cross-entropy" or "mse"; optimizer: "gradient descent" or "adam"; learning_rate: alpha.
        noise: jitter of the points; seed: fixes the data, the initial weights and the shuffling, so
            reset() returns to exactly this start.
        features: the inputs a^[0], names from FEATURES; regularization, reg_rate: "none", "l1" or "l2"
            and its factor, on every W^[l]; batch_size: examples per step (None: all); train_ratio: the
            percentage of the M_POINTS points that train (50: 200 train, 200 test).
        points: (X, y) of your own (a CSV) instead of a generated set, split by train_ratio.
        shuffle: a new order of the training points in every epoch (mini-batches only).
    Shapes: X_train (m_train, 2), y_train (m_train,); A_train = a^[0] (m_train, len(features)).
    """

    def __init__(self, dataset="circle", hidden="8,8", activation="tanh", output="sigmoid",
                 loss="cross-entropy", optimizer="adam", learning_rate=0.03, noise=0.05, seed=0,
                 features=("x1", "x2"), regularization="none", reg_rate=0.0, batch_size=None,
                 train_ratio=50, points=None, shuffle=True, grid=50):
        if points is None:
            check_setting(dataset, output, loss)
        if activation not in ACTIVATIONS:
            raise PlaygroundError(f"activation must be one of {list(ACTIVATIONS)}; received {activation!r}.")
        check_optimizer(optimizer, learning_rate)
        check_training(regularization, reg_rate, batch_size, train_ratio)
        self.dataset, self.activation, self.output, self.loss_name = dataset, activation, output, loss
        self.optimizer_name = "gradient descent" if optimizer == "sgd" else optimizer
        self.hidden, self.features = parse_hidden(hidden), parse_features(features)
        self.learning_rate, self.noise, self.seed, self.grid = float(learning_rate), float(noise), seed, grid
        self.regularization, self.reg_rate, self.batch_size = regularization, float(reg_rate), batch_size
        self.train_ratio, self.shuffle = train_ratio, shuffle
        (self.X_train, self.y_train), (self.X_test, self.y_test), self.regression, self.k = split_data(
            dataset, noise, seed, train_ratio, points, output, loss)
        self.n_added = 0                       # points clicked onto the plane (add_point)
        g = np.linspace(-EXTENT, EXTENT, grid)
        gx, gy = np.meshgrid(g, g)
        self.X_grid = np.column_stack([gx.ravel(), gy.ravel()])  # row r of the image = y value r
        self.A_grid = features_of(self.X_grid, self.features)
        self.reset()

    def __repr__(self):
        return (f"Playground({self.dataset}, {self.arch}, {self.activation}/{self.output}, {self.loss_name}, "
                f"{self.optimizer_name}, learning rate {self.learning_rate:g}, step {self.steps})")

    # ---- the network --------------------------------------------------------------------
    n_out = property(lambda self: self.k if self.output == "softmax" else 1)
    arch = property(lambda self: "-".join(str(n) for n in (len(self.features), *self.hidden, self.n_out)))

    def _targets(self, y):
        if self.loss_name == "mse" and self.output == "softmax":
            return np.eye(self.n_out)[y]          # one-hot rows for squared error
        return y.astype(float)

    def _regularizer(self):
        if self.regularization == "none":
            return None
        return regularizers.L1(self.reg_rate) if self.regularization == "l1" else regularizers.L2(self.reg_rate)

    def reset(self):
        """Back to step 0: the same data, the same initial weights (from seed), a fresh optimizer."""
        rng = np.random.default_rng(self.seed + 1)
        sizes = (len(self.features), *self.hidden, self.n_out)
        reg = self._regularizer()
        extra = {} if reg is None else {"kernel_regularizer": reg}
        layers = [Dense(n, activation=self.activation, name=f"hidden_{i + 1}", **extra)
                  for i, n in enumerate(self.hidden)]
        layers.append(Dense(self.n_out, activation=self.output, name="output", **extra))
        self.model = Sequential(layers, name="playground")
        weights = []
        for n_in, n_out in zip(sizes[:-1], sizes[1:]):
            weights += [glorot_uniform(n_in, n_out, rng), np.zeros(n_out)]
        with seeded(self.seed):           # building draws weights that set_weights replaces: from a
            self.model.set_weights(weights)   # generator of our own, so nnlib's global one stays put
        self.model.compile(optimizer=self._make_optimizer(), loss=losses.get(self._loss_key()))
        self._shuffler = np.random.default_rng(self.seed + 2)
        self._set_arrays()
        self.steps = 0
        self.diverged = None          # None, or the reason training stopped
        self._last_good = self.model.get_weights()
        self.history = {"step": [], "train_loss": [], "test_loss": []}
        self._evaluate_both()
        self._record()
        self._initial_loss = self.history["train_loss"][0]
        return self

    def _loss_key(self):
        if self.loss_name == "mse":
            return "mse"
        return "binary_crossentropy" if self.output == "sigmoid" else "sparse_categorical_crossentropy"

    def _make_optimizer(self):
        """nnlib's optimizer of that name (an unknown name raises there, it never runs as SGD)."""
        kind = type(optimizers.get(OPTIMIZER_NAMES[self.optimizer_name]))
        return kind(learning_rate=self.learning_rate)

    def _set_arrays(self):
        self.A_train, self.A_test = features_of(self.X_train, self.features), features_of(self.X_test, self.features)
        self._T_train, self._T_test = self._targets(self.y_train), self._targets(self.y_test)

    def retune(self, optimizer=None, learning_rate=None, regularization=None, reg_rate=None, batch_size=0):
        """Go on training from the current weights with another optimizer, rate, penalty or batch size.

        Like TensorFlow Playground, this does not restart: the network keeps what it learned
        (the optimizer's own memory, Adam's m and v, starts afresh). After a divergence the
        network is at its last finite weights, so a smaller learning rate can continue from there.
        batch_size=0 keeps the batch size (None means all training points).
        """
        optimizer = self.optimizer_name if optimizer is None else optimizer
        learning_rate = self.learning_rate if learning_rate is None else learning_rate
        regularization = self.regularization if regularization is None else regularization
        reg_rate = self.reg_rate if reg_rate is None else reg_rate
        batch_size = self.batch_size if batch_size == 0 else batch_size
        check_optimizer(optimizer, learning_rate)
        check_training(regularization, reg_rate, batch_size, self.train_ratio)
        self.optimizer_name = "gradient descent" if optimizer == "sgd" else optimizer
        self.learning_rate, self.regularization, self.reg_rate = float(learning_rate), regularization, float(reg_rate)
        self.batch_size = batch_size
        for layer in self.model.layers:
            layer.kernel_regularizer = self._regularizer()
        self.model.compile(optimizer=self._make_optimizer(), loss=self.model.loss)
        self.diverged = None
        return self

    set_optimizer = retune

    def describe(self):
        return describe(self.dataset, self.hidden, self.activation, self.output, self.loss_name,
                        self.optimizer_name, self.learning_rate, self.noise, self.features,
                        self.regularization, self.reg_rate, self.batch_size)

    # ---- your own points ------------------------------------------------------------------
    def add_point(self, x1, x2, label):
        """Add a training point (a class 0..K-1, or a target value for regression); training goes on."""
        if not (np.isfinite(x1) and np.isfinite(x2)):
            raise PlaygroundError(f"a point needs finite coordinates; received ({x1!r}, {x2!r}).")
        if not self.regression and label not in range(self.k):
            raise PlaygroundError(f"the class must be one of 0..{self.k - 1}; received {label!r}.")
        self.X_train = np.vstack([self.X_train, [[float(x1), float(x2)]]])
        self.y_train = np.append(self.y_train, label).astype(self.y_train.dtype)
        self.n_added += 1
        self._points_changed()

    def clear_points(self):
        """Remove every point added with add_point."""
        if self.n_added:
            self.X_train, self.y_train = self.X_train[:-self.n_added], self.y_train[:-self.n_added]
            self.n_added = 0
            self._points_changed()

    def _points_changed(self):
        self._set_arrays()
        self._evaluate_both()

    # ---- training -------------------------------------------------------------------------
    def _probs(self, A):
        """P(class) for every row: (m, K) also for a sigmoid output (columns 1 - a, a)."""
        a = self.model.predict(A)
        return np.column_stack([1 - a[:, 0], a[:, 0]]) if self.output == "sigmoid" else a

    def _evaluate(self, A, T, y):
        with np.errstate(all="ignore"):
            loss = self.model.evaluate(A, T)
            acc = None if self.regression else float(np.mean(np.argmax(self._probs(A), axis=1) == y))
        return float(loss), acc

    def _evaluate_both(self):
        self._train = self._evaluate(self.A_train, self._T_train, self.y_train)
        self._test = self._evaluate(self.A_test, self._T_test, self.y_test)

    def _record(self):
        h = self.history
        h["step"].append(self.steps)
        h["train_loss"].append(self._train[0])
        h["test_loss"].append(self._test[0])
        if len(h["step"]) > HISTORY_POINTS:
            for key in h:
                h[key] = h[key][::2]
        self.warning = self._find_warning()

    def _find_warning(self):
        """A problem worth saying while training goes on (dead ReLUs, a loss above its start)."""
        if self.activation == "relu" and self.hidden:
            for l, a in enumerate(self.layer_outputs(self.A_train)[:-1], start=1):
                if not np.any(a > 0):
                    return (f"every ReLU unit of hidden layer {l} is dead: z < 0 for all points, so "
                            f"a = 0 and its gradient is 0; it can never recover. A large step pushed it "
                            f"there: lower the learning rate, or use leaky_relu.")
        if self.steps >= 20 and self._train[0] > 1.2 * self._initial_loss + 0.05:
            return (f"the loss ({fmt(self._train[0])}) is above where it started "
                    f"({fmt(self._initial_loss)}): the steps overshoot. Try a smaller learning rate.")
        return None

    def _epoch(self, n):
        m = len(self.A_train)
        b = m if self.batch_size is None else min(self.batch_size, m)
        # fit shuffles each epoch with the playground's own generator; nnlib's global one stays put
        with seeded(self._shuffler):
            self.model.fit(self.A_train, self._T_train, batch_size=b, epochs=n,
                           shuffle=self.shuffle and b < m, verbose=0)

    def step(self, n=1):
        """Train n epochs (n >= 0). Stops for good, and says why, if training diverges."""
        if self.diverged or n <= 0:
            return self.state
        with np.errstate(all="ignore"):   # overflow is detected below and explained, not printed
            self._epoch(int(n))
        self.steps += int(n)
        weights = self.model.get_weights()
        finite = all(np.all(np.isfinite(w)) for w in weights)
        train = self._evaluate(self.A_train, self._T_train, self.y_train) if finite else (np.nan, None)
        if not np.isfinite(train[0]):
            self._stop(f"diverged at step {self.steps}: the weights overflowed (inf/NaN). The learning "
                       f"rate {self.learning_rate:g} is far too large for {self.optimizer_name}: "
                       f"try one 10x smaller.")
        elif train[0] > 3 * self._initial_loss + 1:
            self._stop(f"diverged at step {self.steps}: the loss jumped from {fmt(self._initial_loss)} "
                       f"to {fmt(train[0])}. Each step overshoots the minimum: the learning rate "
                       f"{self.learning_rate:g} is too large for {self.optimizer_name}.")
        else:
            self._train = train
            self._test = self._evaluate(self.A_test, self._T_test, self.y_test)
            self._record()
            self._last_good = weights
        return self.state

    def _stop(self, reason):
        """Stop training; keep showing the last finite weights (not NaN pictures)."""
        self.diverged = reason
        self.model.set_weights(self._last_good)

    @property
    def state(self):
        """Where training stands: step, losses, accuracies (None for regression), why it stopped."""
        return {"step": self.steps, "train_loss": self._train[0], "test_loss": self._test[0],
                "train_accuracy": self._train[1], "test_accuracy": self._test[1],
                "diverged": self.diverged, "warning": self.warning}

    # ---- what the picture shows -------------------------------------------------------------
    def layer_outputs(self, A):
        """[a^[1], ..., a^[L]] for the inputs A = a^[0], by nnlib's own forward pass."""
        with np.errstate(all="ignore"):
            return self.model.activations(A)

    def grid_outputs(self):
        """[a^[1], ..., a^[L]] over the grid (a^[L] as the output layer gives it)."""
        return self.layer_outputs(self.A_grid)

    def responses(self):
        """Every layer's activations over the grid: [a^[1], ..., P(class) or y_hat], each (grid^2, n)."""
        out = self.grid_outputs()
        if self.output == "sigmoid":
            out[-1] = np.column_stack([1 - out[-1][:, 0], out[-1][:, 0]])
        return out

    def inputs_on_grid(self):
        """a^[0] over the grid for every feature of FEATURES (the graph shows the unused ones pale)."""
        return features_of(self.X_grid, FEATURES)
