"""Drive a real JupyterLab in headless Chromium: start the server, run a notebook, move widget controls.

Shared by the browser tests (tests/browser/test_browser_*.py) and the latency benchmark
(benchmarks/bench_widgets_browser.py). Nothing here talks to anything but 127.0.0.1.

    lab = Lab(root).start()            # jupyter lab on a free port, with a token
    browser = launch_chromium(pw)      # Debian's /usr/bin/chromium, headless, offline flags
    page = open_notebook(browser, lab, "notebooks/01-neurons-and-layers.ipynb")
    run_all(page)                      # notebook:run-all-cells, wait for the kernel to go idle
    problems = error_outputs(page)     # what a learner would see as an error
    for w in widgets(page): ...        # each .nnlib-widget: its controls and its image
"""
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"

# Headless, and no traffic to the (closed) network: no sync, no component updates, no QUIC probes.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                 "--disable-dev-shm-usage", "--disable-default-apps", "--disable-extensions"]

# The lab's user settings for a test: no news or update toast, no autosave (the copy of a notebook
# the test runs is never written back), every cell kept in the page (no virtual scrolling).
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False, "doNotDisturbMode": False},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/palette.jupyterlab-settings": {},
}

KERNEL_ENV = {"TF_CPP_MIN_LOG_LEVEL": "3", "TF_ENABLE_ONEDNN_OPTS": "0", "NNLIB_OFFLINE": "1",
              "PYTHONHASHSEED": "0"}


def chromium_path():
    """Debian's chromium, or None when it is not installed (the browser tests then skip)."""
    for p in ("/usr/bin/chromium", shutil.which("chromium")):
        if p and os.access(p, os.X_OK):
            return p
    return None


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=chromium_path(), headless=True,
                                      args=CHROMIUM_ARGS, timeout=60_000)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    """A JupyterLab server on 127.0.0.1 serving ``root``, with its own config, settings and workspaces."""

    def __init__(self, root, log=None):
        self.root = Path(root)
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.tmp = Path(tempfile.mkdtemp(prefix="nnlib-lab-"))
        self.log_path = Path(log) if log else self.tmp / "lab.log"
        self.proc = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def notebook_url(self, relpath):
        return f"{self.url}/lab/tree/{relpath}?reset&token={self.token}"

    def start(self, timeout=90):
        settings = self.tmp / "settings"
        for rel, value in LAB_SETTINGS.items():
            f = settings / rel
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_text(json.dumps(value))
        for d in ("config", "runtime", "workspaces"):
            (self.tmp / d).mkdir()
        env = {k: v for k, v in os.environ.items() if k not in ("MPLBACKEND", "JUPYTER_PLATFORM_DIRS")}
        env.update(KERNEL_ENV)
        env.update(JUPYTER_CONFIG_DIR=str(self.tmp / "config"),
                   JUPYTER_RUNTIME_DIR=str(self.tmp / "runtime"),
                   JUPYTERLAB_SETTINGS_DIR=str(settings),
                   JUPYTERLAB_WORKSPACES_DIR=str(self.tmp / "workspaces"),
                   IPYTHONDIR=str(self.tmp / "ipython"))
        cmd = [sys.executable, "-m", "jupyterlab", "--ip=127.0.0.1", f"--port={self.port}",
               "--ServerApp.port_retries=0", f"--IdentityProvider.token={self.token}",
               "--ServerApp.open_browser=False", "--expose-app-in-browser",
               f"--ServerApp.root_dir={self.root}", "--LabApp.news_url=",
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
               f"--LabApp.user_settings_dir={settings}",
               f"--LabApp.workspaces_dir={self.tmp / 'workspaces'}",
               "--ServerApp.log_level=WARN"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:  # CI runs as root
            cmd.append("--allow-root")
        self._log = open(self.log_path, "w")
        self.proc = subprocess.Popen(cmd, env=env, cwd=self.root, stdout=self._log,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"jupyter lab exited with {self.proc.returncode}:\n{self.log()}")
            try:
                self.api("GET", "/api/status")
                return self
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"jupyter lab did not answer within {timeout} s:\n{self.log()}")

    def log(self, tail=4000):
        try:
            return self.log_path.read_text()[-tail:]
        except OSError:
            return ""

    def api(self, method, path, timeout=10):
        req = urllib.request.Request(f"{self.url}{path}", method=method,
                                     headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=timeout) as r:
            body = r.read()
        return json.loads(body) if body else None

    def kernel_pids(self):
        """Process ids of this server's kernels (children of the server process)."""
        import psutil

        try:
            kids = psutil.Process(self.proc.pid).children(recursive=True)
        except psutil.Error:
            return []
        return [p.pid for p in kids if "ipykernel" in " ".join(p.cmdline())]

    def shutdown_kernels(self):
        """Shut down every kernel this server runs (frees the memory a chapter's kernel holds)."""
        try:
            for s in self.api("GET", "/api/sessions"):
                self.api("DELETE", f"/api/sessions/{s['id']}")
            for k in self.api("GET", "/api/kernels"):  # kernels without a session (e.g. Voila's)
                self.api("DELETE", f"/api/kernels/{k['id']}")
        except OSError:
            pass

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.shutdown_kernels()
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        if getattr(self, "_log", None):
            self._log.close()
        shutil.rmtree(self.tmp, ignore_errors=True)


