"""ScrollSync carries the pair at the top of either pane to the other, by bead, never by ratio.

First on bare scroll bars with hand-made geometry (two panes whose beads differ in height, as
before levelling), then on real panes: two bare ParagraphPanes measured as they lay out, and the
ReadingView, which levels its panes and feeds the sync the shared bead tops.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pytest
from PySide6.QtWidgets import QHBoxLayout, QScrollBar, QWidget
from pytestqt.qtbot import QtBot

from reader.core.alignment import Alignment
from reader.core.document import Text
from reader.core.pairing import TextPair
from reader.widgets.paragraph_pane import ParagraphPane, reading_font
from reader.widgets.reading_view import ReadingView
from reader.widgets.scroll_sync import ScrollSync

LEVEL_PIXELS = 3

# Two panes of four beads, each bead a different height on each side (unlevelled geometry).
FIRST_TOPS, FIRST_HEIGHTS = [10.0, 110.0, 310.0, 360.0], [100.0, 200.0, 50.0, 400.0]
SECOND_TOPS, SECOND_HEIGHTS = [20.0, 60.0, 360.0, 380.0], [40.0, 300.0, 20.0, 500.0]
GEOMETRY = ((FIRST_TOPS, FIRST_HEIGHTS), (SECOND_TOPS, SECOND_HEIGHTS))
BAR_MAXIMUM = 2000  # room for every target, so no value is clamped unless a test wants it


def _bars(maximum: int = BAR_MAXIMUM) -> tuple[QScrollBar, QScrollBar]:
    bars = (QScrollBar(), QScrollBar())
    for bar in bars:
        bar.setRange(0, maximum)
    return bars


def _sync(
    qtbot: QtBot, geometry: Sequence[Sequence[Sequence[float]]] = GEOMETRY
) -> tuple[ScrollSync, tuple[QScrollBar, QScrollBar]]:
    bars = _bars()
    for bar in bars:
        qtbot.addWidget(bar)
    sync = ScrollSync(*bars)
    (first_tops, first_heights), (second_tops, second_heights) = geometry
    sync.set_geometry(first_tops, first_heights, second_tops, second_heights)
    return sync, bars


def _counted(bar: QScrollBar) -> list[int]:
    values: list[int] = []
    bar.valueChanged.connect(values.append)
    return values


# ----- on bare scroll bars -----------------------------------------------------------------------


@pytest.mark.parametrize("driver", [0, 1])
def test_a_bead_top_in_the_driver_brings_the_same_bead_top_in_the_follower(
    qtbot: QtBot, driver: int
) -> None:
    sync, bars = _sync(qtbot)
    follower = 1 - driver
    for bead, top in enumerate(GEOMETRY[driver][0]):
        bars[driver].setValue(round(top))
        assert bars[follower].value() == round(GEOMETRY[follower][0][bead]), bead
        assert sync.position(follower) == (bead, 0.0)


@pytest.mark.parametrize("driver", [0, 1])
def test_the_follower_is_as_far_into_the_same_bead_at_every_value(
    qtbot: QtBot, driver: int
) -> None:
    sync, bars = _sync(qtbot)
    follower = 1 - driver
    tops, heights = GEOMETRY[driver]
    follower_tops, follower_heights = GEOMETRY[follower]
    checked = 0
    for value in range(round(tops[0]), round(tops[-1] + heights[-1])):
        bars[driver].setValue(value)
        bead, fraction = sync.position(driver)
        assert tops[bead] <= value + 0.5 < tops[bead] + heights[bead] + 1
        assert fraction == pytest.approx((value - tops[bead]) / heights[bead])
        # The same bead, as far in, to the nearest whole pixel.
        exact = follower_tops[bead] + fraction * follower_heights[bead]
        assert abs(bars[follower].value() - exact) <= 0.5, value
        checked += 1
    assert checked > 700


def test_above_the_first_bead_the_follower_keeps_the_same_distance_from_it(qtbot: QtBot) -> None:
    _, bars = _sync(qtbot)
    first, second = bars
    first.setValue(4)  # 6 px above the first pane's first bead (top 10)
    assert second.value() == 14  # 6 px above the second pane's (top 20)
    first.setValue(0)
    assert second.value() == 10
    second.setValue(30)  # inside the second pane's first bead: a quarter of its 40 px
    assert first.value() == 35  # a quarter into the first pane's 100 px
    second.setValue(5)  # 15 px above; the first pane cannot go 5 px above its start
    assert first.value() == 0


@pytest.mark.parametrize("driver", [0, 1])
def test_syncing_never_drives_the_driver_back(qtbot: QtBot, driver: int) -> None:
    _, bars = _sync(qtbot)
    follower = 1 - driver
    driver_values, follower_values = _counted(bars[driver]), _counted(bars[follower])
    tops, heights = GEOMETRY[driver]
    values = range(0, round(tops[-1] + heights[-1]), 7)
    for value in values:
        bars[driver].setValue(value)
        assert bars[driver].value() == value
    assert driver_values == list(values)[1:]  # one change per move (0 is where it started)
    assert len(follower_values) <= len(values)

    # The guard is what holds the driver still: carried back from where the follower landed, the
    # driver would often land elsewhere (the beads differ in height, and bars round to pixels).
    _echo, echo_bars = _sync(qtbot)
    moved_back = 0
    for value in values:
        bars[driver].setValue(value)
        echo_bars[follower].setValue(bars[follower].value())
        moved_back += echo_bars[driver].value() != value
    assert moved_back > 0


def test_a_bead_with_no_paragraph_on_one_side_holds_that_side_still(qtbot: QtBot) -> None:
    # Bead 1 has no paragraph in the second pane: no height there, so its top is bead 2's.
    one_sided = ((FIRST_TOPS, FIRST_HEIGHTS), ([20.0, 60.0, 60.0, 80.0], [40.0, 0.0, 20.0, 500.0]))
    sync, bars = _sync(qtbot, one_sided)
    first, second = bars
    for value in range(110, 310, 5):  # through bead 1 of the first pane
        first.setValue(value)
        assert second.value() == 60, value
        assert sync.position(0)[0] == 1
    first.setValue(310)  # bead 2 at the top: the second pane is at it too
    assert second.value() == 60
    first.setValue(335)  # halfway into bead 2
    assert second.value() == 70
    # Driven from the empty side, the value at the shared top belongs to bead 2, never to the
    # bead with nothing there (whose fraction would divide by zero).
    second.setValue(60)
    assert sync.position(1) == (2, 0.0)
    assert first.value() == 310


def test_a_follower_with_fewer_beads_stays_on_its_last(qtbot: QtBot) -> None:
    _, bars = _sync(qtbot, ((FIRST_TOPS, FIRST_HEIGHTS), (SECOND_TOPS[:3], SECOND_HEIGHTS[:3])))
    first, second = bars
    first.setValue(round(FIRST_TOPS[3]) + 200)  # halfway into a bead the second pane lacks
    assert second.value() == round(SECOND_TOPS[2] + 0.5 * SECOND_HEIGHTS[2])


def test_without_geometry_or_when_disabled_the_panes_move_alone(qtbot: QtBot) -> None:
    first, second = _bars()
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    sync = ScrollSync(first, second)
    first.setValue(300)
    assert second.value() == 0
    assert sync.position(0) == (0, 0.0)
    sync.scroll_to(2)  # nothing to go to
    assert (first.value(), second.value()) == (300, 0)

    sync.set_geometry(FIRST_TOPS, FIRST_HEIGHTS, SECOND_TOPS, SECOND_HEIGHTS)
    sync.enabled = False
    first.setValue(round(FIRST_TOPS[2]))
    assert second.value() == 0
    sync.enabled = True
    first.setValue(round(FIRST_TOPS[3]))
    assert second.value() == round(SECOND_TOPS[3])


def test_scroll_to_puts_a_bead_at_the_top_of_either_pane_and_the_other_follows(
    qtbot: QtBot,
) -> None:
    sync, bars = _sync(qtbot)
    first, second = bars
    sync.scroll_to(2, 0.5)
    assert first.value() == round(FIRST_TOPS[2] + 0.5 * FIRST_HEIGHTS[2])
    assert second.value() == round(SECOND_TOPS[2] + 0.5 * SECOND_HEIGHTS[2])
    assert sync.position(0) == (2, pytest.approx(0.5, abs=1 / FIRST_HEIGHTS[2]))
    sync.scroll_to(1, pane=1)
    assert (second.value(), first.value()) == (round(SECOND_TOPS[1]), round(FIRST_TOPS[1]))
    sync.scroll_to(99)  # past the end: the last bead
    assert sync.position(0) == (3, 0.0)
    assert sync.position(1) == (3, 0.0)
    sync.scroll_to(0)  # the very start shows the top margin too
    assert first.value() == 0
    assert second.value() == 10
    sync.scroll_to(-5, 0.25)  # before the start: the first bead
    assert first.value() == round(FIRST_TOPS[0] + 0.25 * FIRST_HEIGHTS[0])


def test_new_geometry_takes_over_at_once(qtbot: QtBot) -> None:
    sync, bars = _sync(qtbot)
    first, second = bars
    first.setValue(round(FIRST_TOPS[2]))
    assert second.value() == round(SECOND_TOPS[2])
    # As after a resize: every bead twice as tall in the second pane.
    sync.set_geometry(
        FIRST_TOPS, FIRST_HEIGHTS, [2 * t for t in SECOND_TOPS], [2 * h for h in SECOND_HEIGHTS]
    )
    first.setValue(round(FIRST_TOPS[3]))
    assert second.value() == round(2 * SECOND_TOPS[3])


# ----- on two bare panes -------------------------------------------------------------------------

# Bead shapes (paragraphs on each side), with every kind of one-sided bead, and paragraph lengths
# chosen so the two sides wrap to different heights.
PANE_BEADS = [(1, 1), (1, 2), (0, 1), (2, 1), (1, 1), (1, 0), (1, 1), (0, 2), (1, 1), (2, 2)] * 3


def _texts() -> tuple[list[str], list[str], list[tuple[tuple[int, ...], tuple[int, ...]]]]:
    left: list[str] = []
    right: list[str] = []
    pairs: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    for number, (on_left, on_right) in enumerate(PANE_BEADS):
        own = tuple(range(len(left), len(left) + on_left))
        other = tuple(range(len(right), len(right) + on_right))
        left += [f"Абзац {number}. " + "слово " * (15 + 37 * (number % 5)) for _ in own]
        right += [f"Paragraph {number}. " + "word " * (60 - 11 * (number % 5)) for _ in other]
        pairs.append((own, other))
    return left, right, pairs


def _bead_geometry(
    pane: ParagraphPane, beads: Sequence[Sequence[int]]
) -> tuple[list[float], list[float]]:
    """Bead tops and heights as laid out; a bead with nothing on this side has no height."""
    tops: list[float] = [0.0] * len(beads)
    following = pane.content_bottom()
    for index in range(len(beads) - 1, -1, -1):
        if beads[index]:
            following = pane.block_top(beads[index][0])
        tops[index] = following
    ends = [*tops[1:], pane.content_bottom()]
    return tops, [end - top for top, end in zip(tops, ends, strict=True)]


class _TwoPanes(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.left, self.right = ParagraphPane(self), ParagraphPane(self)
        layout = QHBoxLayout(self)
        layout.addWidget(self.left)
        layout.addWidget(self.right)
        left, right, self.pairs = _texts()
        self.left.set_paragraphs(left, "ru", reading_font(12))
        self.right.set_paragraphs(right, "en", reading_font(12))
        self.sync = ScrollSync(self.left.verticalScrollBar(), self.right.verticalScrollBar(), self)

    def measure(self) -> None:
        self.sync.set_geometry(
            *_bead_geometry(self.left, [own for own, _ in self.pairs]),
            *_bead_geometry(self.right, [other for _, other in self.pairs]),
        )


@pytest.fixture
def panes(qtbot: QtBot) -> _TwoPanes:
    widget = _TwoPanes()
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    qtbot.waitExposed(widget)
    widget.measure()
    return widget


def _assert_top_beads_level(panes: _TwoPanes, bead: int) -> None:
    """``bead``'s first paragraphs on both sides sit at the same height in their viewports."""
    own, other = panes.pairs[bead]
    left_y = panes.left.block_top(own[0]) - panes.left.verticalScrollBar().value()
    right_y = panes.right.block_top(other[0]) - panes.right.verticalScrollBar().value()
    assert abs(left_y - right_y) <= LEVEL_PIXELS, (bead, left_y, right_y)


