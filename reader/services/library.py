"""Growing the library: importing files and folders in the background, with progress and cancel."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from reader.core.user_library import ImportReport, Outcome
from reader.services.jobs import BackgroundJob, import_work
from reader.services.reading_session import ReadingSession
from reader.workspace import Workspace

__all__ = ["ImportReport", "ImportService"]


class ImportService(QObject):
    progressed = Signal(int, int, str)  # done, total, the file at hand
    finished = Signal(object)  # ImportReport, or the Exception that stopped the import

    def __init__(
        self, workspace: Workspace, session: ReadingSession, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._session = session
        self.job = BackgroundJob(self)
        self.job.progressed.connect(self.progressed)
        self.job.finished.connect(self._finished)
        self.last_report: ImportReport | None = None

    @property
    def running(self) -> bool:
        return self.job.running

    def start(self, paths: Sequence[Path]) -> bool:
        """Copy documents into the reader's library; False while another import runs."""
        return self.job.start(import_work(paths, self._workspace, self._bundled_ids()))

    def cancel(self) -> None:
        self.job.cancel()

    def close(self) -> None:
        """Finish cleanly: the file at hand completes, no other starts."""
        self.job.cancel()
        self.job.wait()

    def _bundled_ids(self) -> set[str]:
        library_dir = self._workspace.library_dir
        return {
            entry.id
            for entry in self._session.library
            if entry.path is not None and entry.path.parent != library_dir
        }

    def _finished(self, report: ImportReport | Exception) -> None:
        if isinstance(report, ImportReport):
            self.last_report = report
            ids = [
                item.document_id
                for item in report.items
                if item.outcome in (Outcome.IMPORTED, Outcome.UPDATED) and item.document_id
            ]
            if ids:
                self._session.load_imported(ids, self._workspace.library_dir)
        self.finished.emit(report)
