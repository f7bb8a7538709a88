"""Checks for chapter 3: normalising with the training statistics, and the three training steps."""
import numpy as np

from ..datasets import load_coffee_data
from ..model import Sequential
from ._core import CheckFailed, expect_close, expect_done, run
from .quiz import Question


def check_normalize(normalize):
    """normalize(X_train, X) must return (X - mean(X_train)) / std(X_train), column by column."""
    X_train = np.array([[200.0, 12.0], [220.0, 14.0], [240.0, 13.0], [180.0, 15.0]])
    X_new = np.array([[230.0, 13.5], [190.0, 12.5]])
    mu = np.array([210.0, 13.5])                       # column means of X_train, by hand
    sd = np.sqrt(np.array([500.0, 1.25]))              # population std: mean of squared deviations

    def train_itself():
        expect_close("normalize(X_train, X_train)", normalize(X_train, X_train), (X_train - mu) / sd,
                     hint="Subtract each column's mean and divide by its standard deviation "
                          "(X.mean(axis=0), X.std(axis=0)): axis=0 runs down the rows, one number per feature.")

    def new_examples():
        out = expect_done(normalize(X_train, X_new))
        own = (X_new - X_new.mean(axis=0)) / X_new.std(axis=0)
        if np.shape(out) == own.shape and np.allclose(out, own):
            raise CheckFailed("new examples were normalised with their OWN mean and std. Use the training "
                              "data's: the network learned its weights for inputs scaled that way.")
        expect_close("normalize(X_train, X_new)", out, (X_new - mu) / sd,
                     hint="Compute mean and std from X_train only, then apply them to X.")

    def whole_matrix():
        out = expect_done(normalize(X_train, X_train))
        flat = (X_train - X_train.mean()) / X_train.std()
        if np.shape(out) == flat.shape and np.allclose(out, flat):
            raise CheckFailed("you used one mean and std for the whole matrix; each feature needs its own: "
                              "X.mean(axis=0) and X.std(axis=0).")

    return run([("one mean and std per feature", whole_matrix), ("the training data", train_itself),
                ("new examples use the training statistics", new_examples)],
               normalize, "compute one mean and one std per column of X_train, then return (X - mean) / std")


def check_coffee_model(train_coffee, target=0.95):
    """train_coffee(X, y) must build, compile and fit an nnlib model; it must classify NEW roasts.

    The check trains on the normalised coffee data (200 roasts) and measures the accuracy on
    400 roasts the model has never seen (another seed), normalised with the training statistics.
    """
    X, y = load_coffee_data()
    mu, sd = X.mean(axis=0), X.std(axis=0)
    X_test, y_test = load_coffee_data(m=400, seed=7)
    Xn, Xn_test = (X - mu) / sd, (X_test - mu) / sd
    always_bad = float(np.mean(y_test == 0))
    state = {}

    def builds_a_model():
        model = expect_done(train_coffee(Xn, y))
        if not isinstance(model, Sequential):
            raise CheckFailed(f"train_coffee should return the trained nnlib Sequential model; received "
                              f"{type(model).__name__}. End the function with `return model`.")
        if model.loss is None:
            raise CheckFailed("the model was not compiled: step 2 is model.compile(loss=..., optimizer=...).")
        state["model"] = model

    def output_layer():
        p = np.asarray(state["model"].predict(Xn_test), dtype=float)
        if p.shape != (len(Xn_test), 1):
            raise CheckFailed(f"for one yes/no answer the last layer needs 1 unit: predict should return "
                              f"shape ({len(Xn_test)}, 1); received {p.shape}.")
        if p.min() < 0 or p.max() > 1:
            raise CheckFailed(f"predictions range from {p.min():.3g} to {p.max():.3g}: not probabilities. "
                              f"Use activation='sigmoid' in the last Dense layer.")
        state["p"] = p

    def accuracy():
        acc = float(np.mean((state["p"] >= 0.5) == (y_test == 1)))
        if acc < target:
            if abs(acc - always_bad) < 0.005:
                why = " That is what always answering 'bad roast' gets: the model has not learned yet."
            elif abs(acc - (1 - always_bad)) < 0.005:
                why = " That is what always answering 'good roast' gets: the model has not learned yet."
            else:
                why = ""
            raise CheckFailed(
                f"accuracy on 400 new roasts is {acc:.1%}; the target is {target:.0%}.{why} Try more epochs "
                f"or a larger learning rate in step 3 (e.g. Adam(learning_rate=0.05), 300 epochs). With 3 "
                f"hidden units training often stalls near 91%, when one unit has not found its edge of the "
                f"good-roast triangle: more hidden units (e.g. 6) make that much less likely.")

    return run([("build and compile", builds_a_model), ("the output layer", output_layer),
                ("accuracy on new roasts", accuracy)], train_coffee,
               "build a Sequential model ending in one sigmoid unit, compile it, fit it, then return it")


QUIZ = [
    Question("`model.fit(Xt, yt, epochs=10, batch_size=32)` on 2000 examples: how many gradient-descent "
             "steps does it take in all?", answer=630,
             why="2000 / 32 = 62.5, so 63 mini-batches per epoch (the log's `63/63`), one step each: "
                 "63 · 10 = 630.",
             rel_tol=0.001),
    Question("The course's network reads 400 inputs and has layers of 25, 15 and 1 units. How many "
             "parameters does its second layer (15 units) have?", answer=390,
             why="it reads the 25 outputs of layer 1: 25 · 15 weights plus 15 biases = 390.", rel_tol=0.001),
    Question("You want the model's prediction for one roast, `x = np.array([200.0, 17.0])`. What do you "
             "pass to `predict`?",
             options=["`x` as it is", "`x.reshape(1, -1)`", "`x.reshape(-1, 1)`", "`x.T`"], answer=1,
             why="a model wants a matrix with one example per row: shape (1, 2), one roast with 2 features.",
             wrong={0: "shape (2,) is 1-D: nnlib and Keras both refuse it, it does not say which way it is meant",
                    2: "shape (2, 1) means two examples of one feature each",
                    3: "transposing a 1-D array leaves it 1-D, shape (2,)"}),
    Question("A new roast comes in after training. How do you normalise it?",
             options=["with its own mean and standard deviation",
                      "with the mean and standard deviation of the training data",
                      "not at all: normalising is only for training",
                      "with the mean and standard deviation of training and new data together"], answer=1,
             why="the weights were learned for inputs scaled the training data's way; the same mu and sigma "
                 "must be applied to every new example.",
             wrong={0: "one example has standard deviation 0, and the scale would differ from training",
                    2: "the network would see raw values in the hundreds, which saturate its sigmoids",
                    3: "then the scaling changes whenever new data arrive, under weights that do not"}),
    Question("The first line of the log reads `loss: 0.5160`. What is that number?",
             options=["the cost at the random start, before any step",
                      "the mean of the 63 mini-batch losses computed during epoch 1, while the weights moved",
                      "the cost on all 2000 examples after epoch 1"], answer=1,
             why="`fit` averages the loss of each mini-batch as it trains, so it is lower than the cost at "
                 "the start and higher than the cost at the end of the epoch (in the chapter: 0.8556 > 0.5160 "
                 "> 0.4284).",
             wrong={0: "the start cost is higher: the weights already improve during the epoch",
                    2: "that would need one more pass over the data after the epoch; `fit` does not make it"}),
]
