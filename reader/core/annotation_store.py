"""The user's annotations in one SQLite file, ``annotations.sqlite3`` in the data folder.

Why it is built this way:

* **Never lose a committed note.** Every change is one ``BEGIN IMMEDIATE`` … ``COMMIT``
  transaction in WAL mode with ``synchronous=FULL``: once a write method returns, the change is
  on disk and survives a kill or a power cut.
* **Two copies of the app at once.** Writers queue on SQLite's lock (``busy_timeout``), and every
  write touches only the rows it means to, so neither copy overwrites the other's annotations.
* **Versioned.** ``PRAGMA user_version`` is the schema version; :data:`MIGRATIONS` carry a file
  forward one step at a time. A file from a newer app is refused (:class:`NewerDatabaseError`)
  after a read-only look, so its bytes are never touched.
* **Damage is survivable.** At open, a file SQLite calls corrupt, or one emptied (0 bytes, no
  schema) while backups hold notes, is moved aside, the newest backup that passes
  ``PRAGMA integrity_check`` and holds notes is restored (or an empty file started), and
  :attr:`AnnotationStore.recovery_notice` says what happened, for the UI to show. A backup is
  written at open when the newest is a day old; the last :data:`BACKUPS_KEPT` are kept. A
  backup's time is the one in its name unless the file was written before that (a clock that
  was wrong): then its write time. A backup from the future counts as the oldest, so it neither
  stops new backups nor wins a recovery.
* **A full disk or read-only folder is not a crash.** Writes then raise
  :class:`StorageUnavailable`; :class:`PendingWrites` keeps them in memory, in order, until
  writing works again. A folder or file its owner made read-only (or a read-only disk) is
  respected: the store opens read-only (``mode=ro``), says why in
  :attr:`AnnotationStore.read_only_reason`, reads and exports as usual, and refuses writes.
* **Private.** The folder is created 0700 and every file 0600 (owner only), whatever the umask;
  looser modes found at open lose their group and other bits, but an owner's read-only choice
  is never undone. Nothing here uses the network.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import re
import sqlite3
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.core.anchoring import paragraphs_by_side, reanchor, text_fingerprint
from reader.core.annotations import (
    Annotation,
    TextPosition,
    TextQuoteSelector,
    trusted,
    valid_index,
)
from reader.core.atomic_files import make_private_dirs
from reader.core.document import Document
from reader.core.pairing import TextPair
from reader.core.sides import Side

DB_NAME = "annotations.sqlite3"
BACKUP_DIR_NAME = "backups"
BACKUPS_KEPT = 7
BACKUP_INTERVAL = datetime.timedelta(days=1)
BUSY_TIMEOUT_MS = 10_000  # long enough for another copy of the app to finish any one write
_BACKUP_NAME = re.compile(r"^annotations-(\d{8}-\d{6})\.sqlite3$")
_STAMP = "%Y%m%d-%H%M%S"
_CLOCK_SLACK = datetime.timedelta(minutes=5)  # a name may run this far ahead of the write time

# SQLite primary result codes (sqlite3.h) that mean "cannot write here right now".
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 3, 5, 6, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 10, 11, 13, 14, 26
_UNAVAILABLE_REASONS = {
    _SQLITE_FULL: "the disk is full",
    _SQLITE_READONLY: "the data folder is read-only",
    _SQLITE_PERM: "the data folder is read-only",
    _SQLITE_CANTOPEN: "the database file cannot be opened for writing",
    _SQLITE_IOERR: "the disk reported an input/output error",
    _SQLITE_BUSY: "another copy of the app kept the database locked",
    _SQLITE_LOCKED: "another copy of the app kept the database locked",
}
_UNAVAILABLE_MESSAGES = {
    "database or disk is full": _SQLITE_FULL,
    "readonly": _SQLITE_READONLY,
    "read-only": _SQLITE_READONLY,
    "disk i/o error": _SQLITE_IOERR,
    "unable to open database": _SQLITE_CANTOPEN,
    "database is locked": _SQLITE_BUSY,
}


class AnnotationStoreError(Exception):
    """Base of the store's own errors; the message is fit to show to the user."""


class StorageUnavailable(AnnotationStoreError):
    """A write could not be saved (disk full, read-only folder, I/O error, locked). Retry later.

    Also raised by :meth:`AnnotationStore.open` when the data folder cannot be used at all (it
    is a file, say); ``action`` then reads "opened".
    """

    def __init__(self, reason: str, path: Path | None = None, action: str = "saved") -> None:
        self.reason = reason
        self.path = path
        where = f" ({path})" if path else ""
        super().__init__(f"Notes cannot be {action}: {reason}{where}.")


class NewerDatabaseError(AnnotationStoreError):
    """The file was written by a newer version of the app; it was left as it is."""

    def __init__(self, path: Path, found: int, supported: int) -> None:
        self.path, self.found, self.supported = path, found, supported
        super().__init__(
            f"{path} was written by a newer version of Parallel Reader (notes schema {found}; "
            f"this version reads up to {supported}). Update the app to open it. "
            "The file has not been changed."
        )


