"""One side of the reading view: a read-only text pane with one block per paragraph.

The pane knows nothing about the other side. The reading view tells it how much blank space to
leave after each paragraph so that aligned paragraphs start at the same height in both panes, and
which bead extents hold no text of this side (painted as a quiet gap).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QFrame, QTextBrowser, QTextEdit, QWidget

from reader.widgets.pane_shapes import bookmark_ribbon, draw_gap, sentence_shape
from reader.widgets.theme import find_match_colours, highlight_colour, paragraph_mark_colour

READING_FONT_FAMILIES = [
    "Noto Serif",
    "DejaVu Serif",
    "Georgia",
    "Cambria",
    "Times New Roman",
    "serif",
]
PARAGRAPH_SPACING_EM = 0.75
DOCUMENT_MARGIN = 18.0


MARK_PADDING_SHARE = 0.3  # of the paragraph spacing, above and below a marked paragraph
MARK_SIDE_PADDING = 5.0  # pixels; the gutter marks sit just outside
NAVIGATION_KEYS = frozenset({Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right})


@dataclass(frozen=True)
class Highlight:
    paragraph: int
    start: int
    end: int
    colour: str
    has_note: bool = False


def reading_font(point_size: float, family: str = "") -> QFont:
    """The reading face at ``point_size``: the reader's choice first (if any), then the serifs."""
    font = QFont()
    font.setFamilies([family, *READING_FONT_FAMILIES] if family else READING_FONT_FAMILIES)
    font.setPointSizeF(point_size)
    return font


