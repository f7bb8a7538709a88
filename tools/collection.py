"""Facts about the collection that several tools share: where the notebooks are, the repo slug."""
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
INDEX = NOTEBOOKS / "00-index.ipynb"
README = ROOT / "README.md"
GITHUB_REPO = "nn-course/neural-networks-week1-2"  # owner/name on GitHub, used for Binder links
BRANCH = "main"


def chapters():
    """Chapter notebooks in reading order: notebooks/NN-title.ipynb with NN from 01."""
    return sorted(p for p in NOTEBOOKS.glob("[0-9][0-9]-*.ipynb") if p.name != INDEX.name)


def title_of(path):
    """The text of the first '# ' heading in a notebook."""
    nb = json.loads(Path(path).read_text())
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                m = re.match(r"#\s+(.*)", line)
                if m:
                    return m.group(1).strip()
    return Path(path).stem


def summary_of(path):
    """The chapter's one-line summary (notebook metadata nnlib.summary)."""
    nb = json.loads(Path(path).read_text())
    return nb.get("metadata", {}).get("nnlib", {}).get("summary", "")


def binder_url(path, voila=False):
    rel = f"notebooks/{Path(path).name}"
    base = f"https://mybinder.org/v2/gh/{GITHUB_REPO}/{BRANCH}"
    return f"{base}?urlpath=voila/render/{rel}" if voila else f"{base}?urlpath=lab/tree/{rel}"
