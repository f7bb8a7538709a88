"""Write a benchmark's table into benchmarks/notebooks.md, between markers of its own, so each
benchmark script updates only its section and the rest of the file stays as it is."""
import os
import platform
import time
from pathlib import Path

REPORT = Path(__file__).resolve().parent / "notebooks.md"
HEADER = """# Measured: notebooks and widgets

Figures measured on the project's 2-core machine by the scripts in this folder; each section
says when, on what, and the command that reproduces it. Targets (issue 6): every widget's
median update ≤ 100 ms and 95th percentile ≤ 200 ms; every notebook's kernel under 1 GB;
the whole collection top to bottom in under 3 minutes.

How the widgets answer fast (`nnlib/widgets/_widget.py`, `_render.py`): a chapter widget is `setup`
(axes, fixed parts, and the artists that change, declared *animated*, built once) plus `update`
(puts one setting's numbers into those artists). The live widget keeps a picture of everything else
(the background) and on each change repaints only them over it (matplotlib's blitting), then sends
one PNG to an `ipywidgets.Image`. A change of axis limits or of a `rebuild` control needs a full
draw once; each background and setup is kept, and `Widget.show` draws every sweep setting once
before the learner moves anything, so later visits are blits. `tests/test_widgets_live.py` checks
that every live frame equals a frame drawn straight at its setting.
"""


def machine_line():
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return (f"Measured {time.strftime('%Y-%m-%d %H:%M')} on {platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}; load average before the run: {load} "
            f"(other work on the machine slows every figure).")


def write_section(name, markdown):
    text = REPORT.read_text() if REPORT.exists() else HEADER
    start, end = f"<!-- {name} -->", f"<!-- /{name} -->"
    block = f"{start}\n{markdown.strip()}\n{end}"
    if start in text and end in text:
        head, rest = text.split(start, 1)
        _, tail = rest.split(end, 1)
        text = head + block + tail
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    REPORT.write_text(text)
    return REPORT


def table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)
