"""Chapter 13's app: a click (or the pointer) on a unit's tile shows a_j^[l] = g(w·a + b) with the current numbers."""
import io
import re

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from nnlib.playground_data import FEATURES  # noqa: E402
from nnlib.widgets.ch13_playground import Playground, PlaygroundApp  # noqa: E402
from nnlib.widgets.ch13_playground.controls import FORMULA_HINT  # noqa: E402
from nnlib.widgets.ch13_playground.graph import GAP, MAX_SHOWN, TILE, tile_at  # noqa: E402
from nnlib.widgets.ch13_playground.texts import a_name, formula_html, unit_formula, weighted_sum  # noqa: E402

G = {"tanh": np.tanh, "relu": lambda z: np.maximum(z, 0), "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
     "linear": lambda z: z, "leaky_relu": lambda z: np.where(z > 0, z, 0.2 * z)}
NUMBER = r"([−+]?) ?(\d+\.\d+)"


def tile_centre(app, c, j):
    """Tile (c, j)'s centre as ipyevents reports it (picture pixels from the top left), from the drawn image."""
    graph = app.picture.view.graph
    x0, x1, y0, y1 = graph.images[c].get_extent()                 # the column's image, in graph pixels
    y = y1 - j * (TILE + GAP) - TILE / 2
    px, py = graph.ax.transData.transform(((x0 + x1) / 2, y))
    return float(px), float(app.picture.fig.bbox.height - py)


def coefficients(text):
    """The numbers of 'g(0.53·x₁ − 1.20·x₂ + 0.10)' as floats, in order (the last is b)."""
    inside = text[text.index("(") + 1:text.rindex(")")] if "(" in text else text.split("=")[-1]
    return [float(n) * (-1 if s == "−" else 1) for s, n in re.findall(NUMBER, inside.replace("− ", "−"))]


# ---- pixel -> unit, a pure function ------------------------------------------------------------
def test_tile_at_finds_every_tile_and_nothing_between_them():
    xs, shown, top = [50.0, 200.0, 350.0], [7, 8, 1], 400.0
    for c, (x0, n) in enumerate(zip(xs, shown)):
        for j in range(n):
            y_top = top - j * (TILE + GAP)
            assert tile_at(x0 + TILE / 2, y_top - TILE / 2, xs, shown, top) == (c, j)
            assert tile_at(x0 + 1, y_top - 1, xs, shown, top) == (c, j)                   # its corners too
            assert tile_at(x0 + TILE - 1, y_top - TILE + 1, xs, shown, top) == (c, j)
            assert tile_at(x0 + TILE / 2, y_top - TILE - GAP / 2, xs, shown, top) is None  # the gap below
        assert tile_at(x0 + TILE / 2, top - n * (TILE + GAP) - TILE / 2, xs, shown, top) is None   # no tile n
        assert tile_at(x0 + TILE / 2, top + 5, xs, shown, top) is None                             # above row 0
    assert tile_at(120.0, top - TILE / 2, xs, shown, top) is None                                  # between columns
    assert tile_at(-5.0, -5.0, xs, shown, top) is None
    assert tile_at(60.0, 380.0, (), (), top) is None                                               # nothing drawn


@pytest.mark.parametrize("hidden", ["8,8", "3", "12,2,5"])
def test_unit_at_matches_the_tiles_drawn_on_the_picture(hidden):
    app = PlaygroundApp(dataset="xor", hidden=hidden, image_format="png")
    rgb = np.asarray(Image.open(io.BytesIO(app.image.value)).convert("RGB")).astype(int)
    graph = app.picture.view.graph
    shown = [len(FEATURES)] + [min(int(n), MAX_SHOWN) for n in hidden.split(",")] + [1]
    assert graph.shown == shown
    for c, n in enumerate(shown):
        for j in range(n):
            px, py = tile_centre(app, c, j)
            assert graph.unit_at(px, py) == (c, j)
            r, g, b = rgb[int(py), int(px)]
            assert r == g == b and r < 245, f"no grey tile drawn at ({px}, {py}) for tile {(c, j)}"
        px, py = tile_centre(app, c, n - 1)
        assert graph.unit_at(px, py + TILE / 2 + GAP / 2) is None                      # the gap / below the last
    assert graph.unit_at(*tile_centre(app, 1, 0)[:1], 1.0) is None                      # the column titles


# ---- the formula's words and numbers -------------------------------------------------------------
@pytest.mark.parametrize("kw", [dict(dataset="circle", hidden="3", activation="tanh"),
                                dict(dataset="xor", hidden="4,2", activation="relu", features=("x1", "x2", "x1*x2")),
                                dict(dataset="blobs3", hidden="2", activation="leaky_relu", output="softmax"),
                                dict(dataset="plane", hidden="2", activation="sigmoid", output="linear", loss="mse")])
def test_the_formula_computes_what_the_tile_shows(kw):
    """The formula's numbers (2 decimals) are W^[l]_:j and b^[l]_j, and g of them gives the tile's a_j^[l]."""
    pg = Playground(**kw)
    pg.step(30)
    weights, outs = pg.model.get_weights(), pg.grid_outputs()
    a_prev = pg.A_grid
    L = len(weights) // 2
    for l in range(1, L + 1):
        W, b = weights[2 * l - 2], weights[2 * l - 1]
        g = pg.activation if l < L else pg.output
        numbers = []
        for j in range(W.shape[1]):
            text = unit_formula(pg, l, j)
            assert text.startswith(a_name(j, l) + " = ") and f"· {W.shape[0]} input" in text
            assert (g in text) == (g != "linear")
            numbers.append(coefficients(text.split(", ")[-1] if g == "softmax" else text))
        numbers = np.array(numbers).T                                  # (n^[l-1] + 1, n^[l])
        np.testing.assert_allclose(numbers, np.vstack([W, b]), atol=0.0051)
        z = a_prev @ numbers[:-1] + numbers[-1]                        # the formula's numbers, by hand
        if g == "softmax":
            e = np.exp(z - z.max(axis=1, keepdims=True))
            a = e / e.sum(axis=1, keepdims=True)
        else:
            a = G[g](z)
        rounding = 0.005 * (1 + np.abs(a_prev).sum(axis=1, keepdims=True))   # |z error| at most this
        assert np.all(np.abs(a - outs[l - 1]) <= 2 * rounding + 1e-6)
        a_prev = outs[l - 1]


