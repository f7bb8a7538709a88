"""The app's ipywidgets, one per field of ``Setting``, and the buttons around them.

``Controls(setting)`` makes them; ``setting()`` reads them back as a ``Setting``; ``on_change``
sorts them into three kinds: a change that needs a new network (``rebuild``: data, features,
layers, activations, output, loss), one that training can go on with (``retune``: optimizer,
learning rate, penalty, batch size) and one that only changes the picture (``redraw``).
"""
from contextlib import contextmanager

from .settings import (ACTIVATIONS, DATASETS, FEATURES, LOSSES, M_POINTS, OPTIMIZERS, OUTPUTS, REGRESSION,
                       REGULARIZATIONS, N_CLASSES, Setting, is_regression, parse_hidden)

REBUILD = ("dataset", "noise", "train_ratio", "hidden", "activation", "output", "loss")
RETUNE = ("optimizer", "learning_rate", "regularization", "reg_rate", "batch_size")
REDRAW = ("show_test", "discretize")
RATES = (0.0, 0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
FEATURE_TEXT = {"x1": "x₁", "x2": "x₂", "x1^2": "x₁²", "x2^2": "x₂²", "x1*x2": "x₁x₂",
                "sin(x1)": "sin x₁", "sin(x2)": "sin x₂"}
MY_POINTS = "my points"
FORMULA_HINT = "<i>click a unit's tile in the graph to see its formula with the current numbers</i>"
# a stable CSS class per control, "nnlib-pg-<name>", for the browser tests (and a teacher's own CSS)
CSS_NAMES = {"train_ratio": "ratio", "batch_size": "batch", "learning_rate": "learning-rate", "reg_rate": "reg-rate",
             "show_test": "show-test"}
FEATURE_CSS = {"x1": "x1", "x2": "x2", "x1^2": "x1sq", "x2^2": "x2sq", "x1*x2": "x1x2", "sin(x1)": "sinx1",
               "sin(x2)": "sinx2"}


class Controls:
    def __init__(self, s, steps_per_frame=5):
        import ipywidgets as W

        style = {"description_width": "initial"}
        px = lambda n: W.Layout(width=f"{n}px")  # noqa: E731
        self.seed = s.seed
        self.controls = {
            "dataset": W.Dropdown(options=DATASETS + REGRESSION, value=s.dataset, description="data",
                                  style=style, layout=px(160)),
            "noise": W.FloatSlider(value=s.noise, min=0.0, max=0.3, step=0.01, description="noise",
                                   style=style, layout=px(220), continuous_update=False),
            "train_ratio": W.IntSlider(value=s.train_ratio, min=10, max=90, step=10, description="training data %",
                                       style=style, layout=px(280), continuous_update=False),
            "hidden": W.Text(value=",".join(map(str, parse_hidden(s.hidden))), description="hidden layers",
                             placeholder="e.g. 8,8", continuous_update=False, style=style, layout=px(170)),
            "activation": W.Dropdown(options=ACTIVATIONS, value=s.activation, description="activation",
                                     style=style, layout=px(190)),
            "output": W.ToggleButtons(options=OUTPUTS, value=s.output, description="output",
                                      style={**style, "button_width": "75px"}),
            "loss": W.ToggleButtons(options=LOSSES, value=s.loss, description="loss",
                                    style={**style, "button_width": "105px"}),
            "optimizer": W.ToggleButtons(options=OPTIMIZERS, value=s.optimizer, description="optimizer",
                                         style={**style, "button_width": "130px"}),
            "learning_rate": W.FloatLogSlider(value=s.learning_rate, base=10, min=-3, max=1, step=0.1,
                                              description="learning rate", readout_format=".3g", style=style,
                                              layout=px(320), continuous_update=False),
            "regularization": W.ToggleButtons(options=REGULARIZATIONS, value=s.regularization,
                                              description="regularization", style={**style, "button_width": "55px"}),
            "reg_rate": W.SelectionSlider(options=RATES, value=min(RATES, key=lambda r: abs(r - s.reg_rate)),
                                          description="rate", style=style, layout=px(240), continuous_update=False),
            "batch_size": W.IntSlider(value=s.batch_size or self._m_train(s.train_ratio), min=1,
                                      max=self._m_train(s.train_ratio), description="batch size", style=style,
                                      layout=px(300), continuous_update=False),
            "show_test": W.Checkbox(value=s.show_test, description="show test data", indent=False, layout=px(130)),
            "discretize": W.Checkbox(value=s.discretize, description="discretize output", indent=False,
                                     layout=px(150)),
        }
        self.features = {f: W.ToggleButton(value=f in s.features, description=FEATURE_TEXT.get(f, f),
                                           tooltip=f"input feature {f}", layout=px(62)) for f in FEATURES}
        self.play = W.Play(value=0, min=0, max=10**9, step=1, interval=100, description="train", show_repeat=False)
        self.step = W.Button(description="one frame", icon="step-forward", layout=px(110))
        self.reset = W.Button(description="reset", icon="undo", tooltip="step 0, the same initial weights",
                              layout=px(80))
        self.new_seed = W.Button(description="new seed", icon="random", tooltip="new data and initial weights",
                                 layout=px(100))
        self.steps_per_frame = W.IntSlider(value=steps_per_frame, min=1, max=50, description="steps per frame",
                                           style=style, layout=px(280))
        self.click_class = W.Dropdown(options=[("class 0", 0), ("class 1", 1)], value=1,
                                      description="a click on the plane adds", style=style, layout=px(270))
        self.clear = W.Button(description="clear my points", icon="eraser", layout=px(140))
        self.upload = W.FileUpload(accept=".csv,text/csv", multiple=False, description="CSV x1,x2,label",
                                   layout=px(170))
        self.status = W.HTML(layout=W.Layout(width="auto"))
        self.link = W.HTML(layout=W.Layout(width="auto"))
        self.code_kind = W.ToggleButtons(options=["tf.keras", "nnlib"], value="tf.keras",
                                         description="the code of this setting", style=style)
        self.show_code = W.ToggleButton(value=False, description="show the code", icon="code", layout=px(150))
        self.code = W.Textarea(layout=W.Layout(width="960px", height="320px", display="none"))
        self.formula = W.HTML(value=FORMULA_HINT, layout=W.Layout(width="auto"))
        self._add_classes()

    def _add_classes(self):
        for name, w in self.controls.items():
            w.add_class("nnlib-pg-" + CSS_NAMES.get(name, name))
        for f, b in self.features.items():
            b.add_class("nnlib-pg-feature")
            b.add_class("nnlib-pg-feature-" + FEATURE_CSS.get(f, f))
        for name in ("play", "step", "reset", "new_seed", "steps_per_frame", "click_class", "clear", "upload",
                     "status", "link", "code_kind", "show_code", "code", "formula"):
            getattr(self, name).add_class("nnlib-pg-" + name.replace("_", "-"))

    @staticmethod
    def _m_train(train_ratio):
        return int(round(M_POINTS * train_ratio / 100))

    def setting(self):
        v = {k: w.value for k, w in self.controls.items()}
        m_train = self._m_train(v["train_ratio"])
        v["batch_size"] = None if v["batch_size"] >= m_train else v["batch_size"]
        v["features"] = tuple(f for f, b in self.features.items() if b.value)
        return Setting(**v, seed=self.seed)

    def on_change(self, rebuild, retune, redraw):
        """Call rebuild, retune or redraw (no arguments) when a control of that kind changes."""
        def data_changed():
            self._match_output(self.controls["dataset"].value)
            rebuild()

        def ratio_changed():
            b = self.controls["batch_size"]
            full = b.value >= b.max
            b.max = self._m_train(self.controls["train_ratio"].value)
            if full:
                b.value = b.max
            rebuild()

        def call(handler):
            return lambda change: None if self._holding else handler()

        for name, w in self.controls.items():
            handler = (data_changed if name == "dataset" else ratio_changed if name == "train_ratio" else
                       rebuild if name in REBUILD else retune if name in RETUNE else redraw)
            w.observe(call(handler), names="value")
        for b in self.features.values():
            b.observe(call(rebuild), names="value")
        self._rebuild = rebuild

    def _match_output(self, dataset):
        """Choosing a regression set switches to a linear output and mse, and back for classes.

        (A sigmoid output on 3 or 4 classes is not switched: the picture explains why it cannot work.)
        """
        c = self.controls
        mine = dataset == MY_POINTS
        regression = self._my_regression if mine else is_regression(dataset)
        k = self._my_k if mine else N_CLASSES.get(dataset, 2)
        if regression:
            want = ("linear", "mse")
        elif c["output"].value == "linear" or (mine and k > 2):    # your CSV: the output its classes need
            want = ("sigmoid" if k <= 2 else "softmax", "cross-entropy" if c["loss"].value != "mse" or
                    c["output"].value == "linear" else "mse")
        else:
            return
        with self.hold():
            c["output"].value, c["loss"].value = want

    _my_regression, _my_k = False, 2
    _holding = False

    @contextmanager
    def hold(self):
        """Changes made inside ``with hold():`` do not each rebuild (the caller rebuilds once)."""
        self._holding = True
        try:
            yield
        finally:
            self._holding = False

    def use_my_points(self, regression, k):
        """A CSV was loaded: the data set "my points" (chosen now)."""
        self._my_regression, self._my_k = regression, k
        d = self.controls["dataset"]
        if MY_POINTS not in d.options:
            d.options = tuple(d.options) + (MY_POINTS,)
        if d.value == MY_POINTS:
            self._match_output(MY_POINTS)
            self._rebuild()
        else:
            d.value = MY_POINTS

    def set_classes(self, pg):
        """The classes a click can add: those of the data set (or +1 / -1 for a regression target)."""
        options = [("y = +1", 1.0), ("y = -1", -1.0)] if pg.regression else \
            [(f"class {k}", k) for k in range(pg.k)]
        if list(self.click_class.options) != options:
            value = self.click_class.value
            self.click_class.options = options
            self.click_class.value = value if value in [v for _, v in options] else options[0][1]

    def click_label(self):
        return self.click_class.value

    def layout(self, image):
        import ipywidgets as W

        c = self.controls
        row = lambda *ws: W.HBox(list(ws), layout=W.Layout(flex_flow="row wrap"))  # noqa: E731
        features = W.HBox([W.Label("inputs a⁽⁰⁾:")] + list(self.features.values()))
        features.add_class("nnlib-pg-features")
        points = row(self.click_class, self.clear, self.upload)
        points.add_class("nnlib-pg-points")
        return W.VBox([
            row(c["dataset"], c["noise"], c["train_ratio"], c["show_test"], c["discretize"]),
            features,
            row(c["hidden"], c["activation"], c["output"], c["loss"]),
            row(c["optimizer"], c["learning_rate"], c["batch_size"]),
            row(c["regularization"], c["reg_rate"]),
            row(self.play, self.step, self.reset, self.new_seed, self.steps_per_frame),
            self.status, image, self.formula,
            points,
            self.link, row(self.show_code, self.code_kind), self.code,
        ])
