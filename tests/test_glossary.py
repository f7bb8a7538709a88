"""notebooks/glossary.md stays in sync with the chapters.

A chapter gives a key term its Chinese name once, where first used: "hidden layer (隐藏层)", or
with a note after a comma: "loss (损失函数, one example)". For every such name in a chapter's
markdown cells this test requires a glossary row whose 中文 column has that name and one of whose
English forms stands right before the parenthesis (or inside it), and whose chapter column lists
the chapter. So a chapter that introduces a new term fails here until the glossary has it.
"""
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
GLOSSARY = NOTEBOOKS / "glossary.md"

CJK = "\u3400-\u4dbf\u4e00-\u9fff"
HAS_CJK = re.compile(f"[{CJK}]")
PAREN = re.compile(r"\(([^()]*[" + CJK + r"][^()]*)\)")
WINDOW = 80  # characters before the parenthesis searched for the English term


# ---- reading the chapters ------------------------------------------------------------------
def chapter_markdown():
    """{chapter number: [text of each markdown cell]} for notebooks/NN-*.ipynb (NN >= 1)."""
    out = {}
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")):
        ch = int(path.name[:2])
        if ch == 0:
            continue
        nb = json.loads(path.read_text(encoding="utf-8"))
        out[ch] = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]
    return out


def chinese_name(content):
    """The Chinese name in a parenthesis: its first comma/colon-separated part that has CJK."""
    for part in re.split(r"[,，;；:：]", content):
        if HAS_CJK.search(part):
            return part.strip(" \n\t.。")
    return ""


def tagged_terms(texts):
    """Each first use of a Chinese name in these markdown texts, in reading order.

    Returns dicts with 'zh' (the name), 'content' (the whole parenthesis) and 'before' (the
    text just before it).
    """
    seen, found = set(), []
    for text in texts:
        for m in PAREN.finditer(text):
            zh = chinese_name(m.group(1))
            if zh and zh not in seen:
                seen.add(zh)
                found.append({"zh": zh, "content": m.group(1), "before": text[max(0, m.start() - WINDOW):m.start()]})
    return found


def _plain(text):
    """Lower case, without markdown/LaTeX decoration, whitespace collapsed."""
    text = re.sub(r"\\text\{|[*`\"'$_{}\\]", " ", text.lower())
    return re.sub(r"\s+", " ", text)


