"""Coming back to the library: marks, focus and messages as a daily reader expects them."""

from __future__ import annotations

from types import SimpleNamespace

from reader.core.annotation_store import AnnotationStore
from reader.core.annotations import new_document_bookmark
from reader.services.notes import NotesService, count_kinds

CABLE, TELEGRAM = "117421", "113013"


def test_timeline_marks_are_there_after_a_restart(reader_window, tmp_path) -> None:
    data = tmp_path / "data"
    with AnnotationStore.open(data) as store:
        store.add(new_document_bookmark(TELEGRAM, note="read later"))
    store = AnnotationStore.open(data)
    try:
        window = reader_window(data, annotations=NotesService(store))
        assert window.timeline_model._marks.get(TELEGRAM) == frozenset({"bookmark"})
    finally:
        store.close()


def test_go_to_text_focuses_the_visible_text_of_a_one_language_record(reader_window, tmp_path) -> None:
    window = reader_window(tmp_path / "data", document_id=TELEGRAM)
    view = window.reading_view
    window.menus.focus_text_action.trigger()
    visible = [pane for pane in view.panes if pane.isVisibleTo(window)]
    assert len(visible) == 1
    assert window.focusWidget() is visible[0]  # the focus it has once the window is active


def test_a_status_message_does_not_outlive_its_document(reader_window, tmp_path) -> None:
    window = reader_window(tmp_path / "data", document_id=CABLE)
    window.statusBar().showMessage("Selected ¶3 of the transcript and ¶4 of the translation")
    window.open_document(TELEGRAM)
    assert window.statusBar().currentMessage() == ""


def test_an_export_says_what_it_wrote_in_words() -> None:
    note, highlight, bookmark = (SimpleNamespace(kind=k) for k in ("note", "highlight", "bookmark"))
    assert count_kinds([bookmark]) == "1 bookmark"  # type: ignore[list-item]
    assert count_kinds([note, bookmark, bookmark]) == "1 note and 2 bookmarks"  # type: ignore[list-item]
    assert count_kinds([highlight, note, bookmark]) == "1 note, 1 highlight and 1 bookmark"  # type: ignore[list-item]
    assert count_kinds([]) == "no notes"


def test_a_place_not_reached_yet_is_not_saved_over(reader_window, tmp_path) -> None:
    # The window is not on screen, so the view cannot scroll there yet: the place waits for
    # the next layout. Leaving the document then must keep it, not save the top over it.
    window = reader_window(tmp_path / "data", document_id=CABLE)
    window.hide()
    window.reading_view.restore_position(9, 0.25)
    assert window.reading_view.position() == (9, 0.25)
    window.open_document(TELEGRAM)
    assert window.settings.reading_position(CABLE) == (9, 0.25)
    window.open_document(CABLE)
    assert window.reading_view.position()[0] == 9
