"""The app's pointer on its picture (ipyevents) and your own points.

A click on a unit's tile in the graph (or the pointer resting on it) shows that unit's formula
with the current numbers in the line under the picture (texts.formula_html), kept up to date
frame after frame; a click on the plane adds a point of the chosen class there. The picture
is never redrawn for the formula: it is words in an HTML widget.
"""
from .settings import PlaygroundError
from .texts import formula_html

HOVER_WAIT_MS = 100          # at most one pointer-move message per 100 ms goes to the kernel


class PointerAndPoints:
    """Mixed into PlaygroundApp: needs self.image, self.picture, self.ui, self.pg, self._lock, self._show."""

    tile = None              # (column, row) of the graph's chosen tile, or None

    def _listen_for_clicks(self):
        """Clicks and pointer moves on the picture (ipyevents); without it the CSV box still works."""
        try:
            from ipyevents import Event
        except ImportError:
            return None
        clicks = Event(source=self.image, watched_events=["click"], prevent_default_action=True)
        clicks.on_dom_event(self.click)
        moves = Event(source=self.image, watched_events=["mousemove"], wait=HOVER_WAIT_MS,
                      throttle_or_debounce="throttle")
        moves.on_dom_event(self.hover)
        self.moves = moves
        return clicks

    def click(self, event):
        """A click on the picture: a unit's tile shows its formula; the plane gets a point of the chosen class."""
        if event.get("type") != "click" or self.pg is None:
            return
        px, py = event.get("dataX", -1), event.get("dataY", -1)
        view = self.picture.view
        if view.graph.ax.bbox.contains(px, view.fig.bbox.height - py):   # on the graph: a tile, or a hint
            self.choose_tile(view.graph.unit_at(px, py))
            return
        where = view.plane_point(px, py)
        if where is None:
            return
        label = self.ui.click_label()
        with self._lock:
            try:
                self.pg.add_point(*where, label)
            except PlaygroundError as err:
                self.status.value = f"<b>Point not added</b>: {err}"
                return
            self.my_points.append((*where, label))
            self._show(None)

    def hover(self, event):
        """The pointer on a unit's tile: its formula (off the tiles the last one stays)."""
        if self.pg is not None and event.get("type") == "mousemove":
            tile = self.picture.view.graph.unit_at(event.get("dataX", -1), event.get("dataY", -1))
            if tile is not None and tile != self.tile:
                self.choose_tile(tile)

    def choose_tile(self, tile):
        """Show the formula of tile (column, row) of the graph; None: the hint."""
        with self._lock:
            self.tile = tile
            self.show_formula()

    def show_formula(self):
        self.ui.formula.value = formula_html(self.pg, self.tile)

    def clear_points(self):
        with self._lock:
            self.my_points = []
            if self.pg is not None:
                self.pg.clear_points()
                self._show(None)

    def load_csv(self, text):
        """Your own points from CSV text x1,x2,label: they become the data set "my points"."""
        from ...playground_data import read_points_csv

        try:
            X, y = read_points_csv(text)
        except ValueError as err:
            self.status.value = f"<b>CSV not loaded</b>: {err}"
            return False
        self.points = (X, y)
        self.ui.use_my_points(regression=y.dtype.kind == "f", k=None if y.dtype.kind == "f" else int(y.max()) + 1)
        return True

    def _uploaded(self, change):
        files = change["new"]
        if files:
            item = files[-1] if isinstance(files, (list, tuple)) else list(files.values())[-1]
            self.load_csv(bytes(item["content"]))