# ---- reading the glossary ------------------------------------------------------------------
def parse_glossary(path=GLOSSARY):
    """The table rows as dicts: en / zh (lists of forms), meaning, chapters (set of ints)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("| ") or line.startswith("| English") or line.startswith("|---"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        assert len(cells) == 4, f"glossary row without 4 columns: {line!r}"
        en, zh, meaning, chapters = cells
        rows.append({"en": [f.strip() for f in en.split(" / ")], "zh": [f.strip() for f in zh.split(" / ")],
                     "meaning": meaning,
                     "chapters": {int(c) for c in re.findall(r"\d+", re.sub(r"\([^)]*\)", "", chapters))},
                     "line": line})
    return rows


def _forms(row, key):
    value = row[key]
    return value if isinstance(value, list) else [f.strip() for f in value.split(" / ")]


def match_row(occ, rows):
    """The glossary row for a tagged occurrence, or None.

    The row must have a Chinese form that is the whole Chinese name (Latin words around it, as in
    "softmax 回归" or "卷积层 convolutional layer", may stay), and an English form that appears just
    before the parenthesis or inside it. Of several such rows the most specific (longest Chinese
    form) wins: "softmax 回归" belongs to softmax regression, not to regression (回归).
    """
    around = _plain(occ["before"] + " " + occ["content"])
    best, best_len = None, -1
    for row in rows:
        for z in _forms(row, "zh"):
            if z and z in occ["zh"] and not HAS_CJK.search(occ["zh"].replace(z, "")) and len(z) > best_len:
                if any(_plain(e).strip() in around for e in _forms(row, "en")):
                    best, best_len = row, len(z)
    return best


# ---- the tests -----------------------------------------------------------------------------
CHAPTERS = chapter_markdown()


def test_glossary_exists_and_is_well_formed():
    assert GLOSSARY.exists(), "notebooks/glossary.md is missing"
    rows = parse_glossary()
    assert len(rows) >= 60, f"only {len(rows)} glossary rows"
    seen = {}
    for row in rows:
        assert all(HAS_CJK.search(z) for z in row["zh"]), f"a 中文 form without Chinese: {row['line']}"
        assert row["meaning"] and row["chapters"], f"meaning or chapter missing: {row['line']}"
        for e in row["en"]:
            assert e.lower() not in seen, f"English form {e!r} in two rows:\n{seen[e.lower()]}\n{row['line']}"
            seen[e.lower()] = row["line"]


@pytest.mark.parametrize("chapter", sorted(CHAPTERS))
def test_every_chinese_name_of_the_chapter_is_in_the_glossary(chapter):
    rows = parse_glossary()
    problems = []
    for occ in tagged_terms(CHAPTERS[chapter]):
        row = match_row(occ, rows)
        context = f"…{' '.join(occ['before'][-40:].split())} ({' '.join(occ['content'].split())})"
        if row is None:
            problems.append(f"{context!r}: no glossary row has 中文 {occ['zh']!r} with an English form "
                            f"found next to it — add a row to notebooks/glossary.md")
        elif chapter not in row["chapters"]:
            problems.append(f"{context!r}: the glossary row for {occ['zh']!r} does not list chapter "
                            f"{chapter} — add it to the chapter column")
    assert not problems, f"chapter {chapter}:\n" + "\n".join(problems)


def test_the_check_fails_for_a_new_or_mismatched_term():
    """The matcher is not vacuous: an unknown term, or a known Chinese name under another English term, fails."""
    rows = parse_glossary()
    unknown = tagged_terms(["a **frobnicator** (弗罗布器) turns knobs"])
    assert len(unknown) == 1 and match_row(unknown[0], rows) is None
    mismatched = tagged_terms(["the **output layer** (隐藏层) is last"])
    assert match_row(mismatched[0], rows) is None
    right = tagged_terms(["the **hidden layer** (隐藏层) sits between"])
    assert match_row(right[0], rows) is not None
    with_note = tagged_terms(["a loss (损失函数, one example) and"])
    assert with_note[0]["zh"] == "损失函数" and match_row(with_note[0], rows) is not None


def test_first_use_only_and_names_inside_notes():
    found = tagged_terms(["hidden layer (隐藏层) and again hidden layer (隐藏层)",
                          "(Adaptive Moment Estimation, 自适应矩估计) and (卷积层 convolutional layer)"])
    assert [o["zh"] for o in found] == ["隐藏层", "自适应矩估计", "卷积层 convolutional layer"]


def test_standard_terms_of_the_course_are_listed():
    english = {e.lower() for row in parse_glossary() for e in row["en"]}
    for term in ["neural network", "hidden layer", "activation function", "forward propagation",
                 "backpropagation", "gradient descent", "learning rate", "epoch", "binary cross-entropy",
                 "relu", "softmax", "logit", "multi-label classification", "adam", "convolution",
                 "convolutional layer", "vanishing gradient", "round-off error", "precision", "recall"]:
        assert term in english, f"the glossary lacks the course term {term!r}"


@pytest.mark.parametrize("chapter", sorted(CHAPTERS))
def test_every_term_the_glossary_lists_for_the_chapter_is_named_there(chapter):
    """The other direction: a row lists a chapter only where that chapter uses the term and gives
    its Chinese name at its first use there."""
    rows = parse_glossary()
    named = [match_row(occ, rows) for occ in tagged_terms(CHAPTERS[chapter])]
    missing = [row["line"].split(" | ")[0].strip("| ") for row in rows
               if chapter in row["chapters"] and not any(r is row for r in named)]
    assert not missing, (f"chapter {chapter}: the glossary lists these terms for it, but the chapter never "
                         f"gives them with their Chinese name: {missing} — name them there (first use, "
                         f"'term (中文)') or remove the chapter from their rows")


def test_the_reverse_check_can_fail():
    rows = parse_glossary()
    row = next(r for r in rows if "hidden layer" in r["en"])
    named = [match_row(occ, rows) for occ in tagged_terms(["no Chinese names here at all"])]
    assert not any(r is row for r in named)
