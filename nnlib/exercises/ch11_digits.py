"""Checks for chapter 11: the predicted class from logits, and the accuracy.

Expected values are worked out here by a different route (a loop over examples that keeps
the largest logit seen so far), never by calling the learner's function.
"""
import numpy as np

from ._core import CheckFailed, expect_close, expect_done, run
from .quiz import Question

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
        got = expect_done(predicted_class(LOGITS.copy()))
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

    return run([("one class per example", values), ("large logits", softmax_does_not_change_it)],
               predicted_class, "return the position of each row's largest logit")


def check_accuracy(accuracy):
    """accuracy(logits, y) -> the fraction (0 to 1) of examples whose predicted class equals y."""
    def fraction():
        got = expect_done(accuracy(LOGITS.copy(), LABELS.copy()))
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

    return run([("4 of 5 right", fraction), ("all right", all_right)], accuracy,
               "compare the predicted classes with y and return the fraction that match")


QUIZ = [
    Question("The chapter's first layer has 25 units and reads an 8×8 image as one row of pixels. "
             "What is the shape of $W^{[1]}$?",
             options=["(25, 64)", "(64, 25)", "(8, 8, 25)", "(400, 25)"], answer=1,
             why="$W^{[1]}$ has shape $(n^{[0]}, n^{[1]})$ = (64 pixels, 25 units), as the chapter prints.",
             wrong={0: "that is the transpose; in the course's notation a row of $W$ belongs to an input",
                    2: "a dense layer sees a flat row of 64 numbers, not an 8×8 picture",
                    3: "400 inputs are the course's 20×20 digits, not the 8×8 ones"}),
    Question("The course's assignment uses 20×20 images (400 pixels) with the same 25-15-10 network. "
             "How many parameters (weights and biases) does its first layer have?",
             answer=10025,
             why="400 · 25 weights + 25 biases = 10 025 (the 8×8 chapter's first layer has 64 · 25 + 25 = 1625). "
                 "Only the first layer grows with the input size."),
    Question("One image's logits are $z = (1.0, 3.0, 2.0)$ for classes 0, 1, 2. Which class does the "
             "network predict, and does applying softmax first change that?",
             options=["class 1; softmax would not change it", "class 1; but after softmax it could be class 2",
                      "class 3", "cannot tell without softmax"], answer=0,
             why="the largest logit is $z_1 = 3$; softmax is increasing in each $z_j$, so it keeps the order "
                 "and $\\arg\\max a = \\arg\\max z$.",
             wrong={2: "classes are numbered from 0 here, so the largest entry (the second) is class 1",
                    3: "argmax of the logits is enough: softmax never changes which entry is largest"}),
    Question("In a confusion matrix (rows: true digit, columns: predicted), the row of true 8s reads "
             "0 3 0 0 0 0 0 0 40 0. How many test 8s did the network get wrong?",
             answer=3,
             why="everything off the diagonal is a mistake: 3 eights were called 1 (40 of 43 right)."),
    Question("A convolutional layer reads a 7, then the same 7 moved one column right. What happens to "
             "its feature map?",
             options=["it is exactly the same", "it moves one column right as well",
                      "it is zero: the kernel was learned on centred digits"], answer=1,
             why="the same kernel is applied at every position, so the map moves with the input "
                 "(shift-equivariance). Dense layers after it still see the map at new positions, so a "
                 "whole CNN is only partly shift-tolerant (pooling helps).",
             wrong={0: "that would be shift-invariance; a convolution alone gives equivariance: the map moves too",
                    2: "the kernel is the same at every position, so it finds the stroke wherever it is"}),
]
