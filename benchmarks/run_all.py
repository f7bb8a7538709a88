"""Run every benchmark in one process and print their tables (``make bench``).

    python benchmarks/run_all.py [--quick]

Benchmarks measure side by side in one run and print ratios; they are not tests and assert
nothing about time. ``--quick`` uses fewer repeats (for a smoke run).
"""
import argparse
import os
import platform
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
# numpy's BLAS on one thread (unless set): on a small machine shared with other work, OpenBLAS's
# spinning threads make small matrix products 10-100x slower at random. TensorFlow keeps its threads.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402

import bench_dense  # noqa: E402
import bench_fit  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    repeats = 3 if args.quick else 7
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"Python {platform.python_version()}, numpy {np.__version__}, {platform.machine()}, "
          f"{os.cpu_count()} CPUs, load average {load:.1f} at start, "
          f"OPENBLAS_NUM_THREADS={os.environ['OPENBLAS_NUM_THREADS']}")
    t0 = time.perf_counter()
    bench_dense.run(repeats)
    bench_fit.run(epochs=5, repeats=repeats)
    print(f"\nall benchmarks: {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
