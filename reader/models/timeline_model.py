"""The timeline tree: year → month → document, in date order, with an "Undated" group last.

Nodes are small Python objects addressed by integer ids. Indexes carry the id (``internalId``),
never a pointer, so a stale QModelIndex held anywhere can only miss a dict lookup; it can never
dereference a node that Python has already freed.
"""

from __future__ import annotations

import html
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from enum import IntEnum
from typing import Any, overload

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap, QPolygonF

from reader.core.library import Entry
from reader.models.display_text import display_date, month_name, shown, undated_label
from reader.services.messages import counted

ModelIndex = QModelIndex | QPersistentModelIndex

MONTH_UNKNOWN_LABEL = "Month unknown"  # the English texts; shown through translate()
UNDATED_LABEL = "Undated"


def month_unknown_label() -> str:
    return QCoreApplication.translate("TimelineModel", "Month unknown")


class TimelineRole(IntEnum):
    DOCUMENT_ID = Qt.ItemDataRole.UserRole + 1  # str for documents, None for groups
    COUNT = Qt.ItemDataRole.UserRole + 2  # documents beneath a group; None for documents
    KIND = Qt.ItemDataRole.UserRole + 3  # "year", "month", "document" or "undated"
    DATE = Qt.ItemDataRole.UserRole + 4  # ISO date at the precision known, or None
    MARKS = Qt.ItemDataRole.UserRole + 5  # kinds of the reader's annotations on a document


def date_parts(date: str | None) -> tuple[str | None, int | None]:
    """(year, month) of an ISO date; a date without a readable year counts as undated."""
    if not date or len(date) < 4 or not date[:4].isdigit():
        return None, None
    month_text = date[5:7]
    if len(date) >= 7 and date[4] == "-" and month_text.isdigit() and 1 <= int(month_text) <= 12:
        return date[:4], int(month_text)
    return date[:4], None


def format_date(date: str | None) -> str:
    """A date as a reader says it, in the interface language: "21 July 1951", "July 1951",
    "1967" or "Undated" (a text that is no date is shown as it is)."""
    year, month = date_parts(date)
    if date is None or year is None:
        return date or undated_label()
    if month is None:
        return year
    day = date[8:10]
    if len(date) >= 10 and day.isdigit():
        return display_date(f"{year}-{month:02d}-{day}")
    return display_date(f"{year}-{month:02d}")


class _Node:
    """One row of the tree. ``key`` orders siblings; ``row`` is kept equal to the list position."""

    __slots__ = (
        "by_key",
        "children",
        "count",
        "date",
        "document",
        "key",
        "kind",
        "label",
        "lookup",
        "node_id",
        "parent",
        "pending",
        "row",
    )

    def __init__(
        self,
        node_id: int,
        kind: str,
        key: tuple[Any, ...],
        parent: _Node | None,
        label: str = "",
        date: str | None = None,
        document: Entry | None = None,
        lookup: Any = None,
    ) -> None:
        self.node_id = node_id
        self.kind = kind
        self.key = key
        self.parent = parent
        self.label = label
        self.date = date
        self.document = document
        self.lookup = lookup  # this group's key in parent.by_key
        self.children: list[_Node] = []
        self.by_key: dict[Any, _Node] = {}  # child groups by year or month, for O(1) lookup
        self.count = 0  # documents beneath a group
        self.row = 0
        # A group's documents, in order, before their nodes are made (see TimelineModel._children)
        self.pending: list[Entry] | None = None


# (lookup key in the parent, kind, sort key among siblings, label, ISO date of the group)
_GroupSpec = tuple[Any, str, tuple[Any, ...], str, str | None]


def _row_count(node: _Node) -> int:
    return len(node.pending) if node.pending is not None else len(node.children)


def _group_specs(date: str | None) -> list[_GroupSpec]:
    """The groups, from the top down, that hold a document with this date."""
    year, month = date_parts(date)
    if year is None:
        return [(UNDATED_LABEL, "undated", (1, ""), undated_label(), None)]
    year_spec: _GroupSpec = (year, "year", (0, year), year, year)
    if month is None:
        # After the months: a record known only by its year follows the dated ones of that year.
        return [year_spec, (None, "month", (1, 0), month_unknown_label(), year)]
    return [year_spec, (month, "month", (0, month), month_name(month), f"{year}-{month:02d}")]


def _document_key(document: Entry) -> tuple[Any, ...]:
    # The id breaks ties the same way Library does, so equal titles on one day keep a stable order.
    return (document.date_sort_key, document.id)


