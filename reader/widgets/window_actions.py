"""Every menu and action of the main window, with its text, shortcut and tip.

The actions are built here and connected to their slots in the window's ``_connect_signals``, so
this module knows what the reader can do and where it is in the menus, and nothing of how.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu, QMenuBar

from reader.core.annotations import COLOURS
from reader.models.display_text import colour_label

translate = QCoreApplication.translate


def theme_labels() -> dict[str, str]:
    """The themes as the menu and the Preferences dialog name them."""
    return {
        "auto": translate("WindowActions", "Follow System"),
        "light": translate("WindowActions", "Light"),
        "dark": translate("WindowActions", "Dark"),
    }


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

    def _action(
        self,
        text: str,
        shortcuts: Sequence[QKeySequence | QKeySequence.StandardKey | str] = (),
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self._window)
        keys = [QKeySequence(s) for s in shortcuts]  # a standard key may be empty on a platform
        action.setShortcuts(
            [k for i, k in enumerate(keys) if not k.isEmpty() and k not in keys[:i]]
        )
        if tip:
            action.setStatusTip(tip)
        self._window.addAction(action)  # shortcuts work even when the menu bar is hidden
        return action

    def _build_file_menu(self, bar: QMenuBar) -> None:
        menu = bar.addMenu(translate("WindowActions", "&File"))
        self.open_action = self._action(
            translate("WindowActions", "&Open Document…"),
            [QKeySequence.StandardKey.Open],
            translate("WindowActions", "Open archive document files; they join the timeline"),
        )
        self.export_notes_action = self._action(
            translate("WindowActions", "&Export Notes…"), ["Ctrl+Shift+E"]
        )
        self.import_notes_action = self._action(translate("WindowActions", "Import &Notes…"))
        self.export_citation_action = self._action(
            translate("WindowActions", "Export &Citation…"),
            tip=translate(
                "WindowActions",
                "Cite this document for a reference manager (RIS, BibTeX, CSL-JSON)",
            ),
        )
        self.export_citations_action = self._action(
            translate("WindowActions", "Export Citations of the &Timeline…"),
            tip=translate(
                "WindowActions", "Cite every document the timeline shows, filters applied"
            ),
        )
        self.import_action = self._action(
            translate("WindowActions", "&Import Documents…"),
            ["Ctrl+I"],
            translate(
                "WindowActions", "Copy archive documents (files or a folder) into your library"
            ),
        )
        self.import_folder_action = self._action(
            translate("WindowActions", "Import &Folder…"),
            ["Ctrl+Shift+I"],
            translate(
                "WindowActions",
                "Copy every archive document in a folder (and its subfolders) into your library",
            ),
        )
        self.quit_action = self._action(
            translate("WindowActions", "&Quit"), [QKeySequence.StandardKey.Quit]
        )
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
        menu = bar.addMenu(translate("WindowActions", "&Edit"))
        self.undo_action = undo_stack.createUndoAction(
            self._window, translate("WindowActions", "&Undo")
        )
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = undo_stack.createRedoAction(
            self._window, translate("WindowActions", "&Redo")
        )
        self.redo_action.setShortcuts(QKeySequence.StandardKey.Redo)
        for action in (self.undo_action, self.redo_action):
            self._window.addAction(action)
        menu.addActions([self.undo_action, self.redo_action])
        menu.addSeparator()
        self.copy_citation_action = self._action(
            translate("WindowActions", "Copy &Citation"),
            ["Ctrl+Shift+C"],
            translate(
                "WindowActions",
                "The Chicago note; with text selected, the quote with it",
            ),
        )
        self.copy_csl_action = self._action(
            translate("WindowActions", "Copy Citation as CSL-&JSON"),
            tip=translate(
                "WindowActions", "The record for Zotero's Import from Clipboard, or any CSL reader"
            ),
        )
        self.copy_source_action = self._action(translate("WindowActions", "Copy &Transcript Text"))
        self.copy_target_action = self._action(translate("WindowActions", "Copy Tra&nslation Text"))
        menu.addActions(
            [
                self.copy_citation_action,
                self.copy_csl_action,
                self.copy_source_action,
                self.copy_target_action,
            ]
        )
        menu.addSeparator()
        # On macOS the platform role moves it to the application menu.
        self.preferences_action = self._action(
            translate("WindowActions", "&Preferences…"),
            [QKeySequence.StandardKey.Preferences, "Ctrl+,"],
            translate("WindowActions", "Theme, interface language, reading font and text size"),
        )
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        menu.addAction(self.preferences_action)

    def follow_document(self, transcript: object, translation: object) -> None:
        """Enable what the open document offers: its citation, each text, swapping sides."""
        self.copy_citation_action.setEnabled(True)  # a record with no citation still has a note
        self.copy_csl_action.setEnabled(True)
        self.export_citation_action.setEnabled(True)
        self.copy_source_action.setEnabled(transcript is not None)
        self.copy_target_action.setEnabled(translation is not None)
        self.swap_action.setEnabled(transcript is not None and translation is not None)

    def _build_view_menu(self, bar: QMenuBar, theme: str) -> None:
        menu = bar.addMenu(translate("WindowActions", "&View"))
        self.toggle_timeline_action = self._action(
            translate("WindowActions", "Show &Timeline"), ["F9"]
        )
        self.toggle_timeline_action.setCheckable(True)
        self.toggle_timeline_action.setChecked(True)
        self.swap_action = self._action(
            translate("WindowActions", "&Swap Sides"),
            ["Ctrl+Shift+X"],
            translate(
                "WindowActions",
                "Put the translation on the left and the transcript on the right, or back",
            ),
        )
        menu.addActions([self.toggle_timeline_action, self.swap_action])
        menu.addSeparator()
        self.zoom_in_action = self._action(
            translate("WindowActions", "Zoom &In"), [QKeySequence.StandardKey.ZoomIn, "Ctrl+="]
        )
        self.zoom_out_action = self._action(
            translate("WindowActions", "Zoom &Out"), [QKeySequence.StandardKey.ZoomOut]
        )
        self.zoom_reset_action = self._action(
            translate("WindowActions", "&Actual Size"), ["Ctrl+0"]
        )
        menu.addActions([self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action])
        menu.addSeparator()
        theme_menu = menu.addMenu(translate("WindowActions", "T&heme"))
        self.theme_group = QActionGroup(self._window)
        for key, label in theme_labels().items():
            action = theme_menu.addAction(label)
            action.setCheckable(True)
            action.setData(key)
            action.setChecked(key == theme)
            self.theme_group.addAction(action)

    def check_theme(self, theme: str) -> None:
        for action in self.theme_group.actions():
            action.setChecked(action.data() == theme)

    def _build_go_menu(self, bar: QMenuBar) -> None:
        menu = bar.addMenu(translate("WindowActions", "&Go"))
        self.search_action = self._action(
            translate("WindowActions", "&Search All Documents…"),
            ["Ctrl+K", "Ctrl+Shift+F"],
            translate("WindowActions", "Full-text search in both languages, notes included"),
        )
        self.find_action = self._action(
            translate("WindowActions", "&Find in Document…"),
            [QKeySequence.StandardKey.Find],
            translate("WindowActions", "Find text in this document, in both panes"),
        )
        self.previous_action = self._action(
            translate("WindowActions", "&Previous Document"),
            ["Ctrl+PgUp", "Alt+Up"],
            translate("WindowActions", "The document before this one in date order"),
        )
        self.next_action = self._action(
            translate("WindowActions", "&Next Document"),
            ["Ctrl+PgDown", "Alt+Down"],
            translate("WindowActions", "The document after this one in date order"),
        )
        self.focus_timeline_action = self._action(
            translate("WindowActions", "Go to &Timeline"), ["Ctrl+1"]
        )
        self.focus_text_action = self._action(translate("WindowActions", "Go to Te&xt"), ["Ctrl+2"])
        menu.addActions([self.search_action, self.find_action])
        menu.addSeparator()
        menu.addActions([self.previous_action, self.next_action])
        menu.addSeparator()
        menu.addActions([self.focus_timeline_action, self.focus_text_action])

    def _build_notes_menu(self, bar: QMenuBar) -> None:
        menu = bar.addMenu(translate("WindowActions", "&Notes"))
        self.highlight_action = self._action(
            translate("WindowActions", "&Highlight Selection"),
            ["Ctrl+H"],
            translate("WindowActions", "Highlight the selected text in the last colour used"),
        )
        self.colour_menu = QMenu(translate("WindowActions", "Highlight in &Colour"), self._window)
        self.colour_actions = {}
        for colour in COLOURS:
            self.colour_actions[colour] = self.colour_menu.addAction(colour_label(colour))
        self.add_note_action = self._action(
            translate("WindowActions", "Add &Note…"),
            ["Ctrl+Shift+N"],
            translate(
                "WindowActions", "Attach a note to the selected text, or to the selected paragraph"
            ),
        )
        self.bookmark_paragraph_action = self._action(
            translate("WindowActions", "Bookmark &Paragraph"), ["Ctrl+B"]
        )
        self.bookmark_document_action = self._action(
            translate("WindowActions", "Bookmark &Document"), ["Ctrl+D"]
        )
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
        toggle.setText(translate("WindowActions", "&Show Notes Panel"))
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
        menu = bar.addMenu(translate("WindowActions", "&Alignment"))
        self.link_action = self._action(
            translate("WindowActions", "&Link Selected Paragraphs"),
            ["Ctrl+L"],
            translate(
                "WindowActions",
                "Pair the selected transcript paragraph with the selected translation paragraph",
            ),
        )
        self.unlink_action = self._action(
            translate("WindowActions", "&Unlink Pair"),
            ["Ctrl+Shift+L"],
            translate("WindowActions", "Let every paragraph of the selected pair stand alone"),
        )
        self.merge_action = self._action(
            translate("WindowActions", "&Merge With Next Pair"),
            ["Ctrl+J"],
            translate("WindowActions", "Join the selected pair and the one after it"),
        )
        self.split_action = self._action(
            translate("WindowActions", "&Split Pair Here"),
            ["Ctrl+Shift+J"],
            translate("WindowActions", "Start a new pair at the selected paragraph"),
        )
        self.reset_alignment_action = self._action(
            translate("WindowActions", "&Reset to Automatic Alignment"),
            tip=translate("WindowActions", "Forget your corrections to this document's alignment"),
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
        menu = bar.addMenu(translate("WindowActions", "&Help"))
        self.shortcuts_action = self._action(
            translate("WindowActions", "&Keyboard Shortcuts"), ["F1"]
        )
        menu.addAction(self.shortcuts_action)
        menu.addSeparator()
        self.about_action = QAction(
            translate("WindowActions", "&About Parallel Reader"), self._window
        )
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        menu.addAction(self.about_action)
