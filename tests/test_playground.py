"""The chapter 13 playground: its data sets, the Playground class (headless), and the app without a browser."""
import io
import itertools
import os
import re
import sys
import time

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from nnlib.playground_data import DATASETS, N_CLASSES, make_dataset  # noqa: E402
from nnlib.widgets import ch13_playground as pgmod  # noqa: E402
from nnlib.widgets.ch13_playground import (  # noqa: E402
    ACTIVATIONS, APP_FIGSIZE, LOSSES, OPTIMIZERS, LivePicture, Playground, PlaygroundApp, PlaygroundError,
    parse_hidden)

BAD = re.compile(r"\b(nan|inf)\b", re.IGNORECASE)


# ---- data ---------------------------------------------------------------------------------
@pytest.mark.parametrize("name", DATASETS)
def test_dataset_shapes_labels_and_seed(name):
    X, y = make_dataset(name, m=200, noise=0.1, seed=3)
    assert X.shape == (200, 2) and y.shape == (200,)
    assert y.dtype.kind == "i" and set(np.unique(y)) == set(range(N_CLASSES[name]))
    counts = np.bincount(y)
    assert counts.max() - counts.min() <= (1 if name != "xor" else 60)   # balanced by construction
    assert np.all(np.abs(X) < 2.0)
    X2, y2 = make_dataset(name, m=200, noise=0.1, seed=3)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    X3, _ = make_dataset(name, m=200, noise=0.1, seed=4)
    assert not np.allclose(X, X3)


def test_dataset_geometry():
    X, y = make_dataset("circle", 400, noise=0.0)
    r = np.hypot(X[:, 0], X[:, 1])
    assert r[y == 1].max() <= 0.5 and r[y == 0].min() >= 0.7
    X, y = make_dataset("xor", 400, noise=0.0)
    np.testing.assert_array_equal(y, (X[:, 0] * X[:, 1] > 0).astype(int))


@pytest.mark.parametrize("kwargs, match", [
    (dict(name="moons"), "Unknown data set 'moons'; expected one of"),
    (dict(name="blobs4", m=3), "at least 4"),
    (dict(name="xor", noise=-0.1), "must be >= 0"),
])
def test_dataset_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        make_dataset(**kwargs)


# ---- settings -----------------------------------------------------------------------------
@pytest.mark.parametrize("text, sizes", [("8,8", (8, 8)), (" 4 , 2 ", (4, 2)), ("", ()), ("0", ()),
                                         ("16", (16,)), ((3, 5), (3, 5)), ("8 8", (8, 8))])
def test_parse_hidden(text, sizes):
    assert parse_hidden(text) == sizes


@pytest.mark.parametrize("text, match", [("8,x", "commas"), ("0,4", "1 to 64"), ("100", "1 to 64"),
                                         ("1,1,1,1,1,1,1", "at most 6")])
def test_parse_hidden_bad(text, match):
    with pytest.raises(PlaygroundError, match=match):
        parse_hidden(text)


def test_sigmoid_output_refuses_more_than_two_classes():
    with pytest.raises(PlaygroundError, match="Choose the softmax output \\(3 units"):
        Playground("blobs3", output="sigmoid")
    pg = Playground("circle", output="softmax")        # 2 classes with softmax: fine
    assert pg.n_out == 2 and pg.model.layers[-1].units == 2


def test_architecture_and_parameters():
    pg = Playground("circle", hidden="8,8")
    assert [l.units for l in pg.model.layers] == [8, 8, 1]
    assert pg.model.count_params() == (2 * 8 + 8) + (8 * 8 + 8) + (8 + 1)
    assert repr(pg).startswith("Playground(circle, 2-8-8-1, tanh/sigmoid")


# ---- training -----------------------------------------------------------------------------
def test_loss_decreases_on_an_easy_dataset():
    pg = Playground("gauss", hidden="4", optimizer="gradient descent", learning_rate=0.5)
    start = pg.state["train_loss"]
    for _ in range(20):
        pg.step(10)
    s = pg.state
    assert s["step"] == 200 and s["diverged"] is None
    assert s["train_loss"] < 0.3 * start
    assert s["test_accuracy"] >= 0.95
    assert np.all(np.diff(pg.history["train_loss"]) <= 1e-12)   # gradient descent, small alpha: monotone


def test_xor_needs_a_nonlinear_hidden_layer():
    linear = Playground("xor", hidden="8,8", activation="linear")
    tanh = Playground("xor", hidden="8,8", activation="tanh")
    for pg in (linear, tanh):
        for _ in range(40):
            pg.step(10)
    assert linear.state["test_accuracy"] < 0.8       # one straight line: at best ~3 of 4 quadrants
    assert tanh.state["test_accuracy"] > 0.95


