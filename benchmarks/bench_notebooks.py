"""Each notebook top to bottom in a fresh kernel: wall time and the kernel's peak memory; and the
whole collection, one notebook at a time and two at a time.

    python benchmarks/bench_notebooks.py            # all notebooks; writes benchmarks/notebooks.md
    python benchmarks/bench_notebooks.py 01 13      # only these (prints, does not write the file)

Wall time runs from starting the kernel to the end of the last cell (what a learner waits for
with "Restart kernel and run all"). Memory is the kernel process's resident set: sampled every
20 ms with psutil (max of the samples) and, on Linux, the kernel's own high-water mark VmHWM
from /proc, which no sampling can miss. Nothing is written back to the notebooks.
Targets: every kernel < 1 GB; the whole collection < 3 minutes.
"""
import argparse
import json
import os
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(HERE))
from collection import INDEX, NOTEBOOKS, chapters  # noqa: E402

ENV = {"TF_CPP_MIN_LOG_LEVEL": "3", "TF_ENABLE_ONEDNN_OPTS": "0", "NNLIB_OFFLINE": "1",
       "PYTHONHASHSEED": "0"}
MB = 1024 * 1024


class PeakRSS(threading.Thread):
    """Samples a process's resident memory (and its children's) until stopped."""

    def __init__(self, pid, every=0.02):
        super().__init__(daemon=True)
        import psutil

        self.proc = psutil.Process(pid)
        self.every, self.peak, self.samples = every, 0, 0
        self._halt = threading.Event()

    def run(self):
        import psutil

        while not self._halt.is_set():
            try:
                rss = self.proc.memory_info().rss
                for child in self.proc.children(recursive=True):
                    rss += child.memory_info().rss
            except psutil.Error:
                break
            self.peak, self.samples = max(self.peak, rss), self.samples + 1
            self._halt.wait(self.every)

    def stop(self):
        self._halt.set()
        self.join()
        return self.peak


def vm_hwm(pid):
    """The kernel's peak resident set size in bytes (Linux /proc/<pid>/status VmHWM), or None."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def run_one(path):
    """Run one notebook in a fresh kernel; return its measurements (nothing is saved)."""
    import nbformat
    from nbclient import NotebookClient

    os.environ.update(ENV)
    os.environ.pop("MPLBACKEND", None)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=900, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    t0 = time.perf_counter()
    with client.setup_kernel():
        pid = client.km.provisioner.process.pid
        sampler = PeakRSS(pid)
        sampler.start()
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        seconds = time.perf_counter() - t0
        hwm = vm_hwm(pid)
        sampled = sampler.stop()
    errors = [f"{o.get('ename')}: {o.get('evalue')}" for c in nb.cells for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    return {"notebook": Path(path).name, "seconds": seconds, "peak_rss_sampled": sampled,
            "peak_rss_hwm": hwm, "errors": errors}


def run_all(paths, workers):
    t0 = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(run_one, paths))
    return results, time.perf_counter() - t0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("prefixes", nargs="*", help="only notebooks whose name starts so")
    ap.add_argument("--no-write", action="store_true", help="print only, do not update notebooks.md")
    args = ap.parse_args(argv)
    paths = [INDEX] + chapters()
    if args.prefixes:
        paths = [p for p in paths if any(p.name.startswith(x) for x in args.prefixes)]
    from _report import machine_line, table, write_section

    machine = machine_line()
    print(machine)
    seq, seq_total = run_all(paths, workers=1)
    for r in seq:
        hwm = f"{r['peak_rss_hwm'] / MB:.0f}" if r["peak_rss_hwm"] else "?"
        print(f"{r['notebook']:<55} {r['seconds']:6.1f} s  peak RSS {hwm:>5} MB (VmHWM), "
              f"{r['peak_rss_sampled'] / MB:.0f} MB (sampled)  {'ERRORS: ' + '; '.join(r['errors']) if r['errors'] else ''}")
    print(f"whole collection, one at a time: {seq_total:.1f} s")
    par, par_total = run_all(paths, workers=2)
    print(f"whole collection, two at a time: {par_total:.1f} s")

    out = HERE / "out"
    out.mkdir(exist_ok=True)
    (out / "notebooks.json").write_text(json.dumps(
        {"machine": machine, "sequential": seq, "sequential_total": seq_total,
         "parallel2": par, "parallel2_total": par_total}, indent=1))
    if args.no_write or args.prefixes:
        return 0
    par_by = {r["notebook"]: r for r in par}
    rows = []
    for r in seq:
        hwm = r["peak_rss_hwm"] or r["peak_rss_sampled"]
        rows.append([r["notebook"], f"{r['seconds']:.1f}", f"{par_by[r['notebook']]['seconds']:.1f}",
                     f"{hwm / MB:.0f}", f"{r['peak_rss_sampled'] / MB:.0f}",
                     "yes" if hwm < 1024 * MB else "**no**", "; ".join(r["errors"]) or "none"])
    worst = max((r["peak_rss_hwm"] or r["peak_rss_sampled"]) for r in seq) / MB
    md = f"""## Notebooks: time and kernel memory

{machine}

Command: `.venv/bin/python benchmarks/bench_notebooks.py` (each notebook in a fresh kernel via
nbclient, nothing saved; memory = the kernel's resident set: VmHWM high-water mark from /proc and
the max of psutil samples every 20 ms).

{table(["notebook", "wall s (alone)", "wall s (2 at a time)", "peak RSS MB (VmHWM)",
        "peak RSS MB (sampled)", "< 1 GB", "errors"], rows)}

| whole collection ({len(seq)} notebooks) | wall time | target < 180 s |
|---|---|---|
| one at a time | {seq_total:.0f} s | {"met" if seq_total < 180 else "**missed**"} |
| two at a time (2 kernels in parallel) | {par_total:.0f} s | {"met" if par_total < 180 else "**missed**"} |

Largest kernel: {worst:.0f} MB (target < 1024 MB).
"""
    print(f"wrote {write_section('bench_notebooks', md)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
