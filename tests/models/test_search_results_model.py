"""The search results tree: structure under Qt's model checker, roles, and plain-text snippets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from reader.core.search_index import DocumentHits, Hit
from reader.models.search_results_model import SearchResultsModel, SearchRole, hit_location

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
            assert model.rowCount(model.index(row, 0)) == len(document.hits)


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