def copy_notebooks(dest, names=None):
    """Copy notebooks/ (or just ``names`` from it) into dest/notebooks, so no run writes the originals."""
    target = Path(dest) / "notebooks"
    target.mkdir(parents=True, exist_ok=True)
    for p in NOTEBOOKS.iterdir():
        if p.is_dir() and not p.name.startswith("."):
            shutil.copytree(p, target / p.name, dirs_exist_ok=True)
        elif p.suffix != ".ipynb" or names is None or p.name in names:
            shutil.copy2(p, target / p.name)
    return target


# ---------------------------------------------------------------------------------------------
# The page side. JavaScript runs in JupyterLab's page through window.jupyterapp
# (--expose-app-in-browser); every wait is bounded.

JS_PANEL = "(() => { const p = window.jupyterapp.shell.currentWidget; " \
           "return p && p.content && p.sessionContext ? p : null; })()"

JS_READY = f"""() => {{
  if (!window.jupyterapp) return false;
  const p = {JS_PANEL};
  if (!p || !p.context.isReady) return false;
  const k = p.sessionContext.session && p.sessionContext.session.kernel;
  return !!k && k.status === 'idle' && k.connectionStatus === 'connected';
}}"""

JS_RUN_ALL = """() => {
  window.__nnlibRun = null;
  window.jupyterapp.commands.execute('notebook:run-all-cells')
    .then(r => { window.__nnlibRun = {done: true, result: String(r)}; })
    .catch(e => { window.__nnlibRun = {done: true, error: String(e)}; });
}"""

JS_RUN_STATE = f"""() => {{
  const p = {JS_PANEL};
  const k = p.sessionContext.session && p.sessionContext.session.kernel;
  const cells = p.content.widgets.filter(c => c.model.type === 'code');
  const code = cells.filter(c => c.model.sharedModel.getSource().trim() !== '');
  return {{
    run: window.__nnlibRun,
    kernel: k ? k.status : 'none',
    code: code.length,
    executed: code.filter(c => c.model.executionCount !== null).length,
    running: code.filter(c => c.model.executionState === 'running').length,
    errors: code.filter(c => c.model.outputs.toJSON().some(o => o.output_type === 'error')).length,
  }};
}}"""