class TimelineModel(QAbstractItemModel):
    """Documents grouped by year and month for the timeline sidebar. One column.

    It holds library entries (whole documents or catalog summaries): it needs only their id,
    title and date.
    """

    def __init__(
        self, library: Iterable[Entry] | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._next_id = 0
        self._root = self._new_node("root", (), None)
        self._nodes: dict[int, _Node] = {}
        self._documents: dict[str, _Node] = {}
        self._pending: dict[str, _Node] = {}  # id of a document not yet made -> its group
        self._year_font: QFont | None = None
        self._marks: dict[str, frozenset[str]] = {}
        self._mark_icons: dict[frozenset[str], QIcon] = {}
        if library is not None:
            self._build(library)

    # ----- public API -------------------------------------------------------------------------

    def set_library(self, library: Iterable[Entry] | None) -> None:
        self.beginResetModel()
        self._build(library or [])
        self.endResetModel()

    def add_document(self, document: Entry) -> None:
        """Insert one document in date order; a document with a known id replaces the old one."""
        old = self._document_node(document.id)
        if old is not None:
            if old.key == _document_key(document):  # same date and title: same place
                self._replace_in_place(old, document)
                return
            self.remove_document(document.id)
        self._insert(document)

    def remove_document(self, document_id: str) -> None:
        """Remove a document and any group it leaves empty. Unknown ids are ignored."""
        node = self._document_node(document_id)
        if node is None:
            return
        # Remove the highest group left empty in one go, so no empty group lingers.
        top = self._removal_top(node)
        parent = top.parent
        assert parent is not None
        self.beginRemoveRows(self._index_of_node(parent), top.row, top.row)
        self._detach(top)
        self.endRemoveRows()
        self._count_changed(parent)

    def index_of_document(self, document_id: str) -> QModelIndex:
        node = self._document_node(document_id)
        return self._index_of_node(node) if node is not None else QModelIndex()

    def document_id(self, index: ModelIndex) -> str | None:
        node = self._node(index)
        return node.document.id if node is not None and node.document is not None else None

    def set_marks(self, marks: dict[str, set[str]]) -> None:
        """Which documents carry notes, highlights or bookmarks (drawn as a small mark)."""
        new = {doc_id: frozenset(kinds) for doc_id, kinds in marks.items() if kinds}
        changed = {
            doc_id
            for doc_id in new.keys() | self._marks.keys()
            if new.get(doc_id) != self._marks.get(doc_id)
        }
        self._marks = new
        for doc_id in changed:
            index = self.index_of_document(doc_id)
            if index.isValid():
                roles = [
                    Qt.ItemDataRole.DecorationRole,
                    TimelineRole.MARKS,
                    Qt.ItemDataRole.ToolTipRole,
                ]
                self._emit_data_changed(index, roles)

    def document_count(self) -> int:
        return self._root.count

    def document_ids_in_order(self) -> list[str]:
        """Ids as the timeline shows them, top to bottom."""
        return [node.document.id for node in self._walk(self._root) if node.document is not None]

    # ----- Qt model interface -----------------------------------------------------------------

    def index(
        self,
        row: int,
        column: int = 0,
        parent: ModelIndex = QModelIndex(),  # noqa: B008
    ) -> QModelIndex:
        parent_node = self._node(parent) if parent.isValid() else self._root
        if parent_node is None or column != 0 or not 0 <= row < _row_count(parent_node):
            return QModelIndex()
        return self.createIndex(row, 0, self._children(parent_node)[row].node_id)

    @overload
    def parent(self) -> QObject | None: ...
    @overload
    def parent(self, index: ModelIndex) -> QModelIndex: ...
    def parent(self, index: ModelIndex | None = None) -> QObject | QModelIndex | None:
        if index is None:  # QObject.parent(), which shares the name
            return super().parent()
        node = self._node(index)
        if node is None or node.parent is None or node.parent is self._root:
            return QModelIndex()
        return self.createIndex(node.parent.row, 0, node.parent.node_id)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._root.children)
        if parent.column() != 0:
            return 0
        node = self._node(parent)
        return _row_count(node) if node is not None else 0

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def hasChildren(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return self.rowCount(parent) > 0

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        node = self._node(index)
        if node is None:
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if node.document is not None:
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        return flags

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self._node(index)
        if node is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if node.document is not None:
                # One line (rows have one height), isolated (it may carry bidi text).
                return shown(node.document.title)
            return f"{node.label}  ({node.count})"
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(node)
        if role == Qt.ItemDataRole.FontRole:
            return self._bold_font() if node.kind == "year" else None
        if role == TimelineRole.DOCUMENT_ID:
            return node.document.id if node.document is not None else None
        if role == TimelineRole.COUNT:
            return node.count if node.document is None else None
        if role == TimelineRole.KIND:
            return node.kind
        if role == TimelineRole.DATE:
            return node.date
        if (
            role in (Qt.ItemDataRole.DecorationRole, TimelineRole.MARKS)
            and node.document is not None
        ):
            marks = self._marks.get(node.document.id, frozenset())
            if role == TimelineRole.MARKS:
                return sorted(marks)
            return self._mark_icon(marks) if marks else None
        return None

    def _mark_icon(self, marks: frozenset[str]) -> QIcon:
        """A red ribbon for a bookmark, a blue dot for notes or highlights, side by side."""
        icon = self._mark_icons.get(marks)
        if icon is None:
            icon = self._mark_icons[marks] = _draw_mark_icon(
                "bookmark" in marks, bool(marks - {"bookmark"})
            )
        return icon

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        names.update({int(role): QByteArray(role.name.lower().encode()) for role in TimelineRole})
        return names

    # ----- building ---------------------------------------------------------------------------

    def _build(self, documents: Iterable[Entry]) -> None:
        """Build the tree without signals, group by group. A group's documents get their nodes
        only when a view first looks inside it (see _children): a library of 100,000 records
        starts with a few hundred nodes, not 100,000."""
        self._next_id = 0
        self._root = self._new_node("root", (), None)
        self._nodes = {}
        self._documents = {}
        self._pending = {}
        latest: dict[str, Entry] = {}
        for document in documents:
            latest.pop(document.id, None)  # a later copy wins, as in Library
            latest[document.id] = document
        by_group: dict[tuple[str | None, int | None], list[Entry]] = {}
        parts_of: dict[str | None, tuple[str | None, int | None]] = {}  # many share a date
        for document in latest.values():
            parts = parts_of.get(document.date)
            if parts is None:
                parts = parts_of[document.date] = date_parts(document.date)
            by_group.setdefault(parts, []).append(document)
        for members in by_group.values():
            group = self._group_for(members[0].date)
            group.pending = sorted(members, key=_document_key)
            self._pending.update(dict.fromkeys([member.id for member in members], group))
            ancestor: _Node | None = group
            while ancestor is not None:
                ancestor.count += len(members)
                ancestor = ancestor.parent
        self._sort_children(self._root)

    def _group_for(self, date: str | None) -> _Node:
        """The lowest group a document of this date goes in, made where missing (for _build)."""
        holder = self._root
        for lookup, kind, key, label, group_date in _group_specs(date):
            group = holder.by_key.get(lookup)
            if group is None:
                group = self._new_node(kind, key, holder, label, group_date, lookup=lookup)
                self._nodes[group.node_id] = group
                holder.children.append(group)
                holder.by_key[lookup] = group
            holder = group
        return holder

    def _children(self, node: _Node) -> list[_Node]:
        """``node.children``, making the nodes of a group's documents on first use."""
        if node.pending is not None:
            pending, node.pending = node.pending, None
            for document in pending:
                leaf = self._new_node(
                    "document", _document_key(document), node, date=document.date,
                    document=document,
                )  # fmt: skip
                leaf.row = len(node.children)
                node.children.append(leaf)
                self._nodes[leaf.node_id] = leaf
                self._documents[document.id] = leaf
                del self._pending[document.id]
        return node.children

    def _document_node(self, document_id: str) -> _Node | None:
        group = self._pending.get(document_id)
        if group is not None:
            self._children(group)
        return self._documents.get(document_id)

    def _sort_children(self, node: _Node) -> None:
        # Input usually arrives in date order, so these sorts are close to linear.
        node.children.sort(key=lambda child: child.key)
        for row, child in enumerate(node.children):
            child.row = row
            if child.document is None:
                self._sort_children(child)

    def _insert(self, document: Entry) -> None:
        parent, top = self._new_branch(document)
        # The new branch (document, plus any new month and year) goes in with one insert.
        row = bisect_right(self._children(parent), top.key, key=lambda child: child.key)
        self.beginInsertRows(self._index_of_node(parent), row, row)
        self._attach(parent, top, row)
        self.endInsertRows()
        self._count_changed(parent)

    def _new_branch(self, document: Entry) -> tuple[_Node, _Node]:
        """Nodes for ``document`` and any group it needs, not yet attached.

        Returns the existing node to attach under and the top of the new branch.
        """
        parent = self._root
        specs = _group_specs(document.date)
        while specs and (existing := parent.by_key.get(specs[0][0])) is not None:
            parent, specs = existing, specs[1:]
        top: _Node | None = None
        holder = parent
        for lookup, kind, key, label, date in specs:
            group = self._new_node(kind, key, holder, label, date, lookup=lookup)
            if top is None:
                top = group
            else:
                holder.children.append(group)
                holder.by_key[lookup] = group
            holder = group
        leaf = self._new_node(
            "document", _document_key(document), holder, date=document.date, document=document
        )
        if top is None:
            return parent, leaf
        holder.children.append(leaf)
        return parent, top

    def _new_node(
        self, kind: str, key: tuple[Any, ...], parent: _Node | None, *args: Any, **kwargs: Any
    ) -> _Node:
        self._next_id += 1
        return _Node(self._next_id, kind, key, parent, *args, **kwargs)

    def _attach(self, parent: _Node, top: _Node, row: int) -> None:
        """Put a new branch (one document under a chain of new groups) at ``row`` of ``parent``."""
        parent.children.insert(row, top)
        for later in range(row, len(parent.children)):
            parent.children[later].row = later
        if top.document is None:
            parent.by_key[top.lookup] = top
        for node in self._walk(top, include_self=True):
            self._nodes[node.node_id] = node
            if node.document is not None:
                self._documents[node.document.id] = node
            else:
                node.count = 1  # a new branch holds exactly one document
        ancestor: _Node | None = parent
        while ancestor is not None:
            ancestor.count += 1
            ancestor = ancestor.parent

    def _removal_top(self, node: _Node) -> _Node:
        """The highest ancestor of a document node that holds nothing else (or the node itself)."""
        top = node
        while top.parent is not self._root and top.parent is not None and top.parent.count == 1:
            top = top.parent
        return top

    def _detach(self, top: _Node) -> None:
        """Take ``top`` and its subtree out of the tree and forget them."""
        parent = top.parent
        assert parent is not None
        del parent.children[top.row]
        for later in range(top.row, len(parent.children)):
            parent.children[later].row = later
        if top.document is None:
            del parent.by_key[top.lookup]
        removed = 0
        for node in self._walk(top, include_self=True):
            del self._nodes[node.node_id]
            if node.document is not None:
                del self._documents[node.document.id]
                removed += 1
        ancestor: _Node | None = parent
        while ancestor is not None:
            ancestor.count -= removed
            ancestor = ancestor.parent

    def _replace_in_place(self, node: _Node, document: Entry) -> None:
        node.document = document
        index = self._index_of_node(node)
        self._emit_data_changed(index, [])

    def _count_changed(self, group: _Node) -> None:
        """Tell views the counts (shown in the labels) of ``group`` and its ancestors changed."""
        roles = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, TimelineRole.COUNT]
        node: _Node | None = group
        while node is not None and node is not self._root:
            self._emit_data_changed(self._index_of_node(node), roles)
            node = node.parent

    def _emit_data_changed(self, index: QModelIndex, roles: Sequence[int]) -> None:
        self.dataChanged.emit(index, index, [int(role) for role in roles])

    # ----- helpers ----------------------------------------------------------------------------

    def _node(self, index: ModelIndex) -> _Node | None:
        if not index.isValid() or index.model() is not self:
            return None
        return self._nodes.get(index.internalId())

    def _index_of_node(self, node: _Node) -> QModelIndex:
        if node is self._root:
            return QModelIndex()
        return self.createIndex(node.row, 0, node.node_id)

    def _walk(self, node: _Node, include_self: bool = False) -> Iterator[_Node]:
        """Depth-first, in display order."""
        if include_self:
            yield node
        stack = list(reversed(self._children(node)))
        while stack:
            each = stack.pop()
            yield each
            stack.extend(reversed(self._children(each)))

    def _tooltip(self, node: _Node) -> str:
        text = self._plain_tooltip(node)
        marks = self._marks.get(node.document.id) if node.document is not None else None
        if marks:
            names = {
                "bookmark": self.tr("bookmarked"),
                "note": self.tr("notes"),
                "highlight": self.tr("highlights"),
            }
            text += "<br><i>" + ", ".join(names[m] for m in sorted(marks) if m in names) + "</i>"
        return text

    def _plain_tooltip(self, node: _Node) -> str:
        # Tooltips render rich text whenever Qt guesses markup, so escape and commit to HTML:
        # a title such as "<img src=...>" must show literally and never load anything.
        if node.document is not None:
            title = html.escape(" ".join(node.document.title.split()))
            return f"<b>{title}</b><br>{html.escape(format_date(node.document.date))}"
        return html.escape(f"{node.label}: {counted.documents(node.count)}")

    def _bold_font(self) -> QFont:
        # Made on first use: a QFont needs the QGuiApplication, which may not exist at __init__.
        if self._year_font is None:
            self._year_font = QFont()
            self._year_font.setBold(True)
        return self._year_font


def _draw_mark_icon(bookmark: bool, notes: bool) -> QIcon:
    size = 16
    pixmap = QPixmap(size * 2, size * 2)  # drawn at twice the size for high-DPI screens
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    if bookmark:
        painter.setBrush(QColor(205, 70, 70))
        painter.drawPolygon(
            QPolygonF(
                [QPointF(4, 4), QPointF(14, 4), QPointF(14, 26), QPointF(9, 20), QPointF(4, 26)]
            )
        )
    if notes:
        painter.setBrush(QColor(70, 130, 210))
        painter.drawEllipse(QPointF(23, 16), 6, 6)
    painter.end()
    pixmap.setDevicePixelRatio(2)
    return QIcon(pixmap)
