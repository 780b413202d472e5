"""The Notes panel: every highlight, note and bookmark, filtered, with an editor for one of them.

The panel knows no other widget and no store. It reads through three callables given to
:meth:`NotesPanel.set_source` and reports what the user does through signals; the window hands
those to the notes service, whose ``saved``/``removed`` signals come back to
``annotation_saved`` and ``remove_annotation``, which change the list in place.

Why it is built this way:

* **10,000 entries open and filter in well under 100 ms.** The model computes roles only for
  painted rows, the list uses uniform item sizes with a fixed-height delegate, and while the
  panel is hidden ``refresh`` only marks it stale: the query runs when it is shown.
* **A note is saved as it is typed.** ``note_edited`` is throttled, not debounced: it fires at
  most once per :data:`SAVE_INTERVAL_MS` however fast the user types, so a crash mid-sentence
  loses under a second. It is flushed at once on focus-out, on moving to another entry, before a
  delete or refresh, and by :meth:`NotesPanel.flush`; filling the editor from code never emits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QElapsedTimer,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QKeyEvent,
    QPalette,
    QShowEvent,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reader.core.annotations import COLOURS, Annotation, normalise_tags
from reader.models.display_text import colour_label
from reader.models.notes_model import NotesModel, NotesRole, annotation_icon
from reader.widgets.notes_delegate import NotesDelegate

ModelIndex = QModelIndex | QPersistentModelIndex

SAVE_INTERVAL_MS = 700  # note_edited at most this often while typing
FILTER_DELAY_MS = 150  # typing in the filter field re-queries after this pause
EMPTY_TEXT = QT_TRANSLATE_NOOP(
    "NotesPanel",
    "No notes yet — select text and press Ctrl+H to highlight, or Ctrl+D to bookmark the document.",
)
NO_MATCH_TEXT = QT_TRANSLATE_NOOP("NotesPanel", "No notes match the filter.")
UNPLACED = "unplaced"  # the kind filter's value for the "Unplaced" list
KIND_CHOICES = (
    (QT_TRANSLATE_NOOP("NotesPanel", "All kinds"), None),
    (QT_TRANSLATE_NOOP("NotesPanel", "Highlights"), "highlight"),
    (QT_TRANSLATE_NOOP("NotesPanel", "Notes"), "note"),
    (QT_TRANSLATE_NOOP("NotesPanel", "Bookmarks"), "bookmark"),
    (QT_TRANSLATE_NOOP("NotesPanel", "Unplaced"), UNPLACED),
)
_NAVIGATION_KEYS = {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown}
_ENTER_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter}


@dataclass(frozen=True)
class NotesSource:
    """Where the panel reads annotations: normally an AnnotationStore's bound methods."""

    query: Callable[..., list[Annotation]]
    tags: Callable[[], list[str]]
    unplaced: Callable[[], list[Annotation]]


@dataclass(frozen=True)
class NotesFilter:
    """The filter row's state; None means "any"."""

    text: str | None = None
    document_id: str | None = None
    colour: str | None = None
    kind: str | None = None  # a kind, UNPLACED, or None
    tag: str | None = None

    @property
    def active(self) -> bool:
        return any((self.text, self.document_id, self.colour, self.kind, self.tag))


def read_notes(source: NotesSource, wanted: NotesFilter) -> list[Annotation]:
    """What the filter selects. The store filters placed annotations; the (short) unplaced
    list is filtered here with the store's rules."""
    if wanted.kind != UNPLACED:
        found = source.query(
            document_id=wanted.document_id,
            colour=wanted.colour,
            tag=wanted.tag,
            text=wanted.text,
            kind=wanted.kind,
        )
        # The store's answer has unsaved edits laid over it, which may no longer match.
        return [a for a in found if matches(a, wanted)]
    return [a for a in source.unplaced() if matches(a, wanted)]


