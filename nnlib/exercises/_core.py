"""A tiny harness: run named checks, stop at the first failure, say what was expected.

Three outcomes, as in the course's labs:
- "All tests passed!" when every check holds;
- "Not done yet: `my_neuron` still returns None — <what to do>" for the untouched skeleton;
- "Check failed (<which>): <expected, received, hint>" for a wrong answer.
"""
import numpy as np

PASSED = "All tests passed!"


class CheckFailed(AssertionError):
    pass


class NotDone(CheckFailed):
    """The learner's function still returns None (the skeleton as shipped)."""


def expect_close(name, received, expected, atol=1e-6, hint=""):
    """Fail with expected vs received when the arrays differ (or have other shapes)."""
    if received is None:
        raise NotDone(name)
    try:
        r = np.asarray(received, dtype=float)
    except (TypeError, ValueError):
        raise CheckFailed(f"{name}: expected numbers, received {type(received).__name__}. {hint}") from None
    e = np.asarray(expected, dtype=float)
    if r.shape != e.shape:
        raise CheckFailed(f"{name}: expected shape {e.shape}, received shape {r.shape}. {hint}".strip())
    if not np.all(np.isfinite(r)):
        raise CheckFailed(f"{name}: received NaN or inf: {np.round(r, 4)}. {hint}".strip())
    if not np.allclose(r, e, atol=atol, rtol=0):
        worst = np.unravel_index(np.argmax(np.abs(r - e)), e.shape) if e.shape else ()
        raise CheckFailed(
            f"{name}: expected {np.round(e, 6).tolist()}, received {np.round(r, 6).tolist()} "
            f"(largest difference {float(np.max(np.abs(r - e))):.3g} at index {worst}). {hint}".strip())


def expect_done(value, name=""):
    """Raise NotDone when ``value`` is None: the learner has not filled in the function yet."""
    if value is None:
        raise NotDone(name)
    return value


def run(checks, answer=None, todo=""):
    """Run (description, function) pairs; print PASSED, "Not done yet" or the first failure.

    ``answer`` is the learner's function (its name is used in the "Not done yet" line) and
    ``todo`` says in a few words what to fill in. Returns None so a notebook shows only the
    printed line; tests read the printed text.
    """
    name = getattr(answer, "__name__", "your function")
    for desc, fn in checks:
        try:
            fn()
        except NotDone:
            print(f"Not done yet: `{name}` still returns None — {todo or 'fill in the cell above'}.")
            return None
        except NotImplementedError:
            print(f"Not done yet: `{name}` is not written yet — {todo or 'fill in the cell above'}.")
            return None
        except CheckFailed as err:
            print(f"Check failed ({desc}): {err}")
            return None
        except Exception as err:  # the learner's code raised: say so, without a traceback
            print(f"Check failed ({desc}): your code raised {type(err).__name__}: {err}")
            return None
    print(PASSED)
