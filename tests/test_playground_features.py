"""Chapter 13's playground, TensorFlow Playground's features: each in the model, on the picture and in the app."""
import datetime
import io

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from nnlib import _random  # noqa: E402
from nnlib.playground_data import FEATURES, make_dataset, points_csv  # noqa: E402
from nnlib.widgets import notes  # noqa: E402
from nnlib.widgets.ch13_playground import LivePicture, Playground, PlaygroundApp, PlaygroundError  # noqa: E402
from nnlib.widgets.ch13_playground.graph import GREYS, MAX_SHOWN, NEGATIVE, POSITIVE, column_tiles  # noqa: E402

FORMULAS = {"x1": lambda X: X[:, 0], "x2": lambda X: X[:, 1], "x1^2": lambda X: X[:, 0] ** 2,
            "x2^2": lambda X: X[:, 1] ** 2, "x1*x2": lambda X: X[:, 0] * X[:, 1],
            "sin(x1)": lambda X: np.sin(X[:, 0]), "sin(x2)": lambda X: np.sin(X[:, 1])}


def texts(fig):
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text()]


def trained(steps=200, **kw):
    pg = Playground(**kw)
    for _ in range(steps // 20):
        pg.step(20)
    return pg


# ---- input features -------------------------------------------------------------------------
def test_features_are_the_formulas_and_feed_the_first_layer():
    pg = Playground("circle", features=("x1^2", "sin(x2)", "x1"))
    assert pg.features == ("x1", "x1^2", "sin(x2)")               # in FEATURES' order
    for j, f in enumerate(pg.features):
        np.testing.assert_allclose(pg.A_train[:, j], FORMULAS[f](pg.X_train), rtol=0, atol=1e-15)
    assert pg.model.layers[0].W.shape == (3, 8) and pg.arch == "3-8-8-1"
    everything = pg.inputs_on_grid()
    for j, f in enumerate(FEATURES):
        np.testing.assert_allclose(everything[:, j], FORMULAS[f](pg.X_grid), atol=1e-15)


def test_a_circle_needs_no_hidden_layer_once_squares_are_inputs():
    plain = trained(300, dataset="circle", hidden="", features=("x1", "x2"))
    squares = trained(300, dataset="circle", hidden="", features=("x1^2", "x2^2"))
    assert plain.state["test_accuracy"] < 0.8 < 0.95 < squares.state["test_accuracy"]


def test_no_feature_is_explained():
    with pytest.raises(PlaygroundError, match="at least one"):
        Playground(features=())
    app = PlaygroundApp()
    for button in app.ui.features.values():
        button.value = False
    assert app.pg is None and "cannot be trained" in app.status.value
    assert any("at least one" in t for t in notes(app.picture.fig))
    app.ui.features["x1*x2"].value = True
    assert app.pg is not None and app.pg.features == ("x1*x2",)


# ---- regularisation ---------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["l1", "l2"])
def test_a_penalty_shrinks_the_weights(kind):
    free = trained(dataset="xor", hidden="8,8")
    held = trained(dataset="xor", hidden="8,8", regularization=kind, reg_rate=0.01)
    size = (lambda W: np.abs(W).sum()) if kind == "l1" else (lambda W: (W ** 2).sum())
    total = lambda pg: sum(size(layer.W) for layer in pg.model.layers)  # noqa: E731
    assert total(held) < 0.7 * total(free)
    assert all(type(layer.kernel_regularizer).__name__ == kind.upper() for layer in held.model.layers)
    # the reported cost is the data loss plus the penalty, as Keras reports it
    data_loss = held.model.loss(held._T_train.reshape(-1, 1), held.model.predict(held.A_train))
    penalty = sum(layer.kernel_regularizer(layer.W) for layer in held.model.layers)
    assert held.state["train_loss"] == pytest.approx(float(data_loss) + penalty, rel=1e-9)


def test_regularisation_changes_go_on_from_the_current_weights():
    pg = trained(40, dataset="gauss", hidden="4")
    w = pg.model.get_weights()
    pg.retune(regularization="l2", reg_rate=0.1)
    assert pg.state["step"] == 40
    for a, b in zip(pg.model.get_weights(), w):
        np.testing.assert_array_equal(a, b)
    assert "L2 0.1" in pg.describe()
    with pytest.raises(PlaygroundError, match=">= 0"):
        pg.retune(reg_rate=-1.0)
    with pytest.raises(PlaygroundError, match="regularization must be one of"):
        Playground(regularization="l3")


# ---- batch size, shuffling, train/test ratio ------------------------------------------------
def test_mini_batches_count_updates_and_are_seeded_without_touching_nnlib_generator():
    before = _random.get_rng().bit_generator.state
    a, b = Playground("xor", batch_size=30), Playground("xor", batch_size=30)
    a.step(3)
    b.step(3)
    assert a.model.optimizer.iterations == 3 * 7                      # 200 points: 6 of 30 and one of 20
    for wa, wb in zip(a.model.get_weights(), b.model.get_weights()):
        np.testing.assert_array_equal(wa, wb)
    assert _random.get_rng().bit_generator.state == before, "the playground drew from nnlib's generator"
    c = Playground("xor", batch_size=30, seed=1)
    c.step(1)
    assert not np.array_equal(c.model.get_weights()[0], a.model.get_weights()[0])
    one = Playground("gauss", hidden="2", batch_size=1)
    one.step(1)
    assert one.model.optimizer.iterations == 200 and np.isfinite(one.state["train_loss"])


@pytest.mark.parametrize("ratio", [10, 30, 50, 90])
def test_train_ratio_splits_400_points(ratio):
    pg = Playground("spiral", train_ratio=ratio)
    m_train = 4 * ratio
    assert len(pg.X_train) == m_train and len(pg.X_test) == 400 - m_train
    if ratio == 50:                                                  # today's sets, unchanged
        X, y = make_dataset("spiral", 200, 0.05, seed=0)
        np.testing.assert_array_equal(pg.X_train, X)
        np.testing.assert_array_equal(pg.y_train, y)
    with pytest.raises(PlaygroundError, match="10 to 90"):
        Playground(train_ratio=95)


# ---- regression ---------------------------------------------------------------------------
@pytest.mark.parametrize("dataset", ["plane", "gaussians"])
def test_regression_sets_train_with_a_linear_output_and_a_coloured_key(dataset):
    pg = Playground(dataset, hidden="8", output="linear", loss="mse", features=("x1", "x2", "x1^2", "x2^2"))
    start = pg.state["train_loss"]
    for _ in range(10):
        pg.step(20)
    assert pg.state["train_loss"] < 0.5 * start and pg.state["train_accuracy"] is None
    picture = LivePicture()
    picture.frame(pg, "png", show_test=True)
    shown = texts(picture.fig)
    assert "target $y$, prediction $\\hat y$" in shown, "the colour key has no label"
    assert picture.view.train_values.get_visible() and picture.view.test_values.get_visible()
    region = picture.view.region.get_array()
    assert len(np.unique(region.reshape(-1, 4), axis=0)) > 20          # a diverging scale, not classes


@pytest.mark.parametrize("kw, match", [
    (dict(dataset="plane", output="sigmoid", loss="mse"), "linear output"),
    (dict(dataset="plane", output="linear", loss="cross-entropy"), "squared error"),
    (dict(dataset="circle", output="linear", loss="mse"), "not a probability"),
])
def test_regression_and_classes_need_their_own_output(kw, match):
    with pytest.raises(PlaygroundError, match=match):
        Playground(**kw)


def test_the_app_switches_the_output_for_regression_and_back():
    app = PlaygroundApp()
    app.controls["dataset"].value = "gaussians"
    assert app.pg is not None and app.pg.output == "linear" and app.pg.loss_name == "mse"
    app.frame()
    assert "accuracy" not in app.status.value
    app.controls["dataset"].value = "blobs3"
    assert app.pg is not None and app.pg.output == "softmax" and app.pg.loss_name == "cross-entropy"


# ---- picture toggles ----------------------------------------------------------------------
def test_show_test_data_and_discretize_output():
    pg = trained(100, dataset="xor")
    picture = LivePicture()
    picture.frame(pg, "png")
    view = picture.view
    assert sum(len(line.get_xdata()) for line in view.test_dots) == 0
    soft = view.region.get_array().reshape(-1, 4)
    picture.frame(pg, "png", show_test=True, discretize=True)
    assert sum(len(line.get_xdata()) for line in view.test_dots) == len(pg.X_test)
    hard = view.region.get_array().reshape(-1, 4)
    assert len(np.unique(hard, axis=0)) == 2 < len(np.unique(soft, axis=0))
    assert any("squares: test" in t for t in texts(picture.fig))


# ---- the network as a graph ------------------------------------------------------------------
def test_every_hidden_layer_has_tiles_and_weight_lines():
    pg = Playground("spiral", hidden="16,3,8,5", features=("x1", "x2", "x1*x2"))
    picture = LivePicture()
    picture.frame(pg, "png")
    g = picture.view.graph
    shown = [im for im in g.images if im.get_visible()]
    assert len(shown) == 1 + 4 + 1                                   # inputs, four hidden layers, output
    heights = [im.get_array().shape[0] for im in shown]
    assert heights == [7 * 38 - 8, 8 * 38 - 8, 3 * 38 - 8, 8 * 38 - 8, 5 * 38 - 8, 30]   # tile 30 px, gap 8
    assert "+8 more" in texts(picture.fig)                          # 16 units, 8 drawn
    lines = [lc for lc in g.lines if lc.get_visible()]
    assert [len(lc.get_segments()) for lc in lines] == [3 * 8, 8 * 3, 3 * 8, 8 * 5, 5 * 1]
    W = pg.model.get_weights()[2][:MAX_SHOWN]                        # W^[2]: 16 x 3, first 8 rows drawn
    lc = lines[1]
    widths, colors = np.asarray(lc.get_linewidths()), lc.get_colors()
    w = W.ravel()
    assert np.all(np.diff(widths[np.argsort(np.abs(w))]) >= 0), "a larger |w| must not be drawn thinner"
    pos, neg = matplotlib.colors.to_rgba(POSITIVE), matplotlib.colors.to_rgba(NEGATIVE)
    assert all(tuple(c[:3]) == (pos if v > 0 else neg)[:3] for c, v in zip(colors, w))
    before = np.array(lc.get_linewidths())
    pg.step(50)
    picture.frame(pg, "png")
    assert not np.array_equal(before, lc.get_linewidths()), "the weight lines did not follow training"


def test_a_column_shares_one_grey_scale():
    a = np.column_stack([np.linspace(-2, 0, 2500), np.linspace(0, 0.1, 2500)])
    image, lo, hi = column_tiles(a, 50)
    assert (lo, hi) == (-2, 0.1)
    top, bottom = image[:30, :, :3], image[38:, :, :3]               # origin lower: unit 1 is drawn first
    assert top.min() >= GREYS[int(round(255 * 2 / 2.1)) - 1].min()    # unit 1 spans only the light end
    assert bottom.min() == GREYS[0].min() and bottom.max() >= GREYS[int(255 * 1.9 / 2.1)].max()
    assert np.all(image[30:38, :, 3] == 0), "the gap between tiles must be transparent"


# ---- reset and seeds --------------------------------------------------------------------------
def test_reset_keeps_the_initial_weights_and_new_seed_changes_them():
    app = PlaygroundApp(dataset="xor")
    w0 = app.pg.model.get_weights()
    app.frame()
    app.controls["learning_rate"].value = 0.1                         # another setting...
    app.reset_button.click()                                          # ...from the same start
    for a, b in zip(app.pg.model.get_weights(), w0):
        np.testing.assert_array_equal(a, b)
    assert "seed 0" in app.status.value and app.pg.learning_rate == pytest.approx(0.1)
    app.seed_button.click()
    assert app.seed == 1 and "seed 1" in app.status.value
    assert not np.array_equal(app.pg.model.get_weights()[0], w0[0])
    assert "seed 1" in app.picture.view.header.get_text()


# ---- your own points ------------------------------------------------------------------------
def test_a_click_on_the_plane_adds_a_point_of_the_chosen_class():
    app = PlaygroundApp(dataset="gauss")
    ax = app.picture.view.ax_region
    height = app.picture.fig.bbox.height
    px, py = ax.transData.transform((0.5, -0.25))
    app.ui.click_class.value = 0
    app.click({"type": "click", "dataX": float(px), "dataY": float(height - py)})
    assert app.pg.n_added == 1 and len(app.pg.X_train) == 201
    np.testing.assert_allclose(app.pg.X_train[-1], (0.5, -0.25), atol=0.02)
    assert app.pg.y_train[-1] == 0
    app.click({"type": "click", "dataX": 2.0, "dataY": 2.0})          # off the plane: nothing
    assert app.pg.n_added == 1
    app.controls["noise"].value = 0.1                                  # a rebuild keeps your points
    assert app.pg.n_added == 1
    app.clear_button.click()
    assert app.pg.n_added == 0 and len(app.pg.X_train) == 200


def test_a_csv_of_points_becomes_the_data_set():
    X, y = make_dataset("blobs3", 60, 0.05, seed=4)
    app = PlaygroundApp()
    assert app.load_csv(points_csv(X, y))
    assert app.controls["dataset"].value == "my points"
    assert app.pg is not None and app.pg.k == 3 and app.pg.output == "softmax"
    assert len(app.pg.X_train) + len(app.pg.X_test) == 60
    app.frame()
    assert not app.load_csv("x1,x2,label\n0.5,oops,1\n")
    assert "line 2" in app.status.value
    app.upload.value = ({"name": "p.csv", "type": "text/csv", "size": 20,
                         "content": memoryview(b"0.1,0.2,1.5\n-0.3,0.4,-0.5\n0.2,0.2,0.1\n0.9,0.1,1.0\n0,0,0.5\n"),
                         "last_modified": datetime.datetime(2026, 1, 1)},)
    assert app.pg is not None and app.pg.regression and app.pg.output == "linear"


# ---- every new control swept in the app --------------------------------------------------
SWEEP = [("features", "x1^2"), ("features", "sin(x2)"), ("regularization", "l1"), ("regularization", "l2"),
         ("reg_rate", 0.0001), ("reg_rate", 1.0), ("batch_size", 1), ("batch_size", 100), ("train_ratio", 10),
         ("train_ratio", 90), ("dataset", "plane"), ("dataset", "gaussians"), ("show_test", True),
         ("discretize", True), ("learning_rate", 10.0), ("hidden", "64,64,64,64,64,64")]


@pytest.mark.parametrize("name, value", SWEEP)
def test_each_new_control_while_training(name, value):
    app = PlaygroundApp(dataset="circle", image_format="png", steps_per_frame=2)
    app.frame()
    if name == "features":
        app.ui.features[value].value = True
    else:
        app.controls[name].value = value
    for _ in range(3):
        app.frame()
    assert app.error is None and app.pg is not None
    s = app.pg.state
    assert np.isfinite(s["train_loss"]) and np.isfinite(s["test_loss"])
    img = Image.open(io.BytesIO(app.image.value))
    assert img.format == "PNG"
    shown = texts(app.picture.fig)
    assert not [t for t in shown if "nan" in t.lower().split()], shown
    if s["diverged"]:
        assert any("diverged" in t for t in notes(app.picture.fig)), "divergence not explained on the picture"


# ---- a setting in a link, and its code ---------------------------------------------------------
def test_a_link_opens_the_app_at_its_setting_and_bad_values_are_named(monkeypatch):
    from nnlib.widgets.ch13_playground import playground_app

    monkeypatch.setenv("QUERY_STRING", "dataset=spiral&hidden=8,8,4&features=x1,x2,x1^2&lr=0.01&reg=l2&reg_rate=0.1"
                                       "&batch=20&train=30&show_test=yes&lr2=3")
    app = playground_app()
    s = app.setting()
    assert (s.dataset, app.pg.hidden, app.pg.features) == ("spiral", (8, 8, 4), ("x1", "x2", "x1^2"))
    assert (s.learning_rate, s.regularization, s.reg_rate, s.batch_size, s.train_ratio, s.show_test) == \
        (pytest.approx(0.01), "l2", pytest.approx(0.1), 20, 30, True)
    assert "lr2" in app.status.value
    assert "dataset=spiral" in app.ui.link.value


def test_the_code_button_prints_runnable_code_of_the_setting():
    app = PlaygroundApp(dataset="xor", hidden="4")
    app.frame()
    app.ui.show_code.value = True
    assert "keras.Sequential" in app.ui.code.value and "epochs=5" in app.ui.code.value
    app.ui.code_kind.value = "nnlib"
    assert "from nnlib import" in app.ui.code.value
    scope = {}
    exec(compile(app.ui.code.value.replace("epochs=5", "epochs=0"), "<nnlib code>", "exec"), scope)
    assert scope["model"].layers[0].W.shape == (2, 4)
