"""The main window: builds its children and wires them together, in this one place."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reader import APP_NAME
from reader.core.alignment import Alignment
from reader.core.alignment_corrections import CorrectionStore
from reader.core.corpus import load_paths
from reader.core.document import Document, ParseError
from reader.core.library import Library
from reader.core.pairing import TextPair, text_pair
from reader.models.timeline_model import TimelineModel
from reader.paths import data_dir
from reader.widgets.about_dialog import AboutDialog
from reader.widgets.document_header import DocumentHeader
from reader.widgets.reading_view import ReadingView
from reader.widgets.timeline import TimelineView
from reader.widgets.ui_settings import (
    DEFAULT_POINT_SIZE,
    MAX_POINT_SIZE,
    MIN_POINT_SIZE,
    UiSettings,
)

ZOOM_STEP = 1.1
THEME_LABELS = {"auto": "Follow System", "light": "Light", "dark": "Dark"}


class MainWindow(QMainWindow):
    document_opened = Signal(str)

    def __init__(
        self,
        library: Library,
        settings: UiSettings,
        apply_theme: Callable[[str], None] = lambda _theme: None,
        corrections: CorrectionStore | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.library = library
        self.settings = settings
        self.corrections = corrections or CorrectionStore(data_dir())
        self.undo_stack = QUndoStack(self)
        self._apply_theme = apply_theme
        self.current_id: str | None = None
        self.timeline_model = TimelineModel(library, self)
        self.timeline = TimelineView(self.timeline_model, self)
        self.header = DocumentHeader(self)
        self.reading_view = ReadingView(self)
        self.reading_view.set_point_size(settings.point_size)
        self._build_layout()
        self._build_actions()
        self._wire()
        self.setAcceptDrops(False)
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
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.main_splitter.setObjectName("mainSplitter")
        self.main_splitter.addWidget(self.timeline)
        self.main_splitter.addWidget(document_area)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setSizes([280, 1000])
        self.main_splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.main_splitter)

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
        go_menu.addActions([self.previous_action, self.next_action])
        go_menu.addSeparator()
        go_menu.addActions([self.focus_timeline_action, self.focus_text_action])

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
        view.set_context_actions(edits)

    def _wire(self) -> None:
        self.timeline.document_selected.connect(self.open_document)
        self.reading_view.sides_swapped.connect(self._remember_swap)
        self.reading_view.alignment_change_requested.connect(self._correct_alignment)
        self.reading_view.selection_changed.connect(self._update_alignment_actions)

    # -- documents -------------------------------------------------------------------------------

    def open_document(self, document_id: str) -> None:
        document = self.library.get(document_id)
        if document is None:
            return
        self._remember_position()
        self.current_id = document_id
        self.header.show_document(document)
        self.reading_view.show_pair(self._pair_for(document), self.settings.swapped)
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

    # -- alignment corrections -------------------------------------------------------------------

    def _correct_alignment(self, alignment: Alignment) -> None:
        if self.current_id is None or self.reading_view.alignment is None:
            return
        corrected_before = self.corrections.has_correction(self.current_id)
        command = AlignmentChange(
            self, self.current_id, self.reading_view.alignment, alignment, corrected_before
        )
        self.undo_stack.push(command)

    def reset_alignment(self) -> None:
        document = self.library.get(self.current_id) if self.current_id else None
        if document is None or not self.corrections.has_correction(document.id):
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
        if keep_as_correction:
            self.corrections.save(document_id, alignment)
        else:
            self.corrections.reset(document_id)
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
        corrected = self.current_id is not None and self.corrections.has_correction(self.current_id)
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
        for document in documents:
            self.library.add(document)
            self.timeline_model.add_document(document)

    def open_files(self, paths: Sequence[Path]) -> None:
        """Read files, add them to the timeline and open the first; say which could not be read."""
        load = load_paths(paths)
        self.add_documents(load.documents)
        if load.documents:
            self.open_document(load.documents[0].id)
        self.report_errors(load.errors)

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

    def step_document(self, step: int) -> None:
        if self.current_id is None:
            return
        neighbour = self.library.neighbour(self.current_id, step)
        if neighbour is not None:
            self.open_document(neighbour)

    def _update_actions(self, document: Document) -> None:
        self.copy_citation_action.setEnabled(bool(document.citation))
        self.copy_source_action.setEnabled(self.reading_view.text_of("source") is not None)
        self.copy_target_action.setEnabled(self.reading_view.text_of("target") is not None)
        self.swap_action.setEnabled(text_pair(document).is_bilingual)
        self.previous_action.setEnabled(self.library.neighbour(document.id, -1) is not None)
        self.next_action.setEnabled(self.library.neighbour(document.id, 1) is not None)

    def _update_title(self) -> None:
        document = self.library.get(self.current_id) if self.current_id else None
        self.setWindowTitle(f"{APP_NAME} — {document.title}" if document else APP_NAME)

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
        self.save_layout()
        super().closeEvent(event)

    def show_about(self) -> None:
        AboutDialog(self.library, data_dir(), self).exec()

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


class AlignmentChange(QUndoCommand):
    """One correction to a document's alignment, undoable with Ctrl+Z."""

    def __init__(
        self,
        window: MainWindow,
        document_id: str,
        before: Alignment,
        after: Alignment,
        corrected_before: bool,
        reset: bool = False,
    ) -> None:
        super().__init__(window.tr("correct alignment"))
        self._window = window
        self._document_id = document_id
        self._before, self._after = before, after
        self._corrected_before = corrected_before
        self._reset = reset

    def redo(self) -> None:
        self._window.apply_alignment(
            self._document_id, self._after, keep_as_correction=not self._reset
        )

    def undo(self) -> None:
        self._window.apply_alignment(
            self._document_id, self._before, keep_as_correction=self._corrected_before
        )
