"""The search results tree: structure under Qt's model checker, roles, and plain-text snippets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from reader.core.search_index import DocumentHits, Hit
from reader.models.search_results_model import (
    SearchResultsModel,
    SearchRole,
    hit_location,
    more_hits_label,
)

DISPLAY = Qt.ItemDataRole.DisplayRole


def text_hit(
    snippet: str,
    paragraph: int,
    language: str = "en",
    spans: tuple[tuple[int, int], ...] = ((0, 4),),
) -> Hit:
    side = "transcript" if language == "ru" else "translation"
    return Hit("text", side, language, paragraph, None, snippet, spans)


def result(
    document_id: str, title: str, date: str | None, *hits: Hit, total: int = 0
) -> DocumentHits:
    return DocumentHits(document_id, title, date, 1.0, tuple(hits), total or len(hits))


RESULTS = [
    result(
        "stalin-0721",
        "Stalin to Mao Zedong",
        "1951-07-21",
        text_hit("Шифровку получил. Переговоры затягивать.", 2, "ru", spans=((0, 9),)),
        text_hit("I received your cipher telegram.", 2, spans=((16, 22),)),
        Hit("title", None, None, None, None, "Stalin to Mao Zedong", ((0, 6),)),
        total=7,
    ),
    result(
        "mao-1951", "Mao to Stalin", "1951-11", Hit("note", None, None, None, "n1", "my note", ())
    ),
    result("undated", "", None),
]


@pytest.fixture
def model(qapp: object) -> SearchResultsModel:
    """An empty model under Qt's checker (attached first, so every reset is checked)."""
    results = SearchResultsModel()
    results.tester = QAbstractItemModelTester(  # type: ignore[attr-defined]  # keep it alive
        results, QAbstractItemModelTester.FailureReportingMode.Fatal
    )
    return results


def test_passes_the_model_tester_through_several_resets(model: SearchResultsModel) -> None:
    for results in (RESULTS, [], RESULTS[1:], RESULTS, RESULTS[:1], []):
        model.set_results(results)
        assert model.rowCount() == len(results)
        for row, document in enumerate(results):
            more = document.total_hits > len(document.hits)  # a "… N more hits" row
            assert model.rowCount(model.index(row, 0)) == len(document.hits) + more


def test_documents_then_hits(model: SearchResultsModel) -> None:
    model.set_results(RESULTS)
    first = model.index(0, 0)
    assert first.data(DISPLAY) == "Stalin to Mao Zedong — 21 July 1951 (7)"
    assert model.index(1, 0).data(DISPLAY) == "Mao to Stalin — November 1951 (1)"
    assert model.index(2, 0).data(DISPLAY) == "undated — Undated (0)"  # no title: the id
    hit = model.index(0, 0, first)
    assert hit.data(DISPLAY) == "Шифровку получил. Переговоры затягивать."
    assert model.parent(hit) == first
    assert not model.parent(first).isValid()
    assert model.flags(hit) & Qt.ItemFlag.ItemNeverHasChildren
    assert not model.flags(first) & Qt.ItemFlag.ItemNeverHasChildren


def test_custom_roles(model: SearchResultsModel) -> None:
    model.set_results(RESULTS)
    document = model.index(0, 0)
    hit = model.index(1, 0, document)
    assert document.data(SearchRole.KIND) == "document"
    assert document.data(SearchRole.DOCUMENT_ID) == "stalin-0721"
    assert document.data(SearchRole.HIT) is None
    assert document.data(SearchRole.HIT_COUNT) == 7
    assert document.data(SearchRole.SPANS) == ()
    assert hit.data(SearchRole.KIND) == "hit"
    assert hit.data(SearchRole.DOCUMENT_ID) == "stalin-0721"
    assert hit.data(SearchRole.HIT) is RESULTS[0].hits[1]
    assert hit.data(SearchRole.SPANS) == ((16, 22),)
    assert hit.data(SearchRole.SIDE) == "translation"
    assert hit.data(SearchRole.PARAGRAPH) == 2
    assert hit.data(SearchRole.LOCATION) == "EN ¶ 3"  # shown 1-based, as citations do
    assert hit.data(SearchRole.DOCUMENT) is RESULTS[0]
    title_hit = model.index(2, 0, document)
    assert title_hit.data(SearchRole.SIDE) is None
    assert title_hit.data(SearchRole.PARAGRAPH) is None
    assert title_hit.data(SearchRole.LOCATION) == "Title"
    assert b"document_id" in model.roleNames().values()


def test_hit_location_labels() -> None:
    assert hit_location(text_hit("x", 0, "ru")) == "RU ¶ 1"
    assert hit_location(Hit("note", None, None, None, "a", "x", ())) == "Note"
    assert hit_location(Hit("summary", None, None, None, None, "x", ())) == "Summary"


