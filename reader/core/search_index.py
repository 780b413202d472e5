"""Full-text search over every document and note: SQLite FTS5 with Snowball stems.

Layout of ``search.sqlite3`` (in the cache directory; rebuilt silently when missing or corrupt):

* ``rows``: one row per searchable unit of a document with its original text: each paragraph of
  each text (document id, side, language, paragraph index) and each metadata field (title,
  summary, citation, people, places, subjects). A text that zlib makes smaller is stored so, as a
  BLOB (a TEXT value is stored as it reads): it halves the largest table, and only the rows shown,
  checked or deleted are ever unpacked;
* ``fts``: a *contentless* FTS5 table with one column per row, ``stems`` (every word as its
  Snowball stem, so «шифровку» meets «шифровка»; phrases match stems in order). Contentless keeps
  the text once, in ``rows``; the price is that a delete must hand FTS5 the very terms it
  inserted, which are recomputed from ``rows`` (the terms' version is stored, and a change
  rebuilds all);
* ``vocab``: every (folded word, stem) pair indexed, for prefix queries: "negotiat*" must not
  depend on where the stemmer cut, so it becomes the stems of the words starting "negotiat". When
  one of those stems also comes from a word that does not (stale pairs included), the matching
  rows are checked against their stored text, so a prefix finds exactly the words it names. No
  unstemmed column: the index is about a third smaller;
* ``docs``: per document the title, date, length in words and the file stamp it was built from;
* ``keys``: a small stable integer per document id. A row's rowid is ``key << 20 | unit``, units
  being paragraphs (from 0) and metadata fields (from 2**18). So the documents a query matches
  are counted by FTS5 and SQLite alone (``GROUP BY rowid >> 20``), without touching ``rows`` or
  computing a per-paragraph rank for 50,000 matching paragraphs; per-paragraph bm25 and the texts
  are read only for the documents shown;
* ``notes`` and ``note_fts``: the reader's notes, one row each (annotation id, document key,
  text) with a rowid SQLite assigns, and their contentless FTS5 twin with the same columns as
  ``fts``. Kept apart from the documents' rowid ranges, so any number of notes on one document
  can never run into another document's rows; a note changes with one :meth:`SearchIndex.save_note`
  or :meth:`SearchIndex.remove_note`, without rebuilding the others.

AND, OR and NOT combine documents; a word or phrase matches within one paragraph or field.
Documents are ranked by BM25 at the document level (hits of each query part, saturated and
normalised by document length, weighted by the part's rarity; title hits count triple).

Snippets and highlight spans are computed here from the original text, so the UI gets plain text
and ``(start, end)`` offsets: nothing from a document is ever turned into markup.

Several processes may write at once (two searches refreshing a fresh cache and an import): each
change of a document or note runs inside one ``BEGIN IMMEDIATE`` transaction, reads included,
so what it deletes from FTS5 is what is really there, and a document's key is taken with
``INSERT OR IGNORE`` under that lock. The file is owner-only: it holds the notes' text.
"""

from __future__ import annotations

import contextlib
import math
import re
import sqlite3
import zlib
from collections import OrderedDict
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Literal, NamedTuple

from reader.core import stemming
from reader.core.catalog import (
    CacheUnavailable,
    Cancelled,
    Catalog,
    FileStamp,
    Progress,
    ensure_cache_folder,
    open_cache_database,
)
from reader.core.document import Document, ParseError
from reader.core.messages import QT_TRANSLATE_NOOP, Message
from reader.core.search_query import MAX_TREE_DEPTH, Node, QueryError, Terms, compile_query

__all__ = ["CacheUnavailable", "DocumentHits", "Hit", "QueryError", "SearchIndex", "document_terms"]

