"""A synthetic multi-label image set: does the picture contain a car, a bus, a pedestrian?

Each small grey image (12 x 12 by default) contains each of the three objects independently
with probability ``p``, at a random position where it does not overlap the others, drawn as a tiny
pixel sprite of random brightness, and a little Gaussian noise is added. So an image can hold none,
one, two or all three objects: its label is a vector y = (car, bus, pedestrian) of 0s and 1s,
the course's multi-label example. Generated with a fixed seed, offline, in numpy only.

    X, Y = load_multilabel_shapes(m=1600, seed=0)     # X (m, 144) in [0, 1], Y (m, 3)
"""
import numpy as np

LABELS = ("car", "bus", "pedestrian")

# The sprites: 1 = object pixel. A car is short and low, a bus long with windows,
# a pedestrian a tall stick figure.
SPRITES = {
    "car": np.array([[0, 1, 1, 1, 0],
                     [1, 1, 1, 1, 1],
                     [0, 1, 0, 1, 0]], dtype=float),
    "bus": np.array([[1, 1, 1, 1, 1, 1, 1, 1],
                     [1, 0, 1, 0, 1, 0, 1, 1],
                     [1, 1, 1, 1, 1, 1, 1, 1],
                     [0, 1, 0, 0, 0, 0, 1, 0]], dtype=float),
    "pedestrian": np.array([[0, 1, 0],
                            [1, 1, 1],
                            [0, 1, 0],
                            [0, 1, 0],
                            [1, 0, 1]], dtype=float),
}


def draw_scene(labels, rng, size=12, noise=0.08):
    """One image (size, size) with the objects whose label is 1, at random places that do not overlap.

    Args:
        labels: three 0/1 values for (car, bus, pedestrian).
        rng: a numpy Generator (positions, brightness and noise are drawn from it).
    """
    img = np.zeros((size, size))
    taken = np.zeros((size, size), dtype=bool)
    for name, present in zip(LABELS, labels):
        if not present:
            continue
        sprite = SPRITES[name]
        h, w = sprite.shape
        for _ in range(200):  # random places until the object's box is free (always found at 12 x 12)
            r = rng.integers(0, size - h + 1)
            c = rng.integers(0, size - w + 1)
            if not taken[r:r + h, c:c + w].any():
                break
        taken[r:r + h, c:c + w] = True
        img[r:r + h, c:c + w] = rng.uniform(0.6, 1.0) * sprite
    img += rng.normal(0.0, noise, img.shape)
    return np.clip(img, 0.0, 1.0)


def load_multilabel_shapes(m=1600, size=12, p=0.45, noise=0.08, seed=0):
    """m images with independent labels car / bus / pedestrian (each present with probability p).

    Returns X of shape (m, size * size), pixels in [0, 1], one image per row (reshape a row to
    (size, size) to look at it), and Y of shape (m, 3) with Y[i, k] = 1 when object LABELS[k]
    is in image i.
    """
    if not 0 <= p <= 1:
        raise ValueError(f"p is the probability that an object is present; expected 0 <= p <= 1, received {p}.")
    if size < 8:
        raise ValueError(f"size must be at least 8 so the bus (4 x 8 pixels) fits; received {size}.")
    rng = np.random.default_rng(seed)
    Y = (rng.random((m, len(LABELS))) < p).astype(float)
    X = np.stack([draw_scene(y, rng, size, noise).ravel() for y in Y])
    return X, Y
