"""How the notes list draws an entry: two lines, the summary, then a quiet "Title · ¶ N · tags"."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reader.models.notes_model import SEPARATOR, NotesRole, summary_parts

ModelIndex = QModelIndex | QPersistentModelIndex

QUOTE_SHARE = 0.5  # of the first line, kept for the quote when a note follows it


class NotesDelegate(QStyledItemDelegate):
    """Two lines a row: the summary, then a quiet "Title · ¶ N · tags". Every row has the same
    height, so the view can lay out 10,000 rows without asking each for its size."""

    PADDING = 6
    ICON = 16
    GAP = 8

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        main, quiet = QFontMetrics(option.font), QFontMetrics(quiet_font(option.font))
        return QSize(200, 2 * self.PADDING + main.height() + 2 + quiet.height())

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        opt.icon = QIcon()  # the background only: icon and text are drawn below
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget)
        painter.save()
        try:
            self._paint_content(painter, option, index)
        finally:
            painter.restore()

    def _paint_content(
        self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex
    ) -> None:
        rect = option.rect.adjusted(self.PADDING, self.PADDING, -self.PADDING, -self.PADDING)
        main = QFontMetrics(option.font)
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        if icon is not None:
            top = rect.top() + (main.height() - self.ICON) // 2
            icon.paint(painter, QRect(rect.left(), top, self.ICON, self.ICON))
        left = rect.left() + self.ICON + self.GAP
        width = max(0, rect.right() - left)
        strong, muted = _text_colours(option, placed=bool(index.data(NotesRole.PLACED)))
        painter.setFont(option.font)
        painter.setPen(strong)
        first = QRect(left, rect.top(), width, main.height())
        self._paint_summary(painter, main, index, first)
        self._paint_quiet_line(painter, option, index, first, muted)

    def _paint_summary(
        self, painter: QPainter, metrics: QFontMetrics, index: ModelIndex, line: QRect
    ) -> None:
        """Quote and note on one line. A long quote gives up room so the note, the reader's own
        words, still shows: the quote keeps at least :data:`QUOTE_SHARE` of the line."""
        annotation = index.data(NotesRole.ANNOTATION)
        head, note = summary_parts(annotation, index.data(NotesRole.DOCUMENT_TITLE))
        width = line.width()
        tail = SEPARATOR + note if note else ""
        head_width = metrics.horizontalAdvance(head)
        tail_width = metrics.horizontalAdvance(tail)
        if not tail or head_width + tail_width <= width:
            text = metrics.elidedText(head + tail, Qt.TextElideMode.ElideRight, width)
            painter.drawText(line, _LEFT, text)
            return
        head_room = min(head_width, max(round(width * QUOTE_SHARE), width - tail_width))
        head_text = metrics.elidedText(head, Qt.TextElideMode.ElideRight, head_room)
        painter.drawText(line.adjusted(0, 0, head_room - width, 0), _LEFT, head_text)
        used = metrics.horizontalAdvance(head_text)
        rest = line.adjusted(used, 0, 0, 0)
        painter.drawText(
            rest, _LEFT, metrics.elidedText(tail, Qt.TextElideMode.ElideRight, rest.width())
        )

    def _paint_quiet_line(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: ModelIndex,
        first: QRect,
        colour: QColor,
    ) -> None:
        font = quiet_font(option.font)
        metrics = QFontMetrics(font)
        line = QRect(first.left(), first.bottom() + 3, first.width(), metrics.height())
        detail = index.data(NotesRole.DETAIL) or ""
        painter.setFont(font)
        painter.setPen(colour)
        elided = metrics.elidedText(detail, Qt.TextElideMode.ElideRight, line.width())
        painter.drawText(line, _LEFT, elided)


_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def quiet_font(font: QFont) -> QFont:
    quiet = QFont(font)
    if font.pointSizeF() > 0:
        quiet.setPointSizeF(font.pointSizeF() * 0.88)
    else:
        quiet.setPixelSize(max(8, round(font.pixelSize() * 0.88)))
    return quiet


def _text_colours(option: QStyleOptionViewItem, placed: bool) -> tuple[QColor, QColor]:
    """(main, quiet) text colours. Quiet is the text colour faded toward the background; an
    unplaced entry is quiet on both lines."""
    selected = bool(option.state & QStyle.StateFlag.State_Selected)
    palette = option.palette
    text = palette.color(
        QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
    )
    base = palette.color(QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base)
    quiet = _blend(text, base, 0.62 if selected else 0.58)
    return (text if placed else quiet), quiet


def _blend(front: QColor, back: QColor, amount: float) -> QColor:
    """``amount`` of ``front`` over ``back``."""
    return QColor(
        round(front.red() * amount + back.red() * (1 - amount)),
        round(front.green() * amount + back.green() * (1 - amount)),
        round(front.blue() * amount + back.blue() * (1 - amount)),
    )


# ---------------------------------------------------------------------------------------------
# The panel