def test_markup_in_snippets_and_titles_stays_text(model: SearchResultsModel) -> None:
    markup = '<b>bold</b> <img src="http://example.com/x.png">'
    model.set_results([result("m", "<script>x</script>", "1951", text_hit(markup, 0))])
    assert model.index(0, 0).data(DISPLAY) == "<script>x</script> — 1951 (1)"
    assert model.index(0, 0, model.index(0, 0)).data(DISPLAY) == markup
    # Tooltips are rich text: there the markup must arrive escaped.
    tooltip = model.index(0, 0, model.index(0, 0)).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;img" in tooltip and "<img" not in tooltip
    assert "&lt;script&gt;" in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)


def test_stale_indexes_do_not_reach_new_rows(model: SearchResultsModel) -> None:
    model.set_results(RESULTS)
    old = model.index(0, 0, model.index(0, 0))
    model.set_results(RESULTS)
    assert model.data(old, DISPLAY) is None  # ids keep counting: an old index finds nothing
    persistent = QPersistentModelIndex(model.index(0, 0))
    model.set_results([])
    assert not persistent.isValid()


def test_index_of_document_and_totals(model: SearchResultsModel) -> None:
    model.set_results(RESULTS)
    assert model.index_of_document("mao-1951").row() == 1
    assert model.index_of_document("missing") == QModelIndex()
    assert model.document_count() == 3
    assert model.hit_total() == 8
    assert model.results() == RESULTS
    model.clear()
    assert model.rowCount() == 0


# ----- "… N more hits" --------------------------------------------------------------------------

EIGHT = [text_hit(f"hit number {n}", n, spans=((0, 3),)) for n in range(8)]


def eight_hits(shown: int = 3) -> DocumentHits:
    return result("eight", "Eight hits", "1951-07-21", *EIGHT[:shown], total=8)


def test_a_document_with_hits_left_out_ends_in_a_more_row(model: SearchResultsModel) -> None:
    model.set_results([eight_hits(), RESULTS[1]])
    document = model.index(0, 0)
    assert model.rowCount(document) == 4
    more = model.index(3, 0, document)
    assert more.data(SearchRole.KIND) == "more"
    assert more.data(DISPLAY) == "… 5 more hits"
    assert more.data(SearchRole.HIT_COUNT) == 5
    assert more.data(SearchRole.DOCUMENT_ID) == "eight"
    assert more.data(SearchRole.HIT) is None
    assert model.flags(more) & Qt.ItemFlag.ItemNeverHasChildren
    assert model.has_more("eight")
    assert model.rowCount(model.index(1, 0)) == 1  # every hit shown: no "more" row
    assert not model.has_more("mao-1951")
    assert more_hits_label(1) == "… 1 more hit"


def test_add_hits_inserts_rows_in_place_without_a_reset(model: SearchResultsModel) -> None:
    model.set_results([eight_hits(), RESULTS[1]])
    document = model.index(0, 0)
    persistent = QPersistentModelIndex(model.index(1, 0, document))  # survives: no reset
    resets: list[bool] = []
    inserted: list[tuple[int, int]] = []
    model.modelReset.connect(lambda: resets.append(True))
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    first_new = model.add_hits("eight", EIGHT)
    assert resets == []
    assert inserted
    assert [model.index(row, 0, document).data(DISPLAY) for row in range(8)] == [
        hit.snippet for hit in EIGHT
    ]
    assert model.rowCount(document) == 8  # the "more" row is gone
    assert not model.has_more("eight")
    assert persistent.isValid() and persistent.row() == 1
    assert first_new.row() == 3 and first_new.data(SearchRole.HIT) == EIGHT[3]
    assert document.data(SearchRole.HIT_COUNT) == 8
    assert model.index(1, 0).data(DISPLAY) == "Mao to Stalin — November 1951 (1)"  # untouched


def test_add_hits_fills_gaps_between_shown_hits(model: SearchResultsModel) -> None:
    shown = result("gaps", "Gaps", None, EIGHT[0], EIGHT[5], total=8)
    model.set_results([shown])
    model.add_hits("gaps", EIGHT)
    document = model.index(0, 0)
    rows = [model.index(row, 0, document).data(SearchRole.HIT) for row in range(8)]
    assert rows == EIGHT


def test_add_hits_keeps_shown_hits_the_index_no_longer_has(model: SearchResultsModel) -> None:
    model.set_results([eight_hits()])
    assert model.add_hits("eight", []) == QModelIndex()  # the document changed meanwhile
    document = model.index(0, 0)
    assert model.rowCount(document) == 3  # what was shown stays; the dead "more" row goes
    assert document.data(DISPLAY) == "Eight hits — 21 July 1951 (3)"
    assert model.add_hits("missing", EIGHT) == QModelIndex()
