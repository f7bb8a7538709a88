"""From toy to code: the playground's network as Python a learner pastes into a fresh notebook.

    print(keras_code(setting))     # tf.keras: keras.Sequential, compile, fit, evaluate
    print(nnlib_code(setting))     # the same with nnlib's Sequential and Dense

Both print the same five steps of the course: the data (from nnlib.playground_data, with the
app's seed, noise, split and input features, so it runs offline), the architecture, the loss
and optimizer, minimising (fit), and the test. Both define ``model`` and ``X_train, y_train,
X_test, y_test`` (the rows of a^[0], the features of each point). Only the starting weights
and the order of the mini-batches differ from the app's run, so the numbers differ.
Your own points (a CSV, or clicked onto the plane) travel in the code as CSV text: ``points=``.
"""
import dataclasses
import json
import textwrap

import numpy as np

from ... import playground_data as data
from .query import _write_number, checked
from .settings import M_POINTS, N_CLASSES, PlaygroundError, Setting, check_setting, is_regression

_LOSSES = {"binary": "BinaryCrossentropy", "sparse": "SparseCategoricalCrossentropy", "mse": "MeanSquaredError"}
_OPTIMIZERS = {"adam": "Adam", "gradient descent": "SGD"}
_METRICS = {"binary": "BinaryAccuracy", "sparse": "SparseCategoricalAccuracy", "onehot": "CategoricalAccuracy"}


def _facts(setting, epochs, points):
    """Everything the code says, worked out once for both libraries."""
    if isinstance(epochs, bool) or not isinstance(epochs, int) or epochs < 0:
        raise ValueError(f"epochs must be a whole number >= 0 (the app's step count is a good choice); "
                         f"received {epochs!r}.")
    s = {**dataclasses.asdict(Setting()), **checked(setting)}
    if points is None:
        check_setting(s["dataset"], s["output"], s["loss"])   # e.g. a sigmoid output for 3 classes
        regression = is_regression(s["dataset"])
        k = 1 if regression else N_CLASSES[s["dataset"]]
        m_train = int(round(M_POINTS * s["train_ratio"] / 100))   # as the app splits its M_POINTS points
    else:
        points, regression, k = _check_points(points, s)
        m_train = len(points[0][0])
    onehot = s["loss"] == "mse" and s["output"] == "softmax"
    loss = "mse" if s["loss"] == "mse" else ("binary" if s["output"] == "sigmoid" else "sparse")
    metric = None if regression else ("onehot" if onehot else "sparse" if s["output"] == "softmax" else "binary")
    n_out = k if s["output"] == "softmax" else 1
    return dict(s=s, k=k, m_train=m_train, points=points, onehot=onehot, loss=loss, metric=metric, n_out=n_out,
                sizes=(len(s["features"]), *s["hidden"], n_out), epochs=epochs,
                batch=m_train if s["batch_size"] is None else min(s["batch_size"], m_train),
                reg={"none": None, "l1": "L1", "l2": "L2"}[s["regularization"]])


def _check_points(points, s):
    """Your own points ((X_train, y_train), (X_test, y_test)): classes for a sigmoid/softmax output,
    a target for a linear one (the app's split holds class labels as floats, so the output decides)."""
    fix = "Pass points=((X_train, y_train), (X_test, y_test)) with X of shape (m, 2), as the app holds them."
    regression = s["output"] == "linear"
    try:
        (X_train, y_train), (X_test, y_test) = points
        y_train, y_test = np.asarray(y_train), np.asarray(y_test)
        if not regression:
            if not all(np.all(y == np.round(y)) for y in (y_train, y_test)):
                raise ValueError(f"a {s['output']} output needs class labels 0, 1, 2, 3; y holds other numbers "
                                 f"(a regression target needs the linear output).")
            y_train, y_test = y_train.astype(int), y_test.astype(int)
        csv = data.points_csv(X_train, y_train), data.points_csv(X_test, y_test)
    except (TypeError, ValueError) as err:
        raise ValueError(f"points: {err} {fix}") from None
    if regression and s["loss"] != "mse":
        raise PlaygroundError("your points have a continuous target: use the linear output and mse.")
    k = 1 if regression else int(max(y_train.max(), y_test.max())) + 1
    if s["output"] == "sigmoid" and k > 2:
        raise PlaygroundError(f"your points have {k} classes: choose the softmax output.")
    return ((X_train, y_train), (X_test, y_test), csv), regression, k


