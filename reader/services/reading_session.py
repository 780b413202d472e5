"""The reading session: the library, the open document with its resolved pair, and the facets.

Every part of the window that needs to know "what is open, and which paragraphs face each other"
asks this one object, which asks the :class:`~reader.core.pair_resolver.PairResolver`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal

from reader.core.annotations import Annotation
from reader.core.corpus import load_paths
from reader.core.document import Document, ParseError
from reader.core.facets import FacetFilter, filter_documents
from reader.core.library import Entry, Library
from reader.core.pair_resolver import PairResolver, TextPair
from reader.core.sides import Side
from reader.services.messages import MessageBridge, counted
from reader.services.notes import NotesService


class ReadingSession(QObject):
    document_opened = Signal(object, object)  # Document, TextPair
    pair_changed = Signal(object)  # TextPair of the open document, after an alignment change
    documents_added = Signal(list)  # [Document]: new or replaced records
    texts_replaced = (
        Signal()
    )  # a record already in the library got a new text: undo steps are stale
    library_reloaded = Signal()  # many records came or went at once: show the library anew
    visible_changed = Signal(list)  # [Entry] the facets let through, in date order
    unreadable = Signal(list)  # [ParseError]: files that could not be read
    files_opened = Signal(list)  # [Path] of documents opened from files: to keep in the library

    def __init__(
        self,
        library: Library,
        resolver: PairResolver,
        notes: NotesService,
        messages: MessageBridge,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.resolver = resolver
        self.notes = notes
        self._messages = messages
        self.document: Document | None = None
        self.pair: TextPair | None = None
        self.facet = FacetFilter()
        self.load_errors: list[ParseError] = []

    @property
    def document_id(self) -> str | None:
        return self.document.id if self.document is not None else None

    def lookup(self, document_id: str) -> Document | None:
        """A whole document by id, or None when it is unknown or its file went bad."""
        return self.library.lookup(document_id)

    # -- the open document -----------------------------------------------------------------------

    def open(self, document_id: str) -> bool:
        try:
            document = self.library.get(document_id)
        except ParseError as error:  # its file changed or vanished since the catalog saw it
            self.report_unreadable([error])
            return False
        if document is None:
            return False
        pair = self.resolver.pair(document)
        self._reconcile_notes(document, pair)
        self.document, self.pair = document, pair
        self.document_opened.emit(document, pair)
        return True

    def reload_pair(self, document_id: str) -> None:
        """The alignment of ``document_id`` changed: resolve its pair again if it is open."""
        if self.document is not None and self.document.id == document_id:
            self.pair = self.resolver.pair(self.document)
            self.pair_changed.emit(self.pair)

    def neighbour(self, step: int) -> str | None:
        """The document ``step`` places away in date order, as the facets let them through."""
        if self.document is None:
            return None
        if not self.facet.active:  # the whole library: no list of 100,000 ids to search
            return self.library.neighbour(self.document.id, step)
        ids = [entry.id for entry in self.visible_entries()]
        if self.document.id not in ids:
            return self.library.neighbour(self.document.id, step)
        position = ids.index(self.document.id) + step
        return ids[position] if 0 <= position < len(ids) else None

    def _reconcile_notes(self, document: Document, pair: TextPair) -> None:
        result = self.notes.reconcile(document, pair)
        if result is not None and result.newly_unplaced:
            count = len(result.newly_unplaced)
            self._messages.show_status(
                counted.notes_unplaced(count),
                12000,
            )

    # -- notes on the open document ------------------------------------------------------------

    def highlight(
        self, where: tuple[Side, int, int, int], colour: str | None = None, kind: str = "highlight"
    ) -> Annotation | None:
        """A highlight (or note) on ``where`` = side, ¶, start, end of the open document."""
        if self.document is None or self.pair is None:
            return None
        return self.notes.highlight(self.document.id, self.pair, where, colour, kind)

    def toggle_paragraph_bookmark(self, side: Side, paragraph: int) -> Annotation | None:
        if self.document is None or self.pair is None:
            return None
        return self.notes.toggle_paragraph_bookmark(self.document.id, self.pair, side, paragraph)

    def place_of(self, annotation: Annotation) -> tuple[Side, int, int, int] | None:
        """Where a note of the open document is now (side, ¶, start, end), or None: another
        document, a whole-document bookmark, or a quote no longer found (the reader is told)."""
        current = self.notes.get(annotation.id) or annotation  # re-anchored when opened
        if self.document is None or current.document_id != self.document.id:
            return None
        if current.position is None or current.side is None:
            return None
        if not current.placed:
            self._messages.show_status(
                QCoreApplication.translate(
                    "ReadingSession",
                    "This note's quote was not found in the current text; it is kept under Unplaced",
                ),
                8000,
            )
            return None
        position = current.position
        return current.side, position.paragraph, position.start, position.end

    # -- the library -----------------------------------------------------------------------------

    def add_documents(self, documents: Sequence[Document]) -> None:
        if not documents:
            return
        replaced = any(document.id in self.library for document in documents)
        for document in documents:
            self.library.add(document)
        if replaced:
            self.texts_replaced.emit()
        self.documents_added.emit(list(documents))
        if self.facet.active:
            self.visible_changed.emit(self.visible_entries())

    def merge_catalog(self, entries: Sequence[Entry]) -> bool:
        """The catalog's view of the library, read in the background: new and changed records
        join, records whose files went leave; documents opened from files this session stay.
        True when anything changed."""
        wanted = {entry.id: entry for entry in entries}
        gone = [
            entry.id
            for entry in self.library
            if entry.id not in wanted and not isinstance(entry, Document)
        ]
        changed = [entry for entry in entries if self.library.entry(entry.id) != entry]
        changed = [e for e in changed if not isinstance(self.library.entry(e.id), Document)]
        for document_id in gone:
            self.library.remove(document_id)
        self.library.add_many(changed)
        self.library.partial = False  # the catalog's view is whole
        if gone or changed:
            self.library_reloaded.emit()
        return bool(gone or changed)

    def open_files(self, paths: Iterable[Path]) -> str | None:
        """Read files into the library; the id of the first one read, to open."""
        load = load_paths(paths)
        self.add_documents(load.documents)
        self.report_unreadable(load.errors)
        kept = [document.path for document in load.documents if document.path is not None]
        if kept:
            self.files_opened.emit(kept)
        return load.documents[0].id if load.documents else None

    def load_imported(self, files: Sequence[Path]) -> None:
        """Library files an import wrote: into the library, the open record reread if updated."""
        load = load_paths(files)
        self.add_documents(load.documents)
        updated = {document.id for document in load.documents}
        if self.document is not None and self.document.id in updated:
            self.open(self.document.id)  # an updated record: show the new text

    def documents_in(self, folder: Path) -> list[Document]:
        """The readable documents whose files are in ``folder`` (the bundled corpus, say)."""
        ids = [
            entry.id
            for entry in self.library
            if entry.path is not None and entry.path.parent == folder
        ]
        return [document for doc_id in ids if (document := self.lookup(doc_id)) is not None]

    def report_unreadable(self, errors: Sequence[ParseError]) -> None:
        if errors:
            self.load_errors.extend(errors)
            self.unreadable.emit(list(errors))

    # -- facets ----------------------------------------------------------------------------------

    def set_facet(self, facet: FacetFilter) -> None:
        self.facet = facet
        self.visible_changed.emit(self.visible_entries())

    def visible_entries(self) -> list[Entry]:
        """The library as the facets let it through, in date order."""
        if not self.facet.active:
            return list(self.library)
        annotated = self.notes.documents_with_annotations() if self.facet.with_notes else {}
        return list(filter_documents(list(self.library), self.facet, annotated))

    def visible_ids(self) -> set[str] | None:
        """The ids the facets let through, or None when no facet is set (everything passes)."""
        return {entry.id for entry in self.visible_entries()} if self.facet.active else None

    def notes_changed(self) -> None:
        """Notes changed: a "with notes" filter may let other documents through now."""
        if self.facet.with_notes:
            self.visible_changed.emit(self.visible_entries())
