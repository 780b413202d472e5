"""Quote selectors and re-anchoring: exact, moved, corrected and removed quotes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.alignment import Alignment
from reader.core.anchoring import (
    CONTEXT_LENGTH,
    _myers,
    approximate_find,
    locate,
    make_selector,
    reanchor,
    text_fingerprint,
)
from reader.core.annotations import (
    TextPosition,
    TextQuoteSelector,
    new_document_bookmark,
    new_highlight,
    new_paragraph_bookmark,
)

RU = (
    "Товарищу МАО ЦЗЭДУНУ.",
    "Вашу шифровку от 20 июля получили. Мы считаем правильной Вашу точку зрения насчёт того, "
    "чтобы не настаивать больше на включении в повестку пункта о выводе иностранных войск.",
    "Теперь можно без ущерба для дела отложить этот пункт на другое время.",
    "ФИЛИППОВ",
)
QUOTE = "Мы считаем правильной Вашу точку зрения"


def _levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        previous = current
    return previous[-1]


def _selector_and_hint(paragraphs: tuple[str, ...], quote: str) -> tuple:
    index = next(i for i, text in enumerate(paragraphs) if quote in text)
    start = paragraphs[index].index(quote)
    end = start + len(quote)
    return make_selector(paragraphs, index, start, end), TextPosition(index, start, end)


def test_make_selector_keeps_context_within_the_paragraph() -> None:
    selector, _ = _selector_and_hint(RU, QUOTE)
    assert selector.exact == QUOTE
    assert selector.prefix == RU[1][: RU[1].index(QUOTE)][-CONTEXT_LENGTH:]
    assert len(selector.suffix) == CONTEXT_LENGTH and RU[1].index(selector.suffix) > 0
    start_of_paragraph = make_selector(RU, 0, 0, 8)
    assert start_of_paragraph.prefix == "" and start_of_paragraph.exact == "Товарищу"
    with pytest.raises(ValueError):
        make_selector(RU, 0, 5, 500)


def test_unchanged_text_is_found_at_the_hint() -> None:
    selector, hint = _selector_and_hint(RU, QUOTE)
    match = locate(selector, hint, RU)
    assert match is not None and match.exact and match.score == 1.0
    assert (match.paragraph, match.start, match.end) == (hint.paragraph, hint.start, hint.end)


def test_quote_moved_to_another_paragraph_is_found_exactly() -> None:
    selector, hint = _selector_and_hint(RU, QUOTE)
    changed = (
        "Гриф: секретно.",
        *RU[:1],
        "Вашу шифровку от 20 июля получили.",
        RU[1][35:],
        *RU[2:],
    )
    match = locate(selector, hint, changed)
    assert match is not None and match.exact
    assert changed[match.paragraph][match.start : match.end] == QUOTE


def test_repeated_quote_is_told_apart_by_its_context() -> None:
    paragraphs = ("пункт о выводе войск. Первый раз.", "Второй раз: пункт о выводе войск снят.")
    selector = make_selector(paragraphs, 1, 12, 32)
    match = locate(selector, None, paragraphs)
    assert match is not None and (match.paragraph, match.start) == (1, 12)


def test_corrected_quote_is_found_approximately() -> None:
    selector, hint = _selector_and_hint(RU, QUOTE)
    corrected = tuple(p.replace("Мы считаем правильной", "Мы считаем правильнoй") for p in RU)
    corrected = (corrected[0], "Дополнение. " + corrected[1], *corrected[2:])
    match = locate(selector, hint, corrected)
    assert match is not None and not match.exact
    assert corrected[match.paragraph][match.start : match.end] == QUOTE.replace("ой", "oй", 1)


def test_removed_quote_is_not_pinned_to_unrelated_text() -> None:
    selector, hint = _selector_and_hint(RU, QUOTE)
    rewritten = (RU[0], "Совсем другой текст без этой цитаты, о погоде и урожае.", *RU[2:])
    assert locate(selector, hint, rewritten) is None
    garbage = TextQuoteSelector("qwertyuiop asdfghjkl zxcvbnm", "", "")
    assert locate(garbage, None, RU) is None


def test_short_quotes_are_never_matched_approximately() -> None:
    assert locate(TextQuoteSelector("МАОО"), None, RU) is None
    assert locate(TextQuoteSelector(""), None, RU) is None


@settings(max_examples=150, deadline=None)
@given(
    pattern=st.text(alphabet="abc", min_size=1, max_size=8),
    text=st.text(alphabet="abcd", min_size=1, max_size=14),
)
def test_myers_matches_brute_force_edit_distance(pattern: str, text: str) -> None:
    free = _myers(pattern, text, anchored=False)
    anchored = _myers(pattern, text, anchored=True)
    for end in range(1, len(text) + 1):
        best = min(_levenshtein(pattern, text[start:end]) for start in range(end + 1))
        assert free[end - 1] == best
        assert anchored[end - 1] == _levenshtein(pattern, text[:end])
    found = approximate_find(pattern, text, len(pattern))
    assert found is not None
    start, end, distance = found
    assert _levenshtein(pattern, text[start:end]) == distance == min(free)


def test_long_quotes_work_beyond_64_characters() -> None:
    quote = RU[1][10:150]
    text = "Вступление. " + RU[1][:40] + "X" + RU[1][41:] + " Конец."
    found = approximate_find(quote, text, 10)
    assert found is not None and found[2] == 1


def _alignment() -> Alignment:
    return Alignment.from_pairs([([0], [0]), ([1], [1, 2]), ([2], [3]), ([3], [4])], 4, 5)


def test_reanchor_places_moves_and_unplaces_without_losing_anything() -> None:
    alignment = _alignment()
    selector, hint = _selector_and_hint(RU, QUOTE)
    kept = new_highlight("1", "source", "ru", selector, hint, 1, "blue", "моя заметка", ["a"])
    other_selector, other_hint = _selector_and_hint(RU, "отложить этот пункт")
    lost = new_highlight("1", "source", "ru", other_selector, other_hint, 2, note="keep me")
    whole = new_document_bookmark("1")
    marked = new_paragraph_bookmark("1", "source", "ru", RU, 3, 3)
    new_text = ("Вставка.", RU[0], RU[1], "Совершенно новый абзац.", RU[3])
    new_alignment = Alignment.from_pairs(
        [([0], []), ([1], [0]), ([2], [1, 2]), ([3], [3]), ([4], [4])], 5, 5
    )
    sides = {"source": new_text, "target": ("e",) * 5}
    moved, unplaced, same_whole, bookmark = reanchor(
        [kept, lost, whole, marked], sides, new_alignment
    )
    assert moved.placed and moved.paragraph == 2 and moved.bead == 2
    assert moved.note == kept.note and moved.modified == kept.modified
    assert not unplaced.placed and unplaced.quote == lost.quote and unplaced.note == "keep me"
    assert unplaced.position == lost.position  # last known place kept as the hint
    assert same_whole is whole
    assert bookmark.placed and bookmark.paragraph == 4
    # The text comes back: the unplaced one is placed again.
    (back,) = reanchor([unplaced], {"source": RU}, alignment)
    assert back.placed and back.paragraph == 2 and back.bead == 2


def test_reanchor_leaves_unchanged_annotations_identical() -> None:
    selector, hint = _selector_and_hint(RU, QUOTE)
    annotation = new_highlight("1", "source", "ru", selector, hint, 1)
    (same,) = reanchor([annotation], {"source": RU}, _alignment())
    assert same is annotation


def test_fingerprint_changes_with_any_paragraph() -> None:
    base = text_fingerprint({"source": RU, "target": ("a",)})
    assert base == text_fingerprint({"source": list(RU), "target": ["a"]})
    assert base != text_fingerprint({"source": RU, "target": ("b",)})
    assert base != text_fingerprint({"source": ("a",), "target": RU})
