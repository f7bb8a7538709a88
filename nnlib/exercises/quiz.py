""""Check your understanding" questions: multiple choice or a number, with instant feedback.

Each chapter's exercise module holds ``QUIZ = [Question(...), ...]`` (3-5 questions). The same
data make two things:

- ``quiz(QUIZ)`` in the notebook: the questions as buttons and number boxes that say at once
  whether an answer is right and why (alone, or to poll a room before revealing);
- the markdown cell above it (written by ``tools/exercises.py``): the questions as text, each
  answer in a ``<details>`` block, so they read on GitHub too.
"""
import html
import math
import re
from dataclasses import dataclass, field

LETTERS = "ABCDEFGH"


@dataclass
class Question:
    """One question. ``options`` is a list of strings (multiple choice; ``answer`` is the index of
    the right one) or None (a number; ``answer`` is the number, right within ``rel_tol``).
    ``why`` explains the answer; ``wrong`` maps an option index to what that choice misses."""

    text: str
    answer: object
    why: str
    options: list = None
    wrong: dict = field(default_factory=dict)
    rel_tol: float = 0.02

    def __post_init__(self):
        if self.options is not None and not 0 <= self.answer < len(self.options):
            raise ValueError(f"answer must index one of the {len(self.options)} options, got {self.answer!r}")

    def reveal(self):
        """The answer as text: "B. <option>" or the number."""
        if self.options is None:
            return f"{self.answer:g}"
        return f"{LETTERS[self.answer]}. {self.options[self.answer]}"


def check_answer(q, response):
    """(right?, feedback) for a response: an option index, or a number (or text of one)."""
    if q.options is not None:
        if response is None:
            return False, "Choose an option."
        if response == q.answer:
            return True, f"Right: {q.why}"
        extra = q.wrong.get(response, "")
        return False, f"Not quite{': ' + extra if extra else ''}. Try again, or open the answer."
    try:
        value = float(str(response).replace(",", "."))
    except ValueError:
        return False, f"Type a number (received {response!r})."
    if math.isclose(value, q.answer, rel_tol=q.rel_tol, abs_tol=1e-12):
        return True, f"Right: {q.why}"
    return False, f"Not quite: {value:g} is not it. Try again, or open the answer."


def markdown(questions, heading="## Check your understanding"):
    """The questions as markdown, each answer folded in a <details> block (read on GitHub)."""
    lines = [heading, "",
             "Answer before you open the answer. In a live notebook the cell below asks the same "
             "questions with buttons and tells you at once."]
    for i, q in enumerate(questions, 1):
        lines += ["", f"**{i}.** {q.text}", ""]
        if q.options is not None:
            lines += [f"- {LETTERS[k]}. {o}" for k, o in enumerate(q.options)] + [""]
        lines += ["<details><summary>Answer</summary>", "", f"**{q.reveal()}** — {q.why}", "", "</details>"]
    return "\n".join(lines)


def _html(text):
    """Markdown's `code` as <code>code</code> (the live widget shows HTML and $math$, not markdown)."""
    return re.sub(r"`([^`]*)`", r"<code>\1</code>", text)


def _plain(text):
    """An option's label for a radio button (plain text): `code` without its backticks."""
    return text.replace("`", "")


def quiz(questions):
    """Show the questions with instant feedback (ipywidgets). Returns the box."""
    import ipywidgets as W
    from IPython.display import display

    rows = []
    for i, q in enumerate(questions, 1):
        feedback = W.HTMLMath()
        if q.options is not None:
            control = W.RadioButtons(options=[(f"{LETTERS[k]}. {_plain(o)}", k) for k, o in enumerate(q.options)],
                                     value=None, layout=W.Layout(width="auto"))
            answer = control
        else:
            control = W.Text(placeholder="a number, then Enter or Check", continuous_update=False,
                             layout=W.Layout(width="240px"))
            answer = control
        button = W.Button(description="Check", layout=W.Layout(width="80px"))

        def judge(_=None, q=q, answer=answer, feedback=feedback):
            ok, text = check_answer(q, answer.value)
            colour = "#1b7f3b" if ok else "#b00020"
            feedback.value = f'<span style="color:{colour}">{"✔" if ok else "✘"} {html.escape(text)}</span>'

        button.on_click(judge)
        control.observe(judge, names="value")
        rows.append(W.VBox([W.HTMLMath(f"<b>{i}.</b> {_html(q.text)}"), W.HBox([control, button]), feedback],
                           layout=W.Layout(margin="0 0 12px 0")))
    box = W.VBox(rows)
    box.add_class("nnlib-quiz")
    display(box)
    return box
