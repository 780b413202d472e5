"""Correcting an alignment: saved through the resolver, undoable, seen by the open session."""

from __future__ import annotations

from reader.core.alignment import Alignment
from reader.core.alignment_edits import unlink

CABLE = "117421"  # a two-language cable


def test_a_correction_is_kept_undone_and_reset(services, qtbot) -> None:
    session, alignment = services.session, services.alignment
    assert session.open(CABLE)
    before = session.pair.alignment
    after = unlink(before, before.bead_of("source", 1))
    with qtbot.waitSignal(session.pair_changed):
        alignment.correct(CABLE, before, after)
    assert session.pair.alignment == after
    assert alignment.is_corrected(CABLE)
    services.undo_stack.undo()
    assert session.pair.alignment == before
    assert not alignment.is_corrected(CABLE)
    services.undo_stack.redo()
    assert alignment.reset(CABLE)
    assert session.pair.alignment == before
    assert not alignment.reset(CABLE)  # nothing left to reset


def test_a_correction_for_another_text_is_not_applied(services) -> None:
    session = services.session
    assert session.open(CABLE)
    before = session.pair.alignment
    wrong = Alignment.one_sided(before.source_count + 3, before.target_count)
    services.alignment.apply_alignment(CABLE, wrong, keep_as_correction=True)
    assert not services.alignment.is_corrected(CABLE)
