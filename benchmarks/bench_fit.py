"""fit on the digits network 64-25-15-10 (ReLU, ReLU, linear + SparseCategoricalCrossentropy(from_logits=True),
Adam, batch 32): nnlib against tf.keras and against a bare numpy loop, measured side by side in one run.

    python benchmarks/bench_fit.py [--epochs 5] [--repeats 5]

Each contender trains for the same number of epochs on scikit-learn's 1797 digits (57 steps of
32 examples per epoch, the last one of 5), shuffling every epoch. Wall-clock times
(time.perf_counter) are the median and the best of the repeats; CPU times (time.process_time)
the median. Keras is timed warm: its model is built, compiled and traced by a
first one-epoch fit that is not timed (its one-off cost is printed separately).
"""
import argparse
import os
import statistics
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
# numpy's BLAS on one thread (unless set): on a small machine shared with other work, OpenBLAS's
# spinning threads make small matrix products 10-100x slower at random. TensorFlow keeps its threads.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

import nnlib  # noqa: E402
from nnlib import Dense, Sequential  # noqa: E402
from nnlib.datasets import load_digits  # noqa: E402
from nnlib.losses import SparseCategoricalCrossentropy  # noqa: E402
from nnlib.optimizers import Adam  # noqa: E402

SIZES = (64, 25, 15, 10)
BATCH = 32


def timings(fns, repeats):
    """Per function: (median wall s, best wall s, median CPU s), the runs interleaved so all see
    the same machine load. CPU time (time.process_time) counts this process's threads only while
    they run, so it is not inflated when other jobs share the CPUs; TensorFlow's CPU time adds up
    its worker threads."""
    wall = {name: [] for name in fns}
    cpu = {name: [] for name in fns}
    for _ in range(repeats):
        for name, fn in fns.items():
            t0, c0 = time.perf_counter(), time.process_time()
            fn()
            wall[name].append(time.perf_counter() - t0)
            cpu[name].append(time.process_time() - c0)
    return {name: (statistics.median(wall[name]), min(wall[name]), statistics.median(cpu[name])) for name in fns}


# ---- nnlib -----------------------------------------------------------------------------------
def nnlib_fit(X, y, epochs):
    nnlib.set_random_seed(0)
    model = Sequential([Dense(25, activation="relu"), Dense(15, activation="relu"), Dense(10, activation="linear")])
    model.compile(optimizer=Adam(learning_rate=1e-3), loss=SparseCategoricalCrossentropy(from_logits=True))
    return model.fit(X, y, batch_size=BATCH, epochs=epochs, verbose=0).history["loss"]


# ---- a bare numpy loop: the same maths, no checks, no objects ------------------------------------
def bare_numpy_fit(X, y, epochs, lr=1e-3, b1=0.9, b2=0.999, eps=1e-7):
    rng = np.random.default_rng(0)
    params = []
    for n_in, n_out in zip(SIZES[:-1], SIZES[1:]):
        r = np.sqrt(6.0 / (n_in + n_out))
        params += [rng.uniform(-r, r, (n_in, n_out)), np.zeros(n_out)]
    ms = [np.zeros_like(p) for p in params]
    vs = [np.zeros_like(p) for p in params]
    Y = np.eye(10)[y]
    m, t, losses = len(X), 0, []
    for _ in range(epochs):
        order = rng.permutation(m)
        total = 0.0
        for s in range(0, m, BATCH):
            idx = order[s:s + BATCH]
            xb, Yb, k = X[idx], Y[idx], len(idx)
            W1, b1_, W2, b2_, W3, b3 = params
            z1 = xb @ W1 + b1_
            a1 = np.maximum(z1, 0.0)
            z2 = a1 @ W2 + b2_
            a2 = np.maximum(z2, 0.0)
            z3 = a2 @ W3 + b3
            zmax = z3.max(axis=1, keepdims=True)
            e = np.exp(z3 - zmax)
            se = e.sum(axis=1, keepdims=True)
            total += -np.sum((z3 - zmax - np.log(se)) * Yb)
            dz3 = (e / se - Yb) / k
            dz2 = (dz3 @ W3.T) * (z2 > 0)
            dz1 = (dz2 @ W2.T) * (z1 > 0)
            grads = [xb.T @ dz1, dz1.sum(0), a1.T @ dz2, dz2.sum(0), a2.T @ dz3, dz3.sum(0)]
            t += 1
            alpha = lr * np.sqrt(1 - b2 ** t) / (1 - b1 ** t)
            for p, g, mm, vv in zip(params, grads, ms, vs):
                mm += (1 - b1) * (g - mm)
                vv += (1 - b2) * (g * g - vv)
                p -= alpha * mm / (np.sqrt(vv) + eps)
        losses.append(total / m)
    return losses


