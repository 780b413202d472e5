"""Message boxes the window shows: notices, unreadable files, import reports, shortcuts.

Every text is set as plain text. File names, document fields and note text may hold markup
(``<b>``, ``<img src=…>``, ``<a href=…>``): shown as rich text it would format, load images
or offer links, so it is always shown literally.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTextEdit,
    QWidget,
)

from reader import APP_NAME
from reader.core.document import ParseError
from reader.services.library import ImportItem, ImportReport, Outcome
from reader.services.messages import Level, counted, in_interface_language

translate = QCoreApplication.translate


def plain_box(
    parent: QWidget | None,
    text: str,
    icon: QMessageBox.Icon = QMessageBox.Icon.Information,
    title: str = APP_NAME,
) -> QMessageBox:
    box = QMessageBox(icon, title, "", parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    return box


def show_notice(parent: QWidget, text: str, level: Level = Level.INFO) -> QMessageBox:
    """A notice the reader must see once. Not modal: reading goes on, nothing waits on a click."""
    icon = QMessageBox.Icon.Warning if level is Level.WARNING else QMessageBox.Icon.Information
    box = plain_box(parent, text, icon)
    box.setModal(False)
    box.show()
    return box


def warn_and_wait(parent: QWidget, text: str) -> None:
    """A warning the reader must acknowledge before the app goes on (it is about to close)."""
    plain_box(parent, text, QMessageBox.Icon.Warning).exec()


def unsaved_notes_text(parent: QWidget, path: Path | None) -> str:
    where = str(path) if path else translate("Notices", "nowhere: no folder could be written")
    return translate(
        "Notices",
        "Some notes could not be saved to the notes database. They were written to %1; "
        "import them with File > Import Notes (or `parallel-reader notes import`) when the "
        "data folder can be written again.",
    ).replace("%1", where)


def fail_to_start(text: str) -> None:
    """The app cannot start: the reason, before any window exists (skipped by the smoke test)."""
    if QApplication.platformName() == "offscreen":
        return
    plain_box(None, text, QMessageBox.Icon.Critical).exec()


def show_unreadable(parent: QWidget, errors: Sequence[ParseError]) -> QMessageBox:
    box = plain_box(
        parent, translate("Notices", "Some files could not be read."), QMessageBox.Icon.Warning
    )
    box.setInformativeText(
        translate(
            "Notices",
            "The other documents are open. Check that these are archive documents saved as text:",
        )
    )
    box.setDetailedText("\n".join(f"• {in_interface_language(error.message)}" for error in errors))
    box.setModal(False)
    box.show()
    return box


def import_summary(report: ImportReport) -> str:
    """``report.summary()`` in the interface language (the command line keeps the English)."""
    line = counted.import_summary(
        report.count(Outcome.IMPORTED),
        report.count(Outcome.UPDATED),
        report.count(Outcome.SKIPPED),
        report.count(Outcome.FAILED),
    )
    return line + counted.import_cancelled(report.not_processed) if report.cancelled else line


def show_import_report(parent: QWidget, report: ImportReport | Exception) -> QMessageBox:
    if isinstance(report, Exception):
        text = translate(
            "Notices", "The import stopped: %1. Documents copied before that are in your library."
        ).replace("%1", str(report))
        return show_notice(parent, text, Level.WARNING)
    icon = QMessageBox.Icon.Warning if report.failed else QMessageBox.Icon.Information
    box = plain_box(
        parent,
        translate("Notices", "Import finished: %1").replace("%1", import_summary(report)),
        icon,
    )
    box.setDetailedText("\n".join(map(_item_line, report.items)))
    box.setModal(False)
    box.show()
    _roomy_details(box)
    return box


_OUTCOME_WORDS = {
    Outcome.IMPORTED: QT_TRANSLATE_NOOP("Notices", "imported"),
    Outcome.UPDATED: QT_TRANSLATE_NOOP("Notices", "updated"),
    Outcome.SKIPPED: QT_TRANSLATE_NOOP("Notices", "skipped"),
    Outcome.FAILED: QT_TRANSLATE_NOOP("Notices", "failed"),
}


def _item_line(item: ImportItem) -> str:
    """One file of an import report in the interface language (the command line prints
    ``ImportItem.describe``, in English)."""
    line = f"{translate('Notices', str(_OUTCOME_WORDS[item.outcome]))}  {item.path}"
    if item.document_id:
        line += translate("Notices", " (record %1)").replace("%1", item.document_id)
    return f"{line}: {in_interface_language(item.reason)}" if item.reason else line


def _roomy_details(box: QMessageBox) -> None:
    """The details area shows a report's lines, not three of them (Qt's default is tiny)."""
    for details in box.findChildren(QTextEdit):
        details.setMinimumSize(560, 260)


def _readable_keys(action: QAction) -> str:
    """The action's shortcuts as the platform names them, without keys few keyboards have (the
    standard Undo also binds F14 and the Undo key on X11)."""
    kept = [
        sequence.toString(QKeySequence.SequenceFormat.NativeText)
        for sequence in action.shortcuts()
        if not sequence.isEmpty() and sequence[0].key().value < Qt.Key.Key_F13.value  # type: ignore[index]  # PySide6 stubs lack __getitem__
    ]
    return ", ".join(kept)


def shortcut_groups(menus: Iterable[QAction]) -> list[tuple[str, list[tuple[str, str]]]]:
    """(menu title, [(action, keys)]) for every menu of a menu bar, in menu order."""
    groups = []
    for menu_action in menus:
        menu = menu_action.menu()
        if not isinstance(menu, QMenu):
            continue
        rows = [
            (action.text().replace("&", ""), keys)
            for action in menu.actions()
            if (keys := _readable_keys(action))
        ]
        if rows:
            groups.append((menu_action.text().replace("&", ""), rows))
    return groups


# Keys of the find bar, which are shortcuts of the bar rather than actions of a menu: the
# platform's standard keys (as the bar binds them), then the bar's own.
FIND_BAR_KEYS = [
    (QT_TRANSLATE_NOOP("Notices", "Find Next"), QKeySequence.StandardKey.FindNext, "Enter"),
    (
        QT_TRANSLATE_NOOP("Notices", "Find Previous"),
        QKeySequence.StandardKey.FindPrevious,
        "Shift+Enter",
    ),
    (QT_TRANSLATE_NOOP("Notices", "Close the Find Bar"), None, "Esc"),
]


def _find_bar_keys(standard: QKeySequence.StandardKey | None, own: str) -> str:
    bound = QKeySequence.keyBindings(standard) if standard is not None else []
    names = [key.toString(QKeySequence.SequenceFormat.NativeText) for key in bound]
    own_name = QKeySequence(own).toString(QKeySequence.SequenceFormat.NativeText) or own
    return ", ".join([*names, own_name])


def show_window_shortcuts(window: QMainWindow) -> None:
    """Every shortcut of the window, grouped by menu as the menu bar has them."""
    groups = shortcut_groups(window.menuBar().actions())
    find = [
        (translate("Notices", str(name)), _find_bar_keys(standard, own))
        for name, standard, own in FIND_BAR_KEYS
    ]
    show_shortcuts(window, [*groups, (translate("Notices", "Find Bar"), find)])


def show_shortcuts(parent: QWidget, groups: Sequence[tuple[str, list[tuple[str, str]]]]) -> None:
    lines = []
    for title, rows in groups:
        lines.append(title)
        lines += [f"  {keys:<28} {name}" for name, keys in rows]
        lines.append("")
    box = plain_box(parent, "\n".join(lines).rstrip(), QMessageBox.Icon.NoIcon)
    box.setWindowTitle(translate("Notices", "Keyboard Shortcuts"))
    font = box.font()
    font.setFamily("monospace")
    box.setFont(font)
    box.exec()
