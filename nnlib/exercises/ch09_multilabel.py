"""Checks for chapter 9: multi-label predictions with a threshold, and per-label precision and recall.

Expected values are counted with plain Python loops over the examples, independently of the
learner's (usually vectorized) numpy code.
"""
import numpy as np

from ._core import CheckFailed, expect_close, expect_done, run
from .quiz import Question

# Six examples, three labels (car, bus, pedestrian): probabilities and true labels.
_P = np.array([[0.90, 0.20, 0.60],
               [0.40, 0.70, 0.10],
               [0.55, 0.48, 0.95],
               [0.05, 0.85, 0.30],
               [0.70, 0.10, 0.45],
               [0.30, 0.60, 0.82]])
_Y = np.array([[1, 0, 1],
               [1, 1, 0],
               [1, 0, 1],
               [0, 1, 1],
               [0, 0, 0],
               [0, 1, 1]], dtype=float)


def _loop_predictions(P, threshold):
    return [[1 if p >= threshold else 0 for p in row] for row in P]


def _loop_precision_recall(Y, Yhat):
    K = len(Y[0])
    prec, rec = [], []
    for k in range(K):
        tp = fp = fn = 0
        for y_row, h_row in zip(Y, Yhat):
            if h_row[k] == 1 and y_row[k] == 1:
                tp += 1
            elif h_row[k] == 1:
                fp += 1
            elif y_row[k] == 1:
                fn += 1
        prec.append(tp / (tp + fp) if tp + fp else 0.0)
        rec.append(tp / (tp + fn) if tp + fn else 0.0)
    return np.array(prec), np.array(rec)


def check_predict_labels(my_predict_labels):
    """my_predict_labels(P, threshold) must return 1 where P >= threshold, else 0. Shapes (m, K) -> (m, K)."""
    def values():
        out = np.asarray(expect_done(my_predict_labels(_P, 0.5)))
        if out.shape != _P.shape:
            raise CheckFailed(f"P has shape {_P.shape}: one 0/1 decision per example and label, shape "
                              f"{_P.shape}; received {out.shape}. Do not take argmax: in multi-label "
                              f"classification every label is decided on its own.")
        expect_close("my_predict_labels(P, 0.5)", out, _loop_predictions(_P, 0.5),
                     hint="Compare every probability with the threshold, each label on its own.")

    def other_threshold():
        expect_close("my_predict_labels(P, 0.8)", my_predict_labels(_P, 0.8), _loop_predictions(_P, 0.8),
                     hint="Use the threshold argument, not a fixed 0.5.")

    def boundary():
        out = np.asarray(my_predict_labels(np.array([[0.5, 0.49999, 0.50001]]), 0.5), dtype=float)
        expect_close("my_predict_labels([[0.5, 0.49999, 0.50001]], 0.5)", out, [[1, 0, 1]],
                     hint="A probability equal to the threshold counts as 'yes' (>=), as in the chapter.")

    return run([("threshold 0.5", values), ("another threshold", other_threshold),
                ("a probability equal to the threshold", boundary)],
               my_predict_labels, "compare every probability with the threshold, 1 for yes and 0 for no")


