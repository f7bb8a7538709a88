"""Chapter 12 widget: one convolutional unit sliding along a heartbeat-like signal.

A slider moves the window; the figure shows which inputs the unit sees, its weights, the
products w_j x[t+j], and the output z[t] = sum_j w_j x[t+j] + b it produces there, computed
with nnlib.conv.conv1d (the whole output line) and checked by the printed sum.

Every axis keeps one scale for all settings, so sliding the window (or changing the kernel)
moves bars and lines on fixed axes: the live widget repaints only those.
"""
import functools

import numpy as np

from ..activations import relu
from ..conv import conv1d
from . import Choice, Slider, Toggle, Widget, fmt

FS = 50           # samples per second
N_SAMPLES = 200   # 4 seconds
K = 9             # every kernel below has 9 weights (0.18 s)


def heartbeat_signal(n=N_SAMPLES, fs=FS, seed=12):
    """A synthetic heart-rate-like signal (an ECG-like trace), fixed by ``seed``.

    Each beat (about 75 per minute, with a little jitter) is a small P wave, a sharp R spike
    with small Q and S dips around it, and a broad T wave, all Gaussian bumps; a slow
    baseline wander (breathing) and measurement noise are added.
    Returns (t in seconds (n,), x (n,), indices of the R spikes).
    """
    rng = np.random.default_rng(seed)
    t = np.arange(n) / fs
    beats = [0.35]
    while beats[-1] < t[-1]:
        beats.append(beats[-1] + 0.8 + rng.normal(0, 0.04))
    beats = np.array([b for b in beats if b < t[-1] - 0.05])

    def bump(center, width, height):
        return height * np.exp(-(((t[:, None] - center[None, :]) / width) ** 2)).sum(axis=1)

    x = (bump(beats - 0.16, 0.025, 0.15) + bump(beats - 0.045, 0.015, -0.15) + bump(beats, 0.022, 1.0)
         + bump(beats + 0.045, 0.015, -0.25) + bump(beats + 0.28, 0.05, 0.3))
    x += 0.2 * np.sin(2 * np.pi * 0.25 * t + 1.0) + rng.normal(0, 0.03, n)
    return t, x, np.round(beats * fs).astype(int)


KERNELS = {
    "smoothing": (np.full(K, 1 / K), "the mean of 9 neighbours: noise averages out, the spikes get lower and wider"),
    "edge": (np.array([-1, -1, -1, -1, 0, 1, 1, 1, 1]) / 4,
             "right half minus left half: large where the signal rises, negative where it falls"),
    "peak detector": (np.array([-0.5, -1, -1, 1.5, 2, 1.5, -1, -1, -0.5]) / 2,
                      "a narrow peak minus its surroundings: sums to 0, so slow waves and the baseline vanish"),
}

_T, _X, _BEATS = heartbeat_signal()


@functools.lru_cache(maxsize=None)
def kernel_output(kernel):
    """All n - K + 1 outputs z[t] of one kernel over the signal, computed with nnlib.conv.conv1d."""
    w = KERNELS[kernel][0]
    return conv1d(_X.reshape(1, -1, 1), w.reshape(K, 1, 1))[0, :, 0]


def _limits(values):
    """Axis limits covering ``values`` and 0, with a 5% margin."""
    lo, hi = min(0.0, float(np.min(values))), max(0.0, float(np.max(values)))
    pad = 0.05 * (hi - lo)
    return lo - pad, hi + pad


def _label_slot(ax, label, **style):
    """A text drawn on ``ax`` where its axis label ``label`` is (kept blank: it only reserves the room).

    An axis draws its own label with the axis, into the cached background; this separate text
    can change with the setting.
    """
    return ax.annotate("", (0.5, 0.5), xycoords=label, ha="center", va="center",
                       in_layout=False, animated=True, **style)


