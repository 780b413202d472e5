"""Transcript and translation side by side, with aligned paragraphs kept level.

Leveling: every bead (aligned group of paragraphs) gets the height of its taller side, and the
shorter side gets blank space after its last paragraph. Both panes then have the same bead tops, a
paragraph with no counterpart faces a painted gap, and the scroll sync can carry the pair at the top
of either pane to the other without drift, however long the document.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import accumulate

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QFontMetricsF
from PySide6.QtWidgets import QLabel, QSizePolicy, QSplitter, QVBoxLayout, QWidget

from reader.core import alignment_edits
from reader.core.alignment import Alignment
from reader.core.annotations import DEFAULT_COLOUR, Annotation
from reader.core.document import Text
from reader.core.pairing import TextPair
from reader.widgets.pane_labels import caption as _caption
from reader.widgets.pane_labels import notice_text, pane_name
from reader.widgets.paragraph_pane import DOCUMENT_MARGIN, Highlight, ParagraphPane, reading_font
from reader.widgets.scroll_sync import ScrollSync, bead_spacing
from reader.widgets.sentence_marker import SentenceMarker

SIDES = ("source", "target")
UNSURE_CONFIDENCE = 0.5  # beads the aligner scored below this get a quiet mark in the margin
COMFORTABLE_MEASURE_CHARS = 72  # line length cap when one text has the whole width: lines
# wrap at word boundaries, so this gives about 70 characters a line
MEASURE_SAMPLE_CHARS = 4000  # how much of the text sets the average character width
READABLE_CHARS = 40  # side panels never squeeze a pane's lines below this many characters
LEVELING_PASSES = 4
LEVEL_TOLERANCE = 0.5  # pixels


class _PaneColumn(QWidget):
    """A pane under a one-line caption naming its language and role."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel(self)
        self.caption.setObjectName("paneCaption")
        self.caption.setContentsMargins(int(DOCUMENT_MARGIN), 4, 0, 2)
        font = self.caption.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        font.setCapitalization(QFont.Capitalization.AllUppercase)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
        self.caption.setFont(font)
        self.caption.setEnabled(False)  # rendered in the theme's quiet (disabled) text colour
        # Its margin follows the text column: it must not make the window wider.
        self.caption.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.pane = ParagraphPane(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.caption)
        layout.addWidget(self.pane, 1)


