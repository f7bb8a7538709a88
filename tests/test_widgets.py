"""Every chapter widget, swept over its controls: ends and middle of each, the others at default.

Fails on an exception, on NaN/inf shown on the figure without an explanation (nnlib.widgets.note),
on an empty figure, and on a figure that does not change when a control does.
"""
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nnlib.widgets import all_widgets  # noqa: E402
from nnlib.widgets import notes as explanations  # noqa: E402
from nnlib.widgets._legibility import problems  # noqa: E402

WIDGETS = all_widgets()
BAD = re.compile(r"\b(nan|inf)\b", re.IGNORECASE)


def pixels(fig):
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba()).copy()


def texts(fig):
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_visible()]


def check_figure(fig, label):
    assert fig.axes, f"{label}: the figure has no axes (a blank output)"
    illegible = problems(fig)
    assert not illegible, f"{label}: hard to read:\n" + "\n".join(illegible)
    notes = explanations(fig)
    shown = [t for t in texts(fig) if BAD.search(t)]
    assert not shown or notes, f"{label}: NaN/inf on screen with no explanation: {shown}"
    for line in fig.findobj(matplotlib.lines.Line2D):
        y = np.asarray(line.get_ydata(), dtype=float)
        if y.size and not notes:
            assert np.isfinite(y).any(), f"{label}: a line of only NaN/inf (blank) with no explanation"


def test_there_are_widgets():
    assert WIDGETS, "no widgets found in nnlib.widgets.ch* modules"


@pytest.mark.parametrize("name", sorted(WIDGETS))
def test_widget_sweep(name):
    w = WIDGETS[name]
    base = w.defaults()
    fig0 = w.render()
    check_figure(fig0, f"{name} at defaults")
    ref = pixels(fig0)
    plt.close(fig0)
    for setting in w.settings()[1:]:
        changed = {k: v for k, v in setting.items() if v != base[k]}
        label = f"{name} with {changed}"
        fig = w.render(**setting)
        check_figure(fig, label)
        img = pixels(fig)
        plt.close(fig)
        assert img.shape != ref.shape or not np.array_equal(img, ref), \
            f"{label}: the figure did not change when the control did"
