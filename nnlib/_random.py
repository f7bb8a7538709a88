"""One random generator for nnlib, so a single seed makes a run reproducible.

``set_random_seed(seed)`` plays the part of ``keras.utils.set_random_seed``: weight
initialisation and the shuffling in ``fit`` both draw from this generator.
"""
import numpy as np

_rng = np.random.default_rng()


def set_random_seed(seed):
    """Re-seed nnlib's generator (weight init and shuffling). Returns the new generator."""
    global _rng
    _rng = np.random.default_rng(seed)
    return _rng


def get_rng():
    """The generator nnlib draws from now."""
    return _rng