def _maximum(pane: ParagraphPane) -> int:
    return pane.verticalScrollBar().maximum()


def _matched_beads(panes: _TwoPanes) -> list[int]:
    return [index for index, (own, other) in enumerate(panes.pairs) if own and other]


@pytest.mark.parametrize("driver", ["left", "right"])
def test_real_panes_bring_each_pair_level_at_the_top(panes: _TwoPanes, driver: str) -> None:
    """Each pair brought to the top of the driver comes to the top of the follower too: its
    first paragraph there is as far into its bead as the driver's is into its own, in proportion
    (unlevelled beads differ in height, so a pixel into one is several into a taller one)."""
    driving: ParagraphPane = getattr(panes, driver)
    following: ParagraphPane = panes.right if driver == "left" else panes.left
    assert driving.verticalScrollBar().maximum() > 2000  # long enough to scroll for real
    side = 0 if driver == "left" else 1
    heights = [
        _bead_geometry(pane, [pair[index] for pair in panes.pairs])[1]
        for index, pane in ((side, driving), (1 - side, following))
    ]
    checked = 0
    for bead in _matched_beads(panes):
        own, other = panes.pairs[bead][side], panes.pairs[bead][1 - side]
        top, counterpart_top = driving.block_top(own[0]), following.block_top(other[0])
        if max(top - _maximum(driving), counterpart_top - _maximum(following)) > 0:
            break  # the last beads cannot come to the top: a pane's document ends first
        driving.verticalScrollBar().setValue(math.ceil(top))  # inside the bead, never above it
        into = driving.verticalScrollBar().value() - top
        expected = into / heights[0][bead] * heights[1][bead]
        followed = following.verticalScrollBar().value() - counterpart_top
        assert abs(followed - expected) <= LEVEL_PIXELS, (bead, into, followed, expected)
        checked += 1
    assert checked >= 10


