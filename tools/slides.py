"""Write the slide metadata of every chapter from its structure.

    python tools/slides.py            # every chapter
    python tools/slides.py 01 05      # only chapters whose name starts so
    python tools/slides.py --check    # exit 1 if a chapter's slides are out of step

A teacher presents a chapter with jupyterlab-slideshow (the slides icon in the notebook's toolbar,
or the command "deck:start"): the open notebook becomes slides, with its kernel and live widgets.
Each cell's ``metadata.slideshow.slide_type`` (the format RISE and nbconvert use too) says where
it goes. This script sets them all:

- the navigation cells, the set-up, the static copy of a widget (the live widget is shown
  instead), the hint cells and the quiz's written answers are skipped ("skip");
- a "## " heading starts a new slide, a "### " heading a sub-slide;
- a live widget gets a sub-slide of its own, so its controls and picture fit a 1280×720 screen;
- any other cell continues the slide (no metadata, as nbconvert and RISE read it too);
- a cell that would not fit below what is already on the slide starts a sub-slide; its height
  is estimated from its lines and its stored pictures (``tests/browser/test_browser_slides.py``
  checks in Chromium that nothing overflows a 1280×720 slide).

Rerun it after editing a chapter (``make notebooks`` does).
"""
import base64
import json
import re
import struct
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from collection import chapters  # noqa: E402

SLIDE_HEIGHT = 600      # px of content a 1280×720 slide holds (its margins and controls take the rest)
CHARS_PER_LINE = 140    # a markdown line wraps about here at 1280 px
MD_LINE, CODE_LINE, GAP = 24, 18, 24


def source(cell):
    return "".join(cell["source"])


def png_height(b64):
    raw = base64.b64decode(b64[:64] if isinstance(b64, str) else "".join(b64)[:64])
    return struct.unpack(">I", raw[20:24])[0] if raw[:8] == b"\x89PNG\r\n\x1a\n" else 300


def estimate(cell):
    """The cell's height on a slide, in px (a rough guess from lines and stored pictures)."""
    text = source(cell)
    if cell["cell_type"] == "markdown":
        h = 0
        for line in text.splitlines():
            if line.startswith("# "):
                h += 70
            elif line.startswith("## "):
                h += 50
            elif line.startswith("### "):
                h += 40
            elif line.startswith("$$"):
                h += 50
            elif not line.strip():
                h += 8
            else:
                h += MD_LINE * (1 + len(line) // CHARS_PER_LINE)
        return h + GAP
    h = CODE_LINE * (text.count("\n") + 1) + GAP
    for out in cell.get("outputs", []):
        data = out.get("data", {})
        if "image/png" in data:
            h += png_height(data["image/png"]) + 10
        elif "application/vnd.jupyter.widget-view+json" in data:
            h += 480
        elif out.get("output_type") == "stream":
            h += CODE_LINE * "".join(out.get("text", "")).count("\n") + 8
        elif "text/html" in data:
            h += CODE_LINE * min(30, "".join(data["text/html"]).count("<tr")) + 40
        elif "text/plain" in data:
            h += CODE_LINE * ("".join(data["text/plain"]).count("\n") + 1)
    return h


def is_widget(cell):
    return cell["cell_type"] == "code" and re.search(r"^(?!plt\.|fig\.)[\w.]+\.show\(\)\s*;?\s*$|^\w*playground_app\(", source(cell).strip(), re.M)


def static_of(cell):
    """The widget whose static copy is all this cell shows (``w.static(...)`` lines only), or None."""
    if cell["cell_type"] != "code":
        return None
    lines = [ln.strip() for ln in source(cell).splitlines() if ln.strip() and not ln.strip().startswith("#")]
    names = {m.group(1) for ln in lines for m in [re.fullmatch(r"(\w+)\.static\(.*\);?|show_picture\((\w+)\);?", ln)] if m}
    return names.pop() if lines and len(names) == 1 and all(re.fullmatch(r"\w+\.static\(.*\);?|show_picture\(\w+\);?", ln) for ln in lines) else None


def slide_types(cells):
    types, height, setup = [], 0, False
    for i, c in enumerate(cells):
        meta = c.get("metadata", {})
        nn = meta.get("nnlib", {})
        text = source(c).lstrip()
        if "nav" in meta.get("tags", []) or nn.get("hints") or (nn.get("quiz") and c["cell_type"] == "markdown"):
            types.append("skip")
            continue
        if c["cell_type"] == "markdown" and text.startswith("## Setup"):
            setup = True
            types.append("skip")
            continue
        if setup and c["cell_type"] == "code":  # the set-up cell (imports, seeds, versions)
            setup = False
            types.append("skip")
            continue
        setup = False
        shown = static_of(c)  # the live widget is shown on its own slide instead of its static copy
        if shown and any(is_widget(n) and shown in source(n) for n in cells[i + 1:]):
            types.append("skip")
            continue
        h = estimate(c)
        md = c["cell_type"] == "markdown"
        if not types or md and text.startswith("# "):
            kind, height = "slide", h
        elif md and text.startswith("## "):
            kind, height = "slide", h
        elif md and text.startswith("### ") or is_widget(c) or nn.get("quiz"):
            kind, height = "subslide", h
        elif height + h > SLIDE_HEIGHT:
            kind, height = "subslide", h
        else:
            kind, height = "-", height + h
        types.append(kind)
    return types


def set_slides(path):
    text = path.read_text(encoding="utf-8")
    nb = json.loads(text)
    for c, kind in zip(nb["cells"], slide_types(nb["cells"])):
        meta = c.setdefault("metadata", {})
        if kind == "-":  # continues the slide: no metadata (jupyterlab-slideshow hides a cell marked "-")
            meta.pop("slideshow", None)
        else:
            meta["slideshow"] = {"slide_type": kind}
    new = json.dumps(nb, indent=1, ensure_ascii=False) + "\n"
    return new, new != text


def main(argv):
    check = "--check" in argv
    prefixes = tuple(a for a in argv if not a.startswith("--"))
    stale = []
    for p in chapters():
        if prefixes and not p.name.startswith(prefixes):
            continue
        new, changed = set_slides(p)
        if changed:
            stale.append(p.name)
            if not check:
                p.write_text(new, encoding="utf-8")
    if check and stale:
        sys.exit("slide metadata out of step in: " + ", ".join(stale) + "\nrun: python tools/slides.py")
    print(("out of step: " if check else "slides written: ") + (", ".join(stale) or "none"))


if __name__ == "__main__":
    main(sys.argv[1:])
