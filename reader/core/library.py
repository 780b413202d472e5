"""The set of documents the reader has open, kept in date order."""

from __future__ import annotations

from bisect import insort
from collections.abc import Iterator

from reader.core.document import Document


class Library:
    """Documents in date order (undated last), addressed by record id.

    Adding a document whose id is already present replaces it, so opening a file that is also in the
    corpus never shows the record twice.
    """

    def __init__(self, documents: list[Document] | None = None) -> None:
        self._by_id: dict[str, Document] = {}
        self._order: list[tuple[tuple[int, str, str], str]] = []
        for document in documents or []:
            self.add(document)

    def add(self, document: Document) -> None:
        if document.id in self._by_id:
            self.remove(document.id)
        self._by_id[document.id] = document
        insort(self._order, (document.date_sort_key, document.id))

    def remove(self, document_id: str) -> None:
        document = self._by_id.pop(document_id)
        self._order.remove((document.date_sort_key, document_id))

    def __len__(self) -> int:
        return len(self._order)

    def __iter__(self) -> Iterator[Document]:
        return (self._by_id[doc_id] for _, doc_id in self._order)

    def __contains__(self, document_id: object) -> bool:
        return document_id in self._by_id

    def get(self, document_id: str) -> Document | None:
        return self._by_id.get(document_id)

    def ids(self) -> list[str]:
        return [doc_id for _, doc_id in self._order]

    def neighbour(self, document_id: str, step: int) -> str | None:
        """The id ``step`` places away in date order, or None past either end."""
        ids = self.ids()
        try:
            position = ids.index(document_id) + step
        except ValueError:
            return None
        return ids[position] if 0 <= position < len(ids) else None
