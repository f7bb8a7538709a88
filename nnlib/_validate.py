"""Input checks shared by nnlib: each error says what was expected, what arrived and how to fix it."""
import numpy as np


def as_float_array(x, what="x"):
    """x as a float ndarray; NaN or inf raises ValueError naming where the first one is."""
    try:
        arr = np.asarray(x, dtype=float)
    except (TypeError, ValueError) as err:
        raise ValueError(
            f"{what} must be numbers (a list or numpy array of floats); received "
            f"{type(x).__name__} that numpy cannot turn into floats ({err})."
        ) from None
    if not np.all(np.isfinite(arr)):
        bad = np.argwhere(~np.isfinite(arr))[0]
        raise ValueError(
            f"{what} contains NaN or inf (first at index {tuple(int(i) for i in bad)}, value "
            f"{arr[tuple(bad)]}). Remove or impute those entries, e.g. x = x[np.isfinite(x).all(axis=1)]."
        )
    return arr


def as_2d_examples(x, what="x"):
    """x as a float array of shape (m, n): m examples in rows, n features in columns."""
    arr = as_float_array(x, what)
    if arr.ndim == 1:
        raise ValueError(
            f"{what} must be 2-D (m, n): m examples in rows, n features in columns; received a "
            f"1-D array of shape {arr.shape}. Use {what}.reshape(1, -1) for one example with "
            f"{arr.shape[0]} features, or {what}.reshape(-1, 1) for {arr.shape[0]} examples of one feature."
        )
    if arr.ndim != 2:
        raise ValueError(
            f"{what} must be 2-D (m, n); received {arr.ndim}-D of shape {arr.shape}. "
            f"Flatten each example first, e.g. {what}.reshape(len({what}), -1)."
        )
    return arr


def check_same_length(x, y):
    if len(x) != len(y):
        raise ValueError(
            f"x and y must hold the same number of examples m; received len(x) = {len(x)} and "
            f"len(y) = {len(y)}. Check that y has one label per row of x."
        )