def setup_window(fig):
    """The signal, the axes and the empty, animated artists that update_window fills.

    Every axis has the same limits for every kernel, position and ReLU setting, so a change
    moves only the artists. The two bar charts share one scale (each product w_j x[t+j] is its
    weight scaled by an input, |x| <= about 1), and the output axis covers every kernel's z.
    """
    gs = fig.add_gridspec(3, 2, height_ratios=[1.1, 0.9, 1.1])
    ax_x = fig.add_subplot(gs[0, :])
    ax_w = fig.add_subplot(gs[1, 0])
    ax_p = fig.add_subplot(gs[1, 1])
    ax_z = fig.add_subplot(gs[2, :], sharex=ax_x)
    ks = np.arange(K)
    weights = [w for w, _ in KERNELS.values()]
    windows = np.lib.stride_tricks.sliding_window_view(_X, K)          # (n - K + 1, K): x[t + j]
    bars_lim = _limits(np.concatenate([np.ravel(w * windows) for w in weights] + weights))
    z_lim = _limits(np.concatenate([kernel_output(k) for k in KERNELS]))

    idx = np.arange(len(_X))
    ax_x.plot(idx, _X, color="0.55", lw=1)
    for b in _BEATS:
        ax_x.axvline(b, color="C4", lw=0.8, ls=":", alpha=0.8)      # R spikes (red means a negative product)
    ax_x.set(ylabel="input x", ylim=ax_x.get_ylim())
    ax_x.set_title(" ", fontsize=10).set_animated(True)

    for ax in (ax_w, ax_p):
        ax.axhline(0, color="0.5", lw=0.8)
        ax.set(xticks=range(K), ylim=bars_lim)
        ax.set_title(" ", fontsize=9).set_animated(True)
    ax_w.set_xlabel(" \n ", fontsize=9)                                # two lines of room

    ax_z.axhline(0, color="0.5", lw=0.8)
    ax_z.set(xlabel="sample (output drawn under the centre of its window)", ylabel=" ",
             xlim=(-1, len(_X)), ylim=z_lim)
    return dict(
        ax_x=ax_x, ax_w=ax_w, ax_p=ax_p, ax_z=ax_z,
        span=ax_x.axvspan(0, K, color="C1", alpha=0.2, animated=True),
        seen=ax_x.plot([], [], "o", color="C1", ms=4, animated=True)[0],
        weights=ax_w.bar(ks, np.zeros(K), color="C0", animated=True).patches,
        products=ax_p.bar(ks, np.zeros(K), animated=True).patches,
        explain=_label_slot(ax_w, ax_w.xaxis.label, fontsize=9, color="0.25"),
        faint=ax_z.plot([], [], color="C0", lw=0.8, alpha=0.35, animated=True)[0],
        done=ax_z.plot([], [], color="C0", lw=1.6, animated=True)[0],
        point=ax_z.plot([], [], "o", color="C1", ms=8, mec="k", zorder=5, animated=True)[0],
        ylabel=_label_slot(ax_z, ax_z.yaxis.label, rotation=90),
        label=ax_z.annotate("", (0, 0), xytext=(8, 8), textcoords="offset points", fontsize=9,
                            color="C1", in_layout=False, animated=True),
    )


def update_window(p, kernel, position, relu_output):
    """The window at ``position``, the kernel's weights, the products, and the output line."""
    w, explain = KERNELS[kernel]
    t0 = int(position)
    z = kernel_output(kernel)                                          # all n - K + 1 outputs
    a = relu(z) if relu_output else z
    centers = np.arange(len(z)) + K // 2                                 # output t sits under its window's centre

    p["span"].set_x(t0 - 0.5)                                            # K wide: inputs t0 .. t0 + K - 1
    p["seen"].set_data(np.arange(t0, t0 + K), _X[t0:t0 + K])
    p["ax_x"].title.set_text(f"the unit sees only inputs {t0} to {t0 + K - 1} (counted from 0; "
                             f"a dense unit would see all {len(_X)})")

    for bar, wk in zip(p["weights"], w):
        bar.set_height(wk)
    p["ax_w"].title.set_text(f"kernel '{kernel}': 9 weights $w_j$ ($j$ = 0 … 8), bias 0")
    p["explain"].set_text(explain.replace(": ", ":\n", 1))

    prods = w * _X[t0:t0 + K]
    for bar, pk in zip(p["products"], prods):
        bar.set_height(pk)
        bar.set_facecolor("C2" if pk >= 0 else "C3")
    p["ax_p"].title.set_text(f"$w_j \\, x_{{{t0}+j}}$; their sum $z_{{{t0}}}$ = {fmt(float(z[t0]), 3)}")

    label = "relu(z)" if relu_output else "z"
    p["faint"].set_data(centers, a)
    p["done"].set_data(centers[:t0 + 1], a[:t0 + 1])
    p["point"].set_data([centers[t0]], [a[t0]])
    p["ylabel"].set_text(f"output {label}")
    right = t0 < len(z) * 0.7           # near the right end the label goes left of the point
    p["label"].xy = (centers[t0], a[t0])
    p["label"].set_position((8 if right else -8, 8))
    p["label"].set_horizontalalignment("left" if right else "right")
    p["label"].set_text(f"{label}[{t0}] = {fmt(float(a[t0]), 3)}")


window_widget = Widget(
    setup=setup_window,
    update=update_window,
    controls={
        "kernel": Choice(list(KERNELS), value="peak detector", description="kernel"),
        "position": Slider(0, N_SAMPLES - K, 51, integer=True, description="window position t"),
        "relu_output": Toggle(False, description="ReLU on the output"),
    },
    title="One convolutional unit: the same 9 weights at every window position",
    figsize=(9, 6),
)
