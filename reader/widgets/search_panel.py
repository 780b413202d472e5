"""The library-wide search panel: a query field, an order choice, a status line and the results.

The panel knows nothing of the index: it is given ``search(query, order) -> list[DocumentHits]``
and shows what comes back. A search runs on the GUI thread (the core answers in tens of
milliseconds), ~200 ms after typing stops, or at once on Enter.

Snippets are text from documents and are painted as text: the delegate lays them out with
QTextLayout and format ranges, so ``<b>`` or ``<img src=…>`` in a document shows literally and
nothing in it can load a resource.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.core.dates import format_date
from reader.core.search_query import QueryError
from reader.models.display_text import shown
from reader.models.search_results_model import SearchResultsModel, SearchRole
from reader.services.search import DocumentHits

ModelIndex = QModelIndex | QPersistentModelIndex
SearchFunction = Callable[[str, str], list[DocumentHits]]

PLACEHOLDER = 'Search all documents — words, "phrases", prefix*, AND OR NOT'
EMPTY_QUERY_TEXT = "Type to search both languages"
NO_MATCH_TEXT = "No documents match"
DEBOUNCE_MS = 200
ORDERS = (("Relevance", "relevance"), ("Date", "date"))

# Characters that would break a line or draw as a box; each is replaced one for one, so the
# hit spans (offsets into the snippet) stay right.
_LINE_BREAKS = str.maketrans("\n\r\t\v\f\u2028\u2029\x85", "        ")


# ---------------------------------------------------------------------------------------------
# Painting a row


def _with_alpha(colour: QColor, alpha: float) -> QColor:
    faded = QColor(colour)
    faded.setAlphaF(colour.alphaF() * alpha)
    return faded


def _format(
    colour: QColor | None = None, bold: bool = False, background: QColor | None = None
) -> QTextCharFormat:
    text_format = QTextCharFormat()
    if colour is not None:
        text_format.setForeground(colour)
    if bold:
        text_format.setFontWeight(QFont.Weight.Bold)
    if background is not None:
        text_format.setBackground(background)
    return text_format


def _range(start: int, length: int, text_format: QTextCharFormat) -> QTextLayout.FormatRange:
    span = QTextLayout.FormatRange()
    span.start, span.length, span.format = start, length, text_format
    return span


class _Colours:
    """Text, quiet text and hit background for one row, selected or not.

    Quiet text and the hit tint are translucent, so they read on whatever the style paints
    behind the row: pyqtdarktheme draws selection from its style sheet and leaves the
    palette's Highlight transparent, so no opaque colour can be blended from the palette.
    """

    def __init__(self, option: QStyleOptionViewItem) -> None:
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        self.text = palette.color(text_role)
        self.quiet = _with_alpha(self.text, 0.6)
        accent = palette.color(QPalette.ColorRole.Highlight)
        if accent.alphaF() < 0.5:  # a style-sheet theme: its accent colour is the link colour
            accent = palette.color(QPalette.ColorRole.Link)
        self.hit_background = _with_alpha(self.text if selected else accent, 0.25)


class SearchResultDelegate(QStyledItemDelegate):
    """Document rows: title, then a quiet date and hit count. Hit rows: a quiet location
    ("RU ¶ 4") and up to :attr:`HIT_LINES` lines of snippet with the hits in bold on a tint."""

    PADDING = 5
    DOCUMENT_GAP = 4  # extra room above a document row, to set the groups apart
    HIT_LINES = 2

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        line = line_step(option.font)
        if index.data(SearchRole.KIND) != "hit":
            return QSize(200, round(line + 2 * self.PADDING + self.DOCUMENT_GAP))
        # A hit takes the lines its snippet needs at the view's width, up to HIT_LINES. At most
        # 50 documents of 3 hits are shown, so laying each out here costs little.
        text, ranges = hit_text(index, _Colours(option))
        width = self._text_width(option, index)
        layout = _layout(text, ranges, option.font, width, _hang(text, ranges, option.font))
        lines = layout.lineCount()
        return QSize(200, round(max(1, min(lines, self.HIT_LINES)) * line + 2 * self.PADDING))

    def _text_width(self, option: QStyleOptionViewItem, index: ModelIndex) -> float:
        """The width text gets in the row; a size hint is asked without the row's rectangle."""
        view = self.parent()
        if not isinstance(view, QTreeView):
            return max(1.0, float(option.rect.width() - 2 * self.PADDING))
        indent = view.indentation() if index.parent().isValid() else 0
        return max(1.0, float(view.viewport().width() - indent - 2 * self.PADDING))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # the panel only (selection, hover, focus): the text is laid out below
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget)
        text, ranges, lines = self._content(option, index)
        painter.save()
        try:
            painter.setClipRect(option.rect)
            self._draw(painter, option, text, ranges, lines)
        finally:
            painter.restore()

    def _content(
        self, option: QStyleOptionViewItem, index: ModelIndex
    ) -> tuple[str, list[QTextLayout.FormatRange], int]:
        """The row's text, its format ranges, and how many lines it may take."""
        colours = _Colours(option)
        if index.data(SearchRole.KIND) == "document":
            width = option.rect.width() - 2 * self.PADDING
            return (*document_text(index, colours, option.font, width), 1)
        return (*hit_text(index, colours), self.HIT_LINES)

    def _draw(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        text: str,
        ranges: list[QTextLayout.FormatRange],
        max_lines: int,
    ) -> None:
        rect = option.rect.adjusted(self.PADDING, self.PADDING, -self.PADDING, -self.PADDING)
        if max_lines == 1:
            rect.setTop(rect.top() + self.DOCUMENT_GAP)
        width = max(1.0, float(rect.width()))
        hang = _hang(text, ranges, option.font) if max_lines > 1 else 0.0
        layout = _layout(text, ranges, option.font, width, hang)
        if layout.lineCount() > max_lines:
            text = _elided(layout, text, option.font, width - hang, max_lines)
            ranges = _clip_ranges(ranges, len(text) - 1)
            layout = _layout(text, ranges, option.font, width, hang)
        painter.setPen(_Colours(option).text)
        step = line_step(option.font)
        for number in range(min(layout.lineCount(), max_lines)):
            line = layout.lineAt(number)
            # Lines go at a fixed step, the one sizeHint counted, not at each line's own height.
            line.draw(painter, QPointF(rect.left(), rect.top() + number * step - line.y()))


