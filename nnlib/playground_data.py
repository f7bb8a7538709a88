"""The 2-D data sets of the playground (chapter 13), made with numpy and a fixed seed.

Every set lives in the square [-1, 1] x [-1, 1] (a little noise may step outside).
Classification sets come with integer labels 0..K-1:

    circle   K=2  a disc (label 1) inside a ring (label 0)
    xor      K=2  label 1 where x1 and x2 have the same sign: no straight line separates it
    gauss    K=2  two Gaussian clouds: one straight line separates them
    spiral   K=2  two interleaved spirals: the hardest one
    blobs3   K=3  three Gaussian clouds (needs a softmax output)
    blobs4   K=4  four Gaussian clouds (needs a softmax output)

Regression sets (REGRESSION) come with a continuous target y, as in TensorFlow Playground:

    plane      y = 0.6 (x1 + x2), a tilted plane (Playground's "reg-plane")
    gaussians  six bumps of height +1 or -1 in two rows, y = 0 between them ("reg-gauss")

``make_dataset(name, m, noise, seed)`` returns X of shape (m, 2) and y of shape (m,).
``noise`` is the standard deviation of Gaussian jitter added to every point (0 to about 0.3).
Also here: Playground's input features (``feature_matrix``), its train/test ratio
(``train_test_split``), and points to and from CSV text (``read_points_csv``, ``points_csv``).
"""
import re

import numpy as np

from . import _playground_shapes as shapes
from ._validate import as_2d_examples, check_same_length, describe, labels, number

N_CLASSES = {"circle": 2, "xor": 2, "gauss": 2, "spiral": 2, "blobs3": 3, "blobs4": 4}
DATASETS = tuple(N_CLASSES)                      # the classification sets
REGRESSION = ("plane", "gaussians")
_MAKERS = {"circle": shapes.circle, "xor": shapes.xor, "gauss": shapes.gauss, "spiral": shapes.spiral,
           "blobs3": lambda m, rng: shapes.blobs(m, rng, 3), "blobs4": lambda m, rng: shapes.blobs(m, rng, 4),
           "plane": shapes.plane, "gaussians": shapes.gaussians}


def is_regression(name):
    """True for a regression set (continuous y), False for a classification set (labels 0..K-1)."""
    if not isinstance(name, str) or name not in _MAKERS:
        raise ValueError(f"Unknown data set {name!r}; expected one of {list(DATASETS)} (classification) "
                         f"or {list(REGRESSION)} (regression).")
    return name in REGRESSION


def make_dataset(name, m=200, noise=0.0, seed=0):
    """X (m, 2) and labels y (m,) of one of DATASETS or REGRESSION, shuffled, from a fixed seed.

    Args:
        name: one of "circle", "xor", "gauss", "spiral", "blobs3", "blobs4" (classification)
            or "plane", "gaussians" (regression).
        m: number of examples.
        noise: standard deviation of the Gaussian jitter added to each coordinate. The label
            belongs to the point before the jitter, so noise blurs the pattern. (Playground
            jitters where the label is read instead, uniformly; the effect is the same blur.)
        seed: the same seed gives the same points; use another seed for a test set.
    Shapes: X (m, 2), y (m,): integers 0..K-1 (K = N_CLASSES[name]) or floats for regression.
    """
    if not isinstance(name, str) or name not in _MAKERS:
        is_regression(name)                      # raises the error that lists every set
    low = 1 if name in REGRESSION else N_CLASSES[name]
    if not isinstance(m, (int, np.integer)) or m < low:
        raise ValueError(f"m must be an integer of at least {low} "
                         f"({'one point' if low == 1 else 'one point per class'}); received {m!r}.")
    if not np.isfinite(noise) or noise < 0:
        raise ValueError(f"noise is a standard deviation, so it must be >= 0; received {noise!r}.")
    rng = np.random.default_rng(seed)
    X, y = _MAKERS[name](m, rng)
    X = X + rng.normal(0, 1, X.shape) * noise
    order = rng.permutation(m)
    return X[order], (y[order] if name in REGRESSION else y[order].astype(int))


# ---- input features ------------------------------------------------------------------------
FEATURES = ("x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)")
FEATURE_LABELS = {"x1": r"$x_1$", "x2": r"$x_2$", "x1^2": r"$x_1^2$", "x2^2": r"$x_2^2$",
                  "x1*x2": r"$x_1 x_2$", "sin(x1)": r"$\sin(x_1)$", "sin(x2)": r"$\sin(x_2)$"}
