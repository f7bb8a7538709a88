"""nnlib.playground_data beyond test_playground.py: old sets unchanged, regression sets, features,
the train/test split and CSV points. Oracles: the original generator code (copied below), the
formulas of TensorFlow Playground's src/dataset.ts and src/playground.ts, numpy written out."""
import matplotlib.mathtext
import numpy as np
import pytest

from nnlib import playground_data as P


# ---- the generators as they were before regression sets were added (commit c268e86) --------
def _orig_split(m, k):
    return [m // k + (1 if i < m % k else 0) for i in range(k)]


def _orig_make(name, m, noise, seed):
    rng = np.random.default_rng(seed)
    if name == "circle":
        n1, n0 = _orig_split(m, 2)
        r1, r0 = 0.5 * np.sqrt(rng.uniform(0, 1, n1)), rng.uniform(0.7, 1.0, n0)
        t, r = rng.uniform(0, 2 * np.pi, n1 + n0), np.concatenate([r1, r0])
        X, y = np.column_stack([r * np.cos(t), r * np.sin(t)]), np.concatenate([np.ones(n1), np.zeros(n0)])
    elif name == "xor":
        X = rng.uniform(-1, 1, (m, 2))
        X = np.clip(X + np.sign(X) * 0.05, -1, 1)
        y = (X[:, 0] * X[:, 1] > 0).astype(float)
    elif name == "gauss":
        n1, n0 = _orig_split(m, 2)
        X = np.vstack([rng.normal([0.45, 0.45], 0.22, (n1, 2)), rng.normal([-0.45, -0.45], 0.22, (n0, 2))])
        y = np.concatenate([np.ones(n1), np.zeros(n0)])
    elif name == "spiral":
        parts, labs = [], []
        for label, (n, shift) in enumerate(zip(_orig_split(m, 2), (0.0, np.pi))):
            s = rng.uniform(0, 1, n)
            r, t = 0.05 + 0.95 * s, 1.75 * 2 * np.pi * s + shift
            parts.append(np.column_stack([r * np.sin(t), r * np.cos(t)]))
            labs.append(np.full(n, label, dtype=float))
        X, y = np.vstack(parts), np.concatenate(labs)
    else:
        k = int(name[-1])
        angles = np.pi / 2 + 2 * np.pi * np.arange(k) / k + (np.pi / 4 if k == 4 else 0.0)
        centres = 0.55 * np.column_stack([np.cos(angles), np.sin(angles)])
        parts = [rng.normal(centres[c], 0.2, (n, 2)) for c, n in enumerate(_orig_split(m, k))]
        X = np.vstack(parts)
        y = np.concatenate([np.full(n, c, dtype=float) for c, n in enumerate(_orig_split(m, k))])
    X = X + rng.normal(0, 1, X.shape) * noise
    order = rng.permutation(m)
    return X[order], y[order].astype(int)


@pytest.mark.parametrize("name", P.DATASETS)
@pytest.mark.parametrize("m, noise, seed", [(200, 0.0, 0), (201, 0.1, 3), (7, 0.3, 1000), (1000, 0.05, 1)])
def test_classification_sets_unchanged(name, m, noise, seed):
    X, y = P.make_dataset(name, m, noise, seed)
    X0, y0 = _orig_make(name, m, noise, seed)
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(y, y0)
    assert y.dtype == y0.dtype and not P.is_regression(name)


def test_names():
    assert P.DATASETS == ("circle", "xor", "gauss", "spiral", "blobs3", "blobs4")
    assert set(P.N_CLASSES) == set(P.DATASETS) and not set(P.REGRESSION) & set(P.N_CLASSES)
    assert all(P.is_regression(n) for n in P.REGRESSION)
    for bad in ("moons", "Plane", None, ["plane"]):
        with pytest.raises(ValueError, match=r"Unknown data set .*\['circle'.*\(classification\) or "
                                             r"\['plane', 'gaussians'\] \(regression\)"):
            P.is_regression(bad)
        with pytest.raises(ValueError, match="Unknown data set"):
            P.make_dataset(bad)


# ---- regression ----------------------------------------------------------------------------
def _playground_gaussian_label(x, y):
    """getLabel of regressGaussian in src/dataset.ts, on Playground's [-6, 6] plane, as written there."""
    gaussians = [(-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1), (-4, -2.5, -1), (0, -2.5, 1), (4, -2.5, -1)]
    label = 0.0
    for cx, cy, sign in gaussians:
        d = np.hypot(x - cx, y - cy)
        new = sign * min(1.0, max(0.0, 1 - d / 2))          # d3 linear [0, 2] -> [1, 0], clamped
        if abs(new) > abs(label):
            label = new
    return label


@pytest.mark.parametrize("name", P.REGRESSION)
def test_regression_shapes_seed_and_range(name):
    X, y = P.make_dataset(name, m=300, noise=0.1, seed=3)
    assert X.shape == (300, 2) and y.shape == (300,) and y.dtype == np.float64
    X2, y2 = P.make_dataset(name, m=300, noise=0.1, seed=3)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    assert not np.allclose(X, P.make_dataset(name, m=300, noise=0.1, seed=4)[0])
    X0, _ = P.make_dataset(name, m=300, noise=0.0, seed=3)
    assert np.all(np.abs(X0) <= 1) and np.all(np.abs(y) <= 1.2)
    assert len(np.unique(y)) > 50                                 # a continuous target, not classes
    assert P.make_dataset(name, m=1)[0].shape == (1, 2)


def test_plane_target_is_playgrounds_plane():
    X, y = P.make_dataset("plane", 500, noise=0.0, seed=5)
    np.testing.assert_allclose(y, (6 * X[:, 0] + 6 * X[:, 1]) / 10, rtol=1e-12, atol=1e-15)
    assert y.min() < -1 and y.max() > 1                            # unclipped, like Playground's
    assert abs(np.corrcoef(X[:, 0], X[:, 1])[0, 1]) < 0.15         # uniform over the square


def test_gaussians_target_is_playgrounds_bumps():
    X, y = P.make_dataset("gaussians", 800, noise=0.0, seed=2)
    expected = [_playground_gaussian_label(6 * a, 6 * b) for a, b in X]
    np.testing.assert_allclose(y, expected, rtol=1e-12, atol=1e-15)
    assert 0.2 < np.mean(y == 0) < 0.8 and y.max() > 0.5 and y.min() < -0.5


def test_regression_noise_moves_points_not_targets():
    X0, y0 = P.make_dataset("plane", 400, noise=0.0, seed=9)
    X1, y1 = P.make_dataset("plane", 400, noise=0.2, seed=9)
    np.testing.assert_array_equal(y0, y1)
    assert 0.15 < np.std(X1 - X0) < 0.25


@pytest.mark.parametrize("kwargs, match", [
    (dict(name="plane", m=0), "at least 1 \\(one point\\); received 0"),
    (dict(name="gaussians", m=2.0), "at least 1"),
    (dict(name="gaussians", noise=-1), "must be >= 0"),
    (dict(name="blobs3", m=2), "at least 3 \\(one point per class\\)"),
])
def test_make_dataset_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        P.make_dataset(**kwargs)


# ---- features ------------------------------------------------------------------------------
def test_features_follow_their_formulas():
    X = np.random.default_rng(0).uniform(-1, 1, (50, 2))
    x1, x2 = X[:, 0], X[:, 1]
    direct = {"x1": x1, "x2": x2, "x1^2": x1 * x1, "x2^2": x2 * x2, "x1*x2": x1 * x2,
              "sin(x1)": np.sin(x1), "sin(x2)": np.sin(x2)}
    assert set(direct) == set(P.FEATURES) == set(P.FEATURE_LABELS)
    A = P.feature_matrix(X, P.FEATURES)
    assert A.shape == (50, 7)
    for j, f in enumerate(P.FEATURES):
        np.testing.assert_array_equal(A[:, j], direct[f])
    picked = ["sin(x2)", "x1"]
    np.testing.assert_array_equal(P.feature_matrix(X, picked), np.column_stack([np.sin(x2), x1]))
    np.testing.assert_allclose(P.feature_matrix(X, ("x1*x2", "sin(x1)"), scale=6),
                               np.column_stack([36 * x1 * x2, np.sin(6 * x1)]))
    assert P.feature_matrix(X, ["x1"]).shape == (50, 1)


def test_feature_labels_are_mathtext_and_playground_names_map():
    parser = matplotlib.mathtext.MathTextParser("path")
    for f, label in P.FEATURE_LABELS.items():
        assert label.startswith("$") and label.endswith("$")
        parser.parse(label)                                         # raises on bad mathtext
    assert set(P.PLAYGROUND_NAMES) == {"x", "y", "xSquared", "ySquared", "xTimesY", "sinX", "sinY"}
    assert set(P.PLAYGROUND_NAMES.values()) == set(P.FEATURES)


@pytest.mark.parametrize("X, features, scale, match", [
    (np.zeros((3, 2)), ["x3"], 1, r"Unknown feature 'x3'; expected names from \['x1'"),
    (np.zeros((3, 2)), ["xSquared"], 1, r"Playground's 'xSquared' is our 'x1\^2'"),
    (np.zeros((3, 2)), "x1", 1, r"features must be a non-empty list .*received the str 'x1'"),
    (np.zeros((3, 2)), [], 1, r"non-empty list"),
    (np.zeros((3, 2)), ["x1", "x1"], 1, r"lists a name twice"),
    (np.zeros((3, 3)), ["x1"], 1, r"shape \(m, 2\); received shape \(3, 3\)"),
    (np.zeros(2), ["x1"], 1, r"X must be 2-D"),
    (np.zeros((3, 2)), ["x1"], 0, r"scale must be a positive number; received 0"),
])
def test_feature_bad_input(X, features, scale, match):
    with pytest.raises(ValueError, match=match):
        P.feature_matrix(X, features, scale=scale)


# ---- train / test --------------------------------------------------------------------------
@pytest.mark.parametrize("m, percent", [(200, 10), (200, 50), (200, 90), (7, 50), (301, 33), (10, 99.5),
                                        (5, 90), (2, 50)])
def test_split_sizes_follow_playground(m, percent):
    X, y = P.make_dataset("xor", m, seed=1)
    (Xa, ya), (Xb, yb) = P.train_test_split(X, y, percent, seed=4)
    m_train = int(m * percent // 100)                               # Math.floor(length * perc / 100)
    assert len(Xa) == len(ya) == m_train and len(Xb) == len(yb) == m - m_train
    both = np.vstack([Xa, Xb])
    assert sorted(map(tuple, both)) == sorted(map(tuple, X))       # every point once
    rows = {tuple(x): label for x, label in zip(X, y)}
    assert all(rows[tuple(x)] == label for x, label in zip(both, np.concatenate([ya, yb])))


def test_split_seeded():
    X, y = P.make_dataset("plane", 100, seed=0)
    a = P.train_test_split(X, y, 50, seed=1)
    b = P.train_test_split(X, y, 50, seed=1)
    c = P.train_test_split(X, y, 50, seed=2)
    np.testing.assert_array_equal(a[0][0], b[0][0])
    assert not np.array_equal(a[0][0], c[0][0])
    assert P.train_test_split(X, y)[0][0].shape == (50, 2)          # Playground's 50% by default


@pytest.mark.parametrize("m, percent, match", [
    (10, 0, r"train_percent must be in \(0, 100\); received 0"),
    (10, 100, r"in \(0, 100\)"),
    (10, "50", r"a number, not text"),
    (5, 10, r"train_percent=10 of m=5 points gives 0 for training and 5 for testing"),
    (1, 50, r"gives 0 for training and 1 for testing"),
])
def test_split_bad_input(m, percent, match):
    X, y = P.make_dataset("xor", 10, seed=0)
    with pytest.raises(ValueError, match=match):
        P.train_test_split(X[:m], y[:m], percent)


def test_split_mismatched_lengths():
    with pytest.raises(ValueError, match="same number of examples"):
        P.train_test_split(np.zeros((4, 2)), np.zeros(3))


# ---- CSV -----------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["blobs4", "spiral", "plane", "gaussians"])
def test_csv_round_trip(name):
    X, y = P.make_dataset(name, 57, noise=0.1, seed=8)
    text = P.points_csv(X, y)
    assert text.startswith("x1,x2,label\n") and text.count("\n") == 58
    X2, y2 = P.read_points_csv(text)
    np.testing.assert_array_equal(X2, X)
    np.testing.assert_array_equal(y2, y)
    assert y2.dtype.kind == ("f" if P.is_regression(name) else "i")
    X3, y3 = P.read_points_csv(text.encode("utf-8-sig"))            # bytes from a file upload
    np.testing.assert_array_equal(X3, X)


def test_csv_reading_forms():
    X, y = P.read_points_csv("0.5,-0.25,1\n\n# a comment\n -1 , 1e-1 , 0 \r\n0,0,3")
    np.testing.assert_array_equal(X, [[0.5, -0.25], [-1, 0.1], [0, 0]])
    np.testing.assert_array_equal(y, [1, 0, 3])
    assert y.dtype.kind == "i"
    X, y = P.read_points_csv("a,b,c\n1,2,0.5\n3,4,-1")
    assert y.dtype.kind == "f" and list(y) == [0.5, -1.0]
    _, y = P.read_points_csv("1,2,1\n3,4,-2", regression=True)
    assert y.dtype.kind == "f" and list(y) == [1.0, -2.0]
    _, y = P.read_points_csv("x1,x2,label\n1,2,1.0")
    assert y.dtype.kind == "f"
    assert P.points_csv([[1, 2]], [0.5]) == "x1,x2,label\n1.0,2.0,0.5\n"
    assert P.points_csv(np.array([[1.5, 2]]), [2]) == "x1,x2,label\n1.5,2.0,2\n"


@pytest.mark.parametrize("text, kwargs, match", [
    ("x1,x2,label\n1,2,0\n3,4", {}, r"CSV line 3: expected 3 values x1,x2,label; received 2 in '3,4'"),
    ("1 2 0\n", {}, r"line 1: expected 3 values .*Separate the values with commas"),
    ("1;2;0\n", {}, r"Separate the values with commas"),
    ("1,2,0\n1,abc,1", {}, r"CSV line 2: x2 must be a finite number; received 'abc'"),
    ("1,2,0\nnan,1,1", {}, r"CSV line 2: x1 must be a finite number; received 'nan'"),
    ("1,2,0\n1,2,inf", {}, r"line 2: label must be a finite number"),
    ("1,2,0\nx1,x2,label", {}, r"line 2: x1 .*header, if any, is the first line and holds only names"),
    ("nan,1,0\n1,2,0", {}, r"CSV line 1: x1 must be a finite number; received 'nan'"),
    ("x1,x2,1\n1,2,0", {}, r"CSV line 1: x1 must be a finite number; received 'x1'"),
    ("1,2,0\n\n1,2,5", {}, r"CSV line 3: a class label must be 0, 1, 2 or 3 .*received '5'"),
    ("1,2,1\n1,2,-1", {}, r"line 2: .*received '-1'\. .*Playground's -1 is class 0.*regression=True"),
    ("1,2,0.5", {"regression": False}, r"line 1: a class label .*received '0.5'"),
    ("", {}, r"The CSV holds no points; expected lines x1,x2,label"),
    ("x1,x2,label\n# nothing\n", {}, r"holds no points"),
    (None, {}, r"expects the CSV text \(a str\); received None"),
    (b"\xff\xfe,1,2", {}, r"must be UTF-8 text"),
    ("1,2,0", {"regression": "yes"}, r"regression must be None .*True or False"),
])
def test_csv_bad_text(text, kwargs, match):
    with pytest.raises(ValueError, match=match):
        P.read_points_csv(text, **kwargs)


@pytest.mark.parametrize("X, y, match", [
    (np.zeros((2, 3)), np.zeros(2, int), r"shape \(m, 2\); received shape \(2, 3\)"),
    (np.zeros((2, 2)), np.array([0, 4]), r"Class labels must be 0..3; received y\[1\] = 4"),
    (np.zeros((2, 2)), np.array([-1, 0]), r"received y\[0\] = -1"),
    (np.zeros((2, 2)), np.zeros(3), r"same number of examples"),
    (np.zeros((2, 2)), np.zeros((2, 1)), r"shape \(m,\); received shape \(2, 1\)"),
    (np.array([[0.0, np.nan]]), [0], r"X contains NaN or inf"),
    (np.zeros((0, 2)), np.zeros(0), r"at least one example"),
])
def test_points_csv_bad_input(X, y, match):
    with pytest.raises(ValueError, match=match):
        P.points_csv(X, y)