class DuplicateAnnotation(AnnotationStoreError):
    pass


class AnnotationNotFound(AnnotationStoreError, KeyError):
    pass


# ---------------------------------------------------------------------------------------------
# Schema and migrations. Append a function to migrate version N to N + 1; never edit old ones.


def _run_statements(db: sqlite3.Connection, script: str) -> None:
    """Statements one by one: ``executescript`` would commit the migration's transaction."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _migrate_to_1(db: sqlite3.Connection) -> None:
    _run_statements(
        db,
        """
        CREATE TABLE annotations (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('highlight', 'note', 'bookmark')),
            document_id TEXT NOT NULL,
            side TEXT CHECK (side IN ('source', 'target')),
            language TEXT,
            bead INTEGER,
            paragraph INTEGER,
            start_offset INTEGER,
            end_offset INTEGER,
            exact TEXT,
            prefix TEXT,
            suffix TEXT,
            colour TEXT,
            note TEXT NOT NULL DEFAULT '',
            tags TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            modified TEXT NOT NULL,
            placed INTEGER NOT NULL DEFAULT 1,
            search_text TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX annotations_by_document
            ON annotations (document_id, bead, paragraph, start_offset);
        CREATE INDEX annotations_by_colour ON annotations (colour);
        CREATE INDEX annotations_by_kind ON annotations (kind);
        CREATE INDEX annotations_unplaced ON annotations (document_id) WHERE placed = 0;
        CREATE TABLE annotation_tags (
            tag_key TEXT NOT NULL,
            annotation_id TEXT NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
            tag TEXT NOT NULL,
            PRIMARY KEY (tag_key, annotation_id)
        ) WITHOUT ROWID;
        CREATE INDEX annotation_tags_by_annotation ON annotation_tags (annotation_id);
        CREATE TABLE document_texts (
            document_id TEXT PRIMARY KEY,
            fingerprint TEXT NOT NULL,
            checked TEXT NOT NULL
        );
        """,
    )


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_migrate_to_1]
SCHEMA_VERSION = len(MIGRATIONS)

_COLUMNS = (
    "id, kind, document_id, side, language, bead, paragraph, start_offset, end_offset, "
    "exact, prefix, suffix, colour, note, tags, created, modified, placed"
)
_UPSERT = f"""
    INSERT INTO annotations ({_COLUMNS}, search_text)
    VALUES ({", ".join("?" * 19)})
    ON CONFLICT (id) DO UPDATE SET
    {", ".join(f"{name} = excluded.{name}" for name in (_COLUMNS + ", search_text").split(", "))}
"""


@dataclass
class ReconcileResult:
    """What :meth:`AnnotationStore.reconcile` did to one document's annotations."""

    text_changed: bool
    changed: list[Annotation] = field(default_factory=list)
    newly_unplaced: list[Annotation] = field(default_factory=list)
    placed_back: list[Annotation] = field(default_factory=list)


