"""The teaching guide (notebooks/teaching-guide.md) stays in step with the chapters.

- the guide exists and the index links it;
- it opens with "How to run a class" (slides, teacher's edition, Binder, JupyterHub);
- it has one "## N · Title" section per chapter, titled as the chapter's "# N · Title" heading,
  each with the subsections Length, Predict first, Misconceptions, Widget in class, Lab, Quiz;
- every slide count it states equals the chapter's count of cells whose
  metadata.slideshow.slide_type is "slide" or "subslide";
- every name in backticks under "Widget in class" is a control of that chapter's widget module
  (nnlib/widgets/chNN_*.py: a control's key or its description).

The checks are plain functions returning a list of problems, so the last test can feed them a
spoiled copy of the guide and see them fail.
"""
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
GUIDE = NOTEBOOKS / "teaching-guide.md"
INDEX = NOTEBOOKS / "00-index.ipynb"
WIDGETS = ROOT / "nnlib" / "widgets"
SUBSECTIONS = ["Length", "Predict first", "Misconceptions", "Widget in class", "Lab", "Quiz"]
CHAPTERS = sorted(p for p in NOTEBOOKS.glob("[0-9][0-9]-*.ipynb") if not p.name.startswith("00"))


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def source(cell):
    src = cell["source"]
    return "".join(src) if isinstance(src, list) else src


def chapter_title(nb):
    """The chapter's own heading, e.g. "1 · Neurons and layers"."""
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            m = re.search(r"(?m)^# (\d+ · .+?)\s*$", source(cell))
            if m:
                return m.group(1)
    raise AssertionError("no '# N · Title' heading")


def slide_count(nb):
    return sum(cell.get("metadata", {}).get("slideshow", {}).get("slide_type") in ("slide", "subslide")
               for cell in nb["cells"])


def control_names(number):
    """Every control a chapter's widget module defines: its keys and its descriptions."""
    (module,) = [p for p in WIDGETS.glob(f"ch{number:02d}_*") if p.suffix == ".py" or p.is_dir()]
    files = sorted(module.glob("*.py")) if module.is_dir() else [module]  # chapter 13 is a package
    text = "\n".join(f.read_text(encoding="utf-8") for f in files)
    names = set(re.findall(r'description="([^"]+)"', text))
    names |= set(re.findall(r'"(\w+)":\s*(?:Slider|Choice|Toggle|W\.\w+)\(', text))
    return names


def chapters():
    """(number, title, slide count, control names) for every chapter notebook."""
    out = []
    for path in CHAPTERS:
        nb = load(path)
        title = chapter_title(nb)
        number = int(title.split(" · ")[0])
        out.append((number, title, slide_count(nb), control_names(number)))
    return out


def split(text, level):
    """{heading: body} for the headings of one level ("## " or "### ") in text."""
    marks = "#" * level
    parts = re.split(rf"(?m)^{marks} (.+?)\s*$", text)
    return {head: body for head, body in zip(parts[1::2], parts[2::2])}


def problems(text, chapter_list):
    """Everything wrong with the guide's text against the chapters (empty when in step)."""
    found = []
    sections = split(text, 2)
    if "How to run a class" not in sections:
        found.append("no '## How to run a class' section")
    elif list(sections).index("How to run a class") != 0:
        found.append("'How to run a class' is not the first section")
    chapter_sections = {h: b for h, b in sections.items() if re.match(r"\d+ · ", h)}
    expected = {title for _, title, _, _ in chapter_list}
    for extra in sorted(set(chapter_sections) - expected):
        found.append(f"section '## {extra}' matches no chapter heading")
    for number, title, slides, controls in chapter_list:
        body = chapter_sections.get(title)
        if body is None:
            found.append(f"no section '## {title}'")
            continue
        subs = split(body, 3)
        for name in SUBSECTIONS:
            if name not in subs:
                found.append(f"{title}: no '### {name}'")
        length = subs.get("Length", "")
        counts = [int(n) for n in re.findall(r"(\d+) slides", length)]
        if counts != [slides]:
            found.append(f"{title}: Length states slide counts {counts}; the notebook has {slides}")
        if not re.search(r"\d+ minutes", length):
            found.append(f"{title}: Length gives no minutes")
        for name in ("Predict first", "Misconceptions"):
            bullets = len(re.findall(r"(?m)^- ", subs.get(name, "")))
            if name in subs and not 2 <= bullets <= 4:
                found.append(f"{title}: {name} has {bullets} items, not 2-4")
        for name in re.findall(r"`([^`]+)`", subs.get("Widget in class", "")):
            if name not in controls:
                found.append(f"{title}: Widget in class names `{name}`, not a control of ch{number:02d}'s widgets")
    return found


@pytest.fixture(scope="module")
def guide():
    assert GUIDE.exists(), "notebooks/teaching-guide.md is missing"
    return GUIDE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def chapter_list():
    found = chapters()
    assert len(found) == 13, [p.name for p in CHAPTERS]
    return found


def test_index_links_the_guide():
    text = "\n".join(source(c) for c in load(INDEX)["cells"] if c["cell_type"] == "markdown")
    assert "](teaching-guide.md)" in text


def test_guide_in_step_with_the_chapters(guide, chapter_list):
    assert problems(guide, chapter_list) == []


def test_how_to_run_a_class_covers_the_essentials(guide):
    run = split(guide, 2)["How to run a class"]
    for needle in ["deck:start", "Shift+Space", "jupyterlab-slideshow", "rise#126", "make teacher",
                   "kernelShutdown", "binder/overrides.json", "benchmarks/session.md",
                   "jupyter-repo2docker --no-run --image-name", "singleuser", "limit: 2G",
                   "binder/postBuild", "1–2 GB", "100 users"]:
        assert needle in run, needle


def test_the_checks_can_fail(guide, chapter_list):
    """Self-check: each kind of spoiled guide is caught."""
    number, title, slides, _ = chapter_list[0]
    spoiled = {
        "a wrong slide count": guide.replace(f"{slides} slides", f"{slides + 1} slides", 1),
        "a control that does not exist": guide.replace("`x to classify`", "`x to predict`", 1),
        "a missing subsection": guide.replace("### Misconceptions", "### Pitfalls", 1),
        "a missing chapter": guide.replace(f"## {title}", f"## {title} (draft)", 1),
        "no class section": guide.replace("## How to run a class", "## Running a class", 1),
    }
    for what, text in spoiled.items():
        assert text != guide, f"the spoiling for {what} changed nothing"
        assert problems(text, chapter_list), f"{what} went unnoticed"