def test_many_inputs_show_the_first_terms_and_an_ellipsis():
    pg = Playground(dataset="spiral", hidden="16,8")
    text = unit_formula(pg, 2, 3)
    W = pg.model.get_weights()[2]
    assert text.startswith("a₄^[2] = tanh(") and "+ … " in text and text.endswith("· 16 inputs")
    assert "a₄^[1]" in text and "a₅^[1]" not in text
    np.testing.assert_allclose(coefficients(text)[:4], W[:4, 3], atol=0.0051)
    assert weighted_sum(np.array([-1.5, 2.0]), -0.25, ["x₁", "x₂"]) == "−1.50·x₁ + 2.00·x₂ − 0.25"


def test_an_input_tile_says_what_the_feature_is():
    pg = Playground(dataset="circle", features=("x1", "x2", "x1^2"))
    assert unit_formula(pg, 0, FEATURES.index("x1^2")).startswith("x₁² = a₃^[0]: x₁ squared")
    assert "first coordinate" in unit_formula(pg, 0, 0)
    unused = unit_formula(pg, 0, FEATURES.index("sin(x2)"))
    assert "sine of x₂" in unused and "not an input now" in unused


def test_formula_html_gives_a_hint_for_no_tile_or_a_tile_that_is_gone():
    pg = Playground(dataset="circle", hidden="3")
    assert formula_html(pg, None) == FORMULA_HINT and formula_html(None, (1, 0)) == FORMULA_HINT
    assert formula_html(pg, (1, 3)) == FORMULA_HINT and formula_html(pg, (5, 0)) == FORMULA_HINT
    assert formula_html(pg, (2, 0)).startswith("<code>a₁^[2] = sigmoid(")


# ---- in the app --------------------------------------------------------------------------------
def test_a_click_on_a_tile_shows_its_formula_and_training_updates_it():
    app = PlaygroundApp(dataset="xor", hidden="4,2")
    assert app.ui.formula.value == FORMULA_HINT
    px, py = tile_centre(app, 1, 1)
    app.click({"type": "click", "dataX": px, "dataY": py})
    before = app.ui.formula.value
    assert "a₂^[1] = tanh(" in before and "2 inputs" in before and app.pg.n_added == 0   # no point added
    W = app.pg.model.get_weights()[0]
    np.testing.assert_allclose(coefficients(before.replace("<code>", "").replace("</code>", ""))[:2], W[:, 1],
                               atol=0.0051)
    app.frame()
    app.frame()
    assert app.ui.formula.value != before and "a₂^[1] = tanh(" in app.ui.formula.value   # the new numbers
    app.click({"type": "click", "dataX": px, "dataY": py + TILE / 2 + GAP / 2})          # between tiles: the hint
    assert app.ui.formula.value == FORMULA_HINT
    app.hover({"type": "mousemove", "dataX": px, "dataY": py})                           # the pointer on a tile
    assert "a₂^[1]" in app.ui.formula.value
    app.hover({"type": "mousemove", "dataX": 2.0, "dataY": 2.0})                         # off: the last one stays
    assert "a₂^[1]" in app.ui.formula.value
    app.controls["hidden"].value = "1"                                                    # the unit is gone
    assert app.ui.formula.value == FORMULA_HINT
    app.hover({"type": "mousemove", "dataX": tile_centre(app, 0, 0)[0], "dataY": tile_centre(app, 0, 0)[1]})
    assert "x₁ = a₁^[0]" in app.ui.formula.value


def test_clicks_never_raise_even_when_the_setting_cannot_train():
    app = PlaygroundApp(dataset="blobs3", output="sigmoid")        # 3 classes, a sigmoid: a reason picture
    for x, y in [(100.0, 100.0), (700.0, 200.0), (-3.0, 9999.0)]:
        app.click({"type": "click", "dataX": x, "dataY": y})
        app.hover({"type": "mousemove", "dataX": x, "dataY": y})
    app.click({})
    assert app.ui.formula.value == FORMULA_HINT


def test_every_control_has_a_stable_css_class():
    app = PlaygroundApp()
    ui = app.ui
    for name, css in [("train_ratio", "ratio"), ("batch_size", "batch"), ("show_test", "show-test"),
                      ("regularization", "regularization"), ("reg_rate", "reg-rate"), ("discretize", "discretize")]:
        assert f"nnlib-pg-{css}" in ui.controls[name]._dom_classes
    for w, css in [(ui.formula, "formula"), (ui.code, "code"), (ui.link, "link"), (ui.status, "status"),
                   (ui.show_code, "show-code"), (ui.reset, "reset"), (ui.new_seed, "new-seed"), (ui.play, "play"),
                   (app.image, "picture")]:
        assert f"nnlib-pg-{css}" in w._dom_classes
    assert all("nnlib-pg-feature" in b._dom_classes for b in ui.features.values())
    classes = [c for w in app.widget.children for c in w._dom_classes]
    assert "nnlib-pg-features" in classes and "nnlib-pg-points" in classes