JS_DOM_PROBLEMS = f"""() => {{
  const p = {JS_PANEL};
  const out = [];
  const cells = p.content.widgets;
  cells.forEach((c, i) => {{
    if (c.model.type !== 'code') return;
    const node = c.node;
    node.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
      .forEach(o => out.push(`cell ${{i}}: stderr/error shown: ${{o.innerText.trim().slice(0, 400)}}`));
    const text = node.querySelector('.jp-Cell-outputWrapper');
    if (text && /Error displaying widget|Error rendering|Loading widget\\.\\.\\./.test(text.innerText))
      out.push(`cell ${{i}}: widget not rendered: ${{text.innerText.trim().slice(0, 200)}}`);
    c.model.outputs.toJSON().forEach(o => {{
      if (o.output_type === 'error') out.push(`cell ${{i}}: ${{o.ename}}: ${{o.evalue}}`);
    }});
  }});
  return out;
}}"""

JS_WIDGET_CELLS = f"""() => {{
  const p = {JS_PANEL};
  return p.content.widgets.map((c, i) => ({{
    index: i, type: c.model.type, source: c.model.sharedModel.getSource(),
    widgets: c.node.querySelectorAll('.nnlib-widget, .nnlib-playground').length }}));
}}"""


def slideshow_installed():
    from importlib.metadata import PackageNotFoundError, version

    try:
        version("jupyterlab-slideshow")
    except PackageNotFoundError:
        return False
    return True


def voila_installed():
    try:
        import voila  # noqa: F401
    except ImportError:
        return False
    return True


def open_voila(browser, lab, name, wait_for=(".nnlib-playground img",), timeout=300_000):
    """A new page with notebooks/<name> rendered by Voila's server extension in the test's
    JupyterLab (the /voila/render/notebooks/... path the README's Binder link opens), once the
    first element of each selector in ``wait_for`` is there (Voila runs the whole notebook first)."""
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    page.goto(f"{lab.url}/voila/render/notebooks/{name}?token={lab.token}",
              wait_until="domcontentloaded", timeout=timeout)
    for selector in wait_for:
        page.locator(selector).first.wait_for(timeout=timeout)
    return page


def open_notebook(browser, lab, relpath, viewport=(1400, 1000), timeout=120_000):
    """A new page with the notebook open and its kernel idle."""
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
    page.set_default_timeout(60_000)
    page.goto(lab.notebook_url(relpath), wait_until="domcontentloaded", timeout=timeout)
    page.wait_for_function(JS_READY, timeout=timeout, polling=250)
    return page


def run_all(page, timeout=600):
    """Run every cell through JupyterLab's own command; return the final run state.

    Waits until the command's promise resolved and the kernel is idle (not for a count of
    renders); raises TimeoutError after ``timeout`` seconds.
    """
    page.evaluate(JS_RUN_ALL)
    deadline = time.monotonic() + timeout
    state = None
    while time.monotonic() < deadline:
        state = page.evaluate(JS_RUN_STATE)
        if state["kernel"] in ("dead", "autorestarting", "restarting"):
            raise RuntimeError(f"the kernel died during run-all (out of memory?); state {state}")
        if state["run"] and state["kernel"] == "idle" and not state["running"]:
            # one more look after a pause: the last outputs and widget views arrive after idle
            time.sleep(0.5)
            state = page.evaluate(JS_RUN_STATE)
            if state["kernel"] == "idle" and not state["running"]:
                return state
        time.sleep(0.25)
    raise TimeoutError(f"run-all did not finish in {timeout} s; last state {state}")


def error_outputs(page):
    return page.evaluate(JS_DOM_PROBLEMS)


def expected_widget_cells(page):
    """Cells whose source calls something.show() (a live widget) and how many widgets each shows."""
    return [c for c in page.evaluate(JS_WIDGET_CELLS)
            if c["type"] == "code" and ".show()" in c["source"]]


# ---------------------------------------------------------------------------------------------
# Widgets: find each control, move it, wait for the image it drives to change.

JS_IMG_STATE = """(box) => {
  const imgs = Array.from(box.querySelectorAll('img'));
  const img = imgs[imgs.length - 1];
  if (!img) return null;
  return {src: img.currentSrc || img.src, complete: img.complete, width: img.naturalWidth,
          n: imgs.length};
}"""


def image_state(box):
    return box.evaluate(JS_IMG_STATE)


