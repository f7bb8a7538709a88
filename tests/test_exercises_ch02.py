"""The chapter 2 checks, run three ways: on the reference solution (passes), on the skeleton as
shipped (says not done), and on typical wrong answers (says what is wrong); and the quiz."""
import numpy as np

from nnlib.activations import sigmoid
from nnlib.exercises.ch02_forward import QUIZ, check_dense, check_dense_columns
from nnlib.exercises.quiz import check_answer
from nnlib.exercises.solutions import ch02_forward as sol


def run(check, fn, capsys):
    check(fn)
    return capsys.readouterr().out


# ---- the reference solutions pass -----------------------------------------------------------
def test_dense_reference_solution(capsys):
    assert run(check_dense, sol.my_dense, capsys).strip() == "All tests passed!"


def test_columns_reference_solution(capsys):
    assert run(check_dense_columns, sol.my_dense_columns, capsys).strip() == "All tests passed!"


def test_every_solution_has_hints():
    for name in ["my_dense", "my_dense_columns"]:
        assert 2 <= len(sol.HINTS[name]) <= 3, name


# ---- the skeleton as shipped says "Not done yet", in one line -------------------------------
def test_dense_skeleton(capsys):
    def my_dense(A_in, W, b, g):
        return None
    assert run(check_dense, my_dense, capsys).strip().splitlines() == [
        "Not done yet: `my_dense` still returns None — compute Z = A_in @ W + b with one matrix "
        "product, then return g(Z)."]


def test_columns_skeleton(capsys):
    def my_dense_columns(A_in, W, b, g):
        return None
    assert run(check_dense_columns, my_dense_columns, capsys).strip().splitlines() == [
        "Not done yet: `my_dense_columns` still returns None — compute Z = W @ A_in + b (examples in "
        "columns), then return g(Z)."]


# ---- check_dense (row convention) ------------------------------------------------------------
def test_dense_right(capsys):
    assert run(check_dense, lambda A, W, b, g: g(np.matmul(A, W) + b), capsys).strip() == "All tests passed!"


def test_dense_right_with_a_loop_also_passes(capsys):
    def loop(A, W, b, g):
        out = np.zeros((A.shape[0], W.shape[1]))
        for i in range(A.shape[0]):
            for j in range(W.shape[1]):
                out[i, j] = g(np.dot(A[i], W[:, j]) + b[j])
        return out
    assert "All tests passed!" in run(check_dense, loop, capsys)


def test_dense_without_bias(capsys):
    out = run(check_dense, lambda A, W, b, g: g(A @ W), capsys)
    assert "Check failed (a batch of 5 examples)" in out and "left out b" in out


def test_dense_without_activation(capsys):
    out = run(check_dense, lambda A, W, b, g: A @ W + b, capsys)
    assert "Check failed" in out and "apply the activation" in out


def test_dense_bias_after_activation(capsys):
    out = run(check_dense, lambda A, W, b, g: g(A @ W) + b, capsys)
    assert "Check failed" in out and "bias goes inside" in out


def test_dense_transposed_result(capsys):
    out = run(check_dense, lambda A, W, b, g: g(A @ W + b).T, capsys)
    assert "Check failed" in out and "(5, 3)" in out and "transpose" in out


def test_dense_hard_coded_sigmoid(capsys):
    out = run(check_dense, lambda A, W, b, g: sigmoid(A @ W + b), capsys)
    assert "Check failed (the activation g)" in out and "always used sigmoid" in out


def test_dense_column_order_raises(capsys):
    out = run(check_dense, lambda A, W, b, g: g(W @ A + b), capsys)
    assert "Check failed" in out and "raised ValueError" in out


def test_dense_only_first_row(capsys):
    out = run(check_dense, lambda A, W, b, g: g(A[0] @ W + b), capsys)
    assert "Check failed" in out and "expected shape (5, 3)" in out


# ---- check_dense_columns ---------------------------------------------------------------------
def test_columns_right(capsys):
    assert "All tests passed!" in run(check_dense_columns, lambda A, W, b, g: g(W @ A + b), capsys)


def test_columns_row_convention_answer(capsys):
    out = run(check_dense_columns, lambda A, W, b, g: g(A.T @ W.T + b.T), capsys)
    assert "Check failed" in out and "(3, 5)" in out


def test_columns_without_bias(capsys):
    out = run(check_dense_columns, lambda A, W, b, g: g(W @ A), capsys)
    assert "Check failed" in out and "left out b" in out


def test_columns_hard_coded_sigmoid(capsys):
    out = run(check_dense_columns, lambda A, W, b, g: sigmoid(W @ A + b), capsys)
    assert "Check failed (the activation g)" in out


def test_columns_without_activation(capsys):
    out = run(check_dense_columns, lambda A, W, b, g: W @ A + b, capsys)
    assert "Check failed" in out and "apply the activation" in out


# ---- the quiz --------------------------------------------------------------------------------
def test_quiz_answers_are_the_chapters_numbers():
    from nnlib.widgets.ch02_forward import coffee_weights, normalize
    X = np.zeros((200, 2))
    W1, b1, W2, b2 = coffee_weights()
    assert QUIZ[0].options[QUIZ[0].answer] == str((X @ W1 + b1).shape)
    W = np.array([[1, -3, 5], [-2, 4, -6]])
    assert QUIZ[1].answer == (np.array([200, 17]) @ W + np.array([-1, 1, 2]))[2]
    assert QUIZ[2].options[QUIZ[2].answer] == str(W1.T.shape)
    a1 = sigmoid(normalize([200.0, 13.9]) @ W1 + b1)
    z2 = float((a1 @ W2 + b2)[0])
    assert check_answer(QUIZ[3], z2)[0] and round(z2, 1) == QUIZ[3].answer
    # the rounded numbers the question gives add up to the same one-decimal answer
    a3, w3, b = round(float(a1[2]), 3), round(float(W2[2, 0]), 3), round(float(b2[0]), 3)
    assert f"{a3}" in QUIZ[3].text and f"{w3}" in QUIZ[3].text and f"{b}" in QUIZ[3].text
    assert round(a3 * w3 + b, 1) == QUIZ[3].answer
