"""Facets on the timeline: the timeline, stepping and search all follow the filters."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.facets import FacetFilter
from reader.widgets.main_window import MainWindow

WILSON_DIR = Path(__file__).resolve().parents[3] / "shared" / "samples" / "wilson"


@pytest.fixture
def window(reader_window, qtbot, isolated_data_dir) -> MainWindow:
    samples = [WILSON_DIR / "300237.txt", WILSON_DIR / "300645.txt"]
    return reader_window(isolated_data_dir, paths=samples)


def emit(window: MainWindow, facet: FacetFilter) -> None:
    window.facet_bar.set_facet(facet)
    window.facet_bar.facet_changed.emit(facet)


def test_a_language_facet_narrows_the_timeline_and_stepping(window) -> None:
    assert len(window.timeline_model.document_ids_in_order()) == 4
    emit(window, FacetFilter(original_language="Russian"))
    assert window.timeline_model.document_ids_in_order() == ["117421", "113013"]
    window.menus.next_action.trigger()
    assert window.current_id == "113013"
    assert not window.menus.next_action.isEnabled()  # the German and English records are filtered out


def test_a_year_range_and_clearing_it(window) -> None:
    emit(window, FacetFilter(year_from=1990, year_to=1999, include_undated=False))
    assert window.timeline_model.document_ids_in_order() == ["300237"]
    emit(window, FacetFilter())
    assert len(window.timeline_model.document_ids_in_order()) == 4


def test_filters_and_search_combine(qtbot, window) -> None:
    with qtbot.waitSignal(window.services.search.indexer.finished, timeout=30_000):
        window.services.search.update_documents()
    window.show_search()
    window.search_panel.set_query("negotiations")
    assert {r.document_id for r in window.search_panel.model.results()} == {"117421", "113013"}
    emit(window, FacetFilter(year_from=1951, year_to=1951, include_undated=False))
    window.search_panel.set_query("negotiations")
    assert {r.document_id for r in window.search_panel.model.results()} == {"117421", "113013"}
    emit(window, FacetFilter(original_language="German"))
    window.search_panel.set_query("negotiations")
    assert window.search_panel.model.results() == []
