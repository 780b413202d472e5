"""The timeline sidebar: a tree of documents by year and month that opens what the user picks.

The selection always shows the open document, and only that. The user moves the *current* row
(mouse, arrows, type-ahead); when it lands on a document the view emits its id, and the main
window opens it and calls ``select_document`` back. Moving onto a year or month row opens
nothing and leaves the open document highlighted.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from reader.models.timeline_model import TimelineModel
from reader.widgets.timeline_delegate import TimelineDelegate

MINIMUM_WIDTH = 220
EXPAND_ALL_UP_TO = 500  # documents: more open with only their years expanded


class TimelineView(QTreeView):
    """Tree view over a ``TimelineModel``. It knows no other widget; it only emits ids."""

    document_selected = Signal(str)

    def __init__(self, model: TimelineModel | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._user_input = 0  # > 0 while handling the user's mouse or keys
        self._open_id: str | None = None
        self.setObjectName("timeline")
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)  # lets Qt skip measuring 10,000 rows
        # The user moves only the current row; the selection is set by code to the open document.
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setItemDelegate(TimelineDelegate(self))  # the title's two ends, and its day
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAllColumnsShowFocus(True)
        self.setMinimumWidth(MINIMUM_WIDTH)
        self.setAccessibleName(self.tr("Timeline"))
        if model is not None:
            self.set_model(model)

    # ----- public API -------------------------------------------------------------------------

    def set_model(self, model: TimelineModel) -> None:
        old = self.model()
        if isinstance(old, TimelineModel):
            old.modelReset.disconnect(self._on_model_reset)
            old.rowsInserted.disconnect(self._on_rows_inserted)
        self.setModel(model)
        model.modelReset.connect(self._on_model_reset)
        model.rowsInserted.connect(self._on_rows_inserted)
        self._on_model_reset()

    def timeline_model(self) -> TimelineModel | None:
        model = self.model()
        return model if isinstance(model, TimelineModel) else None

    def select_document(self, document_id: str) -> None:
        """Show ``document_id`` as the open document: expanded, current, selected, scrolled to.

        Does not emit ``document_selected``: the caller already knows what it opened.
        """
        self._open_id = document_id
        self._show_open_document()

    def selected_document_id(self) -> str | None:
        """The document shown as open, if it is in the model."""
        model = self.timeline_model()
        if model is None or not model.index_of_document(self._open_id or "").isValid():
            return None
        return self._open_id

    # ----- user input: only these can open a document -----------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        with self._from_user():
            super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        with self._from_user():
            super().keyPressEvent(event)

    def keyboardSearch(self, search: str) -> None:
        with self._from_user():
            super().keyboardSearch(search)

    def currentChanged(
        self,
        current: QModelIndex | QPersistentModelIndex,
        previous: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().currentChanged(current, previous)
        # Rows removed or a model reset also move the current row; those must not open anything.
        if not self._user_input:
            return
        model = self.timeline_model()
        document_id = model.document_id(current) if model is not None else None
        if document_id is None or document_id == self._open_id:
            return
        self._open_id = document_id
        self._select_only(current)
        self._emit_document_selected(document_id)

    # ----- helpers ----------------------------------------------------------------------------

    @contextmanager
    def _from_user(self) -> Iterator[None]:
        self._user_input += 1
        try:
            yield
        finally:
            self._user_input -= 1

    def _show_open_document(self) -> None:
        model = self.timeline_model()
        if model is None or self._open_id is None:
            return
        index = model.index_of_document(self._open_id)
        if not index.isValid():
            self.selectionModel().clearSelection()
            return
        parent = index.parent()
        while parent.isValid():
            self.expand(parent)
            parent = parent.parent()
        self.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    def _select_only(self, index: QModelIndex | QPersistentModelIndex) -> None:
        self.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _on_model_reset(self) -> None:
        # A small library opens fully expanded; a large one shows its years and months, and
        # the open document's month (showing it expands the way to it). Expanding 100,000
        # rows before the first paint took seconds.
        model = self.timeline_model()
        if model is not None and model.document_count() <= EXPAND_ALL_UP_TO:
            self.expandAll()
        else:
            self.expandToDepth(0)
        self._show_open_document()

    def _on_rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        # New groups open expanded; a group the user collapsed stays collapsed.
        model = self.model()
        for row in range(first, last + 1):
            self.expandRecursively(model.index(row, 0, parent))
        # A replaced document comes back as a new row: keep it shown as open.
        if self._open_id is not None and not self.selectionModel().hasSelection():
            self._show_open_document()

    def _emit_document_selected(self, document_id: str) -> None:
        self.document_selected.emit(document_id)