class ReadingView(QWidget):
    """Shows a TextPair. Emits nothing about other widgets; the main window wires it."""

    sides_swapped = Signal(bool)
    alignment_change_requested = Signal(object)  # an edited Alignment (transcript = source)
    selection_changed = Signal()
    reading_font_changed = Signal()  # size or face: the width a readable line needs changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pair: TextPair | None = None
        self._swapped = False
        self._point_size = 12.0
        self._font_family = ""  # the reader's face, or "" for the default serifs
        self._bead_tops: list[float] = []
        self._pending_position: tuple[int, float] | None = None
        self._last_selected_pane = 0
        self._annotations: tuple[Annotation, ...] = ()
        self._bead_heights: list[float] = []
        self._original_language: str | None = None
        self._clicked: tuple[int, int] | None = None  # (pane, paragraph) the reader clicked last
        self.notice = QLabel(self)
        self.notice.setObjectName("missingTextNotice")
        self.notice.setContentsMargins(int(DOCUMENT_MARGIN), 6, 0, 4)
        self.notice.setEnabled(False)
        self.notice.setWordWrap(True)  # a narrow window wraps it rather than growing
        self.notice.hide()
        self.columns = (_PaneColumn(self), _PaneColumn(self))
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("readingSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(9)
        for column in self.columns:
            self.splitter.addWidget(column)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.notice)
        layout.addWidget(self.splitter, 1)
        self._sentences = SentenceMarker(self.panes, self)
        self.sync = ScrollSync(self.left.verticalScrollBar(), self.right.verticalScrollBar(), self)
        self._relevel_timer = QTimer(self, singleShot=True, interval=40)
        self._relevel_timer.timeout.connect(self._relevel_keeping_position)
        for side, pane in enumerate(self.panes):
            pane.viewport().installEventFilter(self)
            pane.verticalScrollBar().actionTriggered.connect(self._forget_pending_position)
            pane.paragraph_hovered.connect(
                lambda position, side=side: self._mark_pair(side, "hover", position)
            )
            pane.paragraph_selected.connect(
                lambda position, side=side: self._note_selection(side, position)
            )
            pane.paragraph_clicked.connect(
                lambda position, side=side: self._clicked_paragraph(side, position)
            )

    # -- public API ------------------------------------------------------------------------------

    @property
    def panes(self) -> tuple[ParagraphPane, ParagraphPane]:
        return (self.columns[0].pane, self.columns[1].pane)

    @property
    def left(self) -> ParagraphPane:
        return self.columns[0].pane

    @property
    def right(self) -> ParagraphPane:
        return self.columns[1].pane

    @property
    def swapped(self) -> bool:
        return self._swapped

    @property
    def bead_count(self) -> int:
        return len(self._bead_tops)

    def show_pair(
        self, pair: TextPair, swapped: bool | None = None, *, original_language: str | None = None
    ) -> None:
        """Show ``pair``; ``original_language`` is the record's, as it names it ("Russian"), and
        words the notice of a one-language record."""
        self._pair = pair
        self._original_language = original_language
        self._annotations = ()
        if swapped is not None:
            self._swapped = swapped
        self._fill_panes()

    def set_reading_font_family(self, family: str) -> None:
        """Read in ``family`` ("" for the default serifs), at the same size."""
        self._font_family = family
        self.set_point_size(self._point_size)

    def set_point_size(self, point_size: float) -> None:
        position = self.position()
        self._point_size = point_size
        for pane in self.panes:
            pane.set_reading_font(reading_font(point_size, self._font_family))
        if self._pair is not None:
            self._update_measure()
        self._relevel()
        self.restore_position(*position)
        self.reading_font_changed.emit()

    def set_swapped(self, swapped: bool) -> None:
        if swapped == self._swapped:
            return
        position = self.position()
        self._swapped = swapped
        if self._pair is not None:
            self._fill_panes()
            self.restore_position(*position)
        self.sides_swapped.emit(swapped)

    def swap_sides(self) -> None:
        self.set_swapped(not self._swapped)

    def position(self) -> tuple[int, float]:
        """(bead, fraction) at the top of the view: survives resizes, zoom and restarts. A place
        the view could not scroll to yet (hidden, or not laid out) is still the reader's place:
        leaving the document before it is reached must not save the top over it."""
        if self._pending_position is not None:
            return self._pending_position
        return self.sync.position(self._visible_pane_index())

    def restore_position(self, bead: int, fraction: float = 0.0) -> None:
        self.sync.scroll_to(bead, fraction, self._visible_pane_index())
        # A hidden or not yet laid-out pane cannot scroll there yet: the next relevel tries again,
        # unless the reader scrolls first.
        reached = self.isVisible() and self.sync.position(self._visible_pane_index())[0] == bead
        self._pending_position = None if reached else (bead, fraction)

    def scroll_to_paragraph(self, side: str, paragraph: int) -> None:
        """Bring a paragraph of "source" or "target" to the top, with its counterpart level."""
        text = self.text_of(side)
        if self._pair is None or text is None or not 0 <= paragraph < len(text.paragraphs):
            return
        self.restore_position(self._pair.alignment.bead_of(side, paragraph))

    def refresh_colours(self) -> None:
        """Re-tint marks and gaps after a theme change."""
        for pane in self.panes:
            pane.refresh_marks()
            pane.viewport().update()

    def text_of(self, side: str) -> Text | None:
        if self._pair is None:
            return None
        return self._pair.source if side == "source" else self._pair.target

    def bead_top(self, bead: int) -> float:
        return self._bead_tops[bead]

    # -- notes and highlights --------------------------------------------------------------------

    def set_annotations(self, annotations: Sequence[Annotation]) -> None:
        """Draw the reader's highlights, and mark noted pairs on both sides and bookmarks."""
        self._annotations = tuple(annotations)
        self._draw_annotations()

    def _draw_annotations(self) -> None:
        if self._pair is None:
            return
        for pane_index, pane in enumerate(self.panes):
            side = self._pane_sides()[pane_index]
            highlights: list[Highlight] = []
            noted: set[int] = set()
            bookmarked: set[int] = set()
            for annotation in self._annotations:
                if not annotation.placed or annotation.position is None or annotation.side is None:
                    continue
                position = annotation.position
                if annotation.kind == "note":
                    # A note belongs to the pair: both languages show it.
                    noted.update(self._pair_paragraphs(annotation.side, position.paragraph, side))
                if annotation.kind == "bookmark":
                    # Flagged beside the paragraph and beside its counterpart.
                    bookmarked.update(
                        self._pair_paragraphs(annotation.side, position.paragraph, side)
                    )
                elif annotation.side == side and position.end > position.start:
                    highlights.append(
                        Highlight(
                            position.paragraph,
                            position.start,
                            position.end,
                            annotation.colour or DEFAULT_COLOUR,
                            bool(annotation.note),
                        )
                    )
            pane.set_highlights(highlights)
            pane.set_margin_marks(noted, bookmarked)

    def _pair_paragraphs(self, side: str, paragraph: int, shown_side: str) -> tuple[int, ...]:
        """Paragraphs on ``shown_side`` that belong to the pair holding ``paragraph`` of ``side``."""
        assert self._pair is not None
        alignment = self._pair.alignment
        if shown_side == side:
            return (paragraph,)
        return alignment.counterpart(side, paragraph)

    def pane_of(self, side: str) -> int:
        """Index (0 left, 1 right) of the pane showing ``side``."""
        return self._pane_sides().index(side)

    def text_selection(self) -> tuple[str, int, int, int] | None:
        """(side, paragraph, start, end) of text selected in the pane used last."""
        for pane_index in (self._last_selected_pane, 1 - self._last_selected_pane):
            selection = self.panes[pane_index].text_selection()
            if selection is not None and self.panes[pane_index].isVisibleTo(self):
                return (self._pane_sides()[pane_index], *selection)
        return None

    def paragraph_in_focus(self) -> tuple[str, int] | None:
        """The selected paragraph, else the one clicked last, else the first at the top."""
        selection = self._current_selection()
        if selection is not None:
            return selection
        if self._clicked is not None and self.panes[self._clicked[0]].isVisibleTo(self):
            pane_index, paragraph = self._clicked
            if paragraph < len(self.panes[pane_index].paragraphs):
                return self._pane_sides()[pane_index], paragraph
        alignment = self._side_alignment()
        if alignment is None or not self._bead_tops:
            return None
        bead = alignment.beads[self.position()[0]]
        for pane_index, side in enumerate(SIDES):
            if getattr(bead, side):
                return self._pane_sides()[pane_index], getattr(bead, side)[0]
        return None

    def focus_text(self) -> None:
        """Keyboard focus to the text the reader sees (the only one, in a one-language record)."""
        self.panes[self._visible_pane_index()].setFocus()

    def select_focus(self) -> bool:
        """Select the whole paragraph in focus, so a note can be made on it; False if none."""
        focus = self.paragraph_in_focus()
        text = self.text_of(focus[0]) if focus else None
        if focus is None or text is None:
            return False
        side, paragraph = focus
        self.panes[self.pane_of(side)].show_range(paragraph, 0, len(text.paragraphs[paragraph]))
        return True

    def show_annotation(self, side: str, paragraph: int, start: int, end: int) -> None:
        """Scroll a note's pair level into view and select its quote."""
        text = self.text_of(side)
        if self._pair is None or text is None or not 0 <= paragraph < len(text.paragraphs):
            return
        self.scroll_to_paragraph(side, paragraph)
        pane_index = self._pane_sides().index(side)
        pane = self.panes[pane_index]
        if end > start:
            pane.show_range(paragraph, start, end)
        else:
            pane.select_paragraph(paragraph)
        self._last_selected_pane = pane_index
        self._clicked = (pane_index, paragraph)
        self._mark_pair(pane_index, "pinned", paragraph)
        self.restore_position(self._pair.alignment.bead_of(side, paragraph))

    # -- correcting the alignment ------------------------------------------------------------

    @property
    def alignment(self) -> Alignment | None:
        """The shown alignment, transcript as source (whichever side it is displayed on)."""
        return self._pair.alignment if self._pair is not None else None

    def set_alignment(self, alignment: Alignment) -> None:
        """Show a corrected alignment at once, keeping the reading position."""
        if self._pair is None:
            return
        position = self.position()
        self._pair = replace(self._pair, alignment=alignment)
        self._sentences.show(self._pair, self._pane_sides())
        for pane in self.panes:  # the old pairs' marks no longer mean anything
            pane.mark("hover", ())
            pane.mark("pinned", ())
        self._update_unsure()
        self._draw_annotations()
        self._relevel()
        self.restore_position(*position)
        self.selection_changed.emit()

    def selected_paragraph(self, side: str) -> int:
        """The selected paragraph of "source" or "target", or -1."""
        return self.panes[self._pane_sides().index(side)].selected_paragraph()

    def set_context_actions(self, actions: Sequence[QAction | None]) -> None:
        """Actions for the paragraph context menu; None stands for a separator."""
        for pane in self.panes:
            pane.context_actions = list(actions)

    def can_link(self) -> bool:
        return self._editable() and min(self.selected_paragraph(side) for side in SIDES) >= 0

    def can_edit_selected_pair(self) -> bool:
        return self._editable() and self._current_selection() is not None

    def link_selected(self) -> None:
        """Pair the selected transcript paragraph with the selected translation paragraph."""
        if self.can_link() and self._pair is not None:
            source, target = (self.selected_paragraph(side) for side in SIDES)
            self.alignment_change_requested.emit(
                alignment_edits.link(self._pair.alignment, source, target)
            )

    def unlink_selected(self) -> None:
        self._edit_selected(
            lambda alignment, side, paragraph: alignment_edits.unlink(
                alignment, alignment.bead_of(side, paragraph)
            )
        )

    def merge_selected_with_next(self) -> None:
        self._edit_selected(
            lambda alignment, side, paragraph: alignment_edits.merge_with_next(
                alignment, alignment.bead_of(side, paragraph)
            )
        )

    def split_at_selected(self) -> None:
        self._edit_selected(alignment_edits.split)

    def _edit_selected(self, edit: Callable[[Alignment, str, int], Alignment]) -> None:
        selection = self._current_selection()
        if selection is None or self._pair is None or not self._editable():
            return
        edited = edit(self._pair.alignment, *selection)
        if edited.beads != self._pair.alignment.beads:
            self.alignment_change_requested.emit(edited)

    def _editable(self) -> bool:
        return self._pair is not None and self._pair.is_bilingual

    def _current_selection(self) -> tuple[str, int] | None:
        """(side, paragraph) selected in the pane the reader used last, else in the other."""
        for pane_index in (self._last_selected_pane, 1 - self._last_selected_pane):
            paragraph = self.panes[pane_index].selected_paragraph()
            if paragraph >= 0:
                return self._pane_sides()[pane_index], paragraph
        return None

    def _clicked_paragraph(self, pane_index: int, paragraph: int) -> None:
        """A plain click is reading, not editing: it pins the pair and drops any selection."""
        self._clicked = (pane_index, paragraph) if paragraph >= 0 else None
        for pane in self.panes:
            pane.clear_selected_paragraph()
        self._mark_pair(pane_index, "pinned", paragraph)

    def _note_selection(self, pane_index: int, paragraph: int) -> None:
        if paragraph >= 0:
            self._last_selected_pane = pane_index
        self.selection_changed.emit()

    def _update_unsure(self) -> None:
        alignment = self._side_alignment()
        for pane, side in zip(self.panes, SIDES, strict=True):
            unsure = (
                []
                if alignment is None or not self._editable()
                else [
                    paragraph
                    for bead in alignment.beads
                    if bead.confidence < UNSURE_CONFIDENCE
                    for paragraph in getattr(bead, side)
                ]
            )
            pane.set_unsure(unsure)

    # -- filling and leveling --------------------------------------------------------------------

    def _pane_sides(self) -> tuple[str, str]:
        return ("target", "source") if self._swapped else ("source", "target")

    def _side_alignment(self) -> Alignment | None:
        if self._pair is None:
            return None
        return self._pair.alignment.swapped() if self._swapped else self._pair.alignment

    def _fill_panes(self) -> None:
        assert self._pair is not None
        self._clicked = None
        self._sentences.show(self._pair, self._pane_sides())
        font = reading_font(self._point_size, self._font_family)
        for column, side in zip(self.columns, self._pane_sides(), strict=True):
            text = self.text_of(side)
            column.setVisible(text is not None)
            column.pane.set_paragraphs(
                text.paragraphs if text else (), text.language if text else "und", font
            )
            column.caption.setText(_caption(text) if text else "")
            column.pane.setAccessibleName(pane_name(text))
        self._update_notice()
        self._update_measure()
        self._update_unsure()
        self._draw_annotations()
        self._relevel()
        self.restore_position(0)
        self.selection_changed.emit()  # nothing is selected in the new panes

    def _update_measure(self) -> None:
        single = self._pair is not None and not self._pair.is_bilingual
        measure = self.single_text_measure() if single else None
        for pane in self.panes:
            pane.set_max_measure(measure)

    def single_text_measure(self) -> float:
        """Line width, in pixels, of about 70 characters of the shown text at the current size."""
        texts = [] if self._pair is None else [self._pair.source, self._pair.target]
        sample = " ".join(p for text in texts if text for p in text.paragraphs)
        sample = " ".join(sample[:MEASURE_SAMPLE_CHARS].split()) or "x" * 10
        metrics = QFontMetricsF(reading_font(self._point_size, self._font_family))
        return metrics.horizontalAdvance(sample) / len(sample) * COMFORTABLE_MEASURE_CHARS

    def readable_width(self) -> int:
        """The view's width at which each shown pane has lines of READABLE_CHARS characters."""
        per_char = self.single_text_measure() / COMFORTABLE_MEASURE_CHARS
        shown = [column for column in self.columns if not column.isHidden()]
        text = sum(READABLE_CHARS * per_char + 2 * DOCUMENT_MARGIN for _ in shown)
        chrome = sum(c.pane.width() - c.pane.viewport().width() for c in shown)
        handles = self.splitter.handleWidth() * (len(shown) - 1)
        return round(text + chrome + handles)

    def _update_notice(self) -> None:
        assert self._pair is not None
        pair = self._pair
        present = pair.source or pair.target
        if pair.is_bilingual or present is None:
            self.notice.hide()
            return
        self.notice.setText(self.notice_text(present, self._original_language))
        self.notice.show()

    @staticmethod
    def notice_text(present: Text, original_language: str | None) -> str:
        return notice_text(present, original_language)

    def _align_labels(self) -> None:
        """Start the captions and the notice where the text starts (one column is centred)."""
        for column in self.columns:
            left = column.pane.viewport().mapTo(column, QPoint()).x() + column.pane.side_margin()
            column.caption.setContentsMargins(round(left), 4, 0, 2)
        shown = self.panes[self._visible_pane_index()]
        left = shown.viewport().mapTo(self, QPoint()).x() + shown.side_margin()
        self.notice.setContentsMargins(round(left), 6, 0, 4)

    def _visible_pane_index(self) -> int:
        return (
            0 if self.columns[0].isVisibleTo(self) or not self.columns[1].isVisibleTo(self) else 1
        )

    def _relevel(self) -> None:
        alignment = self._side_alignment()
        if alignment is None:
            return
        # Qt adds a little line leading below a block that depends on its margin, so the first pass
        # can be off by a few pixels; measuring again from the laid-out positions converges.
        for _attempt in range(LEVELING_PASSES):
            self._level_once(alignment)
            if self.leveling_error() <= LEVEL_TOLERANCE:
                break

    def _level_once(self, alignment: Alignment) -> None:
        naturals = [pane.natural_heights() for pane in self.panes]
        heights = [
            max(sum(naturals[0][i] for i in bead.source), sum(naturals[1][j] for j in bead.target))
            for bead in alignment.beads
        ]
        tops = list(accumulate(heights[:-1], initial=DOCUMENT_MARGIN)) if heights else []
        for pane, natural, side in zip(self.panes, naturals, SIDES, strict=True):
            has_text = bool(pane.paragraphs)
            pane.set_spacing(*bead_spacing(natural, alignment.beads, side, heights, tops, has_text))
        self._bead_tops, self._bead_heights = tops, heights
        self.sync.set_geometry(tops, heights, tops, heights)
        self._align_labels()

    def leveling_error(self) -> float:
        """Largest distance, in pixels, between the tops of aligned paragraphs in the two panes."""
        alignment = self._side_alignment()
        if alignment is None or not all(pane.paragraphs for pane in self.panes):
            return 0.0
        ends = abs(self.left.content_bottom() - self.right.content_bottom())
        pairs = [
            abs(self.left.block_top(bead.source[0]) - self.right.block_top(bead.target[0]))
            for bead in alignment.beads
            if bead.is_match
        ]
        return max([ends, *pairs])

    def _forget_pending_position(self, _action: int) -> None:
        self._pending_position = None

    def _relevel_keeping_position(self) -> None:
        position = self.position()
        self._relevel()
        self.restore_position(*position)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A width change rewraps the text; level again once the resize settles.
        if event.type() == QEvent.Type.Resize and self._pair is not None:
            self._relevel_timer.start()
        return super().eventFilter(watched, event)

    # -- counterpart marks -----------------------------------------------------------------------

    def _mark_pair(self, pane_index: int, kind: str, position: int) -> None:
        """Mark a paragraph and its counterpart; a one-language record has no pairs to mark."""
        alignment = self._side_alignment()
        if alignment is None or not self._editable():
            return
        own, other = self.panes[pane_index], self.panes[1 - pane_index]
        if position < 0:
            own.mark(kind, ())
            other.mark(kind, ())
            return
        side = SIDES[pane_index]
        bead = alignment.beads[alignment.bead_of(side, position)]
        own.mark(kind, getattr(bead, side))
        other.mark(kind, getattr(bead, SIDES[1 - pane_index]))
