"""Checks for chapter 10: one momentum step and one Adam step, written by the learner.

Expected values come from nnlib.optimizers (SGD with momentum, Adam), run separately on
copies of the same numbers: a different code path from the learner's function.
"""
import numpy as np

from ..optimizers import SGD, Adam
from ._core import CheckFailed, expect_close, expect_done, run
from .quiz import Question


def _reference_adam(w0, grads, **kw):
    """w, m, v after feeding ``grads`` one by one to nnlib.optimizers.Adam."""
    w = np.array(w0, dtype=float)
    opt = Adam(**kw)
    for g in grads:
        opt.update([w], [np.array(g, dtype=float)])
    return w, opt._m[0], opt._v[0]


def _call_adam(fn, w, g, m, v, t, **kw):
    out = expect_done(fn(np.array(w, dtype=float), np.array(g, dtype=float), np.array(m, dtype=float),
                         np.array(v, dtype=float), t, **kw))
    if not isinstance(out, tuple) or len(out) != 3:
        raise CheckFailed(f"my_adam_step must return a tuple (w, m, v); received {type(out).__name__}"
                          f"{' of length ' + str(len(out)) if isinstance(out, tuple) else ''}.")
    return out


def check_adam_step(my_adam_step):
    """my_adam_step(w, g, m, v, t, alpha, beta_1, beta_2, epsilon) -> (w, m, v) after step t."""
    kw = dict(alpha=0.01, beta_1=0.9, beta_2=0.999, epsilon=1e-7)
    nn_kw = dict(learning_rate=0.01, beta_1=0.9, beta_2=0.999, epsilon=1e-7)
    w0 = np.array([1.0, -2.0, 0.5])
    # gradients of very different sizes; not tiny ones, so Keras's epsilon placement and the
    # textbook's (epsilon added to sqrt(v_hat)) agree to 1e-7 and both forms pass
    grads = [np.array([0.4, -3.0, 0.2]), np.array([0.5, 2.5, 0.3]), np.array([0.3, -2.0, 0.1])]

    def moments():
        w, m, v = _call_adam(my_adam_step, w0, grads[0], np.zeros(3), np.zeros(3), 1, **kw)
        _, m_ref, v_ref = _reference_adam(w0, grads[:1], **nn_kw)
        expect_close("m after step 1", m, m_ref,
                     hint="m := beta_1 m + (1 - beta_1) g: a running mean of the gradient.")
        expect_close("v after step 1", v, v_ref, atol=1e-9,
                     hint="v := beta_2 v + (1 - beta_2) g**2: a running mean of the SQUARED gradient.")

    def first_step():
        w, _, _ = _call_adam(my_adam_step, w0, grads[0], np.zeros(3), np.zeros(3), 1, **kw)
        w_ref, _, _ = _reference_adam(w0, grads[:1], **nn_kw)
        step = np.abs(np.asarray(w, dtype=float) - w0)
        hint = ("At t = 1 every parameter should move by about alpha = 0.01, whatever the size of its "
                "gradient. ")
        if np.all(np.isfinite(step)) and np.allclose(step, 0.01 * 0.1 / np.sqrt(0.001), rtol=0.05):
            hint += ("Your steps are about 3.16 alpha: divide m by (1 - beta_1**t) and v by "
                     "(1 - beta_2**t), the bias correction.")
        expect_close("w after step 1", w, w_ref, hint=hint)

    def three_steps():
        w, m, v = w0.copy(), np.zeros(3), np.zeros(3)
        for t, g in enumerate(grads, start=1):
            w, m, v = _call_adam(my_adam_step, w, g, m, v, t, **kw)
        w_ref, m_ref, v_ref = _reference_adam(w0, grads, **nn_kw)
        expect_close("m after 3 steps", m, m_ref, hint="update m from its previous value, not from zero.")
        expect_close("w after 3 steps", w, w_ref,
                     hint="use the step number t given (1, 2, 3) in beta_1**t and beta_2**t.")

    def oscillation_slows_down():
        # a parameter whose gradient flips sign must move less than one whose gradient does not
        w, m, v = np.zeros(2), np.zeros(2), np.zeros(2)
        for t in range(1, 11):
            g = np.array([1.0, (-1.0) ** t])
            w, m, v = _call_adam(my_adam_step, w, g, m, v, t, **kw)
        w_ref, _, _ = _reference_adam(np.zeros(2), [np.array([1.0, (-1.0) ** t]) for t in range(1, 11)],
                                      **nn_kw)
        expect_close("w after 10 steps (one steady, one oscillating gradient)", w, w_ref)

    return run([("the moments m and v", moments), ("the first step", first_step),
                ("three steps in a row", three_steps), ("steady vs oscillating", oscillation_slows_down)],
               my_adam_step, "update m and v, correct their bias, then step w")


