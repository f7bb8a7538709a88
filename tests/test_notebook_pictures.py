"""What a reader of the committed notebooks sees: every figure is a picture, every widget has one.

On GitHub and nbviewer only the stored outputs show. A figure stored as its text repr
(``<Figure size 800x336 with 3 Axes>``) without an ``image/png`` is no picture at all, and a live
widget (``.show()``) shows nothing without a kernel, so the cell before it must hold its static
picture (``.static()``).
"""
import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("[0-9][0-9]-*.ipynb"))
WIDGET_CALL = re.compile(r"^(?!plt\.|fig\.)[\w.]+\.show\(\)\s*;?\s*$", re.M)  # w.show(), not plt.show()
FIGURE_REPR = re.compile(r"<(matplotlib\.figure\.)?Figure size \d+x\d+ with \d+ Axes>")


def cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def source(cell):
    return "".join(cell["source"])


def has_png(cell):
    return any("image/png" in o.get("data", {}) for o in cell.get("outputs", []))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_figure_stored_as_text(path):
    bad = [i for i, c in enumerate(cells(path)) for o in c.get("outputs", [])
           if FIGURE_REPR.search("".join(o.get("data", {}).get("text/plain", "")))
           and "image/png" not in o.get("data", {})]
    assert not bad, f"{path.name}: cells {bad} store a figure as text with no image: no picture on GitHub"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_widget_has_a_static_picture_before_it(path):
    cs = cells(path)
    missing = []
    for i, c in enumerate(cs):
        if c["cell_type"] == "code" and WIDGET_CALL.search(source(c).strip()):
            before = [j for j in range(i - 1, -1, -1) if cs[j]["cell_type"] == "code"][:1]
            if not before or not has_png(cs[before[0]]):
                missing.append(i)
    assert not missing, f"{path.name}: widget cells {missing} have no stored picture in the code cell before them"


def test_the_picture_check_can_fail(tmp_path):
    nb = {"cells": [{"cell_type": "code", "source": ["w.static()"], "outputs": [
        {"output_type": "display_data", "data": {"text/plain": ["<Figure size 800x336 with 3 Axes>"]}}]},
        {"cell_type": "code", "source": ["w.show();"], "outputs": []}]}
    p = tmp_path / "01-x.ipynb"
    p.write_text(json.dumps(nb))
    with pytest.raises(AssertionError, match="figure as text"):
        test_no_figure_stored_as_text(p)
    with pytest.raises(AssertionError, match="no stored picture"):
        test_every_widget_has_a_static_picture_before_it(p)
