"""Chapter 13's app notebook (notebooks/apps/playground.ipynb) under Voila, opened from a shared link.

The link's query string sets the controls; Play keeps the picture changing while the new controls
(features, regularisation, batch size, ratio, show test, discretize) move; a click on the plane adds
a point (ipyevents); "show the code" prints runnable code. And the notebook imports no TensorFlow,
which is what makes the app appear in about a second instead of the chapter's eight.

The TensorFlow check runs the notebook with nbclient (no browser); the others are skipped with one
line unless Voila, Chromium and playwright are installed.
"""

import pytest

import labdriver as L

APP = "apps/playground.ipynb"                      # under notebooks/
QUERY = "dataset=spiral&hidden=6,4&features=x1,x2,x1%5E2"
CLICK_AT = (0.5, -0.5)                             # (x1, x2) on the plane, where the test clicks


voila = pytest.mark.skipif(not L.voila_installed(), reason="voila not installed (pip install voila)")


def test_the_app_notebook_imports_no_tensorflow(monkeypatch):
    """Run the app notebook's cells in a fresh kernel, then ask that kernel for sys.modules."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(L.NOTEBOOKS / APP, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert "playground_app" in code[-1].source, "the app notebook ends with the app"
    assert all("in_voila()" in c.source for c in code[:-1]), \
        "every cell before the app is skipped under Voila (a still picture for readers without a kernel)"
    assert not any("$" in c.source for c in nb.cells if c.cell_type == "markdown"), \
        "the app notebook's text has LaTeX ($...$): it would need MathJax from a CDN; write x₁² instead"
    nb.cells.append(nbformat.v4.new_code_cell(
        "import sys\nprint(sorted(m for m in sys.modules if m.split('.')[0] in ('tensorflow', 'keras')))"))
    for name, value in L.KERNEL_ENV.items():          # the kernel inherits this process's environment
        monkeypatch.setenv(name, value)
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(L.NOTEBOOKS / "apps")}}).execute()
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors, f"the app notebook failed: {errors[0].ename}: {errors[0].evalue}"
    printed = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
    assert printed.strip() == "[]", f"the app notebook imported TensorFlow or Keras: {printed[:300]}"


def plane_pixel(x1, x2):
    """Where (x1, x2) is in the app's picture, in its pixels from the top left (the same figure the
    kernel draws, so the test follows the layout rather than hard-coding it)."""
    from nnlib.widgets.ch13_playground import LivePicture

    picture = LivePicture()
    px, py = picture.view.ax_region.transData.transform((x1, x2))
    width, height = picture.fig.bbox.width, picture.fig.bbox.height
    return px / width, (height - py) / height        # fractions of the picture's width and height


def open_app(browser, lab, query="", timeout=300_000):
    """The app notebook under Voila at ``query``. The token goes in a cookie first (a ?token= in
    the app's own address would reach the kernel's QUERY_STRING as an unknown setting)."""
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    page.goto(f"{lab.url}/api/contents?token={lab.token}", wait_until="commit")
    cookie = [c for c in page.context.cookies() if c["name"].startswith("username")]
    if not cookie:                                   # this server does not log in by cookie: use the token
        query = f"{query}&token={lab.token}" if query else f"token={lab.token}"
    page.goto(f"{lab.url}/voila/render/notebooks/{APP}" + (f"?{query}" if query else ""),
              wait_until="domcontentloaded", timeout=timeout)
    page.locator(".nnlib-pg-picture").first.wait_for(timeout=timeout)
    return page


@pytest.fixture(scope="module")
def app(lab, screenshots):
    from playwright.sync_api import sync_playwright

    if not L.voila_installed():
        pytest.skip("voila not installed (pip install voila)")
    with sync_playwright() as pw:
        browser = L.launch_chromium(pw)
        try:
            page = open_app(browser, lab, QUERY)
            yield page
            page.screenshot(path=str(screenshots / "apps-playground-voila.png"))
        finally:
            browser.close()
            lab.shutdown_kernels()





@voila
def test_the_link_opens_the_app_at_its_setting(app):
    assert app.locator(".nnlib-playground").count() == 1
    assert app.locator(".nnlib-pg-dataset select").input_value() == "spiral"
    assert app.locator(".nnlib-pg-hidden input").input_value() == "6,4"
    active = {f: "mod-active" in (app.locator(f".nnlib-pg-feature-{f}").get_attribute("class") or "")
              for f in ("x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2")}
    assert active == {"x1": True, "x2": True, "x1sq": True, "x2sq": False, "x1x2": False, "sinx1": False,
                      "sinx2": False}, f"features on: {active}"
    text = L.pg_status(app).inner_text()
    assert "network 3-6-4-1" in text, f"the status line does not show the link's network: {text!r}"
    assert "link's" not in text, f"the app found a problem in a good link: {text!r}"
    link = app.locator(".nnlib-pg-link").first.inner_text()
    assert "dataset=spiral" in link and "hidden=6,4" in link, f"the app's own link lost the setting: {link!r}"
    assert not L.pg_problems(app, in_lab=False)



@voila
def test_new_controls_while_playing(app):
    text = L.pg_change_while_playing(app, "sinx1", in_lab=False)
    assert "4-6-4-1" in text, f"sin x1 did not become a fourth input: {text!r}"


@voila
def test_a_click_on_the_plane_adds_a_point(app):
    L.stop_play(app.locator(".nnlib-pg-play").first)
    img = app.locator(".nnlib-pg-picture").first
    img.scroll_into_view_if_needed()
    before = L.pg_status(app).evaluate(L.PG_JS_MINE)
    fx, fy = plane_pixel(*CLICK_AT)
    box = img.bounding_box()
    img.click(position={"x": fx * box["width"], "y": fy * box["height"]})
    def mine():
        return L.pg_status(app).evaluate(L.PG_JS_MINE)

    after = L.wait_for(lambda: mine() > before and mine(), 20)
    assert after == before + 1, f"a click on the plane: {before} -> {after} points of yours " \
                                f"(status {L.pg_status(app).inner_text()!r})"
    assert not L.pg_problems(app, in_lab=False)


@voila
def test_show_code_prints_runnable_code(app):
    app.locator(".nnlib-pg-show-code").first.click()
    code = app.locator(".nnlib-pg-code textarea").first
    text = L.wait_for(lambda: code.is_visible() and code.input_value(), 20)
    assert text and "import keras" in text and ".fit(" in text, f"show the code gave {text!r:.300}"
    compile(text, "<the app's code>", "exec")          # it is Python, as printed
    assert not L.pg_problems(app, in_lab=False)
