"""The playground's choices, one ``Setting`` holding every control's value, and their checks.

Nothing here trains or draws: the model (model.py), the picture (view.py), the app (app.py) and
the sweepable widget (widget.py) all read their choices from this module.
"""
from dataclasses import asdict, dataclass, fields

import numpy as np

from ... import playground_data as data

ACTIVATIONS = ("tanh", "relu", "sigmoid", "leaky_relu", "linear")
OUTPUTS = ("sigmoid", "softmax", "linear")
LOSSES = ("cross-entropy", "mse")
OPTIMIZERS = ("gradient descent", "adam")
REGULARIZATIONS = ("none", "l1", "l2")
DATASETS = data.DATASETS                                      # classification: labels 0..K-1
REGRESSION = data.REGRESSION                                  # regression: a continuous target
FEATURES = data.FEATURES
FEATURE_LABELS = data.FEATURE_LABELS
N_CLASSES = data.N_CLASSES
M_POINTS = 400               # points in all; train_ratio % of them train, the rest test (50 %: 200/200)
MAX_HIDDEN_LAYERS, MAX_UNITS = 6, 64

# the nnlib names behind the playground's words (looked up with nnlib.optimizers.get / losses.get)
OPTIMIZER_NAMES = {"gradient descent": "sgd", "sgd": "sgd", "adam": "adam"}


class PlaygroundError(ValueError):
    """A setting the playground cannot train, with the reason in the course's words."""


@dataclass
class Setting:
    """Every control of the playground, with the app's defaults (TensorFlow Playground's names in brackets).

    features: the inputs a^[0] (Playground's "features"); hidden: units per hidden layer;
    regularization and reg_rate: the penalty on every W^[l] (Keras's l1 or l2 factor);
    batch_size: examples per gradient step (None: the whole training set); train_ratio: the
    percentage of the M_POINTS points used for training; show_test and discretize only change
    the picture.
    """

    dataset: str = "circle"
    features: tuple = ("x1", "x2")
    hidden: tuple = (8, 8)
    activation: str = "tanh"
    output: str = "sigmoid"
    loss: str = "cross-entropy"
    optimizer: str = "adam"
    learning_rate: float = 0.03
    regularization: str = "none"
    reg_rate: float = 0.0
    batch_size: int = None
    train_ratio: int = 50
    noise: float = 0.05
    seed: int = 0
    show_test: bool = False
    discretize: bool = False

    VIEW_ONLY = ("show_test", "discretize")

    def train_args(self):
        """The keyword arguments of ``Playground`` (everything but the picture-only toggles)."""
        return {k: v for k, v in asdict(self).items() if k not in self.VIEW_ONLY}

    @classmethod
    def names(cls):
        return tuple(f.name for f in fields(cls))


def parse_hidden(text):
    """Hidden layer sizes from a text such as "8,8" (two layers of 8 units); "", "0" or "none" for none.

    Returns a tuple of ints. Raises PlaygroundError with a readable reason otherwise.
    """
    if isinstance(text, (tuple, list)):
        parts = [str(p) for p in text]
    else:
        parts = [p.strip() for p in str(text).replace(";", ",").replace(" ", ",").split(",")]
    parts = [p for p in parts if p]
    if parts in ([], ["0"], ["none"]):
        return ()
    try:
        sizes = tuple(int(p) for p in parts)
    except ValueError:
        raise PlaygroundError(f"hidden layers: write unit counts separated by commas, like 8,8; "
                              f"received {text!r}.") from None
    if any(s < 1 or s > MAX_UNITS for s in sizes):
        raise PlaygroundError(f"hidden layers: each layer needs 1 to {MAX_UNITS} units; received {text!r}.")
    if len(sizes) > MAX_HIDDEN_LAYERS:
        raise PlaygroundError(f"hidden layers: at most {MAX_HIDDEN_LAYERS} here; received {len(sizes)}.")
    return sizes


def parse_features(features):
    """The input features as a tuple of FEATURES names, in FEATURES' order; at least one."""
    if isinstance(features, str):
        features = [f.strip() for f in features.split(",") if f.strip()]
    unknown = [f for f in features if f not in FEATURES]
    if unknown:
        raise PlaygroundError(f"unknown input feature {unknown[0]!r}; choose from {list(FEATURES)}.")
    if not features:
        raise PlaygroundError("no input feature is on: the network would see nothing of the point. "
                              "Switch on at least one, e.g. x1 and x2.")
    return tuple(f for f in FEATURES if f in features)


def is_regression(dataset):
    return dataset in REGRESSION


