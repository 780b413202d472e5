"""Stemming: word forms meet, scripts pick their stemmer, offsets stay true to the text."""

from __future__ import annotations

from reader.core import stemming


def test_russian_word_forms_share_a_term() -> None:
    forms = ["шифровка", "шифровку", "Шифровки", "шифровкой", "шифро\u0301вка"]
    assert len({stemming.term(word, "ru") for word in forms}) == 1


def test_english_word_forms_share_a_term() -> None:
    assert stemming.term("negotiation", "en") == stemming.term("Negotiations", "en")


def test_script_decides_when_the_text_language_does_not_fit() -> None:
    # A Cyrillic word in an English text is still stemmed as Russian, and the reverse.
    assert stemming.term("переговорах", "en") == stemming.term("переговоры", "ru")
    assert stemming.term("negotiations", "ru") == stemming.term("negotiation", None)


def test_other_snowball_languages_by_document_language() -> None:
    assert stemming.term("Verhandlungen", "de") == stemming.term("Verhandlung", "de")
    assert "verhandl" in stemming.query_terms("Verhandlungen", frozenset({"german"}))


def test_yo_folds_to_ye_and_short_i_survives() -> None:
    assert stemming.fold("Хрущёв") == stemming.fold("Хрущев")
    assert stemming.fold("Бийск") != stemming.fold("Бииск")


def test_words_keep_offsets_into_the_original_text() -> None:
    text = "Товарищу МАО, <script>x</script> по-прежнему"
    spans = [(m.start(), m.end()) for m in stemming.words(text)]
    assert [text[s:e] for s, e in spans] == [
        "Товарищу",
        "МАО",
        "script",
        "x",
        "script",
        "по",
        "прежнему",
    ]


def test_numbers_are_not_stemmed() -> None:
    assert stemming.terms("1951 38th", "en") == ["1951", "38th"]
