"""Before and after a change, in one run: widget latency in the browser and the playground under Voila.

    python benchmarks/bench_before_after.py --before /tmp/before          # a checkout of the old commit
    git worktree add --detach /tmp/before c268e86                          # (how to make one)

The old checkout runs with a Python that sees this venv's packages but not its editable nnlib
(a venv whose only .pth points at this venv's site-packages, made here if missing), with
PYTHONPATH at the old checkout, so its JupyterLab's kernels import the old nnlib. Both trees run
`bench_widgets_browser.py --no-write` (and, with --playground, `bench_playground.py --voila`),
before, after, before, after when --rounds 2, so a machine that gets busier hurts both alike.
The table goes into benchmarks/notebooks.md (section bench_before_after).
"""
import argparse
import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))


def old_python(env_dir=Path("/tmp/nnlib-before-venv")):
    """A Python with this venv's packages and no editable nnlib (so PYTHONPATH decides which nnlib)."""
    py = env_dir / "bin" / "python"
    if not py.exists():
        base = getattr(sys, "_base_executable", sys.executable)
        subprocess.run([base, "-m", "venv", "--without-pip", str(env_dir)], check=True)
        site = Path(sysconfig.get_paths(vars={"base": str(env_dir)})["purelib"])
        site.mkdir(parents=True, exist_ok=True)
        (site / "main.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return str(py)


def run(tree, python, args, pythonpath=None):
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
        # the old tree's JupyterLab runs from another prefix: give it this venv's extensions
        # (ipywidgets, Voila's server extension, settings) as it would find them here
        prefix = Path(sysconfig.get_paths()["data"])
        env["JUPYTER_PATH"] = str(prefix / "share" / "jupyter")
        env["JUPYTER_CONFIG_PATH"] = str(prefix / "etc" / "jupyter")
    out = subprocess.run([python, str(Path(tree) / "benchmarks" / args[0]), *args[1:]], cwd=tree, env=env,
                         capture_output=True, text=True)
    if out.returncode:
        raise RuntimeError(f"{tree}: {' '.join(args)} failed:\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}")
    return out.stdout


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before", required=True, help="a checkout of the commit before the change")
    ap.add_argument("--moves", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--playground", action="store_true", help="also the playground under Voila")
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)
    from _report import machine_line, table, write_section

    before = Path(args.before).resolve()
    trees = {"before": (before, old_python(), str(before)), "after": (ROOT, sys.executable, None)}
    label = {k: subprocess.run(["git", "-C", str(t), "log", "-1", "--format=%h"], capture_output=True,
                               text=True).stdout.strip() for k, (t, _, _) in trees.items()}
    machine = machine_line()
    samples = {k: {} for k in trees}
    voila = {k: [] for k in trees}
    for _ in range(args.rounds):
        for k, (tree, py, path) in trees.items():
            print(f"{k} ({label[k]}): widgets in the browser ...", flush=True)
            run(tree, py, ["bench_widgets_browser.py", "--moves", str(args.moves), "--no-write"], path)
            data = json.loads((Path(tree) / "benchmarks" / "out" / "widgets-live.json").read_text())
            if not data["browser"]:
                raise RuntimeError(f"{k}: no browser samples (is Chromium installed, do widgets render?)")
            for name, b in data["browser"].items():
                samples[k].setdefault(name, []).extend(b.get("ms", []))
            if args.playground:
                print(f"{k} ({label[k]}): the playground under Voila ...", flush=True)
                text = run(tree, py, ["bench_playground.py", "--frames", "60", "--voila"], path)
                voila[k].append([line.strip() for line in text.splitlines() if "Voila" in line or "pictures" in line])
    rows = []
    for name in sorted(set(samples["before"]) | set(samples["after"])):
        row = [name]
        for k in trees:
            ms = samples[k].get(name, [])
            row += [f"{np.median(ms):.0f}" if ms else "—", f"{np.percentile(ms, 95):.0f}" if ms else "—"]
        ok = samples["after"].get(name)
        row.append("met" if ok and np.median(ok) <= 100 and np.percentile(ok, 95) <= 200 else "**missed**")
        rows.append(row)
    md = f"""## Before and after: browser latency and the playground under Voila, one run

{machine}

Command: `.venv/bin/python benchmarks/bench_before_after.py --before <checkout of {label['before']}> --moves
{args.moves} --rounds {args.rounds}{' --playground' if args.playground else ''}` (before = {label['before']}, after =
{label['after']}). Per widget: milliseconds from keypress to the painted new picture in JupyterLab
(headless Chromium), as in the section above; {args.moves} moves a widget per round.

{table(["widget", "before median", "before p95", "after median", "after p95", "after: target ≤100/≤200"], rows)}
"""
    if args.playground:
        md += "\nPlayground under Voila (bench_playground.py --voila), each round's lines:\n\n"
        for k in trees:
            for lines in voila[k]:
                md += f"- {k}: " + " / ".join(lines) + "\n"
    print(md)
    if not args.no_write:
        print(f"wrote {write_section('bench_before_after', md)}")


if __name__ == "__main__":
    main()