@pytest.mark.parametrize("driver", ["left", "right"])
def test_real_panes_follow_by_bead_at_every_position(panes: _TwoPanes, driver: str) -> None:
    driving = getattr(panes, driver)
    driver_index = 0 if driver == "left" else 1
    bar = driving.verticalScrollBar()
    followed = 0
    for step in range(41):  # the top, every 2.5 %, and the very end
        bar.setValue(round(bar.maximum() * step / 40))
        bead, fraction = panes.sync.position(driver_index)
        follower = panes.right if driver == "left" else panes.left
        if follower.verticalScrollBar().value() == follower.verticalScrollBar().maximum():
            continue  # the follower ran out of document before its counterpart reached the top
        follower_bead, follower_fraction = panes.sync.position(1 - driver_index)
        if follower_bead == bead:
            assert follower_fraction == pytest.approx(fraction, abs=0.02), step
        else:
            # Nothing of this bead on the follower's side (or the driver a hair from its end):
            # the follower waits at the top of the next bead it has.
            assert follower_bead > bead, step
            assert follower_fraction < 0.02, step
        followed += 1
    assert followed > 20


def test_real_panes_follow_again_once_measured_after_a_resize(
    qtbot: QtBot, panes: _TwoPanes
) -> None:
    before = panes.right.block_top(panes.pairs[-1][1][0])
    panes.resize(560, 500)
    qtbot.waitUntil(lambda: panes.right.block_top(panes.pairs[-1][1][0]) > before + 100)
    panes.measure()
    for bead in _matched_beads(panes)[:12]:
        own, _ = panes.pairs[bead]
        panes.left.verticalScrollBar().setValue(round(panes.left.block_top(own[0])))
        _assert_top_beads_level(panes, bead)


