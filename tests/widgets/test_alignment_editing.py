"""Correcting the alignment in the reader: link, unlink, merge, split, undo, restart, reset."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from reader.core.alignment import Alignment, Bead
from reader.core.document import Text
from reader.core.pairing import TextPair
from reader.widgets.main_window import MainWindow
from reader.widgets.reading_view import ReadingView

CABLE = "117421"


def pairs(alignment: Alignment) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(bead.source, bead.target) for bead in alignment.beads]


@pytest.fixture
def open_window(reader_window) -> Callable[..., MainWindow]:
    return lambda _qtbot, data: reader_window(data, document_id=CABLE)


@pytest.fixture
def data(tmp_path) -> Path:
    return tmp_path / "data"


def click_paragraph(
    view: ReadingView, side: str, paragraph: int, modifier: Qt.KeyboardModifier
) -> None:
    """Bring a paragraph into view and click its first line, with ``modifier`` held."""
    for _ in range(50):  # the panes level again once a new window's layout settles
        if view.leveling_error() <= 1:
            break
        QTest.qWait(20)
    view.scroll_to_paragraph(side, paragraph)
    pane = view.panes[view.pane_of(side)]
    y = pane.block_top(paragraph) - pane.verticalScrollBar().value() + 6
    point = QPoint(round(pane.side_margin()) + 20, round(y))
    QTest.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, modifier, point)


def select(window: MainWindow, source: int | None, target: int | None) -> None:
    """The explicit gesture: Ctrl+click a paragraph in each pane."""
    view = window.reading_view
    for side, paragraph in (("source", source), ("target", target)):
        if paragraph is not None:
            click_paragraph(view, side, paragraph, Qt.KeyboardModifier.ControlModifier)
            assert view.selected_paragraph(side) == paragraph


def test_linking_two_selected_paragraphs_levels_them_and_saves_the_correction(
    open_window, qtbot, data
) -> None:
    window = open_window(qtbot, data)
    view = window.reading_view
    assert not window.menus.link_action.isEnabled()
    select(window, 0, 0)  # «Товарищу МАО ЦЗЭДУНУ.» with the telegram's header line
    assert window.menus.link_action.isEnabled()
    window.menus.link_action.trigger()
    assert view.alignment.counterpart("source", 0) == (0,)
    qtbot.wait(50)
    assert view.left.block_top(0) == pytest.approx(view.right.block_top(0), abs=3)
    assert (data / "alignments" / f"{CABLE}.json").exists()


def test_plain_clicks_while_reading_do_not_prime_editing(open_window, qtbot, data) -> None:
    window = open_window(qtbot, data)
    view = window.reading_view
    for side, paragraph in (("source", 1), ("target", 4), ("source", 0)):
        click_paragraph(view, side, paragraph, Qt.KeyboardModifier.NoModifier)
    assert not view.can_link() and not view.can_edit_selected_pair()
    assert not window.menus.link_action.isEnabled()
    assert not window.menus.unlink_action.isEnabled()
    assert "Ctrl+L" not in window.statusBar().currentMessage()
    select(window, 1, 4)
    assert window.menus.link_action.isEnabled()
    assert "Ctrl+L" in window.statusBar().currentMessage()
    click_paragraph(view, "target", 4, Qt.KeyboardModifier.NoModifier)  # back to reading
    assert not window.menus.link_action.isEnabled()


def test_undo_and_redo_a_correction(open_window, qtbot, data) -> None:
    window = open_window(qtbot, data)
    curated = pairs(window.reading_view.alignment)
    select(window, 0, 0)
    window.menus.link_action.trigger()
    corrected = pairs(window.reading_view.alignment)
    window.menus.undo_action.trigger()
    assert pairs(window.reading_view.alignment) == curated
    assert not (data / "alignments" / f"{CABLE}.json").exists()  # back to no correction at all
    window.menus.redo_action.trigger()
    assert pairs(window.reading_view.alignment) == corrected


def test_a_correction_survives_a_restart_and_can_be_reset(open_window, qtbot, data) -> None:
    first = open_window(qtbot, data)
    select(first, 2, 11)
    first.menus.link_action.trigger()
    corrected = pairs(first.reading_view.alignment)
    first.close()
    second = open_window(qtbot, data)
    assert pairs(second.reading_view.alignment) == corrected
    assert second.menus.reset_alignment_action.isEnabled()
    second.menus.reset_alignment_action.trigger()
    assert pairs(second.reading_view.alignment) != corrected
    assert second.reading_view.alignment.counterpart("source", 2) == (5,)  # the curated pair again
    second.menus.undo_action.trigger()
    assert pairs(second.reading_view.alignment) == corrected


def test_unlink_merge_and_split_the_selected_pair(open_window, qtbot, data) -> None:
    window = open_window(qtbot, data)
    view = window.reading_view
    select(window, None, 4)  # the body of the translation, paired with the Russian body
    window.menus.unlink_action.trigger()
    assert view.alignment.counterpart("target", 4) == ()
    assert view.alignment.counterpart("source", 1) == ()
    window.menus.undo_action.trigger()
    select(window, None, 3)  # "to Cde. MAO ZEDONG", then merge it with the body's pair
    window.menus.merge_action.trigger()
    assert view.alignment.counterpart("source", 1) == (3, 4) or view.alignment.counterpart(
        "source", 0
    ) == (3, 4)
    merged = pairs(view.alignment)
    select(window, None, 4)
    window.menus.split_action.trigger()
    assert pairs(view.alignment) != merged
    assert view.alignment.counterpart("target", 4) != ()


def test_every_correction_has_a_window_wide_shortcut(open_window, qtbot, data) -> None:
    # Offscreen windows never become active, so the shortcut map cannot be driven here; check
    # that each action carries its keys and lives on the window (working with the menu hidden).
    window = open_window(qtbot, data)
    expected = {
        window.menus.link_action: "Ctrl+L",
        window.menus.unlink_action: "Ctrl+Shift+L",
        window.menus.merge_action: "Ctrl+J",
        window.menus.split_action: "Ctrl+Shift+J",
        window.menus.undo_action: QKeySequence(QKeySequence.StandardKey.Undo).toString(),
    }
    for action, keys in expected.items():
        assert action.shortcut().toString() == keys
        assert action in window.actions()
        assert action.shortcutContext() == Qt.ShortcutContext.WindowShortcut


def test_pairs_the_aligner_is_unsure_of_are_marked(qtbot) -> None:
    view = ReadingView()
    qtbot.addWidget(view)
    beads = (Bead((0,), (0,), 0.95), Bead((1,), (1,), 0.2), Bead((2,), (2,), 0.9))
    pair = TextPair(
        Text("ru", "transcript", ("один", "два", "три")),
        Text("en", "translation", ("one", "two", "three")),
        Alignment(beads, 3, 3),
    )
    view.show_pair(pair)
    assert view.left._unsure == (1,)
    assert view.right._unsure == (1,)


def test_context_menu_offers_the_alignment_actions(open_window, qtbot, data) -> None:
    window = open_window(qtbot, data)
    titles = [
        action.text() for action in window.reading_view.left.context_actions if action is not None
    ]
    assert "&Link Selected Paragraphs" in titles
    assert "&Split Pair Here" in titles


def test_paragraphs_are_selected_from_the_keyboard(open_window, qtbot, data) -> None:
    window = open_window(qtbot, data)
    view = window.reading_view
    for _ in range(2):
        qtbot.keyClick(view.right, Qt.Key.Key_Down)
    assert view.selected_paragraph("target") >= 1
    qtbot.keyClick(view.left, Qt.Key.Key_Down)
    assert view.selected_paragraph("source") >= 0
    assert window.menus.link_action.isEnabled()
    window.menus.link_action.trigger()
    assert view.alignment.counterpart("source", view.selected_paragraph("source")) == (
        view.selected_paragraph("target"),
    )


def test_undo_after_the_text_was_replaced_does_not_apply_old_pairs(
    open_window, qtbot, data
) -> None:
    import dataclasses

    window = open_window(qtbot, data)
    select(window, 0, 0)
    window.menus.link_action.trigger()
    cable = window.library.get(CABLE)
    shorter = dataclasses.replace(
        cable, texts=tuple(dataclasses.replace(t, paragraphs=t.paragraphs[:2]) for t in cable.texts)
    )
    window.session.add_documents([shorter])
    window.open_document(CABLE)
    assert not window.undo_stack.canUndo()  # undo steps for the old text are gone
    window.services.alignment.apply_alignment(
        CABLE,
        Alignment.from_pairs(
            [((0,), (0,))] + [((), (j,)) for j in range(1, 12)] + [((1,), ()), ((2,), ())], 3, 12
        ),
        True,
    )
    assert window.reading_view.alignment.source_count == 2  # the stale alignment was refused