def check_setting(dataset, output, loss):
    """Raise PlaygroundError if the output layer or the loss cannot fit the data set's targets."""
    if dataset not in N_CLASSES and dataset not in REGRESSION:
        raise PlaygroundError(f"unknown data set {dataset!r}; choose one of {list(DATASETS) + list(REGRESSION)}.")
    if output not in OUTPUTS:
        raise PlaygroundError(f"output must be one of {list(OUTPUTS)}; received {output!r}.")
    if loss not in LOSSES:
        raise PlaygroundError(f"loss must be one of {list(LOSSES)}; received {loss!r}.")
    if is_regression(dataset):
        if output != "linear":
            raise PlaygroundError(
                f"{dataset} is a regression set: its target y is any number, but a {output} output only "
                f"gives values in (0, 1). Choose the linear output (its a is z itself) and the squared error.")
        if loss != "mse":
            raise PlaygroundError(
                f"{dataset} is a regression set: cross-entropy needs class labels, its y is a number. "
                f"Choose the squared error (mse).")
        return
    k = N_CLASSES[dataset]
    if output == "linear":
        raise PlaygroundError(
            f"{dataset} has {k} classes: a linear output gives any number, not a probability of a class. "
            f"Choose the sigmoid output (2 classes) or softmax; linear is for the regression sets "
            f"{list(REGRESSION)}.")
    if output == "sigmoid" and k > 2:
        raise PlaygroundError(
            f"A sigmoid output is one unit giving P(y = 1): it can tell 2 classes apart, but "
            f"{dataset} has {k}. Choose the softmax output ({k} units, one probability per class).")


def check_optimizer(optimizer, learning_rate):
    if optimizer not in OPTIMIZER_NAMES:
        raise PlaygroundError(f"optimizer must be one of {list(OPTIMIZERS)}; received {optimizer!r}.")
    if isinstance(learning_rate, bool) or not isinstance(learning_rate, (int, float, np.floating)) \
            or not np.isfinite(learning_rate) or learning_rate <= 0:
        raise PlaygroundError(f"the learning rate must be a positive number; received {learning_rate!r}.")


def check_training(regularization, reg_rate, batch_size, train_ratio):
    """The regularisation, batch size and train/test ratio, or PlaygroundError saying what to write."""
    if regularization not in REGULARIZATIONS:
        raise PlaygroundError(f"regularization must be one of {list(REGULARIZATIONS)}; received {regularization!r}.")
    if isinstance(reg_rate, bool) or not isinstance(reg_rate, (int, float, np.floating)) \
            or not np.isfinite(reg_rate) or reg_rate < 0:
        raise PlaygroundError(f"the regularization rate must be a number >= 0 (0: no penalty); "
                              f"received {reg_rate!r}.")
    if batch_size is not None and (isinstance(batch_size, bool) or not isinstance(batch_size, (int, np.integer))
                                   or batch_size < 1):
        raise PlaygroundError(f"the batch size must be a whole number >= 1, or None for all training points; "
                              f"received {batch_size!r}.")
    if isinstance(train_ratio, bool) or not isinstance(train_ratio, (int, float, np.integer, np.floating)) \
            or not 10 <= train_ratio <= 90:
        raise PlaygroundError(f"the ratio of training to test data is a percentage from 10 to 90; "
                              f"received {train_ratio!r}.")


def architecture(features, hidden, output, dataset):
    """The layer sizes n^[0], n^[1], ..., n^[L] as text, e.g. "2-8-8-1"."""
    n_out = N_CLASSES.get(dataset, 2) if output == "softmax" else 1
    return "-".join(str(n) for n in (len(features), *hidden, n_out))


def describe(dataset, hidden, activation, output, loss, optimizer, learning_rate, noise=None,
             features=("x1", "x2"), regularization="none", reg_rate=0.0, batch_size=None, **_view):
    """One line naming a setting, e.g. "circle · network 2-8-8-1: tanh hidden, sigmoid output · ..."."""
    try:
        sizes = parse_hidden(hidden)
        arch = architecture(parse_features(features), sizes, output, dataset)
        net = f"network {arch}: {activation} hidden, {output} output" if sizes else \
            f"network {arch}: no hidden layer, {output} output"
    except PlaygroundError:
        net = f"hidden layers {hidden!r} / features {features!r} (unreadable), {activation}, {output} output"
    what = dataset if noise is None else f"{dataset} (noise {noise:g})"
    extra = ""
    if tuple(features) != ("x1", "x2"):
        extra += f" · inputs {', '.join(features) or 'none'}"
    if regularization != "none":
        extra += f" · {regularization.upper()} {reg_rate:g}"
    if batch_size is not None:
        extra += f" · batch {batch_size}"
    return f"{what} · {net} · {loss} · {optimizer}, learning rate {learning_rate:.3g}{extra}"
