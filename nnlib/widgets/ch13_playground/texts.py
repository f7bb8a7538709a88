"""The app's words around its picture: the status line, the link to this setting, the code of it."""
import html
from dataclasses import replace

from .._notes import fmt
from .controls import MY_POINTS
from .export import keras_code, nnlib_code
from .query import page_link
from .settings import Setting


def status_html(pg, typical_ms=None, frame_ends=()):
    """Step, network, seed, losses, accuracies (classes only), your points, and the speed while playing."""
    s = pg.state
    speed = f" · one frame takes {typical_ms:.0f} ms in the kernel" if typical_ms else ""
    ends = frame_ends
    if typical_ms and len(ends) >= 5 and ends[-1] - ends[0] < 0.5 * len(ends):   # while playing
        speed += f", {(len(ends) - 1) / (ends[-1] - ends[0]):.0f} pictures/s"
    acc = "" if pg.regression else (f" · accuracy train {s['train_accuracy']:.2f} / test "
                                    f"<b>{s['test_accuracy']:.2f}</b>")
    mine = f" · {pg.n_added} points of yours" if pg.n_added else ""
    return (f"<b>step {s['step']}</b> · network {pg.arch} · seed {pg.seed} · "
            f"loss train {fmt(s['train_loss'])} / test {fmt(s['test_loss'])}{acc}{mine}{speed}")


def link_html(setting):
    """The page's link at this setting (under Voila: its path and query string)."""
    if setting.dataset == MY_POINTS:
        return "your own points cannot go into a link: share the CSV file"
    link = page_link(setting, Setting())
    return (f"link to this setting: <code>{html.escape(link)}</code>" if link else
            "link to this setting: the app's own address (all defaults)")


def code_of(setting, pg, kind="tf.keras"):
    """Runnable tf.keras or nnlib code of the setting, with your own points if there are any."""
    points = None
    if setting.dataset == MY_POINTS or pg.n_added:
        points = ((pg.X_train, pg.y_train), (pg.X_test, pg.y_test))
        setting = replace(setting, dataset="plane" if pg.regression else "circle")   # the points replace it
    write = keras_code if kind == "tf.keras" else nnlib_code
    return write(setting, epochs=max(pg.steps, 1), points=points)
