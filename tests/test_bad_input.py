"""Bad input: every case gets a clear error saying what was expected, what arrived and how to fix it.

Each ``match=`` checks the three parts: the expectation, the received value, the fix.
Nothing is silently reshaped.
"""
import numpy as np
import pytest

from nnlib import Dense, Input, Sequential, dense, dense_loop, sequential, set_random_seed
from nnlib import activations
from nnlib.losses import (BinaryCrossentropy, CategoricalCrossentropy, MeanSquaredError,
                          SparseCategoricalCrossentropy)
from nnlib.optimizers import SGD, Adam

X = np.arange(15.0).reshape(5, 3) / 10
LABELS = np.array([0, 1, 2, 1, 0])


def classifier(compiled=True):
    """3 features -> 4 relu -> 3 softmax, with the sparse loss."""
    set_random_seed(0)
    model = Sequential([Dense(4, activation="relu"), Dense(3, activation="softmax")])
    if compiled:
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    model.build((None, 3))
    return model


def binary():
    set_random_seed(0)
    model = Sequential([Dense(2, activation="relu"), Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy")
    model.build((None, 3))
    return model


# ---- the shape of x ----------------------------------------------------------------------
@pytest.mark.parametrize("call", ["predict", "fit", "evaluate"])
def test_1d_input_to_a_model(call):
    model = classifier()
    args = (np.array([0.1, 0.2, 0.3]),) if call == "predict" else (np.array([0.1, 0.2, 0.3]), np.array([0]))
    with pytest.raises(ValueError, match=r"x must be 2-D \(m, n\).*received a 1-D array of shape \(3,\)\. "
                                         r"Use x\.reshape\(1, -1\) for one example with 3 features"):
        getattr(model, call)(*args)


def test_3d_input_to_a_model():
    with pytest.raises(ValueError, match=r"must be 2-D \(m, n\); received 3-D of shape \(5, 3, 1\)\. "
                                         r"Flatten each example first, e\.g\. x\.reshape\(len\(x\), -1\)"):
        classifier().predict(X[:, :, None])


def test_column_count_does_not_match_W():
    with pytest.raises(ValueError, match=r"Dense layer 1 expects a_in of shape \(m, 3\) because W is \(3, 4\); "
                                         r"received \(5, 2\)\. Give every example 3 features"):
        classifier().predict(X[:, :2])
    with pytest.raises(ValueError, match=r"Dense layer 1 expects a_in of shape \(m, 3\).*received \(5, 4\)"):
        classifier().fit(np.ones((5, 4)), LABELS, verbose=0)


def test_1d_input_to_a_layer():
    with pytest.raises(ValueError, match=r"expects a_in of shape \(m, n\^\[l-1\]\); received \(3,\)\. "
                                         r"Use a_in\.reshape\(1, -1\) for one example"):
        Dense(2).forward(np.ones(3))


def test_validation_data_is_checked_too():
    with pytest.raises(ValueError, match=r"Dense layer 1 expects a_in of shape \(m, 3\).*received \(5, 2\)"):
        classifier().fit(X, LABELS, validation_data=(X[:, :2], LABELS), verbose=0)


# ---- set_weights ---------------------------------------------------------------------------
def test_set_weights_wrong_count():
    model = classifier()
    with pytest.raises(ValueError, match=r"set_weights expects 4 arrays \[W1, b1, \.\.\., W2, b2\] for 2 Dense "
                                         r"layers; received 2"):
        model.set_weights(model.get_weights()[:2])


def test_set_weights_transposed_W():
    model = classifier()
    W1, b1, W2, b2 = model.get_weights()
    with pytest.raises(ValueError, match=r"Dense layer 1 expects W of shape \(3, 4\) = \(n\^\[l-1\], n\^\[l\]\); "
                                         r"received \(4, 3\)\. .*pass W\.T"):
        model.set_weights([W1.T, b1, W2, b2])
    with pytest.raises(ValueError, match=r"Dense layer 2 expects W of shape \(4, 3\).*received \(3, 4\)"):
        model.set_weights([W1, b1, W2.T, b2])


def test_set_weights_column_bias():
    model = classifier()
    W1, b1, W2, b2 = model.get_weights()
    with pytest.raises(ValueError, match=r"Dense layer 1 expects b of shape \(4,\); received \(4, 1\)\. "
                                         r"Use b\.reshape\(-1\)"):
        model.set_weights([W1, b1.reshape(-1, 1), W2, b2])


def test_failed_set_weights_keeps_the_old_weights_of_that_layer():
    model = classifier()
    before = model.get_weights()
    with pytest.raises(ValueError):
        model.set_weights([before[0].T, *before[1:]])
    np.testing.assert_array_equal(model.get_weights()[0], before[0])


# ---- labels ----------------------------------------------------------------------------------
@pytest.mark.parametrize("y, received", [([0, 1, 5, 1, 0], r"from 0 to 5"), ([0, 1, -1, 1, 0], r"from -1 to 1")])
def test_sparse_labels_out_of_range(y, received):
    with pytest.raises(ValueError, match=rf"expects integer labels 0\.\.2 for an output layer of 3 units; "
                                         rf"received values ({received}).*Give the last Dense layer as many "
                                         rf"units as there are classes"):
        classifier().fit(X, y, verbose=0)


def test_sparse_labels_not_integers():
    with pytest.raises(ValueError, match=r"expects integer class labels 0\.\.2; received non-integer values such "
                                         r"as 0\.5\. .*MeanSquaredError"):
        classifier().fit(X, [0, 1, 0.5, 1, 0], verbose=0)


def test_one_hot_labels_to_the_sparse_loss():
    with pytest.raises(ValueError, match=r"SparseCategoricalCrossentropy expects integer class labels y of shape "
                                         r"\(m,\).*received shape \(5, 3\)\. They look one-hot: use "
                                         r"CategoricalCrossentropy, or y\.argmax\(axis=1\)"):
        classifier().fit(X, np.eye(3)[LABELS], verbose=0)


def test_integer_labels_to_the_categorical_loss():
    model = classifier()
    model.compile(optimizer="adam", loss=CategoricalCrossentropy())
    with pytest.raises(ValueError, match=r"expects one-hot labels of shape \(m, K\) = \(5, 3\); received "
                                         r"integer-like labels of shape \(5,\)\. Use SparseCategoricalCrossentropy, "
                                         r"or one-hot encode with np\.eye\(K\)\[y\]"):
        model.fit(X, LABELS, verbose=0)


def test_binary_labels_outside_0_1():
    with pytest.raises(ValueError, match=r"BinaryCrossentropy expects labels y in \[0, 1\].*received values from "
                                         r"0\.0 to 2\.0\. For classes 0\.\.K-1 use SparseCategoricalCrossentropy"):
        binary().fit(X, [0, 1, 2, 1, 0], verbose=0)


def test_label_shape_that_does_not_match_the_output():
    with pytest.raises(ValueError, match=r"expects y_true with the shape of y_pred \(5, 1\); received \(5, 2\)"):
        binary().fit(X, np.ones((5, 2)), verbose=0)
    with pytest.raises(ValueError, match=r"MeanSquaredError expects y_true with the shape of y_pred \(2, 3\); "
                                         r"received \(2, 2\)"):
        MeanSquaredError()(np.ones((2, 2)), np.ones((2, 3)))


def test_probabilities_outside_0_1_to_bce():
    with pytest.raises(ValueError, match=r"expects probabilities a in \[0, 1\]; received values from -0\.2 to 1\.5"
                                         r"\. If these are logits z .*use BinaryCrossentropy\(from_logits=True\)"):
        BinaryCrossentropy()([0, 1], [1.5, -0.2])


# ---- x and y together, NaN and inf --------------------------------------------------------------
def test_len_x_differs_from_len_y():
    with pytest.raises(ValueError, match=r"x and y must hold the same number of examples m; received len\(x\) = 5 "
                                         r"and len\(y\) = 4\. Check that y has one label per row of x"):
        classifier().fit(X, LABELS[:4], verbose=0)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_nan_or_inf_in_x(bad):
    x = X.copy()
    x[3, 1] = bad
    with pytest.raises(ValueError, match=rf"x contains NaN or inf \(first at index \(3, 1\), value {bad}\)\. "
                                         r"Remove or impute those entries"):
        classifier().fit(x, LABELS, verbose=0)
    with pytest.raises(ValueError, match=r"x contains NaN or inf"):
        classifier().predict(x)


def test_nan_in_y():
    with pytest.raises(ValueError, match=r"y contains NaN or inf \(first at index \(2,\), value nan\)"):
        binary().fit(X, [0, 1, np.nan, 1, 0], verbose=0)


def test_text_instead_of_numbers():
    with pytest.raises(ValueError, match=r"x must be numbers .*received list that numpy cannot turn into floats"):
        classifier().predict([["a", "b", "c"]])


# ---- order of calls -----------------------------------------------------------------------------
@pytest.mark.parametrize("call", ["fit", "evaluate", "compute_gradients"])
def test_before_compile_is_a_runtime_error(call):
    model = classifier(compiled=False)
    with pytest.raises(RuntimeError, match=rf"{call}\(\) needs compile\(\) first: model\.compile\(optimizer=Adam\(\), "
                                           r"loss=BinaryCrossentropy\(\)\)"):
        getattr(model, call)(X, LABELS)


def test_predict_with_no_layers():
    with pytest.raises(RuntimeError, match=r"no layers: Sequential\(\[Dense"):
        Sequential([]).predict(X)


# ---- from_logits=True after sigmoid/softmax: a warning ------------------------------------------
@pytest.mark.parametrize("act, loss", [("sigmoid", BinaryCrossentropy(from_logits=True)),
                                       ("softmax", SparseCategoricalCrossentropy(from_logits=True)),
                                       ("softmax", CategoricalCrossentropy(from_logits=True))])
def test_from_logits_after_a_probability_output_warns(act, loss):
    model = Sequential([Dense(3 if act == "softmax" else 1, activation=act)])
    with pytest.warns(UserWarning, match=rf"\(from_logits=True\) received the output of a '{act}' layer, i\.e\. "
                                         r"probabilities, not logits\. Use activation='linear' in the last Dense "
                                         r"layer .*or from_logits=False"):
        model.compile(optimizer="adam", loss=loss)


def test_no_warning_for_the_recommended_setups(recwarn):
    Sequential([Dense(1, activation="linear")]).compile(optimizer="adam", loss=BinaryCrossentropy(from_logits=True))
    Sequential([Dense(1, activation="sigmoid")]).compile(optimizer="adam", loss=BinaryCrossentropy())
    assert not [w for w in recwarn if issubclass(w.category, UserWarning)]


# ---- names and arguments ------------------------------------------------------------------------
def test_unknown_names_list_the_valid_ones():
    with pytest.raises(ValueError, match=r"Unknown activation 'softplus'\. Expected one of \['leaky_relu', 'linear', "
                                         r"'relu', 'sigmoid', 'softmax', 'tanh'\]"):
        Dense(3, activation="softplus")
    with pytest.raises(ValueError, match=r"Unknown loss 'hinge'\. Expected a Loss object .*'binary_crossentropy'"):
        classifier().compile(optimizer="adam", loss="hinge")
    with pytest.raises(ValueError, match=r"Unknown optimizer 'adagrad'\. Expected an Optimizer .*\['adam', 'sgd'\]"):
        classifier().compile(optimizer="adagrad", loss="mse")
    with pytest.raises(ValueError, match=r"optimizer='sgd' and optimizer='adam'"):
        classifier().compile(loss="mse")  # Keras's default "rmsprop"
    with pytest.raises(ValueError, match=r"Unknown metric 'auc'; nnlib supports \['acc', 'accuracy'\]"):
        classifier().compile(optimizer="adam", loss="mse", metrics=["auc"])
    with pytest.raises(ValueError, match=r"compile\(\) needs a loss, e\.g\. loss=BinaryCrossentropy\(\)"):
        classifier().compile(optimizer="adam")


def test_failed_compile_leaves_the_model_as_it_was():
    model = classifier()
    loss, opt = model.loss, model.optimizer
    with pytest.raises(ValueError, match="Unknown metric"):
        model.compile(optimizer="sgd", loss="mse", metrics=["auc"])
    assert model.loss is loss and model.optimizer is opt


@pytest.mark.parametrize("units", [0, -1, 2.5, True, "3"])
def test_dense_units(units):
    with pytest.raises(ValueError, match=r"Dense\(units=\.\.\.\) must be a positive integer; received"):
        Dense(units)


def test_input_shape():
    with pytest.raises(ValueError, match=r"Input\(shape=\.\.\.\) must be \(n,\) for dense networks; received \(2, 3\)"):
        Input(shape=(2, 3))


def test_sequential_of_something_else():
    with pytest.raises(ValueError, match=r"Sequential accepts Dense layers .*received ndarray\. Write "
                                         r"Sequential\(\[Dense\(3, activation='sigmoid'\)"):
        Sequential([np.ones(3)])


def test_fit_arguments():
    with pytest.raises(ValueError, match=r"epochs must be a non-negative integer; received -1"):
        classifier().fit(X, LABELS, epochs=-1, verbose=0)
    with pytest.raises(ValueError, match=r"batch_size must be >= 1; received 0"):
        classifier().fit(X, LABELS, batch_size=0, verbose=0)


def test_optimizer_arguments():
    for bad in (0, -1e-3, float("nan")):
        with pytest.raises(ValueError, match=r"learning_rate \(alpha\) must be a positive number; received .*"
                                             r"Typical values are 1e-3 for Adam"):
            Adam(learning_rate=bad)
    with pytest.raises(ValueError, match=r"momentum must be in \[0, 1\); received 1\.0\. 0\.9 is typical"):
        SGD(momentum=1.0)
    with pytest.raises(ValueError, match=r"beta_2 must be in \[0, 1\); received 1\.5"):
        Adam(beta_2=1.5)
    with pytest.raises(ValueError, match=r"Gradient 0 has shape \(3,\) but its parameter has \(2,\)"):
        SGD().update([np.ones(2)], [np.ones(3)])


def test_unknown_activation_name_in_activations_module():
    with pytest.raises(ValueError, match=r"Unknown activation 'gelu'.*as in Dense\(3, activation=\"relu\"\)"):
        activations.get("gelu")


# ---- the forward functions of the course --------------------------------------------------------
def test_dense_loop_given_a_batch():
    with pytest.raises(ValueError, match=r"dense_loop handles one example: a_in must be 1-D .*received shape "
                                         r"\(2, 2\)\. Use dense\(A_in, W, b, g\) for a batch"):
        dense_loop(np.ones((2, 2)), np.ones((2, 3)), np.ones(3), "sigmoid")


def test_dense_with_W_of_the_wrong_orientation():
    with pytest.raises(ValueError, match=r"This dense layer expects a_in with 2 features because W is \(2, 3\) "
                                         r"\(n\^\[l-1\], n\^\[l\]\); received a_in with 3\. .*transpose W"):
        dense(np.ones((4, 3)), np.ones((2, 3)), np.ones(3), "sigmoid")


def test_dense_with_a_bias_per_input_instead_of_per_unit():
    with pytest.raises(ValueError, match=r"b\^\[l\] must have shape \(n\^\[l\],\) = \(3,\) to match W\^\[l\] of "
                                         r"shape \(2, 3\).*received \(2,\)\. Use one bias per unit, e\.g\. "
                                         r"b = np\.zeros\(3\)"):
        dense(np.ones((4, 2)), np.ones((2, 3)), np.ones(2), "sigmoid")


def test_dense_with_a_1d_W():
    with pytest.raises(ValueError, match=r"W\^\[l\] must be 2-D of shape \(n\^\[l-1\], n\^\[l\]\); received shape "
                                         r"\(2,\).*use W\.reshape\(-1, 1\)"):
        dense(np.ones((4, 2)), np.ones(2), np.ones(1), "sigmoid")


def test_sequential_names_the_layer_that_does_not_fit():
    params = [(np.ones((2, 3)), np.ones(3)), (np.ones((2, 1)), np.ones(1))]
    with pytest.raises(ValueError, match=r"Dense layer 2 expects a_in with 2 features because W is \(2, 1\).*"
                                         r"received a_in with 3"):
        sequential(np.ones(2), params)
    with pytest.raises(ValueError, match=r"params\[0\] must be \(W, b\) or \(W, b, g\) for layer 1; received 1 items"):
        sequential(np.ones(2), [(np.ones((2, 3)),)])


def test_nothing_is_silently_reshaped():
    """A column of labels for a 2-unit output, a (1, m) row of labels: errors, never broadcasting."""
    model = Sequential([Dense(2, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy")
    with pytest.raises(ValueError, match=r"expects y_true with the shape of y_pred \(5, 2\); received \(5, 1\)"):
        model.fit(X, np.ones((5, 1)), verbose=0)
    with pytest.raises(ValueError, match=r"received len\(x\) = 5 and len\(y\) = 1"):
        binary().fit(X, np.ones((1, 5)), verbose=0)


def test_probabilities_loss_after_a_linear_output_is_caught_inside_fit():
    """A linear output gives logits; BinaryCrossentropy() wants probabilities: fit says so."""
    set_random_seed(0)
    model = Sequential([Dense(1, activation="linear")])
    model.compile(optimizer="sgd", loss=BinaryCrossentropy())
    model.set_weights([np.array([[10.0], [0.0], [0.0]]), np.array([0.0])])
    with pytest.raises(ValueError, match=r"expects probabilities a in \[0, 1\]; received values from .* "
                                         r"use BinaryCrossentropy\(from_logits=True\)"):
        model.fit(X, [0, 1, 1, 0, 1], verbose=0)


def test_dense_with_column_convention_W_says_transpose():
    # W written (n^[l], n^[l-1]) = (3, 2) for 2 inputs: the fix to suggest is W.T, not the bias.
    W_col = np.array([[1.0, -2.0], [-3.0, 4.0], [5.0, -6.0]])
    with pytest.raises(ValueError, match=r"expects a_in with 3 features.*received a_in with 2.*transpose W"):
        dense(np.ones((4, 2)), W_col, np.zeros(3), "sigmoid")


def test_categorical_crossentropy_with_integer_column_labels():
    y = np.array([[0], [2], [1]])
    with pytest.raises(ValueError, match=r"one-hot labels of shape \(m, K\).*SparseCategoricalCrossentropy"):
        CategoricalCrossentropy()(y, np.full((3, 3), 1 / 3))


# ---- issue 14: the edges (each message names the argument, what was expected and received, the fix) ----------
def test_dense_accepts_the_course_row_bias_and_refuses_a_column():
    X, W, B = np.array([[200, 17]]), np.array([[1, -3, 5], [-2, 4, -6]]), np.array([[-1, 1, 2]])
    np.testing.assert_array_equal(dense(X, W, B, "sigmoid"), dense(X, W, B[0], "sigmoid"))
    with pytest.raises(ValueError, match=r"received \(3, 1\)\. b is a column \(n\^\[l\], 1\): a_in W \+ b would "
                                         r"broadcast it to \(3, 3\)\. Transpose it, b\.T or b\.reshape\(1, -1\)"):
        dense(X, W, B.T, "sigmoid")


@pytest.mark.parametrize("call", ["fit", "evaluate"])
def test_zero_examples_in_fit_and_evaluate(call):
    model = binary()
    kwargs = {"verbose": 0} if call == "fit" else {}
    with pytest.raises(ValueError, match=r"x must hold at least one example, m >= 1 .*received 0 examples, "
                                         r"shape \(0, 3\)\. Check the slicing"):
        getattr(model, call)(np.zeros((0, 3)), np.zeros(0), **kwargs)


@pytest.mark.parametrize("loss", [BinaryCrossentropy(), CategoricalCrossentropy(), SparseCategoricalCrossentropy(),
                                  MeanSquaredError()])
def test_zero_examples_in_a_loss(loss):
    y_true = np.zeros(0) if isinstance(loss, SparseCategoricalCrossentropy) else np.zeros((0, 2))
    with pytest.raises(ValueError, match=r"must hold at least one example, m >= 1 .*received 0 examples"):
        loss(y_true, np.zeros((0, 2)))


def test_zero_units():
    with pytest.raises(ValueError, match=r"Dense\(units=\.\.\.\) must be a positive integer; received 0\. It is n\^\[l\]"):
        Dense(0)
    with pytest.raises(ValueError, match=r"W\^\[l\] has shape \(2, 0\): 0 columns means 0 units n\^\[l\].*"
                                         r"Give W one column per unit"):
        dense_loop(np.ones(2), np.ones((2, 0)), np.ones(0), "softmax")


@pytest.mark.parametrize("y_true, y_pred, what", [(1.0, 0.5, "y_pred"), (1.0, [0.5], "y_true")])
def test_losses_given_plain_numbers(y_true, y_pred, what):
    with pytest.raises(ValueError, match=rf"BinaryCrossentropy expects {what} as an array with one entry \(or row\) "
                                         r"per example, shape \(m,\) or \(m, k\); received the single number"):
        BinaryCrossentropy()(y_true, y_pred)


@pytest.mark.parametrize("loss", [CategoricalCrossentropy, SparseCategoricalCrossentropy])
@pytest.mark.parametrize("y_pred, received", [([[-0.5, 1.5]], r"received values from -0\.5 to 1\.5"),
                                              ([[0.0, 0.0]], r"row 0 is all zeros"),
                                              ([[0.3, 0.9]], r"row 0 sums to 1\.2")])
def test_categorical_losses_check_probabilities(loss, y_pred, received):
    y_true = [1] if loss is SparseCategoricalCrossentropy else [[0.0, 1.0]]
    with pytest.raises(ValueError, match=rf"{loss.__name__}\(from_logits=False\) expects .*{received}.*"
                                         rf"use {loss.__name__}\(from_logits=True\)"):
        loss()(y_true, y_pred)
    assert np.isfinite(loss(from_logits=True)(y_true, y_pred))  # as logits they are fine


def test_categorical_probabilities_from_a_linear_output_are_caught_inside_fit():
    set_random_seed(0)
    model = Sequential([Dense(3, activation="linear")])
    model.compile(optimizer="sgd", loss=SparseCategoricalCrossentropy())
    model.set_weights([np.eye(3) * 10, np.zeros(3)])
    with pytest.raises(ValueError, match=r"SparseCategoricalCrossentropy\(from_logits=False\) expects .*"
                                         r"from_logits=True"):
        model.fit(X, LABELS, verbose=0)


@pytest.mark.parametrize("weights, received", [([1.0, 2.0], r"received \(\)\. W must be a 2-D array"),
                                               (["a", "b"], r"W1 must be numbers .*received str"),
                                               ([None, None], r"W1 must be numbers .*received None"),
                                               ([np.array([[1, None]], dtype=object), np.zeros(2)],
                                                r"W1 must be numbers .*received ndarray .*it holds None")])
def test_set_weights_on_an_unbuilt_model_with_junk(weights, received):
    model = Sequential([Dense(2)])
    with pytest.raises(ValueError, match=received):
        model.set_weights(weights)
    assert not model.built


@pytest.mark.parametrize("name", ["sigmoid", "relu", "softmax", "tanh_derivative"])
@pytest.mark.parametrize("z, received", [(None, r"received None"), ("abc", r"received str .*text"),
                                         (np.array([1 + 2j]), r"received ndarray .*\(complex numbers.*does not "
                                                              r"drop an imaginary part"),
                                         (np.array([[1.0, "a"]], dtype=object), r"received ndarray .*\(it holds the "
                                                                                r"str 'a'\)")])
def test_activations_refuse_what_is_not_real_numbers(name, z, received):
    with pytest.raises(ValueError, match=rf"z must be numbers \(a list or numpy array of floats\); {received}"):
        getattr(activations, name)(z)


def test_nan_and_inf_pass_through_activations_as_formulas():
    z = np.array([[np.nan, np.inf, -np.inf, 0.0]])
    with np.errstate(all="raise"):
        out = activations.sigmoid(z)
        soft = activations.softmax(z)
    np.testing.assert_array_equal(out, [[np.nan, 1.0, 0.0, 0.5]])
    assert np.isnan(soft).all()


def test_complex_input_is_never_silently_made_real():
    with pytest.raises(ValueError, match=r"x must be numbers .*complex numbers"):
        classifier().predict(X + 1j)
    with pytest.raises(ValueError, match=r"A_in must be numbers .*complex numbers"):
        dense(np.ones((1, 2)) + 0j, np.ones((2, 1)), np.zeros(1), "linear")


@pytest.mark.parametrize("make, match", [
    (lambda: Adam(learning_rate=None), r"learning_rate \(alpha\) must be a positive number; received None\."),
    (lambda: Adam(learning_rate="3"), r"learning_rate \(alpha\) must be a positive number; received the str '3' "
                                      r"\(a number, not text: drop the quotes\)"),
    (lambda: classifier().fit(X, LABELS, batch_size="abc", verbose=0),
     r"batch_size must be >= 1; received the str 'abc'\. It is how many examples"),
    (lambda: classifier().fit(X, LABELS, batch_size=float("nan"), verbose=0), r"batch_size must be >= 1; received nan"),
    (lambda: binary().fit(X, 1.5, verbose=0), r"y must hold one label per example, shape \(m,\) or \(m, n\^\[L\]\); "
                                              r"received a single number 1\.5"),
    (lambda: Sequential(5), r"Sequential\(layers=\.\.\.\) must be a list; received 5\. Write Sequential\(\[Dense"),
    (lambda: Input(shape=3), r"Input\(shape=\.\.\.\) must be a tuple \(n,\); received the int 3\. Write "
                             r"Input\(shape=\(3,\)\)"),
    (lambda: classifier().compile(optimizer="adam", loss="mse", metrics=5),
     r"metrics must be a list; received 5\. Write metrics=\['accuracy'\]"),
    (lambda: dense(np.ones((1, 2)), np.ones((2, 3)), np.zeros(3), g=len),
     r"g must take the array z of shape \(1, 3\) and return g\(z\) of the same shape.*received the function len, "
     r"which returned shape \(\)"),
    (lambda: sequential(np.ones(2), None), r"params must be a list; received None\. Write params=\[\(W1, b1\)"),
    (lambda: BinaryCrossentropy(from_logits="False"), r"from_logits must be True or False; received the str 'False'"),
    (lambda: classifier().fit(X, LABELS, shuffle="yes", verbose=0), r"shuffle must be True or False"),
    (lambda: classifier().fit(X, LABELS, verbose="loud"), r"verbose must be 'auto', 0 \(silent\)"),
])
def test_hyper_parameters_are_checked(make, match):
    with pytest.raises(ValueError, match=match):
        make()
