"""What Sequential prints: fit's progress lines (verbose=1 or 2) and summary's layer table, as Keras does."""
import sys
import time

from ._validate import describe


class Progress:
    """fit's output. verbose=0: nothing; 1: a progress bar per epoch; 2: one line per epoch.

        Epoch 3/10
        7/7 ━━━━━━━━━━━━━━━━━━━━ 0s - loss: 0.4284 - accuracy: 0.9100      (verbose=1)
        Epoch 3/10 - loss: 0.4284 - accuracy: 0.9100                       (verbose=2)
    """

    def __init__(self, verbose, epochs, steps):
        self.verbose, self.epochs, self.steps = verbose, epochs, steps
        self.epoch, self.t0 = 0, 0.0

    def start_epoch(self, epoch):
        self.epoch, self.t0 = epoch, time.perf_counter()

    def step(self, step, loss):
        """After batch ``step`` (1..steps); ``loss`` is the mean loss of the epoch so far."""
        # Only refreshed a few times per epoch so printing never dominates training time.
        if self.verbose != 1 or (step != self.steps and step % max(1, self.steps // 10)):
            return
        done = int(20 * step / self.steps)
        sys.stdout.write(f"\rEpoch {self.epoch + 1}/{self.epochs} {step}/{self.steps} "
                         f"{'━' * done}{' ' * (20 - done)} loss: {loss:.4f}")
        sys.stdout.flush()

    def end_epoch(self, logs):
        """The epoch's line: the loss and the metrics of ``logs``."""
        if not self.verbose:
            return
        line = " - ".join(f"{k}: {v:.4f}" for k, v in logs.items())
        if self.verbose == 1:
            line = f"\rEpoch {self.epoch + 1}/{self.epochs}\n{self.steps}/{self.steps} {'━' * 20} " \
                   f"{time.perf_counter() - self.t0:.0f}s - {line}"
        else:
            line = f"Epoch {self.epoch + 1}/{self.epochs} - {line}"
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def summary_table(model, print_fn=print):
    """The lines of ``model.summary()``: one row per layer with its output shape and parameter count."""
    if not callable(print_fn):
        raise ValueError(f"print_fn must be a function such as print; received {describe(print_fn)}.")
    widths = (33, 24, 15)

    def rule(left, mid, right, line):
        return left + mid.join(line * w for w in widths) + right

    def row(a, b, c, edge="│"):
        return f"{edge} {a:<{widths[0] - 2}} {edge} {b:<{widths[1] - 2}} {edge} {c:>{widths[2] - 2}} {edge}"

    lines = [f'Model: "{model.name}"', rule("┏", "┳", "┓", "━"), row("Layer (type)", "Output Shape", "Param #", "┃"),
             rule("┡", "╇", "┩", "━")]
    for i, layer in enumerate(model.layers):
        params = str(layer.count_params()) if layer.built else "0 (unbuilt)"
        lines.append(row(f"{layer.name} (Dense)", f"(None, {layer.units})", params))
        lines.append(rule("├", "┼", "┤", "─") if i < len(model.layers) - 1 else rule("└", "┴", "┘", "─"))
    total = model.count_params()
    lines += [f" Total params: {total} ({total * 4 / 1024:.2f} KB as float32)",
              f" Trainable params: {total}", " Non-trainable params: 0"]
    return lines