class AnnotationStore:
    """Synchronous access to the annotation database. Open with :meth:`open`; one per thread."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path
        # Set when the file was found damaged at open: show it to the user once.
        self.recovery_notice: str | None = None
        # Set when the automatic backup could not be written (the store still works).
        self.backup_error: str | None = None
        # Set when the store was opened read-only (read-only folder, file or disk): why, in
        # words for the user. Reading and exporting work; every write raises StorageUnavailable.
        self.read_only_reason: str | None = None
        # Every annotation, kept after a full read so the notes panel filters in memory-speed.
        # Valid while the stamp (other connections' commits, this one's changes) is unchanged;
        # this connection's own writes are applied to it as they commit.
        self._cache: dict[str, Annotation] | None = None
        self._cache_stamp: tuple[int, int] | None = None
        self._cache_ops: list[tuple[str, Annotation | None]] = []

    # ---- opening ------------------------------------------------------------------------

    @classmethod
    def open(cls, folder: Path, *, now: datetime.datetime | None = None) -> AnnotationStore:
        """Open (creating, migrating, recovering or backing up as needed) the database in
        ``folder``, which is created owner-only if missing. A relative folder is resolved once,
        here, so a later change of working directory cannot move the notes."""
        now = now or datetime.datetime.now(datetime.UTC)
        folder = Path(folder).resolve()
        path = folder / DB_NAME
        _ensure_folder(folder)
        read_only = _read_only_reason(folder, path)
        if read_only is None:
            try:
                return cls._open_writable(path, now)
            except StorageUnavailable as error:  # a full disk, say: reading must still work
                if not path.exists() or error.reason == _UNAVAILABLE_REASONS[_SQLITE_BUSY]:
                    raise
                read_only = error.reason
        return cls._open_read_only(path, read_only)

    @classmethod
    def _open_writable(cls, path: Path, now: datetime.datetime) -> AnnotationStore:
        folder = path.parent
        _make_private(folder, 0o700)
        try:
            notice = _check_or_recover(path, now)
        except OSError as error:  # the damaged file could not be moved aside
            raise StorageUnavailable(_os_reason(error), folder, "opened") from error
        store = cls(_connect(path), path)
        try:
            _migrate(store._db, path)
        except BaseException:
            store.close()
            raise
        store.recovery_notice = notice
        store._backup_if_due(now)
        return store

    @classmethod
    def _open_read_only(cls, path: Path, reason: str) -> AnnotationStore:
        """A store that reads the file as it is and refuses every write."""
        notice = None
        try:
            db = _connect_read_only(path) if path.exists() else None
            if db is not None:
                _check_read_only(db, path)
        except _Corrupt as problem:
            db, notice = _read_only_backup(path, str(problem))
        if db is None or _user_version(db) < SCHEMA_VERSION:
            db = _in_memory_copy(db)  # nothing there yet, or an older schema: migrated in memory
        db.execute("PRAGMA query_only = ON")
        store = cls(db, path)
        store.read_only_reason = reason
        store.recovery_notice = notice
        return store

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> AnnotationStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ---- writing ------------------------------------------------------------------------

    def add(self, annotation: Annotation) -> None:
        """Insert a new annotation; :class:`DuplicateAnnotation` if its id is taken."""
        with self._transaction() as db:
            if db.execute("SELECT 1 FROM annotations WHERE id = ?", (annotation.id,)).fetchone():
                raise DuplicateAnnotation(f"an annotation with id {annotation.id} already exists")
            self._put(db, annotation)

    def update(self, annotation: Annotation) -> None:
        """Replace a stored annotation; :class:`AnnotationNotFound` if it is gone (deleted
        meanwhile, perhaps by another copy of the app)."""
        with self._transaction() as db:
            if not db.execute(
                "SELECT 1 FROM annotations WHERE id = ?", (annotation.id,)
            ).fetchone():
                raise AnnotationNotFound(annotation.id)
            self._put(db, annotation)

    def save(self, annotation: Annotation) -> None:
        """Insert or replace by id: the idempotent write :class:`PendingWrites` replays."""
        with self._transaction() as db:
            self._put(db, annotation)

    def save_many(
        self, annotations: Iterable[Annotation], forget_text_of: Iterable[str] = ()
    ) -> None:
        """Insert or replace all of them in one transaction: all are saved or none.

        ``forget_text_of`` names documents whose next :meth:`reconcile` must re-find everything
        (an import placed these annotations against text the store has not checked).
        """
        with self._transaction() as db:
            for annotation in annotations:
                self._put(db, annotation)
            db.executemany(
                "DELETE FROM document_texts WHERE document_id = ?", [(i,) for i in forget_text_of]
            )

    def delete(self, annotation_id: str) -> Annotation | None:
        """Remove an annotation and return it (re-``add`` it to undo); None if it was not there."""
        with self._transaction() as db:
            row = db.execute(
                f"SELECT {_COLUMNS} FROM annotations WHERE id = ?", (annotation_id,)
            ).fetchone()
            db.execute("DELETE FROM annotations WHERE id = ?", (annotation_id,))
            self._cache_ops.append((annotation_id, None))
        return _from_row(row) if row else None

    # ---- reading ------------------------------------------------------------------------

    def get(self, annotation_id: str) -> Annotation | None:
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM annotations WHERE id = ?", (annotation_id,)
        ).fetchone()
        return _from_row(row) if row else None

    def for_document(self, document_id: str) -> list[Annotation]:
        """A document's annotations in reading order (document bookmarks first)."""
        return self.query(document_id=document_id)

    def all(self) -> list[Annotation]:
        return self.query()

    def query(
        self,
        document_id: str | None = None,
        colour: str | None = None,
        tag: str | None = None,
        text: str | None = None,
        kind: str | None = None,
    ) -> list[Annotation]:
        """Annotations matching every filter given. ``text`` is a case-insensitive substring of
        the note, the quote or a tag; ``tag`` matches a whole tag, ignoring case."""
        clauses, values = _filters(document_id, colour, tag, text, kind)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        # Ties (a note and a highlight on the same words) by age, then id: the same order in
        # every run, which the notes list keeps as it inserts (see listing_order).
        order = "ORDER BY document_id, bead, paragraph, start_offset, created, id"
        cache = self._valid_cache()
        if cache is not None:
            ids = self._db.execute(f"SELECT id FROM annotations {where} {order}", values)
            # An id missing from the cache was committed elsewhere a moment ago: next time.
            return [cache[i] for (i,) in ids if i in cache]
        stamp = self._stamp()  # taken before reading: a stale stamp only forces a reload
        rows = self._db.execute(f"SELECT {_COLUMNS} FROM annotations {where} {order}", values)
        found = [_from_row(row) for row in rows]
        if not clauses:
            self._cache, self._cache_stamp = {a.id: a for a in found}, stamp
        return found

    def _stamp(self) -> tuple[int, int]:
        return self._db.execute("PRAGMA data_version").fetchone()[0], self._db.total_changes

    def _valid_cache(self) -> dict[str, Annotation] | None:
        if self._cache is not None and self._stamp() != self._cache_stamp:
            self._cache = None
        return self._cache

    def _put(self, db: sqlite3.Connection, annotation: Annotation) -> None:
        _write(db, annotation)
        self._cache_ops.append((annotation.id, annotation))

    def _commit_to_cache(self, fresh_version: int | None) -> None:
        """Apply this transaction's writes to a cache that was current when it began."""
        ops, self._cache_ops = self._cache_ops, []
        if self._cache is None or fresh_version is None:
            self._cache = None
            return
        for annotation_id, state in ops:
            if state is None:
                self._cache.pop(annotation_id, None)
            else:
                self._cache[annotation_id] = state
        self._cache_stamp = (fresh_version, self._db.total_changes)

    def unplaced(self) -> list[Annotation]:
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM annotations WHERE placed = 0 ORDER BY document_id, created"
        ).fetchall()
        return [_from_row(row) for row in rows]

    def tags(self) -> list[str]:
        """Every tag in use, once (first spelling), sorted ignoring case."""
        rows = self._db.execute(
            "SELECT MIN(tag) FROM annotation_tags GROUP BY tag_key ORDER BY tag_key"
        ).fetchall()
        return [tag for (tag,) in rows]

    def documents_with_annotations(self) -> dict[str, set[str]]:
        """Document id -> the kinds of annotation it has: what the timeline marks."""
        marks: dict[str, set[str]] = {}
        for document_id, kind in self._db.execute(
            "SELECT DISTINCT document_id, kind FROM annotations"
        ):
            marks.setdefault(document_id, set()).add(kind)
        return marks

    def count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM annotations").fetchone()[0])

    def integrity_check(self) -> str:
        return "\n".join(row[0] for row in self._db.execute("PRAGMA integrity_check"))

    # ---- re-anchoring -------------------------------------------------------------------

    def reconcile(self, document: Document, pair: TextPair) -> ReconcileResult:
        """Place a document's annotations against its current text; call on opening it.

        When the text is the one last seen (same fingerprint), only placed annotations are
        checked, each with one slice comparison, and their pair (bead) refreshed from the
        current alignment. When it changed, everything is re-found, unplaced ones included.
        Nothing is written when nothing changed. ``pair`` is the document's pair as the reader
        sees it (:meth:`reader.core.pair_resolver.PairResolver.pair`).
        """
        sides = paragraphs_by_side(
            pair.source.paragraphs if pair.source else None,
            pair.target.paragraphs if pair.target else None,
        )
        fingerprint = text_fingerprint(sides)
        annotations = self.for_document(document.id)
        if not annotations:
            return ReconcileResult(text_changed=False)
        text_changed = self._fingerprint(document.id) != fingerprint
        candidates = annotations if text_changed else [a for a in annotations if a.placed]
        result = _compare(candidates, reanchor(candidates, sides, pair.alignment), text_changed)
        if (result.changed or text_changed) and self.read_only_reason is None:
            self._store_anchors(document.id, result.changed, fingerprint)
        return result

    def _fingerprint(self, document_id: str) -> str | None:
        row = self._db.execute(
            "SELECT fingerprint FROM document_texts WHERE document_id = ?", (document_id,)
        ).fetchone()
        return row[0] if row else None

    def _store_anchors(self, document_id: str, changed: list[Annotation], fingerprint: str) -> None:
        """Write new anchors onto the *current* rows, so a note edited meanwhile in another copy
        of the app keeps its new text."""
        with self._transaction() as db:
            for moved in changed:
                row = db.execute(
                    f"SELECT {_COLUMNS} FROM annotations WHERE id = ?", (moved.id,)
                ).fetchone()
                if row:
                    self._put(db, _with_anchor(_from_row(row), moved))
            db.execute(
                "INSERT OR REPLACE INTO document_texts (document_id, fingerprint, checked) "
                "VALUES (?, ?, datetime('now'))",
                (document_id, fingerprint),
            )

    # ---- transactions and backups ----------------------------------------------------------

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One immediate transaction: committed (durably) on success, rolled back otherwise."""
        if self.read_only_reason is not None:
            raise StorageUnavailable(self.read_only_reason, self.path)
        self._cache_ops = []
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise _unavailable(error, self.path) from error
        try:
            # Holding the write lock, nobody else can commit: is the cache still current?
            version, changes = self._stamp()
            fresh = version if (version, changes) == self._cache_stamp else None
            yield self._db
            self._db.execute("COMMIT")
            self._commit_to_cache(fresh)
        except BaseException as error:
            self._cache, self._cache_ops = None, []
            if self._db.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK")
            if isinstance(error, sqlite3.OperationalError):
                raise _unavailable(error, self.path) from error
            raise

    def _backup_if_due(self, now: datetime.datetime) -> None:
        folder = self.path.parent / BACKUP_DIR_NAME
        existing = [taken for trusted, taken, _ in _backups(folder, now) if trusted]
        if existing and now - existing[-1] < BACKUP_INTERVAL:
            return
        if self.count() == 0:
            return  # an empty backup would only push a useful one out of the rotation
        try:
            self.backup(folder / f"annotations-{now.strftime(_STAMP)}.sqlite3")
            for _, old in list_backups(folder, now=now)[:-BACKUPS_KEPT]:
                old.unlink()
        except (OSError, sqlite3.Error) as error:
            self.backup_error = f"The automatic backup of your notes failed: {error}"

    def backup(self, target: Path) -> Path:
        """A consistent copy of the database at ``target`` (owner-only), written atomically."""
        make_private_dirs(target.parent)
        _copy_database(self._db, target)
        return target


# ---------------------------------------------------------------------------------------------
# Rows


def _write(db: sqlite3.Connection, a: Annotation) -> None:
    db.execute(_UPSERT, _to_row(a))
    db.execute("DELETE FROM annotation_tags WHERE annotation_id = ?", (a.id,))
    db.executemany(
        "INSERT OR IGNORE INTO annotation_tags (tag_key, annotation_id, tag) VALUES (?, ?, ?)",
        [(tag.casefold(), a.id, tag) for tag in a.tags],
    )


def _to_row(a: Annotation) -> tuple[object, ...]:
    selector, position = a.selector, a.position
    # Tags never hold a newline (normalise_tags collapses whitespace), so it can separate them.
    tags = "\n".join(a.tags)
    search_text = "\n".join((a.note, a.quote, tags)).casefold()
    return (
        a.id, a.kind, a.document_id, a.side, a.language, a.bead,
        position.paragraph if position else None,
        position.start if position else None,
        position.end if position else None,
        selector.exact if selector else None,
        selector.prefix if selector else None,
        selector.suffix if selector else None,
        a.colour, a.note, tags, a.created, a.modified, int(a.placed), search_text,
    )  # fmt: skip


_SIDE_OF = {side.value: side for side in Side}  # the stored strings back to Side


def _from_row(row: tuple[Any, ...]) -> Annotation:
    """An annotation from a row, built without re-validating what the schema already checked."""
    (id_, kind, document_id, side, language, bead, paragraph, start, end) = row[:9]
    (exact, prefix, suffix, colour, note, tags, created, modified, placed) = row[9:]
    selector = position = None
    if exact is not None:
        selector = trusted(TextQuoteSelector, exact=exact, prefix=prefix or "", suffix=suffix or "")
    if paragraph is not None:
        if valid_index(paragraph) and valid_index(start) and valid_index(end) and start <= end:
            position = trusted(TextPosition, paragraph=paragraph, start=start, end=end)
        else:  # a row written by something else: its quote finds the place again
            placed = False
    if bead is not None and not valid_index(bead):
        bead = None
    return trusted(
        Annotation, id=id_, kind=kind, document_id=document_id, side=_SIDE_OF.get(side),
        language=language, bead=bead, selector=selector, position=position, colour=colour,
        note=note, tags=tuple(tags.split("\n")) if tags else (), created=created,
        modified=modified, placed=bool(placed),
    )  # fmt: skip


def _filters(
    document_id: str | None, colour: str | None, tag: str | None, text: str | None, kind: str | None
) -> tuple[list[str], list[object]]:
    clauses: list[str] = []
    values: list[object] = []
    for column, value in (("document_id", document_id), ("colour", colour), ("kind", kind)):
        if value is not None:
            clauses.append(f"{column} = ?")
            values.append(value)
    if tag:
        clauses.append("id IN (SELECT annotation_id FROM annotation_tags WHERE tag_key = ?)")
        values.append(" ".join(tag.split()).casefold())
    if text:
        # Python casefolds (SQLite's lower() knows only ASCII, and the quotes are Cyrillic).
        clauses.append("instr(search_text, ?) > 0")
        values.append(text.casefold())
    return clauses, values


def _with_anchor(current: Annotation, moved: Annotation) -> Annotation:
    return current.moved(
        position=moved.position, selector=moved.selector, bead=moved.bead, placed=moved.placed
    )


def _compare(
    before: list[Annotation], after: list[Annotation], text_changed: bool
) -> ReconcileResult:
    result = ReconcileResult(text_changed=text_changed)
    for old, new in zip(before, after, strict=True):
        if new == old:
            continue
        result.changed.append(new)
        if old.placed and not new.placed:
            result.newly_unplaced.append(new)
        elif new.placed and not old.placed:
            result.placed_back.append(new)
    return result


# ---------------------------------------------------------------------------------------------
# Opening: checking, recovering, connecting, migrating


class _Corrupt(Exception):
    pass


def _connect(path: Path) -> sqlite3.Connection:
    if not path.exists():
        # Created owner-only before SQLite sees it; its -wal and -shm files copy this mode.
        with contextlib.suppress(FileExistsError):
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600))
    _make_private(path, 0o600)
    try:
        db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA synchronous = FULL")  # durable on return, power cut included
        with contextlib.suppress(sqlite3.OperationalError):
            db.execute("PRAGMA journal_mode = WAL")  # a read-only folder keeps its mode
    except sqlite3.OperationalError as error:
        raise _unavailable(error, path) from error
    for suffix in ("-wal", "-shm"):
        _make_private(Path(f"{path}{suffix}"), 0o600)
    return db


def _migrate(db: sqlite3.Connection, path: Path) -> None:
    """Bring the schema to :data:`SCHEMA_VERSION`; refuse a newer file before any write."""
    version = _user_version(db)
    if version > SCHEMA_VERSION:
        raise NewerDatabaseError(path, version, SCHEMA_VERSION)
    if version == SCHEMA_VERSION:
        return
    try:
        db.execute("BEGIN IMMEDIATE")
        version = _user_version(db)  # another copy of the app may have migrated meanwhile
        if version > SCHEMA_VERSION:
            raise NewerDatabaseError(path, version, SCHEMA_VERSION)
        for step in MIGRATIONS[version:]:
            step(db)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.execute("COMMIT")
    except BaseException as error:
        if db.in_transaction:
            db.execute("ROLLBACK")
        if isinstance(error, sqlite3.OperationalError):
            raise _unavailable(error, path) from error
        raise


def _user_version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def _check_or_recover(path: Path, now: datetime.datetime) -> str | None:
    """Look at an existing file read-only: refuse it if newer, recover it if corrupt."""
    if not path.exists():
        return None
    try:
        version = _inspect(path)
    except _Corrupt as problem:
        return _recover(path, str(problem), now)
    if version is not None and version > SCHEMA_VERSION:
        raise NewerDatabaseError(path, version, SCHEMA_VERSION)
    if version == 0 and _is_blank(path) and _newest_sound_backup(path, now) is not None:
        # Emptied (0 bytes, or no schema at all) while the backups hold notes: not a new store.
        empty = path.stat().st_size == 0
        return _recover(path, "the file was empty" if empty else "the file had no tables", now)
    return None


def _is_blank(path: Path) -> bool:
    """True when the file has no tables at all (a 0-byte file included)."""
    try:
        db = sqlite3.connect(_read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error:
        return False
    try:
        return int(db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]) == 0
    except sqlite3.Error:
        return False
    finally:
        db.close()


def _inspect(path: Path, full: bool = False) -> int | None:
    """The file's schema version after a read-only health check; None when it could not be
    opened read-only (the read-write open then reports the problem)."""
    try:
        db = sqlite3.connect(_read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.OperationalError:
        return None
    try:
        version = _user_version(db)
        if version > SCHEMA_VERSION:
            return version  # not ours to judge, nor to touch
        rows = db.execute("PRAGMA integrity_check" if full else "PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as error:
        code = _primary_code(error)
        if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
            raise _Corrupt(str(error)) from error
        if code in (_SQLITE_CANTOPEN, _SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_FULL):
            return None  # the read-write open that follows reports it
        raise _unavailable(error, path) from error
    finally:
        db.close()
    if rows != [("ok",)]:
        raise _Corrupt(rows[0][0] if rows else "integrity check failed")
    return version


def _read_only_uri(path: Path) -> str:
    """A ``file:`` URI opening ``path`` read-only; made absolute first, because a relative path
    has no URI (``as_uri`` raises ValueError)."""
    return f"{path.absolute().as_uri()}?mode=ro"


def _recover(path: Path, problem: str, now: datetime.datetime) -> str:
    """Move the damaged file aside and put the newest sound backup in its place."""
    aside = path.with_name(f"annotations.corrupt-{now.strftime(_STAMP)}.sqlite3")
    os.replace(path, aside)
    for suffix in ("-wal", "-shm"):
        # A log belonging to the damaged file must never be replayed onto the restored one.
        with contextlib.suppress(FileNotFoundError):
            os.replace(f"{path}{suffix}", f"{aside}{suffix}")
    restored = _restore_latest_backup(path, now)
    lead = f"The notes database was damaged ({problem}). It was moved aside to {aside.name}."
    if restored is None:
        return f"{lead} No usable backup was found, so notes start empty."
    taken = restored[0].strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"{lead} Your notes were restored from the automatic backup of {taken}; "
        "changes made after that time are missing."
    )


def _restore_latest_backup(
    path: Path, now: datetime.datetime
) -> tuple[datetime.datetime, Path] | None:
    found = _newest_sound_backup(path, now)
    if found is None:
        return None
    source = sqlite3.connect(_read_only_uri(found[1]), uri=True)
    try:
        _copy_database(source, path)
    finally:
        source.close()
    return found


def _newest_sound_backup(
    path: Path, now: datetime.datetime | None = None
) -> tuple[datetime.datetime, Path] | None:
    """The newest backup that passes the integrity check and holds at least one note."""
    for taken, backup in reversed(list_backups(path.parent / BACKUP_DIR_NAME, now=now)):
        try:
            version = _inspect(backup, full=True)
            if version is None or not 0 < version <= SCHEMA_VERSION or _count(backup) == 0:
                continue
        except (_Corrupt, AnnotationStoreError, sqlite3.Error):
            continue
        return taken, backup
    return None


def _count(path: Path) -> int:
    db = sqlite3.connect(_read_only_uri(path), uri=True)
    try:
        return int(db.execute("SELECT count(*) FROM annotations").fetchone()[0])
    finally:
        db.close()


def _copy_database(source: sqlite3.Connection, target: Path) -> None:
    """Copy with SQLite's backup API into a private temporary file, then rename into place."""
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.unlink(missing_ok=True)
    os.close(os.open(temporary, os.O_CREAT | os.O_RDWR, 0o600))
    destination = sqlite3.connect(temporary)
    try:
        source.backup(destination)
    finally:
        destination.close()
    os.replace(temporary, target)


