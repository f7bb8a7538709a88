"""Chapter 13's app in JupyterLab, used the way a learner does: play, move the new controls, click.

A small generated notebook runs ``playground_app()``; the test presses Play and, while it plays,
toggles an input feature, turns on L2 and moves its rate, the batch size and the training ratio,
shows the test data, discretizes, asks for a new seed and resets. After each: no error box, no
error status, and the picture keeps changing. Then a click on a unit's tile shows its formula
(and the pointer resting on another tile shows that one's), a click on the plane adds a point,
and "show the code" prints tf.keras code. Skipped with one line without Chromium or playwright.
"""
import json

import pytest

import labdriver as L

NOTEBOOK = "_test_playground_lab.ipynb"                # written into the lab's copy of notebooks/
SETTING = dict(dataset="xor", hidden="4,2")
CLICK_AT = (0.5, -0.5)                                 # (x1, x2) on the plane, where the test clicks



def write_notebook(path):
    import nbformat

    source = ("from nnlib.widgets.ch13_playground import playground_app\n\n"
              f"app = playground_app(**{json.dumps(SETTING)})")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nbformat.write(nb, str(path))


def picture_fractions():
    """Where the test clicks, as fractions of the picture's width and height from its top left:
    {"plane": ..., (c, j): a tile's centre}, from the same app the kernel builds (so the test
    follows the layout instead of hard-coding it)."""
    from nnlib.widgets.ch13_playground import PlaygroundApp
    from nnlib.widgets.ch13_playground.graph import GAP, TILE

    app = PlaygroundApp(**SETTING)
    fig, graph = app.picture.fig, app.picture.view.graph
    w, h = fig.bbox.width, fig.bbox.height
    at = {}
    px, py = app.picture.view.ax_region.transData.transform(CLICK_AT)
    at["plane"] = (px / w, (h - py) / h)
    for c, n in enumerate(graph.shown):
        x0, x1, _, top = graph.images[c].get_extent()
        for j in range(n):
            px, py = graph.ax.transData.transform(((x0 + x1) / 2, top - j * (TILE + GAP) - TILE / 2))
            at[(c, j)] = (px / w, (h - py) / h)
    return at


@pytest.fixture(scope="module")
def page(lab, screenshots):
    from playwright.sync_api import sync_playwright

    write_notebook(lab.root / "notebooks" / NOTEBOOK)
    with sync_playwright() as pw:
        browser = L.launch_chromium(pw)
        try:
            page = L.open_notebook(browser, lab, f"notebooks/{NOTEBOOK}")
            state = L.run_all(page, timeout=300)
            assert state["executed"] == state["code"], f"the app's cell did not run: {state}"
            page.locator(".nnlib-pg-picture").first.wait_for(timeout=120_000)
            yield page
            page.screenshot(path=str(screenshots / "playground-lab.png"), full_page=True)
        finally:
            browser.close()
            lab.shutdown_kernels()



def formula(page):
    return page.locator(".nnlib-pg-formula").first.inner_text()





def click_picture(page, where, hover=False):
    img = page.locator(".nnlib-pg-picture").first
    img.scroll_into_view_if_needed()
    box = img.bounding_box()
    x, y = where[0] * box["width"], where[1] * box["height"]
    if hover:
        page.mouse.move(box["x"] + x - 3, box["y"] + y - 3)
        page.mouse.move(box["x"] + x, box["y"] + y, steps=3)
    else:
        img.click(position={"x": x, "y": y})


def test_the_app_runs_in_jupyterlab(page):
    assert page.locator(".nnlib-playground").count() == 1
    assert "step 0" in L.pg_status(page).inner_text()
    assert "click a unit" in formula(page)
    assert not L.pg_problems(page)


def test_new_controls_while_playing(page):
    text = L.pg_change_while_playing(page, "x1sq", buttons=("new-seed", "reset"))
    assert "network 3-4-2-1" in text, f"x1² did not become a third input: {text!r}"
    assert "seed 1" in text, f"new seed did not change the seed: {text!r}"
    L.wait_idle(page)


def test_a_click_on_a_tile_shows_its_formula(page):
    at = picture_fractions()
    click_picture(page, at[(1, 0)])
    text = L.wait_for(lambda: "a₁^[1] = tanh(" in formula(page) and formula(page), 20)
    assert text and "· 3 inputs" in text and "x₁²" in text, f"a click on unit 1 of layer 1 showed {formula(page)!r}"
    click_picture(page, at[(2, 1)], hover=True)       # the pointer resting on another tile
    text = L.wait_for(lambda: "a₂^[2] = tanh(" in formula(page) and formula(page), 20)
    assert text and "a₁^[1]" in text and "· 4 inputs" in text, f"hovering unit 2 of layer 2 showed {formula(page)!r}"
    click_picture(page, at[(0, 2)])                   # an input tile: what the feature is
    text = L.wait_for(lambda: formula(page).startswith("x₁²") and formula(page), 20)
    assert text and "squared" in text, f"a click on the x₁² tile showed {formula(page)!r}"
    a, b = at[(1, 0)], at[(1, 1)]
    click_picture(page, (a[0], (a[1] + b[1]) / 2))    # between two tiles: the hint, no error
    assert L.wait_for(lambda: "click a unit" in formula(page), 20), f"between tiles: {formula(page)!r}"
    assert not L.pg_problems(page)


def test_a_click_on_the_plane_adds_a_point(page):
    before = L.pg_status(page).evaluate(L.PG_JS_MINE)
    click_picture(page, picture_fractions()["plane"])
    def mine():
        return L.pg_status(page).evaluate(L.PG_JS_MINE)

    after = L.wait_for(lambda: mine() > before and mine(), 20)
    assert after == before + 1, f"a click on the plane: {before} -> {after} points of yours " \
                                f"(status {L.pg_status(page).inner_text()!r})"
    assert not L.pg_problems(page)


def test_show_code_prints_keras_code(page):
    button = page.locator(".nnlib-pg-show-code").first
    button.scroll_into_view_if_needed()
    button.click()
    code = page.locator(".nnlib-pg-code textarea").first
    text = L.wait_for(lambda: code.is_visible() and code.input_value(), 20)
    assert text and "keras.Sequential" in text, f"show the code gave {text!r:.300}"
    compile(text, "<the app's code>", "exec")
    assert not L.pg_problems(page)
