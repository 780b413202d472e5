"""The two texts of a document shown side by side, and how their paragraphs pair up.

A :class:`TextPair` is a value; which alignment it carries (curated, corrected or computed) is
decided in one place, :class:`reader.core.pair_resolver.PairResolver`.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.core.alignment import Alignment
from reader.core.document import Document, Text
from reader.core.sentences import FacingSentences

__all__ = ["TextPair", "facing_texts"]


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

    def text_on(self, side: str) -> Text | None:
        """The transcript for "source" (Side.TRANSCRIPT), the translation for "target"."""
        return self.source if side == "source" else self.target

    def facing_sentences(self) -> FacingSentences | None:
        """Which sentences face each other, for every front end alike (None unless both texts
        are there). Each call starts afresh; keep the answer while the pair is shown."""
        if self.source is None or self.target is None:
            return None
        languages = (self.source.language, self.target.language)
        return FacingSentences(
            self.alignment, self.source.paragraphs, self.target.paragraphs, languages
        )


def facing_texts(document: Document) -> tuple[Text | None, Text | None]:
    """The transcript and the translation; a record without either role shows its first text."""
    source, target = document.transcript, document.translation
    if source is None and target is None and document.texts:
        source = document.texts[0]
    return source, target