def test_reset_returns_to_exactly_the_start():
    pg = Playground("spiral", hidden="8,8", activation="relu")
    w0 = pg.model.get_weights()
    s0 = pg.state
    pg.step(30)
    trained = pg.model.get_weights()
    assert pg.state["step"] == 30 and pg.state["train_loss"] != s0["train_loss"]
    pg.reset()
    assert pg.state == s0
    assert pg.history["step"] == [0]
    for a, b in zip(pg.model.get_weights(), w0):
        np.testing.assert_array_equal(a, b)
    pg.step(30)                                      # the same start gives the same run
    for a, b in zip(pg.model.get_weights(), trained):
        np.testing.assert_array_equal(a, b)


def test_step_zero_and_history_is_bounded():
    pg = Playground("gauss", hidden="2")
    assert pg.step(0)["step"] == 0
    for _ in range(4100):
        pg.step(1)
    assert len(pg.history["step"]) <= 4000 and pg.history["step"][-1] == 4100


def test_divergence_is_stopped_and_explained():
    pg = Playground("circle", activation="tanh", optimizer="gradient descent", learning_rate=10)
    for _ in range(5):
        pg.step(5)
    s = pg.state
    assert s["diverged"] and "learning rate 10 is too large" in s["diverged"]
    assert s["step"] == 5                            # stopped at the first frame that blew up
    assert all(np.all(np.isfinite(w)) for w in pg.model.get_weights())   # the last finite weights
    assert np.isfinite(s["train_loss"])
    picture = LivePicture()
    picture.frame(pg)
    shown = [t.get_text() for t in picture.fig.findobj(matplotlib.text.Text) if t.get_visible()]
    assert any("diverged at step 5" in t for t in shown)


def test_dead_relus_are_explained():
    pg = Playground("circle", activation="relu", optimizer="gradient descent", learning_rate=10)
    for _ in range(10):
        pg.step(5)
    assert pg.state["diverged"] is None and "dead" in pg.state["warning"]
    picture = LivePicture()
    picture.frame(pg)
    assert any("is dead" in t.get_text() for t in picture.fig.findobj(matplotlib.text.Text) if t.get_visible())


def _frames(pg, n=3, steps=5, **toggles):
    picture = LivePicture()
    for _ in range(n):
        pg.step(steps)
        png = picture.frame(pg, "png", **toggles)
    pg.picture = picture                              # for _check_screen
    return png


def _check_screen(pg, png, label):
    img = Image.open(io.BytesIO(png))
    assert img.format == "PNG" and img.size == pg.picture.fig.canvas.get_width_height(), label
    assert img.size[0] == round(100 * APP_FIGSIZE[0]), label
    s = pg.state
    keys = ("train_loss", "test_loss") + (() if pg.regression else ("train_accuracy", "test_accuracy"))
    for key in keys:
        assert np.isfinite(s[key]), f"{label}: {key} is {s[key]}"
    fig = pg.picture.fig
    texts = [t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_visible()]
    assert not [t for t in texts if BAD.search(t)], f"{label}: NaN/inf on screen: {texts}"
    view = pg.picture.view
    for im in view.graph.images + [view.region]:
        assert np.all(np.isfinite(im.get_array())), f"{label}: an image holds NaN"
    for lc in view.graph.lines:
        if lc.get_visible():
            assert np.all(np.isfinite(np.concatenate(lc.get_segments()))), f"{label}: a weight line is NaN"


COMBOS = [(d, a, o, opt) for d, a, opt in itertools.product(DATASETS, ACTIVATIONS, OPTIMIZERS)
          for o in (("sigmoid", "softmax") if N_CLASSES[d] == 2 else ("softmax",))]


@pytest.mark.parametrize("dataset, activation, output, optimizer", COMBOS)
def test_every_combination_runs_frames_without_nan_on_screen(dataset, activation, output, optimizer):
    pg = Playground(dataset, "8,8", activation, output, "cross-entropy", optimizer, 0.03)
    png = _frames(pg)
    _check_screen(pg, png, f"{dataset}/{activation}/{output}/{optimizer}")
    assert pg.state["step"] == 15


DEPTHS = [(d, o, l, h) for d, o, l in itertools.product(("xor", "blobs4"), ("sigmoid", "softmax"), LOSSES)
          if not (o == "sigmoid" and d == "blobs4") for h in ("", "3", "16,16,16")]


@pytest.mark.parametrize("dataset, output, loss, hidden", DEPTHS)
def test_losses_and_depths(dataset, output, loss, hidden):
    pg = Playground(dataset, hidden, "relu", output, loss, "adam", 0.03)
    _check_screen(pg, _frames(pg), f"{dataset}/{output}/{loss}/{hidden!r}")


