"""How a service tells the reader something without holding the window.

Services emit through one bridge; the window shows a status line for ``status`` and a non-modal
box for ``notice``. Every text is plain text: file names and document fields may hold markup.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QObject, Signal


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
