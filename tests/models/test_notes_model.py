"""NotesModel: rows, roles, escaping, icons, and Qt's model consistency checks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QIcon
from PySide6.QtTest import QAbstractItemModelTester

from reader.core.annotations import (
    Annotation,
    TextPosition,
    TextQuoteSelector,
    new_document_bookmark,
    new_highlight,
)
from reader.models.notes_model import NotesModel, NotesRole, detail, summary, tooltip

DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
DECORATION = Qt.ItemDataRole.DecorationRole


def highlight(
    quote: str,
    document_id: str = "doc-1",
    note: str = "",
    colour: str = "yellow",
    tags: tuple[str, ...] = (),
    paragraph: int = 3,
) -> Annotation:
    return new_highlight(
        document_id,
        "source",
        "ru",
        TextQuoteSelector(quote, "before ", " after"),
        TextPosition(paragraph, 0, len(quote)),
        paragraph,
        colour=colour,
        note=note,
        tags=tags,
    )


@pytest.fixture
def model(qapp: object) -> NotesModel:
    """An empty model under Qt's checker, attached before any row exists."""
    notes = NotesModel()
    notes.tester = QAbstractItemModelTester(  # type: ignore[attr-defined]  # keep it alive
        notes, QAbstractItemModelTester.FailureReportingMode.Fatal
    )
    return notes


@pytest.fixture
def rows() -> list[Annotation]:
    return [
        highlight("Товарищ Сталин, прошу Вас", note="The opening request", tags=("Korea",)),
        highlight("ceasefire negotiations", document_id="doc-2", colour="blue"),
        new_document_bookmark("doc-3"),
    ]


def test_rows_keep_the_given_order(model, rows) -> None:
    model.set_annotations(rows)
    assert model.rowCount() == 3
    assert [model.annotation(r).id for r in range(3)] == [a.id for a in rows]
    assert model.row_of(rows[2].id) == 2
    assert model.row_of("missing") == -1
    assert model.rowCount(model.index(0, 0)) == 0  # a flat list


def test_display_summarises_quote_and_note(model, rows) -> None:
    model.set_annotations(rows)
    model.set_document_titles({"doc-3": "Stalin to Mao,\n 5 June 1951"})
    assert (
        model.data(model.index(0, 0), DISPLAY)
        == "“Товарищ Сталин, прошу Вас” — The opening request"
    )
    assert model.data(model.index(1, 0), DISPLAY) == "“ceasefire negotiations”"
    assert model.data(model.index(2, 0), DISPLAY) == "Bookmark: Stalin to Mao, 5 June 1951"


def test_long_quote_and_multiline_note_make_one_short_line() -> None:
    annotation = highlight("слово " * 40, note="first line\nsecond line " + "x" * 200)
    text = summary(annotation, "Title")
    assert "\n" not in text
    assert text.startswith("“слово слово")
    assert "…” — first line second line" in text
    assert text.endswith("…")


def test_custom_roles(model, rows) -> None:
    model.set_annotations(rows)
    model.set_document_titles({"doc-1": "Mao to Stalin"})
    first = model.index(0, 0)
    assert model.data(first, NotesRole.ANNOTATION) is rows[0]
    assert model.data(first, NotesRole.DOCUMENT_ID) == "doc-1"
    assert model.data(first, NotesRole.DOCUMENT_TITLE) == "Mao to Stalin"
    assert model.data(first, NotesRole.PARAGRAPH) == 4  # 1-based
    assert model.data(first, NotesRole.KIND) == "note"
    assert model.data(first, NotesRole.COLOUR) == "yellow"
    assert model.data(first, NotesRole.PLACED) is True
    assert model.data(first, NotesRole.DETAIL) == "Mao to Stalin · ¶ 4 · Korea"
    bookmark = model.index(2, 0)
    assert model.data(bookmark, NotesRole.PARAGRAPH) is None
    assert model.data(bookmark, NotesRole.DOCUMENT_TITLE) == "doc-3"  # unknown title: the id
    assert model.roleNames()[int(NotesRole.ANNOTATION)] == b"annotation"


def test_unplaced_detail_says_so_instead_of_a_paragraph() -> None:
    lost = highlight("a lost quote", tags=("draft",)).moved(placed=False)
    assert detail(lost, "Cable 17") == "Unplaced · Cable 17 · draft"


