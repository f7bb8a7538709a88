"""The ipywidgets app: every control of ``Setting``, play / one frame / reset / new seed, your own points.

A frame is ``step(steps_per_frame)`` and the new picture's bytes into an ``ipywidgets.Image``.

Who drives the frames: the ``Play`` widget ticks in the browser, and each tick renews a short
*lease* (LEASE_S seconds) on a frame loop that runs in a kernel thread, frame after frame. So the
pictures come as fast as the kernel makes them (one tick per frame would add a browser-kernel
round trip to every frame: measured 1.5x slower on a busy machine, see
benchmarks/bench_playground.py), yet the browser stays in charge: pause, or close the page, and
the ticks stop, the lease runs out, and the loop ends within LEASE_S. Ticks cannot pile up
either: the widget front end keeps at most one change in flight.
Without a browser (nbclient, tests) nothing ticks: call ``frame()`` yourself.
"""
import html
import threading
from dataclasses import asdict
import time

import numpy as np

from .controls import Controls
from .texts import code_of, link_html, status_html
from .model import Playground
from .pointer import PointerAndPoints
from .query import setting_from_environ
from .settings import PlaygroundError, Setting, describe
from .view import APP_FIGSIZE, LivePicture, dataset_points


class PlaygroundApp(PointerAndPoints):
    """The app. ``PlaygroundApp(**setting)`` takes the names of ``Setting`` (e.g. dataset="xor")."""

    INTERVAL_MS = 100        # the Play widget's timer: how often the browser renews the lease
    LEASE_S = 1.0            # the frame loop stops this long after the last tick
    MIN_FRAME_S = 1 / 30     # at most about 30 frames per second

    def __init__(self, steps_per_frame=5, image_format="jpeg", **setting):
        import ipywidgets as W

        self.ui = Controls(Setting(**setting), steps_per_frame)
        self.controls = self.ui.controls          # name -> widget, the names of Setting
        self.play, self.steps_per_frame = self.ui.play, self.ui.steps_per_frame
        self.step_button, self.reset_button, self.seed_button = self.ui.step, self.ui.reset, self.ui.new_seed
        self.clear_button, self.upload, self.status = self.ui.clear, self.ui.upload, self.ui.status
        self._lock = threading.RLock()        # frames (loop thread) vs control changes (main thread)
        self._thread = None
        self._lease_until = 0.0
        self.error = None
        # JPEG by default: encoding it costs about a tenth of PNG's, and it is half the bytes
        # (measured in benchmarks/bench_playground.py); image_format="png" gives exact pixels.
        self.image_format = image_format
        self.image = W.Image(format=image_format,
                             layout=W.Layout(width=f"{round(APP_FIGSIZE[0] * 100)}px", height="auto"))
        self.image.add_class("nnlib-pg-picture")
        self.picture = LivePicture()
        self.pg, self.points, self.my_points = None, None, []
        self.frame_ms, self.frame_ends = [], []
        self.clicks = self._listen_for_clicks()
        self.ui.on_change(rebuild=self.rebuild, retune=self.retune, redraw=self.redraw)
        self.play.observe(self.tick, names="value")
        self.play.observe(self._playing_changed, names="playing")
        self.step_button.on_click(lambda _: self.frame())
        self.reset_button.on_click(lambda _: self.reset())
        self.seed_button.on_click(lambda _: self.new_seed())
        self.clear_button.on_click(lambda _: self.clear_points())
        self.upload.observe(self._uploaded, names="value")
        self.ui.show_code.observe(lambda _: self.show_code(), names="value")
        self.ui.code_kind.observe(lambda _: self.show_code(), names="value")
        self.widget = self.ui.layout(self.image)
        self.widget.add_class("nnlib-playground")
        self.rebuild()

    @property
    def seed(self):
        return self.ui.seed

    def setting(self):
        return self.ui.setting()

    def settings(self):
        return self.ui.setting().train_args()

    # ---- control changes --------------------------------------------------------------------
    def rebuild(self, change=None):
        """A new Playground for the current controls, shown at step 0 (or an explanation)."""
        with self._lock:
            s = self.setting()
            try:
                points = self.points if s.dataset == "my points" else None
                self.pg = Playground(**s.train_args(), points=points)
                for x1, x2, label in self.my_points:
                    if self.pg.regression or label < self.pg.k:
                        self.pg.add_point(x1, x2, label)
            except PlaygroundError as err:
                self.pg = None
                self.play.playing = False
                X, y = self.points if s.dataset == "my points" and self.points else \
                    dataset_points(s.dataset, s.noise, s.seed)
                self.image.format = "png"
                self.image.value = self.picture.reason(str(err), describe(**s.train_args()), X, y)
                self.status.value = "<b>This setting cannot be trained</b>: see the picture."
                self.show_formula()
                return
            self.ui.set_classes(self.pg)
            self.picture.reset()
            self.frame_ms, self.frame_ends = [], []
            self._show(None)
            self._share()

    def retune(self, change=None):
        """Optimizer, learning rate, penalty or batch size changed: go on from the current weights."""
        with self._lock:
            if self.pg is None:
                return self.rebuild()
            s = self.setting()
            try:
                self.pg.retune(s.optimizer, s.learning_rate, s.regularization, s.reg_rate, s.batch_size)
            except PlaygroundError as err:
                self.status.value = f"<b>Not changed</b>: {err}"
                return
            self._show(None)
            self._share()

    def redraw(self, change=None):
        """A picture-only toggle changed (show test data, discretize output)."""
        with self._lock:
            if self.pg is not None:
                self._show(None)

    def reset(self):
        """Back to step 0 with the same initial weights (the seed shown stays)."""
        with self._lock:
            if self.pg is not None:
                self.pg.reset()
                self.picture.reset()
                self.frame_ms, self.frame_ends = [], []
                self._show(None)

    def new_seed(self):
        """Another seed: new data and new initial weights."""
        self.ui.seed += 1
        self.rebuild()

    # ---- frames -----------------------------------------------------------------------------
    def tick(self, change=None):
        """A tick of the Play widget: keep the frame loop running for another LEASE_S seconds."""
        self._lease_until = time.monotonic() + self.LEASE_S
        if self.pg is not None and (self._thread is None or not self._thread.is_alive()):
            self._thread = threading.Thread(target=self._loop, name="playground-frames", daemon=True)
            self._thread.start()

    def _playing_changed(self, change):
        if not change["new"]:
            self._lease_until = 0.0               # paused: the loop ends after its current frame

    def _loop(self):
        """Frames, back to back, while the lease lasts (paused, diverged or failed: it ends)."""
        while time.monotonic() < self._lease_until:
            t0 = time.perf_counter()
            try:
                ms = self.frame()
            except Exception as err:              # never a silent dead thread: say it, and stop
                self.error = err
                self.status.value = f"<b>Training stopped</b>: {type(err).__name__}: {err}"
                ms = None
            if ms is None or self.pg is None or self.pg.diverged:
                self.play.playing = False
                break
            # leave the kernel's main thread a moment for incoming messages (ticks, controls)
            time.sleep(max(0.002, self.MIN_FRAME_S - (time.perf_counter() - t0)))

    def frame(self, change=None):
        """One frame: a few training steps, then the picture. Returns the frame time in ms."""
        with self._lock:
            if self.pg is None:
                return None
            t0 = time.perf_counter()
            self.pg.step(self.steps_per_frame.value)
            self._show(None, draw_only=True)
            ms = 1000 * (time.perf_counter() - t0)
            self.frame_ms = (self.frame_ms + [ms])[-20:]
            self.frame_ends = (self.frame_ends + [time.perf_counter()])[-20:]
            if self.pg.diverged:
                self.play.playing = False
            self._status(float(np.median(self.frame_ms)))
            return ms

    def _show(self, typical_ms, draw_only=False):
        t = self.setting()
        data = self.picture.frame(self.pg, self.image_format, t.show_test, t.discretize)
        if self.image.format != self.image_format:
            self.image.format = self.image_format
        self.image.value = data
        self.show_formula()                       # the chosen unit's numbers as they are now
        if not draw_only:
            self._status(typical_ms)

    # ---- words around the picture: the status line, the link to this setting, its code --------
    def _share(self):
        self.ui.link.value = link_html(self.setting())
        if self.ui.show_code.value:
            self.show_code()

    def show_code(self):
        """The runnable tf.keras or nnlib code of the current setting (epochs: the steps trained so far)."""
        ui = self.ui
        ui.code.layout.display = None if ui.show_code.value else "none"
        if ui.show_code.value and self.pg is not None:
            ui.code.value = code_of(self.setting(), self.pg, ui.code_kind.value)

    def _status(self, typical_ms):
        self.status.value = status_html(self.pg, typical_ms, self.frame_ends)
        self.clear_button.disabled = not (self.pg is not None and self.pg.n_added)  # nothing to clear yet

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


def playground_app(**settings):
    """Build the app (see PlaygroundApp), display it, and return it.

    Under Voila the page's query string (e.g. ?dataset=spiral&hidden=8,8,4&lr=0.01) overrides these
    settings, so a teacher's link opens the app at that setting; a bad value is named in the status.
    """
    from IPython.display import display

    base = {**asdict(Setting()), **settings}
    setting, problems = setting_from_environ(base)
    app = PlaygroundApp(**setting)
    if problems:
        app.status.value += "<br>The link's " + html.escape("; ".join(problems))
    display(app.widget)
    return app
