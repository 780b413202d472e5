"""Which two texts of a record face each other (how they align is the resolver's business)."""

from __future__ import annotations

from reader.core.alignment import Alignment
from reader.core.document import Document, Text
from reader.core.pairing import TextPair, facing_texts

RU = Text("ru", "transcript", ("Товарищу МАО ЦЗЭДУНУ.",))
EN = Text("en", "translation", ("To Cde. MAO ZEDONG",))


def test_transcript_faces_translation_whatever_the_file_order() -> None:
    assert facing_texts(Document(id="1", title="t", texts=(EN, RU))) == (RU, EN)


def test_one_language_leaves_the_other_side_empty() -> None:
    assert facing_texts(Document(id="1", title="t", texts=(RU,))) == (RU, None)
    assert facing_texts(Document(id="1", title="t", texts=(EN,))) == (None, EN)
    assert facing_texts(Document(id="1", title="t")) == (None, None)


def test_a_pair_is_bilingual_only_with_both_texts() -> None:
    assert TextPair(RU, EN, Alignment.from_pairs([((0,), (0,))], 1, 1)).is_bilingual
    assert not TextPair(RU, None, Alignment.one_sided(1, 0)).is_bilingual
