"""Which texts of a document face each other and how their paragraphs pair up: one answer for all.

The window, the command line and every export ask the same :class:`PairResolver`, so they never
disagree about which paragraph a note's counterpart is. Alignments are chosen in this order:

1. **corrected**: the reader's own correction (:class:`~reader.core.alignment_corrections.
   CorrectionStore`), when one was made for these paragraph counts: the reader has the last word;
2. **curated**: ``<id>.alignment.json`` beside the document file (a hand-made alignment shipped
   with the corpus);
3. **computed**: the aligner, through the in-memory cache (the last few alignments) and the disk
   cache (:class:`~reader.core.alignment_cache.AlignmentCache`), so reopening a document never runs
   the aligner twice, in a session or across restarts.

Curated and corrected answers are remembered per document and paragraph counts, so asking again
(the window asks :meth:`PairResolver.is_corrected` on every cursor move) never reads the disk.
Corrections change only through :meth:`PairResolver.save_correction` and
:meth:`PairResolver.reset_correction`, which keep the memo current; :meth:`PairResolver.forget`
drops it when a document's files changed behind the resolver's back (a re-import).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from pathlib import Path
from typing import Generic, TypeVar

from reader.core import aligner
from reader.core.alignment import Alignment
from reader.core.alignment_cache import AlignmentCache
from reader.core.alignment_corrections import CorrectionStore
from reader.core.document import Document, Text
from reader.core.pairing import TextPair, facing_texts

__all__ = ["PairResolver", "TextPair", "curated_path"]

COMPUTED_KEPT = 64  # computed alignments kept in memory (the disk cache keeps them all)
MEMO_KEPT = 4096  # curated / corrected answers remembered, per document and paragraph counts

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
_ComputedKey = tuple[tuple[str, ...], tuple[str, ...], str, str]
_MemoKey = tuple[str, int, int]  # document id, source count, target count


def curated_path(document: Document) -> Path | None:
    """Where a curated alignment for ``document`` would be: beside its file."""
    if document.path is None:
        return None
    return document.path.with_name(f"{document.id}.alignment.json")


class _Recent(Generic[K, V]):
    """A small least-recently-used map; a lock keeps it whole when two threads share it."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def lookup(self, key: K) -> tuple[bool, V | None]:
        """(True, value) when ``key`` is known, (False, None) otherwise."""
        with self._lock:
            if key not in self._items:
                return False, None
            self._items.move_to_end(key)
            return True, self._items[key]

    def put(self, key: K, value: V) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._limit:
                self._items.popitem(last=False)

    def drop_where(self, document_id: str | None) -> None:
        """Forget every key whose first element is ``document_id`` (everything for None)."""
        with self._lock:
            if document_id is None:
                self._items.clear()
                return
            for key in [k for k in self._items if isinstance(k, tuple) and k[0] == document_id]:
                del self._items[key]


class PairResolver:
    """The one place that decides a document's :class:`TextPair`; one per workspace."""

    def __init__(self, corrections: CorrectionStore, cache: AlignmentCache) -> None:
        self.corrections = corrections
        self.cache = cache
        self._computed: _Recent[_ComputedKey, Alignment] = _Recent(COMPUTED_KEPT)
        # (document id, path, counts) -> the curated alignment, or None when there is none.
        self._curated: _Recent[tuple[str, str, int, int], Alignment | None] = _Recent(MEMO_KEPT)
        # (document id, counts) -> the reader's correction, or None when there is none.
        self._corrected: _Recent[_MemoKey, Alignment | None] = _Recent(MEMO_KEPT)

    # -- asking ----------------------------------------------------------------------------------

    def pair(self, document: Document) -> TextPair:
        """The pair as the reader sees it: the reader's correction, else curated, else computed."""
        return self._resolve(document, with_correction=True)

    def automatic(self, document: Document) -> TextPair:
        """Curated, else computed: what "Reset to automatic alignment" goes back to."""
        return self._resolve(document, with_correction=False)

    def is_corrected(self, document: Document) -> bool:
        """True when :meth:`pair` shows the reader's correction. Reads the disk once per
        document and paragraph counts; later calls answer from memory."""
        source, target = facing_texts(document)
        if source is None or target is None:
            return False
        counts = (len(source.paragraphs), len(target.paragraphs))
        return self._correction_for(document.id, *counts) is not None

    # -- changing the reader's correction -------------------------------------------------------

    def save_correction(self, document_id: str, alignment: Alignment) -> None:
        """Keep ``alignment`` as the reader's correction; raises OSError when it cannot be saved."""
        self._corrected.drop_where(document_id)  # a stale one may be moved aside: ask again
        self.corrections.save(document_id, alignment)
        key = (document_id, alignment.source_count, alignment.target_count)
        self._corrected.put(key, alignment)

    def reset_correction(self, document_id: str, source_count: int, target_count: int) -> None:
        """Forget the reader's correction for these counts; raises OSError when the disk refuses."""
        self._corrected.drop_where(document_id)
        self.corrections.reset(document_id, source_count, target_count)
        self._corrected.put((document_id, source_count, target_count), None)

    def forget(self, document_id: str | None = None) -> None:
        """Drop what is remembered of a document (of every document for None), e.g. after its
        files were replaced on disk; the next question reads them again."""
        self._curated.drop_where(document_id)
        self._corrected.drop_where(document_id)

    # -- internals -------------------------------------------------------------------------------

    def _resolve(self, document: Document, *, with_correction: bool) -> TextPair:
        source, target = facing_texts(document)
        if source is None or target is None:
            counts = (_count(source), _count(target))
            return TextPair(source, target, Alignment.one_sided(*counts))
        counts = (len(source.paragraphs), len(target.paragraphs))
        alignment = self._correction_for(document.id, *counts) if with_correction else None
        if alignment is None:
            alignment = self._curated_for(document, *counts)
        if alignment is None:
            alignment = self._computed_for(source, target)
        return TextPair(source, target, alignment)

    def _curated_for(
        self, document: Document, source_count: int, target_count: int
    ) -> Alignment | None:
        path = curated_path(document)
        if path is None:
            return None
        key = (document.id, str(path), source_count, target_count)
        known, alignment = self._curated.lookup(key)
        if not known:
            alignment = aligner.load_curated(path, source_count, target_count)
            self._curated.put(key, alignment)
        return alignment

    def _correction_for(
        self, document_id: str, source_count: int, target_count: int
    ) -> Alignment | None:
        key = (document_id, source_count, target_count)
        known, alignment = self._corrected.lookup(key)
        if not known:
            alignment = self.corrections.load(document_id, source_count, target_count)
            self._corrected.put(key, alignment)
        return alignment

    def _computed_for(self, source: Text, target: Text) -> Alignment:
        """Memory first, then the disk cache, then the aligner."""
        key = (source.paragraphs, target.paragraphs, source.language, target.language)
        known, alignment = self._computed.lookup(key)
        if known and alignment is not None:
            return alignment
        alignment = self.cache.align(*key)
        self._computed.put(key, alignment)
        return alignment


def _count(text: Text | None) -> int:
    return len(text.paragraphs) if text else 0
