"""The notes list: one row per highlight, note or bookmark, in the order the caller gives.

The model holds a plain Python list and computes every role on demand, so a reset with 10,000
annotations costs only the list copy: the view (uniform item sizes) asks for data only for the
rows it paints. The id → row index is built lazily, on the first ``row_of`` after a change.
"""

from __future__ import annotations

import html
from bisect import bisect_left
from collections.abc import Iterable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    Qt,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from reader.core.annotations import Annotation
from reader.models.display_text import one_line, shown

ModelIndex = QModelIndex | QPersistentModelIndex

# Mid-tone shades of the highlight palette, readable as small swatches on light and dark bases.
# (The reading panes pick their own lighter/darker shades for highlighted text.)
SWATCH_COLOURS: dict[str, str] = {
    "yellow": "#e8b923",
    "green": "#4caf50",
    "blue": "#3d8fd9",
    "pink": "#e0609a",
    "purple": "#9468d0",
}
BOOKMARK_COLOUR = "#d9534f"  # a bookmark without a colour: the red of a ribbon marker
UNPLACED_COLOUR = "#9e9e9e"  # an annotation that no longer matches its text
ICON_SIZE = 16
QUOTE_CHARS = 70  # how much of a quote the one-line summary keeps
NOTE_CHARS = 70
TOOLTIP_NOTE_CHARS = 1200  # a tooltip is not a reader: very long notes are cut
UNPLACED_LABEL = "Unplaced"  # the English text; shown through translate()


class NotesRole(IntEnum):
    ANNOTATION = Qt.ItemDataRole.UserRole + 1  # the Annotation itself
    DOCUMENT_ID = Qt.ItemDataRole.UserRole + 2
    DOCUMENT_TITLE = Qt.ItemDataRole.UserRole + 3  # the title, or the id when unknown
    PARAGRAPH = Qt.ItemDataRole.UserRole + 4  # 1-based paragraph number, or None
    KIND = Qt.ItemDataRole.UserRole + 5  # "highlight", "note" or "bookmark"
    COLOUR = Qt.ItemDataRole.UserRole + 6  # a COLOURS name, or None
    PLACED = Qt.ItemDataRole.UserRole + 7  # False when the quote was not found again
    DETAIL = Qt.ItemDataRole.UserRole + 8  # the quiet second line: "Title · ¶ 4 · tags"


def shorten(text: str, limit: int) -> str:
    return shown(text, limit)


def summary(annotation: Annotation, title: str) -> str:
    """The one-line label: "“quote…” — note…", or "Bookmark: <title>" for a whole document."""
    head, note = summary_parts(annotation, title)
    return f"{head}{SEPARATOR}{note}" if note else head


SEPARATOR = " — "


def summary_parts(annotation: Annotation, title: str) -> tuple[str, str]:
    """(quote in quotation marks or "Bookmark: <title>", the note shortened; "" if none)."""
    if annotation.is_document_bookmark:
        head = QCoreApplication.translate("NotesModel", "Bookmark: %1").replace("%1", shown(title))
    else:
        head = f"“{shorten(annotation.quote, QUOTE_CHARS)}”"
    return head, shorten(annotation.note, NOTE_CHARS)


def detail(annotation: Annotation, title: str) -> str:
    """The quiet second line: where it is and how it is tagged."""
    parts = [shown(title)]
    if not annotation.placed:
        parts.insert(
            0, QCoreApplication.translate("NotesModel", "Unplaced")
        )  # its paragraph number would point at the wrong place
    elif annotation.paragraph is not None:
        parts.append(f"¶ {annotation.paragraph + 1}")
    if annotation.tags:
        parts.append(", ".join(annotation.tags))
    return " · ".join(parts)


def tooltip(annotation: Annotation, title: str) -> str:
    """Full quote, note, tags and title as HTML. Everything user-made is escaped: a quote such
    as ``<img src=http://…>`` must show literally and never load anything."""
    where = html.escape(detail(annotation, title))
    lines = [f"<b>{html.escape(one_line(title))}</b>", f"<small>{where}</small>"]
    if annotation.quote:
        lines.append(f"“{_html_text(annotation.quote)}”")
    if annotation.note:
        lines.append(f"<i>{_html_text(annotation.note[:TOOLTIP_NOTE_CHARS])}</i>")
    if annotation.tags:
        tags = html.escape(", ".join(annotation.tags))
        lines.append(QCoreApplication.translate("NotesModel", "Tags: %1").replace("%1", tags))
    return "<qt>" + "<br>".join(lines) + "</qt>"