JS_IMG_DIGEST = """async (box) => {
  const imgs = Array.from(box.querySelectorAll('img'));
  const img = imgs[imgs.length - 1];
  if (!img) return null;
  for (let i = 0; i < 5; i++) {
    try {
      const bytes = await (await fetch(img.currentSrc || img.src)).arrayBuffer();
      const d = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
      return Array.from(d).map(b => b.toString(16).padStart(2, '0')).join('');
    } catch (e) { await new Promise(r => setTimeout(r, 100)); }  // replaced (blob revoked): retry
  }
  return null;
}"""


def image_digest(box):
    """SHA-256 of the bytes the widget's image shows (compares content, not blob URLs)."""
    return box.evaluate(JS_IMG_DIGEST)


JS_KERNEL_IDLE = """() => {
  // JupyterLab's current notebook's kernel; null where there is none to read (e.g. Voila)
  const app = window.jupyterapp;
  const p = app && app.shell && app.shell.currentWidget;
  if (!p || !p.sessionContext) return null;
  const k = p.sessionContext.session && p.sessionContext.session.kernel;
  return !!k && k.status === 'idle';
}"""


def kernel_idle(page):
    return page.evaluate(JS_KERNEL_IDLE)


def wait_idle(page, timeout=60.0, settle=0.5):
    """Wait until the kernel has been idle for ``settle`` s (returns at once outside JupyterLab)."""
    deadline = time.monotonic() + timeout
    since = None
    while time.monotonic() < deadline:
        idle = kernel_idle(page)
        if idle is None:
            return True
        if idle:
            since = since or time.monotonic()
            if time.monotonic() - since >= settle:
                return True
        else:
            since = None
        time.sleep(0.05)
    return False


def wait_image_change(box, before, timeout=60.0, settle=0.6):
    """Wait until the widget's image differs from ``before`` (a src) and is loaded, then settles.

    Settled means: the same picture for ``settle`` s while the kernel is idle, i.e. the final
    picture, not a count of renders (the front end throttles and coalesces updates). Returns
    the final state, or None if the image never changed within ``timeout`` seconds.
    """
    deadline = time.monotonic() + timeout
    last, since = None, None
    while time.monotonic() < deadline:
        s = image_state(box)
        if s and s["src"] != before and s["complete"] and s["width"] > 0:
            if last is None or s["src"] != last["src"]:
                last, since = s, time.monotonic()
            elif time.monotonic() - since >= settle and kernel_idle(box.page) is not False:
                return last
        time.sleep(0.05)
    return last


# A live widget's container: Widget.show()'s box, or an app box such as the playground's.
CONTAINERS = ".nnlib-widget, .nnlib-playground"
CONTROL_SELECTOR = (".widget-slider, .widget-dropdown, .widget-toggle-buttons, .widget-checkbox, "
                    ".widget-play, .widget-button, .jupyter-widgets.widget-toggle-button")

JS_CONTROL_INFO = """(e) => {
  const c = e.classList;
  const kind = c.contains('widget-slider') ? 'slider' : c.contains('widget-dropdown') ? 'dropdown'
    : c.contains('widget-toggle-buttons') ? 'toggle' : c.contains('widget-checkbox') ? 'checkbox'
    : c.contains('widget-play') ? 'play' : c.contains('widget-toggle-button') ? 'togglebutton' : 'button';
  const lab = e.querySelector('.widget-label');
  const label = (lab && lab.innerText.trim()) || e.innerText.trim().slice(0, 40);
  // a control in the same row as a Play button tunes the animation (e.g. steps per frame)
  const row = e.parentElement;
  const besidePlay = !!row && kind !== 'play' && !!row.querySelector(':scope > .widget-play');
  const disabled = e.disabled === true || !!e.querySelector(':disabled');  // nothing to do now
  return {kind, label, besidePlay, disabled};
}"""


def controls(box):
    """The controls of one widget container as dicts {kind, label, besidePlay, loc}, in page order."""
    locs = box.locator(CONTROL_SELECTOR)
    found = []
    for i in range(locs.count()):
        loc = locs.nth(i)
        info = loc.evaluate(JS_CONTROL_INFO)
        info["loc"] = loc
        found.append(info)
    return found


