"""Checks for chapter 11: the predicted class from logits, and the accuracy.

Expected values are worked out here by a different route (a loop over examples that keeps
the largest logit seen so far), never by calling the learner's function.
"""
import numpy as np

from ._core import CheckFailed, expect_close, run

# Five examples, four classes; the largest logit of each row is at 2, 0, 3, 1, 3. Columns
# were chosen so that taking the maximum over the wrong axis gives other answers.
LOGITS = np.array([[0.5, -1.0, 3.0, 0.2],
                   [4.0, 1.0, -2.0, 3.5],
                   [-1.0, 0.0, 0.5, 2.5],
                   [0.0, 6.0, 1.0, -3.0],
                   [-2.0, -1.5, -3.0, -0.5]])
LABELS = np.array([2, 0, 1, 1, 3])   # right, right, wrong (predicted 3), right, right: 4/5


def _argmax_by_loop(logits):
    out = []
    for row in logits:
        best = 0
        for j in range(1, len(row)):
            if row[j] > row[best]:
                best = j
        out.append(best)
    return np.array(out)


def check_predicted_class(predicted_class):
    """predicted_class(logits) -> (m,) integer classes: the index of each row's largest logit."""
    def values():
        got = predicted_class(LOGITS.copy())
        arr = np.asarray(got)
        if arr.shape != (5,):
            raise CheckFailed(f"logits has shape (5, 4): 5 examples, 4 classes, so the answer has shape "
                              f"(5,), one class per example; received shape {arr.shape}. "
                              f"Take the largest over axis=1 (the classes), not axis=0.")
        if not np.allclose(arr, np.round(arr)) or np.any(arr < 0) or np.any(arr > 3):
            raise CheckFailed(f"received {np.round(arr, 4).tolist()}: expected class numbers 0-3. "
                              f"Return the POSITION of the largest logit (np.argmax), not its value.")
        expect_close("predicted_class(logits)", arr, _argmax_by_loop(LOGITS),
                     hint="each row is one example: the class is the column of its largest logit.")

    def softmax_does_not_change_it():
        z = np.array([[1000.0, 999.0, 0.0], [-5.0, -4.0, -6.0]])    # large logits: no exp needed
        expect_close("predicted_class of large logits", np.asarray(predicted_class(z)), [0, 1],
                     hint="softmax never changes which entry is largest, so argmax of the logits "
                          "is enough (and exp(1000) would overflow).")

    return run([("one class per example", values), ("large logits", softmax_does_not_change_it)])


def check_accuracy(accuracy):
    """accuracy(logits, y) -> the fraction (0 to 1) of examples whose predicted class equals y."""
    def fraction():
        got = accuracy(LOGITS.copy(), LABELS.copy())
        expected = np.mean(_argmax_by_loop(LOGITS) == LABELS)          # 4 of 5
        try:
            g = float(np.asarray(got))
        except (TypeError, ValueError):
            raise CheckFailed(f"accuracy must return one number; received {got!r}.") from None
        if abs(g - 4) < 1e-9:
            raise CheckFailed("received 4, the number of right answers: divide by the number of "
                              "examples m = 5 to get a fraction.")
        expect_close("accuracy(logits, y)", g, expected,
                     hint="compare the predicted class (argmax over axis 1) with y, then take the mean.")

    def all_right():
        expect_close("accuracy when every prediction is right", accuracy(LOGITS.copy(),
                     _argmax_by_loop(LOGITS)), 1.0)

    return run([("4 of 5 right", fraction), ("all right", all_right)])
