"""Small data sets used by the chapters; all offline, generated with fixed seeds.

- ``load_coffee_data``: the course's coffee-roasting data (temperature, duration -> good roast);
  ``normalize_coffee`` scales roasts with the statistics of its 200 training roasts
  (``coffee_statistics``), as the course's Normalization layer adapted to them does.
- ``load_tshirt_data``: the T-shirt demand example (price, shipping, marketing, material -> top seller).
- ``load_toy_data``: the notes' four examples x = [[200,17],[120,5],[425,20],[212,18]], y = [1,0,0,1].
- ``load_digits``: scikit-learn's bundled 8x8 hand-written digits (1797 images, no download).
- ``load_digits_split``: those 8x8 digits split 75 % / 25 % with a fixed seed (chapter 11's data;
  always the same, never a download).
- ``load_mnist``: full MNIST (28x28) through Keras, only when asked for: an optional extra. It
  never falls back to another data set; it says how to get MNIST when it cannot load it.
"""
import os
from functools import lru_cache

import numpy as np

from ._validate import integer, real_array

TSHIRT_FEATURES = ("price", "shipping_cost", "marketing", "material")
COFFEE_TEMPERATURES = (150.0, 285.0)  # °C: the range of load_coffee_data's temperatures
COFFEE_DURATIONS = (11.5, 15.5)       # minutes: the range of its durations


def load_coffee_data(m=200, seed=2):
    """Coffee roasting: x = (temperature in °C, duration in minutes), y = 1 for a good roast.

    Temperatures are uniform in [150, 285] °C and durations in [11.5, 15.5] min. A roast is
    good inside the course's band: 175 < t < 260, 12 < d < 15 and d <= -3/85 t + 21
    (too hot for too long burns the beans).
    Shapes: X (m, 2), y (m, 1) as in the course's lab.
    """
    m = integer(m, "m", low=1, fix="It is the number of roasts, e.g. load_coffee_data(m=200).")
    rng = np.random.default_rng(integer(seed, "seed", fix="Any whole number >= 0 gives its own roasts."))
    X = rng.random((m, 2))
    (t_low, t_high), (d_low, d_high) = COFFEE_TEMPERATURES, COFFEE_DURATIONS
    X[:, 1] = X[:, 1] * (d_high - d_low) + d_low
    X[:, 0] = X[:, 0] * (t_high - t_low) + t_low
    t, d = X[:, 0], X[:, 1]
    good = (t > 175) & (t < 260) & (d > 12) & (d < 15) & (d <= -3 / (260 - 175) * t + 21)
    return X, good.astype(float).reshape(-1, 1)


@lru_cache(maxsize=1)
def _coffee_statistics():
    X, _ = load_coffee_data()
    return X.mean(axis=0), X.std(axis=0)


def coffee_statistics():
    """(mean, std) per column of the 200 training roasts of ``load_coffee_data()``. Shapes: (2,), (2,).

    These are what keras.layers.Normalization().adapt(X) learns from the same roasts (its
    variance is the population one, std with ddof=0, as here).
    """
    mu, sigma = _coffee_statistics()
    return mu.copy(), sigma.copy()


def normalize_coffee(X):
    """x_norm = (x - mean) / std, column by column, with the training roasts' ``coffee_statistics()``.

    New roasts are scaled with the training data's numbers, never their own.
    Shapes: X (m, 2) or one roast (2,) as (temperature in °C, duration in minutes) -> the same shape.
    """
    X = real_array(X, "X")
    if X.ndim not in (1, 2) or X.shape[-1] != 2:
        raise ValueError(f"normalize_coffee expects roasts (temperature, duration) of shape (m, 2) or (2,); "
                         f"received shape {X.shape}. Write e.g. normalize_coffee([[200.0, 13.5]]).")
    mu, sigma = _coffee_statistics()
    return (X - mu) / sigma