@pytest.mark.parametrize("activation, optimizer, lr",
                         list(itertools.product(ACTIVATIONS, OPTIMIZERS, (10.0, 0.001))))
def test_extreme_learning_rates_never_show_nan(activation, optimizer, lr):
    pg = Playground("spiral", "8,8", activation, "sigmoid", "cross-entropy", optimizer, lr)
    png = _frames(pg, n=6, steps=10)
    _check_screen(pg, png, f"{activation}/{optimizer}/lr={lr}")
    if pg.state["diverged"]:
        assert "learning rate" in pg.state["diverged"]


# ---- rendering ----------------------------------------------------------------------------
def _pixels(png):
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)


def test_frames_change_and_blitting_matches_a_full_redraw():
    pg, picture = Playground("circle"), LivePicture()
    first = _pixels(picture.frame(pg, "png"))
    for _ in range(12):
        pg.step(5)
        picture.frame(pg, "png")
    live = _pixels(picture.frame(pg, "png"))
    assert np.abs(live - first).sum() > 0, "the picture did not change while training"
    assert picture.blitter.full_draws <= 3, "most frames must be blits"
    fresh = Playground("circle")                    # the same state, drawn in one full draw
    for _ in range(12):
        fresh.step(5)
    full = _pixels(LivePicture().frame(fresh, "png"))
    assert np.array_equal(live, full), "a blitted frame differs from a full redraw of the same state"


def test_a_new_setting_redraws_its_header_and_jpeg_works():
    picture = LivePicture()
    a = _pixels(picture.frame(Playground("xor"), "png"))
    b = _pixels(picture.frame(Playground("xor", learning_rate=0.1), "png"))
    assert not np.array_equal(a[:25], b[:25]), "the header (in the background) kept the old setting"
    assert Image.open(io.BytesIO(picture.frame(Playground("xor"), "jpeg"))).format == "JPEG"


