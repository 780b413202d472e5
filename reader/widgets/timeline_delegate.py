"""How a timeline row is painted: a document's title elided in the middle, its day at the right.

Archive titles of one month often start alike ("Memorandum of Conversation between…", "Cable
No. …, Filippov [Stalin] to…") and differ at the end: keeping both ends, and the day apart in a
quieter colour, tells the rows apart. The full title and date stay in the tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reader.models.timeline_model import TimelineRole

ModelIndex = QModelIndex | QPersistentModelIndex
DAY_GAP = 8  # px between the title and its day


def day_of(date: object) -> str:
    """The day of an ISO date known to the day ("1951-07-21" -> "21"), else ""."""
    if isinstance(date, str) and len(date) >= 10 and date[8:10].isdigit():
        return str(int(date[8:10]))
    return ""


def fitted_title(title: str, day: str, metrics: QFontMetrics, width: int) -> str:
    """The title as it fits beside its day in ``width`` pixels: both of its ends kept."""
    room = width - (metrics.horizontalAdvance(day) + DAY_GAP if day else 0)
    fitted = metrics.elidedText(title, Qt.TextElideMode.ElideMiddle, max(room, 0))
    if fitted == title or "…" not in fitted:
        return fitted
    # No stray punctuation against the ellipsis: "Cable No. 42…Mao Zedong", not "42…. Mao".
    head, _, tail = fitted.rpartition("…")
    return head.rstrip(_AGAINST_ELLIPSIS) + "…" + tail.lstrip(_AGAINST_ELLIPSIS)


_AGAINST_ELLIPSIS = " ,.;:-–—"


class TimelineDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        if index.data(TimelineRole.KIND) != "document":
            super().paint(painter, option, index)
            return
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        title, day = item.text, day_of(index.data(TimelineRole.DATE))
        item.text = ""  # the style draws the row (background, selection, focus, mark) bare
        widget = item.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
        area = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, item, widget)
        area = area.adjusted(2, 0, -2, 0)
        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setFont(item.font)
        painter.setPen(item.palette.color(role))
        metrics = QFontMetrics(item.font)
        align = Qt.AlignmentFlag.AlignVCenter
        painter.drawText(
            area,
            align | Qt.AlignmentFlag.AlignLeft,
            fitted_title(title, day, metrics, area.width()),
        )
        if day:
            muted = item.palette.color(QPalette.ColorRole.PlaceholderText)
            painter.setPen(item.palette.color(role) if selected else muted)
            painter.drawText(area, align | Qt.AlignmentFlag.AlignRight, day)
        painter.restore()
