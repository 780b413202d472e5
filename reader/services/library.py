"""Growing the library: importing files and folders in the background, with progress and cancel."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal

from reader.core.user_library import ImportItem, ImportReport, Outcome
from reader.services.jobs import BackgroundJob, Progress, import_work
from reader.services.messages import MessageBridge
from reader.services.reading_session import ReadingSession
from reader.workspace import Workspace

__all__ = ["ImportItem", "ImportReport", "ImportService", "LibraryLoader", "Outcome"]


class ImportService(QObject):
    """Imports the reader asks for, with progress and a report; and, quietly, the files the
    reader opened, so that they and their notes are still there after a restart."""

    progressed = Signal(int, int, str)  # done, total, the file at hand
    finished = Signal(object)  # ImportReport, or the Exception that stopped the import
    kept = Signal(object)  # ImportReport of keeping opened files

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
        self._keeping = False  # the running job keeps opened files (no progress, no report box)
        self._to_keep: list[Path] = []

    @property
    def running(self) -> bool:
        return self.job.running

    def start(self, paths: Sequence[Path]) -> bool:
        """Copy documents into the reader's library; False while another import runs."""
        started = self.job.start(import_work(paths, self._workspace, self._bundled_ids()))
        self._keeping = False if started else self._keeping
        return started

    def keep(self, paths: Sequence[Path]) -> None:
        """Copy opened files into the library in the background (a copy already there is
        skipped as unchanged); after another import if one runs."""
        library = self._workspace.library_dir.resolve()
        self._to_keep += [path for path in paths if library not in path.resolve().parents]
        self._keep_next()

    def _keep_next(self) -> None:
        if not self._to_keep or self.job.running:
            return
        paths, self._to_keep = self._to_keep, []
        self._keeping = self.job.start(import_work(paths, self._workspace, self._bundled_ids()))

    def cancel(self) -> None:
        self.job.cancel()

    def close(self) -> None:
        """Finish cleanly: the file at hand completes, no other starts."""
        self.job.shut()

    def _bundled_ids(self) -> set[str]:
        """Records of the corpus (bundled or --corpus): an import never shadows them."""
        corpus = self._workspace.corpus_dir
        return {
            entry.id
            for entry in self._session.library
            if entry.path is not None and entry.path.parent == corpus
        }

    def _finished(self, report: ImportReport | Exception) -> None:
        if self._keeping:  # the documents are open already: only say where they went
            self._keeping = False
            self.kept.emit(report)
            self._keep_next()
            return
        if isinstance(report, ImportReport):
            self.last_report = report
            files = [
                item.library_path
                for item in report.items
                if item.outcome in (Outcome.IMPORTED, Outcome.UPDATED) and item.library_path
            ]
            if files:
                self._session.load_imported(files)
        self.finished.emit(report)
        self._keep_next()


class LibraryLoader(QObject):
    """Reads the library into the timeline after the window is up.

    The window starts from what is cheap to have (the catalog as it was, or the bundled corpus
    when the cache is empty); this brings the catalog up to date in the background job, handing
    the timeline what it has found as it goes, and says how far it has got.
    """

    progressed = Signal(int, int)  # files read, files to read
    found = Signal(list)  # [DocumentSummary]: the library as the catalog now knows it
    finished = Signal(object)  # RefreshReport, or the Exception that stopped the reading

    BATCH_SECONDS = 0.5  # how often the timeline is handed what was found so far

    def __init__(
        self, workspace: Workspace, messages: MessageBridge, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._messages = messages
        self.job = BackgroundJob(self)
        self.job.progressed.connect(self._progressed)
        self.job.finished.connect(self.finished)

    def _progressed(self, done: int, total: int, _path: str) -> None:
        self.progressed.emit(done, total)
        text = QCoreApplication.translate("LibraryLoader", "Reading your library… %1 of %2")
        self._messages.show_status(text.replace("%1", str(done)).replace("%2", str(total)), 3000)

    def start(self) -> bool:
        return self.job.start(self._work)

    def close(self) -> None:
        self.job.shut()

    def _work(self, progress: Progress, cancelled: Callable[[], bool]) -> object:
        # Runs in the job's thread; signals emitted here reach the window on its own thread.
        with self._workspace.catalog() as catalog:
            last = time.monotonic()

            def report(done: int, total: int, path: str) -> None:
                nonlocal last
                progress(done, total, path)
                if time.monotonic() - last >= self.BATCH_SECONDS:
                    last = time.monotonic()
                    self.found.emit(catalog.entries())

            result = catalog.refresh(
                self._workspace.existing_library_folders(), progress=report, cancelled=cancelled
            )
            self.found.emit(catalog.entries())
            return result
