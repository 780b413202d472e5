"""The main window: builds its children and wires them together, in this one place."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reader import APP_NAME
from reader.core.alignment import Alignment
from reader.core.alignment_corrections import CorrectionStore
from reader.core.anchoring import make_selector
from reader.core.annotation_store import StorageUnavailable
from reader.core.annotations import (
    COLOURS,
    Annotation,
    TextPosition,
    new_document_bookmark,
    new_highlight,
    new_paragraph_bookmark,
)
from reader.core.atomic_files import write_text_atomically
from reader.core.corpus import load_paths
from reader.core.document import Document, ParseError, Text
from reader.core.facets import filter_documents
from reader.core.library import Library
from reader.core.notes_export import ImportReport as NotesImportReport
from reader.core.notes_export import (
    NotesImportError,
    import_w3c,
    to_markdown,
    to_w3c_json,
)
from reader.core.pairing import TextPair, text_pair
from reader.core.search_index import DocumentHits, Hit, SearchIndex
from reader.core.user_library import ImportReport, Outcome, library_dir
from reader.models.annotation_service import AnnotationService
from reader.models.import_runner import BackgroundJob, import_work, index_work
from reader.models.timeline_model import TimelineModel
from reader.paths import bundled_corpus_dir, data_dir
from reader.widgets.about_dialog import AboutDialog
from reader.widgets.document_header import DocumentHeader
from reader.widgets.facet_bar import FacetBar
from reader.widgets.find_bar import FindBar
from reader.widgets.notes_panel import NotesFilter, NotesPanel, matches
from reader.widgets.reading_view import ReadingView
from reader.widgets.search_panel import SearchPanel
from reader.widgets.timeline import TimelineView
from reader.widgets.ui_settings import (
    DEFAULT_POINT_SIZE,
    MAX_POINT_SIZE,
    MIN_POINT_SIZE,
    UiSettings,
)
from reader.widgets.undo_commands import (
    AddAnnotation,
    AlignmentChange,
    DeleteAnnotation,
    EditAnnotation,
)

ZOOM_STEP = 1.1
THEME_LABELS = {"auto": "Follow System", "light": "Light", "dark": "Dark"}


class MainWindow(QMainWindow):
    document_opened = Signal(str)
    note_requested = Signal(str)  # a new note's id: the notes panel opens its editor
    notes_changed = Signal()
    import_finished = Signal(object)  # ImportReport

    def __init__(
        self,
        library: Library,
        settings: UiSettings,
        apply_theme: Callable[[str], None] = lambda _theme: None,
        corrections: CorrectionStore | None = None,
        annotations: AnnotationService | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.library = library
        self.settings = settings
        self.corrections = corrections or CorrectionStore(data_dir())
        self.annotations = annotations or AnnotationService(None, parent=self)
        self.annotations.setParent(self)
        self.undo_stack = QUndoStack(self)
        self._highlight_colour = "yellow"
        self.user_library = library_dir(data_dir())
        self.importer = BackgroundJob(self)
        self.indexer = BackgroundJob(self)
        self.search_index: SearchIndex | None = None
        self._notes_indexed = False  # the index's copy of the notes is rebuilt before a search
        self._import_progress: QProgressDialog | None = None
        self.load_errors: list[ParseError] = []
        self._apply_theme = apply_theme
        self.current_id: str | None = None
        self.timeline_model = TimelineModel(library, self)
        self.timeline = TimelineView(self.timeline_model, self)
        self.header = DocumentHeader(self)
        self.reading_view = ReadingView(self)
        self.reading_view.set_point_size(settings.point_size)
        self.notes_panel = NotesPanel(self)
        self.search_panel = SearchPanel(self._search, self)
        self.find_bar = FindBar(self)
        self.facet_bar = FacetBar(self)
        self.facet_bar.set_documents(list(library))
        self._build_layout()
        self._build_actions()
        self._wire()
        self.setAcceptDrops(True)  # drop files or folders to import them
        self._update_title()
        self.resize(1280, 820)

    # -- construction ----------------------------------------------------------------------------

    def _build_layout(self) -> None:
        document_area = QWidget(self)
        layout = QVBoxLayout(document_area)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.reading_view, 1)
        layout.addWidget(self.find_bar)
        self.find_bar.hide()
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.main_splitter.setObjectName("mainSplitter")
        sidebar = QWidget(self)
        sidebar_layout = QVBoxLayout(sidebar)
        sidebar_layout.setContentsMargins(0, 0, 0, 0)
        sidebar_layout.setSpacing(4)
        sidebar_layout.addWidget(self.facet_bar)
        sidebar_layout.addWidget(self.timeline, 1)
        self.sidebar = sidebar
        self.main_splitter.addWidget(sidebar)
        self.main_splitter.addWidget(document_area)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setSizes([280, 1000])
        self.main_splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.main_splitter)
        self.notes_dock = QDockWidget(self.tr("Notes"), self)
        self.notes_dock.setObjectName("notesDock")
        self.notes_dock.setWidget(self.notes_panel)
        self.notes_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.notes_dock)
        self.notes_dock.hide()
        self.search_dock = QDockWidget(self.tr("Search"), self)
        self.search_dock.setObjectName("searchDock")
        self.search_dock.setWidget(self.search_panel)
        self.search_dock.setFeatures(self.notes_dock.features())
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.search_dock)
        self.search_dock.hide()

    def _action(
        self,
        text: str,
        shortcuts: Sequence[QKeySequence | str],
        slot: Callable[[], object],
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.triggered.connect(slot)
        if tip:
            action.setStatusTip(tip)
        self.addAction(action)  # shortcuts work even when the menu bar is hidden
        return action

    def _build_actions(self) -> None:
        menu_bar = self.menuBar()
        file_menu = menu_bar.addMenu(self.tr("&File"))
        self.open_action = self._action(
            self.tr("&Open Document…"),
            [QKeySequence.StandardKey.Open],
            self.choose_files,
            self.tr("Open archive document files; they join the timeline"),
        )
        file_menu.addAction(self.open_action)
        self.import_action = self._action(
            self.tr("&Import Documents…"),
            ["Ctrl+I"],
            self.choose_import,
            self.tr("Copy archive documents (files or a folder) into your library"),
        )
        self.import_folder_action = self._action(
            self.tr("Import &Folder…"),
            ["Ctrl+Shift+I"],
            self.choose_import_folder,
            self.tr(
                "Copy every archive document in a folder (and its subfolders) into your library"
            ),
        )
        file_menu.addActions([self.import_action, self.import_folder_action])
        file_menu.addSeparator()
        file_menu.addAction(
            self._action(self.tr("&Quit"), [QKeySequence.StandardKey.Quit], self.close)
        )

        edit_menu = menu_bar.addMenu(self.tr("&Edit"))
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts(QKeySequence.StandardKey.Redo)
        for action in (self.undo_action, self.redo_action):
            self.addAction(action)
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        self.copy_citation_action = self._action(
            self.tr("Copy &Citation"), ["Ctrl+Shift+C"], self.header.copy_citation
        )
        edit_menu.addAction(self.copy_citation_action)
        self.copy_source_action = self._action(
            self.tr("Copy &Transcript Text"), [], lambda: self._copy_text("source")
        )
        self.copy_target_action = self._action(
            self.tr("Copy T&ranslation Text"), [], lambda: self._copy_text("target")
        )
        edit_menu.addActions([self.copy_source_action, self.copy_target_action])

        view_menu = menu_bar.addMenu(self.tr("&View"))
        self.toggle_timeline_action = self._action(
            self.tr("Show &Timeline"), ["F9"], self._toggle_timeline
        )
        self.toggle_timeline_action.setCheckable(True)
        self.toggle_timeline_action.setChecked(True)
        self.swap_action = self._action(
            self.tr("&Swap Sides"),
            ["Ctrl+Shift+X"],
            self.reading_view.swap_sides,
            self.tr("Put the translation on the left and the transcript on the right, or back"),
        )
        view_menu.addActions([self.toggle_timeline_action, self.swap_action])
        view_menu.addSeparator()
        self.zoom_in_action = self._action(
            self.tr("Zoom &In"),
            [QKeySequence.StandardKey.ZoomIn, "Ctrl+="],
            lambda: self.zoom(ZOOM_STEP),
        )
        self.zoom_out_action = self._action(
            self.tr("Zoom &Out"),
            [QKeySequence.StandardKey.ZoomOut],
            lambda: self.zoom(1 / ZOOM_STEP),
        )
        self.zoom_reset_action = self._action(self.tr("&Actual Size"), ["Ctrl+0"], self.reset_zoom)
        view_menu.addActions([self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action])
        view_menu.addSeparator()
        theme_menu = view_menu.addMenu(self.tr("T&heme"))
        self.theme_group = QActionGroup(self)
        for key, label in THEME_LABELS.items():
            action = theme_menu.addAction(self.tr(label))
            action.setCheckable(True)
            action.setData(key)
            action.setChecked(key == self.settings.theme)
            self.theme_group.addAction(action)
        self.theme_group.triggered.connect(lambda action: self.set_theme(str(action.data())))

        go_menu = menu_bar.addMenu(self.tr("&Go"))
        self.previous_action = self._action(
            self.tr("&Previous Document"),
            ["Ctrl+PgUp", "Alt+Up"],
            lambda: self.step_document(-1),
            self.tr("The document before this one in date order"),
        )
        self.next_action = self._action(
            self.tr("&Next Document"),
            ["Ctrl+PgDown", "Alt+Down"],
            lambda: self.step_document(1),
            self.tr("The document after this one in date order"),
        )
        self.focus_timeline_action = self._action(
            self.tr("Go to &Timeline"), ["Ctrl+1"], lambda: self.timeline.setFocus()
        )
        self.focus_text_action = self._action(
            self.tr("Go to &Text"), ["Ctrl+2"], lambda: self.reading_view.left.setFocus()
        )
        self.search_action = self._action(
            self.tr("&Search All Documents…"),
            ["Ctrl+K", "Ctrl+Shift+F"],
            self.show_search,
            self.tr("Full-text search in both languages, notes included"),
        )
        self.find_action = self._action(
            self.tr("&Find in Document…"),
            [QKeySequence.StandardKey.Find],
            self.find_bar.open,
            self.tr("Find text in this document, in both panes"),
        )
        go_menu.addActions([self.search_action, self.find_action])
        go_menu.addSeparator()
        go_menu.addActions([self.previous_action, self.next_action])
        go_menu.addSeparator()
        go_menu.addActions([self.focus_timeline_action, self.focus_text_action])

        self._build_notes_menu(menu_bar.addMenu(self.tr("&Notes")), file_menu)
        self._build_alignment_menu(menu_bar.addMenu(self.tr("&Alignment")))

        help_menu = menu_bar.addMenu(self.tr("&Help"))
        help_menu.addAction(
            self._action(self.tr("&Keyboard Shortcuts"), ["F1"], self.show_shortcuts)
        )
        help_menu.addSeparator()
        self.about_action = QAction(self.tr("&About Parallel Reader"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)

    def _build_alignment_menu(self, menu: QMenu) -> None:
        view = self.reading_view
        self.link_action = self._action(
            self.tr("&Link Selected Paragraphs"),
            ["Ctrl+L"],
            view.link_selected,
            self.tr(
                "Pair the selected transcript paragraph with the selected translation paragraph"
            ),
        )
        self.unlink_action = self._action(
            self.tr("&Unlink Pair"),
            ["Ctrl+Shift+L"],
            view.unlink_selected,
            self.tr("Let every paragraph of the selected pair stand alone"),
        )
        self.merge_action = self._action(
            self.tr("&Merge With Next Pair"),
            ["Ctrl+J"],
            view.merge_selected_with_next,
            self.tr("Join the selected pair and the one after it"),
        )
        self.split_action = self._action(
            self.tr("&Split Pair Here"),
            ["Ctrl+Shift+J"],
            view.split_at_selected,
            self.tr("Start a new pair at the selected paragraph"),
        )
        self.reset_alignment_action = self._action(
            self.tr("&Reset to Automatic Alignment"),
            [],
            self.reset_alignment,
            self.tr("Forget your corrections to this document's alignment"),
        )
        edits = [self.link_action, self.unlink_action, self.merge_action, self.split_action]
        menu.addActions(edits)
        menu.addSeparator()
        menu.addAction(self.reset_alignment_action)
        view.set_context_actions([*self._note_context_actions, None, *edits])

    def _build_notes_menu(self, menu: QMenu, file_menu: QMenu) -> None:
        self.highlight_action = self._action(
            self.tr("&Highlight Selection"),
            ["Ctrl+H"],
            lambda: self.highlight_selection(self._highlight_colour),
            self.tr("Highlight the selected text in the last colour used"),
        )
        colour_menu = QMenu(self.tr("Highlight in &Colour"), self)
        for colour in COLOURS:
            action = colour_menu.addAction(self.tr(colour.title()))
            action.triggered.connect(
                lambda _checked=False, colour=colour: self.highlight_selection(colour)
            )
        self.add_note_action = self._action(
            self.tr("Add &Note…"),
            ["Ctrl+Shift+N"],
            self.add_note,
            self.tr("Attach a note to the selected text, or to the selected paragraph"),
        )
        self.bookmark_paragraph_action = self._action(
            self.tr("Bookmark &Paragraph"), ["Ctrl+B"], self.bookmark_paragraph
        )
        self.bookmark_document_action = self._action(
            self.tr("Bookmark &Document"), ["Ctrl+D"], self.toggle_document_bookmark
        )
        self.bookmark_document_action.setCheckable(True)
        menu.addActions([self.highlight_action])
        menu.addMenu(colour_menu)
        menu.addActions(
            [self.add_note_action, self.bookmark_paragraph_action, self.bookmark_document_action]
        )
        self._note_context_actions = [
            self.highlight_action,
            colour_menu.menuAction(),
            self.add_note_action,
            self.bookmark_paragraph_action,
        ]
        self.show_notes_action = self.notes_dock.toggleViewAction()
        self.show_notes_action.setText(self.tr("Show Notes &Panel"))
        self.show_notes_action.setShortcut(QKeySequence("Ctrl+Shift+M"))
        self.addAction(self.show_notes_action)
        menu.addSeparator()
        menu.addAction(self.show_notes_action)
        self.export_notes_action = self._action(
            self.tr("&Export Notes…"), ["Ctrl+Shift+E"], self.export_notes
        )
        self.import_notes_action = self._action(self.tr("&Import Notes…"), [], self.import_notes)
        file_menu.insertActions(
            file_menu.actions()[1], [self.export_notes_action, self.import_notes_action]
        )
        for action in (*menu.actions(), self.export_notes_action, self.import_notes_action):
            action.setEnabled(self.annotations.available)

    def _wire_notes_panel(self) -> None:
        panel = self.notes_panel
        panel.set_document_titles({document.id: document.title for document in self.library})
        panel.set_source(self._query_notes, self.annotations.tags, self.annotations.unplaced)
        panel.annotation_activated.connect(self.open_annotation)
        panel.note_edited.connect(self.edit_note)
        panel.delete_requested.connect(self.delete_annotation)
        self.note_requested.connect(self._edit_new_note)
        self.notes_changed.connect(panel.refresh)
        self.document_opened.connect(panel.set_current_document)

    def _query_notes(self, **filters: str | None) -> list[Annotation]:
        """The store's answer with unsaved edits laid over it, which may no longer match."""
        wanted = NotesFilter(**filters)
        return [a for a in self.annotations.query(**filters) if matches(a, wanted)]

    def _edit_new_note(self, annotation_id: str) -> None:
        self.notes_dock.show()
        self.notes_panel.refresh()
        self.notes_panel.select_annotation(annotation_id)
        self.notes_panel.focus_note_editor()

    def _wire(self) -> None:
        self.timeline.document_selected.connect(self.open_document)
        self.reading_view.sides_swapped.connect(self._remember_swap)
        self.reading_view.alignment_change_requested.connect(self._correct_alignment)
        self.reading_view.selection_changed.connect(self._update_alignment_actions)
        self.annotations.changed.connect(self._annotations_changed)
        self._wire_notes_panel()
        self.importer.progressed.connect(self._import_progressed)
        self.importer.finished.connect(self._import_finished)
        self.search_panel.hit_activated.connect(self.open_search_hit)
        self.facet_bar.facet_changed.connect(self.apply_facets)
        self.find_bar.set_targets(list(self.reading_view.panes))
        self.find_bar.matches_changed.connect(self._show_find_matches)
        self.annotations.storage_problem.connect(self._show_storage_problem)

    # -- documents -------------------------------------------------------------------------------

    def open_document(self, document_id: str) -> None:
        try:
            document = self.library.get(document_id)
        except ParseError as error:  # its file changed or vanished since the catalog saw it
            self.report_errors([error])
            return
        if document is None:
            return
        self._remember_position()
        self.current_id = document_id
        self.header.show_document(document)
        pair = self._pair_for(document)
        self.reading_view.show_pair(pair, self.settings.swapped)
        self._reconcile_notes(document, pair)
        self.reading_view.set_annotations(self.annotations.for_document(document_id))
        self.reading_view.restore_position(*self.settings.reading_position(document_id))
        self.timeline.select_document(document_id)
        self.settings.last_document = document_id
        self._update_actions(document)
        self._update_alignment_actions()
        self._update_title()
        self.document_opened.emit(document_id)

    def _pair_for(self, document: Document) -> TextPair:
        """The document's texts, aligned as the reader corrected them if they did."""
        pair = text_pair(document)
        if not pair.is_bilingual:
            return pair
        counts = (pair.alignment.source_count, pair.alignment.target_count)
        corrected = self.corrections.load(document.id, *counts)
        return replace(pair, alignment=corrected) if corrected is not None else pair

    # -- notes, highlights and bookmarks ---------------------------------------------------------

    def _reconcile_notes(self, document: Document, pair: TextPair) -> None:
        result = self.annotations.reconcile(document, pair)
        if result is not None and result.newly_unplaced:
            self.statusBar().showMessage(
                self.tr(
                    "%n note(s) could not be found in the changed text; they are kept under Unplaced",
                    "",
                    len(result.newly_unplaced),
                ),
                12000,
            )

    def _current_pair(self) -> TextPair | None:
        document = self.library.get(self.current_id) if self.current_id else None
        return self._pair_for(document) if document is not None else None

    def _text_on(self, side: str) -> Text | None:
        return self.reading_view.text_of(side)

    def _annotation_from_selection(self, colour: str, kind: str) -> Annotation | None:
        selection = self.reading_view.text_selection()
        if selection is None or self.current_id is None or not self.annotations.available:
            self.statusBar().showMessage(self.tr("Select some text first"), 4000)
            return None
        side, paragraph, start, end = selection
        text = self._text_on(side)
        assert text is not None and self.reading_view.alignment is not None
        annotation = new_highlight(
            self.current_id,
            side,
            text.language,
            make_selector(text.paragraphs, paragraph, start, end),
            TextPosition(paragraph, start, end),
            self.reading_view.alignment.bead_of(side, paragraph),
            colour=colour,
        )
        self._highlight_colour = colour
        return replace(annotation, kind=kind)

    def highlight_selection(self, colour: str) -> Annotation | None:
        annotation = self._annotation_from_selection(colour, "highlight")
        if annotation is not None:
            self.undo_stack.push(AddAnnotation(self.annotations, annotation))
        return annotation

    def add_note(self) -> Annotation | None:
        """A note on the selected text, or on the whole selected paragraph; then edit it."""
        if self.reading_view.text_selection() is None:
            focus = self.reading_view.paragraph_in_focus()
            text = self._text_on(focus[0]) if focus else None
            if focus is None or text is None:
                return None
            side, paragraph = focus
            pane = self.reading_view.panes[self.reading_view.pane_of(side)]
            pane.show_range(paragraph, 0, len(text.paragraphs[paragraph]))
        annotation = self._annotation_from_selection(self._highlight_colour, "note")
        if annotation is not None:
            self.undo_stack.push(AddAnnotation(self.annotations, annotation))
            self.note_requested.emit(annotation.id)
        return annotation

    def bookmark_paragraph(self) -> None:
        focus = self.reading_view.paragraph_in_focus()
        if focus is None or self.current_id is None or not self.annotations.available:
            return
        side, paragraph = focus
        existing = [
            a
            for a in self.annotations.for_document(self.current_id)
            if a.kind == "bookmark"
            and a.side == side
            and a.position is not None
            and a.position.paragraph == paragraph
        ]
        if existing:  # a second Ctrl+B takes the bookmark away
            self.undo_stack.push(DeleteAnnotation(self.annotations, existing[0]))
            return
        text = self._text_on(side)
        assert text is not None and self.reading_view.alignment is not None
        bookmark = new_paragraph_bookmark(
            self.current_id,
            side,
            text.language,
            text.paragraphs,
            paragraph,
            self.reading_view.alignment.bead_of(side, paragraph),
        )
        self.undo_stack.push(AddAnnotation(self.annotations, bookmark))
        self.statusBar().showMessage(
            self.tr("Bookmarked ¶%1").replace("%1", str(paragraph + 1)), 3000
        )

    def _document_bookmark(self) -> Annotation | None:
        if self.current_id is None:
            return None
        found = [
            a for a in self.annotations.for_document(self.current_id) if a.is_document_bookmark
        ]
        return found[0] if found else None

    def toggle_document_bookmark(self) -> None:
        if self.current_id is None or not self.annotations.available:
            return
        existing = self._document_bookmark()
        if existing is not None:
            self.undo_stack.push(DeleteAnnotation(self.annotations, existing))
        else:
            self.undo_stack.push(
                AddAnnotation(self.annotations, new_document_bookmark(self.current_id))
            )

    def delete_annotation(self, annotation_id: str) -> None:
        annotation = self.annotations.get(annotation_id)
        if annotation is not None:
            self.undo_stack.push(DeleteAnnotation(self.annotations, annotation))

    def edit_note(self, annotation_id: str, note: str, tags: Sequence[str]) -> None:
        """Saved as the reader types (the panel debounces); successive edits undo as one."""
        before = self.annotations.get(annotation_id)
        if before is None:
            return
        kind = (
            before.kind if before.kind == "bookmark" else ("note" if note.strip() else "highlight")
        )
        after = before.edited(note=note, tags=tuple(tags), kind=kind)
        if (after.note, after.tags, after.kind) != (before.note, before.tags, before.kind):
            self.undo_stack.push(EditAnnotation(self.annotations, before, after))

    def open_annotation(self, annotation: Annotation) -> None:
        """Jump to a note: its document, its pair level in both panes, its quote selected."""
        if annotation.document_id != self.current_id:
            self.open_document(annotation.document_id)
            # Opening re-anchors the document's notes: use the note as it stands now.
            annotation = self.annotations.get(annotation.id) or annotation
        if (
            annotation.document_id != self.current_id
            or annotation.position is None
            or annotation.side is None
        ):
            return
        if not annotation.placed:
            self.statusBar().showMessage(
                self.tr(
                    "This note's quote was not found in the current text; it is kept under Unplaced"
                ),
                8000,
            )
            return
        position = annotation.position
        self.reading_view.show_annotation(
            annotation.side, position.paragraph, position.start, position.end
        )

    def _annotations_changed(self, document_id: str) -> None:
        self._notes_indexed = False
        if document_id == self.current_id:
            self.reading_view.set_annotations(self.annotations.for_document(document_id))
            self.bookmark_document_action.setChecked(self._document_bookmark() is not None)
        self.timeline_model.set_marks(self.annotations.documents_with_annotations())
        if self.facet_bar.facet().with_notes:
            self.apply_facets()
        self.notes_changed.emit()

    def _show_storage_problem(self, message: str) -> None:
        if message:
            self.statusBar().showMessage(message)
            self.tell(message, QMessageBox.Icon.Warning)
        else:
            self.statusBar().showMessage(self.tr("Your notes are saved again."), 6000)

    def export_notes(self) -> None:
        path, chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Export Notes"),
            "notes.md",
            self.tr("Markdown (*.md);;W3C Web Annotations JSON (*.json)"),
        )
        if path:
            self.write_notes_export(
                Path(path), "json" if path.endswith(".json") or "JSON" in chosen else "md"
            )

    def write_notes_export(self, path: Path, fmt: str) -> None:
        annotations = self.annotations.query()
        documents = self._documents({annotation.document_id for annotation in annotations})
        if fmt == "json":
            text = (
                json.dumps(to_w3c_json(annotations, documents), ensure_ascii=False, indent=2) + "\n"
            )
        else:
            text = to_markdown(annotations, documents)
        try:
            write_text_atomically(path, text, durable=True)
        except OSError as error:
            self.tell(
                self.tr("Could not write %1: %2")
                .replace("%1", str(path))
                .replace("%2", error.strerror or str(error)),
            )
            return
        self.statusBar().showMessage(
            self.tr("Exported %n note(s) to %1", "", len(annotations)).replace("%1", str(path)),
            8000,
        )

    def import_notes(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import Notes"),
            "",
            self.tr("W3C Web Annotations (*.json *.jsonld);;All files (*)"),
        )
        if path:
            self.read_notes_import(Path(path))

    def read_notes_import(self, path: Path) -> NotesImportReport | None:
        if self.annotations.store is None:
            return None
        try:
            documents = self._documents(document.id for document in self.library)
            report = import_w3c(path.read_bytes(), self.annotations.store, documents)
        except (OSError, NotesImportError, StorageUnavailable) as error:
            self.tell(
                self.tr("Could not import %1: %2")
                .replace("%1", path.name)
                .replace("%2", str(error)),
                QMessageBox.Icon.Warning,
            )
            return None
        self.tell(
            self.tr("Imported notes from %1: %2")
            .replace("%1", path.name)
            .replace("%2", report.summary())
        )
        self.annotations.changed.emit(self.current_id or "")
        return report

    # -- alignment corrections -------------------------------------------------------------------

    def _correct_alignment(self, alignment: Alignment) -> None:
        if self.current_id is None or self.reading_view.alignment is None:
            return
        shown = self.reading_view.alignment
        corrected_before = self.corrections.has_correction(
            self.current_id, shown.source_count, shown.target_count
        )
        command = AlignmentChange(
            self, self.current_id, self.reading_view.alignment, alignment, corrected_before
        )
        self.undo_stack.push(command)

    def reset_alignment(self) -> None:
        document = self.library.get(self.current_id) if self.current_id else None
        shown = self.reading_view.alignment
        if (
            document is None
            or shown is None
            or not self.corrections.has_correction(
                document.id, shown.source_count, shown.target_count
            )
        ):
            return
        automatic = text_pair(document).alignment
        command = AlignmentChange(
            self, document.id, self.reading_view.alignment, automatic, True, reset=True
        )
        command.setText(self.tr("reset alignment"))
        self.undo_stack.push(command)

    def apply_alignment(
        self, document_id: str, alignment: Alignment, keep_as_correction: bool
    ) -> None:
        """Save (or forget) a correction and show it; used by undoable commands."""
        document = self.library.entry(document_id)
        pair = self._pair_for(self.library.get(document_id)) if document is not None else None
        counts = (alignment.source_count, alignment.target_count)
        if pair is None or counts != (pair.alignment.source_count, pair.alignment.target_count):
            # The text changed since this edit (a re-import): the old pairs no longer fit it.
            self.statusBar().showMessage(
                self.tr("That alignment change no longer fits the document's text"), 8000
            )
            return
        try:
            if keep_as_correction:
                self.corrections.save(document_id, alignment)
            else:
                self.corrections.reset(document_id, *counts)
        except OSError as error:
            self.tell(
                self.tr(
                    "The alignment correction could not be saved (%1); it applies until you close the app."
                ).replace("%1", error.strerror or str(error)),
                QMessageBox.Icon.Warning,
            )
        if self.current_id != document_id:
            self.open_document(document_id)  # undoing an edit shows where it happened
        else:
            self.reading_view.set_alignment(alignment)
        self._update_alignment_actions()

    def _update_alignment_actions(self) -> None:
        view = self.reading_view
        self.link_action.setEnabled(view.can_link())
        for action in (self.unlink_action, self.merge_action, self.split_action):
            action.setEnabled(view.can_edit_selected_pair())
        shown = view.alignment
        corrected = (
            self.current_id is not None
            and shown is not None
            and self.corrections.has_correction(
                self.current_id, shown.source_count, shown.target_count
            )
        )
        self.reset_alignment_action.setEnabled(corrected)
        if view.can_link():
            source, target = view.selected_paragraph("source"), view.selected_paragraph("target")
            self.statusBar().showMessage(
                self.tr(
                    "Selected ¶%1 of the transcript and ¶%2 of the translation: Ctrl+L links them"
                )
                .replace("%1", str(source + 1))
                .replace("%2", str(target + 1)),
                6000,
            )

    def add_documents(self, documents: Sequence[Document]) -> None:
        if any(document.id in self.library for document in documents):
            # A replaced text invalidates undo steps recorded against the old one.
            self.undo_stack.clear()
        for document in documents:
            self.library.add(document)
            self.timeline_model.add_document(document)
        if documents:
            filtered_before = self.facet_bar.facet().active
            self.facet_bar.set_documents(list(self.library))
            if filtered_before or self.facet_bar.facet().active:
                self.apply_facets()
            self._update_step_actions()

    # -- facets ----------------------------------------------------------------------------------

    def visible_entries(self) -> list:
        """The library as the facets let it through, in date order."""
        facet = self.facet_bar.facet()
        if not facet.active:
            return list(self.library)
        annotated = self.annotations.documents_with_annotations() if facet.with_notes else {}
        return filter_documents(list(self.library), facet, annotated)

    def apply_facets(self, *_args: object) -> None:
        """Show only the documents the facets let through; the open one stays open."""
        entries = self.visible_entries()
        self.timeline_model.set_library(entries)
        if self.current_id is not None:
            self.timeline.select_document(self.current_id)
        shown = len(entries)
        if self.facet_bar.facet().active:
            self.statusBar().showMessage(
                self.tr("%1 of %2 documents match the filters")
                .replace("%1", str(shown))
                .replace("%2", str(len(self.library))),
                6000,
            )
        if self.search_dock.isVisible() and self.search_panel.query():
            self.search_panel.run()  # search results respect the filters too
        self._update_step_actions()

    def open_files(self, paths: Sequence[Path]) -> None:
        """Read files, add them to the timeline and open the first; say which could not be read."""
        load = load_paths(paths)
        self.add_documents(load.documents)
        if load.documents:
            self.open_document(load.documents[0].id)
        self.report_errors(load.errors)

    # -- search ----------------------------------------------------------------------------------

    def show_search(self) -> None:
        self.search_dock.show()
        self.search_dock.raise_()
        self.search_panel.focus_search()

    def _search(self, query: str, order: str) -> list[DocumentHits]:
        if self.search_index is None:
            # Opened on first use, on this thread: SQLite connections stay in their thread.
            self.search_index = SearchIndex.open()
        if not self._notes_indexed:
            try:
                self.search_index.replace_notes(self._note_rows())
                self.search_index.commit()
                self._notes_indexed = True
            except sqlite3.OperationalError:
                pass  # a background job holds the index: search what is there, refresh next time
        results = self.search_index.search(query, order=order)
        if self.facet_bar.facet().active:  # filters and search combine
            allowed = {entry.id for entry in self.visible_entries()}
            results = [result for result in results if result.document_id in allowed]
        return results

    def _note_rows(self) -> list[tuple[str, str, str]]:
        """The reader's notes and tags as the search index takes them."""
        rows = []
        for annotation in self.annotations.query():
            text = " ".join((annotation.note, *annotation.tags)).strip()
            if text:
                rows.append((annotation.id, annotation.document_id, text))
        return rows

    def update_search_index(self, folders: Sequence[Path]) -> None:
        """Index new or changed documents in the background (a first start, after an update)."""
        self.indexer.start(index_work(folders))

    def open_search_hit(self, document_id: str, hit: Hit | None) -> None:
        """Open a hit's document with its paragraph at the top and the aligned one marked."""
        if document_id not in self.library:
            self.statusBar().showMessage(self.tr("That document is no longer in the library"), 5000)
            return
        if hit is not None and hit.kind == "note" and hit.annotation_id:
            annotation = self.annotations.get(hit.annotation_id)
            if annotation is not None:
                self.open_annotation(annotation)
                return
        self.open_document(document_id)
        if hit is None or hit.kind != "text" or hit.paragraph is None:
            return
        side = "source" if hit.side == "transcript" else "target"
        text = self.reading_view.text_of(side)
        if text is None or hit.paragraph >= len(text.paragraphs):
            return
        self.reading_view.show_annotation(side, hit.paragraph, 0, 0)

    def _show_find_matches(self, matches: dict[int, list[tuple[int, int, int]]]) -> None:
        for pane_index, pane in enumerate(self.reading_view.panes):
            pane.set_find_matches(matches.get(pane_index, []))

    # -- importing documents ---------------------------------------------------------------------

    def choose_import(self) -> None:
        dialog = QFileDialog(self, self.tr("Import Documents"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilters([self.tr("Documents (*.txt *.md)"), self.tr("All files (*)")])
        if dialog.exec():
            self.import_documents([Path(f) for f in dialog.selectedFiles()])

    def choose_import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Import a Folder of Documents"))
        if folder:
            self.import_documents([Path(folder)])

    def import_documents(self, paths: Sequence[Path]) -> bool:
        """Copy documents into the user's library in the background, with progress and cancel."""
        if not self.importer.start(import_work(paths, self.user_library, self._bundled_ids())):
            self.statusBar().showMessage(self.tr("An import is already running"), 4000)
            return False
        progress = QProgressDialog(self.tr("Importing documents…"), self.tr("Cancel"), 0, 0, self)
        progress.setWindowTitle(self.tr("Import"))
        progress.setMinimumDuration(400)  # a quick import never flashes a dialog
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.canceled.connect(self.importer.cancel)
        self._import_progress = progress
        return True

    def _bundled_ids(self) -> set[str]:
        return {
            document.id
            for document in self.library
            if document.path is not None and document.path.parent != self.user_library
        }

    def _import_progressed(self, done: int, total: int, current: str) -> None:
        if self._import_progress is not None:
            self._import_progress.setMaximum(total)
            self._import_progress.setValue(done)
            self._import_progress.setLabelText(
                self.tr("Importing %1 of %2: %3")
                .replace("%1", str(done))
                .replace("%2", str(total))
                .replace("%3", Path(current).name)
            )

    def _import_finished(self, report: ImportReport | Exception) -> None:
        if self._import_progress is not None:
            self._import_progress.reset()
            self._import_progress.deleteLater()
            self._import_progress = None
        if isinstance(report, Exception):
            self.tell(
                self.tr(
                    "The import stopped: %1. Documents copied before that are in your library."
                ).replace("%1", str(report)),
                QMessageBox.Icon.Warning,
            )
            return
        ids = [
            item.document_id
            for item in report.items
            if item.outcome in (Outcome.IMPORTED, Outcome.UPDATED) and item.document_id
        ]
        load = load_paths([self.user_library / f"{name}.txt" for name in ids]) if ids else None
        if load is not None:
            self.add_documents(load.documents)
            self.notes_panel.set_document_titles(
                {document.id: document.title for document in self.library}
            )
            if load.documents and self.current_id in ids:
                self.open_document(self.current_id)  # an updated record: show the new text
        self.last_import_report = report
        box = QMessageBox(
            QMessageBox.Icon.Warning if report.failed else QMessageBox.Icon.Information,
            APP_NAME,
            self.tr("Import finished: %1").replace("%1", report.summary()),
            parent=self,
        )
        box.setDetailedText("\n".join(item.describe() for item in report.items))
        box.setModal(False)
        box.show()
        self.last_notice_box = box
        self.import_finished.emit(report)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and all(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_documents(paths)

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Open Archive Documents"),
            "",
            self.tr("Documents (*.txt *.md);;All files (*)"),
        )
        if files:
            self.open_files([Path(f) for f in files])

    def report_errors(self, errors: Sequence[ParseError]) -> None:
        self.load_errors.extend(errors)
        if not errors:
            return
        lines = "\n".join(f"• {error}" for error in errors)
        self.statusBar().showMessage(
            self.tr("%n file(s) could not be read", "", len(errors)), 15000
        )
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            APP_NAME,
            self.tr("Some files could not be read."),
            parent=self,
        )
        box.setInformativeText(
            self.tr(
                "The other documents are open. Check that these are archive documents saved as text:"
            )
        )
        box.setDetailedText(lines)
        box.setModal(False)
        box.show()
        self.last_error_box = box

    def _save_unsaved_notes(self) -> None:
        """Closing while notes cannot reach the database: put them in a file and say where."""
        documents = self._documents({a.document_id for a in self.annotations.query()})
        folders = [data_dir(), Path.home(), Path(tempfile.gettempdir())]
        path = self.annotations.write_pending_elsewhere(folders, documents)
        where = str(path) if path else self.tr("nowhere: no folder could be written")
        QMessageBox.warning(
            self,
            APP_NAME,
            self.tr(
                "Some notes could not be saved to the notes database. They were written to %1; "
                "import them with File > Import Notes (or `parallel-reader notes import`) when the "
                "data folder can be written again."
            ).replace("%1", where),
        )
        self.unsaved_notes_file = path

    def tell(self, message: str, icon: QMessageBox.Icon = QMessageBox.Icon.Information) -> None:
        """A notice the reader must see once (notes restored from a backup, an import report).

        Not modal: reading goes on, and nothing waits on the reader to click.
        """
        box = QMessageBox(icon, APP_NAME, message, parent=self)
        box.setModal(False)
        box.show()
        self.last_notice_box = box

    def step_document(self, step: int) -> None:
        if self.current_id is None:
            return
        # Date order as the timeline shows it, so the filters apply to stepping as well.
        ids = self.timeline_model.document_ids_in_order()
        if self.current_id in ids:
            position = ids.index(self.current_id) + step
            if 0 <= position < len(ids):
                self.open_document(ids[position])
            return
        neighbour = self.library.neighbour(self.current_id, step)
        if neighbour is not None:
            self.open_document(neighbour)

    def _update_step_actions(self) -> None:
        """Previous/Next follow the timeline as shown (filters included)."""
        if self.current_id is None:
            return
        ids = self.timeline_model.document_ids_in_order()
        position = ids.index(self.current_id) if self.current_id in ids else -1
        if position >= 0:
            self.previous_action.setEnabled(position > 0)
            self.next_action.setEnabled(position < len(ids) - 1)
        else:
            self.previous_action.setEnabled(self.library.neighbour(self.current_id, -1) is not None)
            self.next_action.setEnabled(self.library.neighbour(self.current_id, 1) is not None)

    def _update_actions(self, document: Document) -> None:
        self.copy_citation_action.setEnabled(bool(document.citation))
        self.copy_source_action.setEnabled(self.reading_view.text_of("source") is not None)
        self.copy_target_action.setEnabled(self.reading_view.text_of("target") is not None)
        self.swap_action.setEnabled(text_pair(document).is_bilingual)
        self._update_step_actions()
        self.bookmark_document_action.setChecked(self._document_bookmark() is not None)

    def _update_title(self) -> None:
        entry = self.library.entry(self.current_id) if self.current_id else None
        self.setWindowTitle(f"{APP_NAME} — {entry.title}" if entry else APP_NAME)

    def _documents(self, document_ids: Iterable[str]) -> list[Document]:
        """Whole documents for these ids, skipping any whose file can no longer be read."""
        documents = []
        for document_id in document_ids:
            with contextlib.suppress(ParseError):
                document = self.library.get(document_id)
                if document is not None:
                    documents.append(document)
        return documents

    def _copy_text(self, side: str) -> None:
        text = self.reading_view.text_of(side)
        if text is not None:
            QGuiApplication.clipboard().setText("\n\n".join(text.paragraphs))

    # -- view state ------------------------------------------------------------------------------

    def zoom(self, factor: float) -> None:
        size = min(max(self.settings.point_size * factor, MIN_POINT_SIZE), MAX_POINT_SIZE)
        self._set_point_size(size)

    def reset_zoom(self) -> None:
        self._set_point_size(DEFAULT_POINT_SIZE)

    def _set_point_size(self, size: float) -> None:
        self.settings.point_size = size
        self.reading_view.set_point_size(size)
        self.statusBar().showMessage(
            self.tr("Text size %1%").replace("%1", str(round(size / DEFAULT_POINT_SIZE * 100))),
            2000,
        )

    def set_theme(self, theme: str) -> None:
        self.settings.theme = theme
        for action in self.theme_group.actions():
            action.setChecked(action.data() == theme)
        self._apply_theme(theme)
        self.reading_view.refresh_colours()

    def _toggle_timeline(self) -> None:
        self.timeline.setVisible(not self.timeline.isVisible())
        self.toggle_timeline_action.setChecked(self.timeline.isVisible())

    def _remember_swap(self, swapped: bool) -> None:
        self.settings.swapped = swapped

    def _remember_position(self) -> None:
        if self.current_id is not None:
            self.settings.set_reading_position(self.current_id, *self.reading_view.position())

    def restore_layout(self) -> None:
        """Window geometry and splitter sizes from the last run, if any."""
        for key, restore in (
            ("geometry", self.restoreGeometry),
            ("window", self.restoreState),
            ("main_splitter", self.main_splitter.restoreState),
            ("reading_splitter", self.reading_view.splitter.restoreState),
        ):
            state = self.settings.state(key)
            if state is not None:
                restore(state)
        self.timeline.setVisible(self.settings.timeline_visible)
        self.toggle_timeline_action.setChecked(self.settings.timeline_visible)

    def save_layout(self) -> None:
        self.settings.set_state("geometry", self.saveGeometry())
        self.settings.set_state("window", self.saveState())
        self.settings.set_state("main_splitter", self.main_splitter.saveState())
        self.settings.set_state("reading_splitter", self.reading_view.splitter.saveState())
        self.settings.timeline_visible = not self.timeline.isHidden()
        self._remember_position()
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        for job in (self.importer, self.indexer):
            job.cancel()  # finish cleanly: the file at hand completes, no more start
            job.wait()
        if self.search_index is not None:
            self.search_index.close()
        self.notes_panel.flush()  # the last words typed into a note
        if not self.annotations.retry():
            self._save_unsaved_notes()
        self.save_layout()
        super().closeEvent(event)

    def show_about(self) -> None:
        corpus = bundled_corpus_dir()
        bundled = [
            entry.id
            for entry in self.library
            if getattr(entry, "path", None) and entry.path.parent == corpus
        ]
        AboutDialog(self._documents(bundled), data_dir(), self).exec()

    def show_shortcuts(self) -> None:
        rows = [
            (
                action.text().replace("&", ""),
                ", ".join(
                    s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts()
                ),
            )
            for action in self.actions()
            if action.shortcuts()
        ]
        text = "\n".join(f"{keys:<24} {name}" for name, keys in rows)
        box = QMessageBox(QMessageBox.Icon.NoIcon, self.tr("Keyboard Shortcuts"), text, parent=self)
        font = box.font()
        font.setFamily("monospace")
        box.setFont(font)
        box.exec()
