"""nnlib's one generator: set_random_seed for a whole run, seeded(...) for one block, numpy's global one untouched."""
import numpy as np
import pytest

import nnlib
from nnlib import Dense, Sequential, seeded, set_random_seed
from nnlib.layers import glorot_uniform


def trained_weights(x, y):
    model = Sequential([Dense(3, activation="sigmoid"), Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy")
    model.fit(x, y, batch_size=4, epochs=2, verbose=0)  # init and shuffling both draw from nnlib's generator
    return model.get_weights()


def test_seeded_block_is_reproducible_and_leaves_the_outer_generator_as_it_was(rng):
    x, y = rng.normal(size=(10, 2)), rng.integers(0, 2, 10).astype(float)
    set_random_seed(5)
    expected_next = glorot_uniform(2, 2)  # what the generator seeded with 5 gives first
    set_random_seed(5)
    with seeded(1) as gen:
        assert isinstance(gen, np.random.Generator)
        first = trained_weights(x, y)
    with seeded(1):
        second = trained_weights(x, y)
    np.testing.assert_array_equal(glorot_uniform(2, 2), expected_next)  # the blocks drew nothing from it
    for a, b in zip(first, second):
        np.testing.assert_array_equal(a, b)
    with seeded(2):
        other = trained_weights(x, y)
    assert not np.array_equal(first[0], other[0])


def test_seeded_takes_a_generator_and_draws_from_it():
    with seeded(np.random.default_rng(3)):
        W = glorot_uniform(4, 2)
    np.testing.assert_array_equal(W, glorot_uniform(4, 2, rng=np.random.default_rng(3)))


def test_seeded_restores_even_after_an_error():
    before = nnlib._random.get_rng()
    with pytest.raises(ZeroDivisionError):
        with seeded(0):
            1 / 0
    assert nnlib._random.get_rng() is before


def test_numpy_global_generator_is_never_touched():
    np.random.seed(123)
    state = np.random.get_state()[1].copy()
    set_random_seed(0)
    with seeded(1):
        trained_weights(np.ones((4, 2)), np.array([0.0, 1.0, 0.0, 1.0]))
    np.testing.assert_array_equal(np.random.get_state()[1], state)


@pytest.mark.parametrize("bad", [-1, 1.5, "0", True, [1]])
def test_bad_seeds_are_refused(bad):
    with pytest.raises(ValueError, match=r"seed must be a non-negative integer such as 0 or 42, a np\.random\.Generator"):
        with seeded(bad):
            pass
