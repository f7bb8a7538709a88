"""The live widgets repaint only what changed; their pictures must equal a fresh drawing.

``Widget.show`` turns each change into pixels with ``Widget.live().frame(...)``, which repaints
only the artists ``setup`` declared animated over a cached background (``_render.Blitter``). These tests walk each widget through its sweep settings, forwards and then
backwards (so every setting is reached from different ones), and compare each live frame with
a live frame made straight at that setting (pixel for pixel) and with the static figure
drawn from scratch (nearly: blitting paints changed artists last). A stale artist (one
``update`` forgot to set, or changes without its being declared animated), a background that missed a change of axis limits, or
a layout that drifted all show up as a difference.
"""
import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from nnlib.widgets import Choice, Slider, Widget, all_widgets  # noqa: E402
from nnlib.widgets._widget import Live  # noqa: E402

WIDGETS = all_widgets()
LIVE = sorted(WIDGETS)

# A live frame reached through other settings must be the same pixels as a live frame made
# straight at its setting: blitting is deterministic, so any difference is stale state.
STALE = 0.0
# Blitting paints the changed artists after the fixed ones, so where a changed artist passes
# under a fixed one (a legend, a grid line) some pixels differ from the static drawing. More
# than this share of pixels differing visibly means the live picture is not the static one.
UNLIKE_STATIC = 0.01
VISIBLE = 40  # out of 255, in any colour channel


def decode(png):
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def fresh(w, setting):
    fig = w.render(**setting)
    try:
        return decode(w.png(fig))
    finally:
        plt.close(fig)


def first_frame(w, setting):
    live = w.live()
    try:
        return decode(live.frame(**setting))
    finally:
        live.reset()


def compare(live_img, ref_img, label, limit=STALE, what="a live frame made straight at that setting"):
    assert live_img.shape == ref_img.shape, \
        f"{label}: live picture is {live_img.shape[:2]}, a fresh one {ref_img.shape[:2]}"
    diff = np.abs(live_img - ref_img).max(axis=-1) > VISIBLE
    share = diff.mean()
    if share > limit:
        rows, cols = np.nonzero(diff)
        pytest.fail(f"{label}: {share:.3%} of the live picture's pixels differ from {what} "
                    f"(rows {rows.min()}-{rows.max()}, columns {cols.min()}-{cols.max()}): "
                    "an artist that update() changes but setup() did not declare animated, or does not reset?")


def _count_artists(artist):
    """Artists in the figure, not counting an axis's ticks (matplotlib makes those as limits move)."""
    if isinstance(artist, matplotlib.axis.Axis):
        return 1
    return 1 + sum(_count_artists(c) for c in artist.get_children())


@pytest.mark.parametrize("name", LIVE)
def test_update_only_sets_data(name):
    """Issue 12: update() creates no artist and returns nothing; the changing ones are declared in setup."""
    from nnlib.widgets._render import animated_artists

    w = WIDGETS[name]
    built = {}  # one setup per value of the rebuild controls, as Live keeps them
    for setting in w.settings():
        values = {**w.defaults(), **setting}
        key = tuple(values[k] for k in w.rebuild)
        if key not in built:
            fig, parts = w.build(values)
            declared = animated_artists(fig)
            assert declared, f"{name}: setup declared no animated artist, so nothing could ever change"
            built[key] = fig, parts, declared, _count_artists(fig)
        fig, parts, declared, count = built[key]
        assert w.update(parts, **values) is None, f"{name}: update returned something"
        assert animated_artists(fig) == declared and _count_artists(fig) == count, \
            f"{name} at {setting}: update created or declared artists (make them in setup)"


def test_update_only_sets_data_can_fail(monkeypatch):
    """Self-check: an update that draws a new line (the old habit) is caught."""
    def drawing(p, y):
        _move(p, y)
        p["line"].axes.plot([0, 1], [y, y])

    w = Widget(setup=_setup, update=drawing, controls={"y": Slider(0.0, 1.0, 0.2)})
    monkeypatch.setitem(WIDGETS, "drawing", w)
    with pytest.raises(AssertionError, match="created or declared"):
        test_update_only_sets_data("drawing")


def test_one_blitting_engine():
    """Issue 12: copy_from_bbox (saving a background) appears in one module of nnlib."""
    from pathlib import Path

    import nnlib

    users = sorted(str(p.relative_to(Path(nnlib.__file__).parent))
                   for p in Path(nnlib.__file__).parent.rglob("*.py") if "copy_from_bbox" in p.read_text())
    assert users == ["widgets/_render.py"], users


@pytest.mark.parametrize("name", LIVE)
def test_live_frames_equal_fresh_drawings(name):
    w = WIDGETS[name]
    settings = w.settings()
    walk = settings + settings[::-1][1:]
    live = w.live()
    refs = {}
    try:
        for setting in walk:
            key = repr(sorted(setting.items()))
            changed = {k: v for k, v in setting.items() if v != w.defaults()[k]}
            label = f"{name} at {changed or 'defaults'}"
            if key not in refs:
                refs[key] = first_frame(w, setting)
                compare(refs[key], fresh(w, setting), label, UNLIKE_STATIC, "the static drawing")
            compare(decode(live.frame(**setting)), refs[key], label)
    finally:
        live.reset()


