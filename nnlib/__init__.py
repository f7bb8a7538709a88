"""nnlib: the neural networks of the course, in numpy, with the Keras API.

    from nnlib import Sequential, Dense
    from nnlib.losses import BinaryCrossentropy
    from nnlib.optimizers import Adam

Modules: activations, forward (dense_loop, dense, sequential), layers (Dense), losses,
optimizers, regularizers, model (Sequential), gradcheck, datasets, keras_bridge (TensorFlow,
lazily), widgets and exercises (for the notebooks; they import matplotlib / ipywidgets).
Look-up by Keras name: activations.get("relu"), losses.get("mse"), optimizers.get("adam").
Seeds: set_random_seed(0) from now on, or ``with seeded(0):`` for one block only.
"""
from . import activations, datasets, gradcheck, losses, optimizers
from ._random import seeded, set_random_seed
from .forward import dense, dense_loop, sequential
from .layers import Dense, Input
from .model import History, Sequential

__version__ = "0.1.0"

__all__ = [
    "Dense", "Input", "Sequential", "History", "dense", "dense_loop", "sequential",
    "set_random_seed", "seeded", "activations", "losses", "optimizers", "datasets", "gradcheck",
]