def _html_text(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def annotation_icon(kind: str, colour: str | None, placed: bool = True) -> QIcon:
    """A small swatch drawn with QPainter (no image files): a dot for a highlight, a dot with
    two lines for a note, a ribbon for a bookmark; grey when unplaced."""
    fill = QColor(_swatch_colour(kind, colour, placed))
    ratio = 2.0  # drawn at twice the size, so it stays sharp on high-density screens
    pixmap = QPixmap(int(ICON_SIZE * ratio), int(ICON_SIZE * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if kind == "bookmark":
        _draw_ribbon(painter, fill)
    else:
        _draw_dot(painter, fill, with_note=kind == "note")
    painter.end()
    return QIcon(pixmap)


def _swatch_colour(kind: str, colour: str | None, placed: bool) -> str:
    if not placed:
        return UNPLACED_COLOUR
    if colour in SWATCH_COLOURS:
        return SWATCH_COLOURS[colour]
    return BOOKMARK_COLOUR if kind == "bookmark" else SWATCH_COLOURS["yellow"]


def _draw_dot(painter: QPainter, fill: QColor, with_note: bool) -> None:
    painter.setPen(QPen(fill.darker(130), 1.0))
    painter.setBrush(fill)
    painter.drawEllipse(QRectF(2.5, 2.5, 11, 11))
    if with_note:
        # Two "lines of writing" across the dot mark it as carrying a note.
        pen = QPen(QColor(255, 255, 255, 235), 1.4)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawLine(QPointF(5.5, 6.8), QPointF(10.5, 6.8))
        painter.drawLine(QPointF(5.5, 9.4), QPointF(9.0, 9.4))


def _draw_ribbon(painter: QPainter, fill: QColor) -> None:
    path = QPainterPath()
    path.moveTo(4, 1.5)
    path.lineTo(12, 1.5)
    path.lineTo(12, 14.5)
    path.lineTo(8, 11)
    path.lineTo(4, 14.5)
    path.closeSubpath()
    painter.setPen(QPen(fill.darker(130), 1.0))
    painter.setBrush(fill)
    painter.drawPath(path)


def listing_order(annotation: Annotation) -> tuple[str, int, int, int, str, str]:
    """The notes list's order, the store's ``ORDER BY document_id, bead, paragraph, offset,
    created, id`` (a document bookmark, with no place, first)."""
    position = annotation.position
    return (
        annotation.document_id,
        -1 if annotation.bead is None else annotation.bead,
        -1 if position is None else position.paragraph,
        -1 if position is None else position.start,
        annotation.created,
        annotation.id,
    )


class NotesModel(QAbstractListModel):
    """Annotations as a flat list for the notes panel. One column."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Annotation] = []
        self._row_by_id: dict[str, int] | None = None  # built on demand; None when stale
        self._titles: dict[str, str] = {}
        self._icons: dict[tuple[str, str | None, bool], QIcon] = {}

    # ----- public API -------------------------------------------------------------------------

    def set_annotations(self, annotations: Iterable[Annotation]) -> None:
        self.beginResetModel()
        self._rows = list(annotations)
        self._row_by_id = None
        self.endResetModel()

    def annotations(self) -> list[Annotation]:
        return list(self._rows)

    def annotation(self, row: int) -> Annotation:
        return self._rows[row]

    def row_of(self, annotation_id: str) -> int:
        """The row of ``annotation_id``, or -1 when it is not listed."""
        if self._row_by_id is None:
            self._row_by_id = {a.id: row for row, a in enumerate(self._rows)}
        return self._row_by_id.get(annotation_id, -1)

    def index_of(self, annotation_id: str) -> QModelIndex:
        row = self.row_of(annotation_id)
        return self.index(row, 0) if row >= 0 else QModelIndex()

    def update_annotation(self, annotation: Annotation) -> bool:
        """Replace the row with the same id; False (and nothing changes) when it is not listed."""
        row = self.row_of(annotation.id)
        if row < 0:
            return False
        self._rows[row] = annotation
        index = self.index(row, 0)
        self.dataChanged.emit(index, index, [])
        return True

    def put_annotation(self, annotation: Annotation) -> None:
        """Update the row with the same id, or insert the annotation where the store's order
        (document, pair, paragraph, offset) puts it: one change, no reset of the list."""
        if self.update_annotation(annotation):
            return
        row = bisect_left([listing_order(a) for a in self._rows], listing_order(annotation))
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, annotation)
        self._row_by_id = None
        self.endInsertRows()

    def remove_annotation(self, annotation_id: str) -> bool:
        row = self.row_of(annotation_id)
        if row < 0:
            return False
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self._row_by_id = None
        self.endRemoveRows()
        return True

    def set_document_titles(self, titles: dict[str, str]) -> None:
        self._titles = dict(titles)
        if self._rows:
            roles = [
                Qt.ItemDataRole.DisplayRole,
                Qt.ItemDataRole.ToolTipRole,
                NotesRole.DOCUMENT_TITLE,
                NotesRole.DETAIL,
            ]
            last = self.index(len(self._rows) - 1, 0)
            self.dataChanged.emit(self.index(0, 0), last, [int(role) for role in roles])

    def document_title(self, document_id: str) -> str:
        return self._titles.get(document_id) or document_id

    # ----- Qt model interface -----------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not self._valid(index):
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        annotation = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return summary(annotation, self.document_title(annotation.document_id))
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icon(annotation)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(annotation, self.document_title(annotation.document_id))
        if role == NotesRole.DETAIL:
            return detail(annotation, self.document_title(annotation.document_id))
        return self._custom_data(annotation, role)

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        names.update({int(role): QByteArray(role.name.lower().encode()) for role in NotesRole})
        return names

    # ----- helpers ----------------------------------------------------------------------------

    def _valid(self, index: ModelIndex) -> bool:
        return (
            index.isValid()
            and index.model() is self
            and index.column() == 0
            and 0 <= index.row() < len(self._rows)
        )

    def _custom_data(self, annotation: Annotation, role: int) -> Any:
        if role == NotesRole.ANNOTATION:
            return annotation
        if role == NotesRole.DOCUMENT_ID:
            return annotation.document_id
        if role == NotesRole.DOCUMENT_TITLE:
            return self.document_title(annotation.document_id)
        if role == NotesRole.PARAGRAPH:
            paragraph = annotation.paragraph
            return paragraph + 1 if paragraph is not None else None
        if role == NotesRole.KIND:
            return annotation.kind
        if role == NotesRole.COLOUR:
            return annotation.colour
        if role == NotesRole.PLACED:
            return annotation.placed
        return None

    def _icon(self, annotation: Annotation) -> QIcon:
        # Made on first use and kept: a QPixmap needs the QGuiApplication, and there are only
        # a few dozen (kind, colour, placed) combinations.
        key = (annotation.kind, annotation.colour, annotation.placed)
        icon = self._icons.get(key)
        if icon is None:
            icon = self._icons[key] = annotation_icon(*key)
        return icon