INDEX_FILE = "search.sqlite3"
SCHEMA_VERSION = 6  # 3: notes apart; 4: parsed anew (people, hyphens); 5: stems, vocab; 6: zlib
Order = Literal["relevance", "date"]
METADATA_FIELDS = ("title", "summary", "citation", "people", "places", "subjects")
UNIT_BITS = 20
_UNITS = 1 << UNIT_BITS
_META_BASE = 1 << 18  # metadata units: _META_BASE + index in METADATA_FIELDS
_MAX_KEY = 1 << (62 - UNIT_BITS)  # key << UNIT_BITS stays a positive 64-bit rowid
_K1, _B = 1.2, 0.75  # BM25 constants, as FTS5's own bm25()
# Per-document hit counts: a title hit counts 3, another metadata hit 1.5, a paragraph or note 1.
_DOCUMENT_HITS = f"""
    SELECT fts.rowid >> {UNIT_BITS}, sum(CASE
        WHEN (fts.rowid & {_UNITS - 1}) = {_META_BASE} THEN 3.0
        WHEN (fts.rowid & {_UNITS - 1}) > {_META_BASE} THEN 1.5
        ELSE 1.0 END)
    FROM fts WHERE fts MATCH ? GROUP BY 1
"""
_NOTE_HITS = """
    SELECT notes.doc_key, count(*) FROM note_fts JOIN notes ON notes.rowid = note_fts.rowid
    WHERE note_fts MATCH ? GROUP BY 1
"""
# The same, for a prefix whose stems need the stored text checked (see ``vocab``).
_DOCUMENT_HITS_CHECKED = _DOCUMENT_HITS.replace(
    "WHERE fts MATCH ?",
    "JOIN rows ON rows.rowid = fts.rowid WHERE fts MATCH ? AND has_prefix(rows.text, ?)",
)
_NOTE_HITS_CHECKED = _NOTE_HITS.replace(
    "WHERE note_fts MATCH ?", "WHERE note_fts MATCH ? AND has_prefix(notes.text, ?)"
)
_PREFIX_LEAF = re.compile(r'^words : "(.*)" \*$')  # how search_query writes a prefix
_MAX_PREFIX_STEMS = 300  # more, and the prefix is searched as the stems' common start, checked
# A hit is named by an int: a rowid of ``rows`` (>= 0), or minus one minus a rowid of ``notes``.
HitId = int
Row = tuple[str, str | None, str | None, int | None, str | None, str]  # as Hit: kind … text
_SNIPPET_CHARS = 240
_RANGED_TERMS = 16  # words in a query beyond which its hits are found in one pass (_hit_ids)
_SCORED_ENTRIES = 200_000  # document scores kept for words searched again (about 20 MB at most)

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE keys (doc_id TEXT PRIMARY KEY, key INTEGER UNIQUE NOT NULL);
CREATE TABLE docs (
    doc_id TEXT PRIMARY KEY, title TEXT NOT NULL, date TEXT,
    undated INTEGER NOT NULL, date_key TEXT NOT NULL, title_key TEXT NOT NULL,
    path TEXT, size INTEGER, mtime_ns INTEGER, length INTEGER NOT NULL
);
CREATE TABLE rows (
    rowid INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, kind TEXT NOT NULL, side TEXT,
    language TEXT, paragraph INTEGER, text NOT NULL
);
CREATE VIRTUAL TABLE fts USING fts5(
    stems, content='', columnsize=0, tokenize='unicode61 remove_diacritics 0'
);
CREATE TABLE vocab (word TEXT NOT NULL, stem TEXT NOT NULL, PRIMARY KEY (word, stem))
    WITHOUT ROWID;
