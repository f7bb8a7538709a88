"""Input checks shared by nnlib: each error says what was expected, what arrived and how to fix it.

Every public function of nnlib calls its checks in one call at its top, so the function itself
reads like its formula. The rule they hold: numbers come back finite and of the documented
shape, or a ValueError (RuntimeError for a wrong order of calls) names the argument, says what
was expected, what was received, and how to fix it. Nothing is converted silently: text,
None, complex numbers and other objects are refused, never turned into floats.
The checks that only one module needs sit at the bottom of that module (forward.py, layers.py).
"""
import numbers

import numpy as np

_NOT_NUMBERS = {"c": "complex numbers", "U": "text (strings)", "S": "bytes", "M": "dates",
                "m": "time differences", "V": "raw records", "T": "text (strings)"}
_FIXES = {  # how to fix an array that is not real numbers, by what it holds
    "complex": "nnlib works with real numbers and does not drop an imaginary part silently: keep only the "
               "real part yourself (np.real) if the imaginary parts are all 0.",
    "text": "Convert text to numbers first, e.g. np.asarray(values, dtype=float) if it holds numbers "
            "written as text.",
    "object": "Pass only real numbers (floats or ints): fill or remove the missing or text entries first.",
    "other": "Pass an array of floats.",
}


def describe(v):
    """A short, readable account of a received value for an error message."""
    if v is None:
        return "None"
    if isinstance(v, np.ndarray):
        return f"an array of dtype {v.dtype} and shape {v.shape}"
    if isinstance(v, (str, bytes)):
        text = repr(v) if len(v) <= 40 else repr(v[:37]) + "..."
        return f"the {type(v).__name__} {text}"
    if isinstance(v, (bool, np.bool_, numbers.Number)):
        return repr(v.item() if isinstance(v, np.generic) else v)
    if callable(v):
        return f"the function {getattr(v, '__name__', type(v).__name__)}"
    if isinstance(v, (list, tuple)):
        return f"a {type(v).__name__} of {len(v)} items"
    return f"a {type(v).__name__}"


def unknown(kind, identifier, expected):
    """The ValueError of a look-up by name (activations, losses, optimizers) that found nothing."""
    shown = repr(identifier) if isinstance(identifier, str) else f"(received {describe(identifier)})"
    return ValueError(f"Unknown {kind} {shown}. {expected}")


def _is_real(v):
    return isinstance(v, (numbers.Real, np.bool_)) and not isinstance(v, (str, bytes))


def _not_numbers(x, what, reason, fix):
    received = "None" if x is None else type(x).__name__
    raise ValueError(f"{what} must be numbers (a list or numpy array of floats); received {received} that "
                     f"numpy cannot turn into floats ({reason}). {fix}")


def real_array(x, what="x", finite=True):
    """x as a float64 ndarray of real numbers (no copy if it already is one).

    Refused, never converted: None, text, complex numbers, objects that are not real numbers,
    lists whose rows have different lengths. Booleans and integers become 0.0/1.0 and floats.
    With finite=True (data), NaN or inf raises ValueError naming where the first one is;
    with finite=False (the argument of a formula such as an activation) they pass through.
    """
    if not finite and type(x) is np.ndarray and x.dtype == np.float64:
        return x  # already real numbers: inside fit every layer passes one on
    if x is None:
        raise ValueError(f"{what} must be numbers (a list or numpy array of floats); received None. "
                         f"Pass the array itself (a function without a return statement gives None).")
    try:
        arr = np.asarray(x)
    except (ValueError, TypeError) as err:
        _not_numbers(x, what, f"rows of different lengths: {err}".rstrip("."),
                     f"Give every row of {what} the same number of entries.")
    kind = arr.dtype.kind
    if kind == "O":
        bad = [v for v in arr.reshape(-1)[:100_000] if not _is_real(v)]
        if bad:
            _not_numbers(x, what, f"it holds {describe(bad[0])}",
                         _FIXES["complex" if isinstance(bad[0], numbers.Complex) else "object"])
    elif kind not in "fiub":
        fix = _FIXES["complex" if kind == "c" else "text" if kind in "UST" else "other"]
        _not_numbers(x, what, f"{_NOT_NUMBERS.get(kind, f'dtype {arr.dtype}')}, dtype {arr.dtype}", fix)
    try:
        arr = np.asarray(arr, dtype=float)
    except (OverflowError, TypeError, ValueError) as err:
        _not_numbers(x, what, f"{err}", "Pass numbers of at most about 1e308 in size.")
    if finite and not np.all(np.isfinite(arr)):
        bad = np.argwhere(~np.isfinite(arr))[0]
        raise ValueError(
            f"{what} contains NaN or inf (first at index {tuple(int(i) for i in bad)}, value "
            f"{arr[tuple(bad)]}). Remove or impute those entries, e.g. x = x[np.isfinite(x).all(axis=1)]."
        )
    return arr


