"""Write a chapter notebook from a list of cells (for authors; the .ipynb is what is committed).

    from nbbuild import md, code, write
    write("notebooks/01-neurons-and-layers.ipynb", summary="...", cells=[md("# Title"), code("x = 1")])

Then run tools/nav.py (navigation cells) and tools/run_notebooks.py 01 (outputs).
"""
import textwrap

import nbformat


def md(text):
    return nbformat.v4.new_markdown_cell(textwrap.dedent(text).strip("\n"))


def code(text, check_output=False):
    src = textwrap.dedent(text).strip("\n")
    if check_output:
        src = "# NBVAL_CHECK_OUTPUT\n" + src
    return nbformat.v4.new_code_cell(src)


def write(path, cells, summary):
    nb = nbformat.v4.new_notebook()
    nb.cells = cells
    for i, c in enumerate(nb.cells):
        c.id = f"c{i:02d}"
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "nnlib": {"summary": summary},
    }
    nbformat.write(nb, path)
