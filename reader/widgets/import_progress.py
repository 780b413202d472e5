"""The progress dialog of an import: file by file, with Cancel, never flashing for a quick one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

translate = QCoreApplication.translate

SHOW_AFTER_MS = 400  # a quick import never flashes a dialog


class ImportProgress(QProgressDialog):
    def __init__(self, parent: QWidget, cancel: Callable[[], None]) -> None:
        super().__init__(
            translate("ImportProgress", "Importing documents…"),
            translate("ImportProgress", "Cancel"),
            0,
            0,
            parent,
        )
        self.setWindowTitle(translate("ImportProgress", "Import"))
        self.setMinimumDuration(SHOW_AFTER_MS)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.canceled.connect(cancel)

    def show_progress(self, done: int, total: int, current: str) -> None:
        self.setMaximum(total)
        self.setValue(done)
        self.setLabelText(
            self.tr("Importing %1 of %2: %3")
            .replace("%1", str(done))
            .replace("%2", str(total))
            .replace("%3", Path(current).name)
        )

    def finish(self) -> None:
        self.reset()
        self.deleteLater()
