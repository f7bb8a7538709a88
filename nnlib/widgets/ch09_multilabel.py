"""Chapter 9 widget: one threshold for three sigmoid outputs (car, bus, pedestrian).

Left: a test image and its true labels. Middle: the network's three probabilities, each an
independent sigmoid, against the threshold. Right: precision and recall of each label on the
whole test set as the threshold moves, their values at the threshold written beside the legend.

The default data is the chapter's: the synthetic street images of nnlib.datasets_multilabel and
the chapter's network trained in nnlib with the same recipe (trained once, on first use, and
cached). ``multilabel_widget_for(images, Y, P)`` makes the same widget for other predictions.
"""
import functools

import numpy as np

from .. import Dense, Input, Sequential, seeded
from ..datasets_multilabel import LABELS, load_multilabel_shapes
from ..losses import BinaryCrossentropy
from ..optimizers import Adam
from . import Slider, Widget, fmt, note_slot, say
from ._render import new_figure, show_figure

THRESHOLDS = np.round(np.arange(0.01, 1.0, 0.01), 2)
COLORS = ("C0", "C1", "C2")
M_TRAIN, M_TEST = 2400, 600


def chapter_data():
    """The chapter's split: (X_train, Y_train, X_test, Y_test), 12 x 12 images in rows."""
    X, Y = load_multilabel_shapes(M_TRAIN + M_TEST, seed=0)
    return X[:M_TRAIN], Y[:M_TRAIN], X[M_TRAIN:], Y[M_TRAIN:]


def train_multilabel_net(X, Y, hidden=96, epochs=10, seed=9):
    """The chapter's network: hidden ReLU layer, three sigmoid outputs, binary cross-entropy, Adam."""
    with seeded(seed):  # the learner's own nnlib generator is left as it was
        model = Sequential([Input(shape=(X.shape[1],)), Dense(hidden, activation="relu"),
                            Dense(Y.shape[1], activation="sigmoid")])
        model.compile(optimizer=Adam(learning_rate=0.005), loss=BinaryCrossentropy())
        model.fit(X, Y, epochs=epochs, batch_size=64, shuffle=False, verbose=0)
    return model


def counts(Y, P, threshold):
    """Per label: true positives, false positives, false negatives at this threshold. Shapes (K,)."""
    pred = P >= threshold
    truth = Y == 1
    return ((pred & truth).sum(axis=0), (pred & ~truth).sum(axis=0), (~pred & truth).sum(axis=0))


def precision_recall(Y, P, threshold):
    """Per-label precision TP / (TP + FP) and recall TP / (TP + FN) at this threshold.

    Where a denominator is 0 (no example predicted, or none present) the value is 0.0, the
    convention of scikit-learn's ``zero_division=0`` and of the chapter's exercise.
    Shapes: Y and P (m, K) -> two arrays (K,).
    """
    tp, fp, fn = counts(Y, P, threshold)
    precision = np.where(tp + fp > 0, tp / np.maximum(tp + fp, 1), 0.0)
    recall = np.where(tp + fn > 0, tp / np.maximum(tp + fn, 1), 0.0)
    return precision, recall


@functools.lru_cache(maxsize=1)
def default_data():
    """The chapter's test images, labels and the trained network's probabilities (cached)."""
    X_train, Y_train, X_test, Y_test = chapter_data()
    try:  # small matrices: one BLAS thread is much faster than several fighting over 2 busy cores
        from threadpoolctl import threadpool_limits
        limit = threadpool_limits(limits=1, user_api="blas")
    except ImportError:  # pragma: no cover - threadpoolctl comes with scikit-learn
        limit = None
    try:
        model = train_multilabel_net(X_train, Y_train)
        return X_test, Y_test, model.predict(X_test)
    finally:
        if limit is not None:
            limit.restore_original_limits()


@functools.lru_cache(maxsize=4)
def _curves(key):
    images, Y, P = _DATA[key]
    prec = np.empty((len(THRESHOLDS), Y.shape[1]))
    rec = np.empty_like(prec)
    for i, t in enumerate(THRESHOLDS):
        prec[i], rec[i] = precision_recall(Y, P, t)
    return prec, rec


_DATA = {}


def _register(images, Y, P):
    key = id(P)
    _DATA[key] = (images, Y, P)
    return key


