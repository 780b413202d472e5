"""Document text on screen: isolated when it carries bidi content, cut when it has no end."""

from __future__ import annotations

from reader.core.annotations import new_document_bookmark
from reader.models.display_text import isolated, shown
from reader.models.notes_model import detail, summary

OVERRIDE = "Cable \u202e No. 4277"  # an unclosed RIGHT-TO-LEFT OVERRIDE


def test_bidi_text_is_isolated_and_plain_text_is_left_alone() -> None:
    assert isolated("Шифровка No. 5") == "Шифровка No. 5"
    assert isolated(OVERRIDE) == "\u2068" + OVERRIDE + "\u2069"
    assert isolated("שלום") == "\u2068שלום\u2069"


def test_a_title_with_an_override_cannot_flip_the_rest_of_a_notes_line() -> None:
    bookmark = new_document_bookmark("1").edited(tags=("korea",))
    line = detail(bookmark, OVERRIDE)
    assert line.startswith("\u2068" + OVERRIDE + "\u2069")
    assert line.endswith("korea")  # the tags stay after the isolate, in reading order
    assert "\u2069" in summary(bookmark, OVERRIDE)


def test_a_line_with_no_place_to_break_is_cut() -> None:
    endless = "x" * 5000
    assert len(shown(endless)) <= 300 and shown(endless).endswith("…")
    assert shown("a\nb   c") == "a b c"
