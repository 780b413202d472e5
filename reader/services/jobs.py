"""Long work off the GUI thread (importing, indexing), with progress and cancel.

The work itself is plain Python taking ``progress`` and ``cancelled`` callbacks; this runs it in a
QThread and turns its callbacks into signals, so the window keeps painting and responding.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from reader.core.user_library import import_paths
from reader.workspace import Workspace

Progress = Callable[[int, int, str], None]
Work = Callable[[Progress, Callable[[], bool]], object]


class _Worker(QObject):
    progressed = Signal(int, int, str)  # done, total, current item
    finished = Signal(object)  # what the work returned, or the exception it raised

    def __init__(self, work: Work) -> None:
        super().__init__()
        self._work = work
        self.cancel_requested = False

    @Slot()
    def run(self) -> None:
        # Whatever happens, report back: a job that never finishes would block the next one.
        try:
            result = self._work(self.progressed.emit, lambda: self.cancel_requested)
        except Exception as error:
            result = error
        self.finished.emit(result)


class BackgroundJob(QObject):
    """Runs one piece of work at a time in its own thread; ``finished`` carries its result."""

    progressed = Signal(int, int, str)
    finished = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        self._shut = False  # the app is closing: no new work may start

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(self, work: Work) -> bool:
        if self.running or self._shut:
            return False
        self._thread = QThread(self)
        self._worker = _Worker(work)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self.progressed)
        self._worker.finished.connect(self._done)
        self._thread.start()
        return True

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel_requested = True

    def shut(self) -> None:
        """Stop for good: the work at hand is asked to cancel and waited for, and nothing starts
        after it (a queued signal must not start a thread the closing app would destroy)."""
        self._shut = True
        self.cancel()
        self.wait()

    def wait(self) -> None:
        """Block until the work has returned (ask it to cancel first to make that quick)."""
        if self._thread is not None:
            # The thread's event loop ends once the work's slot returns; finishing normally
            # would need this (GUI) thread's event loop, which is the one waiting here.
            self._thread.quit()
            self._thread.wait()

    def _done(self, result: object) -> None:
        assert self._thread is not None
        self._thread.quit()
        self._thread.wait()
        self._thread.deleteLater()
        self._thread, self._worker = None, None
        self.finished.emit(result)


def import_work(paths: Sequence[Path], workspace: Workspace, bundled_ids: Container[str]) -> Work:
    """Copy documents into the library, indexing them for search as they come."""

    def work(progress: Progress, cancelled: Callable[[], bool]) -> object:
        # SQLite connections belong to the thread that opened them: open the index here.
        workspace.ensure()
        with workspace.search_index() as index:
            return import_paths(
                paths,
                workspace.library_dir,
                progress=progress,
                cancelled=cancelled,
                bundled_ids=bundled_ids,
                index=index,
            )

    return work


def index_work(workspace: Workspace) -> Work:
    """Bring the search index up to date with the corpus and the library (new or changed files)."""

    def work(progress: Progress, cancelled: Callable[[], bool]) -> object:
        with workspace.catalog() as catalog, workspace.search_index() as index:
            catalog.refresh(workspace.existing_library_folders(), cancelled=cancelled)
            return index.ensure_fresh(catalog, progress=progress, cancelled=cancelled)

    return work