def list_backups(
    folder: Path, *, now: datetime.datetime | None = None
) -> list[tuple[datetime.datetime, Path]]:
    """Backups in ``folder``, oldest first, each with the UTC time it was taken.

    That time is the one in the name, unless the file was written earlier than its name says (a
    hand-made name): then its write time. A backup whose name or write time is after ``now``
    (default: the clock), from a clock that was once wrong, sorts first, as the oldest: it must
    neither stop new backups nor be preferred in a recovery.
    """
    return [(taken, path) for _, taken, path in _backups(folder, now)]


def _backups(
    folder: Path, now: datetime.datetime | None
) -> list[tuple[bool, datetime.datetime, Path]]:
    """(trusted, time taken, path) per backup, oldest first, the untrusted (future) ones first."""
    now = now or datetime.datetime.now(datetime.UTC)
    found: list[tuple[bool, datetime.datetime, Path]] = []
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            match = _BACKUP_NAME.match(entry.name)
            if not match:
                continue
            try:
                named = datetime.datetime.strptime(match.group(1), _STAMP)
                written = datetime.datetime.fromtimestamp(entry.stat().st_mtime, datetime.UTC)
            except (ValueError, OSError, OverflowError):
                continue
            named = named.replace(tzinfo=datetime.UTC)
            trusted = max(named, written) <= now + _CLOCK_SLACK
            found.append((trusted, min(named, written + _CLOCK_SLACK), entry))
    return sorted(found)