def document_text(
    index: ModelIndex, colours: _Colours, font: QFont, width: float
) -> tuple[str, list[QTextLayout.FormatRange]]:
    """ "Title — 21 July 1951 (3)" (the DisplayRole text) with the title strong, the rest quiet.

    A long title is elided so the date and the count, which tell documents apart, still show.
    """
    document: DocumentHits = index.data(SearchRole.DOCUMENT)
    title = shown(document.title or document.document_id)
    rest = f" — {format_date(document.date)} ({document.total_hits})"
    bold = QFont(font)
    bold.setBold(True)
    room = width - QFontMetricsF(font).horizontalAdvance(rest) - 2
    title = QFontMetricsF(bold).elidedText(title, Qt.TextElideMode.ElideRight, max(room, 40.0))
    return title + rest, [
        _range(0, len(title), _format(colours.text, bold=True)),
        _range(len(title), len(rest), _format(colours.quiet)),
    ]


def hit_text(index: ModelIndex, colours: _Colours) -> tuple[str, list[QTextLayout.FormatRange]]:
    """ "RU ¶ 4  snippet…" with the location quiet and each hit span bold on a tint."""
    location = f"{index.data(SearchRole.LOCATION)}  "
    snippet = str(index.data(Qt.ItemDataRole.DisplayRole)).translate(_LINE_BREAKS)
    ranges = [_range(0, len(location), _format(colours.quiet))]
    emphasis = _format(colours.text, bold=True, background=colours.hit_background)
    for start, end in index.data(SearchRole.SPANS) or ():
        start, end = max(0, start), min(len(snippet), end)
        if end > start:
            ranges.append(_range(len(location) + start, end - start, emphasis))
    return location + snippet, ranges


_LINE_STEPS: dict[str, float] = {}
_LINE_SAMPLE = "Ag Шщ Ёй ¶"  # Cyrillic may come from a fallback font with taller lines


