"""The reading panes come first when the window runs short of width.

A side panel (search, notes) takes only the width the text can spare: when opening it, or
narrowing the window, would leave the panes fewer than a readable number of characters a line,
the timeline column folds away first, then the panel gives up width down to its own minimum.
When room comes back (the panel closes, the window widens), the panel grows back to the width
the reader gave it and the timeline unfolds. A timeline the reader hid (F9) stays hidden; one
the reader showed again while a panel is open is not folded again until the panels change.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow, QSplitter, QWidget

from reader.widgets.reading_view import ReadingView

# Width regained before the timeline unfolds beyond what it needs: no fold-unfold flicker
# when a resize lands right at the edge.
_UNFOLD_SLACK = 16
# A panel is never narrowed below this many average characters of its own font: narrower, a
# search result shows two words of its snippet.
_PANEL_FLOOR_CHARS = 30


class ReadingRoom(QObject):
    """Arranges the timeline column (the splitter's first widget) and the window's side panels
    (its docks, made before this) around the reading panes' width."""

    sidebar_shown = Signal(bool)  # the timeline column folded (False) or unfolded (True)
    notice = Signal(str)  # a status line for the reader

    def __init__(
        self,
        window: QMainWindow,
        splitter: QSplitter,
        reading: ReadingView,
    ) -> None:
        super().__init__(window)
        self._window, self._splitter, self._reading = window, splitter, reading
        sidebar = splitter.widget(0)
        assert sidebar is not None, "the timeline column comes first in the splitter"
        self._sidebar = sidebar
        self._panels = window.findChildren(QDockWidget)  # the window's side panels
        self._folded = False  # by this room, not by the reader
        self._kept_open = False  # the reader showed the timeline again while a panel is open
        self._sidebar_width = 0
        self._panel_widths: dict[QDockWidget, int] = {}  # the widths the reader gave them
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self.arrange)
        # The window's size and the text's own width (a panel shown is laid out only later).
        window.installEventFilter(self)
        reading.installEventFilter(self)
        reading.reading_font_changed.connect(self.arrange_soon)  # larger letters, wider lines
        for panel in self._panels:
            panel.visibilityChanged.connect(self._panels_changed)
        # A column the reader drags to a width is the width to give back, not an older one.
        splitter.splitterMoved.connect(lambda *_: setattr(self, "_sidebar_width", 0))

    @property
    def sidebar(self) -> QWidget:
        return self._sidebar

    def bind(self, toggle: QAction) -> None:
        """``toggle`` (View > Show Timeline) shows and hides the column, and follows it."""
        toggle.triggered.connect(self.toggle_sidebar)
        self.sidebar_shown.connect(toggle.setChecked)

    def sidebar_wanted(self) -> bool:
        """Whether the reader wants the timeline column (folded by this room counts as wanted)."""
        return self._folded or not self._sidebar.isHidden()

    def restore_sidebar(self, wanted: bool) -> None:
        """The last run's choice: the column shown or hidden, then arranged like any other."""
        self._folded = self._kept_open = False
        self._show_sidebar(wanted)
        self.sidebar_shown.emit(wanted)  # the menu's check mark, whether it changed or not
        self.arrange_soon()

    def toggle_sidebar(self) -> None:
        """F9: the reader's choice wins, and the column is not folded again while the same
        panel stays open."""
        wanted = self._sidebar.isHidden()
        if wanted and self._folded:
            self.notice.emit("")  # "folded away … F9 shows it" is said and done
        self._folded = False
        self._kept_open = wanted and self._open_panel() is not None
        self._show_sidebar(wanted)

    def widths_to_keep(self) -> None:
        """Put back the widths the reader gave (the column's, the panels'), so the layout saved
        for the next start holds them rather than what a narrow window squeezed them to."""
        if self._folded:
            self._folded = False
            self._show_sidebar(True)
        if self._sidebar_width and not self._sidebar.isHidden():
            self._set_sidebar_width(self._sidebar_width)
        for panel, width in self._panel_widths.items():
            self._resize(panel, width)

    def arrange_soon(self) -> None:
        """Arrange once the current events are done (the layout has settled by then)."""
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched in (self._window, self._reading) and event.type() == QEvent.Type.Resize:
            self.arrange_soon()
        return False

    def _panels_changed(self) -> None:
        self._kept_open = False
        self.arrange_soon()

    def _open_panel(self) -> QDockWidget | None:
        shown = [p for p in self._panels if p.isVisible() and not p.isFloating()]
        return shown[0] if shown else None

    def arrange(self) -> None:
        panel = self._open_panel()
        if panel is None and self._folded:
            self._folded = False
            self._show_sidebar(True)
            self.arrange_soon()  # the column may have to narrow again
            return
        spare = self._reading.width() - self._reading.readable_width()
        if spare < 0:
            self._make_room(panel, -spare)
        elif spare > 0:
            self._give_back(panel, spare)

    def _make_room(self, panel: QDockWidget | None, deficit: int) -> None:
        """Narrow the timeline column to its minimum; with a panel open, fold the column away,
        then narrow the panel to its own minimum."""
        if not self._sidebar.isHidden():
            deficit -= self._narrow_sidebar(deficit)
            if deficit > 0 and panel is not None and not self._kept_open:
                self._folded = True
                deficit -= self._sidebar.width() + self._splitter.handleWidth()
                self._show_sidebar(False)
                self.notice.emit(
                    self.tr("The timeline is folded away to leave the text room: F9 shows it")
                )
        if deficit > 0 and panel is not None:
            width = panel.width()
            self._panel_widths.setdefault(panel, width)
            floor = panel.fontMetrics().averageCharWidth() * _PANEL_FLOOR_CHARS
            narrower = max(panel.minimumSizeHint().width(), floor, width - deficit)
            if narrower < width:
                self._resize(panel, narrower)

    def _give_back(self, panel: QDockWidget | None, spare: int) -> None:
        """Width back in the order it was taken: the panel, the timeline column, its width."""
        wanted = self._panel_widths.get(panel) if panel is not None else None
        if panel is not None and wanted is not None:
            width = panel.width()
            grow = min(spare, wanted - width)
            if grow > 0:
                self._resize(panel, width + grow)
                spare -= grow
            if width + grow >= wanted:
                del self._panel_widths[panel]
        handle = self._splitter.handleWidth()
        if (
            self._folded
            and spare >= self._sidebar.minimumSizeHint().width() + handle + _UNFOLD_SLACK
        ):
            self._folded = False
            self._show_sidebar(True)
            self._set_sidebar_width(spare - handle - _UNFOLD_SLACK)
        elif not self._sidebar.isHidden() and self._sidebar_width > self._sidebar.width():
            self._set_sidebar_width(self._sidebar.width() + spare)

    def _narrow_sidebar(self, deficit: int) -> int:
        """Narrow the timeline column by up to ``deficit``; returns the width it gave."""
        width = self._sidebar.width()
        narrower = max(self._sidebar.minimumSizeHint().width(), width - deficit)
        if narrower >= width:
            return 0
        self._sidebar_width = max(self._sidebar_width, width)
        self._set_sidebar_width(narrower)
        return width - narrower

    def _set_sidebar_width(self, width: int) -> None:
        """The column at ``width``, never wider than the reader last made it."""
        if self._sidebar_width:
            width = min(width, self._sidebar_width)
        total = sum(self._splitter.sizes())
        self._splitter.setSizes([width, total - width])

    def _resize(self, panel: QDockWidget, width: int) -> None:
        self._window.resizeDocks([panel], [width], Qt.Orientation.Horizontal)

    def _show_sidebar(self, shown: bool) -> None:
        if shown == (not self._sidebar.isHidden()):
            return
        if not shown:
            self._sidebar_width = max(self._sidebar_width, self._sidebar.width())
        self._sidebar.setVisible(shown)
        self.sidebar_shown.emit(shown)
