"""Search all documents (Ctrl+K) and find in the open document (Ctrl+F), from the window."""

from __future__ import annotations

import pytest

from reader.widgets.main_window import MainWindow

CABLE, TELEGRAM = "117421", "113013"


@pytest.fixture
def window(reader_window, qtbot, isolated_data_dir) -> MainWindow:
    window = reader_window(isolated_data_dir, document_id=TELEGRAM)
    with qtbot.waitSignal(window.services.search.indexer.finished, timeout=30_000):
        window.services.search.update_documents()
    return window


def test_a_russian_word_form_finds_the_cable_and_opens_at_the_aligned_pair(qtbot, window) -> None:
    window.show_search()
    assert window.search_dock.isVisible()
    window.search_panel.set_query("шифровка")  # the text has «шифровку»
    results = window.search_panel.model.results()
    assert [r.document_id for r in results] == [CABLE]
    hit = next(h for h in results[0].hits if h.kind == "text")
    with qtbot.waitSignal(window.document_opened):
        window.search_panel.hit_activated.emit(CABLE, hit)
    assert window.current_id == CABLE
    cursor = window.reading_view.left.textCursor()
    assert cursor.selectedText() == "шифровку"  # the matched word itself, in ¶ 2 (index 1)
    assert cursor.blockNumber() == 1
    assert window.reading_view.right.marked("pinned") == (4,)  # the English body, level with it


def test_english_stems_and_a_bad_query_are_handled_in_place(qtbot, window) -> None:
    window.search_panel.set_query("negotiation")
    ids = {r.document_id for r in window.search_panel.model.results()}
    assert ids == {CABLE, TELEGRAM}  # "negotiations" in both
    window.search_panel.set_query('"unclosed phrase')
    assert window.search_panel.status_text()  # an explanation, not an exception or a dialog


def test_find_in_document_marks_matches_in_both_panes(qtbot, window) -> None:
    window.open_document(CABLE)
    window.menus.find_action.trigger()
    assert window.find_bar.isVisible()
    window.find_bar.field.setText("июля")
    qtbot.waitUntil(lambda: window.find_bar.match_count() > 0)
    assert window.reading_view.left._find_matches
    window.find_bar.field.setText("July")
    qtbot.waitUntil(lambda: bool(window.reading_view.right._find_matches))
    assert len(window.reading_view.right._find_matches) >= 4
    window.find_bar.close_bar()
    assert window.reading_view.right._find_matches == ()


def test_notes_are_searchable_and_a_note_hit_opens_its_quote(
    qtbot, reader_window, tmp_path
) -> None:
    from reader.core.annotation_store import AnnotationStore
    from reader.services.notes import NotesService

    store = AnnotationStore.open(tmp_path / "notes")
    window = reader_window(tmp_path / "data", annotations=NotesService(store), document_id=CABLE)
    text = window.reading_view.text_of("target").paragraphs[4]
    start = text.index("American reluctance")
    window.reading_view.right.show_range(4, start, start + len("American reluctance"))
    window.reading_view._last_selected_pane = 1
    note = window.add_note()
    window.notes.edit(note.id, "Kremlin wording on delay", ["armistice"])
    window.open_document(TELEGRAM)
    window.search_panel.set_query("Kremlin")
    [result] = window.search_panel.model.results()
    [hit] = [h for h in result.hits if h.kind == "note"]
    window.search_panel.hit_activated.emit(CABLE, hit)
    assert window.current_id == CABLE
    assert window.reading_view.right.textCursor().selectedText() == "American reluctance"
    store.close()


def test_esc_steps_back_out_of_the_search_panel_and_then_closes_it(qtbot, window) -> None:
    from PySide6.QtCore import Qt

    window.activateWindow()
    qtbot.waitActive(window)
    window.show_search()
    panel = window.search_panel
    panel.set_query("negotiation")
    panel.results_view.setFocus()
    qtbot.keyClick(panel.results_view, Qt.Key.Key_Escape)
    assert panel.field.hasFocus() and window.search_dock.isVisible()  # back to the query
    qtbot.keyClick(panel.field, Qt.Key.Key_Escape)
    assert panel.field.text() == "" and window.search_dock.isVisible()  # the query cleared
    qtbot.keyClick(panel.field, Qt.Key.Key_Escape)
    assert not window.search_dock.isVisible()  # and the panel closed


def test_esc_clears_the_notes_filter_and_then_closes_the_notes_panel(qtbot, window) -> None:
    from PySide6.QtCore import Qt

    window.activateWindow()
    qtbot.waitActive(window)
    window.notes_dock.show()
    field = window.notes_panel.filter_field
    field.setFocus()
    field.setText("zanzibar")
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert field.text() == "" and window.notes_dock.isVisible()
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert not window.notes_dock.isVisible()
