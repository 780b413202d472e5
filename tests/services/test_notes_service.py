"""The notes service: undoable use cases, edits kept in memory while the disk refuses, retry."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.annotation_store import StorageUnavailable
from reader.core.sides import Side
from reader.services.composition import Services

CABLE = "117421"  # a two-language cable

BODY_EN = 4  # the cable's body paragraph in English


def _pair(services: Services):
    document = services.session.lookup(CABLE)
    assert document is not None
    return services.session.resolver.pair(document)


def _highlight(services: Services, colour: str = "yellow"):
    pair = _pair(services)
    text = pair.text_on(Side.TRANSLATION).paragraphs[BODY_EN]
    start = text.index("withdrawal")
    where = (Side.TRANSLATION, BODY_EN, start, start + len("withdrawal"))
    return services.notes.highlight(CABLE, pair, where, colour)


def _refuse_writes(monkeypatch: pytest.MonkeyPatch, store) -> None:
    def refuse(*_args: object) -> None:
        raise StorageUnavailable("database or disk is full", Path("annotations.sqlite3"))

    monkeypatch.setattr(store, "save", refuse)
    monkeypatch.setattr(store, "delete", refuse)


def test_a_highlight_is_saved_and_reported_and_undone(services, store, qtbot) -> None:
    with qtbot.waitSignal(services.notes.saved) as saved:
        highlight = _highlight(services)
    assert highlight is not None and saved.args == [highlight]
    assert store.get(highlight.id).quote == "withdrawal"
    with qtbot.waitSignal(services.notes.removed):
        services.undo_stack.undo()
    assert store.get(highlight.id) is None
    services.undo_stack.redo()
    assert store.get(highlight.id) is not None


def test_successive_edits_of_one_note_undo_as_one_step(services, store) -> None:
    highlight = _highlight(services)
    for typed in ("K", "Ke", "Key concession"):
        services.notes.edit(highlight.id, typed, ["armistice"])
    assert store.get(highlight.id).kind == "note"
    services.undo_stack.undo()
    assert store.get(highlight.id).note == ""
    assert store.get(highlight.id).kind == "highlight"


def test_edits_wait_in_memory_while_the_disk_refuses_and_are_written_on_retry(
    services, store, monkeypatch, qtbot
) -> None:
    notes = services.notes
    _refuse_writes(monkeypatch, store)
    with qtbot.waitSignal(notes.storage_problem) as problem:
        highlight = _highlight(services, "pink")
    assert "kept" in problem.args[0]
    assert notes.pending_count == 1
    assert store.get(highlight.id) is None
    assert [a.id for a in notes.for_document(CABLE)] == [highlight.id]  # shown all the same
    notes.edit(highlight.id, "later", [])  # queues behind the first: one pending state per note
    assert notes.pending_count == 1
    assert not notes.retry()
    monkeypatch.undo()
    with qtbot.waitSignal(notes.storage_problem) as solved:
        assert notes.retry()
    assert solved.args == [""]
    assert notes.pending_count == 0
    assert store.get(highlight.id).note == "later"


def test_a_delete_that_cannot_be_written_hides_the_note_until_it_is(
    services, store, monkeypatch
) -> None:
    highlight = _highlight(services)
    _refuse_writes(monkeypatch, store)
    services.notes.remove(highlight.id)
    assert services.notes.get(highlight.id) is None
    assert store.get(highlight.id) is not None  # still on disk, but not shown
    monkeypatch.undo()
    assert services.notes.retry()
    assert store.get(highlight.id) is None


def test_unsaved_notes_go_to_a_file_that_imports_back(
    services, store, monkeypatch, tmp_path
) -> None:
    _refuse_writes(monkeypatch, store)
    highlight = _highlight(services, "green")
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("", encoding="utf-8")
    path = services.notes.write_pending_elsewhere([not_a_folder / "notes", tmp_path])
    assert path is not None and path.parent == tmp_path
    monkeypatch.undo()
    assert services.notes.import_file(path).added == [highlight.id]


def test_toggling_bookmarks(services, store) -> None:
    notes, pair = services.notes, _pair(services)
    made = notes.toggle_paragraph_bookmark(CABLE, pair, Side.TRANSCRIPT, 1)
    assert made is not None and store.get(made.id).kind == "bookmark"
    assert notes.toggle_paragraph_bookmark(CABLE, pair, Side.TRANSCRIPT, 1) is None
    assert store.for_document(CABLE) == []
    notes.toggle_document_bookmark(CABLE)
    assert notes.document_bookmark(CABLE) is not None
    notes.toggle_document_bookmark(CABLE)
    assert notes.document_bookmark(CABLE) is None


def test_an_unreadable_import_says_why_without_raising(services, tmp_path, qtbot) -> None:
    nested = tmp_path / "deep.json"
    nested.write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
    with qtbot.waitSignal(services.messages.notice) as notice:
        assert services.notes.import_file(nested) is None
    assert "deep.json" in notice.args[0]