def test_real_panes_do_not_drive_each_other_back(panes: _TwoPanes) -> None:
    left_values = _counted(panes.left.verticalScrollBar())
    right_values = _counted(panes.right.verticalScrollBar())
    bar = panes.right.verticalScrollBar()
    values = [round(bar.maximum() * step / 29) for step in range(1, 30)]
    for value in values:
        bar.setValue(value)
        assert bar.value() == value
    assert right_values == values
    assert len(left_values) <= len(values)


# ----- in the reading view, which levels its panes -------------------------------------------------


def _reading_pair() -> TextPair:
    left, right, pairs = _texts()
    alignment = Alignment.from_pairs(pairs, len(left), len(right))
    return TextPair(
        Text("ru", "transcript", tuple(left)), Text("en", "translation", tuple(right)), alignment
    )


READING_PAIR = _reading_pair()
MATCHED = {index for index, bead in enumerate(READING_PAIR.alignment.beads) if bead.is_match}


@pytest.fixture
def view(qtbot: QtBot, shown_reading_view) -> ReadingView:
    widget = shown_reading_view(1000, 600)
    widget.show_pair(READING_PAIR)
    # A relevel may still be due from the first layout; let it land before anything is measured.
    qtbot.waitUntil(lambda: not widget._relevel_timer.isActive())
    return widget