def load_tshirt_data(m=400, seed=0):
    """T-shirt demand: will a T-shirt be a top seller?

    Features (columns): price in $ (5-40), shipping cost in $ (0-10), marketing spend in
    $1000 (0-50), material quality score (1-10). The label follows three hidden ideas, the
    course's hidden layer: affordability (low price + shipping), awareness (marketing) and
    perceived quality (price and material). A shirt sells well when the three together are
    high, with a little label noise.
    Returns X (m, 4), y (m,), and the feature names.
    """
    rng = np.random.default_rng(seed)
    price = rng.uniform(5, 40, m)
    shipping = rng.uniform(0, 10, m)
    marketing = rng.uniform(0, 50, m)
    material = rng.uniform(1, 10, m)
    affordability = 1 - (price + shipping - 5) / 45
    awareness = marketing / 50
    quality = 0.7 * (material - 1) / 9 + 0.3 * (price - 5) / 35
    score = affordability + awareness + quality + rng.normal(0, 0.1, m)
    y = (score > 1.55).astype(float)
    X = np.column_stack([price, shipping, marketing, material])
    return X, y, TSHIRT_FEATURES


def load_toy_data():
    """The notes' example: x = [[200,17],[120,5],[425,20],[212,18]], y = [1,0,0,1]."""
    return np.array([[200.0, 17.0], [120.0, 5.0], [425.0, 20.0], [212.0, 18.0]]), np.array([1.0, 0.0, 0.0, 1.0])


def load_digits(scale=True):
    """scikit-learn's bundled 8x8 digits: X (1797, 64), y (1797,) with labels 0-9.

    Pixels are 0-16 in the file; ``scale=True`` divides by 16 so they lie in [0, 1].
    Needs scikit-learn (installed by requirements.txt); reads no network.
    """
    try:
        from sklearn.datasets import load_digits as _load
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError("load_digits needs scikit-learn: pip install scikit-learn") from None
    d = _load()
    X = d.data.astype(float)
    return (X / 16.0 if scale else X), d.target.astype(int)


def load_digits_split(test_size=0.25, seed=0):
    """The bundled 8x8 digits split into training and test sets: ((x_train, y_train), (x_test, y_test)).

    Stratified (every digit in the same proportion on both sides), fixed ``seed``; reads no
    network. With the defaults: 1347 training and 450 test images of 64 pixels in [0, 1].
    Shapes: x_train (1347, 64), y_train (1347,), x_test (450, 64), y_test (450,).
    """
    from sklearn.model_selection import train_test_split

    X, y = load_digits()
    xtr, xte, ytr, yte = train_test_split(X, y, test_size=test_size, random_state=seed, stratify=y)
    return (xtr, ytr), (xte, yte)


def load_mnist(allow_download=None):
    """Full MNIST, an optional extra: ((x_train, y_train), (x_test, y_test)), pixels in [0, 1].

    60 000 training and 10 000 test images of 28x28 = 784 pixels, through Keras (cached in
    ~/.keras/datasets/mnist.npz after the first download, about 11 MB). Downloading is allowed
    unless ``allow_download=False`` or the environment variable NNLIB_OFFLINE=1 is set (the test
    suite sets it). When MNIST cannot be loaded this raises RuntimeError saying why; it never
    returns another data set in its place.
    Shapes: x_train (60000, 784), y_train (60000,), x_test (10000, 784), y_test (10000,).
    """
    if allow_download is None:
        allow_download = os.environ.get("NNLIB_OFFLINE", "0") != "1"
    cached = os.path.exists(os.path.join(os.path.expanduser("~"), ".keras", "datasets", "mnist.npz"))
    if not cached and not allow_download:
        raise RuntimeError("MNIST is not cached and downloading is off (allow_download=False or "
                           "NNLIB_OFFLINE=1); run keras.datasets.mnist.load_data() once online, "
                           "or use load_digits_split() for the bundled 8x8 digits.")
    try:
        import keras  # only here: nnlib itself needs numpy alone

        (xtr, ytr), (xte, yte) = keras.datasets.mnist.load_data()
    except Exception as err:  # no network, no Keras, ...
        raise RuntimeError(f"MNIST could not be loaded ({type(err).__name__}: {err}); "
                           "use load_digits_split() for the bundled 8x8 digits.") from None
    return ((xtr.reshape(len(xtr), -1) / 255.0, ytr.astype(int)),
            (xte.reshape(len(xte), -1) / 255.0, yte.astype(int)))
