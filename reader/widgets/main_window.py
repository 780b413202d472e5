"""The main window: builds its children and wires them together, in this one place."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reader import APP_NAME
from reader.core.corpus import load_paths
from reader.core.document import Document, ParseError
from reader.core.library import Library
from reader.core.pairing import text_pair
from reader.models.timeline_model import TimelineModel
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
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.library = library
        self.settings = settings
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

        help_menu = menu_bar.addMenu(self.tr("&Help"))
        help_menu.addAction(
            self._action(self.tr("&Keyboard Shortcuts"), ["F1"], self.show_shortcuts)
        )

    def _wire(self) -> None:
        self.timeline.document_selected.connect(self.open_document)
        self.reading_view.sides_swapped.connect(self._remember_swap)

    # -- documents -------------------------------------------------------------------------------

    def open_document(self, document_id: str) -> None:
        document = self.library.get(document_id)
        if document is None:
            return
        self._remember_position()
        self.current_id = document_id
        self.header.show_document(document)
        self.reading_view.show_pair(text_pair(document), self.settings.swapped)
        self.reading_view.restore_position(*self.settings.reading_position(document_id))
        self.timeline.select_document(document_id)
        self.settings.last_document = document_id
        self._update_actions(document)
        self._update_title()
        self.document_opened.emit(document_id)

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
