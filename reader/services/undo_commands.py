"""Undoable changes (Ctrl+Z): alignment corrections and the reader's notes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from reader.core.alignment import Alignment
from reader.core.annotations import Annotation

if TYPE_CHECKING:  # the service imports these commands; the commands only call it
    from reader.services.notes import NotesService

_EDIT_ID = 4101  # QUndoCommand.id() for merging successive edits of one note


def _undo_text(verb: str, kind: str) -> str:
    """What Edit > Undo names: "add highlight", "delete bookmark"."""
    texts = {
        ("add", "highlight"): QCoreApplication.translate("UndoCommands", "add highlight"),
        ("add", "note"): QCoreApplication.translate("UndoCommands", "add note"),
        ("add", "bookmark"): QCoreApplication.translate("UndoCommands", "add bookmark"),
        ("delete", "highlight"): QCoreApplication.translate("UndoCommands", "delete highlight"),
        ("delete", "note"): QCoreApplication.translate("UndoCommands", "delete note"),
        ("delete", "bookmark"): QCoreApplication.translate("UndoCommands", "delete bookmark"),
    }
    return texts.get((verb, kind), f"{verb} {kind}")


class AlignmentTarget(Protocol):
    def apply_alignment(
        self, document_id: str, alignment: Alignment, keep_as_correction: bool
    ) -> None: ...


class AlignmentChange(QUndoCommand):
    """One correction to a document's alignment."""

    def __init__(
        self,
        target: AlignmentTarget,
        document_id: str,
        before: Alignment,
        after: Alignment,
        corrected_before: bool,
        reset: bool = False,
    ) -> None:
        super().__init__(
            QCoreApplication.translate("UndoCommands", "reset alignment")
            if reset
            else QCoreApplication.translate("UndoCommands", "correct alignment")
        )
        self._target = target
        self._document_id = document_id
        self._before, self._after = before, after
        self._corrected_before = corrected_before
        self._reset = reset

    def redo(self) -> None:
        self._target.apply_alignment(
            self._document_id, self._after, keep_as_correction=not self._reset
        )

    def undo(self) -> None:
        self._target.apply_alignment(
            self._document_id, self._before, keep_as_correction=self._corrected_before
        )


class AddAnnotation(QUndoCommand):
    def __init__(self, service: NotesService, annotation: Annotation) -> None:
        super().__init__(_undo_text("add", annotation.kind))
        self._service, self._annotation = service, annotation

    def redo(self) -> None:
        self._service.save(self._annotation)

    def undo(self) -> None:
        self._service.delete(self._annotation)


class DeleteAnnotation(QUndoCommand):
    def __init__(self, service: NotesService, annotation: Annotation) -> None:
        super().__init__(_undo_text("delete", annotation.kind))
        self._service, self._annotation = service, annotation

    def redo(self) -> None:
        self._service.delete(self._annotation)

    def undo(self) -> None:
        self._service.save(self._annotation)


class EditAnnotation(QUndoCommand):
    """A change to a note's text or tags; typing one note is one undo step, not one per pause."""

    def __init__(self, service: NotesService, before: Annotation, after: Annotation) -> None:
        super().__init__(QCoreApplication.translate("UndoCommands", "edit note"))
        self._service, self._before, self._after = service, before, after

    def id(self) -> int:
        return _EDIT_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditAnnotation) or other._after.id != self._after.id:
            return False
        self._after = other._after
        return True

    def redo(self) -> None:
        self._service.save(self._after)

    def undo(self) -> None:
        self._service.save(self._before)
