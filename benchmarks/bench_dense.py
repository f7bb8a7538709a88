"""dense_loop (a Python loop over units j, one example) against dense (one matrix product), growing sizes.

    python benchmarks/bench_dense.py [--repeats 5]

Two tables: one example through a layer of n inputs and n units, and a batch of m = 256
examples (dense_loop called once per example, dense called once for the batch).
Times are medians over the repeats of timeit runs, in microseconds per call.
"""
import argparse
import os
import statistics
import timeit

# numpy's BLAS on one thread (unless set), as in bench_fit.py: stable figures on a shared machine.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

from nnlib import dense, dense_loop  # noqa: E402

SIZES = (4, 16, 64, 256, 1024)
M = 256


def per_call_us(stmt, repeats, min_time=0.05):
    """Median microseconds per call of stmt(), each repeat running long enough to time well."""
    timer = timeit.Timer(stmt)
    number, _ = timer.autorange()
    number = max(1, int(number * min_time / 0.2))
    return 1e6 * statistics.median(t / number for t in timer.repeat(repeats, number))


def run(repeats=5, out=print):
    rng = np.random.default_rng(0)
    rows = {"one example": [], f"batch of m = {M}": []}
    for n in SIZES:
        W, b = rng.normal(size=(n, n)) / np.sqrt(n), rng.normal(size=n)
        x = rng.normal(size=n)
        X = rng.normal(size=(M, n))
        np.testing.assert_allclose(dense_loop(x, W, b, "relu"), dense(x, W, b, "relu"), rtol=1e-10, atol=1e-12)
        loop1 = per_call_us(lambda: dense_loop(x, W, b, "relu"), repeats)
        vec1 = per_call_us(lambda: dense(x, W, b, "relu"), repeats)
        rows["one example"].append((n, loop1, vec1))
        if n <= 256:  # the loop over 256 examples of 1024 units takes seconds; the trend is clear
            loopm = per_call_us(lambda: [dense_loop(xi, W, b, "relu") for xi in X], max(1, repeats // 2))
            vecm = per_call_us(lambda: dense(X, W, b, "relu"), repeats)
            rows[f"batch of m = {M}"].append((n, loopm, vecm))
    for title, table in rows.items():
        out(f"dense_loop vs dense, {title}, layer of n inputs -> n units (relu), median of {repeats}")
        out(f"{'n':>6s} {'dense_loop (us)':>16s} {'dense (us)':>11s} {'speed-up':>9s}")
        for n, loop, vec in table:
            out(f"{n:6d} {loop:16.1f} {vec:11.1f} {loop / vec:8.1f}x")
        out("")
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    run(parser.parse_args().repeats)