def check_precision_recall(my_precision_recall):
    """my_precision_recall(Y, Yhat) must return (precision, recall), each of shape (K,), one per label.

    precision_k = TP_k / (TP_k + FP_k), recall_k = TP_k / (TP_k + FN_k); 0.0 when the denominator is 0.
    """
    Yhat = np.array(_loop_predictions(_P, 0.5), dtype=float)

    def shapes():
        out = expect_done(my_precision_recall(_Y, Yhat))
        if not isinstance(out, (tuple, list)) or len(out) != 2:
            raise CheckFailed("return two arrays: precision, recall (for example `return precision, recall`).")
        p, r = (np.asarray(v, dtype=float) for v in out)
        if p.shape != (3,) or r.shape != (3,):
            raise CheckFailed(f"with K = 3 labels expected precision and recall of shape (3,), one per label; "
                              f"received {p.shape} and {r.shape}. Count along axis=0 (over the examples), "
                              f"not over the whole matrix.")

    def values():
        p, r = my_precision_recall(_Y, Yhat)
        ep, er = _loop_precision_recall(_Y, Yhat)
        rp = np.asarray(p, dtype=float)
        rr = np.asarray(r, dtype=float)
        if np.allclose(rp, er) and np.allclose(rr, ep) and not np.allclose(ep, er):
            raise CheckFailed("precision and recall are swapped: precision divides by the predicted "
                              "positives (TP + FP), recall by the actual positives (TP + FN).")
        expect_close("precision per label", rp, ep,
                     hint="precision_k = TP_k / (TP_k + FP_k): of the examples predicted to contain label k, "
                          "the fraction that really do.")
        expect_close("recall per label", rr, er,
                     hint="recall_k = TP_k / (TP_k + FN_k): of the examples that contain label k, the "
                          "fraction the network found.")

    def nothing_predicted():
        Y = np.array([[1, 0], [0, 1], [1, 0]], dtype=float)
        Yh = np.array([[0, 0], [0, 1], [0, 0]], dtype=float)   # label 0 never predicted
        with np.errstate(all="ignore"):
            p, r = my_precision_recall(Y, Yh)
        p = np.asarray(p, dtype=float)
        if not np.isfinite(p[0]):
            raise CheckFailed(f"label 0 is never predicted, so TP + FP = 0 and precision is 0 / 0; received "
                              f"{p[0]}. Return 0.0 there (the convention of scikit-learn's zero_division=0 and of "
                              f"the chapter's precision_recall).")
        expect_close("precision when a label is never predicted", p, [0.0, 1.0])
        expect_close("recall when a label is never predicted", r, [0.0, 1.0])

    return run([("shapes", shapes), ("values", values), ("a label never predicted", nothing_predicted)],
               my_precision_recall, "count TP, FP and FN per label (axis=0), then return precision, recall")


QUIZ = [
    Question("The chapter's network gives test image 0 the probabilities $\\vec a = [0.998, 0.041, 0.458]$ "
             "(car, bus, pedestrian). At threshold 0.5, which labels does it predict?",
             options=["car only", "car and pedestrian", "car, bus and pedestrian", "pedestrian only"], answer=0,
             why="each label is decided on its own: 0.998 ≥ 0.5 (yes), 0.041 and 0.458 < 0.5 (no). "
                 "The image really holds a car and a pedestrian, so the pedestrian is missed (a false negative).",
             wrong={1: "0.458 is below the threshold 0.5, however close",
                    3: "that would be argmax thinking on the wrong label; car's 0.998 passes"}),
    Question("True labels $\\vec y = [1, 0, 1]$, sigmoid outputs $\\vec a = [0.9, 0.2, 0.7]$. "
             "What is the loss $L$ of this image (binary cross-entropy averaged over the 3 labels, natural log)?",
             answer=0.2284, rel_tol=0.01,
             why="$[-\\log 0.9 - \\log(1 - 0.2) - \\log 0.7] / 3 = (0.1054 + 0.2231 + 0.3567) / 3 = 0.2284$, "
                 "as the chapter's hand computation prints."),
    Question("A softmax output over car, bus and pedestrian: can two of its three outputs both be "
             "greater than 0.5 for the same image?",
             options=["Yes, if the network is trained long enough", "No: the three outputs sum to 1",
                      "Yes, with from_logits=True"], answer=1,
             why="two outputs above 0.5 would sum to more than 1, and a softmax's outputs always sum to exactly 1.",
             wrong={0: "training changes which outputs are large, never their sum",
                    2: "from_logits changes how the loss is computed, not what softmax outputs"}),
    Question("Predict: the threshold for 'pedestrian' goes up from 0.5 to 0.8. What happens to its recall "
             "on the test set?",
             options=["it goes up", "it goes down", "it stays the same"], answer=1,
             why="a higher threshold says 'yes' less often, so fewer real pedestrians are found: "
                 "recall TP / (TP + FN) can only stay or fall (0.892 to 0.795 in the chapter).",
             wrong={0: "it is precision that usually rises with the threshold (fewer false alarms)"}),
    Question("For one label, on a test set: TP = 8, FP = 2, FN = 4. What is the precision?",
             answer=0.8, why="precision = TP / (TP + FP) = 8 / 10 = 0.8 (the recall would be 8 / 12 = 0.67)."),
]
