"""Keeps two scrolling panes on the same aligned pair while either one moves.

Sync is by pair position, never by scroll ratio: the bead at the top of the driving pane, and how
far into it the view is, are carried over to the same bead of the other pane. It runs on every
scroll step (wheel, scrollbar, keys, jumps), so the panes stay level while moving, not only when
scrolling stops. A guard flag stops the follower's own valueChanged from driving back.
``bead_spacing`` works out the blank space that makes those bead positions the same in both panes.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QScrollBar

from reader.core.alignment import Bead, bead_at_offset

Spacing = tuple[float, list[float], list[tuple[float, float]]]


def bead_spacing(
    natural: Sequence[float],
    beads: Sequence[Bead],
    side: str,
    heights: Sequence[float],
    tops: Sequence[float],
    has_text: bool = True,
) -> Spacing:
    """The blank space that gives each bead of one pane its levelled height.

    ``natural`` is each paragraph's own height on ``side``; ``heights`` and ``tops`` are the
    levelled beads'. Returns (space above the first paragraph, space after each paragraph, and
    the (top, height) of each run of beads with no paragraph of this side, painted as a gap).
    """
    before_first = 0.0
    after = [0.0] * len(natural)
    gaps: list[tuple[float, float]] = []
    last: int | None = None
    for bead, height, top in zip(beads, heights, tops, strict=True):
        own = getattr(bead, side)
        if own:
            last = own[-1]
            after[last] += height - sum(natural[i] for i in own)
            continue
        if has_text and gaps and abs(gaps[-1][0] + gaps[-1][1] - top) < 0.5:
            gaps[-1] = (gaps[-1][0], gaps[-1][1] + height)  # one gap for a run of unmatched
        elif has_text:
            gaps.append((top, height))
        if last is None:
            before_first += height
        else:
            after[last] += height
    return before_first, after, gaps


class ScrollSync(QObject):
    def __init__(
        self, first: QScrollBar, second: QScrollBar, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._bars = (first, second)
        self._tops: tuple[list[float], list[float]] = ([], [])
        self._heights: tuple[list[float], list[float]] = ([], [])
        self._syncing = False
        self.enabled = True
        first.valueChanged.connect(lambda value: self._follow(0, value))
        second.valueChanged.connect(lambda value: self._follow(1, value))

    def set_geometry(
        self,
        first_tops: Sequence[float],
        first_heights: Sequence[float],
        second_tops: Sequence[float],
        second_heights: Sequence[float],
    ) -> None:
        """Bead tops and heights in each pane's document coordinates."""
        self._tops = (list(first_tops), list(second_tops))
        self._heights = (list(first_heights), list(second_heights))

    def position(self, pane: int) -> tuple[int, float]:
        """(bead, fraction into it) at the top of ``pane``'s view."""
        return self._bead_position(pane, self._bars[pane].value())

    def scroll_to(self, bead: int, fraction: float = 0.0, pane: int = 0) -> None:
        """Put ``bead`` (``fraction`` of the way in) at the top; the other pane follows."""
        tops, heights = self._tops[pane], self._heights[pane]
        if not tops:
            return
        bead = min(max(bead, 0), len(tops) - 1)
        at_start = bead == 0 and fraction == 0.0  # show the top margin too
        self._bars[pane].setValue(0 if at_start else round(tops[bead] + fraction * heights[bead]))
        self._follow(pane, self._bars[pane].value())

    def _bead_position(self, pane: int, value: float) -> tuple[int, float]:
        tops, heights = self._tops[pane], self._heights[pane]
        if not tops:
            return 0, 0.0
        bead = bead_at_offset(tops, value + 0.5)  # scroll values are whole pixels; tops are not
        height = heights[bead] or 1.0
        return bead, min(max((value - tops[bead]) / height, 0.0), 1.0)

    def _follow(self, driver: int, value: int) -> None:
        if self._syncing or not self.enabled or not self._tops[0] or not self._tops[1]:
            return
        follower = 1 - driver
        target_bar = self._bars[follower]
        if value < self._tops[driver][0]:
            # Above the first paragraph: keep the same distance from it.
            target = round(self._tops[follower][0] - (self._tops[driver][0] - value))
        else:
            bead, fraction = self._bead_position(driver, value)
            bead = min(bead, len(self._tops[follower]) - 1)
            target = round(self._tops[follower][bead] + fraction * self._heights[follower][bead])
        self._syncing = True
        try:
            target_bar.setValue(target)
        finally:
            self._syncing = False