PLAYGROUND_NAMES = {"x": "x1", "y": "x2", "xSquared": "x1^2", "ySquared": "x2^2", "xTimesY": "x1*x2",
                    "sinX": "sin(x1)", "sinY": "sin(x2)"}   # Playground's INPUTS ids -> ours
_FORMULAS = {"x1": lambda x1, x2: x1, "x2": lambda x1, x2: x2, "x1^2": lambda x1, x2: x1 ** 2,
             "x2^2": lambda x1, x2: x2 ** 2, "x1*x2": lambda x1, x2: x1 * x2,
             "sin(x1)": lambda x1, x2: np.sin(x1), "sin(x2)": lambda x1, x2: np.sin(x2)}


def feature_matrix(X, features, scale=1.0):
    """The input a^[0] built from the points: one column per feature, as TensorFlow Playground.

    Playground (src/playground.ts, INPUTS) computes x1, x2, x1^2, x2^2, x1*x2, sin(x1), sin(x2)
    from the raw coordinates and scales nothing, on its plane [-6, 6] x [-6, 6]. Ours is
    [-1, 1] x [-1, 1], where sin(x1) is almost x1 (sin 1 = 0.84); scale=6 computes the features
    of 6 X, Playground's own numbers, where sin(x1) makes about two waves across the plane.

    Args:
        X: points, one (x1, x2) per row.
        features: a list of names from FEATURES, e.g. ["x1", "x2", "x1^2"].
        scale: the features are those of scale * X (1 keeps ours, 6 gives Playground's).
    Shapes: X (m, 2) -> a^[0] (m, len(features)).
    """
    X = as_2d_examples(X, "X")
    if X.shape[1] != 2:
        raise ValueError(f"X must hold one point (x1, x2) per row, shape (m, 2); received shape "
                         f"{X.shape}. Pass the points themselves, not a feature matrix.")
    if isinstance(features, str) or not isinstance(features, (list, tuple)) or not features:
        raise ValueError(f"features must be a non-empty list of names from {list(FEATURES)}, e.g. "
                         f"['x1', 'x2']; received {describe(features)}.")
    for f in features:
        if f not in _FORMULAS:
            hint = f" (Playground's {f!r} is our {PLAYGROUND_NAMES[f]!r})" if f in PLAYGROUND_NAMES else ""
            raise ValueError(f"Unknown feature {f!r}{hint}; expected names from {list(FEATURES)}.")
    if len(set(features)) != len(features):
        raise ValueError(f"features lists a name twice: {list(features)}; give each feature once.")
    scale = number(scale, "scale", low=0, low_open=True, fix="Use 1 for our plane, 6 for Playground's.")
    x1, x2 = scale * X[:, 0], scale * X[:, 1]
    return np.column_stack([_FORMULAS[f](x1, x2) for f in features])


# ---- train / test --------------------------------------------------------------------------
def train_test_split(X, y, train_percent=50, seed=0):
    """Shuffle the points, keep the first train_percent % for training, the rest for testing.

    Playground's "Ratio of training to test data" (10% to 90%, 50% at first): it shuffles the
    generated points and cuts at floor(m * train_percent / 100). The same seed, the same split.

    Returns: (X_train, y_train), (X_test, y_test), like keras.datasets' load_data().
    Shapes: X (m, n), y (m,) -> X_train (m_train, n), X_test (m - m_train, n).
    """
    X, y = as_2d_examples(X, "X", min_m=1), labels(y, "y")
    check_same_length(X, y)
    train_percent = number(train_percent, "train_percent", low=0, high=100, low_open=True, high_open=True,
                           fix="It is the percentage of points used for training, e.g. 50.")
    m = len(X)
    m_train = int(np.floor(m * train_percent / 100))
    if m_train < 1 or m_train > m - 1:
        raise ValueError(f"train_percent={train_percent:g} of m={m} points gives {m_train} for training "
                         f"and {m - m_train} for testing; both need at least one point. Use more points "
                         f"or a percentage nearer 50.")
    order = np.random.default_rng(seed).permutation(m)
    train, test = order[:m_train], order[m_train:]
    return (X[train], y[train]), (X[test], y[test])


# ---- CSV -----------------------------------------------------------------------------------
_INT = re.compile(r"[+-]?\d+")
MAX_CLASSES = 4


