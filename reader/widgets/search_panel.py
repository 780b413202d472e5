"""The library-wide search panel: a query field, an order choice, a status line and the results.

The panel knows nothing of the index: it is given ``search(query, order) -> list[DocumentHits]``
(and, optionally, ``more_hits(query, document_id) -> list[Hit]`` for a document's hits the search
left out) and shows what comes back. A search runs on the GUI thread (the core answers in tens of
milliseconds), ~200 ms after typing stops, or at once on Enter.

Snippets are text from documents and are painted as text: the delegate lays them out with
QTextLayout and format ranges, so ``<b>`` or ``<img src=…>`` in a document shows literally and
nothing in it can load a resource.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.core.search_query import QueryError
from reader.models.search_results_model import SearchResultsModel, SearchRole
from reader.services.messages import counted, in_interface_language
from reader.services.search import DocumentHits, Hit
from reader.widgets.search_result_delegate import SearchResultDelegate

ModelIndex = QModelIndex | QPersistentModelIndex
SearchFunction = Callable[[str, str], list[DocumentHits]]
MoreHitsFunction = Callable[[str, str], list[Hit]]  # (query, document id) -> every hit

PLACEHOLDER = QT_TRANSLATE_NOOP(
    "SearchPanel", 'Search all documents — words, "phrases", prefix*, AND OR NOT'
)
EMPTY_QUERY_TEXT = QT_TRANSLATE_NOOP("SearchPanel", "Type to search both languages")
NO_MATCH_TEXT = QT_TRANSLATE_NOOP("SearchPanel", "No documents match")
DEBOUNCE_MS = 200
ORDERS = (
    (QT_TRANSLATE_NOOP("SearchPanel", "Relevance"), "relevance"),
    (QT_TRANSLATE_NOOP("SearchPanel", "Date"), "date"),
)


class ResultsView(QTreeView):
    """The results tree; says what is going on (``placeholder_text``) when it has no rows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.placeholder_text = _tr(EMPTY_QUERY_TEXT)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()  # hit rows wrap to the width: heights change

    def drawn_lines(self, index: QModelIndex) -> list[str]:
        """The text of each line ``index``'s row draws now (what a reader sees of it)."""
        delegate = self.itemDelegate()
        if not isinstance(delegate, SearchResultDelegate) or not index.isValid():
            return []
        self.executeDelayedItemsLayout()
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        option.rect = self.visualRect(index)
        return delegate.drawn_lines(option, index)

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
    """Search the whole library; emits ``hit_activated(document_id, hit_or_None)``.

    A document row opens and closes its group (click, double-click, Enter, or Left and Right).
    A document's "… N more hits" row fetches the rest through ``more_hits(query, document_id)``
    and puts them in place; without ``more_hits`` it opens the document. Ctrl+Enter opens the
    document of any row.
    """

    hit_activated = Signal(str, object)

    def __init__(
        self,
        search: SearchFunction,
        parent: QWidget | None = None,
        *,
        more_hits: MoreHitsFunction | None = None,
    ) -> None:
        super().__init__(parent)
        self._search = search
        self._more_hits = more_hits
        self._last_run: tuple[str, str] | None = None
        self._shown: tuple[str, str] | None = None  # the query and order the results are for
        self._all_hits: set[str] = set()  # documents whose "more" row was opened
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
        """Search now for the field's text (again, even if it has not changed: the index may).

        Run again for the query shown, it keeps what the reader did with the results: the
        current row, closed groups, fetched hits and the scroll position.
        """
        self._timer.stop()
        query, order = self.field.text().strip(), self.order()
        self._last_run = (query, order)
        state = self._view_state() if self._shown == (query, order) else None
        if not query:
            self._show([], "", _tr(EMPTY_QUERY_TEXT), None)
            return
        try:
            results = self._search(query, order)
        except QueryError as error:
            self._show(
                [], in_interface_language(error.message), "", None
            )  # in place, next to the field: never a dialog
            return
        if state is not None:
            results = [self._with_all_hits(query, result, state) for result in results]
        self._show(results, _count_text(results), _tr(NO_MATCH_TEXT), (query, order))
        if state is not None:
            self._restore(state)

    def refresh(self) -> None:
        """Search again for what is shown (after an import or an index update), keeping the
        current row, closed groups and fetched hits where they still exist."""
        self.run()

    def status_text(self) -> str:
        """What the panel says about the search: a count, an error, or an empty state."""
        return self.status_label.text() or self.results_view.placeholder_text

    def show_more(self, document_id: str) -> bool:
        """Fetch and show every hit of ``document_id``; whether its "more" row was replaced."""
        if self._more_hits is None or self._shown is None:
            return False
        if not self.model.has_more(document_id):
            return False
        try:
            hits = self._more_hits(self._shown[0], document_id)
        except QueryError as error:
            self.status_label.setText(in_interface_language(error.message))
            return False
        first = self.model.add_hits(document_id, hits)
        self._all_hits.add(document_id)
        self.status_label.setText(_count_text(self.model.results()))
        view = self.results_view
        target = first if first.isValid() else self.model.index_of_document(document_id)
        view.setCurrentIndex(target)
        view.scrollTo(target)
        return True

    # ----- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.field = QLineEdit(self)
        self.field.setPlaceholderText(_tr(PLACEHOLDER))
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName(self.tr("Search all documents"))
        self.order_combo = QComboBox(self)
        for label, order in ORDERS:
            self.order_combo.addItem(_tr(label), order)
        self.order_combo.setToolTip(self.tr("Order of the results"))
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
        view.setRootIsDecorated(False)  # the delegate draws the arrow, in less room
        view.setItemsExpandable(True)  # Left and Right close and open a group
        view.setExpandsOnDoubleClick(
            False
        )  # a click toggles already: a double-click must not undo it
        view.setIndentation(14)
        view.setUniformRowHeights(False)  # document and hit rows differ in height
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setAccessibleName(self.tr("Search results"))
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

    def _show(
        self,
        results: list[DocumentHits],
        status: str,
        empty_text: str,
        shown_for: tuple[str, str] | None,
    ) -> None:
        if shown_for != self._shown:
            self._all_hits = set()
        self._shown = shown_for
        self.model.set_results(results)
        self.results_view.expandAll()
        self.status_label.setText(status)
        self.results_view.set_placeholder_text(empty_text)

    def _activate(self, index: QModelIndex) -> None:
        document_id = index.data(SearchRole.DOCUMENT_ID)
        if document_id is None:
            return
        kind = index.data(SearchRole.KIND)
        if kind == "document":
            view = self.results_view
            view.setExpanded(index, not view.isExpanded(index))
        elif kind == "more":
            if not self.show_more(document_id) and self._more_hits is None:
                self.hit_activated.emit(document_id, None)  # the document shows every hit
        else:
            self.hit_activated.emit(document_id, index.data(SearchRole.HIT))

    # ----- keeping the view's state over a new search -----------------------------------------

    def _view_state(self) -> _ViewState:
        view = self.results_view
        collapsed = set()
        for row in range(self.model.rowCount()):
            index = self.model.index(row, 0)
            if not view.isExpanded(index):
                collapsed.add(str(index.data(SearchRole.DOCUMENT_ID)))
        return _ViewState(
            _row_key(view.currentIndex()),
            collapsed,
            set(self._all_hits),
            view.verticalScrollBar().value(),
        )

    def _with_all_hits(self, query: str, result: DocumentHits, state: _ViewState) -> DocumentHits:
        """``result`` with every hit, if the reader had asked for them all before."""
        if self._more_hits is None or result.document_id not in state.all_hits:
            return result
        if result.total_hits <= len(result.hits):
            return result
        try:
            hits = self._more_hits(query, result.document_id)
        except QueryError:
            return result
        if not hits:
            return result
        return dataclasses.replace(result, hits=tuple(hits), total_hits=len(hits))

    def _restore(self, state: _ViewState) -> None:
        view = self.results_view
        self._all_hits = state.all_hits & {r.document_id for r in self.model.results()}
        for document_id in state.collapsed:
            index = self.model.index_of_document(document_id)
            if index.isValid():
                view.setExpanded(index, False)
        current = self._find_row(state.current)
        if current.isValid():
            view.setCurrentIndex(current)
        view.doItemsLayout()  # the scroll range is for the new rows
        view.verticalScrollBar().setValue(state.scroll)

    def _find_row(self, key: _RowKey | None) -> QModelIndex:
        """The row ``key`` names in the new results; its document row if it is gone."""
        if key is None:
            return QModelIndex()
        document = self.model.index_of_document(key[0])
        if not document.isValid() or key[1] == "document":
            return document
        for row in range(self.model.rowCount(document)):
            index = self.model.index(row, 0, document)
            if _row_key(index) == key:
                return index
        return document

    # ----- keys -----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        overriding = event.type() == QEvent.Type.ShortcutOverride
        if overriding and watched in (self.field, self.results_view):
            return self._shortcut_override(watched, event)
        if event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        if watched is self.field:
            return self._field_key(_key(event))
        if watched is self.results_view and isinstance(event, QKeyEvent):
            return self._view_key(event)
        return super().eventFilter(watched, event)

    def _shortcut_override(self, watched: QObject, event: QEvent) -> bool:
        """Esc steps back out, before any Esc shortcut of the window or the panel's (which
        closes it): from the results to the query, then clears the query."""
        stepping_back = watched is self.results_view or bool(self.field.text())
        if _key(event) == Qt.Key.Key_Escape and stepping_back:
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
        return False  # an empty field lets Esc through (to close the panel)

    def _view_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        current = self.results_view.currentIndex()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and current.isValid():
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.hit_activated.emit(current.data(SearchRole.DOCUMENT_ID), None)
            else:
                self._activate(current)
            return True
        if key == Qt.Key.Key_Up and current == self.model.index(0, 0):
            self.focus_search()  # up from the first result goes back to the query
            return True
        if key == Qt.Key.Key_Escape:
            self.focus_search()  # back to the query, to change it
            return True
        return False