def slider_value(slider):
    return slider.locator(".noUi-handle").first.get_attribute("aria-valuenow")


def move(kind, ctrl, direction="far"):
    """Move one control the way a learner would. Returns a description of what was done.

    direction "far": a slider to its far end (End, or Home when already there), a dropdown or
    toggle to another option, a checkbox flipped, Play pressed. "step": a slider one step
    (ArrowRight, or ArrowLeft at the end), other controls as "far".
    """
    if kind == "slider":
        handle = ctrl.locator(".noUi-handle").first
        handle.scroll_into_view_if_needed()
        handle.focus()
        now, hi = handle.get_attribute("aria-valuenow"), handle.get_attribute("aria-valuemax")
        at_max = now is not None and hi is not None and float(now) >= float(hi)
        if direction == "step":
            key = "ArrowLeft" if at_max else "ArrowRight"
        else:
            key = "Home" if at_max else "End"
        handle.press(key)
        return f"{key} ({now} -> {handle.get_attribute('aria-valuenow')})"
    if kind == "dropdown":
        select = ctrl.locator("select")
        options = select.locator("option").all_inner_texts()
        current = select.evaluate("s => s.selectedIndex")
        target = (current + 1) % len(options) if direction == "step" else \
            (len(options) - 1 if current != len(options) - 1 else 0)
        select.select_option(index=target)
        return f"select {options[current]!r} -> {options[target]!r}"
    if kind == "toggle":
        buttons = ctrl.locator("button")
        texts = buttons.all_inner_texts()
        active = [i for i in range(len(texts)) if "mod-active" in (buttons.nth(i).get_attribute("class") or "")]
        cur = active[0] if active else 0
        target = (cur + 1) % len(texts) if direction == "step" else \
            (len(texts) - 1 if cur != len(texts) - 1 else 0)
        buttons.nth(target).click()
        return f"toggle {texts[cur]!r} -> {texts[target]!r}"
    if kind == "checkbox":
        box = ctrl.locator("input[type=checkbox]")
        before = box.is_checked()
        box.click()
        return f"checkbox {before} -> {not before}"
    if kind == "play":
        ctrl.locator("button").first.click()
        return "press Play"
    if kind == "button":
        ctrl.click()
        return f"click {ctrl.inner_text().strip()!r}"
    if kind == "togglebutton":
        before = "mod-active" in (ctrl.get_attribute("class") or "")
        ctrl.click()
        return f"toggle button {'on -> off' if before else 'off -> on'}"
    raise ValueError(kind)


def stop_play(ctrl):
    """Stop a Play control (its second button) so the page settles."""
    buttons = ctrl.locator("button")
    if buttons.count() > 1:
        buttons.nth(1).click()


def control_value(kind, ctrl):
    """What restore() needs to put a control back where it was."""
    if kind == "slider":
        return float(slider_value(ctrl))
    if kind == "dropdown":
        return ctrl.locator("select").evaluate("s => s.selectedIndex")
    if kind == "toggle":
        buttons = ctrl.locator("button")
        classes = [buttons.nth(i).get_attribute("class") or "" for i in range(buttons.count())]
        return next((i for i, c in enumerate(classes) if "mod-active" in c), 0)
    if kind == "checkbox":
        return ctrl.locator("input[type=checkbox]").is_checked()
    if kind == "togglebutton":
        return "mod-active" in (ctrl.get_attribute("class") or "")
    return None