def setup_multilabel(fig, data=None):
    """The three panels: an empty image, three empty bars against the threshold line, and the
    precision/recall curves of each label (fixed: they are computed once for all thresholds)
    with empty markers for the chosen threshold. What update_multilabel changes is animated."""
    if data is None:
        data = _register(*default_data())
    images, Y, P = _DATA[data]
    size = int(round(np.sqrt(images.shape[1])))
    gs = fig.add_gridspec(1, 3, width_ratios=[0.8, 1.1, 1.5])
    ax_img, ax_bar, ax_pr = (fig.add_subplot(gs[0, i]) for i in range(3))

    # the image and its true labels
    image = ax_img.imshow(np.zeros((size, size)), cmap="gray_r", vmin=0, vmax=1, animated=True)
    ax_img.set_xticks([])
    ax_img.set_yticks([])
    ax_img.set_title(" \n ", fontsize=9).set_animated(True)

    # its three probabilities, each bar in its label's colour (as in the right panel); a wrong
    # decision is hatched and marked ✗, and the verdict stands in a column right of x = 1, off the threshold line
    ypos = np.arange(len(LABELS))[::-1]
    bars = ax_bar.barh(ypos, np.zeros(len(LABELS)), height=0.6, color=COLORS, edgecolor="k", lw=0,
                       animated=True)
    bar_line = ax_bar.axvline(0.5, color="k", ls="--", lw=1.2, animated=True)
    ax_bar.axvline(1.0, color="0.6", lw=0.8)
    verdicts = [ax_bar.text(1.04, yy, "", va="center", fontsize=9, in_layout=False, animated=True)
                for yy in ypos]
    ax_bar.set(xlim=(0, 1.8), xticks=[0, 0.5, 1], yticks=ypos, yticklabels=LABELS,
               xlabel="probability $a_k = g(z_k)$")
    ax_bar.set_title(" \n ", fontsize=9).set_animated(True)

    # precision and recall of each label against the threshold
    prec, rec = _curves(data)
    dots_p, dots_r = [], []
    for k, (name, c) in enumerate(zip(LABELS, COLORS)):
        ax_pr.plot(THRESHOLDS, prec[:, k], color=c, lw=1.8, label=name)
        ax_pr.plot(THRESHOLDS, rec[:, k], color=c, lw=1.8, ls=":")
        dots_p.append(ax_pr.plot([0.5], [0.5], "o", color=c, ms=6, mec="k", mew=0.6, animated=True)[0])
        dots_r.append(ax_pr.plot([0.5], [0.5], "s", color=c, ms=5, mec="k", mew=0.6, animated=True)[0])
    pr_line = ax_pr.axvline(0.5, color="k", ls="--", lw=1.2, animated=True)
    ax_pr.set(xlim=(0, 1), ylim=(0, 1.05), xlabel="threshold", ylabel="over all test images")
    ax_pr.set_title("precision (solid, ●), recall (dotted, ■)", fontsize=9)
    # outside the axes, on the right; the markers on the curves give the values at the threshold
    legend = ax_pr.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=9, title="label",
                          title_fontsize=9, handlelength=1.5, borderaxespad=0)
    # the six markers crowd together near the top (0.89 to 1.0 at 0.5), so their values are also
    # written below the legend, one line per label in its colour
    values_head = ax_pr.text(1.02, 0.42, "", transform=ax_pr.transAxes, fontsize=9, va="bottom",
                             in_layout=False, animated=True)
    values = [ax_pr.text(1.02, 0.34 - 0.09 * k, "", transform=ax_pr.transAxes, fontsize=9,
                         va="bottom", color=c, in_layout=False, animated=True)
              for k, c in enumerate(COLORS)]
    slot = note_slot(ax_pr)
    slot.set_in_layout(False)
    return dict(Y=Y, P=P, images=images, size=size, ax_img=ax_img, image=image, ax_bar=ax_bar,
                bars=list(bars), bar_line=bar_line, verdicts=verdicts, ax_pr=ax_pr, dots_p=dots_p,
                dots_r=dots_r, pr_line=pr_line, slot=slot, legend=legend, values_head=values_head,
                values=values)