_RowKey = tuple[str, str, str | None, str | None, int | None, str | None]


class _ViewState:
    """What the reader did with the results, to keep over a search run again."""

    __slots__ = ("all_hits", "collapsed", "current", "scroll")

    def __init__(
        self, current: _RowKey | None, collapsed: set[str], all_hits: set[str], scroll: int
    ) -> None:
        self.current = current
        self.collapsed = collapsed
        self.all_hits = all_hits
        self.scroll = scroll


def _row_key(index: QModelIndex) -> _RowKey | None:
    """A row named by what it shows, not by position: the same hit in a new search matches."""
    if not index.isValid():
        return None
    document_id = str(index.data(SearchRole.DOCUMENT_ID))
    kind = str(index.data(SearchRole.KIND))
    hit: Hit | None = index.data(SearchRole.HIT)
    if hit is None:
        return (document_id, kind, None, None, None, None)
    return (document_id, kind, hit.kind, hit.side, hit.paragraph, hit.annotation_id)


def _key(event: QEvent) -> int:
    return event.key() if isinstance(event, QKeyEvent) else 0


def _count_text(results: list[DocumentHits]) -> str:
    if not results:
        return ""
    documents = len(results)
    hits = sum(result.total_hits for result in results)
    return f"{counted.documents(documents)} · {counted.hits(hits)}"


def _tr(text: object) -> str:
    """A text marked with QT_TRANSLATE_NOOP above, in the interface language."""
    return QCoreApplication.translate("SearchPanel", str(text))
