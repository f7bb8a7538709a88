"""Checks for chapter 3: normalising with the training statistics, and the three training steps."""
import numpy as np

from ..datasets import load_coffee_data
from ..model import Sequential
from ._core import CheckFailed, expect_close, run


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
        out = normalize(X_train, X_new)
        own = (X_new - X_new.mean(axis=0)) / X_new.std(axis=0)
        if np.shape(out) == own.shape and np.allclose(out, own):
            raise CheckFailed("new examples were normalised with their OWN mean and std. Use the training "
                              "data's: the network learned its weights for inputs scaled that way.")
        expect_close("normalize(X_train, X_new)", out, (X_new - mu) / sd,
                     hint="Compute mean and std from X_train only, then apply them to X.")

    def whole_matrix():
        out = normalize(X_train, X_train)
        flat = (X_train - X_train.mean()) / X_train.std()
        if np.shape(out) == flat.shape and np.allclose(out, flat):
            raise CheckFailed("you used one mean and std for the whole matrix; each feature needs its own: "
                              "X.mean(axis=0) and X.std(axis=0).")

    return run([("one mean and std per feature", whole_matrix), ("the training data", train_itself),
                ("new examples use the training statistics", new_examples)])


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
        model = train_coffee(Xn, y)
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
        print(f"accuracy on 400 new roasts: {acc:.1%} (always 'bad roast' would get {always_bad:.1%})")

    return run([("build and compile", builds_a_model), ("the output layer", output_layer),
                ("accuracy on new roasts", accuracy)])
