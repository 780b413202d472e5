"""The reading view keeps aligned paragraphs level whichever pane scrolls, to the very end."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QPoint, Qt

from reader.core.alignment import Alignment, Bead
from reader.core.document import Text
from reader.core.pairing import TextPair
from reader.widgets.reading_view import ReadingView

LEVEL_PIXELS = 3

RUSSIAN_WORDS = [
    "товарищ",
    "шифровка",
    "переговоры",
    "войска",
    "предложение",
    "вопрос",
    "китай",
    "мир",
    "армия",
]
ENGLISH_WORDS = [
    "comrade",
    "cipher",
    "negotiations",
    "troops",
    "proposal",
    "question",
    "china",
    "peace",
    "army",
]


def _paragraph(rng: random.Random, words: list[str], count: int) -> str:
    return " ".join(rng.choice(words) for _ in range(count))


def synthetic_pair(total_chars: int, seed: int = 7) -> TextPair:
    """Texts of about ``total_chars`` with every bead shape the aligner produces."""
    rng = random.Random(seed)
    source: list[str] = []
    target: list[str] = []
    beads: list[Bead] = []
    shapes = ["11", "11", "11", "11", "01", "10", "12", "21", "22"]
    while sum(map(len, source)) + sum(map(len, target)) < total_chars:
        shape = rng.choice(shapes)
        left = tuple(range(len(source), len(source) + int(shape[0])))
        right = tuple(range(len(target), len(target) + int(shape[1])))
        source += [_paragraph(rng, RUSSIAN_WORDS, rng.randint(3, 150)) for _ in left]
        target += [_paragraph(rng, ENGLISH_WORDS, rng.randint(3, 170)) for _ in right]
        beads.append(Bead(left, right))
    alignment = Alignment(tuple(beads), len(source), len(target))
    return TextPair(
        Text("ru", "transcript", tuple(source)), Text("en", "translation", tuple(target)), alignment
    )


def small_pair() -> TextPair:
    source = ("Товарищу МАО ЦЗЭДУНУ.", "Вашу шифровку от 20 июля получили. " * 8, "ФИЛИППОВ")
    target = (
        "COPY OF AN OUTGOING TELEGRAM",
        "Copy N° 1",
        "to Cde. MAO ZEDONG",
        "We have received your cipher message of 20 July. " * 8,
        "21 July 1951 FILIPPOV",
        "22 July 1951",
    )
    pairs = [((), (0,)), ((), (1,)), ((0,), (2,)), ((1,), (3,)), ((2,), (4,)), ((), (5,))]
    alignment = Alignment.from_pairs(pairs, len(source), len(target))
    return TextPair(Text("ru", "transcript", source), Text("en", "translation", target), alignment)


@pytest.fixture
def view(qtbot, shown_reading_view) -> ReadingView:
    return shown_reading_view(1100, 700)


def settle(qtbot, view: ReadingView) -> None:
    """Let Qt finish its lazy layout and the debounced re-levelling."""
    qtbot.wait(120)


def assert_level(view: ReadingView, pair: TextPair) -> int:
    """Every matched bead in view has its two first paragraphs at the same screen height."""
    left_offset = view.left.verticalScrollBar().value()
    right_offset = view.right.verticalScrollBar().value()
    height = view.left.viewport().height()
    checked = 0
    for bead in pair.alignment.beads:
        if not bead.is_match:
            continue
        left_y = view.left.block_top(bead.source[0]) - left_offset
        right_y = view.right.block_top(bead.target[0]) - right_offset
        if -height <= left_y <= 2 * height:
            assert abs(left_y - right_y) <= LEVEL_PIXELS, (bead, left_y, right_y)
            checked += 1
    return checked


@pytest.mark.parametrize("driver", ["left", "right"])
def test_either_pane_keeps_pairs_level_through_a_megabyte_document(qtbot, view, driver) -> None:
    pair = synthetic_pair(1_000_000)
    view.show_pair(pair)
    settle(qtbot, view)
    driving = getattr(view, driver).verticalScrollBar()
    maximum = driving.maximum()
    assert maximum > 100_000
    positions = [round(maximum * k / 37) for k in range(38)] + [1, 777, maximum - 1, maximum]
    checked = 0
    for position in positions:
        driving.setValue(position)
        checked += assert_level(view, pair)
    assert checked > 100


def test_the_very_end_lines_up(qtbot, view) -> None:
    pair = synthetic_pair(300_000, seed=11)
    view.show_pair(pair)
    settle(qtbot, view)
    for pane in view.panes:
        pane.verticalScrollBar().setValue(pane.verticalScrollBar().maximum())
        last = next(b for b in reversed(pair.alignment.beads) if b.is_match)
        left_y = view.left.block_top(last.source[0]) - view.left.verticalScrollBar().value()
        right_y = view.right.block_top(last.target[0]) - view.right.verticalScrollBar().value()
        assert abs(left_y - right_y) <= LEVEL_PIXELS
    assert (
        abs(view.left.verticalScrollBar().maximum() - view.right.verticalScrollBar().maximum()) <= 2
    )


def test_keyboard_and_wheel_scrolling_drive_the_other_pane(qtbot, view) -> None:
    pair = synthetic_pair(60_000, seed=3)
    view.show_pair(pair)
    settle(qtbot, view)
    view.right.setFocus()
    for _ in range(5):
        qtbot.keyClick(view.right, Qt.Key.Key_PageDown)
    assert view.right.verticalScrollBar().value() > 0
    assert assert_level(view, pair) > 0
    view.left.verticalScrollBar().triggerAction(
        view.left.verticalScrollBar().SliderAction.SliderPageStepAdd
    )
    assert assert_level(view, pair) > 0


def test_no_feedback_loop_between_panes(qtbot, view) -> None:
    pair = synthetic_pair(60_000, seed=5)
    view.show_pair(pair)
    settle(qtbot, view)
    moves = {"left": 0, "right": 0}
    view.left.verticalScrollBar().valueChanged.connect(
        lambda _v: moves.__setitem__("left", moves["left"] + 1)
    )
    view.right.verticalScrollBar().valueChanged.connect(
        lambda _v: moves.__setitem__("right", moves["right"] + 1)
    )
    view.left.verticalScrollBar().setValue(2500)
    assert moves == {"left": 1, "right": 1}


def test_a_resize_relevels_and_keeps_the_reading_position(qtbot, view) -> None:
    pair = synthetic_pair(80_000, seed=9)
    view.show_pair(pair)
    settle(qtbot, view)
    view.restore_position(40)
    view.resize(760, 700)
    settle(qtbot, view)
    assert view.position()[0] == 40
    assert assert_level(view, pair) > 0


def test_unmatched_paragraphs_face_a_gap(qtbot, view) -> None:
    pair = small_pair()
    view.show_pair(pair)
    settle(qtbot, view)
    # The translation's header lines have no Russian counterpart: the left pane shows one gap
    # beside the run of two header lines, and one beside the trailing date.
    gaps = [(top, height) for top, height in view.left._gaps if height > 10]
    assert len(gaps) == 2
    assert gaps[0][0] == pytest.approx(view.right.block_top(0), abs=LEVEL_PIXELS)
    assert gaps[0][0] + gaps[0][1] == pytest.approx(view.right.block_top(2), abs=LEVEL_PIXELS)
    assert gaps[1][0] == pytest.approx(view.right.block_top(5), abs=LEVEL_PIXELS)
    assert view.left.block_top(0) == pytest.approx(view.right.block_top(2), abs=LEVEL_PIXELS)


def test_hovering_a_paragraph_marks_its_counterpart(qtbot, view) -> None:
    pair = small_pair()
    view.show_pair(pair)
    settle(qtbot, view)
    body_top = view.left.block_top(1) - view.left.verticalScrollBar().value()
    qtbot.mouseMove(view.left.viewport(), QPoint(60, round(body_top) + 5))
    assert view.right.marked("hover") == (3,)
    assert view.left.marked("hover") == (1,)
    qtbot.mouseClick(
        view.left.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(60, round(body_top) + 5)
    )
    assert view.right.marked("pinned") == (3,)


def test_one_language_shows_full_width_with_a_quiet_notice(qtbot, view) -> None:
    text = Text("en", "translation", ("Only English here.", "A second paragraph."))
    view.show_pair(TextPair(None, text, Alignment.one_sided(0, 2)))
    settle(qtbot, view)
    assert not view.columns[0].isVisible()
    assert view.columns[1].isVisible()
    assert view.columns[1].width() > 1000
    assert view.notice.isVisible()
    assert "only the English translation" in view.notice.text()


def test_swapping_sides_puts_the_translation_left(qtbot, view) -> None:
    pair = small_pair()
    view.show_pair(pair)
    settle(qtbot, view)
    view.swap_sides()
    settle(qtbot, view)
    assert view.left.paragraphs == pair.target.paragraphs
    assert view.right.paragraphs == pair.source.paragraphs
    assert view.left.block_top(2) == pytest.approx(view.right.block_top(0), abs=LEVEL_PIXELS)


def test_markup_in_a_document_is_shown_literally(qtbot, view) -> None:
    hostile = '<script>alert(1)</script> <img src="http://example.invalid/x.png"> <b>bold</b>'
    text = Text("en", "translation", (hostile,))
    view.show_pair(TextPair(None, text, Alignment.one_sided(0, 1)))
    assert view.right.toPlainText() == hostile
