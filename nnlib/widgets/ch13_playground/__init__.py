"""Chapter 13: a playground in the spirit of TensorFlow Playground, trained by nnlib.

The parts, each usable without the next:

- ``settings``: the choices (ACTIVATIONS, OUTPUTS, LOSSES, OPTIMIZERS, FEATURES, ...), ``Setting``
  (every control's value) and the checks that explain a setting that cannot train.
- ``model``: ``Playground``, a data set, an nnlib network and its optimizer, without matplotlib;
  tests and benchmarks drive it headless.
- ``graph`` and ``view``: the picture on the shared engine (``nnlib.widgets._render``): the
  network as a graph, the prediction over the plane, the loss curves; ``LivePicture`` blits it.
- ``controls`` and ``app``: the ipywidgets app (``playground_app()``), driven by a Play widget.
- ``widget``: the sweepable ``playground_widget`` (the figure after 200 steps at one setting),
  ``show_picture`` and the other static pictures.

Bad combinations never end in a traceback: a sigmoid output on a 3-class data set, an
unreadable layer list or a diverging learning rate are explained on the picture.
"""
from .app import PlaygroundApp, playground_app
from .voila import app_mode, in_voila
from .model import EXTENT, Playground
from .settings import (ACTIVATIONS, DATASETS, FEATURES, LOSSES, OPTIMIZERS, OUTPUTS, REGRESSION, REGULARIZATIONS,
                       PlaygroundError, Setting, check_setting, describe, parse_hidden)
from .view import APP_FIGSIZE, CLASS_COLORS, LivePicture, PlaygroundView, loss_top
from .widget import (STATIC_STEPS, AppWidget, explanation_png, playground_widget, setup_playground, show_picture,
                     trained_playground, update_playground)

__all__ = ["ACTIVATIONS", "APP_FIGSIZE", "AppWidget", "CLASS_COLORS", "DATASETS", "EXTENT", "FEATURES",
           "LOSSES", "LivePicture", "OPTIMIZERS", "OUTPUTS", "Playground", "PlaygroundApp", "PlaygroundError",
           "PlaygroundView", "REGRESSION", "REGULARIZATIONS", "STATIC_STEPS", "Setting", "app_mode",
           "check_setting", "describe", "explanation_png", "in_voila", "loss_top", "parse_hidden",
           "playground_app", "playground_widget", "setup_playground", "show_picture", "trained_playground",
           "update_playground"]