def _own_data(f):
    (X_train, _), (X_test, _), (train_csv, test_csv) = f["points"]
    regression = ", regression=True" if f["metric"] is None else ""
    return [f"# ---- 1. the data: your own points, {len(X_train)} to train and {len(X_test)} to test, "
            f"one x1,x2,label a line ----",
            f'TRAIN_CSV = """{train_csv}"""',
            f'TEST_CSV = """{test_csv}"""',
            f"X_train, y_train = read_points_csv(TRAIN_CSV{regression})",
            f"X_test, y_test = read_points_csv(TEST_CSV{regression})"]


def _data(f):
    s, m = f["s"], f["m_train"]
    if f["points"] is not None:
        return _own_data(f) + _features(f)
    name, noise, seed = json.dumps(s["dataset"]), _write_number(s["noise"]), s["seed"]
    what = ("target y, a number" if is_regression(s["dataset"]) else
            "labels y = 0 or 1" if f["k"] == 2 else f"labels y in 0..{f['k'] - 1}")
    return [
        f"# ---- 1. the data: {M_POINTS} points of {name} ({what}), {s['train_ratio']} % of them train ----",
        f"X_train, y_train = make_dataset({name}, m={m}, noise={noise}, seed={seed})",
        f"X_test, y_test = make_dataset({name}, m={M_POINTS - m}, noise={noise}, seed={seed + 1000})"
        f"  # other points: seed + 1000", *_features(f)]


def _features(f):
    s = f["s"]
    lines = [
        "# a^[0]: one row per point, one column per input feature (computed from the point's x1, x2)",
        f"features = {json.dumps(list(s['features']))}",
        "X_train, X_test = feature_matrix(X_train, features), feature_matrix(X_test, features)",
    ]
    if f["onehot"]:
        lines += ["# squared error compares each output unit with a target: one-hot rows, 1 in the label's column",
                  f"Y_train, Y_test = np.eye({f['k']})[y_train], np.eye({f['k']})[y_test]"]
    return lines


def _layers(f, dense, reg_arg):
    s, sizes = f["s"], f["sizes"]
    lines = [f"    {'keras.' if dense.startswith('keras') else ''}Input(shape=({sizes[0]},)),"
             f"  # a^[0]: {sizes[0]} feature{'s' if sizes[0] > 1 else ''} per point"]
    for l, units in enumerate(s["hidden"], start=1):
        lines.append(f'    {dense}({units}, activation="{s["activation"]}"{reg_arg}),'
                     f"  # a^[{l}] = {s['activation']}(a^[{l - 1}] W^[{l}] + b^[{l}])")
    L = len(sizes) - 1
    meaning = {"sigmoid": "P(y = 1 | x)", "softmax": "P(class j | x), one unit per class",
               "linear": f"y_hat = z^[{L}], any number"}[s["output"]]
    lines.append(f'    {dense}({f["n_out"]}, activation="{s["output"]}"{reg_arg}),  # a^[{L}]: {meaning}')
    return lines


