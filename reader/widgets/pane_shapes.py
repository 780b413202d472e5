"""Shapes a paragraph pane paints: a sentence's block, a bookmark's ribbon, a gap's shade.

A sentence starts and ends inside lines, so its shape is a staircase: the rest of its first line,
any whole lines, and the start of its last line. Each line's rectangle reaches down to the next
line's top (the leading would otherwise show as a stripe, as an extra selection draws it).
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPolygonF, QTextBlock, QTextLine

_OVERLAP = 0.5  # pixels: rectangles that only touch would stay apart when united


def sentence_shape(block: QTextBlock, start: int, end: int, pad: float) -> QPainterPath:
    """Outline, in document coordinates, of characters ``[start, end)`` of ``block``."""
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.WindingFill)  # overlapping rectangles unite (odd-even cuts them)
    layout = block.layout()
    if layout is None or end <= start:
        return path
    origin = layout.position()
    lines = [layout.lineAt(index) for index in range(layout.lineCount())]
    inside = [line for line in lines if _overlaps(line, start, end)]
    for number, line in enumerate(inside):
        first, last = line.textStart(), line.textStart() + line.textLength()
        left = _x(line, max(start, first)) - pad
        right = _x(line, min(end, last)) + pad
        top = line.y() - (pad if number == 0 else _OVERLAP)
        below = inside[number + 1].y() if number + 1 < len(inside) else line.y() + line.height()
        bottom = below + (pad if number + 1 == len(inside) else 0.0)
        path.addRect(QRectF(origin.x() + left, origin.y() + top, right - left, bottom - top))
    return path.simplified()


def _overlaps(line: QTextLine, start: int, end: int) -> bool:
    first = line.textStart()
    return first < end and start < first + line.textLength()


def _x(line: QTextLine, position: int) -> float:
    # PySide6 returns (x, the position used) and types it as a bare object.
    settled = cast(tuple[float, int], line.cursorToX(position))
    return float(settled[0])


def bookmark_ribbon(x: float, top: float) -> QPolygonF:
    """A ribbon 8 px wide and 13 px tall with a notch at the bottom, its top left at (x, top)."""
    corners = ((0, 0), (8, 0), (8, 13), (4, 9), (0, 13))
    return QPolygonF([QPointF(x + dx, top + dy) for dx, dy in corners])


def draw_gap(painter: QPainter, rect: QRectF, text_colour: QColor) -> None:
    """A bead extent with no text on this side: a faint shade with a darker bar on its left."""
    shade, bar = QColor(text_colour), QColor(text_colour)
    shade.setAlpha(14)
    bar.setAlpha(40)
    painter.setBrush(shade)
    painter.drawRoundedRect(rect, 6, 6)
    painter.fillRect(QRectF(rect.left(), rect.top() + 4, 3, rect.height() - 8), bar)
