"""The sweepable ``playground_widget`` (a ``Widget`` on the shared engine) and the static pictures.

The widget's figure is made once (``setup_playground``); a change of any control trains the
network for that setting (or takes it from a cache) and ``PlaygroundView.show`` puts it into the
same animated artists, so the live widget repaints only those.
"""
import functools

from .. import Choice, Slider, Toggle, Widget
from .._render import explanation, new_figure, show_figure, still
from .voila import in_voila
from .model import Playground
from .settings import (ACTIVATIONS, DATASETS, LOSSES, N_CLASSES, OPTIMIZERS, OUTPUTS, REGRESSION,
                       PlaygroundError, describe)
from .view import APP_FIGSIZE, PlaygroundView, dataset_points, loss_limits, loss_top

STATIC_STEPS = 200
FEATURE_SETS = {"x1, x2": ("x1", "x2"), "x1², x2²": ("x1^2", "x2^2"),
                "x1, x2, x1², x2²": ("x1", "x2", "x1^2", "x2^2"), "all seven": None}
PENALTIES = {"none": ("none", 0.0), "L2 0.01": ("l2", 0.01), "L1 0.003": ("l1", 0.003)}


@functools.lru_cache(maxsize=256)
def trained_playground(dataset, hidden, activation, output, loss, optimizer, learning_rate,
                       steps=STATIC_STEPS, seed=0, features=("x1", "x2"), regularization="none", reg_rate=0.0):
    """A Playground trained for ``steps`` full-batch steps (cached: the same call is instant)."""
    pg = Playground(dataset=dataset, hidden=hidden, activation=activation, output=output, loss=loss,
                    optimizer=optimizer, learning_rate=learning_rate, seed=seed, features=features,
                    regularization=regularization, reg_rate=reg_rate)
    for _ in range(steps // 10):
        pg.step(10)
    return pg


def setup_playground(fig):
    """The playground's figure with its animated artists empty, for update_playground to fill."""
    view = PlaygroundView(fig, numbers_in_title=True)
    view.ax_loss.set_xlim(0, STATIC_STEPS)
    return view


def update_playground(view, dataset, hidden, activation, output, loss, optimizer, learning_rate,
                      features="x1, x2", penalty="none", show_test=False, discretize=False):
    """The playground's picture after STATIC_STEPS steps of training at one setting."""
    from .settings import FEATURES

    names = FEATURE_SETS[features] or FEATURES
    regularization, reg_rate = PENALTIES[penalty]
    try:
        pg = trained_playground(dataset, hidden, activation, output, loss, optimizer, float(learning_rate),
                                features=names, regularization=regularization, reg_rate=reg_rate)
    except PlaygroundError as err:
        setting = describe(dataset, hidden, activation, output, loss, optimizer, float(learning_rate), 0.05,
                           names, regularization, reg_rate)
        view.ax_loss.set_ylim(0, loss_top(N_CLASSES.get(dataset, 2)))
        view.show_reason(str(err), setting, *dataset_points(dataset))
        return
    view.ax_loss.set_ylim(0, loss_top(pg.k, pg.history))
    view.show(pg, show_test, discretize)


class AppWidget(Widget):
    """A Widget whose static figure is left out under Voila (where only the live widgets show)."""

    def static(self, **params):
        if not in_voila():
            super().static(**params)


playground_widget = AppWidget(
    setup=setup_playground,
    update=update_playground,
    controls={
        "dataset": Choice(list(DATASETS) + list(REGRESSION), "xor", description="data"),
        "hidden": Choice(["none", "2", "8,8", "16,16"], "8,8", description="hidden layers"),
        "activation": Choice(list(ACTIVATIONS), "tanh", description="activation"),
        "output": Choice(list(OUTPUTS), "sigmoid", description="output"),
        "loss": Choice(list(LOSSES), "cross-entropy", description="loss"),
        "optimizer": Choice(list(OPTIMIZERS), "adam", description="optimizer"),
        "learning_rate": Slider(0.001, 10.0, 0.03, step=0.1, log=True, description="learning rate"),
        "features": Choice(list(FEATURE_SETS), "x1, x2", description="inputs"),
        "penalty": Choice(list(PENALTIES), "none", description="regularization"),
        "show_test": Toggle(False, description="show test data"),
        "discretize": Toggle(False, description="discretize output"),
    },
    figsize=APP_FIGSIZE,
)


def show_picture(pg, show_test=False, discretize=False):
    """Display the playground's current picture as an ordinary image output (skipped under Voila)."""
    if in_voila():
        return
    fig = new_figure(APP_FIGSIZE, layout=None)       # a static copy, with the numbers in its title
    view = PlaygroundView(fig, numbers_in_title=True)
    view.show(pg, show_test, discretize)
    xmax, ymax = loss_limits(pg.history)
    view.ax_loss.set(xlim=(0, xmax), ylim=(0, ymax))
    show_figure(fig)


def explanation_png(text, dataset=None, noise=0.05, setting="", figsize=APP_FIGSIZE):
    """A picture that explains why a setting cannot train: the data set's points and the reason."""
    def draw(fig):
        view = PlaygroundView(fig)
        view.show_reason("", setting, *dataset_points(dataset, noise))
        still(fig)
        return view.graph.ax
    return explanation(text, figsize, draw=draw)
