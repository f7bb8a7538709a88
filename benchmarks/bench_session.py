"""A learner's whole session in JupyterLab, as on Binder: every chapter opened, run top to bottom,
and closed, one after another, with the collection's JupyterLab settings (closing a chapter shuts
its kernel down, binder/overrides.json). Prints, per chapter, the kernels alive and the summed
proportional set size (PSS) of the server and its kernels while the chapter was open; and, for
comparison, the same walk in which no chapter is closed (JupyterLab's default: every kernel stays).

    python benchmarks/bench_session.py             # writes benchmarks/session.md
    python benchmarks/bench_session.py --chapters 3  # only the first three (prints only)

PSS, not RSS: the ~350 MB of libraries every kernel maps (TensorFlow, numpy, ...) are counted once
across processes, split between them, so the sum is what the session costs the machine. Needs
Chromium and playwright, like the browser tests.
"""
import argparse
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "browser"))
import labdriver as L  # noqa: E402


def walk(paths, close):
    root = tempfile.mkdtemp(prefix="nnlib-session-")
    L.copy_notebooks(root)
    lab = L.Lab(root).start()
    rows = []
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            browser = L.launch_chromium(pw)
            page = L.open_notebook(browser, lab, "notebooks/00-index.ipynb")  # a learner starts here
            rows = L.walk_chapters(page, lab, paths, whole=True, close=close, on_step=report)
            browser.close()
    finally:
        lab.stop()
    return rows


def report(row):
    print(f"  {Path(row['path']).name:55s} kernels {row['kernels_open']}   PSS {row['pss_mb']:7.0f} MB", flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chapters", type=int, default=None, help="only the first N chapters")
    args = ap.parse_args()
    paths = [f"notebooks/{p.name}" for p in sorted(L.NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
             if p.name != "00-index.ipynb"][:args.chapters]
    load = os.getloadavg()[0]
    print(f"closing each chapter (the collection's settings), load {load:.1f}:")
    closed = walk(paths, close=True)
    print("leaving every chapter open (JupyterLab's default):")
    kept = walk(paths, close=False)
    peak_c = max(r["pss_mb"] for r in closed)
    peak_k = max(r["pss_mb"] for r in kept)
    kernels_c = max(r["kernels_open"] for r in closed)
    per_kernel = (kept[-1]["pss_mb"] - kept[0]["pss_mb"]) / max(1, len(kept) - 1)
    lines = [
        "# A whole session: memory (PSS) of the server and its kernels",
        "",
        f"Measured by `benchmarks/bench_session.py` on this 2-core machine (load {load:.1f} at the start): every",
        "chapter opened from the index, run top to bottom and (with the collection's settings) closed, one after another.",
        "",
        "| | peak summed PSS | most kernels alive at once |",
        "|---|---:|---:|",
        f"| closing each chapter (binder/overrides.json: kernelShutdown) | {peak_c:.0f} MB | {kernels_c} |",
        f"| leaving every chapter open (JupyterLab's default) | {peak_k:.0f} MB | {max(r['kernels_open'] for r in kept)} |",
        "",
        f"Each chapter left open adds about {per_kernel:.0f} MB (mean over the walk); Binder gives about 2 GB.",
        "",
        "| chapter | PSS while open, closing each | PSS with all before it still open |",
        "|---|---:|---:|",
    ]
    for c, k in zip(closed, kept):
        lines.append(f"| {Path(c['path']).name} | {c['pss_mb']:.0f} MB | {k['pss_mb']:.0f} MB |")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.chapters is None:
        (HERE / "session.md").write_text(text)


if __name__ == "__main__":
    main()
