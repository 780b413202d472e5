"""Sentence splitting (abbreviations, initials, numbers) and sentence links inside a bead."""

from __future__ import annotations

import pytest

from reader.core.alignment import Alignment, Bead
from reader.core.sentences import (
    FacingSentences,
    SentenceSpan,
    align_sentences,
    counterpart,
    counterpart_range,
    split_sentences,
)


def _split(text: str, language: str = "ru") -> list[str]:
    return [text[a:b] for a, b in split_sentences(text, language)]


def test_russian_abbreviations_initials_and_numbers() -> None:
    text = ("Тов. И. В. Сталин прибыл 20.07.1951 г. в Москву. Он, т.е. т. Сталин, сказал: "
            "курс 1.5 руб. Экз. № 2. Далее.")  # fmt: skip
    assert _split(text) == [
        "Тов. И. В. Сталин прибыл 20.07.1951 г. в Москву.",
        "Он, т.е. т. Сталин, сказал: курс 1.5 руб. Экз. № 2.",
        "Далее.",
    ]


def test_english_abbreviations_initials_and_numbers() -> None:
    text = "Cable No. 4277 to Cde. Mao. Mr. J. V. Stalin met the U.S. envoy! It cost 1.5 million?"
    assert _split(text, "en") == [
        "Cable No. 4277 to Cde. Mao.",
        "Mr. J. V. Stalin met the U.S. envoy!",
        "It cost 1.5 million?",
    ]


def test_spans_are_offsets_and_empty_text_has_none() -> None:
    text = "  First one. Second one.  "
    assert split_sentences(text, "en") == [(2, 12), (13, 24)]
    assert split_sentences("", "en") == [] and split_sentences("   ", "ru") == []


RU = ["Вашу шифровку от 20 июля получили. Мы считаем правильной Вашу точку зрения. "
      "Теперь можно отложить этот пункт, т.е. не включать его в повестку."]  # fmt: skip
EN = ["We have received your cipher message of 20 July. We consider your point of view correct.",
      "Now the item can be put off, i.e. not included in the agenda."]  # fmt: skip


def test_sentence_links_cover_a_one_to_two_bead() -> None:
    links = align_sentences(RU, EN, ("ru", "en"))
    assert [(len(link.source), len(link.target)) for link in links] == [(1, 1), (1, 1), (1, 1)]
    assert links[2].target[0].paragraph == 1 and links[2].target[0].start == 0
    third = links[2].source[0]
    assert RU[0][third.start : third.end].startswith("Теперь")


def test_caret_and_range_map_to_counterpart_sentences() -> None:
    links = align_sentences(RU, EN, ("ru", "en"))
    caret = RU[0].index("точку")
    (span,) = counterpart(links, "source", 0, caret)
    assert EN[span.paragraph][span.start : span.end] == "We consider your point of view correct."
    start, end = RU[0].index("получили"), RU[0].index("точку")
    assert len(counterpart_range(links, "source", 0, start, end)) == 2
    (back,) = counterpart(links, "target", 1, 3)
    assert back.start == RU[0].index("Теперь")


def test_one_sided_bead_gives_one_sided_links() -> None:
    links = align_sentences(["Первое. Второе."], [], ("ru", "en"))
    assert [(len(link.source), len(link.target)) for link in links] == [(1, 0), (1, 0)]


def test_merged_sentences_give_a_two_to_one_link() -> None:
    en = ["We have received your cipher message of 20 July, and we consider your point of view "
          "correct.", EN[1]]  # fmt: skip
    links = align_sentences(RU, en, ("ru", "en"))
    assert [(len(link.source), len(link.target)) for link in links] == [(2, 1), (1, 1)]


def test_one_to_one_shortcut_agrees_with_the_programme(monkeypatch: pytest.MonkeyPatch) -> None:
    import reader.core.sentences as sentences

    shortcut = align_sentences(RU, EN, ("ru", "en"))
    monkeypatch.setattr(sentences, "_DIAGONAL_FIT", -1.0)  # never take the shortcut
    assert align_sentences(RU, EN, ("ru", "en")) == shortcut


def _facing_document() -> tuple[FacingSentences, list[str], list[str]]:
    """A two-bead document: a stamp on each side, then RU[0] facing EN[0] + EN[1]."""
    source, target = ["Секретно", *RU], ["SECRET", *EN]
    beads = (Bead((0,), (0,)), Bead((1,), (1, 2)))
    return FacingSentences(Alignment(beads, 2, 3), source, target), source, target


def test_facing_sentences_answer_in_document_paragraph_numbers() -> None:
    facing, source, target = _facing_document()
    own, other = facing.at("source", 1, source[1].index("повестку"))
    assert [source[s.paragraph][s.start : s.end][:6] for s in own] == ["Теперь"]
    assert [(s.paragraph, target[s.paragraph][s.start : s.end][:3]) for s in other] == [(2, "Now")]
    back_own, back_other = facing.at("target", 2, 0)
    assert back_other == own and back_own == other  # the same link, asked from the other side


def test_facing_sentences_across_a_range_and_outside_the_texts() -> None:
    facing, source, _ = _facing_document()
    own, other = facing.across("source", 1, 0, source[1].index("точку"))
    assert len(own) == 2 and {s.paragraph for s in other} == {1}
    assert facing.at("source", 7, 0) == ((), ())  # no such paragraph: nothing faces it
    stamp = ((SentenceSpan(0, 0, len("SECRET")),), (SentenceSpan(0, 0, len("Секретно")),))
    assert facing.at("target", 0, 2) == stamp
