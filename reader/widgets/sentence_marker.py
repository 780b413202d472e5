"""Marks the sentence the reader points at, and the sentence(s) facing it in the other pane.

The mouse wins; when it is off the text, the caret's sentence stays marked. Which sentences face
each other is the core's answer (``TextPair.facing_sentences``), asked bead by
bead, so a long document costs nothing until the reader points at it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject

from reader.core.pairing import TextPair
from reader.core.sentences import FacingSentences, SentenceSpan
from reader.widgets.paragraph_pane import ParagraphPane


class SentenceMarker(QObject):
    def __init__(self, panes: tuple[ParagraphPane, ParagraphPane], parent: QObject) -> None:
        super().__init__(parent)
        self._panes = panes
        self._pair: TextPair | None = None
        self._pane_sides = ("source", "target")
        self._facing: FacingSentences | None = None
        # (pane, paragraph, offset) of the sentence under the mouse, and of the one at the caret
        self._at: dict[str, tuple[int, int, int] | None] = {"hover": None, "caret": None}
        for index, pane in enumerate(panes):
            pane.text_hovered.connect(
                lambda paragraph, offset, index=index: self._point_at(
                    index, "hover", paragraph, offset
                )
            )
            pane.cursorPositionChanged.connect(lambda index=index: self._caret_moved(index))

    def show(self, pair: TextPair | None, pane_sides: tuple[str, str]) -> None:
        """A new document, alignment or side order: nothing is pointed at any more."""
        self._pair, self._pane_sides = pair, pane_sides
        self._facing = None
        self._at = {"hover": None, "caret": None}
        for pane in self._panes:
            pane.mark_sentences(())

    def _caret_moved(self, pane_index: int) -> None:
        pane = self._panes[pane_index]
        if pane.hasFocus():  # the reader put it there (not a new document or a jump to a note)
            cursor = pane.textCursor()
            self._point_at(pane_index, "caret", cursor.blockNumber(), cursor.positionInBlock())

    def _point_at(self, pane_index: int, kind: str, paragraph: int, offset: int) -> None:
        self._at[kind] = (pane_index, paragraph, offset) if paragraph >= 0 else None
        self._mark()

    def _mark(self) -> None:
        """Mark both sides where a pair holds more than one sentence (else the paragraph mark
        says it all); a one-language record has no counterparts."""
        at = self._at["hover"] or self._at["caret"]
        facing = self._facing_sentences()
        marks: tuple[Sequence[SentenceSpan], Sequence[SentenceSpan]] = ((), ())
        if at is not None and facing is not None:
            pane_index, paragraph, offset = at
            side = self._pane_sides[pane_index]
            if facing.splits(side, paragraph):
                own, other = facing.at(side, paragraph, offset)
                marks = (own, other) if pane_index == 0 else (other, own)
        for pane, spans in zip(self._panes, marks, strict=True):
            pane.mark_sentences(spans)

    def _facing_sentences(self) -> FacingSentences | None:
        if self._facing is None and self._pair is not None:
            self._facing = self._pair.facing_sentences()
        return self._facing