def test_display_and_tooltip_show_markup_literally(model) -> None:
    hostile = highlight(
        "<script>alert(1)</script>",
        note='<img src="http://example.com/x.png">\nline two',
        tags=("<b>tag</b>",),
    )
    model.set_annotations([hostile])
    model.set_document_titles({"doc-1": "<i>Title</i> & more"})
    index = model.index(0, 0)
    assert "<script>alert(1)</script>" in model.data(index, DISPLAY)  # plain text, shown as is
    tip = model.data(index, TOOLTIP)
    assert "<script>" not in tip and "&lt;script&gt;alert(1)&lt;/script&gt;" in tip
    assert "<img" not in tip and "&lt;img src=&quot;http://example.com/x.png&quot;&gt;" in tip
    assert "&lt;b&gt;tag&lt;/b&gt;" in tip
    assert "&lt;i&gt;Title&lt;/i&gt; &amp; more" in tip
    assert "line two" in tip and "<br>line two" in tip


def test_tooltip_has_full_quote_note_tags_and_title() -> None:
    annotation = highlight("к" * 300, note="A long note", tags=("Korea", "1951"))
    tip = tooltip(annotation, "Mao to Stalin")
    assert "к" * 300 in tip
    assert "A long note" in tip
    assert "Tags: Korea, 1951" in tip
    assert "<b>Mao to Stalin</b>" in tip


def test_decoration_is_a_cached_icon_per_kind_and_colour(model, rows) -> None:
    model.set_annotations([*rows, highlight("other", colour="yellow", note="n")])
    icons = [model.data(model.index(r, 0), DECORATION) for r in range(4)]
    assert all(isinstance(icon, QIcon) and not icon.isNull() for icon in icons)
    assert icons[0].cacheKey() == icons[3].cacheKey()  # same kind and colour: same icon
    assert len({icon.cacheKey() for icon in icons}) == 3


def test_update_replaces_one_row_and_signals_it(model, rows, qtbot) -> None:
    model.set_annotations(rows)
    edited = rows[1].edited(note="Edited note", tags=["x"])
    with qtbot.waitSignal(model.dataChanged) as blocker:
        assert model.update_annotation(edited)
    assert blocker.args[0].row() == 1 and blocker.args[1].row() == 1
    assert model.annotation(1) is edited
    assert "Edited note" in model.data(model.index(1, 0), DISPLAY)
    assert not model.update_annotation(highlight("not listed"))


def test_remove_takes_out_one_row(model, rows, qtbot) -> None:
    model.set_annotations(rows)
    with qtbot.waitSignal(model.rowsRemoved) as blocker:
        assert model.remove_annotation(rows[1].id)
    assert blocker.args[1:] == [1, 1]
    assert [model.annotation(r).id for r in range(2)] == [rows[0].id, rows[2].id]
    assert model.row_of(rows[2].id) == 1
    assert not model.remove_annotation(rows[1].id)


def test_titles_change_signals_every_row(model, rows, qtbot) -> None:
    model.set_annotations(rows)
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.set_document_titles({"doc-1": "New title"})
    assert (blocker.args[0].row(), blocker.args[1].row()) == (0, 2)
    assert model.data(model.index(0, 0), NotesRole.DOCUMENT_TITLE) == "New title"


def test_reset_to_empty_and_invalid_indexes(model, rows) -> None:
    model.set_annotations(rows)
    model.set_annotations([])
    assert model.rowCount() == 0
    assert model.data(QModelIndex(), DISPLAY) is None
    assert model.data(model.index(5, 0), DISPLAY) is None
    assert model.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags


def test_ten_thousand_rows_reset_fast(model) -> None:
    """Not a timing test: only that a reset does no per-row work (the row index is lazy)."""
    many = [highlight(f"quote {n}", document_id=f"doc-{n % 50}") for n in range(10_000)]
    model.tester = None  # the checker walks every row; here only the reset itself matters
    model.set_annotations(many)
    assert model._row_by_id is None
    assert model.row_of(many[-1].id) == 9_999


def test_a_saved_note_is_put_in_place_without_resetting_the_list(qtbot) -> None:
    model = NotesModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    first, last = highlight("first", paragraph=1), highlight("last", paragraph=9)
    model.set_annotations([first, last])
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    with qtbot.waitSignal(model.rowsInserted):
        model.put_annotation(highlight("middle", paragraph=5))
    model.put_annotation(new_document_bookmark("doc-1"))  # no place: first in its document
    model.put_annotation(highlight("z", document_id="doc-2", paragraph=0))
    with qtbot.waitSignal(model.dataChanged):
        model.put_annotation(first.edited(note="changed"))
    quotes = [a.quote or "(document)" for a in model.annotations()]
    assert quotes == ["(document)", "first", "middle", "last", "z"]
    assert model.annotation(1).note == "changed"
    assert resets == []