def _one_per_example(arr, message):
    """arr unless it is a single number (0-d); message says what was expected, with the number as {v}."""
    if arr.ndim == 0:
        raise ValueError(message.format(v=arr.item()))
    return arr


def as_2d_examples(x, what="x", min_m=0):
    """x as a float array of shape (m, n): m examples in rows, n features in columns."""
    arr = real_array(x, what)
    if arr.ndim in (0, 1):
        n = arr.shape[0] if arr.ndim else 1
        got, fix = ((f"a single number {arr.item()!r}", f"Use np.array([[{arr.item()!r}]]) for one example "
                     f"with one feature.") if arr.ndim == 0 else
                    (f"a 1-D array of shape {arr.shape}", f"Use {what}.reshape(1, -1) for one example with {n} "
                     f"features, or {what}.reshape(-1, 1) for {n} examples of one feature."))
        raise ValueError(f"{what} must be 2-D (m, n): m examples in rows, n features in columns; received "
                         f"{got}. {fix}")
    if arr.ndim != 2:
        raise ValueError(f"{what} must be 2-D (m, n); received {arr.ndim}-D of shape {arr.shape}. "
                         f"Flatten each example first, e.g. {what}.reshape(len({what}), -1).")
    if len(arr) < min_m:
        no_examples(what, arr.shape)
    return arr


def no_examples(what, shape):
    raise ValueError(
        f"{what} must hold at least one example, m >= 1 (the cost J is the mean of the loss over the m "
        f"examples); received 0 examples, shape {shape}. Check the slicing or filtering that produced {what}."
    )


def labels(y, what="y"):
    """Labels y: finite real numbers with one entry (or row) per example, shape (m,) or (m, k)."""
    return _one_per_example(real_array(y, what), f"{what} must hold one label per example, shape (m,) or (m, n^[L]); "
                                                 f"received a single number {{v!r}}. For one example write "
                                                 f"{what}=np.array([{{v!r}}]).")


def check_same_length(x, y):
    if len(x) != len(y):
        raise ValueError(f"x and y must hold the same number of examples m; received len(x) = {len(x)} and "
                         f"len(y) = {len(y)}. Check that y has one label per row of x.")


# ---- hyper-parameters ---------------------------------------------------------------------
def integer(v, what, low=0, fix="", none_ok=False, expected=None):
    """An int >= low (Python or numpy integer; bools, floats and text are refused)."""
    if v is None and none_ok:
        return None
    if isinstance(v, (bool, np.bool_)) or not isinstance(v, (numbers.Integral, np.integer)) or v < low:
        if expected is None:
            expected = {0: "a non-negative integer", 1: "a positive integer"}.get(low, f"an integer >= {low}")
            expected += " or None" if none_ok else ""
        raise ValueError(f"{what} must be {expected}; received {describe(v)}.{' ' + fix if fix else ''}")
    return int(v)


def number(v, what, low=None, high=None, low_open=False, high_open=False, fix=""):
    """A finite real number in [low, high] (open ends where asked); bools and text are refused."""
    ok = isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_))
    if ok:
        v = float(v)
        ok = (np.isfinite(v) and (low is None or (v > low if low_open else v >= low))
              and (high is None or (v < high if high_open else v <= high)))
    if not ok:
        if low is not None and high is not None:
            expected = f"in {'(' if low_open else '['}{low:g}, {high:g}{')' if high_open else ']'}"
        elif low is not None:
            expected = "a positive number" if low == 0 and low_open else f"a number {'>' if low_open else '>='} {low:g}"
        else:
            expected = "a finite number"
        hint = " (a number, not text: drop the quotes)" if isinstance(v, str) else ""
        raise ValueError(f"{what} must be {expected}; received {describe(v)}{hint}.{' ' + fix if fix else ''}")
    return v


def boolean(v, what):
    """True or False (numpy booleans too); 0/1, text and None are refused, so "False" is never True."""
    if not isinstance(v, (bool, np.bool_)):
        raise ValueError(f"{what} must be True or False; received {describe(v)}.")
    return bool(v)


def name(v, what="name"):
    """None or a non-empty text name."""
    if v is not None and not isinstance(v, str):
        raise ValueError(f"{what} must be a string such as 'dense_1' (or None for an automatic "
                         f"name); received {describe(v)}.")
    return v


def sequence(v, what, fix, none_ok=False):
    """A list or tuple (or None if allowed), returned as a list."""
    if v is None and none_ok:
        return []
    if not isinstance(v, (list, tuple)):
        raise ValueError(f"{what} must be a list; received {describe(v)}. {fix}")
    return list(v)


def verbose(v):
    """fit/evaluate/predict's verbose: "auto", 0 (silent), 1 (a progress bar) or 2 (a line per epoch)."""
    if not (v == "auto" if isinstance(v, str) else isinstance(v, (bool, np.bool_, int, np.integer)) and 0 <= v <= 2):
        raise ValueError(f"verbose must be 'auto', 0 (silent), 1 (progress bar) or 2 (one line per "
                         f"epoch); received {describe(v)}.")
    return v