def line_step(font: QFont) -> float:
    """Height of one line of mixed Latin and Cyrillic text (bold, as hits are) in ``font``."""
    key = font.toString()
    if key not in _LINE_STEPS:
        bold = _range(0, len(_LINE_SAMPLE), _format(bold=True))
        layout = _layout(_LINE_SAMPLE, [bold], font, 10_000.0)
        _LINE_STEPS[key] = max(QFontMetricsF(font).lineSpacing(), layout.lineAt(0).height())
    return _LINE_STEPS[key]


def _hang(text: str, ranges: list[QTextLayout.FormatRange], font: QFont) -> float:
    """Indent of a hit's later lines: past its location label, so the snippet reads as a column."""
    label = text[: ranges[0].length] if ranges else ""
    return QFontMetricsF(font).horizontalAdvance(label)


def _layout(
    text: str,
    ranges: list[QTextLayout.FormatRange],
    font: QFont,
    width: float,
    hang: float = 0.0,
) -> QTextLayout:
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.setFormats(ranges)
    layout.beginLayout()
    top = 0.0
    while (line := layout.createLine()).isValid():
        indent = hang if line.lineNumber() > 0 else 0.0
        line.setLineWidth(max(1.0, width - indent))
        line.setPosition(QPointF(indent, top))
        top += line.height()
    layout.endLayout()
    return layout


def _elided(layout: QTextLayout, text: str, font: QFont, width: float, max_lines: int) -> str:
    """``text`` cut so it fits ``max_lines``, ending in "…" on the last line."""
    last = layout.lineAt(max_lines - 1).textStart()
    # Bold hits are wider than the plain metrics measure; a little slack keeps "…" on the line.
    room = width - QFontMetricsF(font).horizontalAdvance("MM")
    tail = QFontMetricsF(font).elidedText(text[last:], Qt.TextElideMode.ElideRight, room)
    kept = tail[:-1] if tail.endswith("…") else tail
    return text[: last + len(kept)].rstrip() + "…"


def _clip_ranges(ranges: list[QTextLayout.FormatRange], end: int) -> list[QTextLayout.FormatRange]:
    clipped = []
    for span in ranges:
        length = min(span.start + span.length, end) - span.start
        if length > 0:
            clipped.append(_range(span.start, length, span.format))
    return clipped


# ---------------------------------------------------------------------------------------------
# The panel


