"""The playground's points: a generated set split into training and test points, or your own; features.

Everything comes from ``nnlib.playground_data`` (the sets, Playground's features, the split).
"""
import numpy as np

from ... import playground_data as data
from .settings import M_POINTS, N_CLASSES, PlaygroundError, is_regression


def split_data(dataset, noise, seed, train_ratio, points=None, output="sigmoid", loss="cross-entropy"):
    """((X_train, y_train), (X_test, y_test), regression, K) for a data set or your own points.

    A generated set: train_ratio % of M_POINTS points train (seed), the rest test (seed + 1000),
    so 50 % gives the 200 + 200 points of the chapter. Your points: split by train_ratio.
    """
    if points is None:
        m_train = int(round(M_POINTS * train_ratio / 100))
        train = data.make_dataset(dataset, m_train, noise, seed=seed)
        test = data.make_dataset(dataset, M_POINTS - m_train, noise, seed=seed + 1000)
        regression = is_regression(dataset)
        return train, test, regression, 1 if regression else N_CLASSES[dataset]
    X, y = points
    regression = np.asarray(y).dtype.kind == "f"
    k = 1 if regression else int(np.max(y)) + 1
    if len(X) < 4:
        raise PlaygroundError(f"your data needs at least 4 points (some to train, some to test); received {len(X)}.")
    if regression and (output != "linear" or loss != "mse"):
        raise PlaygroundError("your points have a continuous target: use the linear output and mse.")
    if not regression and (output == "linear" or output == "sigmoid" and k > 2):
        raise PlaygroundError(f"your points have {k} classes: use a {'sigmoid or ' if k <= 2 else ''}softmax output.")
    train, test = data.train_test_split(X, y, train_ratio, seed=seed)
    return train, test, regression, k


def features_of(X, features):
    """a^[0]: the input features of the points X (m, 2), one column per feature name."""
    return data.feature_matrix(X, list(features))