CREATE TABLE notes (
    rowid INTEGER PRIMARY KEY, annotation_id TEXT UNIQUE NOT NULL,
    doc_key INTEGER NOT NULL, text TEXT NOT NULL
);
CREATE INDEX notes_by_document ON notes (doc_key);
CREATE VIRTUAL TABLE note_fts USING fts5(
    stems, content='', columnsize=0, tokenize='unicode61 remove_diacritics 0'
);
"""


@dataclass(frozen=True)
class Hit:
    """One matching unit: a paragraph, a metadata field or a note, with a highlighted snippet."""

    kind: str  # "text", one of METADATA_FIELDS, or "note"
    side: str | None  # "transcript" / "translation" for kind "text"
    language: str | None
    paragraph: int | None  # index in that text's paragraphs, for kind "text"
    annotation_id: str | None  # for kind "note"
    snippet: str  # plain text; "…" marks a cut
    spans: tuple[tuple[int, int], ...]  # offsets of the hits in ``snippet``


@dataclass(frozen=True)
class DocumentHits:
    document_id: str
    title: str
    date: str | None
    score: float  # higher is better (document-level BM25)
    hits: tuple[Hit, ...]
    total_hits: int  # hits beyond ``hits`` were cut by ``per_document``


@dataclass(frozen=True)
class _DocInfo:
    doc_id: str
    title: str
    date: str | None
    sort_key: tuple[int, str, str]
    length: int


class SearchIndex:
    """The search index file; one instance per thread (WAL lets a reader and a writer share it)."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path
        self._algorithms = self._load_algorithms()
        self._info: dict[int, _DocInfo] | None = None  # by key; dropped when the file changes
        self._info_version = -1
        self._length_norms: dict[int, float] = {}
        self._by_date: list[int] = []  # every document's key, in date order
        self._vocab_known: set[tuple[str, str]] = set()  # pairs this connection has written
        self._leaves: dict[str, _Leaf] = {}  # resolved prefixes, for one search
        # Scores of the words and phrases searched last, while the file is unchanged: the same
        # query again (the other order, a facet changed, a result's "more" row) is not scored
        # again. A common word of a 100,000-document library takes half a second to score.
        self._scored: OrderedDict[str, dict[int, float]] = OrderedDict()
        self._scored_version = (-1, -1)
        connection.create_function("has_prefix", 2, _has_prefix, deterministic=True)

    @classmethod
    def open(cls, path: Path) -> SearchIndex:
        """Open the index file at ``path`` (its folder created if missing), rebuilt if unusable.

        Raises CacheUnavailable (naming the path) when the file or its folder cannot be used.
        """
        path = Path(path)
        ensure_cache_folder(path.parent)
        connection = open_cache_database(path, SCHEMA_VERSION, _SCHEMA)
        index = cls(connection, path)
        if index._meta("terms_version") != stemming.TERMS_VERSION:
            index._reset()
        return index

    def _begin(self) -> None:
        """Take the write lock now (waiting for another process), unless this connection
        already holds it: the reads that follow see the file as it is, not a stale snapshot."""
        if not self._db.in_transaction:
            self._db.execute("BEGIN IMMEDIATE")

    def close(self) -> None:
        self._db.commit()
        self._db.close()

    def commit(self) -> None:
        self._db.commit()

    # -- writing ---------------------------------------------------------------------------

    def add_document(
        self,
        document: Document,
        stamp: FileStamp | None = None,
        *,
        terms: IndexTerms | None = None,
    ) -> None:
        """Index (or re-index) a document; ``stamp`` records which file version it came from.

        ``terms`` are :func:`document_terms` of it when already computed (in a worker process).
        """
        self._begin()
        key = self._key(document.id)
        self._delete_units(key, 0, _UNITS)
        rows = list(_document_rows(document))
        length = self._insert_rows(document.id, key, rows, terms or document_terms(document))
        undated, date_key, title_key = document.date_sort_key
        path = stamp or _stamp_of(document.path)
        self._db.execute(
            "INSERT OR REPLACE INTO docs VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                document.id, document.title, document.date, undated, date_key, title_key,
                str(path.path) if path else None, path.size if path else None,
                path.mtime_ns if path else None, length,
            ),
        )  # fmt: skip
        self._note_algorithms(document)

    def remove_document(self, document_id: str) -> None:
        """Drop a document's texts and metadata (its notes stay until the notes say otherwise)."""
        self._begin()
        key = self._existing_key(document_id)
        if key is not None:
            self._delete_units(key, 0, _UNITS)
        self._db.execute("DELETE FROM docs WHERE doc_id = ?", (document_id,))

    def save_note(self, annotation_id: str, document_id: str, text: str) -> None:
        """Index one note as it now reads (empty text: remove it), and commit."""
        self._begin()
        self._put_note(annotation_id, document_id, text)
        self.commit()

    def remove_note(self, annotation_id: str) -> None:
        """Drop one note from the index (nothing happens for an unknown id), and commit."""
        self._begin()
        self._delete_notes("annotation_id = ?", (annotation_id,))
        self.commit()

    def index_notes(self, notes: Iterable[tuple[str, str, str]]) -> None:
        """Add or replace notes given as (annotation id, document id, note text), uncommitted."""
        self._begin()
        for annotation_id, document_id, text in notes:
            self._put_note(annotation_id, document_id, text)

    def replace_notes(self, notes: Iterable[tuple[str, str, str]]) -> None:
        """Make the indexed notes exactly ``notes`` (a full rebuild at start), and commit."""
        self._begin()
        self._db.execute("DELETE FROM notes")
        self._db.execute("INSERT INTO note_fts (note_fts) VALUES ('delete-all')")
        self.index_notes(notes)
        self.commit()

    def ensure_fresh(
        self,
        catalog: Catalog,
        *,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> int:
        """Index what the catalog has and the index lacks or has stale; drop the rest.

        Returns the number of documents (re)indexed. Parses only those documents.
        """
        stamps = catalog.stamps()
        indexed = {
            doc_id: (path, size, mtime)
            for doc_id, path, size, mtime in self._db.execute(
                "SELECT doc_id, path, size, mtime_ns FROM docs"
            )
        }
        for doc_id in indexed.keys() - stamps.keys():
            self.remove_document(doc_id)
        stale = [
            stamp
            for doc_id, stamp in stamps.items()
            if indexed.get(doc_id) != (str(stamp.path), stamp.size, stamp.mtime_ns)
        ]
        return self._index_files(stale, progress, cancelled)

    def _index_files(
        self, stale: list[FileStamp], progress: Progress | None, cancelled: Cancelled | None
    ) -> int:
        done = 0
        for stamp in stale:
            if cancelled is not None and cancelled():
                break
            # A bad file is the catalog's to report; the next refresh drops it from the index too.
            from reader.core.parsing import parse_file  # only when a file has changed

            with contextlib.suppress(ParseError):
                self.add_document(parse_file(stamp.path), stamp)
            done += 1
            if done % 100 == 0:
                self.commit()  # readers in other threads see progress; a crash loses little
            if progress is not None:
                progress(done, len(stale), str(stamp.path))
        self.commit()
        return done

    # -- searching -------------------------------------------------------------------------

    def search(
        self,
        query: str,
        limit: int = 50,
        order: Order = "relevance",
        per_document: int = 3,
        allowed: Container[str] | None = None,
    ) -> list[DocumentHits]:
        """Documents matching ``query``, best (or earliest) first. Raises QueryError if invalid.

        Only documents whose ids are in ``allowed`` (when given) count, before the first
        ``limit`` are taken: a filter applied to the shown results would hide the rest.
        Each document carries up to ``per_document`` hits (``total_hits`` counts them all):
        metadata fields first, then notes, then paragraphs in reading order.
        """
        compiled = compile_query(query, self._algorithms)
        info = self._document_info()
        positive: list[str] = []
        self._leaves = {}
        scores = self._evaluate(compiled.tree, info, positive, {})
        if allowed is not None:
            scores = {
                key: score
                for key, score in scores.items()
                if (info[key].doc_id if key in info else self._doc_id(key)) in allowed
            }
        keys = self._first(scores, max(limit, 0), order)
        hit_rows = self._hit_ids(positive, keys)
        shown = [hit_id for key in keys for hit_id in hit_rows.get(key, [])[:per_document]]
        rows = self._rows(shown)
        return [
            DocumentHits(
                document_id=info[key].doc_id if key in info else self._doc_id(key),
                title=info[key].title if key in info else "",
                date=info[key].date if key in info else None,
                score=scores[key],
                hits=tuple(
                    _hit(rows[hit_id], compiled.terms)
                    for hit_id in hit_rows.get(key, [])[:per_document]
                ),
                total_hits=len(hit_rows.get(key, [])),
            )
            for key in keys
        ]

    def _first(self, scores: dict[int, float], limit: int, order: Order) -> list[int]:
        """The first ``limit`` documents, best (ties by key) or earliest first.

        Found in C, without a key function in Python called for each of 100,000 documents
        (a common word matches most of a library): sorted by score, or picked in the date
        order worked out once per index change, which stops at the ``limit``-th match.
        """
        if limit == 0:
            return []
        if order == "relevance":
            return sorted(sorted(scores), key=scores.__getitem__, reverse=True)[:limit]
        first = list(islice(filter(scores.__contains__, self._by_date), limit))
        if len(first) < limit:  # notes on a document not (yet) indexed go last
            dated = set(first)
            first += sorted(key for key in scores if key not in dated)
        return first[:limit]

    def document_hits(self, query: str, document_id: str) -> list[Hit]:
        """Every hit of ``query`` in one document (to expand a result or step through its hits)."""
        compiled = compile_query(query, self._algorithms)
        key = self._existing_key(document_id)
        positive: list[str] = []
        self._leaves = {}
        if key is None or key not in self._evaluate(compiled.tree, {}, positive, {}):
            return []
        hit_ids = self._hit_ids(positive, [key]).get(key, [])
        rows = self._rows(hit_ids)
        return [_hit(rows[hit_id], compiled.terms) for hit_id in hit_ids]

    def _hit_ids(self, positive: list[str], keys: list[int]) -> dict[int, list[HitId]]:
        """The matching rows and notes of the chosen documents, by document, in display order.

        A query of a few words asks FTS5 once per document, by rowid range: it seeks each word's
        doclist to the document (3-4 ms for 50 documents and a word found in all of 100,000,
        where a filter on the key reads the doclists whole: 57-73 ms). A prefix of many words,
        or one whose text is checked, is one pass filtered to the documents inside SQLite:
        asked per document, its doclists would be merged once per document.
        """
        if not keys:
            return {}
        leaves = [self._leaf(leaf) for leaf in dict.fromkeys(positive)]
        plain = " OR ".join(
            f"({leaf.expression})" for leaf in leaves if leaf.expression and not leaf.check
        )
        passes: list[tuple[str, str | None]] = [(plain, None)] if plain else []
        passes += [
            (leaf.expression, leaf.check) for leaf in leaves if leaf.expression and leaf.check
        ]
        marks = ",".join("?" * len(keys))
        found: set[tuple[int, HitId]] = set()
        for expression, check in passes:
            text_check = " AND has_prefix(rows.text, ?)" if check else ""
            join = " JOIN rows ON rows.rowid = fts.rowid" if check else ""
            extra = (check,) if check else ()
            if check is None and expression.count("stems :") <= _RANGED_TERMS:
                rowids: Iterable[tuple[int]] = (
                    row
                    for key in keys
                    for row in self._db.execute(
                        "SELECT rowid FROM fts WHERE fts MATCH ? AND rowid >= ? AND rowid < ?",
                        (expression, key << UNIT_BITS, (key + 1) << UNIT_BITS),
                    )
                )
            else:
                rowids = self._db.execute(
                    f"SELECT fts.rowid FROM fts{join} WHERE fts MATCH ?{text_check} "
                    f"AND (fts.rowid >> {UNIT_BITS}) IN ({marks})",
                    (expression, *extra, *keys),
                )
            found.update((rowid >> UNIT_BITS, rowid) for (rowid,) in rowids)
            note_check = " AND has_prefix(notes.text, ?)" if check else ""
            found.update(
                (key, _note_hit_id(rowid))
                for rowid, key in self._db.execute(
                    "SELECT notes.rowid, notes.doc_key FROM note_fts "
                    "JOIN notes ON notes.rowid = note_fts.rowid "
                    f"WHERE note_fts MATCH ?{note_check} AND notes.doc_key IN ({marks})",
                    (expression, *extra, *keys),
                )
            )
        grouped: dict[int, list[HitId]] = {}
        for key, hit_id in found:
            grouped.setdefault(key, []).append(hit_id)
        for hit_ids in grouped.values():
            hit_ids.sort(key=_display_order)
        return grouped

    def _evaluate(
        self,
        node: Node,
        info: dict[int, _DocInfo],
        positive: list[str],
        seen: dict[str, dict[int, float]],
        depth: int = 0,
    ) -> dict[int, float]:
        """Document key -> score for a query tree: leaves per paragraph, operators per document.

        A tree deeper than any compiled query can be is refused (QueryError), not recursed into.
        """
        if depth > MAX_TREE_DEPTH:
            raise QueryError(
                Message(QT_TRANSLATE_NOOP("CoreMessages", "The search is nested too deeply."))
            )
        operator, operand = node
        if isinstance(operand, str):  # a leaf: one word or phrase
            positive.append(operand)
            if operand not in seen:
                seen[operand] = self._leaf_scores(operand, info)
            return seen[operand]
        if not operand or (operator == "not" and len(operand) != 2):
            raise QueryError(
                Message(QT_TRANSLATE_NOOP("CoreMessages", "The search could not be understood."))
            )
        deeper = depth + 1
        if operator == "not":
            left = self._evaluate(operand[0], info, positive, seen, deeper)
            right = self._evaluate(operand[1], info, [], seen, deeper)  # excluded: not hits
            return {key: score for key, score in left.items() if key not in right}
        parts = [self._evaluate(child, info, positive, seen, deeper) for child in operand]
        keys = set(parts[0]).intersection(*parts[1:]) if operator == "and" else set().union(*parts)
        return {key: sum(part.get(key, 0.0) for part in parts) for key in keys}

    def forget_scores(self) -> None:
        """Score every word again on its next search (the benchmark times first searches)."""
        self._scored.clear()

    def _leaf_scores(self, expression: str, info: dict[int, _DocInfo]) -> dict[int, float]:
        """BM25 of each matching document for one word or phrase (kept while the file is
        unchanged and ``info`` is the whole library's, as ``search`` gives it)."""
        if info is not self._info or self._db.in_transaction:
            return self._scored_now(expression, info)
        # Changed since: by another connection (data_version), or by this one (total_changes).
        version = (self._info_version, self._db.total_changes)
        if self._scored_version != version:
            self._scored.clear()
            self._scored_version = version
        if expression in self._scored:
            self._scored.move_to_end(expression)
            return self._scored[expression]
        scores = self._scored[expression] = self._scored_now(expression, info)
        while sum(map(len, self._scored.values())) > _SCORED_ENTRIES:
            self._scored.popitem(last=False)
        return scores

    def _scored_now(self, expression: str, info: dict[int, _DocInfo]) -> dict[int, float]:
        counts: dict[int, float] = {}
        leaf = self._leaf(expression)
        queries: list[tuple[str, tuple[str, ...]]] = []
        try:
            if leaf.check and leaf.expression:
                queries = [
                    (q, (leaf.expression, leaf.check))
                    for q in (_DOCUMENT_HITS_CHECKED, _NOTE_HITS_CHECKED)
                ]
            elif leaf.expression:
                queries = [(q, (leaf.expression,)) for q in (_DOCUMENT_HITS, _NOTE_HITS)]
            # else a prefix no indexed word starts with: no query, no document
            for query, parameters in queries:
                for key, hits in self._db.execute(query, parameters):
                    counts[key] = counts.get(key, 0.0) + hits
        except sqlite3.OperationalError as error:
            reason = Message(
                QT_TRANSLATE_NOOP("CoreMessages", "The search could not be understood (%1)."),
                str(error),
            )
            raise QueryError(reason) from None
        total = max(len(info), len(counts), 1)
        idf = math.log(1 + (total - len(counts) + 0.5) / (len(counts) + 0.5))
        weight = idf * (_K1 + 1)
        norms, unknown = self._length_norms, _K1  # a document not (yet) indexed: average length
        return {
            key: weight * hits / (hits + norms.get(key, unknown)) for key, hits in counts.items()
        }

    def _leaf(self, expression: str) -> _Leaf:
        """A compiled leaf as searched here: a prefix becomes the stems of its words."""
        match = _PREFIX_LEAF.match(expression)
        if match is None:
            return _Leaf(expression, None)
        if expression in self._leaves:
            return self._leaves[expression]
        prefix = match.group(1).replace('""', '"')
        leaf = self._leaves[expression] = self._prefix_leaf(prefix)
        return leaf

    def _prefix_leaf(self, prefix: str) -> _Leaf:
        """The stems of the indexed words starting with ``prefix``, as one FTS5 expression; the
        text is checked when one of those stems also stands for a word that does not start so."""
        end = prefix + "\U0010ffff"
        stems = [
            row[0]
            for row in self._db.execute(
                "SELECT DISTINCT stem FROM vocab WHERE word >= ? AND word < ?", (prefix, end)
            )
        ]
        if not stems:
            return _Leaf(None, None)
        if len(stems) > _MAX_PREFIX_STEMS:
            common = _common_start(min(stems), max(stems))
            any_stem = " OR ".join(f'stems : "{_quoted(stem)}"' for stem in stems)
            return _Leaf(f'stems : "{_quoted(common)}" *' if common else any_stem, prefix)
        marks = ",".join("?" * len(stems))
        others = self._db.execute(
            f"SELECT 1 FROM vocab WHERE stem IN ({marks}) AND NOT (word >= ? AND word < ?) LIMIT 1",
            (*stems, prefix, end),
        ).fetchone()
        fts = " OR ".join(f'stems : "{_quoted(stem)}"' for stem in stems)
        return _Leaf(fts, prefix if others else None)

    def _rows(self, hit_ids: list[HitId]) -> dict[HitId, Row]:
        """What each hit shows: kind, side, language, paragraph, annotation id and text."""
        result: dict[HitId, Row] = {}
        rowids = [hit_id for hit_id in hit_ids if hit_id >= 0]
        for chunk in _chunks(rowids, 500):
            marks = ",".join("?" * len(chunk))
            query = (
                "SELECT rowid, kind, side, language, paragraph, text "
                f"FROM rows WHERE rowid IN ({marks})"
            )
            for rowid, kind, side, language, paragraph, text in self._db.execute(query, chunk):
                result[rowid] = (kind, side, language, paragraph, None, self._text(text))
        notes = [_note_rowid(hit_id) for hit_id in hit_ids if hit_id < 0]
        for chunk in _chunks(notes, 500):
            marks = ",".join("?" * len(chunk))
            query = f"SELECT rowid, annotation_id, text FROM notes WHERE rowid IN ({marks})"
            for rowid, annotation_id, text in self._db.execute(query, chunk):
                result[_note_hit_id(rowid)] = ("note", None, None, None, annotation_id, text)
        return result

    def _document_info(self) -> dict[int, _DocInfo]:
        """Title, date and length of every document by key, re-read only after a change."""
        version = self._db.execute("PRAGMA data_version").fetchone()[0]
        if self._info is None or version != self._info_version or self._db.in_transaction:
            rows = self._db.execute(
                "SELECT k.key, d.doc_id, d.title, d.date, d.undated, d.date_key, d.title_key, "
                "d.length FROM docs AS d JOIN keys AS k ON k.doc_id = d.doc_id"
            )
            self._info = {
                key: _DocInfo(doc_id, title, date, (undated, date_key, title_key), length)
                for key, doc_id, title, date, undated, date_key, title_key, length in rows
            }
            lengths = [entry.length for entry in self._info.values()]
            average = sum(lengths) / len(lengths) if lengths else 0.0
            # BM25's length term of each document, once per change rather than once per hit.
            self._length_norms = {
                key: _K1 * (1 - _B + _B * (entry.length / average if average else 1.0))
                for key, entry in self._info.items()
            }
            info = self._info
            self._by_date = sorted(info, key=lambda key: (info[key].sort_key, key))
            self._info_version = version
        return self._info

    def _doc_id(self, key: int) -> str:
        row = self._db.execute("SELECT doc_id FROM keys WHERE key = ?", (key,)).fetchone()
        return row[0] if row else ""

    # -- internals -------------------------------------------------------------------------

    def _existing_key(self, doc_id: str) -> int | None:
        row = self._db.execute("SELECT key FROM keys WHERE doc_id = ?", (doc_id,)).fetchone()
        return int(row[0]) if row else None

    def _key(self, doc_id: str) -> int:
        """The document's key, given one on first use (inside a write transaction: the next
        free key is read and taken in one statement, and a key another process gave the same
        document meanwhile is kept)."""
        key = self._existing_key(doc_id)
        if key is not None:
            return key
        self._begin()
        self._db.execute(
            "INSERT OR IGNORE INTO keys (doc_id, key) "
            "SELECT ?, coalesce(max(key), 0) + 1 FROM keys",
            (doc_id,),
        )
        key = self._existing_key(doc_id)
        if key is None or key >= _MAX_KEY:
            raise sqlite3.IntegrityError(f"no search key could be given to {doc_id!r}")
        return key

    def _insert_rows(self, doc_id: str, key: int, rows: list[_Unit], terms: IndexTerms) -> int:
        """Insert a document's units into ``rows``, ``fts`` and ``vocab``; the number of words."""
        columns, pairs, texts = terms
        numbered = [
            ((key << UNIT_BITS) + unit, doc_id, kind, side, language, paragraph, stored)
            for (unit, kind, side, language, paragraph, _), stored in zip(rows, texts, strict=True)
        ]
        self._db.executemany("INSERT INTO rows VALUES (?,?,?,?,?,?,?)", numbered)
        self._db.executemany(
            "INSERT INTO fts (rowid, stems) VALUES (?, ?)",
            [(row[0], column) for row, column in zip(numbered, columns, strict=True)],
        )
        self._add_vocab(pairs)
        return sum(column.count(" ") + 1 for column in columns if column)

    def _add_vocab(self, pairs: Iterable[tuple[str, str]]) -> None:
        new = [pair for pair in pairs if pair not in self._vocab_known]
        if new:
            self._db.executemany("INSERT OR IGNORE INTO vocab VALUES (?, ?)", new)
            self._vocab_known.update(new)

    def _text(self, stored: str | bytes) -> str:
        """A stored text. One damaged on disk reads as empty, and the whole index is rebuilt the
        next time it is opened (it is a cache: everything in it comes from the documents)."""
        text = _unpacked(stored)
        if stored and not text:
            self._db.execute("PRAGMA user_version = 0")
        return text

    def _delete_units(self, key: int, first: int, end: int) -> None:
        """Delete a document's units ``first`` to ``end - 1``; FTS5 is told the same terms it
        was given on insert."""
        low = key << UNIT_BITS
        old = self._db.execute(
            "SELECT rowid, language, text FROM rows WHERE rowid BETWEEN ? AND ?",
            (low + first, low + end - 1),
        ).fetchall()
        if not old:
            return
        self._db.executemany(
            "INSERT INTO fts (fts, rowid, stems) VALUES ('delete', ?, ?)",
            [(rowid, _stems(self._text(text), language)) for rowid, language, text in old],
        )
        self._db.executemany("DELETE FROM rows WHERE rowid = ?", [(row[0],) for row in old])

    def _put_note(self, annotation_id: str, document_id: str, text: str) -> None:
        self._delete_notes("annotation_id = ?", (annotation_id,))
        if not text.strip():
            return
        cursor = self._db.execute(
            "INSERT INTO notes (annotation_id, doc_key, text) VALUES (?, ?, ?)",
            (annotation_id, self._key(document_id), text),
        )
        self._db.execute(
            "INSERT INTO note_fts (rowid, stems) VALUES (?, ?)",
            (cursor.lastrowid, _stems(text, None)),
        )
        self._add_vocab(_pairs(text, None))

    def _delete_notes(self, where: str, parameters: tuple[object, ...]) -> None:
        """Delete notes from both tables; FTS5 is told the same terms it was given on insert."""
        old = self._db.execute(
            f"SELECT rowid, text FROM notes WHERE {where}", parameters
        ).fetchall()
        if not old:
            return
        self._db.executemany(
            "INSERT INTO note_fts (note_fts, rowid, stems) VALUES ('delete', ?, ?)",
            [(rowid, _stems(text, None)) for rowid, text in old],
        )
        self._db.executemany("DELETE FROM notes WHERE rowid = ?", [(row[0],) for row in old])

    def _reset(self) -> None:
        self._begin()
        if self._meta("terms_version") == stemming.TERMS_VERSION:  # another process did it
            self._db.commit()
            self._algorithms = self._load_algorithms()
            return
        with self._db:
            for table in ("docs", "rows", "meta", "keys", "notes", "vocab"):
                self._db.execute(f"DELETE FROM {table}")
            self._db.execute("INSERT INTO fts (fts) VALUES ('delete-all')")
            self._db.execute("INSERT INTO note_fts (note_fts) VALUES ('delete-all')")
            self._set_meta("terms_version", stemming.TERMS_VERSION)
        self._algorithms = frozenset()
        self._info = None
        self._vocab_known = set()

    def _meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def _load_algorithms(self) -> frozenset[str]:
        return frozenset(filter(None, (self._meta("algorithms") or "").split(",")))

    def _note_algorithms(self, document: Document) -> None:
        """Remember which stemmers the index uses, so queries try each of them."""
        used = {stemming.snowball_name(text.language) for text in document.texts} - {None}
        if not used <= self._algorithms:
            self._algorithms = self._algorithms | frozenset(a for a in used if a)
            self._set_meta("algorithms", ",".join(sorted(self._algorithms)))


# ---------------------------------------------------------------------------------------------
# Rows and terms


# (unit, kind, side, language, paragraph, text): one searchable unit of a document.
_Unit = tuple[int, str, str | None, str | None, int | None, str]


def _document_rows(document: Document) -> Iterator[_Unit]:
    """(unit, kind, side, language, paragraph, text) for a document's units."""
    unit = 0
    for text in document.texts:
        for number, paragraph in enumerate(text.paragraphs):
            if unit < _META_BASE:  # 262,144 paragraphs: far beyond the 20 MB file limit
                yield (unit, "text", text.role, text.language, number, paragraph)
            unit += 1
    values: dict[str, str | None] = {
        "title": document.title,
        "summary": document.summary,
        "citation": document.citation,
        "people": "; ".join(document.people),
        "places": "; ".join(document.places),
        "subjects": "; ".join(document.subjects),
    }
    for number, kind in enumerate(METADATA_FIELDS):
        value = values[kind]
        if value:
            yield (_META_BASE + number, kind, None, None, None, value)


class IndexTerms(NamedTuple):
    """What indexing a document writes, per unit in :func:`_document_rows` order."""

    columns: list[str]  # the ``stems`` column of each unit
    pairs: list[tuple[str, str]]  # the document's distinct (folded word, stem), for ``vocab``
    texts: list[str | bytes]  # each unit's text as ``rows`` stores it (see _packed)


@dataclass(frozen=True)
class _Leaf:
    expression: str | None  # the FTS5 expression; None: matches nothing
    check: str | None  # a prefix every hit's text must hold a word starting with


def document_terms(document: Document) -> IndexTerms:
    """What indexing ``document`` writes, computed apart so a worker process can do it."""
    columns: list[str] = []
    pairs: set[tuple[str, str]] = set()
    texts: list[str | bytes] = []
    term, fold = stemming.term, stemming.fold
    for _, _, _, language, _, text in _document_rows(document):
        found = stemming.find_words(text)
        stems = [term(word, language) for word in found]
        columns.append(" ".join(stems))
        pairs.update(zip(map(fold, found), stems, strict=True))
        texts.append(_packed(text))
    return IndexTerms(columns, sorted(pairs), texts)


def _stems(text: str, language: str | None) -> str:
    """The ``stems`` column value of one unit of text."""
    term = stemming.term
    return " ".join([term(word, language) for word in stemming.find_words(text)])


def _pairs(text: str, language: str | None) -> list[tuple[str, str]]:
    found = stemming.find_words(text)
    return sorted({(stemming.fold(word), stemming.term(word, language)) for word in found})


def _has_prefix(stored: str | bytes | None, prefix: str | None) -> bool:
    """True when a word of a stored text, folded, starts with ``prefix`` (as highlighting tells)."""
    if not stored or prefix is None:
        return False
    fold = stemming.fold
    return any(fold(word).startswith(prefix) for word in stemming.find_words(_unpacked(stored)))


_PACK_FROM = 120  # bytes: shorter texts rarely shrink


def _packed(text: str) -> str | bytes:
    """A text as ``rows`` stores it: zlib-compressed bytes when that is smaller."""
    raw = text.encode("utf-8")
    if len(raw) < _PACK_FROM:
        return text
    packed = zlib.compress(raw, 1)  # level 6 packs 3 % smaller and takes a third longer
    return packed if len(packed) < len(raw) else text


def _unpacked(stored: str | bytes) -> str:
    """The text of a ``rows`` value; "" when the bytes are damaged (see SearchIndex._text)."""
    if isinstance(stored, str):
        return stored
    try:
        return zlib.decompress(stored).decode("utf-8")
    except (zlib.error, UnicodeDecodeError):
        return ""


def _common_start(first: str, last: str) -> str:
    """The longest start two strings share (for the sorted extremes: all of them share it)."""
    size = 0
    while size < min(len(first), len(last)) and first[size] == last[size]:
        size += 1
    return first[:size]


def _quoted(term: str) -> str:
    return term.replace('"', '""')


def _stamp_of(path: Path | None) -> FileStamp | None:
    if path is None:
        return None
    try:
        stat = path.stat()
    except OSError:
        return None
    return FileStamp(path, stat.st_size, stat.st_mtime_ns)


def _chunks(values: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _note_hit_id(rowid: int) -> HitId:
    """A note's hit id: negative, so it never meets a rowid of ``rows``."""
    return -1 - rowid


def _note_rowid(hit_id: HitId) -> int:
    return -1 - hit_id


# ---------------------------------------------------------------------------------------------
# Snippets


def _hit(row: Row, terms: Terms) -> Hit:
    kind, side, language, paragraph, annotation_id, text = row
    snippet, spans = snippet_with_spans(text, highlight_spans(text, language, terms))
    return Hit(kind, side, language, paragraph, annotation_id, snippet, tuple(spans))


def _display_order(hit_id: HitId) -> tuple[int, int]:
    """Metadata fields first (a title hit says most), then notes (oldest first), then
    paragraphs in reading order."""
    if hit_id < 0:
        return (1, _note_rowid(hit_id))
    unit = hit_id & (_UNITS - 1)
    return (0 if unit >= _META_BASE else 2, unit)


def highlight_spans(text: str, language: str | None, terms: Terms) -> list[tuple[int, int]]:
    """Offsets of the words of ``text`` that match a (positive) query term."""
    return [
        match.span() for match in stemming.words(text) if _matches(match.group(), language, terms)
    ]


def _matches(word: str, language: str | None, terms: Terms) -> bool:
    folded = stemming.fold(word)
    if stemming.term(word, language) in terms.stems or folded in terms.stems:
        return True
    return any(folded.startswith(prefix) for prefix in terms.prefixes)


def snippet_with_spans(
    text: str, spans: list[tuple[int, int]], width: int = _SNIPPET_CHARS
) -> tuple[str, list[tuple[int, int]]]:
    """A window of ``text`` centred on its first hit, with the spans moved into it.

    The first hit is always whole inside it, with context on both sides where the text has
    any: near the text's start or end the window slides to stay ``width`` long. Cuts fall at
    spaces, never inside the hit, and are marked "…".
    """
    if len(text) <= width:
        return text, spans
    first_start, first_end = spans[0] if spans else (0, 0)
    lead = max(0, (width - (first_end - first_start)) // 2)
    start = max(0, min(first_start - lead, len(text) - width))
    end = min(len(text), max(start + width, first_end))
    if start > 0:
        space = text.find(" ", start, first_start)
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", first_end, end)
        end = space if space != -1 else end
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    moved = [(s + shift, e + shift) for s, e in spans if s >= start and e <= end]
    return prefix + text[start:end] + suffix, moved
