"""Search results as a two-level tree: documents (title, date, hit count) → hits (snippets).

A document with more hits than the search returned ends its hits with a "… N more hits" row
(kind "more"). :meth:`SearchResultsModel.add_hits` puts the rest in place: rows are inserted
where they belong and the "more" row removed, with no reset, so the view keeps its state.

Nodes are small Python objects addressed by integer ids, as in the timeline model. Ids keep
counting up across resets, so a stale QModelIndex from an earlier search misses the lookup
instead of landing on whatever now sits at its row.

Snippets are plain text from the documents. The model hands them out as plain strings with
``(start, end)`` spans; it never turns them into markup (see ``SearchResultDelegate``).
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Sequence
from enum import IntEnum
from typing import Any, overload

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QByteArray,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from reader.core.search_index import DocumentHits, Hit
from reader.models.display_text import display_date, one_line, paragraph_place, shown
from reader.services.messages import counted

ModelIndex = QModelIndex | QPersistentModelIndex

FIELD_LABELS = {
    "title": QT_TRANSLATE_NOOP("SearchResultsModel", "Title"),
    "summary": QT_TRANSLATE_NOOP("SearchResultsModel", "Summary"),
    "citation": QT_TRANSLATE_NOOP("SearchResultsModel", "Citation"),
    "people": QT_TRANSLATE_NOOP("SearchResultsModel", "People"),
    "places": QT_TRANSLATE_NOOP("SearchResultsModel", "Places"),
    "subjects": QT_TRANSLATE_NOOP("SearchResultsModel", "Subjects"),
    "note": QT_TRANSLATE_NOOP("SearchResultsModel", "Note"),
}


class SearchRole(IntEnum):
    DOCUMENT_ID = Qt.ItemDataRole.UserRole + 1  # str, on both kinds of row
    HIT = Qt.ItemDataRole.UserRole + 2  # the core Hit; None for a document row
    SPANS = Qt.ItemDataRole.UserRole + 3  # ((start, end), ...) in the DisplayRole text of a hit
    KIND = Qt.ItemDataRole.UserRole + 4  # "document", "hit" or "more" (hits not fetched yet)
    SIDE = Qt.ItemDataRole.UserRole + 5  # "transcript" / "translation" for text hits, else None
    PARAGRAPH = Qt.ItemDataRole.UserRole + 6  # paragraph index (0-based) for text hits, else None
    LOCATION = Qt.ItemDataRole.UserRole + 7  # short label of where a hit is: "RU ¶ 4", "Title"
    HIT_COUNT = Qt.ItemDataRole.UserRole + 8  # document: all its hits; "more" row: those not shown
    DOCUMENT = Qt.ItemDataRole.UserRole + 9  # the core DocumentHits, on both kinds of row


def hit_location(hit: Hit) -> str:
    """Where a hit sits, in a few characters: "RU ¶ 4" for text, else the field ("Summary")."""
    if hit.kind == "text":
        return paragraph_place(hit.language, hit.paragraph)
    label = FIELD_LABELS.get(hit.kind)
    if label is None:
        return hit.kind.capitalize()
    return QCoreApplication.translate("SearchResultsModel", str(label))


def more_hits_label(count: int) -> str:
    """ "… 5 more hits": the row that fetches the hits a search left out."""
    return counted.more_hits(count)


class _Node:
    __slots__ = ("children", "document", "hit", "more", "node_id", "parent", "row")

    def __init__(
        self,
        node_id: int,
        row: int,
        document: DocumentHits,
        hit: Hit | None = None,
        parent: _Node | None = None,
        more: bool = False,
    ) -> None:
        self.node_id = node_id
        self.row = row
        self.document = document
        self.hit = hit
        self.more = more  # the "… N more hits" row under a document's shown hits
        self.parent = parent  # None for a document row (its parent is the invisible root)
        self.children: list[_Node] = []

    @property
    def kind(self) -> str:
        if self.more:
            return "more"
        return "document" if self.hit is None else "hit"


class SearchResultsModel(QAbstractItemModel):
    """Documents at the top level, each with its shown hits as children, then a "more" row if
    the search left hits out. A new search resets it; :meth:`add_hits` inserts rows."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._documents: list[_Node] = []
        self._nodes: dict[int, _Node] = {}
        self._next_id = 0

    # ----- public API -----------------------------------------------------------------------

    def set_results(self, results: Sequence[DocumentHits]) -> None:
        """Show ``results`` (in the order given), replacing whatever was shown."""
        self.beginResetModel()
        self._documents = []
        self._nodes = {}
        for row, document in enumerate(results):
            node = self._new_node(row, document)
            self._documents.append(node)
            for hit_row, hit in enumerate(document.hits):
                node.children.append(self._new_node(hit_row, document, hit, node))
            if document.total_hits > len(document.hits):
                node.children.append(self._new_node(len(document.hits), document, None, node, True))
        self.endResetModel()

    def add_hits(self, document_id: str, hits: Sequence[Hit]) -> QModelIndex:
        """Put every hit of a document (``hits``, in display order) in place of its "more" row.

        Hits not shown yet are inserted where they fall among the shown ones; the "more" row
        goes, and the document's count becomes what is now listed. Returns the first inserted
        row (invalid if none was new).
        """
        node = self._document_node(document_id)
        if node is None:
            return QModelIndex()
        parent = self.createIndex(node.row, 0, node.node_id)
        shown = [child.hit for child in node.children if child.hit is not None]
        merged = _merged(shown, hits)
        document = dataclasses.replace(node.document, hits=tuple(merged), total_hits=len(merged))
        first_new: _Node | None = None
        position = 0
        for hit in merged:  # shown hits are a subsequence of merged: insert the runs between
            child = node.children[position] if position < len(node.children) else None
            if child is not None and child.hit is not None and child.hit == hit:
                position += 1
                continue
            self.beginInsertRows(parent, position, position)
            new = self._new_node(position, document, hit, node)
            node.children.insert(position, new)
            _renumber(node.children)
            self.endInsertRows()
            first_new = first_new or new
            position += 1
        for row, child in reversed(list(enumerate(node.children))):
            if child.more:
                self.beginRemoveRows(parent, row, row)
                del node.children[row]
                del self._nodes[child.node_id]
                _renumber(node.children)
                self.endRemoveRows()
        node.document = document
        for child in node.children:
            child.document = document
        self.dataChanged.emit(parent, parent)
        if node.children:
            last = len(node.children) - 1
            self.dataChanged.emit(self.index(0, 0, parent), self.index(last, 0, parent))
        if first_new is None:
            return QModelIndex()
        return self.createIndex(first_new.row, 0, first_new.node_id)

    def has_more(self, document_id: str) -> bool:
        """Whether the document still lists a "more" row."""
        node = self._document_node(document_id)
        return node is not None and any(child.more for child in node.children)

    def clear(self) -> None:
        self.set_results([])

    def results(self) -> list[DocumentHits]:
        return [node.document for node in self._documents]

    def document_count(self) -> int:
        return len(self._documents)

    def hit_total(self) -> int:
        """Every hit of every shown document, shown as a child or not."""
        return sum(node.document.total_hits for node in self._documents)

    def index_of_document(self, document_id: str) -> QModelIndex:
        node = self._document_node(document_id)
        return self.createIndex(node.row, 0, node.node_id) if node is not None else QModelIndex()

    # ----- QAbstractItemModel ---------------------------------------------------------------

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        siblings = self._children_of(parent)
        if column != 0 or siblings is None or not 0 <= row < len(siblings):
            return QModelIndex()
        return self.createIndex(row, 0, siblings[row].node_id)

    @overload
    def parent(self) -> QObject | None: ...
    @overload
    def parent(self, index: ModelIndex) -> QModelIndex: ...
    def parent(self, index: ModelIndex | None = None) -> QObject | QModelIndex | None:
        if index is None:  # QObject.parent(), which shares the name
            return super().parent()
        node = self._node(index)
        if node is None or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.parent.row, 0, node.parent.node_id)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        siblings = self._children_of(parent)
        return len(siblings) if siblings is not None else 0

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def hasChildren(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return self.rowCount(parent) > 0

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        node = self._node(index)
        if node is None:
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if node.parent is not None:
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        return flags

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self._node(index)
        if node is None:
            return None
        if role == SearchRole.DOCUMENT:
            return node.document
        if node.more:
            return _more_data(node.document, role)
        if node.hit is None:
            return self._document_data(node.document, role)
        return self._hit_data(node.document, node.hit, role)

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        names.update({int(role): QByteArray(role.name.lower().encode()) for role in SearchRole})
        return names

    # ----- data per kind of row -------------------------------------------------------------

    def _document_data(self, document: DocumentHits, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return document_label(document)
        if role == Qt.ItemDataRole.ToolTipRole:
            # Tooltips render rich text when Qt guesses markup: escape, then commit to HTML.
            title = html.escape(one_line(document.title) or document.document_id)
            return f"<b>{title}</b><br>{html.escape(display_date(document.date))}"
        if role == SearchRole.DOCUMENT_ID:
            return document.document_id
        if role == SearchRole.KIND:
            return "document"
        if role == SearchRole.SPANS:
            return ()
        if role == SearchRole.HIT_COUNT:
            return document.total_hits
        return None

    def _hit_data(self, document: DocumentHits, hit: Hit, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.snippet
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"<b>{html.escape(hit_location(hit))}</b><br>{html.escape(hit.snippet)}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{hit_location(hit)}: {hit.snippet}"
        if role == SearchRole.LOCATION:
            return hit_location(hit)
        return _hit_value(document, hit, role)

    # ----- helpers --------------------------------------------------------------------------

    def _new_node(
        self,
        row: int,
        document: DocumentHits,
        hit: Hit | None = None,
        parent: _Node | None = None,
        more: bool = False,
    ) -> _Node:
        self._next_id += 1
        node = _Node(self._next_id, row, document, hit, parent, more)
        self._nodes[node.node_id] = node
        return node

    def _document_node(self, document_id: str) -> _Node | None:
        for node in self._documents:
            if node.document.document_id == document_id:
                return node
        return None

    def _node(self, index: ModelIndex) -> _Node | None:
        if not index.isValid() or index.model() is not self:
            return None
        return self._nodes.get(index.internalId())

    def _children_of(self, parent: ModelIndex) -> list[_Node] | None:
        """The rows under ``parent``: documents under the root, hits under a document."""
        if not parent.isValid():
            return self._documents
        if parent.column() != 0:
            return None
        node = self._node(parent)
        return node.children if node is not None else None


def document_label(document: DocumentHits) -> str:
    """ "Title — 21 July 1951 (3)": title on one line, the date as a reader says it, all hits."""
    title = shown(document.title or document.document_id)
    return f"{title} — {display_date(document.date)} ({document.total_hits})"


def _hit_value(document: DocumentHits, hit: Hit, role: int) -> Any:
    """The plain custom roles of a hit row (None for any other role)."""
    if role == SearchRole.DOCUMENT_ID:
        return document.document_id
    if role == SearchRole.HIT:
        return hit
    if role == SearchRole.SPANS:
        return hit.spans
    if role == SearchRole.KIND:
        return "hit"
    if role == SearchRole.SIDE:
        return hit.side
    if role == SearchRole.PARAGRAPH:
        return hit.paragraph
    return None


def _more_data(document: DocumentHits, role: int) -> Any:
    """The roles of a "… N more hits" row."""
    hidden = max(0, document.total_hits - len(document.hits))
    if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
        return more_hits_label(hidden)
    if role == Qt.ItemDataRole.ToolTipRole:
        return counted.show_all_hits(document.total_hits)
    if role == SearchRole.DOCUMENT_ID:
        return document.document_id
    if role == SearchRole.KIND:
        return "more"
    if role == SearchRole.SPANS:
        return ()
    if role == SearchRole.HIT_COUNT:
        return hidden
    return None


def _merged(shown: Sequence[Hit], every: Sequence[Hit]) -> list[Hit]:
    """``every`` hit, with any shown hit it lacks kept where it stood (the index may have moved
    on since the search): the shown hits stay a subsequence, in their order."""
    merged: list[Hit] = []
    pending = list(shown)
    for hit in every:
        if hit in pending:
            # Shown hits the fuller list skipped come before this one, as they did.
            while pending and pending[0] != hit:
                merged.append(pending.pop(0))
            pending.pop(0)
        merged.append(hit)
    return merged + pending


def _renumber(nodes: list[_Node]) -> None:
    for row, node in enumerate(nodes):
        node.row = row