def read_points_csv(text, regression=None):
    """X and y from CSV text with one point per line: x1,x2,label (a header line is optional).

    Labels written as whole numbers (0, 1, 2, 3) are classes; labels with a decimal point or an
    exponent (0.25, 1.0, 1e-3) make a regression target. regression=True or False insists on one.
    Blank lines and lines starting with # are skipped.

    Shapes: X (m, 2) floats; y (m,) ints 0..K-1 with K <= 4, or floats for regression.
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise ValueError(f"The CSV must be UTF-8 text; byte {err.start} is not. "
                             f"Save the file as UTF-8 (plain CSV).") from None
    if not isinstance(text, str):
        raise ValueError(f"read_points_csv expects the CSV text (a str); received {describe(text)}. "
                         f"Read the file first, e.g. open('points.csv').read().")
    if regression not in (None, True, False):
        raise ValueError(f"regression must be None (decide from the labels), True or False; "
                         f"received {describe(regression)}.")
    rows, label_texts = [], []
    for line_no, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split(",")]
        if len(fields) != 3:
            other = len(fields) == 1 and 3 in (len(line.split()), len(line.split(";")))
            sep = " Separate the values with commas." if other else ""
            raise ValueError(f"CSV line {line_no}: expected 3 values x1,x2,label; received {len(fields)} "
                             f"in {line!r}.{sep}")
        if not rows and not any(_is_number(f, finite=False) for f in fields):
            continue                                     # the header line: names only
        for what, field in zip(("x1", "x2", "label"), fields):
            if not _is_number(field):
                raise ValueError(f"CSV line {line_no}: {what} must be a finite number; received {field!r} "
                                 f"in {line!r}. A header, if any, is the first line and holds only names, "
                                 f"e.g. x1,x2,label.")
        rows.append((float(fields[0]), float(fields[1])))
        label_texts.append((line_no, fields[2]))
    if not rows:
        raise ValueError("The CSV holds no points; expected lines x1,x2,label such as 0.5,-0.25,1.")
    whole = [_INT.fullmatch(t) is not None for _, t in label_texts]
    if regression is None:
        regression = not all(whole)
    if regression:
        return np.array(rows), np.array([float(t) for _, t in label_texts])
    for (line_no, t), ok in zip(label_texts, whole):
        if not ok or not 0 <= int(t) < MAX_CLASSES:
            raise ValueError(f"CSV line {line_no}: a class label must be 0, 1, 2 or 3 (at most "
                             f"{MAX_CLASSES} classes); received {t!r}. Number the classes from 0 "
                             f"(Playground's -1 is class 0), or use regression=True for a continuous target.")
    return np.array(rows), np.array([int(t) for _, t in label_texts])


def _is_number(field, finite=True):
    """Whether float() reads the text (and, with finite=True, finds neither nan nor inf)."""
    try:
        return bool(np.isfinite(float(field))) or not finite
    except ValueError:
        return False


def points_csv(X, y):
    """CSV text "x1,x2,label" with one point per line; read_points_csv reads back the same arrays.

    Integer labels (classes 0..3) are written as 0, 1, ...; float labels with a decimal point,
    so they read back as a regression target (write y.astype(int) for classes).
    Shapes: X (m, 2), y (m,).
    """
    X = as_2d_examples(X, "X", min_m=1)
    if X.shape[1] != 2:
        raise ValueError(f"X must hold one point (x1, x2) per row, shape (m, 2); received shape {X.shape}.")
    y_in, y = y, labels(y, "y")
    classes = np.asarray(y_in).dtype.kind in "iu"      # integer labels are classes
    check_same_length(X, y)
    if y.ndim != 1:
        raise ValueError(f"y must hold one label per point, shape (m,); received shape {y.shape}.")
    if classes:
        bad = np.flatnonzero((y < 0) | (y >= MAX_CLASSES))
        if bad.size:
            raise ValueError(f"Class labels must be 0..{MAX_CLASSES - 1}; received y[{bad[0]}] = "
                             f"{int(y[bad[0]])}. Number the classes from 0.")
        label = [str(int(v)) for v in y]
    else:
        label = [repr(float(v)) for v in y]
    return "x1,x2,label\n" + "".join(f"{float(a)!r},{float(b)!r},{t}\n" for (a, b), t in zip(X, label))