# ---------------------------------------------------------------------------------------------
# Errors and permissions


def _primary_code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def _unavailable(error: sqlite3.Error, path: Path) -> Exception:
    """StorageUnavailable for "cannot write here now" errors; any other error unchanged."""
    code = _primary_code(error)
    if code not in _UNAVAILABLE_REASONS:
        message = str(error).lower()
        code = next((c for text, c in _UNAVAILABLE_MESSAGES.items() if text in message), code)
    if code in _UNAVAILABLE_REASONS:
        return StorageUnavailable(_UNAVAILABLE_REASONS[code], path)
    return error


def _os_reason(error: OSError) -> str:
    return f"the data folder cannot be used ({error.strerror or error})"


def _ensure_folder(folder: Path) -> None:
    """The data folder, created owner-only if missing; a clear error if it cannot be one."""
    if folder.exists() and not folder.is_dir():
        raise StorageUnavailable(
            f"the data folder {folder} is a file, not a folder", None, "opened"
        )
    try:
        make_private_dirs(folder)
    except FileExistsError as error:
        raise StorageUnavailable(
            f"a file stands where a folder must be ({error.filename or folder})", None, "opened"
        ) from error
    except NotADirectoryError as error:
        raise StorageUnavailable(
            f"a file stands in the path of the data folder {folder}", None, "opened"
        ) from error
    except PermissionError:
        return  # it cannot be created: the store opens read-only, with no notes yet
    except OSError as error:
        raise StorageUnavailable(_os_reason(error), folder, "opened") from error


