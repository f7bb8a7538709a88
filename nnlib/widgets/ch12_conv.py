"""Chapter 12 widget: one convolutional unit sliding along a heartbeat-like signal.

A slider moves the window; the figure shows which inputs the unit sees, its weights, the
products w_k x[t+k], and the output z[t] = sum_k w_k x[t+k] + b it produces there, computed
with nnlib.conv.conv1d (the whole output line) and checked by the printed sum.
"""
import numpy as np

from ..activations import relu
from ..conv import conv1d
from ._core import Choice, Slider, Toggle, Widget, fmt

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


def draw_window(fig, kernel, position, relu_output):
    """The window at ``position``, the kernel, the products, and the output line."""
    w = KERNELS[kernel][0]
    t0 = int(position)
    z = conv1d(_X.reshape(1, -1, 1), w.reshape(K, 1, 1))[0, :, 0]      # all n - K + 1 outputs
    a = relu(z) if relu_output else z
    centers = np.arange(len(z)) + K // 2                                 # output t sits under its window's centre

    gs = fig.add_gridspec(3, 2, height_ratios=[1.1, 0.9, 1.1])
    ax_x = fig.add_subplot(gs[0, :])
    ax_w = fig.add_subplot(gs[1, 0])
    ax_p = fig.add_subplot(gs[1, 1])
    ax_z = fig.add_subplot(gs[2, :], sharex=ax_x)

    idx = np.arange(len(_X))
    ax_x.plot(idx, _X, color="0.55", lw=1)
    ax_x.axvspan(t0 - 0.5, t0 + K - 0.5, color="C1", alpha=0.2)
    ax_x.plot(idx[t0:t0 + K], _X[t0:t0 + K], "o", color="C1", ms=4)
    ax_x.set(ylabel="input x", title=f"the unit sees only inputs {t0} to {t0 + K - 1} "
                                     f"(a dense unit would see all {len(_X)})")
    ax_x.title.set_fontsize(10)

    ax_w.bar(np.arange(K), w, color="C0")
    ax_w.axhline(0, color="0.5", lw=0.8)
    ax_w.set(title=f"kernel '{kernel}': 9 weights w_k, bias 0", xticks=range(K))
    ax_w.title.set_fontsize(9)
    ax_w.set_xlabel(KERNELS[kernel][1].replace(": ", ":\n", 1), fontsize=8, color="0.25")

    prods = w * _X[t0:t0 + K]
    ax_p.bar(np.arange(K), prods, color=np.where(prods >= 0, "C2", "C3"))
    ax_p.axhline(0, color="0.5", lw=0.8)
    ax_p.set(title=f"w_k · x[{t0}+k]; their sum z[{t0}] = {fmt(float(z[t0]), 3)}", xticks=range(K))
    ax_p.title.set_fontsize(9)

    ax_z.plot(centers, a, color="C0", lw=0.8, alpha=0.35)
    ax_z.plot(centers[:t0 + 1], a[:t0 + 1], color="C0", lw=1.6)
    ax_z.plot(centers[t0], a[t0], "o", color="C1", ms=8, mec="k", zorder=5)
    ax_z.axhline(0, color="0.5", lw=0.8)
    label = "relu(z)" if relu_output else "z"
    ax_z.set(xlabel="sample (output drawn under the centre of its window)", ylabel=f"output {label}",
             xlim=(-1, len(_X)))
    right = t0 < len(z) * 0.7
    ax_z.annotate(f"{label}[{t0}] = {fmt(float(a[t0]), 3)}", (centers[t0], a[t0]), xytext=(8 if right else -8, 8),
                  textcoords="offset points", fontsize=9, color="C1", ha="left" if right else "right")
    for b in _BEATS:
        ax_x.axvline(b, color="C3", lw=0.6, ls=":", alpha=0.6)


window_widget = Widget(
    draw=draw_window,
    controls={
        "kernel": Choice(list(KERNELS), value="peak detector", description="kernel"),
        "position": Slider(0, N_SAMPLES - K, 60, integer=True, description="window position t"),
        "relu_output": Toggle(False, description="ReLU on the output"),
    },
    title="One convolutional unit: the same 9 weights at every window position",
    figsize=(9, 6),
)