def restore(kind, ctrl, value):
    """Put a control back to ``value`` (from control_value) the way a learner would.

    A slider goes back with the keyboard (PageUp/PageDown for 5 steps, arrows for one), so it
    lands exactly on its old position; returns True when it did.
    """
    if kind == "slider":
        handle = ctrl.locator(".noUi-handle").first
        handle.focus()
        step = None
        for _ in range(400):  # bounded: a slider has at most a few hundred steps here
            v = float(handle.get_attribute("aria-valuenow"))
            if step is not None and abs(v - value) < step / 2 or v == value:
                return True
            down = v > value
            if step is not None and abs(v - value) >= 5 * step - step / 2:
                handle.press("PageDown" if down else "PageUp")
            else:
                handle.press("ArrowLeft" if down else "ArrowRight")
            if step is None:
                step = abs(float(handle.get_attribute("aria-valuenow")) - v) or None
        return False
    if kind == "dropdown":
        ctrl.locator("select").select_option(index=value)
    elif kind == "toggle":
        ctrl.locator("button").nth(value).click()
    elif kind == "checkbox":
        if ctrl.locator("input[type=checkbox]").is_checked() != value:
            ctrl.locator("input[type=checkbox]").click()
    elif kind == "togglebutton":
        if ("mod-active" in (ctrl.get_attribute("class") or "")) != value:
            ctrl.click()
    return True


def widget_error(box):
    """The exception a Widget.show box met on its last redraw, or None."""
    return box.evaluate("""e => e.classList.contains('nnlib-widget-error')
        ? (e.querySelector('.nnlib-widget-status') || {}).textContent || 'an exception' : null""")


def _button(box, pattern):
    buttons = box.locator(".widget-button")
    for i in range(buttons.count()):
        if re.search(pattern, buttons.nth(i).inner_text(), re.I):
            return buttons.nth(i)
    return None


def _one_frame(box, step_button, timeout):
    """Click the app's one-frame button; the digest of the picture after that frame."""
    before = image_state(box)
    step_button.click()
    wait_image_change(box, before["src"] if before else None, timeout)
    return image_digest(box)


def exercise(box, timeout=60.0):
    """Move every control of one widget container and see whether its figure changed.

    Returns [(control, what was done, changed)], changed None for a control not expected to
    redraw by itself.

    A Widget.show() box (.nnlib-widget): every control drives the figure, and the widget sweep
    test proves that each control's far end, the others at their defaults, draws differently.
    So each control goes to its far end (End/Home, another option), the picture must change,
    and the control goes back before the next one is tried. Buttons (e.g. "clear") come after
    the controls that can be put back; of many alike controls (a grid of 64 toggle buttons)
    the first two are tried.

    An app box (the playground): a control such as the optimizer or the learning rate changes
    how the network trains, not the picture at step 0. So each control moves one step (the
    setting stays trainable) and is judged by training: reset, one frame -> picture A; move
    the control, one frame -> picture B; A and B must differ. Play must animate the picture,
    and each button must change it. A slider beside Play (steps per frame) tunes the animation.
    """
    page = box.page
    is_widget = box.evaluate("e => e.classList.contains('nnlib-widget')")
    step_button, reset_button = _button(box, r"frame|step"), _button(box, r"reset")
    found = controls(box)
    if is_widget:  # controls that can be put back first; buttons (clear, ...) after them
        found.sort(key=lambda c: c["kind"] in ("button", "play"))
    results, seen = [], {}
    for c in found:
        kind, ctrl = c["kind"], c["loc"]
        label = f"{kind} {c['label']!r}"
        if c.get("disabled"):  # e.g. "clear my points" before there are any: a learner cannot press it
            continue
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 2:  # e.g. a grid of 64 alike toggle buttons: two of them stand for all
            continue
        before = image_state(box)
        if not before:
            results.append((label, "no figure image in the widget", False))
            break
        if is_widget:
            old = control_value(kind, ctrl)
            what = move(kind, ctrl, "far")
            after = wait_image_change(box, before["src"], timeout)
            failed = widget_error(box)
            if failed:  # Widget.show drew "This setting cannot be drawn" after an exception
                what += f" -> the widget's drawing raised {failed}"
            results.append((label, what, after is not None and not failed))
            if kind not in ("play", "button"):
                restore(kind, ctrl, old)
                wait_image_change(box, (after or before)["src"], timeout)
            continue
        if c["besidePlay"]:
            results.append((label, "not moved: an animation setting beside Play", None))
        elif kind == "play":
            what = move(kind, ctrl)
            after = wait_image_change(box, before["src"], timeout, settle=0)
            stop_play(ctrl)
            wait_idle(page, timeout)
            wait_image_change(box, (after or before)["src"], timeout=3)  # the frame in flight
            results.append((label, what, after is not None))
        elif kind == "button":
            what = move(kind, ctrl)
            after = wait_image_change(box, before["src"], timeout)
            results.append((label, what, after is not None))
        elif step_button is None:
            what = move(kind, ctrl, "step")
            results.append((label, what, wait_image_change(box, before["src"], timeout) is not None))
        else:
            if reset_button is not None:
                reset_button.click()
                wait_idle(page, timeout)
            a = _one_frame(box, step_button, timeout)
            what = move(kind, ctrl, "step")
            wait_idle(page, timeout)
            b = _one_frame(box, step_button, timeout)
            results.append((label, what + " (then one frame)", a is not None and a != b))
    return results


