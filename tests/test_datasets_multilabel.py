"""nnlib.datasets_multilabel: shapes, determinism, label statistics, the objects really drawn, bad input."""
import numpy as np
import pytest

from nnlib.datasets_multilabel import LABELS, SPRITES, draw_scene, load_multilabel_shapes


def test_shapes_and_ranges():
    X, Y = load_multilabel_shapes(m=50, seed=1)
    assert X.shape == (50, 144) and Y.shape == (50, 3)
    assert X.min() >= 0.0 and X.max() <= 1.0
    assert set(np.unique(Y)) <= {0.0, 1.0}


def test_same_seed_same_data_other_seed_other_data():
    X1, Y1 = load_multilabel_shapes(m=30, seed=3)
    X2, Y2 = load_multilabel_shapes(m=30, seed=3)
    X3, _ = load_multilabel_shapes(m=30, seed=4)
    assert np.array_equal(X1, X2) and np.array_equal(Y1, Y2)
    assert not np.array_equal(X1, X3)


def test_labels_are_independent_with_probability_p():
    _, Y = load_multilabel_shapes(m=4000, p=0.45, seed=0)
    assert np.allclose(Y.mean(axis=0), 0.45, atol=0.03)
    # independence: P(car and bus) close to P(car) P(bus)
    both = np.mean(Y[:, 0] * Y[:, 1])
    assert abs(both - Y[:, 0].mean() * Y[:, 1].mean()) < 0.02
    assert np.mean(Y.sum(axis=1) >= 2) > 0.3      # many images have several labels


def test_each_present_object_is_drawn_whole_and_absent_ones_are_not():
    rng = np.random.default_rng(0)
    for labels in ([1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1]):
        img = draw_scene(labels, rng, size=12, noise=0.0)
        bright = img > 0
        assert bright.sum() == sum(SPRITES[n].sum() for n, y in zip(LABELS, labels) if y)
    assert not draw_scene([0, 0, 0], rng, noise=0.0).any()


def test_p_zero_and_one():
    _, Y0 = load_multilabel_shapes(m=20, p=0.0, seed=0)
    _, Y1 = load_multilabel_shapes(m=20, p=1.0, seed=0)
    assert Y0.sum() == 0 and Y1.sum() == 60


def test_bad_input():
    with pytest.raises(ValueError, match="probability"):
        load_multilabel_shapes(m=5, p=1.5)
    with pytest.raises(ValueError, match="bus"):
        load_multilabel_shapes(m=5, size=6)
