"""Every menu and action of the main window, with its text, shortcut and tip.

The actions are built here and connected to their slots in the window's ``_connect_signals``, so
this module knows what the reader can do and where it is in the menus, and nothing of how.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu, QMenuBar

from reader.core.annotations import COLOURS

THEME_LABELS = {"auto": "Follow System", "light": "Light", "dark": "Dark"}


class WindowActions:
    """The window's actions as attributes (``open_action``, ``link_action``, …) and its menus."""

    def __init__(self, window: QMainWindow, undo_stack: QUndoStack, theme: str) -> None:
        self._window = window
        bar = window.menuBar()
        self._build_file_menu(bar)
        self._build_edit_menu(bar, undo_stack)
        self._build_view_menu(bar, theme)
        self._build_go_menu(bar)
        self._build_notes_menu(bar)
        self._build_alignment_menu(bar)
        self._build_help_menu(bar)

    def _tr(self, text: str) -> str:
        return self._window.tr(text)

    def _action(
        self, text: str, shortcuts: Sequence[QKeySequence | QKeySequence.StandardKey | str] = (),
        tip: str = "",
    ) -> QAction:
        action = QAction(self._tr(text), self._window)
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if tip:
            action.setStatusTip(self._tr(tip))
        self._window.addAction(action)  # shortcuts work even when the menu bar is hidden
        return action

    def _build_file_menu(self, bar: QMenuBar) -> None:
        menu = bar.addMenu(self._tr("&File"))
        self.open_action = self._action(
            "&Open Document…",
            [QKeySequence.StandardKey.Open],
            "Open archive document files; they join the timeline",
        )
        self.export_notes_action = self._action("&Export Notes…", ["Ctrl+Shift+E"])
        self.import_notes_action = self._action("&Import Notes…")
        self.export_citation_action = self._action(
            "Export &Citation…", tip="Cite this document for a reference manager (RIS, BibTeX, CSL-JSON)"
        )
        self.export_citations_action = self._action(
            "Export Citations of the &Timeline…",
            tip="Cite every document the timeline shows, filters applied",
        )
        self.import_action = self._action(
            "&Import Documents…",
            ["Ctrl+I"],
            "Copy archive documents (files or a folder) into your library",
        )
        self.import_folder_action = self._action(
            "Import &Folder…",
            ["Ctrl+Shift+I"],
            "Copy every archive document in a folder (and its subfolders) into your library",
        )
        self.quit_action = self._action("&Quit", [QKeySequence.StandardKey.Quit])
        menu.addActions(
            [
                self.open_action,
                self.export_notes_action,
                self.import_notes_action,
                self.export_citation_action,
                self.export_citations_action,
                self.import_action,
                self.import_folder_action,
            ]
        )
        menu.addSeparator()
        menu.addAction(self.quit_action)

    def _build_edit_menu(self, bar: QMenuBar, undo_stack: QUndoStack) -> None:
        menu = bar.addMenu(self._tr("&Edit"))
        self.undo_action = undo_stack.createUndoAction(self._window, self._tr("&Undo"))
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = undo_stack.createRedoAction(self._window, self._tr("&Redo"))
        self.redo_action.setShortcuts(QKeySequence.StandardKey.Redo)
        for action in (self.undo_action, self.redo_action):
            self._window.addAction(action)
        menu.addActions([self.undo_action, self.redo_action])
        menu.addSeparator()
        self.copy_citation_action = self._action(
            "Copy &Citation",
            ["Ctrl+Shift+C"],
            "The Chicago note (and CSL-JSON for Zotero); with text selected, the quote with it",
        )
        self.copy_source_action = self._action("Copy &Transcript Text")
        self.copy_target_action = self._action("Copy T&ranslation Text")
        menu.addActions(
            [self.copy_citation_action, self.copy_source_action, self.copy_target_action]
        )

    def follow_document(self, transcript: object, translation: object) -> None:
        """Enable what the open document offers: its citation, each text, swapping sides."""
        self.copy_citation_action.setEnabled(True)  # a record with no citation still has a note
        self.export_citation_action.setEnabled(True)
        self.copy_source_action.setEnabled(transcript is not None)
        self.copy_target_action.setEnabled(translation is not None)
        self.swap_action.setEnabled(transcript is not None and translation is not None)

    def _build_view_menu(self, bar: QMenuBar, theme: str) -> None:
        menu = bar.addMenu(self._tr("&View"))
        self.toggle_timeline_action = self._action("Show &Timeline", ["F9"])
        self.toggle_timeline_action.setCheckable(True)
        self.toggle_timeline_action.setChecked(True)
        self.swap_action = self._action(
            "&Swap Sides",
            ["Ctrl+Shift+X"],
            "Put the translation on the left and the transcript on the right, or back",
        )
        menu.addActions([self.toggle_timeline_action, self.swap_action])
        menu.addSeparator()
        self.zoom_in_action = self._action(
            "Zoom &In", [QKeySequence.StandardKey.ZoomIn, "Ctrl+="]
        )
        self.zoom_out_action = self._action("Zoom &Out", [QKeySequence.StandardKey.ZoomOut])
        self.zoom_reset_action = self._action("&Actual Size", ["Ctrl+0"])
        menu.addActions([self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action])
        menu.addSeparator()
        theme_menu = menu.addMenu(self._tr("T&heme"))
        self.theme_group = QActionGroup(self._window)
        for key, label in THEME_LABELS.items():
            action = theme_menu.addAction(self._tr(label))
            action.setCheckable(True)
            action.setData(key)
            action.setChecked(key == theme)
            self.theme_group.addAction(action)

    def check_theme(self, theme: str) -> None:
        for action in self.theme_group.actions():
            action.setChecked(action.data() == theme)

    def _build_go_menu(self, bar: QMenuBar) -> None:
        menu = bar.addMenu(self._tr("&Go"))
        self.search_action = self._action(
            "&Search All Documents…",
            ["Ctrl+K", "Ctrl+Shift+F"],
            "Full-text search in both languages, notes included",
        )
        self.find_action = self._action(
            "&Find in Document…",
            [QKeySequence.StandardKey.Find],
            "Find text in this document, in both panes",
        )
        self.previous_action = self._action(
            "&Previous Document",
            ["Ctrl+PgUp", "Alt+Up"],
            "The document before this one in date order",
        )
        self.next_action = self._action(
            "&Next Document", ["Ctrl+PgDown", "Alt+Down"], "The document after this one in date order"
        )
        self.focus_timeline_action = self._action("Go to &Timeline", ["Ctrl+1"])
        self.focus_text_action = self._action("Go to &Text", ["Ctrl+2"])
        menu.addActions([self.search_action, self.find_action])
        menu.addSeparator()
        menu.addActions([self.previous_action, self.next_action])
        menu.addSeparator()
        menu.addActions([self.focus_timeline_action, self.focus_text_action])

    def _build_notes_menu(self, bar: QMenuBar) -> None:
        menu = bar.addMenu(self._tr("&Notes"))
        self.highlight_action = self._action(
            "&Highlight Selection", ["Ctrl+H"], "Highlight the selected text in the last colour used"
        )
        self.colour_menu = QMenu(self._tr("Highlight in &Colour"), self._window)
        self.colour_actions = {}
        for colour in COLOURS:
            self.colour_actions[colour] = self.colour_menu.addAction(self._tr(colour.title()))
        self.add_note_action = self._action(
            "Add &Note…",
            ["Ctrl+Shift+N"],
            "Attach a note to the selected text, or to the selected paragraph",
        )
        self.bookmark_paragraph_action = self._action("Bookmark &Paragraph", ["Ctrl+B"])
        self.bookmark_document_action = self._action("Bookmark &Document", ["Ctrl+D"])
        self.bookmark_document_action.setCheckable(True)
        menu.addAction(self.highlight_action)
        menu.addMenu(self.colour_menu)
        menu.addActions([self.add_note_action, self.bookmark_paragraph_action])
        menu.addAction(self.bookmark_document_action)
        self.notes_menu = menu
        self.note_context_actions: list[QAction | None] = [
            self.highlight_action,
            self.colour_menu.menuAction(),
            self.add_note_action,
            self.bookmark_paragraph_action,
        ]

    def add_notes_panel_toggle(self, toggle: QAction) -> None:
        """The dock's own show/hide action, at the end of the Notes menu."""
        self.show_notes_action = toggle
        toggle.setText(self._tr("Show Notes &Panel"))
        toggle.setShortcut(QKeySequence("Ctrl+Shift+M"))
        self._window.addAction(toggle)
        self.notes_menu.addSeparator()
        self.notes_menu.addAction(toggle)

    def enable_notes(self, available: bool) -> None:
        for action in (
            *self.notes_menu.actions(),
            self.export_notes_action,
            self.import_notes_action,
        ):
            action.setEnabled(available)

    def _build_alignment_menu(self, bar: QMenuBar) -> None:
        menu = bar.addMenu(self._tr("&Alignment"))
        self.link_action = self._action(
            "&Link Selected Paragraphs",
            ["Ctrl+L"],
            "Pair the selected transcript paragraph with the selected translation paragraph",
        )
        self.unlink_action = self._action(
            "&Unlink Pair", ["Ctrl+Shift+L"], "Let every paragraph of the selected pair stand alone"
        )
        self.merge_action = self._action(
            "&Merge With Next Pair", ["Ctrl+J"], "Join the selected pair and the one after it"
        )
        self.split_action = self._action(
            "&Split Pair Here", ["Ctrl+Shift+J"], "Start a new pair at the selected paragraph"
        )
        self.reset_alignment_action = self._action(
            "&Reset to Automatic Alignment",
            tip="Forget your corrections to this document's alignment",
        )
        edits = [self.link_action, self.unlink_action, self.merge_action, self.split_action]
        menu.addActions(edits)
        menu.addSeparator()
        menu.addAction(self.reset_alignment_action)
        self.reading_context_actions: list[QAction | None] = [
            *self.note_context_actions,
            None,
            *edits,
        ]

    def _build_help_menu(self, bar: QMenuBar) -> None:
        menu = bar.addMenu(self._tr("&Help"))
        self.shortcuts_action = self._action("&Keyboard Shortcuts", ["F1"])
        menu.addAction(self.shortcuts_action)
        menu.addSeparator()
        self.about_action = QAction(self._tr("&About Parallel Reader"), self._window)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        menu.addAction(self.about_action)