# ---------------------------------------------------------------------------------------------
# A learner's session: every chapter opened, run, closed, one after another (test and benchmark).

def pss_mb(lab):
    """Proportional set size (MB) of the server and each kernel: shared libraries are split
    between the processes that map them, so the sum is what the session really costs."""
    import psutil

    procs = [psutil.Process(lab.proc.pid)] + [psutil.Process(p) for p in lab.kernel_pids()]
    out = {}
    for p in procs:
        try:
            out[p.pid] = p.memory_full_info().pss / 2**20
        except psutil.Error:
            pass
    return out


def kernel_shutdown_setting(lab):
    """JupyterLab's effective "Shut down kernel" on notebook close (overrides.json applied)."""
    s = lab.api("GET", "/lab/api/settings/@jupyterlab/notebook-extension:tracker")
    return s["settings"].get("kernelShutdown", s["schema"]["properties"]["kernelShutdown"]["default"])


def walk_chapters(page, lab, paths, whole=False, close=True, timeout=600, on_step=None):
    """Open each notebook in ``page`` (a JupyterLab tab), run its set-up cell (or every cell when
    ``whole``), then close it as a learner closes a tab (or leave it open, ``close=False``).
    Returns one dict per chapter: kernels alive while it was open and after it was closed, and
    the summed PSS of the server and its kernels then."""
    steps = []
    for rel in paths:
        page.evaluate(f"() => {{ window.jupyterapp.commands.execute('docmanager:open', {{path: {json.dumps(rel)}}}); }}")
        opened = f"""() => {{ const p = {JS_PANEL};
            if (!p || p.context.path !== {json.dumps(rel)} || !p.context.isReady) return 'opening';
            const s = p.sessionContext.session;
            return s && s.kernel ? s.kernel.status : 'no kernel'; }}"""
        deadline, state = time.monotonic() + timeout, None
        while state != "idle":
            if time.monotonic() > deadline:
                raise TimeoutError(f"{rel} did not open with an idle kernel within {timeout} s (last: {state})")
            time.sleep(0.25)
            state = page.evaluate(opened)
        if whole:
            run_all(page, timeout=timeout)
        else:
            page.evaluate(f"""async () => {{ const p = {JS_PANEL};
                p.content.activeCellIndex = p.content.widgets.findIndex(c => c.model.type === 'code');
                await window.jupyterapp.commands.execute('notebook:run-cell'); }}""")
            wait_idle(page, timeout=timeout)
        open_kernels = len(lab.api("GET", "/api/kernels"))
        pss = sum(pss_mb(lab).values())
        if not close:
            step = {"path": rel, "kernels_open": open_kernels, "kernels_after_close": open_kernels, "pss_mb": pss}
            steps.append(step)
            if on_step:
                on_step(step)
            continue
        # close the tab as a learner does (their changes discarded: no "save?" dialog in the way)
        page.evaluate(f"() => {{ const p = {JS_PANEL}; p.context.model.dirty = false; p.close(); }}")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(lab.api("GET", "/api/kernels")) >= open_kernels:
            time.sleep(0.25)
        step = {"path": rel, "kernels_open": open_kernels, "kernels_after_close": len(lab.api("GET", "/api/kernels")),
                "pss_mb": pss}
        steps.append(step)
        if on_step:
            on_step(step)
    return steps