def _assert_level_in_view(view: ReadingView) -> set[int]:
    """Every matched pair on screen has its two sides at the same height; the beads checked."""
    left_offset = view.left.verticalScrollBar().value()
    right_offset = view.right.verticalScrollBar().value()
    height = view.left.viewport().height()
    seen: set[int] = set()
    for index, bead in enumerate(READING_PAIR.alignment.beads):
        if not bead.is_match:
            continue
        left_y = view.left.block_top(bead.source[0]) - left_offset
        right_y = view.right.block_top(bead.target[0]) - right_offset
        if 0 <= left_y <= height:
            assert abs(left_y - right_y) <= LEVEL_PIXELS, (bead, left_y, right_y)
            seen.add(index)
    return seen


@pytest.mark.parametrize("driver", ["left", "right"])
def test_levelled_panes_stay_level_from_top_to_the_very_end(view: ReadingView, driver: str) -> None:
    bar = getattr(view, driver).verticalScrollBar()
    maximum = bar.maximum()
    assert maximum > 2000
    seen: set[int] = set()
    for value in [0, 1, maximum // 3, maximum // 2, maximum - 1, maximum, *range(0, maximum, 97)]:
        bar.setValue(value)
        seen |= _assert_level_in_view(view)
    assert seen == MATCHED  # steps shorter than the viewport: every pair came by
    bar.setValue(maximum)  # the very end: both panes at their ends, level
    assert view.left.verticalScrollBar().value() == pytest.approx(
        view.right.verticalScrollBar().value(), abs=LEVEL_PIXELS
    )


def test_a_one_sided_bead_at_the_top_faces_a_gap(view: ReadingView) -> None:
    beads = READING_PAIR.alignment.beads
    only_right = next(i for i, bead in enumerate(beads) if not bead.source and i > 0)
    view.right.verticalScrollBar().setValue(round(view.bead_top(only_right)))
    # The left pane, with nothing of this bead, comes to the same bead: the gap facing it.
    assert view.sync.position(0) == (only_right, pytest.approx(0.0, abs=0.01))
    assert view.left.verticalScrollBar().value() == view.right.verticalScrollBar().value()
    gap_tops = [top for top, height in view.left._gaps if height > 10]
    assert any(abs(top - view.bead_top(only_right)) <= LEVEL_PIXELS for top in gap_tops)
    assert _assert_level_in_view(view)
    only_left = next(i for i, bead in enumerate(beads) if not bead.target)
    view.left.verticalScrollBar().setValue(round(view.bead_top(only_left)))
    assert view.sync.position(1) == (only_left, pytest.approx(0.0, abs=0.01))
    assert view.left.verticalScrollBar().value() == view.right.verticalScrollBar().value()
    assert _assert_level_in_view(view)


def test_levelled_panes_stay_level_after_a_resize(qtbot: QtBot, view: ReadingView) -> None:
    view.restore_position(12)
    last_top = view.bead_top(view.bead_count - 1)
    view.resize(640, 600)
    # Narrower panes rewrap; the view levels them again and gives the sync the new bead tops.
    qtbot.waitUntil(lambda: view.bead_top(view.bead_count - 1) > last_top + 100)
    assert view.leveling_error() <= LEVEL_PIXELS
    assert view.position()[0] == 12
    for driver in (view.left, view.right):
        bar = driver.verticalScrollBar()
        seen: set[int] = set()
        assert bar.maximum() / 40 < driver.viewport().height()
        for step in range(41):
            bar.setValue(round(bar.maximum() * step / 40))
            seen |= _assert_level_in_view(view)
        assert seen == MATCHED
