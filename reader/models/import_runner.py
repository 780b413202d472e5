"""Importing documents off the GUI thread, with progress and cancel.

The import itself (``reader.core.user_library.import_paths``) is plain Python; this object runs it
in a QThread and turns its callbacks into signals, so the window keeps painting and responding
however many files are dropped on it.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from reader.core.search_index import SearchIndex
from reader.core.user_library import ImportReport, import_paths


class _ImportWorker(QObject):
    progressed = Signal(int, int, str)  # done, total, current file
    finished = Signal(object)  # ImportReport

    def __init__(
        self,
        paths: Sequence[Path],
        library: Path,
        bundled_ids: Container[str],
        index_path: Path | None,
    ) -> None:
        super().__init__()
        self._paths = list(paths)
        self._library = library
        self._bundled_ids = bundled_ids
        self._index_path = index_path
        self.cancel_requested = False

    @Slot()
    def run(self) -> None:
        # SQLite connections belong to the thread that opened them: open the index here.
        index = SearchIndex.open(self._index_path)
        try:
            report = import_paths(
                self._paths,
                self._library,
                progress=self.progressed.emit,
                cancelled=lambda: self.cancel_requested,
                bundled_ids=self._bundled_ids,
                index=index,
            )
        finally:
            index.close()
        self.finished.emit(report)


class ImportRunner(QObject):
    """One import at a time; ``finished`` carries the report."""

    progressed = Signal(int, int, str)
    finished = Signal(object)

    def __init__(
        self, library: Path, index_path: Path | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._index_path = index_path
        self._thread: QThread | None = None
        self._worker: _ImportWorker | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(self, paths: Sequence[Path], bundled_ids: Container[str] = frozenset()) -> bool:
        if self.running:
            return False
        self._thread = QThread(self)
        self._worker = _ImportWorker(paths, self._library, bundled_ids, self._index_path)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self.progressed)
        self._worker.finished.connect(self._done)
        self._thread.start()
        return True

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel_requested = True

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.wait()

    def _done(self, report: ImportReport) -> None:
        assert self._thread is not None
        self._thread.quit()
        self._thread.wait()
        self._thread.deleteLater()
        self._thread, self._worker = None, None
        self.finished.emit(report)
