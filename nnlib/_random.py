"""One random generator for nnlib, so a single seed makes a run reproducible.

Weight initialisation (Dense.build, glorot_uniform) and the shuffling in ``fit`` both draw
from this generator; numpy's global generator (np.random.seed) is never touched.

    nnlib.set_random_seed(0)        # like keras.utils.set_random_seed: from now on
    with nnlib.seeded(1):           # only inside the block; the generator before comes back after
        model = Sequential([Dense(3, activation="sigmoid")]); model.fit(x, y)
"""
from contextlib import contextmanager

import numpy as np

_rng = np.random.default_rng()


def _generator(seed, rng_ok=False):
    """A new generator for seed (None: fresh entropy), or seed itself if it is a Generator and rng_ok."""
    if rng_ok and isinstance(seed, np.random.Generator):
        return seed
    if seed is not None and (isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer))
                             or seed < 0):
        also = ", a np.random.Generator" if rng_ok else ""
        raise ValueError(f"seed must be a non-negative integer such as 0 or 42{also} (or None for a fresh random "
                         f"one); received {seed!r}.")
    return np.random.default_rng(seed)


def set_random_seed(seed):
    """Re-seed nnlib's generator (weight init and shuffling). Returns the new generator."""
    global _rng
    _rng = _generator(seed)
    return _rng


@contextmanager
def seeded(seed):
    """Run a block with nnlib's generator seeded, then restore the generator that was there before.

    Args:
        seed: a non-negative integer, a np.random.Generator to draw from, or None (fresh entropy).
    Yields the generator in use. Code outside the block (a notebook's own seed) is not disturbed.
    """
    global _rng
    saved, _rng = _rng, _generator(seed, rng_ok=True)
    try:
        yield _rng
    finally:
        _rng = saved


def get_rng():
    """The generator nnlib draws from now."""
    return _rng
