"""What makes a figure hard to read, found from its artists (the tests and notebook runs use it).

``problems(fig)`` lists, in words, every place that breaks one of these rules:

- no text smaller than ``MIN_PT`` points (at 100 dpi, 9 pt is 12.5 px high);
- the figure drawn at 100 dpi or more;
- every colorbar labelled (what its colours mean);
- every legend placed by ``loc="best"`` or outside the axes it explains, never fixed on the data;
- the course's notation as mathtext: ``$a^{[1]}_1$``, never raw ``a^[1]_1``;
- scatter dots drawn over coloured regions (an image or filled contours) have edge colours, so a
  dot stays visible on a region of its own colour.
"""
import re

MIN_PT = 9
MIN_DPI = 100
RAW_NOTATION = re.compile(r"\^\[|_\[|\|\|")  # a^[1], W_[l], ||dW|| outside $...$


def _outside_math(text):
    return "".join(part for i, part in enumerate(re.split(r"(?<!\\)\$", text)) if i % 2 == 0)


def _label(t):
    s = t.get_text().strip().replace("\n", " ")
    return s if len(s) <= 40 else s[:37] + "..."


def problems(fig):
    """Every legibility problem of ``fig`` as a list of sentences (empty when it is fine)."""
    from matplotlib.collections import PathCollection
    from matplotlib.contour import ContourSet
    from matplotlib.image import AxesImage
    from matplotlib.legend import Legend
    from matplotlib.text import Text

    found = []
    if fig.dpi < MIN_DPI:
        found.append(f"drawn at {fig.dpi:g} dpi; use {MIN_DPI} or more")
    fig.canvas.draw()
    for t in fig.findobj(Text):
        if not t.get_visible() or not t.get_text().strip() or t.figure is None:
            continue
        if t.get_fontsize() < MIN_PT - 1e-9:
            found.append(f"text {_label(t)!r} is {t.get_fontsize():.3g} pt; use {MIN_PT} pt or more")
        if RAW_NOTATION.search(_outside_math(t.get_text())):
            found.append(f"text {_label(t)!r} writes the notation raw; use mathtext, e.g. $a^{{[1]}}_1$")
    for ax in fig.axes:
        cb = getattr(ax, "_colorbar", None)
        if cb is not None and not (ax.get_ylabel() or ax.get_xlabel() or ax.get_title()):
            found.append("a colorbar has no label: say what its colours mean (cbar.set_label)")
    legends = [lg for lg in fig.findobj(Legend) if lg.get_visible()]
    for lg in legends:
        ax = lg.axes
        if ax is None or lg._loc == 0:  # a figure legend, or loc="best"
            continue
        box = lg.get_window_extent()
        if box.overlaps(ax.get_window_extent()):
            found.append(f"a legend of {ax.get_title() or 'an axes'!r} is fixed inside the axes "
                         f"(loc={lg._loc}); use loc=\"best\" or place it outside the axes")
    for ax in fig.axes:
        regions = [a for a in ax.get_children() if isinstance(a, (AxesImage, ContourSet)) and a.get_visible()]
        if not regions:
            continue
        for c in ax.collections:
            if isinstance(c, PathCollection) and c.get_visible() and len(c.get_offsets()):
                lw = c.get_linewidths()
                ec = c.get_edgecolors()
                if not len(ec) or not len(lw) or max(lw) <= 0 or (ec[:, 3].max() if len(ec) else 0) == 0:
                    found.append(f"dots on coloured regions in {ax.get_title() or 'an axes'!r} have no edge "
                                 f"colour; give them edgecolors so they show on a region of their own colour")
    return found