def update_multilabel(p, threshold, index):
    """Test image ``index``, its three probabilities against the threshold, and precision and
    recall of each label on all test images at this threshold."""
    Y, P = p["Y"], p["P"]
    index = int(np.clip(index, 0, len(Y) - 1))

    # the image and its true labels
    p["image"].set_data(p["images"][index].reshape(p["size"], p["size"]))
    present = [name for name, y in zip(LABELS, Y[index]) if y == 1] or ["nothing"]
    p["ax_img"].set_title(f"test image {index}\ncontains: {', '.join(present)}", fontsize=9)

    # its three probabilities
    prob = P[index]
    pred = prob >= threshold
    right = pred == (Y[index] == 1)
    for bar, text, pk, pr, r in zip(p["bars"], p["verdicts"], prob, pred, right):
        bar.set_width(pk)
        bar.set_linewidth(0 if r else 1.2)
        bar.set_hatch(None if r else "///")
        text.set_text(f"{pk:.2f} {'yes' if pr else 'no'}{'' if r else ' ✗'}")
        text.set_fontweight("normal" if r else "bold")
    p["bar_line"].set_xdata([threshold, threshold])
    p["ax_bar"].set_title(f"sum of the three = {fmt(float(prob.sum()))}\n(need not be 1)",
                          fontsize=9)

    # precision and recall of each label at this threshold
    now_p, now_r = precision_recall(Y, P, threshold)
    tp, fp, _ = counts(Y, P, threshold)
    never = [name for name, n in zip(LABELS, tp + fp) if n == 0]
    for dot_p, dot_r, a, b in zip(p["dots_p"], p["dots_r"], now_p, now_r):
        dot_p.set_data([threshold], [a])
        dot_r.set_data([threshold], [b])
    p["pr_line"].set_xdata([threshold, threshold])
    p["values_head"].set_text(f"at {threshold:.2f}:\nprecision / recall")
    short = {"car": "car", "bus": "bus", "pedestrian": "ped."}
    for text, name, a, b in zip(p["values"], LABELS, now_p, now_r):
        text.set_text(f"{short[name]} {a:.2f} / {b:.2f}")
    say(p["slot"], None if not never else
        f"no test image has a probability >= {threshold:.2f}\nfor {', '.join(never)}: "
        f"TP + FP = 0, precision\ncounted as 0 (scikit-learn's convention)")


def show_examples(images, Y, n=16, cols=8, P=None):
    """Display n images in a grid, titled with what each contains; with P (m, K), the network's
    probability for each label is written under each image."""
    rows = -(-n // cols)
    size = int(round(np.sqrt(images.shape[1])))
    fig = new_figure((1.25 * cols, (2.15 if P is not None else 1.45) * rows + (0.3 if P is not None else 0)))
    axes = fig.subplots(rows, cols)
    short = {"car": "car", "bus": "bus", "pedestrian": "ped"}
    for i, ax in enumerate(np.ravel(axes)):
        ax.set_xticks([])
        ax.set_yticks([])
        if i >= n:
            ax.axis("off")
            continue
        ax.imshow(images[i].reshape(size, size), cmap="gray_r", vmin=0, vmax=1)
        names = [short[name] for name, y in zip(LABELS, Y[i]) if y == 1]
        ax.set_title(f"{i}: " + ("+".join(names) or "nothing"), fontsize=9)
        if P is not None:
            ax.set_xlabel("\n".join(f"{short[name]} {p:.2f}" for name, p in zip(LABELS, P[i])), fontsize=9)
    if P is not None:
        fig.suptitle("above each image: what it contains;  below: the network's probability "
                     "$a_k$ for each label", fontsize=9)
    show_figure(fig)


def multilabel_widget_for(images, Y, P, title=None):
    """The threshold widget for other test images (rows), labels Y (m, K) and probabilities P (m, K)."""
    images, Y, P = (np.asarray(v, dtype=float) for v in (images, Y, P))
    key = _register(images, Y, P)
    return Widget(
        setup=setup_multilabel,
        update=update_multilabel,
        controls={
            "threshold": Slider(0.01, 0.99, 0.5, step=0.01, description="threshold"),
            "index": Slider(0, len(Y) - 1, 0, integer=True, description="test image"),
        },
        title=title or "Multi-label: three independent sigmoid outputs, one threshold",
        figsize=(10.5, 3.8),
        fixed={"data": key},
    )


multilabel_widget = Widget(
    setup=setup_multilabel,
    update=update_multilabel,
    controls={
        "threshold": Slider(0.01, 0.99, 0.5, step=0.01, description="threshold"),
        "index": Slider(0, M_TEST - 1, 0, integer=True, description="test image"),
    },
    title="Multi-label: three independent sigmoid outputs, one threshold",
    figsize=(10.5, 3.8),
)