# ---- tf.keras --------------------------------------------------------------------------------
def keras_model():
    import keras

    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input(shape=(64,)), keras.layers.Dense(25, activation="relu"),
                              keras.layers.Dense(15, activation="relu"), keras.layers.Dense(10, activation="linear")])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    return model


def run(epochs=5, repeats=5, with_keras=True, out=print):
    X, y = load_digits()
    fns = {"nnlib Sequential.fit": lambda: nnlib_fit(X, y, epochs),
           "bare numpy loop": lambda: bare_numpy_fit(X, y, epochs)}
    if with_keras:
        t0 = time.perf_counter()
        import keras  # noqa: F401  (TensorFlow's import, not counted below)

        t_import = time.perf_counter() - t0
        t0 = time.perf_counter()
        kmodel = keras_model()
        kmodel.fit(X, y, batch_size=BATCH, epochs=1, verbose=0)  # build, compile, trace: not timed
        t_first = time.perf_counter() - t0
        fns["tf.keras Model.fit (warm)"] = lambda: kmodel.fit(X, y, batch_size=BATCH, epochs=epochs, verbose=0)
    rows = timings(fns, repeats)
    nn, bare = rows["nnlib Sequential.fit"], rows["bare numpy loop"]
    steps = epochs * -(-len(X) // BATCH)
    out(f"fit, digits 64-25-15-10, Adam, batch {BATCH}: {epochs} epochs = {steps} steps; "
        f"{repeats} runs each (wall: median and best; CPU: median)")
    out(f"{'':27s} {'wall s':>7s} {'ms/step':>8s} {'vs nnlib':>9s} {'best s':>7s} {'vs nnlib':>9s} "
        f"{'CPU s':>7s} {'vs nnlib':>9s}")
    for name, (med, best, cpu) in rows.items():
        out(f"{name:27s} {med:7.3f} {1e3 * med / steps:8.3f} {med / nn[0]:8.2f}x {best:7.3f} "
            f"{best / nn[1]:8.2f}x {cpu:7.3f} {cpu / nn[2]:8.2f}x")
    out(f"nnlib / bare numpy loop: {nn[0] / bare[0]:.2f}x (wall median), {nn[1] / bare[1]:.2f}x (wall best), "
        f"{nn[2] / bare[2]:.2f}x (CPU); target <= 1.5x")
    if with_keras:
        k = rows["tf.keras Model.fit (warm)"]
        out(f"tf.keras / nnlib: {k[0] / nn[0]:.1f}x (wall median), {k[1] / nn[1]:.1f}x (wall best), "
            f"{k[2] / nn[2]:.1f}x (CPU); target >= 20x")
        out(f"Keras's one-off costs, not in the table: import {t_import:.1f} s; build + compile + trace "
            f"+ first epoch {t_first:.2f} s (one nnlib epoch: {nn[0] / epochs:.3f} s)")
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-keras", action="store_true", help="skip tf.keras (numpy only)")
    args = parser.parse_args()
    run(args.epochs, args.repeats, with_keras=not args.no_keras)
