"""The reader's notes as the window sees them: the store, edits that could not be written yet,
and a retry timer, behind one object with change signals.

When the data folder cannot be written (read-only, disk full, locked by another copy too long)
edits stay in memory, the user is told once, and they are written as soon as writing works again.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from reader.core.annotation_store import (
    AnnotationStore,
    PendingWrites,
    ReconcileResult,
    StorageUnavailable,
)
from reader.core.annotations import Annotation
from reader.core.atomic_files import write_text_atomically
from reader.core.document import Document
from reader.core.notes_export import to_w3c_json
from reader.core.pairing import TextPair

RETRY_INTERVAL_MS = 5000


class AnnotationService(QObject):
    changed = Signal(str)  # id of the document whose notes changed
    storage_problem = Signal(str)  # what went wrong, for the user; "" once it is solved

    def __init__(
        self,
        store: AnnotationStore | None,
        unavailable_reason: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.unavailable_reason = unavailable_reason
        self._pending = PendingWrites(store) if store is not None else None
        self._retry_timer = QTimer(self, interval=RETRY_INTERVAL_MS)
        self._retry_timer.timeout.connect(self.retry)

    @property
    def available(self) -> bool:
        return self.store is not None

    @property
    def pending_count(self) -> int:
        return len(self._pending) if self._pending is not None else 0

    # -- reading ---------------------------------------------------------------------------------

    def _with_pending(self, annotations: Iterable[Annotation]) -> list[Annotation]:
        return (
            self._pending.apply_to(annotations) if self._pending is not None else list(annotations)
        )

    def for_document(self, document_id: str) -> list[Annotation]:
        if self.store is None:
            return []
        found = self._with_pending(self.store.for_document(document_id))
        return [a for a in found if a.document_id == document_id]

    def query(self, **filters: object) -> list[Annotation]:
        return self._with_pending(self.store.query(**filters)) if self.store is not None else []  # type: ignore[arg-type]

    def unplaced(self) -> list[Annotation]:
        return (
            [a for a in self._with_pending(self.store.unplaced()) if not a.placed]
            if self.store
            else []
        )

    def tags(self) -> list[str]:
        return self.store.tags() if self.store is not None else []

    def get(self, annotation_id: str) -> Annotation | None:
        if self.store is None or self._pending is None:
            return None
        pending = self._pending.pending()
        if annotation_id in pending:
            return pending[annotation_id]
        return self.store.get(annotation_id)

    def documents_with_annotations(self) -> dict[str, set[str]]:
        if self.store is None:
            return {}
        marks = self.store.documents_with_annotations()
        for state in self._pending.pending().values() if self._pending else ():
            if state is not None:
                marks.setdefault(state.document_id, set()).add(state.kind)
        return marks

    def reconcile(self, document: Document, pair: TextPair) -> ReconcileResult | None:
        """Re-find notes when a document's text changed since they were made."""
        if self.store is None:
            return None
        try:
            return self.store.reconcile(document, pair)
        except StorageUnavailable as error:
            self.storage_problem.emit(self._problem_text(error))
            return None

    # -- writing ---------------------------------------------------------------------------------

    def save(self, annotation: Annotation) -> None:
        if self._pending is None:
            return
        written = self._pending.save(annotation)
        self._after_write(written)
        self.changed.emit(annotation.document_id)

    def delete(self, annotation: Annotation) -> None:
        if self._pending is None:
            return
        written = self._pending.delete(annotation.id)
        self._after_write(written)
        self.changed.emit(annotation.document_id)

    def retry(self) -> bool:
        if self._pending is None:
            return True
        done = self._pending.retry()
        self._after_write(done)
        return done

    def write_pending_elsewhere(
        self, folders: Iterable[Path], documents: Iterable[Document]
    ) -> Path | None:
        """Save notes that could not reach the database to a W3C JSON file in the first folder
        that takes it, so closing the app never loses them; ``notes import`` reads it back."""
        if self._pending is None:
            return None
        unsaved = [state for state in self._pending.pending().values() if state is not None]
        if not unsaved:
            return None
        text = json.dumps(to_w3c_json(unsaved, list(documents)), ensure_ascii=False, indent=2)
        name = f"unsaved-notes-{datetime.datetime.now():%Y%m%d-%H%M%S}.json"
        for folder in folders:
            try:
                path = Path(folder) / name
                write_text_atomically(path, text + "\n", durable=True)
                return path
            except OSError:
                continue
        return None

    def _after_write(self, written: bool) -> None:
        if written and not self._pending:
            if self._retry_timer.isActive():
                self._retry_timer.stop()
                self.storage_problem.emit("")
            return
        if not self._retry_timer.isActive():
            self._retry_timer.start()
            error = self._pending.last_error if self._pending else None
            self.storage_problem.emit(self._problem_text(error))

    @staticmethod
    def _problem_text(error: Exception | None) -> str:
        reason = str(error) if error else "the data folder cannot be written"
        return (
            f"Notes cannot be saved right now ({reason}). Your changes are kept and will be "
            "saved as soon as writing works again; free some space or check the data folder."
        )