def test_the_sweepable_widget_shows_cached_networks_in_place():
    """playground_widget: one figure; a change of a control repaints the network's artists."""
    from nnlib.widgets import notes

    w = pgmod.playground_widget
    live = w.live()
    try:
        live.frame()
        view, full = live.parts, live.full_draws
        for change in ({"activation": "relu"}, {"loss": "mse"}, {"optimizer": "gradient descent"},
                       {"hidden": "2"}, {"hidden": "none"}, {"dataset": "circle"}, {}):
            live.frame(**change)
        assert live.parts is view and live.full_draws == full, "a change of a control redrew everything"
        pg = pgmod.trained_playground("xor", "8,8", "tanh", "sigmoid", "cross-entropy", "adam", 0.03)
        own = Playground("xor", "8,8")                   # the same network, drawn by itself
        for _ in range(pgmod.STATIC_STEPS // 10):
            own.step(10)
        picture = LivePicture()
        picture.frame(own)
        np.testing.assert_array_equal(view.region.get_array(), picture.view.region.get_array())
        for a, b in zip(view.graph.images, picture.view.graph.images):
            np.testing.assert_array_equal(a.get_array(), b.get_array())
        assert pg.state == own.state
        live.frame(dataset="blobs4")                     # sigmoid output, 4 classes: explained
        assert any("softmax" in t for t in notes(live.fig))
        assert not any(im.get_visible() for im in live.parts.graph.images)
        live.frame(dataset="blobs4", output="softmax")
        assert not notes(live.fig) and all(im.get_visible() for im in live.parts.graph.images[:4])
    finally:
        live.reset()


# ---- the app, without a browser -----------------------------------------------------------
def test_app_frames_and_controls():
    app = PlaygroundApp(dataset="xor")
    assert app.pg.state["step"] == 0 and app.image.value[:2] == b"\xff\xd8"   # JPEG
    ms = app.frame()
    assert ms > 0 and app.pg.state["step"] == app.steps_per_frame.value
    app.frame()
    assert app.pg.state["step"] == 2 * app.steps_per_frame.value
    assert "<b>step 10</b>" in app.status.value and "accuracy train" in app.status.value
    app.reset_button.click()
    assert app.pg.state["step"] == 0
    app.controls["dataset"].value = "blobs4"         # sigmoid output: explained, not trained
    assert app.pg is None and "cannot be trained" in app.status.value
    assert app.frame() is None
    app.controls["output"].value = "softmax"
    assert app.pg is not None and app.pg.k == 4
    app.controls["hidden"].value = "4,,x"
    assert app.pg is None
    app.controls["hidden"].value = "4"
    app.step_button.click()
    assert app.pg.state["step"] == app.steps_per_frame.value


def test_app_stops_playing_when_training_diverges():
    app = PlaygroundApp(dataset="circle", optimizer="gradient descent", learning_rate=10.0)
    app.play.playing = True
    for _ in range(3):
        app.frame()
    assert app.pg.diverged and app.play.playing is False


def test_app_mode_only_under_voila(monkeypatch):
    monkeypatch.delenv("SERVER_SOFTWARE", raising=False)
    assert pgmod.app_mode() is False
    monkeypatch.setenv("SERVER_SOFTWARE", "voila/0.5.8")
    out = sys.stdout
    try:
        assert pgmod.app_mode() is True
        print("this text is dropped under Voila")
        assert sys.stdout is not out
    finally:
        sys.stdout = out
    assert os.environ["SERVER_SOFTWARE"].startswith("voila")


def test_set_optimizer_goes_on_from_the_current_weights():
    pg = Playground("circle", optimizer="gradient descent", learning_rate=10.0)
    pg.step(5)
    assert pg.diverged
    w = pg.model.get_weights()
    pg.set_optimizer("adam", 0.01)                   # after a divergence: continue, smaller steps
    assert pg.diverged is None and pg.state["step"] == 5
    for a, b in zip(pg.model.get_weights(), w):
        np.testing.assert_array_equal(a, b)
    before = pg.state["train_loss"]
    pg.step(50)
    assert pg.state["step"] == 55 and pg.state["train_loss"] < before
    assert "adam, learning rate 0.01" in pg.describe()
    with pytest.raises(PlaygroundError, match="positive number"):
        pg.set_optimizer(learning_rate=-1.0)


def test_app_learning_rate_change_keeps_training_and_shows():
    app = PlaygroundApp(dataset="gauss")
    app.frame()
    app.frame()
    before = app.image.value
    app.controls["learning_rate"].value = 0.1
    assert app.pg.state["step"] == 2 * app.steps_per_frame.value     # no restart
    assert app.pg.learning_rate == pytest.approx(0.1)
    assert app.image.value != before                                # the picture names the new rate
    app.controls["optimizer"].value = "gradient descent"
    assert app.pg.optimizer_name == "gradient descent" and app.pg.state["step"] > 0


def test_app_explanation_follows_every_control():
    app = PlaygroundApp(dataset="blobs4")            # sigmoid output: cannot train
    first = app.image.value
    app.controls["hidden"].value = "16,16"
    assert app.pg is None and app.image.value != first
    second = app.image.value
    app.controls["activation"].value = "relu"
    assert app.image.value != second


def _steps(app):
    with app._lock:
        return app.pg.state["step"]


def test_a_tick_runs_frames_until_the_lease_ends():
    app = PlaygroundApp(dataset="gauss")
    app.play.playing = True
    deadline = time.monotonic() + 20                 # generous: the machine may be busy
    while _steps(app) < 2 * app.steps_per_frame.value and time.monotonic() < deadline:
        app.play.value += 1                          # browser ticks
        time.sleep(0.2)
    assert _steps(app) >= 2 * app.steps_per_frame.value, "frames did not run after ticks"
    loop = app._thread
    loop.join(timeout=app.LEASE_S + 5)               # no more ticks: the lease runs out
    assert not loop.is_alive()
    done = _steps(app)
    time.sleep(0.3)
    assert _steps(app) == done
    assert "pictures/s" in app.status.value or "one frame takes" in app.status.value


def test_pause_ends_the_loop_at_once():
    app = PlaygroundApp(dataset="gauss")
    app.play.playing = True
    app.play.value += 1
    time.sleep(0.2)
    app.play.playing = False                          # the pause button
    app._thread.join(timeout=2)
    assert not app._thread.is_alive()


def test_the_loop_stops_on_divergence_and_on_errors():
    app = PlaygroundApp(dataset="circle", optimizer="gradient descent", learning_rate=10.0)
    app.play.playing = True
    app.play.value += 1
    app._thread.join(timeout=5)
    assert app.pg.diverged and app.play.playing is False

    app = PlaygroundApp(dataset="circle")
    def broken(n=1):
        raise RuntimeError("simulated failure")
    app.pg.step = broken
    app.play.playing = True
    app.play.value += 1
    app._thread.join(timeout=5)
    assert app.play.playing is False and isinstance(app.error, RuntimeError)
    assert "Training stopped" in app.status.value and "simulated failure" in app.status.value


def test_controls_change_safely_while_the_loop_runs():
    app = PlaygroundApp(dataset="gauss")
    app.play.playing = True
    for name, value in [("dataset", "xor"), ("hidden", "4"), ("learning_rate", 0.1), ("activation", "relu"),
                        ("dataset", "blobs3"), ("output", "softmax")]:
        app.play.value += 1
        time.sleep(0.15)
        app.controls[name].value = value
    app.play.value += 1
    time.sleep(0.3)
    app.play.playing = False
    app._thread.join(timeout=3)
    assert app.error is None and app.pg is not None and app.pg.k == 3