def check_momentum_step(my_momentum_step):
    """my_momentum_step(w, g, v, alpha, beta) -> (w, v): Keras's v := beta v - alpha g, w := w + v."""
    w0 = np.array([2.0, -1.0])
    grads = [np.array([1.0, -0.5]), np.array([0.8, 0.4]), np.array([0.5, -0.1])]

    def steps():
        w, v = w0.copy(), np.zeros(2)
        for g in grads:
            out = expect_done(my_momentum_step(w.copy(), g.copy(), v.copy(), 0.1, 0.9))
            if not isinstance(out, tuple) or len(out) != 2:
                raise CheckFailed("my_momentum_step must return a tuple (w, v).")
            w, v = out
        ref = w0.copy()
        opt = SGD(learning_rate=0.1, momentum=0.9)
        for g in grads:
            opt.update([ref], [g.copy()])
        expect_close("v after 3 steps", v, opt._v[0],
                     hint="v := beta v - alpha g (v carries the previous steps, scaled by beta).")
        expect_close("w after 3 steps", w, ref, hint="w := w + v, with the NEW v.")

    return run([("three momentum steps", steps)], my_momentum_step,
               "update the velocity v, then move w by it")


QUIZ = [
    Question("Gradient descent on $J = x^2/20 + y^2$: what is the largest α for which $y$ does not "
             "grow from step to step? (One step multiplies $y$ by $1 - 2\\alpha$.)", answer=1.0,
             why="$|1 - 2\\alpha| < 1$ needs $\\alpha < 2/2 = 1$: 2 divided by the largest curvature "
                 "(below 1, $y$ shrinks); at exactly α = 1 one step multiplies $y$ by −1, so from "
                 "the chapter's start $y$ flips between 1.5 and −1.5: it neither grows nor shrinks. "
                 "At α = 1.1 the chapter's run ends with $y \\approx 13651$."),
    Question("Adam with α = 0.1 takes its first step ($t = 1$) on a parameter whose gradient is $g = 0.01$. "
             "About how far does the parameter move?",
             options=["about 0.001 (α · g)", "about 0.1 (α)", "about 10 (α / g)"], answer=1,
             why="at $t = 1$, $\\hat m = g$ and $\\sqrt{\\hat v} = |g|$, so the step is "
                 "$\\alpha\\, g / (|g| + \\epsilon) \\approx \\alpha$ whatever the size of $g$ "
                 "(the chapter's first row: $|\\Delta w| / \\alpha = 1.000$).",
             wrong={0: "that is gradient descent's step; Adam divides by $\\sqrt{\\hat v}$"}),
    Question("Momentum (Keras's form) with α = 0.01 and β = 0.9 on a slope whose gradient stays at $g = 2$: "
             "how long do the steps $|v|$ become after many steps?", answer=0.2,
             why="$v$ settles where $v = \\beta v - \\alpha g$, so $|v| = \\alpha |g| / (1 - \\beta) "
                 "= 0.01 \\cdot 2 / 0.1 = 0.2$: ten times gradient descent's step $\\alpha |g| = 0.02$."),
    Question("Does Adam prevent vanishing or exploding gradients?",
             options=["Yes: it rescales every gradient to about 1",
                      "No: backpropagation computes the same gradients; Adam only changes the step it takes from them",
                      "Yes, but only with its default α = 0.001"], answer=1,
             why="the gradients of the cost are what they are (chapter 6); Adam divides each parameter's step "
                 "by a running size of its gradient, which helps small slopes move, but with too large an α it still fails "
                 "(α = 1 on the digits network stayed at chance, 10 % test accuracy).",
             wrong={0: "it rescales the step, not the gradient that backprop passes from layer to layer"}),
    Question("On the digits network, with Keras's default learning rates (SGD 0.01, Adam 0.001) and "
             "mini-batches of 32, which reached 90 % test accuracy within 20 epochs?",
             options=["both", "only SGD", "only Adam", "neither"], answer=2,
             why="SGD at its default 0.01 never got there in nnlib or TensorFlow; Adam at its default 0.001 did "
                 "after 11 epochs in both. A tuned SGD (α = 0.1 or 0.3) was as fast: Adam's advantage is its default.",
             wrong={0: "SGD's default α = 0.01 is too small for this network: 69.8 % after 20 epochs"}),
]
