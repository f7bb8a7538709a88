"""The committed notebooks are the learner's edition: skeletons, not answers; hints and quizzes
written from nnlib.exercises (tools/exercises.py), in step.

The answers themselves are checked elsewhere: each chapter's tests/test_exercises_chNN.py runs
its checks on the reference solution, on the skeleton and on typical wrong answers, and the
teacher's edition (make teacher) runs under nbval with "All tests passed!" in every exercise cell.
"""
import ast
import importlib
import inspect
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from nnlib.exercises.quiz import Question, check_answer

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted(p for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb") if not p.name.startswith("00"))


def exercise_cells(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [c for c in nb["cells"] if c["cell_type"] == "code" and c["metadata"].get("nnlib", {}).get("exercise")]


def body_dump(fn_node):
    body = [s for s in fn_node.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
    return [ast.dump(s) for s in body]


def stored_text(cell):
    return "".join("".join(o.get("text", "")) for o in cell.get("outputs", []))


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_exercise_cells_hold_skeletons_not_solutions(path):
    cells = exercise_cells(path)
    assert cells, f"{path.name} has no exercise cell (metadata nnlib.exercise)"
    for cell in cells:
        meta = cell["metadata"]["nnlib"]
        src = "".join(cell["source"])
        assert "YOUR CODE HERE" in src, f"{path.name}: an exercise cell without '# YOUR CODE HERE'"
        defs = {n.name: n for n in ast.parse(src).body if isinstance(n, ast.FunctionDef)}
        sol_mod = importlib.import_module(f"nnlib.exercises.solutions.{meta['exercise']}")
        for name in meta["solutions"]:
            assert name in defs, f"{path.name}: the exercise cell does not define {name}"
            sol = ast.parse(textwrap.dedent(inspect.getsource(getattr(sol_mod, name)))).body[0]
            assert body_dump(defs[name]) != body_dump(sol), \
                f"{path.name}: the exercise cell holds the solution of {name}"
        out = stored_text(cell)
        assert "Not done yet" in out, f"{path.name}: the shipped skeleton of {meta['solutions']} " \
            f"should print 'Not done yet', stored: {out[:200]!r}"
        assert "All tests passed" not in out and "Traceback" not in out


def test_hint_and_quiz_cells_are_in_step():
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "exercises.py"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_each_chapter_has_a_quiz_of_three_to_five(path):
    module = exercise_cells(path)[0]["metadata"]["nnlib"]["exercise"]
    quiz = getattr(importlib.import_module(f"nnlib.exercises.{module}"), "QUIZ", [])
    assert 3 <= len(quiz) <= 5, f"{module}: {len(quiz)} quiz questions, want 3-5"
    for q in quiz:
        assert isinstance(q, Question) and q.why
        ok, text = check_answer(q, q.answer)
        assert ok and text == f"Right: {q.why}", q.text
        if q.options is None:
            assert check_answer(q, str(q.answer))[0], q.text
            wrong = [q.answer * 1.5 + 1, q.answer * 1.2 + 1, "not a number"]
            wrong += [q.answer * 1.2, 0] if q.answer != 0 else []
            for w in wrong:
                assert not check_answer(q, w)[0], (q.text, w)
        else:
            for k in range(len(q.options)):
                if k != q.answer:
                    ok, why = check_answer(q, k)
                    assert not ok and why, (q.text, k)


def test_quiz_feedback():
    q = Question("2 + 2?", answer=4, why="arithmetic.")
    assert check_answer(q, "4.0") == (True, "Right: arithmetic.")
    assert not check_answer(q, "five")[0] and "Type a number" in check_answer(q, "five")[1]
    m = Question("Pick B", options=["a", "b"], answer=1, why="b.", wrong={0: "a is not b"})
    assert check_answer(m, 0) == (False, "Not quite: a is not b. Try again, or open the answer.")
    with pytest.raises(ValueError):
        Question("bad", options=["a"], answer=3, why="")


def test_slide_metadata_is_in_step():
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "slides.py"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


# ---- every check, run on what the notebook ships and on the reference solution ----------------
def exercise_runs():
    for path in CHAPTERS:
        for cell in exercise_cells(path):
            yield pytest.param(path, cell, id=f"{path.name[:2]}-{'+'.join(cell['metadata']['nnlib']['solutions'])}")


def namespace(module):
    """What a chapter's exercise cells can see: its checks, its widget module's data, numpy."""
    import numpy as np

    ns = {"np": np}
    widgets = ROOT / "nnlib" / "widgets" / f"{module}.py"
    if widgets.exists():
        ns.update(vars(importlib.import_module(f"nnlib.widgets.{module}")))
    ns.update(vars(importlib.import_module(f"nnlib.exercises.{module}")))
    return ns


def run_cell_call(src, ns, capsys):
    """Run the cell's last statement (the check call) in ``ns``; return what it printed."""
    tree = ast.parse(src)
    call = ast.Module(body=[tree.body[-1]], type_ignores=[])
    capsys.readouterr()
    exec(compile(call, "exercise cell", "exec"), ns)  # noqa: S102 - the notebook's own check call
    return capsys.readouterr().out


@pytest.mark.parametrize("path, cell", list(exercise_runs()))
def test_the_shipped_skeleton_says_not_done_yet(path, cell, capsys):
    meta = cell["metadata"]["nnlib"]
    src = "".join(cell["source"])
    ns = namespace(meta["exercise"])
    tree = ast.parse(src)
    exec(compile(ast.Module(body=tree.body[:-1], type_ignores=[]), "exercise cell", "exec"), ns)  # noqa: S102
    out = run_cell_call(src, ns, capsys)
    assert out.startswith("Not done yet: `") and out.count("\n") == 1, out


@pytest.mark.parametrize("path, cell", list(exercise_runs()))
def test_the_reference_solution_passes_the_check(path, cell, capsys):
    meta = cell["metadata"]["nnlib"]
    ns = namespace(meta["exercise"])
    sol = importlib.import_module(f"nnlib.exercises.solutions.{meta['exercise']}")
    for name in meta["solutions"]:
        ns[name] = getattr(sol, name)
    assert run_cell_call("".join(cell["source"]), ns, capsys).strip() == "All tests passed!"
    for name in meta["solutions"]:
        assert 2 <= len(sol.HINTS[name]) <= 3, f"{name}: give 2-3 hints, from a nudge to nearly the answer"
