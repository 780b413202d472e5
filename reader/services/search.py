"""Full-text search over the library and the reader's notes.

The index lives in the workspace's cache folder. Documents reach it in a background job (new or
changed files after start, imported ones as they are copied). Notes reach it when they change, one
at a time, from the notes service's signals; a deleted note leaves it at once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Container

from PySide6.QtCore import QObject, Signal

from reader.core.annotations import Annotation, search_rows, searchable_text
from reader.core.pairing import TextPair
from reader.core.search_index import DocumentHits, Hit, Order, SearchIndex
from reader.core.sides import Side
from reader.services.jobs import BackgroundJob, index_work
from reader.services.notes import NotesService
from reader.workspace import Workspace

__all__ = ["DocumentHits", "Hit", "Order", "SearchService", "hit_side", "locate", "note_text"]


note_text = searchable_text  # the one rule, in the core, that the command line follows too


def hit_side(hit: Hit) -> Side:
    """The side of the document a text hit is on (the index names them by role)."""
    return Side.TRANSCRIPT if hit.side == "transcript" else Side.TRANSLATION


def locate(hit: Hit, pair: TextPair) -> tuple[Side, int, int, int] | None:
    """Where a text hit's first matched word is in the open pair: side, ¶, start, end (the
    whole paragraph when the word cannot be found again, e.g. a folded zero-width space)."""
    if hit.kind != "text" or hit.paragraph is None:
        return None
    side = hit_side(hit)
    text = pair.text_on(side)
    if text is None or not 0 <= hit.paragraph < len(text.paragraphs):
        return None
    paragraph = text.paragraphs[hit.paragraph]
    if hit.spans:
        start, end = hit.spans[0]
        word = hit.snippet[start:end]
        found = paragraph.find(word)
        if found < 0:
            found = paragraph.casefold().find(word.casefold())
        if found >= 0 and word:
            return side, hit.paragraph, found, found + len(word)
    return side, hit.paragraph, 0, 0


class SearchService(QObject):
    index_updated = Signal()  # documents were added or changed: results shown may be stale

    def __init__(
        self, workspace: Workspace, notes: NotesService, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._notes = notes
        self._index: SearchIndex | None = None
        # Note changes the index could not take yet (a background job held it): id -> note or None.
        self._pending: dict[str, Annotation | None] = {}
        self._notes_loaded = False
        self.indexer = BackgroundJob(self)
        self.indexer.finished.connect(lambda _result: self.index_updated.emit())
        notes.saved.connect(self._note_saved)
        notes.removed.connect(self._note_removed)
        notes.reloaded.connect(self._notes_reloaded)

    def search(
        self, query: str, order: Order = "relevance", allowed: Container[str] | None = None
    ) -> list[DocumentHits]:
        """Documents matching ``query``, best (or earliest) first; only ``allowed`` ones if given.

        Raises QueryError for a query that cannot be read.
        """
        index = self._open()
        self._write_notes(index)
        return index.search(query, order=order, allowed=allowed)

    def document_hits(self, query: str, document_id: str) -> list[Hit]:
        """Every hit of ``query`` in one document, in the order ``search`` shows them: what a
        result's "more hits" row fetches. Empty if the document no longer matches.

        Raises QueryError for a query that cannot be read.
        """
        index = self._open()
        self._write_notes(index)
        return index.document_hits(query, document_id)

    def update_documents(self) -> None:
        """Index new or changed documents in the background (a first start, after an update)."""
        self.indexer.start(index_work(self._workspace))

    def close(self) -> None:
        self.indexer.shut()
        if self._index is not None:
            self._index.close()
            self._index = None

    def _open(self) -> SearchIndex:
        if self._index is None:
            # Opened on first use, on this thread: SQLite connections stay in their thread.
            self._index = self._workspace.open_search_index()
        return self._index

    def _note_saved(self, annotation: Annotation) -> None:
        self._queue(annotation.id, annotation)

    def _note_removed(self, annotation: Annotation) -> None:
        self._queue(annotation.id, None)

    def _notes_reloaded(self) -> None:
        self._notes_loaded = False  # the next search copies every note in again

    def _queue(self, annotation_id: str, state: Annotation | None) -> None:
        self._pending[annotation_id] = state
        if self._index is not None:  # not opened yet: the first search loads every note anyway
            self._write_notes(self._index)

    def _write_notes(self, index: SearchIndex) -> None:
        """Bring the index's copy of the notes up to date; what cannot be written waits."""
        try:
            if not self._notes_loaded:
                index.replace_notes(search_rows(self._notes.query()))
                self._notes_loaded = True
                self._pending.clear()
            for annotation_id, state in list(self._pending.items()):
                self._write_note(index, annotation_id, state)
                del self._pending[annotation_id]
            index.commit()
        except sqlite3.OperationalError:
            pass  # a background job holds the index: search what is there, write next time

    @staticmethod
    def _write_note(index: SearchIndex, annotation_id: str, state: Annotation | None) -> None:
        text = note_text(state) if state is not None else ""
        if state is None or not text:
            index.remove_note(annotation_id)
        else:
            index.save_note(annotation_id, state.document_id, text)
