"""The undoable commands on their own: what redo and undo write, and how edits merge."""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.core.alignment import Alignment
from reader.core.annotations import new_document_bookmark
from reader.services.undo_commands import (
    AddAnnotation,
    AlignmentChange,
    DeleteAnnotation,
    EditAnnotation,
)


@dataclass
class Recorder:
    calls: list[tuple[str, object]] = field(default_factory=list)

    def save(self, annotation) -> None:
        self.calls.append(("save", annotation))

    def delete(self, annotation) -> None:
        self.calls.append(("delete", annotation))

    def apply_alignment(self, document_id, alignment, keep_as_correction) -> None:
        self.calls.append(("apply", (document_id, alignment, keep_as_correction)))


def test_add_and_delete_are_each_others_undo(qapp) -> None:
    recorder, note = Recorder(), new_document_bookmark("1")
    add, delete = AddAnnotation(recorder, note), DeleteAnnotation(recorder, note)
    add.redo(), add.undo(), delete.redo(), delete.undo()
    assert [name for name, _ in recorder.calls] == ["save", "delete", "delete", "save"]


def test_edits_of_one_note_merge_and_undo_to_the_first_state(qapp) -> None:
    recorder, note = Recorder(), new_document_bookmark("1")
    first = EditAnnotation(recorder, note, note.edited(note="a"))
    second = EditAnnotation(recorder, note.edited(note="a"), note.edited(note="ab"))
    other = EditAnnotation(recorder, new_document_bookmark("2"), new_document_bookmark("2"))
    assert first.mergeWith(second)
    assert not first.mergeWith(other)
    first.redo()
    first.undo()
    assert [a.note for _, a in recorder.calls] == ["ab", ""]


def test_an_alignment_change_restores_whether_there_was_a_correction(qapp) -> None:
    recorder = Recorder()
    before, after = Alignment.one_sided(2, 2), Alignment.from_pairs([((0,), (0,)), ((1,), (1,))], 2, 2)
    change = AlignmentChange(recorder, "7", before, after, corrected_before=False)
    change.redo()
    change.undo()
    reset = AlignmentChange(recorder, "7", after, before, corrected_before=True, reset=True)
    reset.redo()
    reset.undo()
    assert [args for _, args in recorder.calls] == [
        ("7", after, True),
        ("7", before, False),
        ("7", before, False),
        ("7", after, True),
    ]
