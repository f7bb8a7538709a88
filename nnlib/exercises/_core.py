"""A tiny harness: run named checks, stop at the first failure, say what was expected."""
import numpy as np

PASSED = "All tests passed!"


class CheckFailed(AssertionError):
    pass


def expect_close(name, received, expected, atol=1e-6, hint=""):
    """Fail with expected vs received when the arrays differ (or have other shapes)."""
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


def run(checks):
    """Run (description, function) pairs; print PASSED or the first failure.

    Returns None so a notebook shows only the printed line; tests read the printed text.
    """
    for desc, fn in checks:
        try:
            fn()
        except CheckFailed as err:
            print(f"Check failed ({desc}): {err}")
            return None
        except Exception as err:  # the learner's code raised: say so, without a traceback
            print(f"Check failed ({desc}): your code raised {type(err).__name__}: {err}")
            return None
    print(PASSED)