def input_shape(shape):
    """n from a model's input shape (None, n)."""
    fix = "Write model.build((None, n)) with n the number of features."
    shape = sequence(shape, "input_shape", fix)
    if not shape:
        raise ValueError(f"input_shape must be (None, n); received (). {fix}")
    return integer(shape[-1], "n in input_shape (None, n)", fix=fix)


# ---- weights: set_weights of a layer and of a model -------------------------------------------
def weight_list(weights, layers, n_in):
    """[W1, b1, W2, b2, ...] checked against the layers (units) and n_in = n^[0] (None: from W1).

    Returns the list as float arrays; nothing is changed before everything is checked.
    """
    L = len(layers)
    if isinstance(weights, np.ndarray) or not isinstance(weights, (list, tuple)) or len(weights) != 2 * L:
        got = f"{len(weights)} arrays" if isinstance(weights, (list, tuple)) else describe(weights)
        raise ValueError(f"set_weights expects {2 * L} arrays [W1, b1, ..., W{L}, b{L}] for {L} Dense layers; "
                         f"received {got}. Pass model.get_weights() or a list of the same form.")
    out, n_prev = [], n_in
    for l, (layer, W, b) in enumerate(zip(layers, weights[0::2], weights[1::2]), start=1):
        out += layer_weights([W, b], n_prev, layer.units, layer._where(), names=(f"W{l}", f"b{l}"))
        n_prev = layer.units
    return out


def layer_weights(weights, n_in, units, where, names=("W", "b")):
    """[W, b] for one Dense layer: W (n^[l-1], n^[l]) (n_in None: any rows), b (n^[l],)."""
    if isinstance(weights, np.ndarray) or not isinstance(weights, (list, tuple)) or len(weights) != 2:
        got = f"a list of {len(weights)} arrays" if isinstance(weights, (list, tuple)) else describe(weights)
        raise ValueError(f"{where}.set_weights expects [W, b]; received {got}.")
    W, b = real_array(weights[0], names[0]), real_array(weights[1], names[1])
    n = n_in if n_in is not None else (W.shape[0] if W.ndim == 2 else None)
    if W.ndim != 2 or W.shape != (n, units):
        fix = ("If W is in the column convention (n^[l], n^[l-1]), pass W.T." if W.ndim == 2 else
               "W must be a 2-D array with one row per input and one column per unit, e.g. "
               f"np.zeros(({n if n is not None else 2}, {units})).")
        raise ValueError(f"{where} expects W of shape ({n if n is not None else 'n^[l-1]'}, {units}) = "
                         f"(n^[l-1], n^[l]); received {W.shape}. {fix}")
    if b.shape != (units,):
        raise ValueError(f"{where} expects b of shape ({units},); received {b.shape}. "
                         f"Use b.reshape(-1) if it is a column.")
    return [W, b]


# ---- losses --------------------------------------------------------------------------------
def loss_arrays(y_true, y_pred, loss_name):
    """y_true, y_pred as finite float arrays with one row per example: shape (m,) or (m, k), m, k >= 1."""
    y_true, y_pred = real_array(y_true, "y_true"), real_array(y_pred, "y_pred")
    for what, arr in (("y_pred", y_pred), ("y_true", y_true)):
        _one_per_example(arr, f"{loss_name} expects {what} as an array with one entry (or row) per example, shape "
                              f"(m,) or (m, k); received the single number {{v!r}}. For one example write [{{v!r}}], "
                              f"e.g. {loss_name}()([1.0], [0.8]).")
        if arr.shape[0] == 0:
            no_examples(what, arr.shape)
    if y_pred.shape[-1] == 0:
        raise ValueError(f"{loss_name} expects y_pred with at least one output per example; received shape "
                         f"{y_pred.shape}. The last Dense layer needs units >= 1.")
    return y_true, y_pred


def probabilities(y_pred, loss_name):
    """Rows of probabilities for the categorical losses: a_j in [0, 1] and sum_j a_j = 1."""
    logits = f"If these are logits z from a linear output layer, use {loss_name}(from_logits=True)"
    if np.any((y_pred < 0) | (y_pred > 1)):
        raise ValueError(f"{loss_name}(from_logits=False) expects probabilities a in [0, 1] (a softmax output); "
                         f"received values from {np.nanmin(y_pred):.4g} to {np.nanmax(y_pred):.4g}. {logits}.")
    sums = np.sum(y_pred, axis=-1)
    bad = np.argwhere(np.abs(sums - 1) > 0.02)  # rounding is fine (rows are renormalised); NaN passes
    if bad.size:
        i = tuple(int(v) for v in bad[0])
        what = "is all zeros" if sums[i] == 0 else f"sums to {sums[i]:.6g}"
        raise ValueError(f"{loss_name}(from_logits=False) expects each row of y_pred to be probabilities that sum "
                         f"to 1 (a softmax output, within 0.02); row {i[0] if len(i) == 1 else i} {what}. "
                         f"{logits}; otherwise divide each row by its sum.")
