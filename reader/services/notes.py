"""The reader's notes: the store, edits that could not be written yet, a retry timer, and the
notes use cases (highlight, note, bookmark, edit, delete, export, import), all undoable.

When the data folder cannot be written (read-only, disk full, locked by another copy too long)
edits stay in memory, the user is told once, and they are written as soon as writing works again.
``saved`` and ``removed`` carry each change, so models and the search index update in place.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from reader.core.anchoring import make_selector
from reader.core.annotation_store import (
    AnnotationStore,
    PendingWrites,
    ReconcileResult,
    StorageUnavailable,
)
from reader.core.annotations import (
    Annotation,
    TextPosition,
    new_document_bookmark,
    new_highlight,
    new_paragraph_bookmark,
)
from reader.core.atomic_files import write_text_atomically
from reader.core.document import Document
from reader.core.library import DocumentLookup
from reader.core.notes_export import (
    ImportReport,
    NotesImportError,
    import_w3c,
    read_notes_file,
    to_markdown,
    to_w3c_json,
)
from reader.core.pair_resolver import PairResolver, TextPair
from reader.core.sides import Side
from reader.services.messages import Level, MessageBridge, counted
from reader.services.undo_commands import AddAnnotation, DeleteAnnotation, EditAnnotation

RETRY_INTERVAL_MS = 5000


def _counted(count: int, kind: str) -> str:
    if kind == "note":
        return counted.notes(count)
    if kind == "highlight":
        return counted.highlights(count)
    return counted.bookmarks(count)


def count_kinds(annotations: Iterable[Annotation]) -> str:
    """ "1 note, 2 highlights and 1 bookmark": what a list of annotations holds, in words."""
    kinds = [a.kind for a in annotations]
    parts = [_counted(kinds.count(k), k) for k in ("note", "highlight", "bookmark") if k in kinds]
    if not parts:
        return QCoreApplication.translate("NotesService", "no notes")
    if len(parts) == 1:
        return parts[0]
    return (
        QCoreApplication.translate("NotesService", "%1 and %2")
        .replace("%1", ", ".join(parts[:-1]))
        .replace("%2", parts[-1])
    )


class NotesService(QObject):
    changed = Signal(str)  # id of the document whose notes changed
    saved = Signal(object)  # the Annotation as it now stands
    removed = Signal(object)  # the Annotation that went
    reloaded = Signal()  # many notes changed at once (an import): read them all again
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
        # Set by the window when it wires the services together (see ``attach``).
        self.undo_stack: QUndoStack | None = None
        self.messages = MessageBridge(self)
        self._lookup: DocumentLookup = lambda _document_id: None
        self._resolver: PairResolver | None = None
        self.last_colour = "yellow"

    def attach(
        self,
        lookup: DocumentLookup,
        resolver: PairResolver,
        undo_stack: QUndoStack,
        messages: MessageBridge,
    ) -> None:
        """The library the notes refer to, how its texts pair up, and where undo and messages go."""
        self._lookup, self._resolver = lookup, resolver
        self.undo_stack, self.messages = undo_stack, messages

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
        self.saved.emit(annotation)
        self.changed.emit(annotation.document_id)

    def delete(self, annotation: Annotation) -> None:
        if self._pending is None:
            return
        written = self._pending.delete(annotation.id)
        self._after_write(written)
        self.removed.emit(annotation)
        self.changed.emit(annotation.document_id)

    def stop_retrying(self) -> None:
        """No more retries (the window closed; what is still pending went to a file)."""
        self._retry_timer.stop()

    def retry(self) -> bool:
        if self._pending is None:
            return True
        done = self._pending.retry()
        self._after_write(done)
        return done

    def write_pending_elsewhere(self, folders: Iterable[Path]) -> Path | None:
        """Save notes that could not reach the database to a W3C JSON file in the first folder
        that takes it, so closing the app never loses them; ``notes import`` reads it back."""
        if self._pending is None:
            return None
        unsaved = [state for state in self._pending.pending().values() if state is not None]
        if not unsaved:
            return None
        text = json.dumps(to_w3c_json(unsaved, self._lookup), ensure_ascii=False, indent=2)
        name = f"unsaved-notes-{datetime.datetime.now():%Y%m%d-%H%M%S}.json"
        for folder in folders:
            try:
                path = Path(folder) / name
                write_text_atomically(path, text + "\n", durable=True)
                return path
            except OSError:
                continue
        return None

    # -- use cases (undoable) ---------------------------------------------------------------------

    def _push(self, command: AddAnnotation | DeleteAnnotation | EditAnnotation) -> None:
        if self.undo_stack is not None:
            self.undo_stack.push(command)
        else:
            command.redo()

    def highlight(
        self,
        document_id: str,
        pair: TextPair,
        where: tuple[Side, int, int, int],
        colour: str | None = None,
        kind: str = "highlight",
    ) -> Annotation | None:
        """A highlight (or, with kind "note", a note) on text ``where`` = side, ¶, start, end."""
        side, paragraph, start, end = where
        text = pair.text_on(side)
        if text is None or not self.available or not 0 <= paragraph < len(text.paragraphs):
            return None
        colour = colour or self.last_colour
        annotation = new_highlight(
            document_id,
            side,
            text.language,
            make_selector(text.paragraphs, paragraph, start, end),
            TextPosition(paragraph, start, end),
            pair.alignment.bead_of(side, paragraph),
            colour=colour,
        )
        self.last_colour = colour
        annotation = replace(annotation, kind="note") if kind == "note" else annotation
        self._push(AddAnnotation(self, annotation))
        return annotation

    def toggle_paragraph_bookmark(
        self, document_id: str, pair: TextPair, side: Side, paragraph: int
    ) -> Annotation | None:
        """Bookmark a paragraph, or take its bookmark away; the new bookmark, if one was made."""
        text = pair.text_on(side)
        if text is None or not self.available or not 0 <= paragraph < len(text.paragraphs):
            return None
        existing = [
            a
            for a in self.for_document(document_id)
            if a.kind == "bookmark"
            and a.side == side
            and a.position is not None
            and a.position.paragraph == paragraph
        ]
        if existing:
            self._push(DeleteAnnotation(self, existing[0]))
            return None
        bookmark = new_paragraph_bookmark(
            document_id,
            side,
            text.language,
            text.paragraphs,
            paragraph,
            pair.alignment.bead_of(side, paragraph),
        )
        self._push(AddAnnotation(self, bookmark))
        return bookmark

    def document_bookmark(self, document_id: str) -> Annotation | None:
        found = [a for a in self.for_document(document_id) if a.is_document_bookmark]
        return found[0] if found else None

    def toggle_document_bookmark(self, document_id: str) -> None:
        if not self.available:
            return
        existing = self.document_bookmark(document_id)
        if existing is not None:
            self._push(DeleteAnnotation(self, existing))
        else:
            self._push(AddAnnotation(self, new_document_bookmark(document_id)))

    def remove(self, annotation_id: str) -> None:
        annotation = self.get(annotation_id)
        if annotation is not None:
            self._push(DeleteAnnotation(self, annotation))

    def edit(self, annotation_id: str, note: str, tags: Iterable[str]) -> None:
        """Saved as the reader types; successive edits of one note undo as one step."""
        before = self.get(annotation_id)
        if before is None:
            return
        kind = (
            before.kind if before.kind == "bookmark" else ("note" if note.strip() else "highlight")
        )
        after = before.edited(note=note, tags=tuple(tags), kind=kind)
        if (after.note, after.tags, after.kind) != (before.note, before.tags, before.kind):
            self._push(EditAnnotation(self, before, after))

    def export(self, path: Path, fmt: str) -> int | None:
        """Write every note as Markdown ("md") or W3C JSON ("json"); the count, None on failure."""
        annotations = self.query()
        if fmt == "json":
            data = to_w3c_json(annotations, self._lookup)
            text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        else:
            assert self._resolver is not None, "attach() first"
            text = to_markdown(annotations, self._lookup, self._resolver)
        try:
            write_text_atomically(path, text, durable=True)
        except OSError as error:
            self.messages.warn(
                QCoreApplication.translate("NotesService", "Could not write %1: %2")
                .replace("%1", str(path))
                .replace("%2", str(error.strerror or error))
            )
            return None
        exported = QCoreApplication.translate("NotesService", "Exported %1 to %2")
        self.messages.show_status(
            exported.replace("%1", count_kinds(annotations)).replace("%2", str(path)), 8000
        )
        return len(annotations)

    def import_file(self, path: Path) -> ImportReport | None:
        """Read a W3C Web Annotation file; only the documents it names are read."""
        if self.store is None or self._resolver is None:
            return None
        try:
            data = read_notes_file(path)  # a pipe or a device is refused, not read forever
            report = import_w3c(data, self.store, self._lookup, self._resolver)
        except (OSError, NotesImportError, StorageUnavailable, RecursionError) as error:
            reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
            if isinstance(error, RecursionError):
                reason = QCoreApplication.translate(
                    "NotesService", "the file is nested too deeply to be a notes export"
                )
            text = QCoreApplication.translate("NotesService", "Could not import %1: %2")
            self.messages.tell(text.replace("%1", path.name).replace("%2", reason), Level.WARNING)
            return None
        text = QCoreApplication.translate("NotesService", "Imported notes from %1: %2")
        self.messages.tell(text.replace("%1", path.name).replace("%2", report.summary()))
        self.reloaded.emit()
        self.changed.emit("")
        return report

    # -- writing problems ------------------------------------------------------------------------

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
        reason = (
            str(error)
            if error
            else QCoreApplication.translate("NotesService", "the data folder cannot be written")
        )
        return QCoreApplication.translate(
            "NotesService",
            "Notes cannot be saved right now (%1). Your changes are kept and will be saved as soon "
            "as writing works again; free some space or check the data folder.",
        ).replace("%1", reason)
