"""Checks for chapter 1: a neuron, and a layer of neurons, written by the learner."""
import numpy as np

from ..activations import sigmoid
from ._core import CheckFailed, expect_close, expect_done, run
from .quiz import Question


def check_neuron(my_neuron):
    """my_neuron(x, w, b) must return g(w . x + b) with g = sigmoid, for one example x."""
    def shape_and_value():
        x, w, b = np.array([1.0, 2.0]), np.array([0.5, -1.0]), 0.25
        expect_close("my_neuron([1, 2], [0.5, -1], 0.25)", my_neuron(x, w, b),
                     1 / (1 + np.exp(-(0.5 - 2.0 + 0.25))),
                     hint="z = w . x + b = 0.5*1 + (-1)*2 + 0.25 = -1.25, then a = 1 / (1 + e^(-z)).")

    def uses_bias():
        out0 = np.asarray(expect_done(my_neuron(np.zeros(3), np.ones(3), 0.0)), dtype=float)
        out1 = np.asarray(my_neuron(np.zeros(3), np.ones(3), 2.0), dtype=float)
        if np.allclose(out0, out1):
            raise CheckFailed("changing b from 0 to 2 did not change the output: add b to w . x.")
        expect_close("my_neuron(0, w, b=2)", out1, 1 / (1 + np.exp(-2.0)))

    def is_sigmoid():
        out = np.asarray(expect_done(my_neuron(np.array([10.0]), np.array([1.0]), 0.0)), dtype=float)
        if out > 1 or out < 0:
            raise CheckFailed(f"the output {float(out):.4g} is not a probability in (0, 1): "
                              f"apply g = sigmoid to z.")

    return run([("one example", shape_and_value), ("the bias b", uses_bias), ("the activation", is_sigmoid)],
               my_neuron, "compute z = w · x + b, then return g(z)")


def check_layer(my_layer):
    """my_layer(x, W, b) must return the n^[l] activations a_j = g(w_j . x + b_j), w_j = W[:, j]."""
    rng = np.random.default_rng(7)
    x, W, b = rng.normal(size=4), rng.normal(size=(4, 3)), rng.normal(size=3)

    def values():
        expect_close("my_layer(x, W, b)", my_layer(x, W, b), sigmoid(x @ W + b),
                     hint="unit j uses column j of W: w_j = W[:, j], and b[j].")

    def orientation():
        out = np.asarray(expect_done(my_layer(x, W, b)), dtype=float)
        if out.shape != (3,):
            raise CheckFailed(f"W has shape (4, 3): 4 inputs, 3 units, so a_out has shape (3,); "
                              f"received {out.shape}. Use W[:, j] (a column), not W[j].")

    return run([("shape of a_out", orientation), ("values", values)], my_layer,
               "fill in the loop over units j")


QUIZ = [
    Question("A layer has 4 inputs and 3 units. What is the shape of its $W$?",
             options=["(3, 4)", "(4, 3)", "(4,)", "(3,)"], answer=1,
             why="$W^{[l]}$ has shape $(n^{[l-1]}, n^{[l]})$: one row per input, one column per unit.",
             wrong={0: "that is the column convention of other texts; in the course's code (and Keras) "
                       "column j of W belongs to unit j",
                    2: "that is one unit's weight vector w_j, a column of W",
                    3: "that is the shape of b, one bias per unit"}),
    Question("How many parameters does a `Dense(3)` layer reading 4 inputs have?", answer=15,
             why="4 · 3 weights plus 3 biases = 15, as `summary()` counts."),
    Question("A sigmoid neuron has $w = 2$, $b = -4.5$. At which $x$ does it output exactly 0.5?",
             answer=2.25, why="$g(z) = 0.5$ where $z = wx + b = 0$, so $x = -b/w = 2.25$."),
    Question("Which is true of a hidden unit such as 'affordability' in the T-shirt network?",
             options=["We label it in the training data", "It learns whatever intermediate feature helps; nobody names it",
                      "It must read all four inputs with equal weights"], answer=1,
             why="only the inputs x and the label y are given; hidden units find their own features.",
             wrong={0: "the data hold only x and y; nothing tells the network what its hidden units mean",
                    2: "each unit learns its own weights; 'affordability' would weigh price and shipping most"}),
    Question("By the course's count, how many layers does the T-shirt network 4 → 3 → 1 have?", answer=2,
             why="the input is layer 0 and is not counted: one hidden layer plus the output layer = 2 "
                 "(and `summary()` lists two Dense layers)."),
]
