"""The point generators behind nnlib.playground_data.make_dataset (numpy, a given rng).

Each takes m and a numpy Generator and returns X (m, 2) in [-1, 1] x [-1, 1] and y (m,),
before make_dataset adds the noise and shuffles. Classification sets give labels 0..K-1
as floats; regression sets give a continuous target.

TensorFlow Playground draws its points in [-6, 6] x [-6, 6] (src/dataset.ts); the regression
sets below are its regressPlane and regressGaussian with every length divided by 6.
"""
import numpy as np


def split(m, k):
    """How many points each of k classes gets: as equal as possible, summing to m."""
    return [m // k + (1 if i < m % k else 0) for i in range(k)]


# ---- classification ------------------------------------------------------------------------
def circle(m, rng):
    n1, n0 = split(m, 2)
    r1 = 0.5 * np.sqrt(rng.uniform(0, 1, n1))           # uniform over the disc of radius 0.5
    r0 = rng.uniform(0.7, 1.0, n0)                       # the ring between 0.7 and 1.0
    t = rng.uniform(0, 2 * np.pi, n1 + n0)
    r = np.concatenate([r1, r0])
    X = np.column_stack([r * np.cos(t), r * np.sin(t)])
    return X, np.concatenate([np.ones(n1), np.zeros(n0)])


def xor(m, rng):
    X = rng.uniform(-1, 1, (m, 2))
    X += np.sign(X) * 0.05                               # keep points off the axes, as Playground does
    X = np.clip(X, -1, 1)
    return X, (X[:, 0] * X[:, 1] > 0).astype(float)


def gauss(m, rng):
    n1, n0 = split(m, 2)
    X1 = rng.normal([0.45, 0.45], 0.22, (n1, 2))
    X0 = rng.normal([-0.45, -0.45], 0.22, (n0, 2))
    return np.vstack([X1, X0]), np.concatenate([np.ones(n1), np.zeros(n0)])


def spiral(m, rng):
    parts, labels = [], []
    for label, (n, shift) in enumerate(zip(split(m, 2), (0.0, np.pi))):
        s = rng.uniform(0, 1, n)                          # position along the arm
        r = 0.05 + 0.95 * s
        t = 1.75 * 2 * np.pi * s + shift                  # one and three quarter turns
        parts.append(np.column_stack([r * np.sin(t), r * np.cos(t)]))
        labels.append(np.full(n, label, dtype=float))
    return np.vstack(parts), np.concatenate(labels)


def blobs(m, rng, k):
    angles = np.pi / 2 + 2 * np.pi * np.arange(k) / k + (np.pi / 4 if k == 4 else 0.0)
    centres = 0.55 * np.column_stack([np.cos(angles), np.sin(angles)])
    parts, labels = [], []
    for label, n in enumerate(split(m, k)):
        parts.append(rng.normal(centres[label], 0.2, (n, 2)))
        labels.append(np.full(n, label, dtype=float))
    return np.vstack(parts), np.concatenate(labels)


# ---- regression ----------------------------------------------------------------------------
def plane(m, rng):
    """y = 0.6 (x1 + x2), a tilted plane: Playground's (x + y) / 10 with x = 6 x1, y = 6 x2.

    Like Playground's the target is not clipped, so it runs from -1.2 to 1.2 at the corners.
    """
    X = rng.uniform(-1, 1, (m, 2))
    return X, 0.6 * (X[:, 0] + X[:, 1])


# Playground's six bumps (centre x, centre y, sign) divided by 6: two rows of three, signs alternating.
BUMPS = np.array([[-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1],
                  [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1]]) / [6, 6, 1]
BUMP_RADIUS = 2 / 6                                      # Playground's height falls from 1 to 0 over distance 2


def gaussians(m, rng):
    """y = the bump of largest |height|, each bump sign * max(0, 1 - distance / (1/3)).

    Playground's regressGaussian: its "Gaussians" are cones of radius 1/3 (2 on its [-6, 6] plane),
    +1 or -1 at the centre; where none reaches, y = 0.
    """
    X = rng.uniform(-1, 1, (m, 2))
    d = np.hypot(X[:, None, 0] - BUMPS[:, 0], X[:, None, 1] - BUMPS[:, 1])          # (m, 6)
    heights = BUMPS[:, 2] * np.clip(1 - d / BUMP_RADIUS, 0, 1)                        # (m, 6)
    return X, heights[np.arange(m), np.argmax(np.abs(heights), axis=1)]
