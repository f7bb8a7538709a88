"""Look-up by name, one place per kind: activations.get, losses.get, optimizers.get, and compile uses them.

Keras is the oracle for the names: every name nnlib accepts is one Keras accepts for the same thing
(except the course's "gradient descent" for SGD). An unknown name is refused with the known ones listed.
"""
import keras
import numpy as np
import pytest

from nnlib import Dense, Sequential, activations, losses, optimizers
from nnlib.losses import BinaryCrossentropy, CategoricalCrossentropy, MeanSquaredError, SparseCategoricalCrossentropy
from nnlib.optimizers import SGD, Adam

LOSS_NAMES = {"binary_crossentropy": BinaryCrossentropy, "mse": MeanSquaredError,
              "mean_squared_error": MeanSquaredError, "sparse_categorical_crossentropy": SparseCategoricalCrossentropy,
              "categorical_crossentropy": CategoricalCrossentropy}


# ---- losses ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", list(LOSS_NAMES))
def test_loss_keras_names_give_the_loss_keras_gives(name):
    loss = losses.get(name)
    assert type(loss) is LOSS_NAMES[name] and loss.from_logits is False
    # the same numbers as the loss Keras finds under that name
    y_true = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]) if "categorical" in name else np.array([[1.0], [0.0]])
    y_pred = np.array([[0.2, 0.7, 0.1], [0.5, 0.3, 0.2]]) if "categorical" in name else np.array([[0.8], [0.3]])
    if name.startswith("sparse"):
        y_true = y_true.argmax(axis=1)
    expected = float(np.mean(keras.losses.get(name)(y_true.astype("float32"), y_pred.astype("float32"))))
    assert loss(y_true, y_pred) == pytest.approx(expected, rel=1e-5)


def test_loss_objects_and_classes():
    loss = BinaryCrossentropy(from_logits=True)
    assert losses.get(loss) is loss
    assert type(losses.get(CategoricalCrossentropy)) is CategoricalCrossentropy


@pytest.mark.parametrize("bad", ["hinge", "MSE ", "", None, 3, [1, 2]])
def test_unknown_loss_lists_the_known_names(bad):
    with pytest.raises(ValueError, match=r"Unknown loss .*\['bce', 'binary_crossentropy', 'categorical_crossentropy', "
                                         r"'mean_squared_error', 'mse', 'sparse_categorical_crossentropy'\]"):
        losses.get(bad)


# ---- optimizers ------------------------------------------------------------------------------------
@pytest.mark.parametrize("name, cls", [("sgd", SGD), ("SGD", SGD), ("adam", Adam), ("Adam", Adam),
                                       ("gradient descent", SGD), ("Gradient Descent", SGD),
                                       ("gradient_descent", SGD)])
def test_optimizer_names_with_keras_defaults(name, cls):
    opt = optimizers.get(name)
    assert type(opt) is cls
    kopt = keras.optimizers.get("sgd" if cls is SGD else "adam")
    assert opt.learning_rate == pytest.approx(float(kopt.learning_rate))


def test_optimizer_objects_and_classes():
    opt = Adam(0.01)
    assert optimizers.get(opt) is opt
    assert type(optimizers.get(SGD)) is SGD


@pytest.mark.parametrize("bad", ["adagrad", "momentum", "", None, 0.01, Adam(0.01).__dict__])
def test_unknown_optimizer_is_refused_with_the_known_names_never_sgd(bad):
    with pytest.raises(ValueError, match=r"Unknown optimizer .*\['adam', 'sgd'\] \('gradient descent' also "
                                         r"names 'sgd'\)"):
        optimizers.get(bad)


def test_rmsprop_is_named_as_not_in_the_course():
    with pytest.raises(ValueError, match=r"optimizer='sgd' and optimizer='adam', not Keras's default 'rmsprop'; "
                                         r"received 'rmsprop'"):
        optimizers.get("rmsprop")


# ---- activations -----------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["linear", "sigmoid", "tanh", "relu", "leaky_relu", "softmax"])
def test_activation_names_and_functions(name):
    g = activations.get(name)
    assert g is getattr(activations, name)
    assert activations.get(g) is g  # an nnlib activation is its own name
    z = np.array([[-2.0, 0.5, 3.0]], dtype="float32")
    np.testing.assert_allclose(g(z), keras.activations.get(name)(z), rtol=1e-6, atol=1e-7)


def test_activation_none_is_linear():
    assert activations.get(None) is activations.linear


@pytest.mark.parametrize("bad", ["gelu", "Sigmoid", "", 3, [1]])
def test_unknown_activation_lists_the_known_names(bad):
    with pytest.raises(ValueError, match=r"Unknown activation .*Expected one of \['leaky_relu', 'linear', 'relu', "
                                         r"'sigmoid', 'softmax', 'tanh'\]"):
        activations.get(bad)


# ---- compile and Dense use the same look-ups --------------------------------------------------------
def test_compile_uses_the_look_ups():
    model = Sequential([Dense(2, activation="softmax")])
    model.compile(optimizer="gradient descent", loss="categorical_crossentropy")
    assert type(model.optimizer) is SGD and type(model.loss) is CategoricalCrossentropy
    model.compile(optimizer="Adam", loss="mean_squared_error")
    assert type(model.optimizer) is Adam and type(model.loss) is MeanSquaredError
    with pytest.raises(ValueError, match=r"Unknown optimizer 'adagrad'"):
        model.compile(optimizer="adagrad", loss="mse")
    with pytest.raises(ValueError, match=r"Unknown loss 'hinge'"):
        model.compile(optimizer="adam", loss="hinge")
    with pytest.raises(ValueError, match=r"Unknown activation 'gelu'"):
        Dense(2, activation="gelu")
