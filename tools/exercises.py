"""Write the exercise hints and the quiz cells from the package, or the teacher's edition.

    python tools/exercises.py            # every chapter: hint and quiz cells from nnlib.exercises
    python tools/exercises.py 01 05      # only chapters whose name starts so
    python tools/exercises.py --check    # exit 1 if a notebook is out of step (the tests run this)
    python tools/exercises.py --teacher  # teacher/: every notebook with the solutions filled in

An exercise cell is a code cell whose metadata holds
``{"nnlib": {"exercise": "ch01_neurons", "solutions": ["my_neuron"]}}``: the learner's skeleton
of each named function, then the call to its check. The solutions and their hints live in
``nnlib/exercises/solutions/<module>.py`` (one place); this script writes, right after each
exercise cell, a hint cell (markdown, ``<details>``: the hints, then the full solution), and
before the summary the chapter's quiz (``QUIZ`` in ``nnlib/exercises/<module>.py``): a markdown
cell with the questions and folded answers, then a code cell that asks them live.
"""
import argparse
import ast
import copy
import importlib
import inspect
import json
import sys
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from collection import NOTEBOOKS, ROOT, chapters  # noqa: E402

from nnlib.exercises import quiz as quizlib  # noqa: E402

TEACHER = ROOT / "teacher"
CHECK_TAG = "nbval-check-output"   # nbval compares the stored "Not done yet" / "All tests passed!"


def meta(cell):
    return cell.get("metadata", {}).get("nnlib", {})


def exercise_of(cell):
    return meta(cell).get("exercise") if cell["cell_type"] == "code" else None


def solutions_module(name):
    return importlib.import_module(f"nnlib.exercises.solutions.{name}")


def solution_source(module, fn):
    return textwrap.dedent(inspect.getsource(getattr(solutions_module(module), fn))).rstrip("\n")


def hint_text(module, names):
    hints = solutions_module(module).HINTS
    parts = []
    for name in names:
        lines = [f"<details><summary><b>Click for hints</b> on <code>{name}</code></summary>", ""]
        lines += [f"{i}. {h}" for i, h in enumerate(hints[name], 1)]
        lines += ["", "<details><summary>Full solution (try first)</summary>", "", "```python",
                  solution_source(module, name), "```", "", "</details>", "</details>"]
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def md_cell(text, **nnlib):
    return {"cell_type": "markdown", "id": "", "metadata": {"nnlib": nnlib},
            "source": text.splitlines(keepends=True)}


def quiz_cells(module):
    mod = importlib.import_module(f"nnlib.exercises.{module}")
    questions = getattr(mod, "QUIZ", None)
    if not questions:
        return []
    code = {"cell_type": "code", "id": "", "metadata": {"nnlib": {"quiz": module}}, "execution_count": None,
            "outputs": [], "source": ["from nnlib.exercises.quiz import quiz\n",
                                   f"from nnlib.exercises.{module} import QUIZ\n", "quiz(QUIZ);"]}
    return [md_cell(quizlib.markdown(questions), quiz=module), code]


def source(cell):
    return "".join(cell["source"])


def same(a, b):
    return source(a) == source(b) and a["cell_type"] == b["cell_type"]


def prepare(nb):
    """Hint cells after each exercise cell and the quiz before the summary; returns the notebook."""
    cells = [c for c in nb["cells"] if not meta(c).get("hints") and not meta(c).get("quiz")]
    old = {(c["cell_type"], json.dumps(meta(c), sort_keys=True)): c for c in nb["cells"]
           if meta(c).get("hints") or meta(c).get("quiz")}
    out, module = [], None
    for c in cells:
        if c["cell_type"] == "markdown" and source(c).lstrip().startswith("## Summary") and module:
            out += quiz_cells(module)
            module = None  # only once
        out.append(c)
        ex = exercise_of(c)
        if ex:
            module = ex
            tags = c["metadata"].setdefault("tags", [])
            if CHECK_TAG not in tags:
                tags.append(CHECK_TAG)
            out.append(md_cell(hint_text(ex, meta(c)["solutions"]), hints=meta(c)["solutions"]))
    for i, c in enumerate(out):  # keep the old cell (its id, outputs) where nothing changed
        prev = old.get((c["cell_type"], json.dumps(meta(c), sort_keys=True)))
        if prev is not None and same(prev, c):
            out[i] = prev
        elif not c["id"]:
            key = meta(c).get("quiz") or "-".join(meta(c).get("hints", []))
            c["id"] = ("quiz-" if meta(c).get("quiz") else "hints-") + key.replace("_", "-")[:40] + \
                ("-code" if c["cell_type"] == "code" else "")
    nb["cells"] = out
    return nb


def replace_functions(src, module, names):
    """The cell's source with each named function's definition replaced by its solution."""
    lines = src.splitlines()
    tree = ast.parse(src)
    spans = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name in names:
            start = min([node.lineno] + [d.lineno for d in node.decorator_list]) - 1
            spans.append((start, node.end_lineno, solution_source(module, node.name)))
    missing = set(names) - {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
    if missing:
        raise SystemExit(f"exercise cell of {module} defines no function {sorted(missing)}")
    for start, end, new in sorted(spans, reverse=True):
        lines[start:end] = new.splitlines()
    return "\n".join(lines)


def teacher_edition(nb):
    nb = copy.deepcopy(nb)
    for c in nb["cells"]:
        ex = exercise_of(c)
        if not ex:
            continue
        c["source"] = replace_functions(source(c), ex, meta(c)["solutions"]).splitlines(keepends=True)
        checks = sum(1 for o in c.get("outputs", []) if o.get("output_type") == "stream"
                     for line in "".join(o.get("text", "")).splitlines()
                     if line.startswith(("Not done yet", "Check failed", "All tests passed")))
        c["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["All tests passed!\n"] * max(checks, 1)}]
    return nb


def dump(nb):
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("prefixes", nargs="*")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--teacher", action="store_true")
    args = ap.parse_args()
    paths = [p for p in chapters() if not args.prefixes or p.name.startswith(tuple(args.prefixes))]
    if args.teacher:
        TEACHER.mkdir(exist_ok=True)
        for p in sorted(NOTEBOOKS.glob("*.ipynb")):
            nb = json.loads(p.read_text())
            (TEACHER / p.name).write_text(dump(teacher_edition(nb)))
        print(f"teacher's edition written to {TEACHER.relative_to(ROOT)}/")
        return
    stale = []
    for p in paths:
        text = p.read_text()
        new = dump(prepare(json.loads(text)))
        if new != text:
            stale.append(p.name)
            if not args.check:
                p.write_text(new)
    if args.check and stale:
        sys.exit("hint or quiz cells out of step with nnlib.exercises in: " + ", ".join(stale) +
                 "\nrun: python tools/exercises.py")
    print(("out of step: " if args.check else "updated: ") + (", ".join(stale) or "none"))


if __name__ == "__main__":
    main()