class ResultsView(QTreeView):
    """The results tree; says what is going on (``placeholder_text``) when it has no rows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.placeholder_text = EMPTY_QUERY_TEXT

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()  # hit rows wrap to the width: heights change

    def set_placeholder_text(self, text: str) -> None:
        self.placeholder_text = text
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if not self.placeholder_text or (model is not None and model.rowCount() > 0):
            return
        painter = QPainter(self.viewport())
        colour = self.palette().color(QPalette.ColorRole.PlaceholderText)
        painter.setPen(colour)
        area = self.viewport().rect().adjusted(16, 24, -16, -16)
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        painter.drawText(area, int(flags), self.placeholder_text)  # plain text, never markup
        painter.end()


class SearchPanel(QWidget):
    """Search the whole library; emits ``hit_activated(document_id, hit_or_None)``."""

    hit_activated = Signal(str, object)

    def __init__(self, search: SearchFunction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._search = search
        self._last_run: tuple[str, str] | None = None
        self.model = SearchResultsModel(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._run_if_changed)
        self._build()
        self._connect()

    # ----- public API -----------------------------------------------------------------------

    def set_query(self, text: str) -> None:
        """Put ``text`` in the field and search for it at once."""
        self.field.setText(text)
        self.run()

    def query(self) -> str:
        return self.field.text()

    def order(self) -> str:
        return str(self.order_combo.currentData())

    def focus_search(self) -> None:
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def run(self) -> None:
        """Search now for the field's text (again, even if it has not changed: the index may)."""
        self._timer.stop()
        query, order = self.field.text().strip(), self.order()
        self._last_run = (query, order)
        if not query:
            self._show([], "", EMPTY_QUERY_TEXT)
            return
        try:
            results = self._search(query, order)
        except QueryError as error:
            self._show([], str(error), "")  # in place, next to the field: never a dialog
            return
        self._show(results, _count_text(results), NO_MATCH_TEXT)

    def status_text(self) -> str:
        """What the panel says about the search: a count, an error, or an empty state."""
        return self.status_label.text() or self.results_view.placeholder_text

    # ----- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.field = QLineEdit(self)
        self.field.setPlaceholderText(PLACEHOLDER)
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName("Search all documents")
        self.order_combo = QComboBox(self)
        for label, order in ORDERS:
            self.order_combo.addItem(label, order)
        self.order_combo.setToolTip("Order of the results")
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)  # error messages quote the query
        self.status_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.status_label.setWordWrap(True)
        self.results_view = self._build_view()
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.field, 1)
        top.addWidget(self.order_combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.status_label)
        layout.addWidget(self.results_view, 1)

    def _build_view(self) -> ResultsView:
        view = ResultsView(self)
        view.setModel(self.model)
        view.setItemDelegate(SearchResultDelegate(view))
        view.setHeaderHidden(True)
        view.setRootIsDecorated(False)  # every document is expanded; no arrows to click
        view.setItemsExpandable(False)
        view.setExpandsOnDoubleClick(False)
        view.setIndentation(14)
        view.setUniformRowHeights(False)  # document and hit rows differ in height
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setAccessibleName("Search results")
        return view

    def _connect(self) -> None:
        self.field.textChanged.connect(self._text_changed)
        self.field.returnPressed.connect(self.run)
        self.order_combo.currentIndexChanged.connect(lambda _row: self.run())
        # "clicked", not "activated": a double-click's first click emits, and the double-click
        # must not emit again (nor a style that activates on single click emit twice).
        self.results_view.clicked.connect(self._activate)
        self.field.installEventFilter(self)
        self.results_view.installEventFilter(self)

    # ----- behaviour ------------------------------------------------------------------------

    def _text_changed(self, text: str) -> None:
        if text.strip():
            self._timer.start()  # restarts: the search runs once typing pauses
        else:
            self.run()  # clearing is instant and costs no search

    def _run_if_changed(self) -> None:
        if self._last_run != (self.field.text().strip(), self.order()):
            self.run()

    def _show(self, results: list[DocumentHits], status: str, empty_text: str) -> None:
        self.model.set_results(results)
        self.results_view.expandAll()
        self.status_label.setText(status)
        self.results_view.set_placeholder_text(empty_text)

    def _activate(self, index: QModelIndex) -> None:
        document_id = index.data(SearchRole.DOCUMENT_ID)
        if document_id is not None:
            self.hit_activated.emit(document_id, index.data(SearchRole.HIT))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and watched is self.field:
            return self._field_shortcut_override(event)
        if event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        if watched is self.field:
            return self._field_key(_key(event))
        if watched is self.results_view and isinstance(event, QKeyEvent):
            return self._view_key(event)
        return super().eventFilter(watched, event)

    def _field_shortcut_override(self, event: QEvent) -> bool:
        """Esc clears a non-empty field even if the window has an Esc shortcut of its own."""
        if _key(event) == Qt.Key.Key_Escape and self.field.text():
            event.accept()  # accepted: the key press comes to the field, not the shortcut
            return True
        return False

    def _field_key(self, key: int) -> bool:
        if key == Qt.Key.Key_Down:
            self._run_if_changed()  # the results must be for what is in the field
            if self.model.rowCount() == 0:
                return True
            view = self.results_view
            view.setFocus(Qt.FocusReason.OtherFocusReason)
            view.setCurrentIndex(self.model.index(0, 0))
            return True
        if key == Qt.Key.Key_Escape and self.field.text():
            self.field.clear()
            return True
        return False  # an empty field lets Esc through (to close a dock, say)

    def _view_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        current = self.results_view.currentIndex()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and current.isValid():
            self._activate(current)
            return True
        if key == Qt.Key.Key_Up and current == self.model.index(0, 0):
            self.focus_search()  # up from the first result goes back to the query
            return True
        return False


def _key(event: QEvent) -> int:
    return event.key() if isinstance(event, QKeyEvent) else 0


def _count_text(results: list[DocumentHits]) -> str:
    if not results:
        return ""
    documents = len(results)
    hits = sum(result.total_hits for result in results)
    return f"{_plural(documents, 'document')} · {_plural(hits, 'hit')}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count:,} {noun}s"
