"""One random generator for nnlib, so a single seed makes a run reproducible.

``set_random_seed(seed)`` plays the part of ``keras.utils.set_random_seed``: weight
initialisation and the shuffling in ``fit`` both draw from this generator.
"""
import numpy as np

_rng = np.random.default_rng()


def set_random_seed(seed):
    """Re-seed nnlib's generator (weight init and shuffling). Returns the new generator."""
    global _rng
    if seed is not None and (isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer))
                             or seed < 0):
        raise ValueError(f"seed must be a non-negative integer such as 0 or 42 (or None for a fresh random "
                         f"one); received {seed!r}.")
    _rng = np.random.default_rng(seed)
    return _rng


def get_rng():
    """The generator nnlib draws from now."""
    return _rng