class ParagraphPane(QTextBrowser):
    """Paragraphs as blocks; emits the paragraph under the mouse and the one clicked."""

    paragraph_hovered = Signal(int)  # paragraph index, or -1 when the mouse leaves text
    paragraph_clicked = Signal(int)  # a plain click while reading (never an editing selection)
    paragraph_selected = Signal(int)  # the paragraph selected for alignment editing, or -1
    text_hovered = Signal(int, int)  # paragraph and character offset under the mouse, or -1, -1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMouseTracking(True)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.document().setDocumentMargin(DOCUMENT_MARGIN)
        self._paragraphs: tuple[str, ...] = ()
        self._extra_after: list[float] = []  # blank space added below each block, in pixels
        self._extra_before_first = 0.0
        self._gaps: list[tuple[float, float]] = []  # (top, height) in document coordinates
        self._hovered = -1
        self._marked: dict[str, tuple[int, ...]] = {"hover": (), "pinned": ()}
        self._sentences: tuple[tuple[int, int, int], ...] = ()  # (paragraph, start, end)
        self._hovered_offset = (-1, -1)
        self._max_measure: float | None = None
        self._selected = -1
        self._unsure: tuple[int, ...] = ()
        self._highlights: tuple[Highlight, ...] = ()
        self._find_matches: tuple[tuple[int, int, int], ...] = ()
        self._current_find: tuple[int, int, int] | None = None
        self._noted: frozenset[int] = frozenset()
        self._bookmarked: frozenset[int] = frozenset()
        self.context_actions: list[QAction | None] = []  # None: a separator
        self.language = "und"

    # -- content ---------------------------------------------------------------------------------

    def set_paragraphs(self, paragraphs: Sequence[str], language: str, font: QFont) -> None:
        """Show ``paragraphs`` as plain text (document markup is never interpreted)."""
        self._paragraphs = tuple(paragraphs)
        self.language = language
        self._extra_after = [0.0] * len(self._paragraphs)
        self._extra_before_first = 0.0
        self._gaps = []
        self._hovered = -1
        self._marked = {"hover": (), "pinned": ()}
        self._sentences = ()
        self._unsure = ()
        self._highlights = ()
        self._noted = self._bookmarked = frozenset()
        document = QTextDocument(self)
        document.setDocumentMargin(DOCUMENT_MARGIN)
        document.setDefaultFont(font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        document.setDefaultTextOption(option)
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        for position, paragraph in enumerate(self._paragraphs):
            if position:
                cursor.insertBlock(self._block_format(0.0), QTextCharFormat())
            else:
                cursor.setBlockFormat(self._block_format(0.0))
            cursor.insertText(paragraph)
        cursor.endEditBlock()
        previous = self.document()
        self.setDocument(document)
        # Qt deletes only the document it made itself; the ones made here (children of this
        # pane) would otherwise pile up for the whole session.
        if shiboken6.isValid(previous) and previous.parent() is self:
            previous.deleteLater()
        self._selected = -1  # setDocument moved the cursor; nothing is selected yet
        self.refresh_marks()

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return self._paragraphs

    def set_reading_font(self, font: QFont) -> None:
        self.document().setDefaultFont(font)

    def _spacing(self) -> float:
        return QFontMetricsF(self.document().defaultFont()).height() * PARAGRAPH_SPACING_EM

    def _block_format(self, extra_after: float) -> QTextBlockFormat:
        block_format = QTextBlockFormat()
        block_format.setBottomMargin(self._spacing() + extra_after)
        block_format.setLineHeight(118, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        return block_format

    # -- geometry --------------------------------------------------------------------------------

    def natural_heights(self) -> list[float]:
        """Height of each paragraph with normal spacing, at the pane's current width.

        Measured from where the layout puts consecutive blocks, so line leading and margins count
        exactly as Qt lays them out.
        """
        if not self._paragraphs:
            return []
        self._fit_measure()
        self.document().setTextWidth(self.viewport().width())
        tops = [self._raw_top(position) for position in range(len(self._paragraphs))]
        edges = [*tops[1:], self.content_bottom()]
        return [
            edge - top - extra
            for top, edge, extra in zip(tops, edges, self._extra_after, strict=True)
        ]

    def set_max_measure(self, pixels: float | None) -> None:
        """Cap the width of a text line (for a single pane given the whole window)."""
        self._max_measure = pixels

    def side_margin(self) -> float:
        if self._max_measure is None:
            return DOCUMENT_MARGIN
        return max(DOCUMENT_MARGIN, (self.viewport().width() - self._max_measure) / 2)

    def _fit_measure(self) -> None:
        """Centre the text in a column no wider than the measure; lines too long tire the eye."""
        margin = self.side_margin()
        frame_format = self.document().rootFrame().frameFormat()
        if abs(frame_format.leftMargin() - margin) > 0.5:
            frame_format.setLeftMargin(margin)
            frame_format.setRightMargin(margin)
            self.document().rootFrame().setFrameFormat(frame_format)

    def content_bottom(self) -> float:
        """Where the last paragraph and the space after it end (the document may still be laying
        out lazily, so its size is not reliable here)."""
        if not self._paragraphs:
            return DOCUMENT_MARGIN
        last = self.document().lastBlock()
        rect = self.document().documentLayout().blockBoundingRect(last)
        return rect.bottom() + self._spacing() + self._extra_after[-1]

    def _raw_top(self, position: int) -> float:
        block = self.document().findBlockByNumber(position)
        return self.document().documentLayout().blockBoundingRect(block).top()

    def set_spacing(
        self, before_first: float, after: Sequence[float], gaps: Sequence[tuple[float, float]]
    ) -> None:
        """Apply blank space that levels this pane with the other; ``gaps`` are painted as gaps."""
        self._gaps = list(gaps)
        document = self.document()
        last = len(after) - 1
        old_after_last = self._extra_after[last] if after else 0.0
        if abs(before_first - self._extra_before_first) > 0.25 or (
            after and abs(after[last] - old_after_last) > 0.25
        ):
            # Space above the first and below the last paragraph goes into the frame's margins:
            # Qt drops the bottom margin of a document's last block.
            frame_format = document.rootFrame().frameFormat()
            frame_format.setTopMargin(DOCUMENT_MARGIN + before_first)
            frame_format.setBottomMargin(DOCUMENT_MARGIN + (after[last] if after else 0.0))
            document.rootFrame().setFrameFormat(frame_format)
        self._extra_before_first = before_first
        changed = [
            position
            for position, extra in enumerate(after[:-1])
            if abs(extra - self._extra_after[position]) > 0.25
        ]
        self._extra_after = list(after)
        if changed:
            cursor = QTextCursor(document)
            cursor.beginEditBlock()
            for position in changed:
                cursor.setPosition(document.findBlockByNumber(position).position())
                cursor.setBlockFormat(self._block_format(self._extra_after[position]))
            cursor.endEditBlock()
        self.viewport().update()

    def block_top(self, position: int) -> float:
        """Top of paragraph ``position`` in document coordinates."""
        return self._raw_top(position)

    def paragraph_at(self, viewport_point: QPointF) -> int:
        """Paragraph under a viewport point, or -1 over blank or gap space."""
        y = viewport_point.y() + self.verticalScrollBar().value()
        block = self.cursorForPosition(viewport_point.toPoint()).block()
        if not block.isValid() or not self._paragraphs:
            return -1
        top, bottom = self._lines_extent(block)
        # The paragraph's own spacing below it counts; the space that levels it does not (for the
        # last paragraph that space is the frame's margin, outside the block).
        return block.blockNumber() if top <= y <= bottom + self._spacing() else -1

    def _lines_extent(self, block: QTextBlock) -> tuple[float, float]:
        """Top and bottom of a block's lines in document coordinates, as the layout placed them
        (the bounding rectangle leaves out the added line height, and holds the levelling space)."""
        rect = self.document().documentLayout().blockBoundingRect(block)  # lays the block out
        layout = block.layout()
        if layout is None or not layout.lineCount():
            return rect.top(), rect.bottom() - block.blockFormat().bottomMargin()
        last = layout.lineAt(layout.lineCount() - 1)
        origin = layout.position().y()
        return origin + layout.lineAt(0).y(), origin + last.y() + last.height()

    # -- marks -----------------------------------------------------------------------------------

    def mark(self, kind: str, paragraphs: Sequence[int]) -> None:
        """Tint ``paragraphs``: "hover" marks follow the mouse, "pinned" marks follow a click."""
        self._marked[kind] = tuple(paragraphs)
        self.refresh_marks()

    def marked(self, kind: str) -> tuple[int, ...]:
        return self._marked[kind]

    def mark_sentences(self, spans: Iterable[tuple[int, int, int]]) -> None:
        """Mark sentences, (paragraph, start, end), with a block a shade above a paragraph's."""
        spans = tuple((p, s, e) for p, s, e in spans)
        if spans != self._sentences:
            self._sentences = spans
            self.viewport().update()

    def marked_sentences(self) -> tuple[tuple[int, int, int], ...]:
        return self._sentences

    def set_highlights(self, highlights: Sequence[Highlight]) -> None:
        """Coloured ranges drawn in the text (the reader's highlights and notes)."""
        self._highlights = tuple(highlights)
        self.refresh_marks()

    def set_find_matches(self, matches: Sequence[tuple[int, int, int]]) -> None:
        """Ranges found by Find in Document, (paragraph, start, end), drawn in the text."""
        self._find_matches = tuple(matches)
        self.refresh_marks()

    def set_current_find_match(self, match: tuple[int, int, int] | None) -> None:
        """The match the reader is on (drawn stronger than the rest), or None."""
        self._current_find = (match[0], match[1], match[2]) if match is not None else None
        self.refresh_marks()

    def current_find_match(self) -> tuple[int, int, int] | None:
        """The current match, if it is one of this pane's matches."""
        return self._current_find if self._current_find in self._find_matches else None

    def set_margin_marks(self, noted: Iterable[int], bookmarked: Iterable[int]) -> None:
        """Paragraphs whose pair carries a note, and bookmarked paragraphs (right-hand margin)."""
        self._noted = frozenset(noted)
        self._bookmarked = frozenset(bookmarked)
        self.viewport().update()

    def _range_cursor(self, paragraph: int, start: int, end: int) -> QTextCursor | None:
        """A cursor selecting ``start``..``end`` of a paragraph, clipped to it; None if no such."""
        block = self.document().findBlockByNumber(paragraph)
        if not block.isValid():
            return None
        end = min(end, block.length() - 1)
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + max(0, min(start, end)))
        cursor.setPosition(block.position() + end, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _extra_selection(
        self, cursor: QTextCursor, background: QColor, foreground: QColor | None = None
    ) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format.setBackground(background)
        if foreground is not None:
            selection.format.setForeground(foreground)
        return selection

    def _highlight_selections(self) -> list[QTextEdit.ExtraSelection]:
        selections = []
        for highlight in self._highlights:
            cursor = self._range_cursor(highlight.paragraph, highlight.start, highlight.end)
            if cursor is None:
                continue
            selection = self._extra_selection(cursor, highlight_colour(highlight.colour))
            if highlight.has_note:
                selection.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            selections.append(selection)
        return selections

    def _find_selections(self) -> list[QTextEdit.ExtraSelection]:
        current = self.current_find_match()
        # The current match goes last, so it is drawn over any match it touches.
        ordered = [m for m in self._find_matches if m != current] + ([current] if current else [])
        selections = []
        for match in ordered:
            cursor = self._range_cursor(*match)
            if cursor is not None:
                colours = find_match_colours(self.palette(), match == current)
                selections.append(self._extra_selection(cursor, *colours))
        return selections

    def refresh_marks(self) -> None:
        # Paragraph marks are painted as blocks under the text (see paintEvent): an extra selection
        # would be drawn line by line, with the line leading showing between the lines.
        self.setExtraSelections(self._highlight_selections() + self._find_selections())
        self.viewport().update()

    def mark_colour(self, kind: str) -> QColor:
        """The quiet tint behind a "hover" or "pinned" paragraph."""
        return paragraph_mark_colour(self.palette(), kind)

    def mark_rect(self, position: int) -> QRectF:
        """Viewport rectangle of the block drawn behind a marked paragraph: its lines, with a
        little room around them, and none of the space that levels it with the other pane."""
        top, bottom = self._lines_extent(self.document().findBlockByNumber(position))
        pad = self._spacing() * MARK_PADDING_SHARE
        offset = self.verticalScrollBar().value()
        left = self.side_margin() - MARK_SIDE_PADDING
        width = self.viewport().width() - 2 * self.side_margin() + 2 * MARK_SIDE_PADDING
        return QRectF(left, top - pad - offset, width, bottom - top + 2 * pad)

    def _paint_paragraph_marks(self, painter: QPainter) -> None:
        visible = QRectF(self.viewport().rect())
        painter.setPen(Qt.PenStyle.NoPen)
        for kind in ("pinned", "hover"):
            painter.setBrush(self.mark_colour(kind))
            for position in self._marked[kind]:
                if not 0 <= position < len(self._paragraphs):
                    continue
                rect = self.mark_rect(position)
                if rect.intersects(visible):
                    painter.drawRoundedRect(rect, 4, 4)
        painter.setBrush(self.mark_colour("sentence"))
        scrolled = QPointF(-self.horizontalScrollBar().value(), -self.verticalScrollBar().value())
        for paragraph, start, end in self._sentences:
            block = self.document().findBlockByNumber(paragraph)
            if block.isValid():
                shape = sentence_shape(block, start, end, MARK_SIDE_PADDING / 2)
                painter.drawPath(shape.translated(scrolled))

    # -- events ----------------------------------------------------------------------------------

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        position = self.paragraph_at(event.position())
        self._set_hovered(position)
        self._set_hovered_offset(position, event.position())

    def leaveEvent(self, event: QEvent) -> None:
        super().leaveEvent(event)
        self._set_hovered(-1)
        self._set_hovered_offset(-1, QPointF())

    def _set_hovered(self, position: int) -> None:
        if position != self._hovered:
            self._hovered = position
            self.paragraph_hovered.emit(position)

    def _set_hovered_offset(self, position: int, point: QPointF) -> None:
        offset = -1
        if position >= 0:
            cursor = self.cursorForPosition(point.toPoint())
            offset = cursor.positionInBlock() if cursor.blockNumber() == position else -1
        hovered = (position, offset) if offset >= 0 else (-1, -1)
        if hovered != self._hovered_offset:
            self._hovered_offset = hovered
            self.text_hovered.emit(*hovered)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        position = self.paragraph_at(event.position())
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            # The explicit gesture for alignment editing: Ctrl+click selects, or deselects.
            if position >= 0 and position == self._selected:
                self.clear_selected_paragraph()
            elif position >= 0:
                self.select_paragraph(position)
            return
        if not self.textCursor().hasSelection():
            self.paragraph_clicked.emit(position)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        before = self.textCursor().position()
        super().keyPressEvent(event)
        # Moving the caret with the arrow keys selects its paragraph for alignment editing; the
        # keys that only scroll (Page Up/Down, Space) do not.
        if event.key() in NAVIGATION_KEYS and self.textCursor().position() != before:
            self._set_selected(self.textCursor().blockNumber())

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        position = self.paragraph_at(QPointF(event.pos()))
        menu.addSeparator()
        copy_paragraph = menu.addAction(self.tr("Copy Paragraph"))
        copy_paragraph.setEnabled(position >= 0)
        copy_paragraph.triggered.connect(lambda: self._copy(self._paragraphs[position]))
        menu.addAction(self.tr("Copy Whole Text")).triggered.connect(
            lambda: self._copy(self.full_text())
        )
        if position >= 0 and self.context_actions:
            # Alignment actions act on the selected paragraph: make it the one clicked on.
            self.select_paragraph(position)
            menu.addSeparator()
            for action in self.context_actions:
                if action is None:
                    menu.addSeparator()
                else:
                    menu.addAction(action)
        menu.exec(event.globalPos())

    def text_selection(self) -> tuple[int, int, int] | None:
        """(paragraph, start, end) of selected text, clipped to the paragraph where it starts."""
        cursor = self.textCursor()
        if not cursor.hasSelection() or not self._paragraphs:
            return None
        document = self.document()
        first = document.findBlock(cursor.selectionStart())
        start = cursor.selectionStart() - first.position()
        end = min(cursor.selectionEnd() - first.position(), first.length() - 1)
        return (first.blockNumber(), start, end) if end > start else None

    def show_range(self, paragraph: int, start: int, end: int) -> None:
        """Select a range so the reader sees what a note refers to."""
        cursor = self._range_cursor(paragraph, start, end)
        if cursor is not None:
            self.setTextCursor(cursor)

    def full_text(self) -> str:
        return "\n\n".join(self._paragraphs)

    @staticmethod
    def _copy(text: str) -> None:
        QGuiApplication.clipboard().setText(text)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())  # marks first, so the text is drawn over them
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_paragraph_marks(painter)
        painter.end()
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_gaps(painter)
        self._paint_gutter_marks(painter)
        self._paint_margin_marks(painter)
        painter.end()

    def _paint_gaps(self, painter: QPainter) -> None:
        offset = self.verticalScrollBar().value()
        width = self.viewport().width()
        side = self.side_margin()
        visible = QRectF(self.viewport().rect())
        painter.setPen(Qt.PenStyle.NoPen)
        for top, height in self._gaps:
            rect = QRectF(side, top - offset + 2, width - 2 * side, height - 8)
            if rect.height() > 2 and rect.intersects(visible):
                draw_gap(painter, rect, self.palette().color(QPalette.ColorRole.Text))

    def _paragraph_extent(self, position: int) -> QRectF:
        """Viewport rectangle of a paragraph's text (without the space added after it)."""
        block = self.document().findBlockByNumber(position)
        rect = self.document().documentLayout().blockBoundingRect(block)
        top, bottom = self._lines_extent(block)
        return QRectF(
            rect.left(), top - self.verticalScrollBar().value(), rect.width(), bottom - top
        )

    def _paint_gutter_marks(self, painter: QPainter) -> None:
        """Left of the text: a dotted line beside pairs the aligner is unsure of, and an accent bar
        beside the selected paragraph."""
        x = self.side_margin() - 9
        visible = QRectF(self.viewport().rect())
        unsure = QPen(QColor(214, 150, 40, 190), 2, Qt.PenStyle.DotLine)
        for position in self._unsure:
            extent = self._paragraph_extent(position)
            if extent.intersects(visible):
                painter.setPen(unsure)
                painter.drawLine(QPointF(x, extent.top() + 2), QPointF(x, extent.bottom() - 2))
        if self._selected >= 0 and self._selected < len(self._paragraphs):
            extent = self._paragraph_extent(self._selected)
            accent = self.palette().color(QPalette.ColorRole.Link)  # the theme's accent colour
            painter.fillRect(QRectF(x - 2, extent.top(), 4, extent.height()), accent)

    def _paint_margin_marks(self, painter: QPainter) -> None:
        """Right of the text: a dot where the pair has a note, a ribbon for a bookmark."""
        x = self.viewport().width() - self.side_margin() + 6
        visible = QRectF(self.viewport().rect())
        accent = self.palette().color(QPalette.ColorRole.Link)
        painter.setPen(Qt.PenStyle.NoPen)
        for position in sorted(self._noted | self._bookmarked):
            if position >= len(self._paragraphs):
                continue
            extent = self._paragraph_extent(position)
            if not extent.intersects(visible):
                continue
            top = extent.top() + 4
            if position in self._bookmarked:
                painter.setBrush(QColor(205, 70, 70))
                painter.drawPolygon(bookmark_ribbon(x, top))
                top += 17
            if position in self._noted:
                painter.setBrush(accent)
                painter.drawEllipse(QRectF(x, top, 8, 8))

    # -- selection for alignment editing ---------------------------------------------------------

    def select_paragraph(self, position: int) -> None:
        """Make ``position`` the selected paragraph (the text cursor moves to its start)."""
        block = self.document().findBlockByNumber(position)
        if block.isValid():
            self.setTextCursor(QTextCursor(block))
            self._set_selected(position)  # also when the cursor was already there

    def clear_selected_paragraph(self) -> None:
        if self._selected >= 0:
            self._set_selected(-1)

    def selected_paragraph(self) -> int:
        """The paragraph selected for alignment editing (Ctrl+click, the arrow keys, or a jump
        to it), else -1. A plain click while reading selects nothing."""
        return self._selected

    def set_unsure(self, paragraphs: Sequence[int]) -> None:
        self._unsure = tuple(paragraphs)
        self.viewport().update()

    def _set_selected(self, position: int) -> None:
        self._selected = position if self._paragraphs else -1
        self.viewport().update()
        self.paragraph_selected.emit(self._selected)
