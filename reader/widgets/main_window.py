"""The main window: lays out its children and wires them to the services, in one place.

Widgets render and emit intents; the services (``reader.services``) carry out the use cases and
report back through signals. Menus and actions are in :mod:`reader.widgets.window_actions`.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QMainWindow, QMessageBox, QSplitter, QVBoxLayout, QWidget

from reader import APP_NAME
from reader.core.alignment import Alignment
from reader.core.annotations import Annotation
from reader.core.document import Document, ParseError
from reader.core.library import Entry, Library
from reader.core.pairing import TextPair
from reader.core.sides import Side
from reader.models.display_text import paragraph_place, shown
from reader.models.timeline_model import TimelineModel
from reader.services.composition import Services
from reader.services.library import ImportReport
from reader.services.messages import Level
from reader.services.notes import NotesService
from reader.services.search import DocumentHits, Hit, Order, locate
from reader.widgets import notices, preferences_dialog, window_layout
from reader.widgets.about_dialog import AboutDialog
from reader.widgets.document_header import DocumentHeader
from reader.widgets.facet_bar import FacetBar
from reader.widgets.file_dialogs import FileDialogs
from reader.widgets.find_bar import FindBar
from reader.widgets.import_progress import ImportProgress
from reader.widgets.notes_panel import NotesPanel
from reader.widgets.reading_room import ReadingRoom
from reader.widgets.reading_view import ReadingView
from reader.widgets.search_panel import SearchPanel
from reader.widgets.timeline import TimelineView
from reader.widgets.ui_settings import (
    DEFAULT_POINT_SIZE,
    MAX_POINT_SIZE,
    MIN_POINT_SIZE,
    UiSettings,
)
from reader.widgets.window_actions import WindowActions

ZOOM_STEP = 1.1


class MainWindow(QMainWindow):
    document_opened = Signal(str)
    import_finished = Signal(object)  # ImportReport, or the Exception that stopped the import

    def __init__(
        self,
        services: Services,
        settings: UiSettings,
        apply_theme: Callable[[str], None] = lambda _theme: None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.services = services
        services.adopt(self)
        self.session = services.session
        self.notes: NotesService = services.notes
        self.undo_stack = services.undo_stack
        self.settings = settings
        self._apply_theme = apply_theme
        self._import_progress: ImportProgress | None = None
        self.dialogs = FileDialogs(self, settings)
        self.last_notice_box: QMessageBox | None = None
        self.last_error_box: QMessageBox | None = None
        self.unsaved_notes_file: Path | None = None
        self._opened_by_default = False
        self._build_children()
        self._build_layout()
        self.menus = WindowActions(self, self.undo_stack, settings.theme)
        self.menus.add_notes_panel_toggle(self.notes_dock.toggleViewAction())
        self.menus.enable_notes(self.notes.available)
        self.reading_view.set_context_actions(self.menus.reading_context_actions)
        self._connect_signals()
        self.setAcceptDrops(True)  # drop files or folders to import them
        self._update_title()
        self.resize(1280, 820)

    # -- construction ----------------------------------------------------------------------------

    def _build_children(self) -> None:
        library = self.session.library
        self.timeline_model = TimelineModel(library, self)
        self.timeline = TimelineView(self.timeline_model, self)
        self.header = DocumentHeader(self)
        self.header.set_expanded(self.settings.header_expanded)
        self.reading_view = ReadingView(self)
        self.reading_view.set_point_size(self.settings.point_size)
        self.notes_panel = NotesPanel(self)
        self.notes_panel.set_document_titles({entry.id: entry.title for entry in library})
        self.notes_panel.set_source(self.notes.query, self.notes.tags, self.notes.unplaced)
        self.search_panel = SearchPanel(self._search, self, more_hits=self.services.search.document_hits)
        self.find_bar = FindBar(self)
        self.find_bar.set_targets(list(self.reading_view.panes))
        self.facet_bar = FacetBar(self)
        self.facet_bar.set_documents(list(library), reading=library.partial)
        self.timeline_model.set_marks(self.notes.documents_with_annotations())

    def _build_layout(self) -> None:
        document_area = QWidget(self)
        layout = QVBoxLayout(document_area)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.reading_view, 1)
        layout.addWidget(self.find_bar)
        self.find_bar.hide()
        self.sidebar = QWidget(self)
        sidebar_layout = QVBoxLayout(self.sidebar)
        sidebar_layout.setContentsMargins(0, 0, 0, 0)
        sidebar_layout.setSpacing(4)
        sidebar_layout.addWidget(self.facet_bar)
        sidebar_layout.addWidget(self.timeline, 1)
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.main_splitter.setObjectName("mainSplitter")
        self.main_splitter.addWidget(self.sidebar)
        self.main_splitter.addWidget(document_area)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setSizes([280, 1000])
        self.main_splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.main_splitter)
        self.notes_dock = window_layout.dock(self, "notesDock", self.tr("Notes"), self.notes_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.notes_dock)
        self.search_dock = window_layout.dock(self, "searchDock", self.tr("Search"), self.search_panel)
        # Tabbed together, so the reading panes never share the width with two panels at once.
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.search_dock)
        self.tabifyDockWidget(self.notes_dock, self.search_dock)
        self.room = ReadingRoom(self, self.main_splitter, self.reading_view)  # after the docks

    def _connect_signals(self) -> None:
        m, view, session, notes = self.menus, self.reading_view, self.session, self.notes
        # File
        m.open_action.triggered.connect(self.choose_files)
        m.import_action.triggered.connect(self.choose_import)
        m.import_folder_action.triggered.connect(self.choose_import_folder)
        m.export_notes_action.triggered.connect(self.export_notes)
        m.import_notes_action.triggered.connect(self.import_notes)
        m.quit_action.triggered.connect(self.close)
        # Edit
        m.copy_citation_action.triggered.connect(lambda: self.copy_citation())
        m.copy_csl_action.triggered.connect(lambda: self.copy_citation(csl_json=True))
        m.export_citation_action.triggered.connect(lambda: self.export_citations(everything=False))
        m.export_citations_action.triggered.connect(lambda: self.export_citations(everything=True))
        m.copy_source_action.triggered.connect(lambda: self._copy_text(Side.TRANSCRIPT))
        m.copy_target_action.triggered.connect(lambda: self._copy_text(Side.TRANSLATION))
        # View
        self.room.bind(m.toggle_timeline_action)
        m.swap_action.triggered.connect(view.swap_sides)
        m.zoom_in_action.triggered.connect(lambda: self.zoom(ZOOM_STEP))
        m.zoom_out_action.triggered.connect(lambda: self.zoom(1 / ZOOM_STEP))
        m.zoom_reset_action.triggered.connect(self.reset_zoom)
        m.theme_group.triggered.connect(lambda action: self.set_theme(str(action.data())))
        # Go
        m.previous_action.triggered.connect(lambda: self.step_document(-1))
        m.next_action.triggered.connect(lambda: self.step_document(1))
        m.focus_timeline_action.triggered.connect(self.timeline.setFocus)
        m.focus_text_action.triggered.connect(view.focus_text)
        m.search_action.triggered.connect(self.show_search)
        m.find_action.triggered.connect(self.find_bar.open)
        # Notes
        m.highlight_action.triggered.connect(lambda: self.highlight_selection())
        for colour, action in m.colour_actions.items():
            action.triggered.connect(lambda _checked=False, c=colour: self.highlight_selection(c))
        m.add_note_action.triggered.connect(self.add_note)
        m.bookmark_paragraph_action.triggered.connect(self.bookmark_paragraph)
        m.bookmark_document_action.triggered.connect(self.toggle_document_bookmark)
        # Alignment
        m.link_action.triggered.connect(view.link_selected)
        m.unlink_action.triggered.connect(view.unlink_selected)
        m.merge_action.triggered.connect(view.merge_selected_with_next)
        m.split_action.triggered.connect(view.split_at_selected)
        m.reset_alignment_action.triggered.connect(self.reset_alignment)
        # Help
        m.shortcuts_action.triggered.connect(lambda: notices.show_window_shortcuts(self))
        m.about_action.triggered.connect(self.show_about)
        preferences_dialog.attach(self)  # Edit > Preferences, and the reading font it keeps
        # Children's intents
        self.timeline.document_selected.connect(self.open_document)
        self.header.citation_requested.connect(self.copy_citation)
        view.sides_swapped.connect(self._remember_swap)
        self.header.expanded_changed.connect(lambda shown: setattr(self.settings, "header_expanded", shown))
        view.alignment_change_requested.connect(self._correct_alignment)
        view.selection_changed.connect(self._update_alignment_actions)
        self.notes_panel.annotation_activated.connect(self.open_annotation)
        self.notes_panel.note_edited.connect(notes.edit)
        self.notes_panel.delete_requested.connect(notes.remove)
        self.search_panel.hit_activated.connect(self.open_search_hit)
        self.facet_bar.facet_changed.connect(self.apply_facets)
        self.find_bar.matches_changed.connect(self._show_find_matches)
        self.document_opened.connect(self.notes_panel.set_current_document)
        # Services' reports
        session.document_opened.connect(self._show_document)
        session.pair_changed.connect(self._show_pair_change)
        session.documents_added.connect(self._documents_added)
        session.visible_changed.connect(self._show_visible)
        session.library_reloaded.connect(self._library_reloaded)
        session.unreadable.connect(self._show_unreadable)
        notes.changed.connect(self._annotations_changed)
        notes.saved.connect(self.notes_panel.annotation_saved)
        notes.removed.connect(lambda annotation: self.notes_panel.remove_annotation(annotation.id))
        notes.reloaded.connect(self.notes_panel.refresh)
        notes.storage_problem.connect(self._show_storage_problem)
        self.services.messages.status.connect(self._show_status)
        self.room.notice.connect(self._show_status)
        self.services.messages.notice.connect(self.tell)
        self.services.imports.progressed.connect(self._import_progressed)
        self.services.imports.finished.connect(self._import_finished)
        self.services.search.index_updated.connect(self._refresh_search)

    # -- what the window shows ------------------------------------------------------------------

    @property
    def library(self) -> Library:
        return self.session.library

    @property
    def current_id(self) -> str | None:
        return self.session.document_id

    def _show_status(self, text: str, timeout_ms: int = 6000) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def tell(self, message: str, level: Level = Level.INFO) -> None:
        """A notice the reader must see once (notes restored from a backup, an import report)."""
        self.last_notice_box = notices.show_notice(self, message, level)

    def _show_unreadable(self, errors: list[ParseError]) -> None:
        self._show_status(self.tr("%n file(s) could not be read", "", len(errors)), 15000)
        self.last_error_box = notices.show_unreadable(self, errors)

    def _update_title(self) -> None:
        entry = self.library.entry(self.current_id) if self.current_id else None
        self.setWindowTitle(f"{APP_NAME} — {shown(entry.title, 120)}" if entry else APP_NAME)

    # -- documents -------------------------------------------------------------------------------

    def open_document(self, document_id: str, *, by_default: bool = False) -> None:
        """Open a record; ``by_default`` when the reader did not ask for it (at start)."""
        self._opened_by_default = by_default
        if document_id != self.current_id:
            self._remember_position()
            self.statusBar().clearMessage()  # "¶63 selected" means nothing in the next record
        self.session.open(document_id)

    def _show_document(self, document: Document, pair: TextPair) -> None:
        self.header.show_document(document)
        self.reading_view.show_pair(
            pair, self.settings.swapped, original_language=document.original_language
        )
        self.reading_view.set_annotations(self.notes.for_document(document.id))
        self.reading_view.restore_position(*self.settings.reading_position(document.id))
        self.timeline.select_document(document.id)
        if not self._opened_by_default:  # the one they read last may still be on its way
            self.settings.last_document = document.id
        self._update_actions(document, pair)
        self._update_title()
        self.document_opened.emit(document.id)

    def _show_pair_change(self, pair: TextPair) -> None:
        self.reading_view.set_alignment(pair.alignment)
        self._update_alignment_actions()

    def step_document(self, step: int) -> None:
        neighbour = self.session.neighbour(step)
        if neighbour is not None:
            self.open_document(neighbour)

    def _update_step_actions(self) -> None:
        self.menus.previous_action.setEnabled(self.session.neighbour(-1) is not None)
        self.menus.next_action.setEnabled(self.session.neighbour(1) is not None)

    def _update_actions(self, document: Document, pair: TextPair) -> None:
        self.menus.follow_document(pair.source, pair.target)
        self._update_step_actions()
        self._update_bookmark_action()
        self._update_alignment_actions()

    def _update_bookmark_action(self) -> None:
        bookmark = self.notes.document_bookmark(self.current_id) if self.current_id else None
        self.menus.bookmark_document_action.setChecked(bookmark is not None)

    def copy_citation(self, csl_json: bool = False) -> None:
        """The Chicago note, the selected quote first, if any; or the record as CSL-JSON text."""
        selection = self.reading_view.text_selection()
        where = (Side(selection[0]), *selection[1:]) if selection else None
        payload = self.services.citations.clipboard(where)
        if payload is not None:
            # Text only: a QMimeData handed to the clipboard from Python is freed twice at exit
            # by PySide6 6.11 (a crash); Zotero's Import from Clipboard reads CSL-JSON as text.
            QGuiApplication.clipboard().setText(payload[1] if csl_json else payload[0])

    def export_citations(self, everything: bool) -> None:
        name = "timeline" if everything else (self.current_id or "citation")
        target = self.dialogs.citation_target(name)
        if target is None:
            return
        if everything:
            self.services.citations.export_entries(target, self.session.visible_entries())
        elif self.session.document is not None:
            self.services.citations.export(target, [self.session.document])

    def _copy_text(self, side: Side) -> None:
        text = self.session.pair.text_on(side) if self.session.pair else None
        if text is not None:
            QGuiApplication.clipboard().setText("\n\n".join(text.paragraphs))

    def _documents_added(self, documents: list[Document]) -> None:
        for document in documents:
            self.timeline_model.add_document(document)
        self.facet_bar.set_documents(list(self.library), reading=self.library.partial)
        self.notes_panel.set_document_titles({entry.id: entry.title for entry in self.library})
        self._update_step_actions()

    def _library_reloaded(self) -> None:
        """The library read in the background changed: show it, and the document asked for."""
        self._show_visible(self.session.visible_entries())
        self._documents_added([])
        wanted = self.settings.last_document
        if self._opened_by_default and wanted and wanted in self.library:
            self.open_document(wanted)
        elif self.current_id is None and self.library.ids():  # the cache was empty at start
            self.open_document(self.library.ids()[0], by_default=True)

    def open_files(self, paths: Sequence[Path]) -> None:
        """Read files, add them to the timeline and open the first; say which could not be read."""
        first = self.session.open_files(paths)
        if first is not None:
            self.open_document(first)

    def choose_files(self) -> None:
        files = self.dialogs.documents_to_open()
        if files:
            self.open_files(files)

    # -- facets ----------------------------------------------------------------------------------

    def apply_facets(self, *_args: object) -> None:
        """Show only the documents the facets let through; the open one stays open."""
        self.session.set_facet(self.facet_bar.facet())
        if self.session.facet.active:
            self._show_status(
                self.tr("%1 of %2 documents match the filters")
                .replace("%1", str(len(self.session.visible_entries())))
                .replace("%2", str(len(self.library)))
            )

    def _show_visible(self, entries: list[Entry]) -> None:
        self.timeline_model.set_library(entries)
        if self.current_id is not None:
            self.timeline.select_document(self.current_id)
        self._refresh_search()  # search results respect the filters too
        self._update_step_actions()

    # -- notes, highlights and bookmarks ---------------------------------------------------------

    def _selection(self) -> tuple[Side, int, int, int] | None:
        selection = self.reading_view.text_selection()
        if selection is None or self.current_id is None or not self.notes.available:
            self._show_status(self.tr("Select some text first"), 4000)
            return None
        side, paragraph, start, end = selection
        return Side(side), paragraph, start, end

    def highlight_selection(self, colour: str | None = None) -> Annotation | None:
        where = self._selection()
        return self.session.highlight(where, colour) if where else None

    def add_note(self) -> Annotation | None:
        """A note on the selected text, or on the whole selected paragraph; then edit it."""
        if self.reading_view.text_selection() is None and not self.reading_view.select_focus():
            return None
        where = self._selection()
        annotation = self.session.highlight(where, kind="note") if where else None
        if annotation is not None:
            self.notes_dock.show()
            self.notes_dock.raise_()
            self.notes_panel.refresh()
            self.notes_panel.select_annotation(annotation.id)
            self.notes_panel.focus_note_editor()
        return annotation

    def bookmark_paragraph(self) -> None:
        focus = self.reading_view.paragraph_in_focus()
        made = self.session.toggle_paragraph_bookmark(Side(focus[0]), focus[1]) if focus else None
        if made is not None and made.position is not None:  # "RU ¶ 3": the side's own number
            where = paragraph_place(made.language, made.position.paragraph)
            self._show_status(self.tr("Bookmarked %1").replace("%1", where), 3000)

    def toggle_document_bookmark(self) -> None:
        if self.current_id is not None:
            self.notes.toggle_document_bookmark(self.current_id)

    def open_annotation(self, annotation: Annotation) -> None:
        """Jump to a note: its document, its pair level in both panes, its quote selected."""
        if annotation.document_id != self.current_id:
            self.open_document(annotation.document_id)
        place = self.session.place_of(annotation)
        if place is not None:
            self.reading_view.show_annotation(*place)

    def _annotations_changed(self, document_id: str) -> None:
        if document_id == self.current_id or not document_id:
            if self.current_id is not None:
                self.reading_view.set_annotations(self.notes.for_document(self.current_id))
            self._update_bookmark_action()
        self.timeline_model.set_marks(self.notes.documents_with_annotations())

    def _show_storage_problem(self, message: str) -> None:
        if message:
            self._show_status(message, 0)
            self.tell(message, Level.WARNING)
        else:
            self._show_status(self.tr("Your notes are saved again."), 6000)

    def export_notes(self) -> None:
        target = self.dialogs.notes_export_target()
        if target is not None:
            self.notes.export(*target)

    def import_notes(self) -> None:
        path = self.dialogs.notes_to_import()
        if path is not None:
            self.notes.import_file(path)

    def _save_unsaved_notes(self) -> None:
        """Closing while notes cannot reach the database: put them in a file and say where."""
        workspace = self.services.workspace
        folders = [workspace.data_dir, workspace.state_dir, Path(tempfile.gettempdir())]
        self.unsaved_notes_file = self.notes.write_pending_elsewhere(folders)
        notices.warn_and_wait(self, notices.unsaved_notes_text(self, self.unsaved_notes_file))

    # -- alignment corrections -------------------------------------------------------------------

    def _correct_alignment(self, alignment: Alignment) -> None:
        shown = self.reading_view.alignment
        if self.current_id is not None and shown is not None:
            self.services.alignment.correct(self.current_id, shown, alignment)

    def reset_alignment(self) -> None:
        if self.current_id is not None:
            self.services.alignment.reset(self.current_id)

    def _update_alignment_actions(self) -> None:
        view, m = self.reading_view, self.menus
        m.link_action.setEnabled(view.can_link())
        for action in (m.unlink_action, m.merge_action, m.split_action):
            action.setEnabled(view.can_edit_selected_pair())
        m.reset_alignment_action.setEnabled(self.services.alignment.is_corrected(self.current_id))
        if view.can_link():
            source = view.selected_paragraph(Side.TRANSCRIPT)
            target = view.selected_paragraph(Side.TRANSLATION)
            self._show_status(
                self.tr(
                    "Selected ¶%1 of the transcript and ¶%2 of the translation: Ctrl+L links them"
                )
                .replace("%1", str(source + 1))
                .replace("%2", str(target + 1))
            )

    # -- search ----------------------------------------------------------------------------------

    def show_search(self) -> None:
        self.search_dock.show()
        self.search_dock.raise_()
        self.search_panel.focus_search()

    def _search(self, query: str, order: str) -> list[DocumentHits]:
        ordering: Order = "date" if order == "date" else "relevance"
        return self.services.search.search(query, ordering, self.session.visible_ids())

    def _refresh_search(self) -> None:
        self.search_panel.refresh()  # results stay current after an import or a filter change

    def open_search_hit(self, document_id: str, hit: Hit | None) -> None:
        """Open a hit's document with its paragraph at the top and the aligned one marked."""
        if document_id not in self.library:
            self._show_status(self.tr("That document is no longer in the library"), 5000)
            return
        if hit is not None and hit.kind == "note" and hit.annotation_id:
            annotation = self.notes.get(hit.annotation_id)
            if annotation is not None:
                self.open_annotation(annotation)
                return
        self.open_document(document_id)
        place = locate(hit, self.session.pair) if hit and self.session.pair else None
        if place is not None:
            self.reading_view.show_annotation(*place)  # the matched word selected

    def _show_find_matches(self, found: dict[int, list[tuple[int, int, int]]]) -> None:
        for pane_index, pane in enumerate(self.reading_view.panes):
            pane.set_find_matches(found.get(pane_index, []))

    # -- importing documents ---------------------------------------------------------------------

    def choose_import(self) -> None:
        self.import_documents(self.dialogs.documents_to_import())

    def choose_import_folder(self) -> None:
        self.import_documents(self.dialogs.folder_to_import())

    def import_documents(self, paths: Sequence[Path]) -> bool:
        """Copy documents into the user's library in the background, with progress and cancel."""
        if not paths:
            return False
        if not self.services.imports.start(paths):
            self._show_status(self.tr("An import is already running"), 4000)
            return False
        self._import_progress = ImportProgress(self, self.services.imports.cancel)
        return True

    def _import_progressed(self, done: int, total: int, current: str) -> None:
        if self._import_progress is not None:
            self._import_progress.show_progress(done, total, current)

    def _import_finished(self, report: ImportReport | Exception) -> None:
        if self._import_progress is not None:
            self._import_progress.finish()
            self._import_progress = None
        self.last_notice_box = notices.show_import_report(self, report)
        self.import_finished.emit(report)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and all(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_documents(paths)

    # -- view state ------------------------------------------------------------------------------

    def zoom(self, factor: float) -> None:
        size = min(max(self.settings.point_size * factor, MIN_POINT_SIZE), MAX_POINT_SIZE)
        self._set_point_size(size)

    def reset_zoom(self) -> None:
        self._set_point_size(DEFAULT_POINT_SIZE)

    def _set_point_size(self, size: float) -> None:
        self.settings.point_size = size
        self.reading_view.set_point_size(size)
        percent = str(round(size / DEFAULT_POINT_SIZE * 100))
        self._show_status(self.tr("Text size %1%").replace("%1", percent), 2000)

    def set_theme(self, theme: str) -> None:
        self.settings.theme = theme
        self.menus.check_theme(theme)
        self._apply_theme(theme)
        self.reading_view.refresh_colours()

    def _remember_swap(self, swapped: bool) -> None:
        self.settings.swapped = swapped

    def _remember_position(self) -> None:
        if self.current_id is not None:
            self.settings.set_reading_position(self.current_id, *self.reading_view.position())

    def _splitters(self) -> dict[str, QSplitter]:
        return {"main_splitter": self.main_splitter, "reading_splitter": self.reading_view.splitter}

    def restore_layout(self) -> None:
        """Window geometry, docks and splitters from the last run, if any."""
        window_layout.restore_layout(self, self.settings, self._splitters())
        self.room.restore_sidebar(self.settings.timeline_visible)

    def save_layout(self) -> None:
        self.room.widths_to_keep()
        window_layout.save_layout(self, self.settings, self._splitters())
        self.settings.timeline_visible = self.room.sidebar_wanted()
        self._remember_position()
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.services.close()
        self.notes_panel.flush()  # the last words typed into a note
        if not self.notes.retry():
            self._save_unsaved_notes()
        self.notes.stop_retrying()
        self.save_layout()
        super().closeEvent(event)

    def show_about(self) -> None:
        workspace = self.services.workspace
        bundled = self.session.documents_in(workspace.corpus_dir)
        AboutDialog(bundled, workspace.data_dir, self).exec()
