"""The app's words around its picture: the status line, the link to this setting, the code of it,
and the formula of the unit whose tile was clicked."""
import html
from dataclasses import replace

from .._notes import fmt
from .controls import FEATURE_TEXT, FORMULA_HINT, MY_POINTS
from .export import keras_code, nnlib_code
from .query import page_link
from .settings import FEATURES, Setting


def status_html(pg, typical_ms=None, frame_ends=()):
    """Step, network, seed, losses, accuracies (classes only), your points, and the speed while playing."""
    s = pg.state
    speed = f" · one frame takes {typical_ms:.0f} ms in the kernel" if typical_ms else ""
    ends = frame_ends
    if typical_ms and len(ends) >= 5 and ends[-1] - ends[0] < 0.5 * len(ends):   # while playing
        speed += f", {(len(ends) - 1) / (ends[-1] - ends[0]):.0f} pictures/s"
    acc = "" if pg.regression else (f" · accuracy train {s['train_accuracy']:.2f} / test "
                                    f"<b>{s['test_accuracy']:.2f}</b>")
    mine = f" · {pg.n_added} point{'s' if pg.n_added != 1 else ''} of yours" if pg.n_added else ""
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


# ---- a unit's formula, for the line under the picture (a click or the pointer on its tile) ----
_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
FEATURE_MEANING = {"x1": "the point's first coordinate (across the plane)",
                   "x2": "the point's second coordinate (up the plane)",
                   "x1^2": "x₁ squared", "x2^2": "x₂ squared", "x1*x2": "x₁ times x₂",
                   "sin(x1)": "the sine of x₁", "sin(x2)": "the sine of x₂"}
TERMS = 4                    # terms w·a written out; more inputs give "…"


def a_name(j, l):
    """Unit j (counted from 0) of layer l in the course's notation: a₁^[l] for j = 0."""
    return f"a{str(j + 1).translate(_SUB)}^[{l}]"


def _number(v):
    return f"{v:.2f}" if abs(v) < 100 else f"{v:.3g}"


def weighted_sum(w, b, names, terms=TERMS):
    """'0.53·x₁ − 1.20·x₂ + 0.10': the first ``terms`` products, "…" for the rest, then the bias."""
    parts = [("− " if wi < 0 else "+ ") + f"{_number(abs(wi))}·{name}" for wi, name in zip(w[:terms], names)]
    if len(w) > terms:
        parts.append("+ …")
    parts.append(("− " if b < 0 else "+ ") + _number(abs(b)))
    text = " ".join(parts)
    return ("−" + text[2:]) if text.startswith("−") else text[2:]


def unit_formula(pg, c, j):
    """Plain text: what tile (c, j) of the graph computes, with the network's current numbers.

    Column c = 0 is the input a^[0] (row j is FEATURES[j]); column c = l >= 1 is layer l, whose
    unit j computes a_j^[l] = g(sum_i W^[l]_ij a_i^[l-1] + b^[l]_j).
    """
    if c == 0:
        f = FEATURES[j]
        name = FEATURE_TEXT.get(f, f)
        if f not in pg.features:
            return f"{name}: {FEATURE_MEANING.get(f, f)} · not an input now: switch it on under \"inputs a⁽⁰⁾\""
        return f"{name} = {a_name(pg.features.index(f), 0)}: {FEATURE_MEANING.get(f, f)}, an input of the network"
    weights = pg.model.get_weights()
    L = len(weights) // 2
    W, b = weights[2 * (c - 1)], weights[2 * c - 1]
    names = [FEATURE_TEXT.get(f, f) for f in pg.features] if c == 1 else \
        [a_name(i, c - 1) for i in range(W.shape[0])]
    z = weighted_sum(W[:, j], b[j], names)
    g = pg.activation if c < L else pg.output
    n_in = f" · {W.shape[0]} input{'s' if W.shape[0] > 1 else ''}"
    a, z_name = a_name(j, c), "z" + a_name(j, c)[1:]
    if g == "softmax":
        return f"{a} = softmax(z^[{c}])" + str(j + 1).translate(_SUB) + f", {z_name} = {z}{n_in}"
    if g == "linear":
        return f"{a} = {z_name} = {z}{n_in}"
    return f"{a} = {g}({z}){n_in}"


def formula_html(pg, tile):
    """The formula line's HTML for tile (c, j), or a hint when no tile is chosen (or it is gone)."""
    if pg is None or tile is None:
        return FORMULA_HINT
    c, j = tile
    n_cols = len(pg.model.get_weights()) // 2 + 1
    if c >= n_cols or (c > 0 and j >= pg.model.get_weights()[2 * c - 1].shape[0]):
        return FORMULA_HINT
    return f"<code>{html.escape(unit_formula(pg, c, j))}</code>"
