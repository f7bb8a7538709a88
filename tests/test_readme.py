"""README's "nnlib in one screen" runs as printed, and with the Keras imports it lists instead."""
import re
from pathlib import Path

import numpy as np

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def python_blocks():
    return re.findall(r"```python\n(.*?)```", README, flags=re.S)


def run(code):
    ns = {}
    exec(compile(code, "README.md", "exec"), ns)  # noqa: S102 - the README's own example
    return ns


def test_nnlib_example_runs():
    ns = run(python_blocks()[0])
    assert np.isfinite(ns["history"].history["loss"][-1])


def test_keras_imports_replace_exactly_the_nnlib_ones():
    example, keras_imports = python_blocks()[:2]
    nnlib_lines = [ln for ln in example.splitlines() if re.match(r"from nnlib(\.(losses|optimizers))? import", ln)]
    assert len(nnlib_lines) == 3, nnlib_lines
    code = example
    for ln in nnlib_lines:
        code = code.replace(ln + "\n", "")
    code = keras_imports + code
    assert "from nnlib import" not in code and "nnlib.datasets" in code
    ns = run(code)
    assert type(ns["model"]).__module__.startswith("keras")
    assert np.isfinite(ns["history"].history["loss"][-1])
