"""Which two texts of a document face each other, and how their paragraphs pair up.

A curated alignment beside the document wins over the computed one. Computed alignments are kept
in memory (the last 64) and on disk (:mod:`reader.core.alignment_cache`), so reopening a document
never runs the aligner twice, in a session or across restarts.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reader.core.alignment import Alignment
from reader.core.document import Document, Text


@dataclass(frozen=True)
class TextPair:
    """The texts shown side by side: source (transcript) left, target (translation) right by default.

    Either side may be None when the record lacks that text; the alignment then pairs nothing.
    """

    source: Text | None
    target: Text | None
    alignment: Alignment

    @property
    def is_bilingual(self) -> bool:
        return self.source is not None and self.target is not None


def _paragraph_count(text: Text | None) -> int:
    return len(text.paragraphs) if text else 0


def text_pair(document: Document) -> TextPair:
    source, target = document.transcript, document.translation
    if source is None and target is None and document.texts:
        source = document.texts[0]
    if source is None or target is None:
        alignment = Alignment.one_sided(_paragraph_count(source), _paragraph_count(target))
        return TextPair(source, target, alignment)
    return TextPair(source, target, _alignment_for(document, source, target))


def _alignment_for(document: Document, source: Text, target: Text) -> Alignment:
    from reader.core import aligner

    if document.path is not None:
        curated_path = document.path.with_name(f"{document.id}.alignment.json")
        curated = aligner.load_curated(curated_path, len(source.paragraphs), len(target.paragraphs))
        if curated is not None:
            return curated
    return _computed(source.paragraphs, target.paragraphs, source.language, target.language)


@lru_cache(maxsize=64)
def _computed(
    source: tuple[str, ...], target: tuple[str, ...], source_language: str, target_language: str
) -> Alignment:
    """Memory first (lru_cache), then the disk cache, then the aligner."""
    from reader.core.alignment_cache import cached_align

    return cached_align(source, target, source_language, target_language)
