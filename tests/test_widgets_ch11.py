"""Chapter 11's drawing path: classify_grid and the live 8x8 grid of toggle buttons.

The sweep in test_widgets.py covers browse_widget and sketch_widget; the live grid is not a
plain Widget, so here we click its buttons programmatically and check that each click really
re-classifies the drawing.
"""
import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nnlib.activations import softmax  # noqa: E402
from nnlib.widgets import ch11_digits as w  # noqa: E402


def test_classify_grid_is_softmax_of_the_models_logits():
    _, (xte, _) = w.digits_data()
    probs = w.classify_grid(xte[0].reshape(8, 8))
    assert probs.shape == (10,)
    np.testing.assert_allclose(probs.sum(), 1.0, atol=1e-12)
    np.testing.assert_allclose(probs, softmax(w.digits_model().predict(xte[:1]))[0], atol=1e-12)
    np.testing.assert_allclose(w.classify_grid(xte[0]), probs)    # flat (64,) works the same


def test_model_is_trained_and_cached():
    assert w.digits_model() is w.digits_model()
    _, (xte, yte) = w.digits_data()
    acc = np.mean(np.argmax(w.digits_model().predict(xte), axis=1) == yte)
    assert acc > 0.9, f"the widget's network should classify most test digits; accuracy {acc:.3f}"


def test_binary_drawings_of_test_digits_are_mostly_recognised():
    # the grid only has ink / no ink: thresholded test digits must still mostly work
    _, (xte, yte) = w.digits_data()
    pred = [int(np.argmax(w.classify_grid((x > 0.4).astype(float)))) for x in xte[:100]]
    assert np.mean(np.array(pred) == yte[:100]) > 0.8


@pytest.mark.parametrize("name,digit", [("zero", 0), ("one", 1), ("two", 2), ("three", 3),
                                        ("four", 4), ("seven", 7)])
def test_presets_are_recognised(name, digit):
    assert int(np.argmax(w.classify_grid(w.preset_pixels(name)))) == digit


def test_preset_shift():
    p = w.preset_pixels("one", 2)
    np.testing.assert_array_equal(p[:, 2:], w.preset_pixels("one")[:, :6])
    assert p[:, :2].sum() == 0


@pytest.mark.parametrize("bad", [np.zeros(63), np.zeros((4, 16)), np.zeros((8, 8, 1)), np.full(64, 2.0),
                                 np.full(64, np.nan)])
def test_classify_grid_rejects_bad_input(bad):
    with pytest.raises(ValueError, match="classify_grid expects"):
        w.classify_grid(bad)


def test_live_grid_clicks_drive_the_prediction():
    grid = w.DrawingGrid(start="seven")
    grid.build()
    np.testing.assert_array_equal(grid.pixels(), w.preset_pixels("seven"))
    np.testing.assert_allclose(grid.probs, w.classify_grid(w.preset_pixels("seven")))
    assert int(np.argmax(grid.probs)) == 7
    # clear by clicking every inked square off, one click at a time: each click re-classifies
    seen = []
    for r in range(8):
        for c in range(8):
            if grid.buttons[r][c].value:
                grid.buttons[r][c].value = False
                seen.append(grid.probs.copy())
                np.testing.assert_allclose(grid.probs, w.classify_grid(grid.pixels()))
    assert grid.pixels().sum() == 0 and len(seen) == int(w.preset_pixels("seven").sum())
    # now draw a one square by square
    for r, c in zip(*np.nonzero(w.preset_pixels("one"))):
        grid.buttons[r][c].value = True
    assert int(np.argmax(grid.probs)) == 1
    np.testing.assert_allclose(grid.probs, w.classify_grid(w.preset_pixels("one")))


def test_live_grid_inked_squares_look_dark():
    """Pressed (inked) squares are dark by the grid's CSS: ToggleButton has no button_color trait."""
    import ipywidgets as W

    grid = w.DrawingGrid(start="one")
    box = grid.build()
    assert "button_color" not in W.ToggleButton().style.keys    # why CSS and not style
    help_html = box.children[0].children[0].value
    assert ".mod-active {background-color: #222222" in help_html
    grid_box = box.children[0].children[1]
    assert w.GRID_CLASS in grid_box._dom_classes


def test_live_grid_picture_is_not_stretched():
    """The picture keeps its own pixel size (the browser showed 512x208 stretched to 512x346)."""
    import io

    from PIL import Image

    grid = w.DrawingGrid(start="one")
    grid.build()
    width, height = Image.open(io.BytesIO(grid.image.value)).size
    assert (grid.image.layout.width, grid.image.layout.height) == (f"{width}px", f"{height}px")
    assert grid.image.layout.align_self == "flex-start"


def test_grid_prediction_figure_explains_only_the_empty_grid():
    import matplotlib.pyplot as plt

    from nnlib.widgets import notes
    from nnlib.widgets._render import animated_artists

    for pixels, explained in [(np.zeros((8, 8)), True), (w.preset_pixels("one"), False)]:
        fig = plt.figure()
        probs = w.draw_grid_prediction(fig, pixels)
        np.testing.assert_allclose(probs, w.classify_grid(pixels))
        assert bool(notes(fig)) == explained, notes(fig)
        assert not animated_artists(fig), "a plain draw of this figure would leave out its animated artists"
        plt.close(fig)


def test_live_grid_picture_follows_the_clicks():
    """The grid's image after clicks is the picture a fresh drawing of those pixels gives."""
    import io

    from PIL import Image

    def decode(png):
        return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))

    grid = w.DrawingGrid(start="seven")
    grid.build()
    first = decode(grid.image.value)
    grid.buttons[0][0].value = not grid.buttons[0][0].value
    grid.buttons[7][7].value = not grid.buttons[7][7].value
    fresh = w.DrawingGrid(start="seven")
    fresh.build()
    fresh.set_pixels(grid.pixels())
    assert not np.array_equal(decode(grid.image.value), first), "two clicks did not change the picture"
    np.testing.assert_array_equal(decode(grid.image.value), decode(fresh.image.value))
    # and both are the full drawing of those pixels (a first frame, nothing blitted), so a
    # changed artist that setup_sketch did not declare animated cannot stay stale in both
    drawn = grid.live.widget.live().frame(pixels=grid.pixels())
    np.testing.assert_array_equal(decode(grid.image.value), decode(drawn))
