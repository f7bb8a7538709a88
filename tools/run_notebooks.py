"""Run every notebook top to bottom in a fresh kernel and store its outputs in place.

    python tools/run_notebooks.py                 # all notebooks, 2 at a time
    python tools/run_notebooks.py 03 05           # only chapters whose name starts so

This is how the committed outputs are made. It refuses to write a notebook whose run left an
error, a TensorFlow log line or a warning on stderr, and prints each notebook's run time.
"""
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from collection import INDEX, NOTEBOOKS, chapters  # noqa: E402

ENV = {"TF_CPP_MIN_LOG_LEVEL": "3", "TF_ENABLE_ONEDNN_OPTS": "0", "NNLIB_OFFLINE": "1",
       "PYTHONHASHSEED": "0", "OPENBLAS_NUM_THREADS": "1",
       "NNLIB_CHECK_FIGURES": "1"}  # every pyplot figure checked for legibility (nnlib.notebook)
BAD_STDERR = ("oneDNN", "I0000", "W0000", "E0000", "Traceback", "Warning", "warn(")


def problems(nb):
    found = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.output_type == "error":
                found.append(f"cell {i}: {out.ename}: {out.evalue}")
            if out.output_type == "stream" and out.name == "stderr":
                text = out.text
                if any(b in text for b in BAD_STDERR):
                    found.append(f"cell {i}: stderr: {text.strip()[:200]}")
    return found


def run_one(path):
    os.environ.update(ENV)
    nb = nbformat.read(path, as_version=4)
    t0 = time.perf_counter()
    client = NotebookClient(nb, timeout=600, kernel_name="python3", allow_errors=True,
                            record_timing=False, resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    seconds = time.perf_counter() - t0
    for cell in nb.cells:  # keep diffs quiet: no per-run metadata
        cell.metadata.pop("execution", None)
    found = problems(nb)
    if not found:
        nbformat.write(nb, path)
    return path.name, seconds, found


def main(prefixes):
    paths = [INDEX] + chapters() + sorted((NOTEBOOKS / "apps").glob("*.ipynb"))  # apps: Voila pages
    if prefixes:
        paths = [p for p in paths if any(p.name.startswith(x) or p.relative_to(NOTEBOOKS).as_posix().startswith(x)
                                          for x in prefixes)]
    failed = False
    with ProcessPoolExecutor(max_workers=2) as pool:
        for name, seconds, found in pool.map(run_one, paths):
            status = "ok" if not found else "NOT WRITTEN"
            print(f"{name:<45} {seconds:6.1f} s  {status}")
            for f in found:
                print(f"    {f}")
            failed |= bool(found)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
