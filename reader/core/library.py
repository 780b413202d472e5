"""The documents the reader can open, kept in date order, loaded only when opened.

Entries are whole ``Document``s (opened files, tests) or ``DocumentSummary`` records from the
catalog: what the timeline needs, without the texts. ``get`` returns a whole document either way,
parsing a summary's file on first use and keeping the last few.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Protocol

from reader.core.document import Document, ParseError
from reader.core.facets import Faceted
from reader.core.messages import QT_TRANSLATE_NOOP, Message
from reader.core.parsing import parse_file

NO_FILE = Message(QT_TRANSLATE_NOOP("CoreMessages", "the document has no file to read"))
RECENT_DOCUMENTS = 16  # parsed documents kept: moving back and forth never parses twice

# A way to find a document by record id: None when it is unknown or its file cannot be read.
# Lazy by contract: only the documents asked for are parsed (Library.lookup is one).
DocumentLookup = Callable[[str], Document | None]


class Entry(Faceted, Protocol):
    """What the library keeps of a document: a whole Document, or a catalog summary."""

    @property
    def title(self) -> str: ...
    @property
    def date_sort_key(self) -> tuple[int, str, str]: ...
    @property
    def path(self) -> Path | None: ...


def _load_entry(entry: Entry) -> Document:
    path = entry.path
    if path is None:
        raise ParseError(Path(entry.id), NO_FILE)
    return parse_file(path)


class Library:
    """Entries in date order (undated last), addressed by record id.

    Adding an entry whose id is already present replaces it, so opening a file that is also in the
    corpus never shows the record twice.
    """

    def __init__(
        self,
        entries: Iterable[Entry] | None = None,
        loader: Callable[[Entry], Document] = _load_entry,
        *,
        partial: bool = False,
    ) -> None:
        # Only some of the catalog's records (a large library, before it is read in full).
        self.partial = partial
        self._by_id: dict[str, Entry] = {}
        self._order: list[tuple[tuple[int, str, str], str]] = []
        self._loader = loader
        self._recent: OrderedDict[str, Document] = OrderedDict()
        self.add_many(entries or [])  # a later copy replaces an earlier one

    def add(self, entry: Entry) -> None:
        if entry.id in self._by_id:
            self.remove(entry.id)
        self._by_id[entry.id] = entry
        insort(self._order, (entry.date_sort_key, entry.id))

    def add_many(self, entries: Iterable[Entry]) -> None:
        """``add`` for many entries: the order is sorted once, not once per entry (100,000
        insertions into the order list, each shifting the rest, took minutes); linear for
        entries that come in date order, as the catalog gives them."""
        for entry in entries:
            self._recent.pop(entry.id, None)
            self._by_id[entry.id] = entry
        self._order = sorted((entry.date_sort_key, entry.id) for entry in self._by_id.values())

    def remove(self, document_id: str) -> None:
        entry = self._by_id.pop(document_id)
        self._order.remove((entry.date_sort_key, document_id))
        self._recent.pop(document_id, None)

    def __len__(self) -> int:
        return len(self._order)

    def __iter__(self) -> Iterator[Entry]:
        return (self._by_id[doc_id] for _, doc_id in self._order)

    def __contains__(self, document_id: object) -> bool:
        return document_id in self._by_id

    def entry(self, document_id: str) -> Entry | None:
        return self._by_id.get(document_id)

    def get(self, document_id: str) -> Document | None:
        """The whole document, parsed on first use. Raises ParseError if its file went bad."""
        entry = self._by_id.get(document_id)
        if entry is None:
            return None
        if isinstance(entry, Document):
            return entry
        document = self._recent.get(document_id)
        if document is None:
            document = self._loader(entry)
            self._recent[document_id] = document
            if len(self._recent) > RECENT_DOCUMENTS:
                self._recent.popitem(last=False)
        self._recent.move_to_end(document_id)
        return document

    def lookup(self, document_id: str) -> Document | None:
        """Like :meth:`get`, but None for a document whose file went bad: a DocumentLookup."""
        try:
            return self.get(document_id)
        except ParseError:
            return None

    def ids(self) -> list[str]:
        return [doc_id for _, doc_id in self._order]

    def neighbour(self, document_id: str, step: int) -> str | None:
        """The id ``step`` places away in date order, or None past either end (found by
        bisection: Alt+Up and the Previous/Next actions ask after every change)."""
        entry = self._by_id.get(document_id)
        if entry is None:
            return None
        position = bisect_left(self._order, (entry.date_sort_key, document_id)) + step
        return self._order[position][1] if 0 <= position < len(self._order) else None
