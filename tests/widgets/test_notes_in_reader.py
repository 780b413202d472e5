"""Highlights, notes and bookmarks made in the reading view: saved at once, drawn, undoable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QMessageBox, QWidget

from reader.core.annotation_store import AnnotationStore, StorageUnavailable
from reader.core.notes_export import import_w3c
from reader.models.timeline_model import TimelineRole
from reader.services.notes import NotesService
from reader.widgets import notices
from reader.widgets.main_window import MainWindow

CABLE, TELEGRAM = "117421", "113013"
BODY_EN, BODY_RU = 4, 1  # the cable's body paragraph in English and in Russian


@pytest.fixture
def store(tmp_path) -> AnnotationStore:
    opened = AnnotationStore.open(tmp_path / "data")
    yield opened
    opened.close()


@pytest.fixture
def window(reader_window, qtbot, tmp_path, store) -> MainWindow:
    return reader_window(tmp_path / "data", annotations=NotesService(store))


def select_words(window: MainWindow, side: str, paragraph: int, words: str) -> None:
    text = window.reading_view.text_of(side).paragraphs[paragraph]
    start = text.index(words)
    pane = window.reading_view.panes[window.reading_view.pane_of(side)]
    pane.show_range(paragraph, start, start + len(words))
    window.reading_view._last_selected_pane = window.reading_view.pane_of(side)


def test_highlighting_selected_text_saves_it_at_once_and_draws_it(window, store) -> None:
    select_words(window, "target", BODY_EN, "withdrawal of foreign troops")
    window.menus.highlight_action.trigger()
    [saved] = store.for_document(CABLE)
    assert saved.kind == "highlight"
    assert saved.quote == "withdrawal of foreign troops"
    assert (saved.side, saved.position.paragraph, saved.colour) == ("target", BODY_EN, "yellow")
    assert [h.paragraph for h in window.reading_view.right._highlights] == [BODY_EN]
    assert window.reading_view.left._highlights == ()


def test_a_note_shows_on_both_language_sides(window, store) -> None:
    select_words(window, "target", BODY_EN, "cipher message of 20 July")
    note = window.add_note()
    assert note is not None and note.kind == "note"
    assert store.get(note.id) is not None
    assert BODY_EN in window.reading_view.right._noted
    assert BODY_RU in window.reading_view.left._noted  # the Russian counterpart is marked too


def test_undo_and_redo_a_highlight(window, store) -> None:
    select_words(window, "source", BODY_RU, "Вашу шифровку")
    window.menus.highlight_action.trigger()
    assert len(store.for_document(CABLE)) == 1
    window.menus.undo_action.trigger()
    assert store.for_document(CABLE) == []
    assert window.reading_view.left._highlights == ()
    window.menus.redo_action.trigger()
    assert store.for_document(CABLE)[0].quote == "Вашу шифровку"


def test_document_bookmark_toggles_and_marks_the_timeline(window, store) -> None:
    window.menus.bookmark_document_action.trigger()
    [bookmark] = store.for_document(CABLE)
    assert bookmark.is_document_bookmark
    index = window.timeline_model.index_of_document(CABLE)
    assert window.timeline_model.data(index, TimelineRole.MARKS) == ["bookmark"]
    assert window.menus.bookmark_document_action.isChecked()
    window.menus.bookmark_document_action.trigger()
    assert store.for_document(CABLE) == []
    assert window.timeline_model.data(index, TimelineRole.MARKS) == []


def test_paragraph_bookmark_draws_a_ribbon(window, store) -> None:
    window.reading_view.right.select_paragraph(3)
    window.menus.bookmark_paragraph_action.trigger()
    [bookmark] = store.for_document(CABLE)
    assert (bookmark.kind, bookmark.side, bookmark.position.paragraph) == ("bookmark", "target", 3)
    assert 3 in window.reading_view.right._bookmarked
    # Numbered on its own side, as the notes list and search results say it.
    assert window.statusBar().currentMessage() == "Bookmarked EN ¶ 4"


def test_editing_a_note_is_saved_and_undone_as_one_step(window, store) -> None:
    select_words(window, "target", BODY_EN, "deferred to another time")
    note = window.add_note()
    window.notes.edit(note.id, "Stalin", ["armistice"])
    window.notes.edit(note.id, "Stalin defers the point", ["armistice", "Korea"])
    saved = store.get(note.id)
    assert (saved.note, saved.tags) == ("Stalin defers the point", ("armistice", "Korea"))
    window.menus.undo_action.trigger()
    assert store.get(note.id).note == ""
    window.menus.undo_action.trigger()  # and then the note itself
    assert store.get(note.id) is None


def test_delete_can_be_undone(window, store) -> None:
    select_words(window, "target", BODY_EN, "peacefulness")
    highlight = window.highlight_selection("green")
    window.notes.remove(highlight.id)
    assert store.get(highlight.id) is None
    window.menus.undo_action.trigger()
    assert store.get(highlight.id).colour == "green"


def test_opening_a_note_jumps_to_its_document_and_selects_the_quote(window, store) -> None:
    select_words(window, "target", BODY_EN, "American reluctance")
    highlight = window.highlight_selection("blue")
    window.open_document(TELEGRAM)
    window.open_annotation(highlight)
    assert window.current_id == CABLE
    assert window.reading_view.right.textCursor().selectedText() == "American reluctance"
    assert window.reading_view.left.marked("pinned") == (BODY_RU,)


def test_export_gives_both_languages_and_reimport_adds_nothing(window, store, tmp_path) -> None:
    select_words(window, "target", BODY_EN, "withdrawal of foreign troops")
    note = window.add_note()
    window.notes.edit(note.id, "Key concession", ["armistice"])
    markdown = tmp_path / "notes.md"
    window.notes.export(markdown, "md")
    text = markdown.read_text(encoding="utf-8")
    assert "withdrawal of foreign troops" in text
    # The Russian sentence facing the quote's, not its whole paragraph.
    assert "Мы считаем правильной Вашу точку зрения" in text
    assert "Вашу шифровку от 20 июля получили" not in text
    assert "APRF, f. 45, op. 1, d. 340" in text
    assert "Key concession" in text
    exported = tmp_path / "notes.json"
    window.notes.export(exported, "json")
    assert json.loads(exported.read_text(encoding="utf-8"))
    report = window.notes.import_file(exported)
    assert report is not None and report.added == []
    assert "Imported notes from notes.json" in window.last_notice_box.text()
    assert len(store.all()) == 1


def test_a_read_only_data_folder_keeps_edits_in_memory_until_writing_works(
    window, store, monkeypatch
) -> None:
    real_save = store.save

    def refuse(_annotation) -> None:
        raise StorageUnavailable(
            "attempt to write a readonly database", Path("annotations.sqlite3")
        )

    monkeypatch.setattr(store, "save", refuse)
    select_words(window, "target", BODY_EN, "peacefulness")
    highlight = window.highlight_selection("pink")
    assert store.get(highlight.id) is None  # not on disk yet...
    assert window.notes.pending_count == 1
    assert [h.colour for h in window.reading_view.right._highlights] == ["pink"]  # ...but shown
    assert "kept" in window.last_notice_box.text()
    assert window.last_notice_box.icon() == QMessageBox.Icon.Warning
    monkeypatch.setattr(store, "save", real_save)
    assert window.notes.retry()
    assert store.get(highlight.id) is not None
    assert window.notes.pending_count == 0
    assert window.statusBar().currentMessage() == "Your notes are saved again."


def test_a_new_note_opens_in_the_notes_panel_and_typing_saves_it(qtbot, window, store) -> None:
    select_words(window, "target", BODY_EN, "withdrawal of foreign troops")
    note = window.add_note()
    panel = window.notes_panel
    assert window.notes_dock.isVisible()
    assert panel.selected_annotation().id == note.id
    panel.note_edit.setPlainText("Stalin lets the point go")
    panel.flush()
    assert store.get(note.id).note == "Stalin lets the point go"
    assert store.get(note.id).kind == "note"


def test_choosing_an_entry_in_the_notes_panel_jumps_to_it(qtbot, window, store) -> None:
    select_words(window, "source", BODY_RU, "нежелание США")
    highlight = window.highlight_selection("purple")
    window.open_document(TELEGRAM)
    window.notes_dock.show()
    window.notes_panel.refresh()
    with qtbot.waitSignal(window.document_opened):
        window.notes_panel.annotation_activated.emit(highlight)
    assert window.current_id == CABLE
    assert window.reading_view.left.textCursor().selectedText() == "нежелание США"
    assert window.reading_view.right.marked("pinned") == (BODY_EN,)


def test_closing_while_notes_cannot_be_saved_writes_them_to_a_file_to_import(
    window, store, monkeypatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(notices, "warn_and_wait", lambda _parent, text: shown.append(text))

    def refuse(_annotation) -> None:
        raise StorageUnavailable("database or disk is full", Path("annotations.sqlite3"))

    monkeypatch.setattr(store, "save", refuse)
    select_words(window, "target", BODY_EN, "peacefulness")
    highlight = window.highlight_selection("pink")
    window.close()
    path = window.unsaved_notes_file
    assert path is not None and path.exists()
    assert str(path) in shown[0]
    monkeypatch.undo()
    report = import_w3c(path.read_bytes(), store, window.library.lookup, window.session.resolver)
    assert report.added == [highlight.id]
    assert store.get(highlight.id).colour == "pink"


def test_the_document_bookmark_check_follows_the_open_document(window) -> None:
    window.menus.bookmark_document_action.trigger()
    assert window.menus.bookmark_document_action.isChecked()
    window.open_document(TELEGRAM)
    assert not window.menus.bookmark_document_action.isChecked()
    window.open_document(CABLE)
    assert window.menus.bookmark_document_action.isChecked()


def test_bookmarking_a_paragraph_twice_takes_the_bookmark_away(window, store) -> None:
    window.reading_view.right.select_paragraph(3)
    window.menus.bookmark_paragraph_action.trigger()
    window.menus.bookmark_paragraph_action.trigger()
    assert store.for_document(CABLE) == []


def test_a_note_unplaced_by_a_changed_text_opens_its_document_without_jumping(
    window, store
) -> None:
    import dataclasses

    select_words(window, "target", 11, "VKP(b) CC Incoming")
    highlight = window.highlight_selection("blue")
    cable = window.library.get(CABLE)
    shorter = dataclasses.replace(
        cable, texts=tuple(dataclasses.replace(t, paragraphs=t.paragraphs[:2]) for t in cable.texts)
    )
    window.open_document(TELEGRAM)
    window.session.add_documents([shorter])
    window.open_annotation(highlight)  # the panel's stale copy still says "placed"
    assert window.current_id == CABLE
    assert not store.get(highlight.id).placed
    assert "not found" in window.statusBar().currentMessage()


def _in_front(panel: QWidget) -> bool:
    """Shown and not behind another panel's tab (which Qt keeps "visible", out of sight)."""
    return panel.isVisible() and not panel.visibleRegion().isEmpty()


def _pane_width_in_characters(window: MainWindow) -> float:
    pane = window.reading_view.panes[0]
    return pane.viewport().width() / QFontMetricsF(pane.document().defaultFont()).averageCharWidth()


@pytest.mark.parametrize("size", [(1440, 900), (1366, 768)])
def test_the_search_and_notes_panels_never_squeeze_the_reading_panes(
    qtbot, window: MainWindow, size: tuple[int, int]
) -> None:
    window.resize(*size)
    window.show_search()
    window.notes_dock.toggleViewAction().trigger()  # View > Notes Panel
    qtbot.wait(50)
    assert _in_front(window.notes_dock) and not _in_front(window.search_dock)  # tabbed
    assert _pane_width_in_characters(window) >= 40, size
    window.show_search()
    qtbot.wait(50)
    assert _in_front(window.search_dock) and not _in_front(window.notes_dock)
    assert _pane_width_in_characters(window) >= 40, size