def matches(annotation: Annotation, wanted: NotesFilter) -> bool:
    """The store's filter rules in Python, for short lists (unplaced, pending in-memory edits)."""
    if wanted.document_id is not None and annotation.document_id != wanted.document_id:
        return False
    if wanted.colour is not None and annotation.colour != wanted.colour:
        return False
    if wanted.tag and wanted.tag.casefold() not in {t.casefold() for t in annotation.tags}:
        return False
    if wanted.text:
        haystack = "\n".join((annotation.note, annotation.quote, *annotation.tags))
        return wanted.text.casefold() in haystack.casefold()
    return True


def parse_tags(text: str) -> tuple[str, ...]:
    """Comma-separated tags, trimmed, without empties or case-only duplicates."""
    return normalise_tags(text.split(","))


class NotesPanel(QWidget):
    """Filter row, list of annotations and an editor for the selected one."""

    annotation_activated = Signal(object)  # Annotation: jump to its place
    note_edited = Signal(str, str, tuple)  # id, note text, tags: save it (as the user types)
    delete_requested = Signal(str)  # id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notesPanel")
        self._source: NotesSource | None = None
        self._current_document: str | None = None
        self._stale = False  # refresh() ran while hidden: query when shown
        self._wanted_id: str | None = None  # select this after the next refresh
        self._editing_id: str | None = None
        self._saved: tuple[str, tuple[str, ...]] = ("", ())  # what the editor was filled with
        self._filling = False
        self._restoring = False  # the selection is being put back after a refresh
        self._last_activation: tuple[str, QElapsedTimer] | None = None
        self.model = NotesModel(self)
        self._build_timers()
        self._build_ui()
        self._connect()
        self._show_editor(None)

    # ----- public API -------------------------------------------------------------------------

    def set_source(
        self,
        query: Callable[..., list[Annotation]],
        tags: Callable[[], list[str]],
        unplaced: Callable[[], list[Annotation]],
    ) -> None:
        """Where to read from. Reads at once if the panel is shown, else when it is first shown."""
        self._source = NotesSource(query, tags, unplaced)
        self._stale = True
        if self.isVisible():
            self.refresh()

    def set_current_document(self, document_id: str | None) -> None:
        if document_id == self._current_document:
            return
        self._current_document = document_id
        self.document_only.setEnabled(document_id is not None)
        if self.document_only.isChecked():
            self.refresh()

    def set_document_titles(self, titles: dict[str, str]) -> None:
        self.model.set_document_titles(titles)

    def current_filter(self) -> NotesFilter:
        text = self.filter_field.text().strip()
        document_only = self.document_only.isChecked() and self._current_document is not None
        return NotesFilter(
            text=text or None,
            document_id=self._current_document if document_only else None,
            colour=self.colour_combo.currentData(),
            kind=self.kind_combo.currentData(),
            tag=self.tag_combo.currentData(),
        )

    def refresh(self) -> None:
        """Re-read with the current filters. While the panel is hidden this only marks it
        stale, so a closed panel costs nothing on every note change."""
        self._filter_timer.stop()
        if self._source is None:
            return
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self.flush()
        keep = self._wanted_id or self._editing_id
        self._wanted_id = None
        self._reload_tags()
        self.model.set_annotations(read_notes(self._source, self.current_filter()))
        self._update_empty_state()
        self._restore_selection(keep)

    def select_annotation(self, annotation_id: str) -> bool:
        """Make ``annotation_id`` the selected entry (shown in the editor); False when it is not
        listed now. While the panel is hidden it is remembered and selected once shown."""
        index = self.model.index_of(annotation_id)
        if not index.isValid():
            # Not read yet (hidden, or no source): select it once it is.
            pending = self._stale or self._source is None or not self.isVisible()
            self._wanted_id = annotation_id if pending else None
            return False
        self.list_view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.list_view.scrollTo(index)
        return True

    def selected_annotation(self) -> Annotation | None:
        index = self.list_view.currentIndex()
        return index.data(NotesRole.ANNOTATION) if index.isValid() else None

    def update_annotation(self, annotation: Annotation) -> None:
        """Show a saved change of one entry without a re-query. The editor is refilled only when
        the user is not typing in it, so an echo of their own edit never moves the cursor."""
        self.model.update_annotation(annotation)
        if annotation.id == self._editing_id and not self._editor_busy():
            self._fill_editor(annotation)

    def annotation_saved(self, annotation: Annotation) -> None:
        """A note was made or changed: update its entry in place, or take it out of a list
        whose filter no longer lets it through. A hidden panel re-reads when next shown."""
        if self._source is None or self._stale or not self.isVisible():
            self._stale = True
            return
        if self.lists(annotation):
            self.model.put_annotation(annotation)
            if annotation.id == self._editing_id and not self._editor_busy():
                self._fill_editor(annotation)
            if annotation.tags:
                self._reload_tags()
        else:
            self.remove_annotation(annotation.id)
        self._update_empty_state()

    def lists(self, annotation: Annotation) -> bool:
        """Whether the current filter shows ``annotation``."""
        wanted = self.current_filter()
        if wanted.kind == UNPLACED:
            kind_matches = not annotation.placed
        else:
            kind_matches = wanted.kind is None or annotation.kind == wanted.kind
        return kind_matches and matches(annotation, wanted)

    def remove_annotation(self, annotation_id: str) -> None:
        if annotation_id == self._editing_id:
            self._save_timer.stop()  # its pending text goes with it
            self._show_editor(None)
        self.model.remove_annotation(annotation_id)
        self._update_empty_state()

    def focus_note_editor(self) -> None:
        """Put the caret in the note editor, ready to type (a note just made)."""
        self.note_edit.setFocus()

    def flush(self) -> None:
        """Emit ``note_edited`` now if the editor holds unsaved text."""
        self._save_timer.stop()
        if self._editing_id is None:
            return
        state = (self.note_edit.toPlainText(), parse_tags(self.tags_edit.text()))
        if state != self._saved:
            self._saved = state
            self.note_edited.emit(self._editing_id, *state)

    # ----- building ---------------------------------------------------------------------------

    def _build_timers(self) -> None:
        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_INTERVAL_MS)
        self._save_timer.timeout.connect(self.flush)
        self._filter_timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.refresh)

    def _build_ui(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self._build_filter_field())
        layout.addLayout(self._build_filter_grid())
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_list())
        splitter.addWidget(self._build_editor())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)

    def _build_filter_field(self) -> QLineEdit:
        self.filter_field = QLineEdit()
        self.filter_field.setPlaceholderText(self.tr("Filter notes"))
        self.filter_field.setClearButtonEnabled(True)
        self.filter_field.setAccessibleName(self.tr("Filter notes"))
        self.filter_field.installEventFilter(self)
        return self.filter_field

    def _build_filter_grid(self) -> QGridLayout:
        """Colour and kind, then tag and "this document only": two a row, so the panel can be
        as narrow as a small screen needs (see ReadingRoom) and still show whole names."""
        self.colour_combo = QComboBox()
        self.colour_combo.setAccessibleName(self.tr("Colour"))
        self.colour_combo.addItem(self.tr("All colours"), None)
        for colour in COLOURS:
            self.colour_combo.addItem(annotation_icon("highlight", colour), colour_label(colour), colour)
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName(self.tr("Kind"))
        for label, kind in KIND_CHOICES:
            self.kind_combo.addItem(self.tr(str(label)), kind)
        self.tag_combo = QComboBox()
        self.tag_combo.setAccessibleName(self.tr("Tag"))
        self.tag_combo.addItem(self.tr("All tags"), None)
        self.document_only = QCheckBox(self.tr("This document only"))
        self.document_only.setEnabled(False)
        grid = QGridLayout()
        grid.setSpacing(4)
        for combo in (self.colour_combo, self.kind_combo, self.tag_combo):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(6)
        grid.addWidget(self.colour_combo, 0, 0)
        grid.addWidget(self.kind_combo, 0, 1)
        grid.addWidget(self.tag_combo, 1, 0)
        grid.addWidget(self.document_only, 1, 1)
        return grid

    def _build_list(self) -> QStackedWidget:
        self.list_view = QListView()
        self.list_view.setObjectName("notesList")
        self.list_view.setAccessibleName(self.tr("Notes"))
        self.list_view.setModel(self.model)
        self.list_view.setItemDelegate(NotesDelegate(self.list_view))
        self.list_view.setUniformItemSizes(True)  # one sizeHint call for 10,000 rows
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list_view.installEventFilter(self)
        self.empty_label = QLabel(self.tr(str(EMPTY_TEXT)))
        self.empty_label.setObjectName("notesEmpty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.empty_label.setContentsMargins(16, 16, 16, 16)
        self._stack = QStackedWidget()
        self._stack.addWidget(self.list_view)
        self._stack.addWidget(self.empty_label)
        return self._stack

    def _build_editor(self) -> QWidget:
        self.note_edit = QPlainTextEdit()
        self.note_edit.setPlaceholderText(self.tr("Note"))
        self.note_edit.setAccessibleName(self.tr("Note"))
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.installEventFilter(self)
        self.tags_edit = QLineEdit()
        self.tags_edit.setPlaceholderText(self.tr("Tags, comma-separated"))
        self.tags_edit.setAccessibleName(self.tr("Tags"))
        self.tags_edit.installEventFilter(self)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setToolTip(self.tr("Delete this entry (Delete)"))
        row = QHBoxLayout()
        row.addWidget(self.tags_edit, 1)
        row.addWidget(self.delete_button)
        self.editor = QWidget()
        layout = QVBoxLayout(self.editor)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.note_edit, 1)
        layout.addLayout(row)
        return self.editor

    def _connect(self) -> None:
        self.filter_field.textChanged.connect(self._filter_timer.start)
        self.document_only.toggled.connect(self.refresh)
        for combo in (self.colour_combo, self.kind_combo, self.tag_combo):
            combo.currentIndexChanged.connect(self.refresh)
        self.list_view.clicked.connect(self._on_clicked)
        self.list_view.doubleClicked.connect(self._on_clicked)
        self.list_view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.note_edit.textChanged.connect(self._on_editor_changed)
        self.tags_edit.textChanged.connect(self._on_editor_changed)
        self.delete_button.clicked.connect(self._request_delete)

    # ----- events -----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.FocusOut and watched in (self.note_edit, self.tags_edit):
            self.flush()
        elif kind == QEvent.Type.ShortcutOverride and watched is self.filter_field:
            # Esc clears a filter before it closes the panel (the panel's own Esc shortcut).
            if isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape:
                event.setAccepted(bool(self.filter_field.text()))
                return event.isAccepted()
        elif kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.filter_field:
                return self._filter_field_key(event)
            if watched is self.list_view:
                return self._list_key(event)
        return super().eventFilter(watched, event)

    def _filter_field_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key == Qt.Key.Key_Escape and self.filter_field.text():
            self.filter_field.clear()
            return True
        if key in _NAVIGATION_KEYS and self.model.rowCount() > 0:
            # Arrow keys move in the list while typing stays in the field.
            if not self.list_view.currentIndex().isValid():
                self.list_view.setCurrentIndex(self.model.index(0, 0))
            else:
                QApplication.sendEvent(self.list_view, event)
            return True
        if key in _ENTER_KEYS:
            if self._filter_timer.isActive():
                self.refresh()  # Enter right after typing acts on what was typed
            self._activate_current(fallback_first=True)
            return True
        return False

    def _list_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in _ENTER_KEYS:
            self._activate_current()
            return True
        if key == Qt.Key.Key_Delete and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self._request_delete()
            return True
        return False

    def _on_clicked(self, index: QModelIndex) -> None:
        annotation = index.data(NotesRole.ANNOTATION)
        if annotation is not None:
            self._activate(annotation)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._restoring:
            return
        self.flush()  # the entry being left keeps what was typed in it
        self._show_editor(current.data(NotesRole.ANNOTATION) if current.isValid() else None)

    def _on_editor_changed(self) -> None:
        if self._filling or self._editing_id is None:
            return
        if not self._save_timer.isActive():  # a throttle: typing does not push it back
            self._save_timer.start()

    # ----- helpers ----------------------------------------------------------------------------

    def _activate_current(self, fallback_first: bool = False) -> None:
        index = self.list_view.currentIndex()
        if not index.isValid() and fallback_first and self.model.rowCount() > 0:
            index = self.model.index(0, 0)
            self.list_view.setCurrentIndex(index)
        if index.isValid():
            self._activate(index.data(NotesRole.ANNOTATION), repeat_guard=False)

    def _activate(self, annotation: Annotation, repeat_guard: bool = True) -> None:
        # A double-click arrives as click, click and double-click: jump once.
        last = self._last_activation
        interval = QApplication.doubleClickInterval()
        if repeat_guard and last and last[0] == annotation.id and last[1].elapsed() < interval:
            return
        timer = QElapsedTimer()
        timer.start()
        self._last_activation = (annotation.id, timer)
        self.annotation_activated.emit(annotation)

    def _request_delete(self) -> None:
        annotation = self.selected_annotation()
        if annotation is not None:
            self.flush()  # undoing the delete brings back the note as last typed
            self.delete_requested.emit(annotation.id)

    def _show_editor(self, annotation: Annotation | None) -> None:
        self._save_timer.stop()
        self._editing_id = annotation.id if annotation is not None else None
        self.editor.setEnabled(annotation is not None)
        self._fill_editor(annotation)

    def _fill_editor(self, annotation: Annotation | None) -> None:
        note = annotation.note if annotation is not None else ""
        tags = annotation.tags if annotation is not None else ()
        self._filling = True
        try:
            if self.note_edit.toPlainText() != note:
                self.note_edit.setPlainText(note)
                self.note_edit.moveCursor(QTextCursor.MoveOperation.End)  # ready to add to it
            self.tags_edit.setText(", ".join(tags))
        finally:
            self._filling = False
        self._saved = (note, parse_tags(", ".join(tags)))

    def _editor_busy(self) -> bool:
        """The user is typing in the editor, or has typed what is not emitted yet."""
        focused = self.note_edit.hasFocus() or self.tags_edit.hasFocus()
        return focused or self._save_timer.isActive()

    def _restore_selection(self, annotation_id: str | None) -> None:
        index = self.model.index_of(annotation_id) if annotation_id else QModelIndex()
        if not index.isValid():
            self._show_editor(None)
            return
        self._restoring = True  # the editor is refilled below, or left to the typist
        try:
            self.list_view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        finally:
            self._restoring = False
        self.list_view.scrollTo(index)
        if annotation_id != self._editing_id:
            self._show_editor(index.data(NotesRole.ANNOTATION))
        elif not self._editor_busy():
            self._fill_editor(index.data(NotesRole.ANNOTATION))

    def _reload_tags(self) -> None:
        assert self._source is not None
        current = self.tag_combo.currentData()
        tags = list(self._source.tags())
        if current and current.casefold() not in {t.casefold() for t in tags}:
            tags.append(current)  # keep the chosen filter, even if no entry carries it now
        shown = [self.tag_combo.itemData(i) for i in range(1, self.tag_combo.count())]
        if shown == tags:
            return
        self.tag_combo.blockSignals(True)
        try:
            self.tag_combo.clear()
            self.tag_combo.addItem(self.tr("All tags"), None)
            for tag in tags:
                self.tag_combo.addItem(tag, tag)
            self.tag_combo.setCurrentIndex(max(0, self.tag_combo.findData(current)))
        finally:
            self.tag_combo.blockSignals(False)

    def _update_empty_state(self) -> None:
        empty = self.model.rowCount() == 0
        text = NO_MATCH_TEXT if self.current_filter().active else EMPTY_TEXT
        self.empty_label.setText(self.tr(str(text)))
        self._stack.setCurrentWidget(self.empty_label if empty else self.list_view)