def _read_only_reason(folder: Path, path: Path) -> str | None:
    """Why the store must open read-only (read-only disk, folder or file), or None.

    Goes by the owner's write bit as well as by ``os.access``: a folder its owner made
    read-only stays so even for a user (root) whom the permission bits do not stop.
    """
    try:
        if not folder.is_dir():
            return "the data folder cannot be created"
        if hasattr(os, "statvfs") and os.statvfs(folder).f_flag & os.ST_RDONLY:
            return "the data folder is on a read-only disk"
        if not folder.stat().st_mode & stat.S_IWUSR or not os.access(folder, os.W_OK):
            return "the data folder is read-only"
        if path.exists() and (
            not path.stat().st_mode & stat.S_IWUSR or not os.access(path, os.W_OK)
        ):
            return "the notes file is read-only"
    except OSError as error:
        return _os_reason(error)
    return None


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection that writes nothing beside the file either.

    Without a log (-wal) to replay, the file is opened as immutable: SQLite then needs no -shm,
    which a read-only folder could not hold (and root would write anyway). With a log, a plain
    read-only open replays it; immutable is the fallback if that cannot work.
    """
    wal = Path(f"{path}-wal")
    logged = wal.exists() and wal.stat().st_size > 0
    choices = ("mode=ro", "mode=ro&immutable=1") if logged else ("mode=ro&immutable=1",)
    for options in choices:
        db = sqlite3.connect(
            f"{path.absolute().as_uri()}?{options}", uri=True, isolation_level=None,
            timeout=BUSY_TIMEOUT_MS / 1000,
        )  # fmt: skip
        try:
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return db
        except sqlite3.DatabaseError as error:
            db.close()
            if _primary_code(error) in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
                raise _Corrupt(str(error)) from error
    raise StorageUnavailable("the notes file cannot be opened for reading", path, "opened")


def _check_read_only(db: sqlite3.Connection, path: Path) -> None:
    version = _user_version(db)
    if version > SCHEMA_VERSION:
        db.close()
        raise NewerDatabaseError(path, version, SCHEMA_VERSION)
    try:
        rows = db.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as error:
        db.close()
        raise _Corrupt(str(error)) from error
    if rows != [("ok",)]:
        db.close()
        raise _Corrupt(rows[0][0] if rows else "integrity check failed")


def _read_only_backup(path: Path, problem: str) -> tuple[sqlite3.Connection | None, str]:
    """The newest sound backup, read-only, for a damaged file that cannot be moved aside."""
    found = _newest_sound_backup(path)
    lead = f"The notes database is damaged ({problem}) and the data folder is read-only."
    if found is None:
        return None, f"{lead} No usable backup was found."
    taken = found[0].strftime("%Y-%m-%d %H:%M UTC")
    return _connect_read_only(found[1]), f"{lead} Showing the automatic backup of {taken}."


def _in_memory_copy(source: sqlite3.Connection | None) -> sqlite3.Connection:
    """An in-memory database holding ``source`` (or nothing), migrated to the current schema."""
    memory = sqlite3.connect(":memory:", isolation_level=None)
    if source is not None:
        source.backup(memory)
        source.close()
    _migrate(memory, Path(":memory:"))
    return memory


def _make_private(path: Path, mode: int) -> None:
    """Owner-only access: group and other bits are cleared (``mode`` is the most allowed).

    The owner's own bits are never added back, so a folder or file its owner made read-only
    stays read-only. Best effort: a file system without Unix modes keeps its own.
    """
    with contextlib.suppress(OSError):
        if path.exists():
            current = stat.S_IMODE(path.stat().st_mode)
            wanted = current & mode
            if wanted != current:
                path.chmod(wanted)


# ---------------------------------------------------------------------------------------------
# Writes kept in memory while the disk cannot take them


class PendingWrites:
    """Saves and deletes that could not be written yet, replayed in order by :meth:`retry`.

    Each operation carries the annotation's whole new state (or its deletion) and is keyed by
    id, so a later operation on the same id replaces the earlier one: replaying is idempotent
    and nothing is written twice or lost. While anything is pending, new operations queue
    behind it, so the database never sees them out of order.
    """

    def __init__(self, store: AnnotationStore) -> None:
        self._store = store
        self._ops: dict[str, Annotation | None] = {}  # id -> state to save, None to delete
        self.last_error: StorageUnavailable | None = None

    def __len__(self) -> int:
        return len(self._ops)

    def __bool__(self) -> bool:
        return bool(self._ops)

    def save(self, annotation: Annotation) -> bool:
        """Save now if possible; True when written, False when kept in memory."""
        return self._submit(annotation.id, annotation)

    def delete(self, annotation_id: str) -> bool:
        return self._submit(annotation_id, None)

    def retry(self) -> bool:
        """Write what is pending, oldest first; True once nothing is left."""
        while self._ops:
            annotation_id, state = next(iter(self._ops.items()))
            try:
                self._apply(annotation_id, state)
            except StorageUnavailable as error:
                self.last_error = error
                return False
            # Only now is it safely on disk; a newer op for the same id may have replaced it.
            if self._ops.get(annotation_id, state) is state:
                del self._ops[annotation_id]
        self.last_error = None
        return True

    def pending(self) -> dict[str, Annotation | None]:
        return dict(self._ops)

    def apply_to(self, annotations: Iterable[Annotation]) -> list[Annotation]:
        """``annotations`` as read from the store, with the pending changes laid over them."""
        result = {a.id: a for a in annotations}
        for annotation_id, state in self._ops.items():
            if state is None:
                result.pop(annotation_id, None)
            else:
                result[annotation_id] = state
        return list(result.values())

    def _submit(self, annotation_id: str, state: Annotation | None) -> bool:
        self._ops.pop(annotation_id, None)  # re-queue at the end: it is now the newest
        self._ops[annotation_id] = state
        return self.retry() or annotation_id not in self._ops

    def _apply(self, annotation_id: str, state: Annotation | None) -> None:
        if state is None:
            self._store.delete(annotation_id)
        else:
            self._store.save(state)
