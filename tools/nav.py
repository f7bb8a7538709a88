"""Rewrite the navigation cells (top and bottom of every chapter) and the index's chapter list.

Run after adding or renaming a chapter:  python tools/nav.py
A navigation cell is a markdown cell tagged "nav"; the chapter tables of the index and of
README.md sit between the markers <!-- chapters --> and <!-- /chapters -->. Everything else
is left untouched.
"""
import json
import sys

from collection import BRANCH, GITHUB_REPO, INDEX, NOTEBOOKS, README, binder_url, chapters, summary_of, title_of

BINDER_BADGE = "https://mybinder.org/badge_logo.svg"
# The playground's app alone (no TensorFlow: Voila shows it without running the chapter): not a chapter,
# and in a folder of its own so the chapter globs ("[0-9][0-9]-*.ipynb") never see it.
APPS = {"playground": NOTEBOOKS / "apps" / "playground.ipynb"}


def voila_url(app):
    """Binder's Voila link to a notebook under notebooks/ (sub-folders kept, unlike binder_url)."""
    rel = app.relative_to(NOTEBOOKS.parent).as_posix()
    return f"https://mybinder.org/v2/gh/{GITHUB_REPO}/{BRANCH}?urlpath=voila/render/{rel}"


def app_of(chapter):
    """The app notebook that belongs to a chapter (13-playground -> apps/playground), or None."""
    app = APPS.get(chapter.stem[3:])
    return app if app is not None and app.exists() else None


def nav_text(prev, nxt):
    parts = [f"[← {title_of(prev)}]({prev.name})" if prev else "← start",
             f"[Index]({INDEX.name})",
             f"[{title_of(nxt)} →]({nxt.name})" if nxt else "end →"]
    return " · ".join(parts)


def nav_cell(text):
    # skipped on slides (tools/slides.py); the source as lines, as nbformat stores it
    return {"cell_type": "markdown", "id": "", "metadata": {"slideshow": {"slide_type": "skip"}, "tags": ["nav"]},
            "source": text.splitlines(keepends=True)}


def set_nav(path, text):
    nb = json.loads(path.read_text())
    cells = [c for c in nb["cells"] if "nav" not in c.get("metadata", {}).get("tags", [])]
    top, bottom = nav_cell(text), nav_cell(text)
    top["id"], bottom["id"] = "nav-top", "nav-bottom"
    nb["cells"] = [top] + cells + [bottom]
    return write_if_changed(path, nb)


def write_if_changed(path, nb):
    new = json.dumps(nb, indent=1, ensure_ascii=False) + "\n"
    if path.read_text() != new:
        path.write_text(new)
        return True
    return False


def chapter_list(prefix=""):
    """The chapter table; prefix is the path from the reader's file to notebooks/."""
    rows = ["| # | chapter | what it teaches | run it |", "|---|---|---|---|"]
    for p in chapters():
        app = app_of(p)
        voila = f" · [app (Voila)]({voila_url(app)})" if app else ""
        rows.append(f"| {p.name[:2]} | [{title_of(p)}]({prefix}{p.name}) | {summary_of(p)} | "
                    f"[![Binder]({BINDER_BADGE})]({binder_url(p)}){voila} |")
    return "\n".join(rows)


def replace_list(text, prefix):
    head, rest = text.split("<!-- chapters -->", 1)
    _, tail = rest.split("<!-- /chapters -->", 1)
    return f"{head}<!-- chapters -->\n{chapter_list(prefix)}\n<!-- /chapters -->{tail}"


def set_index_list():
    if not INDEX.exists():
        return False
    nb = json.loads(INDEX.read_text())
    for cell in nb["cells"]:
        src = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and "<!-- chapters -->" in src:
            cell["source"] = replace_list(src, "").splitlines(keepends=True)
    return write_if_changed(INDEX, nb)


def replace_block(text, name, content):
    """Put ``content`` between <!-- name --> and <!-- /name --> (where both markers are)."""
    start, end = f"<!-- {name} -->", f"<!-- /{name} -->"
    if start not in text or end not in text:
        return text
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}{content}{end}{tail}"


def readme_links(text):
    """The README's Binder badge (the index) and the playground's Voila link, from the same
    binder_url as the chapter table, so none of them is copied by hand."""
    text = replace_block(text, "binder-badge", f"[![Binder]({BINDER_BADGE})]({binder_url(INDEX)})")
    apps = [(p, app_of(p)) for p in chapters() if app_of(p)]
    if apps:
        chapter, app = apps[0]
        text = replace_block(text, "voila-link", f"[the chapter {int(chapter.name[:2])} app in Voila]({voila_url(app)})")
    return text


def set_readme_list():
    if not README.exists() or "<!-- chapters -->" not in README.read_text():
        return False
    old = README.read_text()
    new = readme_links(replace_list(old, "notebooks/"))
    if new != old:
        README.write_text(new)
    return new != old


def main():
    chs = chapters()
    changed = []
    for i, p in enumerate(chs):
        prev = chs[i - 1] if i > 0 else INDEX
        nxt = chs[i + 1] if i + 1 < len(chs) else None
        if set_nav(p, nav_text(prev, nxt)):
            changed.append(p.name)
    if set_index_list():
        changed.append(INDEX.name)
    if set_readme_list():
        changed.append(README.name)
    print(f"navigation: {len(chs)} chapters; rewrote {', '.join(changed) if changed else 'nothing'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
