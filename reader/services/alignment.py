"""Correcting a document's alignment by hand: linked, unlinked, merged or split pairs, undoable.

The reader's correction is kept by the :class:`~reader.core.pair_resolver.PairResolver`, the one
place that decides which paragraphs face each other, so the window, the exports and the command
line all see it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoStack

from reader.core.alignment import Alignment
from reader.core.document import Document
from reader.core.pair_resolver import PairResolver
from reader.services.messages import MessageBridge
from reader.services.undo_commands import AlignmentChange

DocumentSource = Callable[[str], Document | None]


class AlignmentService(QObject):
    # document id, the alignment now in force: the reading view redraws it, or opens the document
    applied = Signal(str, object)

    def __init__(
        self,
        resolver: PairResolver,
        documents: DocumentSource,
        undo_stack: QUndoStack,
        messages: MessageBridge,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.resolver = resolver
        self._documents = documents
        self._undo_stack = undo_stack
        self._messages = messages

    def is_corrected(self, document_id: str | None) -> bool:
        document = self._documents(document_id) if document_id else None
        return document is not None and self.resolver.is_corrected(document)

    def correct(self, document_id: str, before: Alignment, after: Alignment) -> None:
        """The reader's edit of the pairs shown (``before``) into ``after``."""
        command = AlignmentChange(self, document_id, before, after, self.is_corrected(document_id))
        self._undo_stack.push(command)

    def reset(self, document_id: str) -> bool:
        """Back to the automatic alignment; False when there was no correction to forget."""
        document = self._documents(document_id)
        if document is None or not self.resolver.is_corrected(document):
            return False
        shown = self.resolver.pair(document).alignment
        automatic = self.resolver.automatic(document).alignment
        command = AlignmentChange(self, document_id, shown, automatic, True, reset=True)
        self._undo_stack.push(command)
        return True

    def apply_alignment(
        self, document_id: str, alignment: Alignment, keep_as_correction: bool
    ) -> None:
        """Save (or forget) a correction; called by the undoable commands."""
        document = self._documents(document_id)
        counts = (alignment.source_count, alignment.target_count)
        if document is None or counts != self._counts(document):
            # The text changed since this edit (a re-import): the old pairs no longer fit it.
            self._messages.show_status(
                QCoreApplication.translate(
                    "AlignmentService", "That alignment change no longer fits the document's text"
                )
            )
            return
        try:
            if keep_as_correction:
                self.resolver.save_correction(document_id, alignment)
            else:
                self.resolver.reset_correction(document_id, *counts)
        except OSError as error:
            self._messages.warn(
                QCoreApplication.translate(
                    "AlignmentService",
                    "The alignment correction could not be saved (%1); it applies until you close the app.",
                ).replace("%1", str(error.strerror or error))
            )
        self.applied.emit(document_id, alignment)

    def _counts(self, document: Document) -> tuple[int, int]:
        alignment = self.resolver.automatic(document).alignment
        return alignment.source_count, alignment.target_count
