"""nnlib.datasets: shapes, ranges, the coffee band, determinism, and offline MNIST fallback."""
import numpy as np
import pytest

from nnlib import datasets


def test_coffee_shapes_ranges_and_band():
    X, y = datasets.load_coffee_data()
    assert X.shape == (200, 2) and y.shape == (200, 1)
    t, d = X[:, 0], X[:, 1]
    assert t.min() >= 150 and t.max() <= 285 and d.min() >= 11.5 and d.max() <= 15.5
    assert t.max() - t.min() > 120 and d.max() - d.min() > 3.5  # it spans the ranges
    # the course's band, written out: 175 < t < 260, 12 < d < 15, below the line from (175, 15) to (260, 12)
    good = (t > 175) & (t < 260) & (d > 12) & (d < 15) & (d <= 21 - 3 * t / 85)
    np.testing.assert_array_equal(y[:, 0], good.astype(float))
    assert 0.1 < y.mean() < 0.6  # both classes, as in the lab


def test_coffee_fixed_seed():
    a, b = datasets.load_coffee_data(), datasets.load_coffee_data()
    np.testing.assert_array_equal(a[0], b[0])
    assert not np.array_equal(a[0], datasets.load_coffee_data(seed=3)[0])
    assert datasets.load_coffee_data(m=17)[0].shape == (17, 2)


def test_tshirt():
    X, y, names = datasets.load_tshirt_data()
    assert X.shape == (400, 4) and y.shape == (400,)
    assert names == ("price", "shipping_cost", "marketing", "material")
    lo, hi = X.min(axis=0), X.max(axis=0)
    assert np.all(lo >= [5, 0, 0, 1]) and np.all(hi <= [40, 10, 50, 10])
    assert set(np.unique(y)) == {0.0, 1.0} and 0.1 < y.mean() < 0.9
    np.testing.assert_array_equal(X, datasets.load_tshirt_data()[0])
    # more marketing, more top sellers (the "awareness" neuron)
    assert y[X[:, 2] > 25].mean() > y[X[:, 2] < 25].mean()


def test_toy_data_is_the_notes_example():
    X, y = datasets.load_toy_data()
    assert X.tolist() == [[200, 17], [120, 5], [425, 20], [212, 18]]
    assert y.tolist() == [1, 0, 0, 1]


def test_digits_bundled():
    X, y = datasets.load_digits()
    assert X.shape == (1797, 64) and y.shape == (1797,)
    assert X.min() == 0.0 and X.max() == 1.0
    assert sorted(np.unique(y)) == list(range(10)) and y.dtype.kind == "i"
    assert datasets.load_digits(scale=False)[0].max() == 16.0


def test_digits_split_is_fixed_and_offline(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    (xtr, ytr), (xte, yte) = datasets.load_digits_split()
    assert xtr.shape == (1347, 64) and xte.shape == (450, 64) and len(ytr) == 1347 and len(yte) == 450
    assert sorted(np.unique(yte)) == list(range(10))
    np.testing.assert_array_equal(xtr, datasets.load_digits_split()[0][0])  # the split has a fixed seed


def test_load_mnist_offline_refuses_instead_of_switching(monkeypatch, tmp_path):
    """No cached MNIST and no download allowed: a clear error, never another data set."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("NNLIB_OFFLINE", "1")
    with pytest.raises(RuntimeError, match="load_digits_split"):
        datasets.load_mnist()
    with pytest.raises(RuntimeError, match="not cached"):
        datasets.load_mnist(allow_download=False)


# ---- coffee normalisation (chapter 2's network reads normalised roasts) -----------------------------
def test_normalize_coffee_uses_the_training_roasts_statistics():
    X, _ = datasets.load_coffee_data()
    mu, sigma = datasets.coffee_statistics()
    np.testing.assert_array_equal(mu, X.mean(axis=0))
    np.testing.assert_array_equal(sigma, X.std(axis=0))
    Xn = datasets.normalize_coffee(X)
    np.testing.assert_allclose(Xn.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(Xn.std(axis=0), 1, rtol=1e-12)
    new = datasets.load_coffee_data(m=5, seed=9)[0]  # new roasts: the training numbers, not their own
    np.testing.assert_allclose(datasets.normalize_coffee(new), (new - X.mean(axis=0)) / X.std(axis=0), rtol=1e-15)
    np.testing.assert_allclose(datasets.normalize_coffee(new[0]), datasets.normalize_coffee(new)[0], rtol=1e-15)
    mu[0] = 0  # copies: the caller cannot change the statistics
    np.testing.assert_array_equal(datasets.coffee_statistics()[0], X.mean(axis=0))


def test_normalize_coffee_equals_keras_normalization_adapted_to_the_roasts():
    keras = pytest.importorskip("keras")
    X, _ = datasets.load_coffee_data()
    norm = keras.layers.Normalization(axis=-1)
    norm.adapt(X.astype("float32"))
    np.testing.assert_allclose(datasets.normalize_coffee(X), norm(X.astype("float32")).numpy(), atol=1e-4)


def test_coffee_ranges_are_the_data_ranges():
    X, _ = datasets.load_coffee_data(m=2000)
    assert datasets.COFFEE_TEMPERATURES[0] <= X[:, 0].min() and X[:, 0].max() <= datasets.COFFEE_TEMPERATURES[1]
    assert datasets.COFFEE_DURATIONS[0] <= X[:, 1].min() and X[:, 1].max() <= datasets.COFFEE_DURATIONS[1]


def test_coffee_bad_input():
    with pytest.raises(ValueError, match=r"normalize_coffee expects roasts \(temperature, duration\) of shape "
                                         r"\(m, 2\) or \(2,\); received shape \(3,\)"):
        datasets.normalize_coffee([200.0, 13.0, 1.0])
    with pytest.raises(ValueError, match=r"X contains NaN"):
        datasets.normalize_coffee([[200.0, np.nan]])
    with pytest.raises(ValueError, match=r"m must be a positive integer; received 0"):
        datasets.load_coffee_data(m=0)