# ---------------------------------------------------------------------------------------------
# The chapter 13 playground app, shared by its JupyterLab and Voila tests.

PG_JS_STEP = "e => { const m = e.innerText.match(/step (\\d+)/); return m ? Number(m[1]) : null; }"
PG_JS_MINE = "e => { const m = e.innerText.match(/(\\d+) points? of yours/); return m ? Number(m[1]) : 0; }"
PG_TROUBLE = ("Training stopped", "cannot be trained", "Not changed", "Error", "Traceback")


def pg_status(page):
    """The app's status line (step, losses, accuracies; or what went wrong)."""
    return page.locator(".nnlib-pg-status").first


def pg_problems(page, in_lab=True):
    """What a learner would read as an error: error or stderr outputs, a widget that did not render,
    a widget error box, an app status saying training stopped or a setting was refused."""
    if in_lab:
        found = error_outputs(page)
    else:  # Voila: no JupyterLab panel to ask, read the page
        found = [o.inner_text()[:300] for o in
                 page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').all()]
        if "Error displaying widget" in page.locator("body").inner_text():
            found.append("Error displaying widget")
    found += ["a widget error box"] * page.locator(".nnlib-widget-error").count()
    text = pg_status(page).inner_text()
    found += [text] * any(w in text for w in PG_TROUBLE)
    return found


def wait_for(what, timeout=30.0):
    """what()'s first true value within timeout seconds (or its last value)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = what()
        if value:
            return value
        time.sleep(0.1)
    return what()


def pg_changing(page, seconds=20.0):
    """True when the picture and the step count change twice within ``seconds`` (twice: a reset's
    one new picture at step 0 is not playing)."""
    box = page.locator(".nnlib-playground").first
    deadline = time.monotonic() + seconds
    for _ in range(2):
        before, step = image_state(box)["src"], pg_status(page).evaluate(PG_JS_STEP)
        if not wait_for(lambda: image_state(box)["src"] != before and pg_status(page).evaluate(PG_JS_STEP) != step,
                        max(0.0, deadline - time.monotonic())):
            return False
    return True


def pg_change_while_playing(page, feature, buttons=(), in_lab=True):
    """Press Play, then switch ``feature`` on (e.g. "x1sq"), choose L2, step its rate, the batch size
    and the training data %, tick show test / discretize and press ``buttons`` (e.g. "new-seed"),
    each while the picture plays: it must keep changing, with no problem shown. Returns the status."""
    play = page.locator(".nnlib-pg-play").first
    play.scroll_into_view_if_needed()
    play.locator("button").first.click()
    control = lambda name: page.locator(f".nnlib-pg-{name}").first  # noqa: E731
    moves = [(f"feature {feature}", lambda: move("togglebutton", control(f"feature-{feature}"))),
             ("regularization", lambda: page.locator(".nnlib-pg-regularization button").nth(2).click()),
             ("regularization rate", lambda: move("slider", control("reg-rate"), "step")),
             ("batch size", lambda: move("slider", control("batch"), "step")),
             ("training data %", lambda: move("slider", control("ratio"), "step")),
             ("show test data", lambda: move("checkbox", control("show-test"))),
             ("discretize output", lambda: move("checkbox", control("discretize")))]
    moves += [(name, lambda name=name: control(name).click()) for name in buttons]
    try:
        assert pg_changing(page), "Play did not animate the picture"
        for name, act in moves:
            what = act()
            if not pg_changing(page):                    # a rebuild may end a play: press it again once
                play.locator("button").first.click()
                assert pg_changing(page), f"{name} ({what}): the picture stopped changing while playing"
            shown = pg_problems(page, in_lab)
            assert not shown, f"{name} ({what}): {shown}"
        return pg_status(page).inner_text()
    finally:
        stop_play(play)