@pytest.mark.parametrize("name", LIVE)
def test_live_blits_when_the_frame_stays(name):
    """Moving a slider one step must not redraw the whole figure every time."""
    w = WIDGETS[name]
    sliders = [k for k, c in w.controls.items() if isinstance(c, Slider) and k not in w.rebuild]
    if not sliders:
        pytest.skip("no slider outside the rebuild controls")
    live = w.live()
    try:
        live.frame()
        before = live.full_draws
        k, c = sliders[0], w.controls[sliders[0]]
        step = c.step or (c.max - c.min) / 100
        for i in range(1, 6):
            v = c.value * 10 ** (step * i) if c.log else c.value + step * i
            live.frame(**{k: min(v, c.max)})
        assert live.full_draws - before < 5, \
            f"{name}: {live.full_draws - before} of 5 steps of {k!r} redrew the whole figure"
    finally:
        live.reset()


def _setup(fig, declare_mark=True):
    ax = fig.add_subplot()
    ax.set(xlim=(0, 1), ylim=(0, 1))
    return {"line": ax.plot([0, 1], [0, 0], animated=True)[0],
            "mark": ax.plot([0.5], [0.5], "o", animated=declare_mark)[0]}


def _move(p, y):
    p["line"].set_ydata([y, y])
    p["mark"].set_ydata([y])


def test_the_comparison_catches_a_stale_artist():
    """Self-check: an artist that update changes but setup did not declare animated fails the test."""
    w = Widget(setup=lambda fig: _setup(fig, declare_mark=False), update=_move,
               controls={"y": Slider(0.0, 1.0, 0.2)})
    live = w.live()
    live.frame(y=0.2)
    with pytest.raises(pytest.fail.Exception, match="differ from a live frame made straight"):
        compare(decode(live.frame(y=0.9)), first_frame(w, {"y": 0.9}), "forgetful")
    live.reset()


def test_axis_limits_that_move_force_a_full_draw():
    def rescale(p, y):
        p["line"].set_ydata([y, y])
        p["line"].axes.set_ylim(0, 2 * y + 1)

    w = Widget(setup=_setup, update=rescale, controls={"y": Slider(0.0, 1.0, 0.2)})
    live = w.live()
    live.frame(y=0.2)
    n = live.full_draws
    compare(decode(live.frame(y=0.9)), first_frame(w, {"y": 0.9}), "rescale")
    compare(decode(live.frame(y=0.9)), fresh(w, {"y": 0.9}), "rescale", UNLIKE_STATIC, "static")
    assert live.full_draws == n + 1
    live.reset()


def test_widget_needs_setup_and_update():
    with pytest.raises(TypeError, match="needs setup"):
        Widget(setup=_setup, update=None, controls={})
    with pytest.raises(TypeError, match="rebuild names controls"):
        Widget(setup=_setup, update=lambda p: None, controls={}, rebuild=("n",))
    assert isinstance(Widget(setup=_setup, update=lambda p: None, controls={}).live(), Live)


@pytest.mark.parametrize("name", sorted(WIDGETS))
def test_widget_figures_are_not_pyplot_figures(name):
    """The inline backend displays and then closes every open pyplot figure at the end of a
    cell; a live widget's figure must not be one of them (its canvas would be taken away)."""
    w = WIDGETS[name]
    before = plt.get_fignums()
    live = w.live()
    try:
        live.frame()
        fig = w.render()
        assert plt.get_fignums() == before, f"{name}: the widget opened pyplot figures"
        assert hasattr(fig.canvas, "copy_from_bbox"), f"{name}: the figure cannot be blitted"
    finally:
        live.reset()


def test_settings_seen_before_are_blits():
    """A background per set of axis limits and a setup per rebuild value are kept."""
    def rescale(p, y, kind):
        p["line"].set_ydata([y, y])
        p["line"].axes.set_ylim(0, 1 if y < 0.5 else 2)

    calls = []

    def setup(fig, kind):
        calls.append(kind)
        return _setup(fig)

    w = Widget(setup=setup, update=rescale, rebuild=("kind",),
               controls={"y": Slider(0.0, 1.0, 0.2), "kind": Choice(["a", "b"])})
    live = w.live()
    live.warm([{"y": y, "kind": k} for k in "ab" for y in (0.2, 0.8)])
    assert calls == ["a", "b"] and live.full_draws == 4
    n = live.full_draws
    for y, kind in [(0.1, "a"), (0.9, "a"), (0.2, "b"), (0.8, "b"), (0.3, "a")]:
        compare(decode(live.frame(y=y, kind=kind)), first_frame(w, {"y": y, "kind": kind}), f"{y} {kind}")
    assert live.full_draws == n and len(live.setups) == 2, "a setting seen before was drawn in full"
    live.reset()


def test_ch03_learning_rate_moves_after_show_do_not_train():
    """ch03's prepare trains every learning-rate slider position once; a move then only draws,
    even when the browser's 10**x differs from Python's in the last digit."""
    from nnlib.widgets import ch03_workflow as m

    w = WIDGETS["ch03_workflow.training_widget"]
    live = w.live()
    try:
        live.warm(w.settings())
        before = m._run.cache_info().misses
        for x in (-2.9, -1.0, -0.9, 0.5, 1.0):
            rate = np.nextafter(10 ** x, 1.0)  # one ulp off, as a browser may compute it
            for optimizer in ("adam", "sgd"):
                live.frame(learning_rate=rate, optimizer=optimizer)
        assert m._run.cache_info().misses == before, "a learning-rate move trained a new run"
    finally:
        live.reset()
