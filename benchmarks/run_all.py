"""Run every benchmark and print their tables (``make bench``).

    python benchmarks/run_all.py [--quick] [--library-only]

bench_dense and bench_fit (the library) run in this process; every other ``bench_*.py`` in this
folder runs after them in its own process with its default arguments (those time the notebooks
and widgets, take tens of minutes, may need Chromium and write their own reports).
``--library-only`` stops after the library's two; ``--quick`` uses fewer repeats in them.
Benchmarks measure side by side in one run and print ratios; they are not tests and assert
nothing about time.
"""
import argparse
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

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
    parser.add_argument("--quick", action="store_true", help="fewer repeats in the library benchmarks")
    parser.add_argument("--library-only", action="store_true", help="only bench_dense and bench_fit")
    args = parser.parse_args()
    repeats = 3 if args.quick else 7
    fit_repeats = 5 if args.quick else 15  # short runs on a shared machine: more of them
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"Python {platform.python_version()}, numpy {np.__version__}, {platform.machine()}, "
          f"{os.cpu_count()} CPUs, load average {load:.1f} at start, "
          f"OPENBLAS_NUM_THREADS={os.environ['OPENBLAS_NUM_THREADS']}")
    t0 = time.perf_counter()
    bench_dense.run(repeats)
    bench_fit.run(epochs=5, repeats=fit_repeats)
    failed = []
    for other in sorted(Path(__file__).parent.glob("bench_*.py")):
        if args.library_only or other.stem in ("bench_dense", "bench_fit"):
            continue
        print(f"\n--- {other.name} ---", flush=True)
        if subprocess.run([sys.executable, str(other)]).returncode != 0:
            failed.append(other.name)
    print(f"\nall benchmarks: {time.perf_counter() - t0:.0f} s")
    if failed:
        sys.exit(f"failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
