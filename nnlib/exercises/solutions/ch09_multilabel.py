"""Reference solutions for chapter 9 (the notebook already imports numpy as np)."""
import numpy as np

HINTS = {
    "my_predict_labels": [
        "Each label is its own yes/no question: no argmax, no sum over labels.",
        "`P >= threshold` compares every entry at once and gives a (m, K) array of True/False.",
        "Turn True/False into 1/0 with `.astype(int)`.",
    ],
    "my_precision_recall": [
        "Count per label, over the examples: sum along `axis=0` gives one number per label, shape (K,).",
        "TP: `(Yhat == 1) & (Y == 1)`; FP: predicted but absent; FN: present but not predicted.",
        "precision = TP / (TP + FP), recall = TP / (TP + FN); where a denominator is 0 use 0.0, "
        "e.g. with `np.where(tp + fp > 0, tp / np.maximum(tp + fp, 1), 0.0)`.",
    ],
}


def my_predict_labels(P, threshold):
    return (P >= threshold).astype(int)


def my_precision_recall(Y, Yhat):
    tp = ((Yhat == 1) & (Y == 1)).sum(axis=0)
    fp = ((Yhat == 1) & (Y == 0)).sum(axis=0)
    fn = ((Yhat == 0) & (Y == 1)).sum(axis=0)
    precision = np.where(tp + fp > 0, tp / np.maximum(tp + fp, 1), 0.0)
    recall = np.where(tp + fn > 0, tp / np.maximum(tp + fn, 1), 0.0)
    return precision, recall
