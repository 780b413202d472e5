"""Paragraph helpers: the prose test that tells a document from numbers, JSON or tag soup."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.paragraphs import has_readable_prose

_TAG, _WORD = re.compile(r"<[^<>]*>"), re.compile(r"[^\W\d_]{2,}")


def _in_one_pass(text: str) -> bool:
    """The rule, counted over the whole text at once."""
    visible = len(re.sub(r"\s+", "", text))
    untagged = _TAG.sub(" ", text)
    words = _WORD.findall(untagged)
    return len(words) >= 3 and sum(map(len, words)) >= 0.35 * visible


_PARTS = st.sampled_from(
    ["Вашу шифровку", " ", "\n", "20", "<b>", "</b>", "{", '"a": 1,', "x", "_", "—", "ü", "12.5"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PARTS, max_size=40), st.integers(min_value=1, max_value=400))
def test_the_prose_test_counted_piece_by_piece_says_what_one_pass_says(parts, times) -> None:
    text = "".join(parts) * times  # up to tens of thousands of characters: many pieces
    assert has_readable_prose(text) == _in_one_pass(text)


def test_prose_numbers_and_markup() -> None:
    assert has_readable_prose("Мы считаем правильной Вашу точку зрения. " * 200)
    assert not has_readable_prose("12 345 678, 9.10; " * 500)
    assert not has_readable_prose('{"a": [1, 2, 3], "b": null} ' * 300)
    assert not has_readable_prose("<div><span></span></div> " * 300 + "Only three words")