def _steps(f, lib):
    """The architecture, loss, optimizer, fit and evaluate lines; lib is "keras" or "nnlib"."""
    s, keras = f["s"], lib == "keras"
    reg_lines, reg_arg = [], ""
    if f["reg"]:
        rate = _write_number(s["reg_rate"])
        formula = f"{rate} * sum |W|" if f["reg"] == "L1" else f"{rate} * sum W^2 (no 1/2)"
        reg_lines = [f"penalty = {'keras.regularizers.' if keras else ''}{f['reg']}({rate})"
                     f"  # adds {formula} of every W^[l] to the cost J"]
        reg_arg = ", kernel_regularizer=penalty"
    arch = "-".join(map(str, f["sizes"]))
    hidden = f"{s['activation']} hidden layers, " if s["hidden"] else "no hidden layer, "
    if s["hidden"] and s["activation"] == "leaky_relu":
        reg_lines.append('# "leaky_relu": g(z) = z for z > 0, 0.2 z below (the LeakyReLU layer\'s default is 0.3)')
    lines = [f"# ---- 2. the architecture: {arch} ({hidden}{s['output']} output) ----", *reg_lines,
             f"model = {'keras.' if keras else ''}Sequential([",
             *_layers(f, "keras.layers.Dense" if keras else "Dense", reg_arg), "])"]
    pre = ("keras.losses.", "keras.optimizers.") if keras else ("", "")
    if keras:
        metrics = f"[keras.metrics.{_METRICS[f['metric']]}()]" if f["metric"] else None
    else:
        metrics = '["accuracy"]' if f["metric"] else None
    lr = _write_number(s["learning_rate"])
    lines += [f"# ---- 3. the loss J to minimise and the optimizer's rule ----",
              f"model.compile(loss={pre[0]}{_LOSSES[f['loss']]}(), "
              f"optimizer={pre[1]}{_OPTIMIZERS[s['optimizer']]}(learning_rate={lr})"
              + (f",\n              metrics={metrics})" if metrics else ")")]
    y_train, y_test = ("Y_train", "Y_test") if f["onehot"] else ("y_train", "y_test")
    steps = -(-f["m_train"] // f["batch"])
    per_epoch = ("the whole training set, one gradient step per epoch" if steps == 1 else
                 f"{steps} gradient steps per epoch, the batches drawn anew each epoch")
    lines += [f"# ---- 4. minimise J: an epoch visits the {f['m_train']} training points once "
              f"(one of the app's steps) ----",
              f"# batch_size={f['batch']}: {per_epoch}",
              f"history = model.fit(X_train, {y_train}, epochs={f['epochs']}, batch_size={f['batch']}, "
              f"shuffle=True, verbose=0)",
              "# ---- 5. the cost on points the network never saw ----"]
    if f["metric"]:
        lines += [f"test_loss, test_accuracy = model.evaluate(X_test, {y_test}, verbose=0)",
                  'print(f"test loss {test_loss:.4f}, test accuracy {test_accuracy:.3f}")']
    else:
        lines += [f"test_loss = model.evaluate(X_test, {y_test}, verbose=0)",
                  'print(f"test loss (mean squared error) {test_loss:.4f}")']
    return lines


def _header(f, lib):
    s, arch = f["s"], "-".join(map(str, f["sizes"]))
    source = "your own points" if f["points"] is not None else f"{s['dataset']} (noise {_write_number(s['noise'])})"
    name = "Keras" if lib == "keras" else "nnlib"
    text = (f"The playground's network in {'tf.keras' if lib == 'keras' else 'nnlib'}: {source}, network {arch}, "
            f"as the app trains it. {name} draws its own initial weights and batch order, so its numbers "
            f"differ from the app's.")
    return ["# " + part for part in textwrap.wrap(text, 100)]


def _data_import(f):
    return "from nnlib.playground_data import feature_matrix, " + \
        ("make_dataset" if f["points"] is None else "read_points_csv")


def keras_code(setting, epochs=300, points=None):
    """Runnable tf.keras code of the setting's data, network, loss, optimizer, fit and test.

    Args:
        setting: a Setting (or a dict of some of its fields; the rest are the app's defaults).
        epochs: the passes over the training set that ``fit`` makes (the app's step count).
        points: None for the setting's generated data set, or your own points as the app holds
            them, ((X_train, y_train), (X_test, y_test)) with X (m, 2): the code then carries them
            as CSV text (read back exactly by read_points_csv).
    Returns the code as a string; it defines model, X_train, y_train, X_test, y_test.
    ValueError (PlaygroundError) for a setting the app would refuse, e.g. sigmoid for 3 classes.
    """
    f = _facts(setting, epochs, points)
    imports = ["import keras", "", _data_import(f)]
    if f["onehot"]:
        imports.insert(0, "import numpy as np")
    seed = [f"keras.utils.set_random_seed({f['s']['seed']})  # the same initial weights at every run"]
    return "\n".join([*_header(f, "keras"), *imports, "", *seed, "", *_data(f), "", *_steps(f, "keras")]) + "\n"


def nnlib_code(setting, epochs=300, points=None):
    """Runnable nnlib code of the same network: nnlib's Sequential and Dense with Keras's arguments.

    Args and return as keras_code.
    """
    f = _facts(setting, epochs, points)
    s = f["s"]
    imports = ["import nnlib", "from nnlib import Dense, Input, Sequential",
               f"from nnlib.losses import {_LOSSES[f['loss']]}",
               f"from nnlib.optimizers import {_OPTIMIZERS[s['optimizer']]}",
               _data_import(f)]
    if f["reg"]:
        imports.insert(4, f"from nnlib.regularizers import {f['reg']}")
    if f["onehot"]:
        imports[:0] = ["import numpy as np", ""]
    seed = [f"nnlib.set_random_seed({s['seed']})  # the same initial weights and batch order at every run"]
    return "\n".join([*_header(f, "nnlib"), *imports, "", *seed, "", *_data(f), "", *_steps(f, "nnlib")]) + "\n"
