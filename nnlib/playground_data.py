"""The 2-D data sets of the playground (chapter 13), made with numpy and a fixed seed.

Every set lives in the square [-1, 1] x [-1, 1] (a little noise may step outside) and
comes with integer labels 0..K-1:

    circle   K=2  a disc (label 1) inside a ring (label 0)
    xor      K=2  label 1 where x1 and x2 have the same sign: no straight line separates it
    gauss    K=2  two Gaussian clouds: one straight line separates them
    spiral   K=2  two interleaved spirals: the hardest one
    blobs3   K=3  three Gaussian clouds (needs a softmax output)
    blobs4   K=4  four Gaussian clouds (needs a softmax output)

``make_dataset(name, m, noise, seed)`` returns X of shape (m, 2) and y of shape (m,).
``noise`` is the standard deviation of Gaussian jitter added to every point (0 to about 0.3).
"""
import numpy as np

N_CLASSES = {"circle": 2, "xor": 2, "gauss": 2, "spiral": 2, "blobs3": 3, "blobs4": 4}
DATASETS = tuple(N_CLASSES)


def _split(m, k):
    """How many points each of k classes gets: as equal as possible, summing to m."""
    return [m // k + (1 if i < m % k else 0) for i in range(k)]


def _circle(m, rng):
    n1, n0 = _split(m, 2)
    r1 = 0.5 * np.sqrt(rng.uniform(0, 1, n1))           # uniform over the disc of radius 0.5
    r0 = rng.uniform(0.7, 1.0, n0)                       # the ring between 0.7 and 1.0
    t = rng.uniform(0, 2 * np.pi, n1 + n0)
    r = np.concatenate([r1, r0])
    X = np.column_stack([r * np.cos(t), r * np.sin(t)])
    return X, np.concatenate([np.ones(n1), np.zeros(n0)])


def _xor(m, rng):
    X = rng.uniform(-1, 1, (m, 2))
    X += np.sign(X) * 0.05                               # keep points off the axes, as Playground does
    X = np.clip(X, -1, 1)
    return X, (X[:, 0] * X[:, 1] > 0).astype(float)


def _gauss(m, rng):
    n1, n0 = _split(m, 2)
    X1 = rng.normal([0.45, 0.45], 0.22, (n1, 2))
    X0 = rng.normal([-0.45, -0.45], 0.22, (n0, 2))
    return np.vstack([X1, X0]), np.concatenate([np.ones(n1), np.zeros(n0)])


def _spiral(m, rng):
    parts, labels = [], []
    for label, (n, shift) in enumerate(zip(_split(m, 2), (0.0, np.pi))):
        s = rng.uniform(0, 1, n)                          # position along the arm
        r = 0.05 + 0.95 * s
        t = 1.75 * 2 * np.pi * s + shift                  # one and three quarter turns
        parts.append(np.column_stack([r * np.sin(t), r * np.cos(t)]))
        labels.append(np.full(n, label, dtype=float))
    return np.vstack(parts), np.concatenate(labels)


def _blobs(m, rng, k):
    angles = np.pi / 2 + 2 * np.pi * np.arange(k) / k + (np.pi / 4 if k == 4 else 0.0)
    centres = 0.55 * np.column_stack([np.cos(angles), np.sin(angles)])
    parts, labels = [], []
    for label, n in enumerate(_split(m, k)):
        parts.append(rng.normal(centres[label], 0.2, (n, 2)))
        labels.append(np.full(n, label, dtype=float))
    return np.vstack(parts), np.concatenate(labels)


def make_dataset(name, m=200, noise=0.0, seed=0):
    """X (m, 2) and integer labels y (m,) of one of DATASETS, shuffled, from a fixed seed.

    Args:
        name: one of "circle", "xor", "gauss", "spiral", "blobs3", "blobs4".
        m: number of examples.
        noise: standard deviation of the Gaussian jitter added to each coordinate.
        seed: the same seed gives the same points; use another seed for a test set.
    Shapes: X (m, 2), y (m,) with values 0..K-1 (K = N_CLASSES[name]).
    """
    if name not in N_CLASSES:
        raise ValueError(f"Unknown data set {name!r}; expected one of {list(DATASETS)}.")
    if not isinstance(m, (int, np.integer)) or m < N_CLASSES[name]:
        raise ValueError(f"m must be an integer of at least {N_CLASSES[name]} (one point per class); "
                         f"received {m!r}.")
    if not np.isfinite(noise) or noise < 0:
        raise ValueError(f"noise is a standard deviation, so it must be >= 0; received {noise!r}.")
    rng = np.random.default_rng(seed)
    if name.startswith("blobs"):
        X, y = _blobs(m, rng, N_CLASSES[name])
    else:
        X, y = {"circle": _circle, "xor": _xor, "gauss": _gauss, "spiral": _spiral}[name](m, rng)
    X = X + rng.normal(0, 1, X.shape) * noise
    order = rng.permutation(m)
    return X[order], y[order].astype(int)
