"""How a service tells the reader something without holding the window.

Services emit through one bridge; the window shows a status line for ``status`` and a non-modal
box for ``notice``. Every text is plain text: file names and document fields may hold markup.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QCoreApplication, QObject, Signal

from reader.core.messages import localized


def in_interface_language(text: str) -> str:
    """A core message (a reason a file was refused, a search that cannot be read) in the
    interface language; other text as it is."""
    return localized(text, QCoreApplication.translate)


class Level(Enum):
    INFO = "info"
    WARNING = "warning"


class MessageBridge(QObject):
    status = Signal(str, int)  # text, how long to show it in ms (0: until replaced)
    notice = Signal(str, object)  # text, Level: a message the reader must see once

    def show_status(self, text: str, timeout_ms: int = 6000) -> None:
        self.status.emit(text, timeout_ms)

    def tell(self, text: str, level: Level = Level.INFO) -> None:
        self.notice.emit(text, level)

    def warn(self, text: str) -> None:
        self.notice.emit(text, Level.WARNING)


class Counted(QObject):
    """Phrases with a count, in the interface language and with its plural forms ("1 document",
    "2 documents"; "1 документ", "3 документа", "5 документов").

    They live in one QObject because ``pyside6-lupdate`` finds plural forms only in ``self.tr``
    calls. English needs its translator too (``parallel-reader_en.qm``, plural forms only).
    """

    def documents(self, count: int) -> str:
        return self.tr("%n document(s)", "", count)

    def hits(self, count: int) -> str:
        return self.tr("%n hit(s)", "", count)

    def more_hits(self, count: int) -> str:
        return self.tr("… %n more hit(s)", "", count)

    def show_all_hits(self, count: int) -> str:
        return self.tr("Show all %n hit(s) in this document", "", count)

    def notes(self, count: int) -> str:
        return self.tr("%n note(s)", "", count)

    def highlights(self, count: int) -> str:
        return self.tr("%n highlight(s)", "", count)

    def bookmarks(self, count: int) -> str:
        return self.tr("%n bookmark(s)", "", count)

    def citations_exported(self, count: int, path: str) -> str:
        return self.tr("Exported %n citation(s) to %1", "", count).replace("%1", path)

    def documents_kept(self, count: int) -> str:
        return self.tr(
            "Kept %n opened document(s) in your library: they will be there next time", "", count
        )

    def import_summary(self, imported: int, updated: int, skipped: int, failed: int) -> str:
        return (
            self.tr("%1 imported, %2 updated, %3 skipped, %4 failed")
            .replace("%1", str(imported))
            .replace("%2", str(updated))
            .replace("%3", str(skipped))
            .replace("%4", str(failed))
        )

    def import_cancelled(self, count: int) -> str:
        return self.tr("; cancelled with %n file(s) not processed", "", count)

    def notes_unplaced(self, count: int) -> str:
        return self.tr(
            "%n note(s) could not be found in the changed text; they are kept under Unplaced",
            "",
            count,
        )


counted = Counted()
