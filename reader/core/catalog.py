"""What the library holds, without parsing it: a metadata catalog in SQLite for lazy loading.

Startup with thousands of documents cannot parse every file (about 5 ms each), so the metadata
the timeline and the facets need is kept in ``catalog.sqlite3`` in the cache directory it is
given, with each file's size and mtime_ns. :meth:`Catalog.refresh` stats every file and parses
only new or changed ones; :meth:`Catalog.entries` gives light :class:`DocumentSummary` records in
date order; a text is parsed only when :func:`load_document` opens it.

The catalog is a cache: a missing, corrupt or older-schema file is deleted and rebuilt without a
word to the user. One :class:`Catalog` belongs to one thread; a worker opens its own (WAL mode lets
a reader and a writer share the file).

Several processes may share the cache (two searches and an import at once): the schema is made
under SQLite's write lock, every write transaction begins ``IMMEDIATE`` (it takes the lock up
front, so it never fails half-way on a stale snapshot) and waits for the lock
(:data:`BUSY_TIMEOUT_S`) instead of failing with "database is locked". A cache that cannot be
used at all (its folder is a file, say) raises :class:`CacheUnavailable` naming the path.

Cache files hold the text of documents and notes, so they are owner-only (0600, folders 0700).

Folders passed to :meth:`Catalog.refresh` are ranked in order: when two files carry the same
record id, the one in the later folder wins (the user's library after the bundled corpus), as
``Library.add`` replaces a record with the same id.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from reader.core import messages
from reader.core.atomic_files import PRIVATE_FILE, make_private_dirs
from reader.core.corpus import DOCUMENT_SUFFIXES
from reader.core.document import Document, ParseError

CATALOG_FILE = "catalog.sqlite3"
SCHEMA_VERSION = 3  # 3: people derived from titles and citations, hyphenated breaks rejoined
_SUFFIXES = tuple(DOCUMENT_SUFFIXES)
_SEPARATOR = "\x1f"  # joins list fields in one column: never in a name, cheaper than JSON
BUSY_TIMEOUT_S = 60.0  # another process's write transaction is waited for this long

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]
# path -> (size, mtime_ns, record id or None for a bad file, folder rank), as the catalog has it
_Known = dict[str, tuple[int, int, str | None, int]]
# path -> (stat, folder rank), as the folders have it now
_Found = dict[str, tuple[os.stat_result, int]]


class CacheUnavailable(Exception):
    """The cache (catalog or search index) cannot be used at ``path``; the message says why."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"The cache cannot be used: {reason} ({self.path}).")


class DocumentSummary(NamedTuple):
    """What the timeline and the facets need of a document, without its texts.

    A NamedTuple, not a dataclass: 10,000 of them are built at every startup, and a tuple is
    built several times faster than a frozen dataclass. The file is kept as a string and made a
    Path on demand, because parsing 10,000 Paths costs more than the rest of the load.
    """

    id: str
    title: str
    date: str | None
    file: str
    original_language: str | None = None
    languages: tuple[str, ...] = ()  # ISO codes of the texts present, in file order
    people: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    # ``date_sort_key`` as the catalog stored it: read with the row, not computed again for
    # each of 100,000 entries by the library and again by the timeline.
    stored_sort_key: tuple[int, str, str] | None = None

    @property
    def path(self) -> Path:
        return Path(self.file)

    @property
    def date_sort_key(self) -> tuple[int, str, str]:
        """The same order as ``Document.date_sort_key``."""
        return self.stored_sort_key or _sort_key(self.date, self.title)


@dataclass(frozen=True)
class FileStamp:
    """A file's identity for staleness: path, size and modification time in nanoseconds."""

    path: Path
    size: int
    mtime_ns: int


@dataclass
class RefreshReport:
    """What a refresh changed, and every file that is not (or no longer) a readable document."""

    added: list[str] = field(default_factory=list)  # record ids
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    errors: list[ParseError] = field(default_factory=list)
    cancelled: bool = False


def load_document(entry: DocumentSummary) -> Document:
    """Parse the document behind a summary (on open). Raises ParseError if it is gone or bad."""
    from reader.core.parsing import parse_file  # only when a file is read

    return parse_file(entry.path)


def _sort_key(date: str | None, title: str) -> tuple[int, str, str]:
    if not date:
        return (1, "", title.casefold())
    return (0, date + "-99" * (2 - date.count("-")), title.casefold())


_SCHEMA = """
CREATE TABLE files (
    path TEXT PRIMARY KEY,
    folder_rank INTEGER NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    id TEXT,
    title TEXT,
    date TEXT,
    undated INTEGER,
    date_key TEXT,
    title_key TEXT,
    original_language TEXT,
    languages TEXT,
    people TEXT,
    places TEXT,
    subjects TEXT,
    error TEXT  -- set for a file that does not parse, so a warm refresh does not retry it
);
CREATE INDEX files_order ON files (undated, date_key, title_key);
CREATE TABLE folders (path TEXT PRIMARY KEY, rank INTEGER NOT NULL);
"""

_COLUMNS = "id, title, date, path, original_language, languages, people, places, subjects"


class Catalog:
    """The metadata of every document file under the library folders, kept in SQLite."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path

    @classmethod
    def open(cls, cache_dir: Path) -> Catalog:
        """Open (or silently rebuild) ``catalog.sqlite3`` in ``cache_dir``, created if missing."""
        directory = Path(cache_dir)
        ensure_cache_folder(directory)
        path = directory / CATALOG_FILE
        return cls(open_cache_database(path, SCHEMA_VERSION, _SCHEMA), path)

    def close(self) -> None:
        self._db.close()

    # -- reading ---------------------------------------------------------------------------

    def entries(self) -> list[DocumentSummary]:
        """Every readable document in date order (undated last), one per record id."""
        rows = self._db.execute(
            f"SELECT {_COLUMNS}, folder_rank, undated, date_key, title_key FROM files "
            "WHERE error IS NULL "
            "ORDER BY undated, date_key, title_key, path"
        )
        # Row by row, never all rows at once beside their summaries (100,000 of each would
        # double the peak memory of a start).
        winners: dict[str, tuple[int, int, DocumentSummary]] = {}  # id -> (rank, position, …)
        shared = _Shared()  # see _summary
        replaced = False
        for position, row in enumerate(rows):
            best = winners.get(row[0])
            if best is None or row[9] > best[0]:
                replaced = replaced or best is not None
                winners[row[0]] = (row[9], position, _summary(row, shared))
        kept = list(winners.values())
        if replaced:  # a later folder's copy won: back to the order of the winning rows
            kept.sort(key=lambda winner: winner[1])
        return [summary for _, _, summary in kept]

    def holds_more_than(self, count: int) -> bool:
        """Whether the catalog holds more than ``count`` readable files; it stops counting
        there (a full count reads every row of a large catalog)."""
        row = self._db.execute(
            "SELECT COUNT(*) FROM (SELECT 1 FROM files WHERE error IS NULL LIMIT ?)", (count + 1,)
        ).fetchone()
        return int(row[0]) > count

    def entry(self, document_id: str) -> DocumentSummary | None:
        """The summary of one record (from the folder that wins, as in entries()), or None."""
        row = self._db.execute(
            f"SELECT {_COLUMNS}, folder_rank, undated, date_key, title_key FROM files "
            "WHERE error IS NULL AND id = ? ORDER BY folder_rank DESC, path LIMIT 1",
            (document_id,),
        ).fetchone()
        return _summary(row) if row is not None else None

    def errors(self) -> list[ParseError]:
        rows = self._db.execute("SELECT path, error FROM files WHERE error IS NOT NULL")
        return [ParseError(Path(path), messages.from_json(reason)) for path, reason in rows]

    def stamps(self) -> dict[str, FileStamp]:
        """Record id -> the stamp of the file that supplies it (for the search index)."""
        winners = {entry.id: entry.file for entry in self.entries()}
        rows = self._db.execute("SELECT path, size, mtime_ns FROM files WHERE error IS NULL")
        by_path = {path: (size, mtime) for path, size, mtime in rows}
        return {
            doc_id: FileStamp(Path(file), *by_path[file])
            for doc_id, file in winners.items()
            if file in by_path
        }

    def ids_in(self, folder: Path) -> set[str]:
        """Record ids of the readable documents under ``folder`` (e.g. the bundled corpus)."""
        prefix = str(Path(folder)) + os.sep
        rows = self._db.execute(
            "SELECT id FROM files WHERE error IS NULL AND substr(path, 1, ?) = ?",
            (len(prefix), prefix),
        )
        return {row[0] for row in rows}

    # -- writing ---------------------------------------------------------------------------

    def refresh(
        self,
        folders: Sequence[Path],
        *,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
        on_parsed: Callable[[Document], None] | None = None,
    ) -> RefreshReport:
        """Bring the catalog in line with the files under ``folders``; parse only what changed.

        ``on_parsed`` sees each newly parsed document (the search index takes it from there, so
        a changed file is parsed once). ``progress(done, total, path)`` is called per parsed file.
        """
        report = RefreshReport()
        known: _Known = {
            path: (size, mtime, doc_id, rank)
            for path, size, mtime, doc_id, rank in self._db.execute(
                "SELECT path, size, mtime_ns, id, folder_rank FROM files"
            )
        }
        found = dict(_scan(folders))
        self._drop_vanished(known, found, report)
        stale = [
            (path, stat, rank)
            for path, (stat, rank) in found.items()
            if known.get(path, (None, None))[:2] != (stat.st_size, stat.st_mtime_ns)
        ]
        report.unchanged = len(found) - len(stale)
        self._set_ranks(found, known)
        self._remember_folders(folders)
        self._parse_stale(stale, known, report, progress, cancelled, on_parsed)
        report.errors = self.errors()
        return report

    def _drop_vanished(self, known: _Known, found: _Found, report: RefreshReport) -> None:
        vanished = [path for path in known if path not in found]
        report.removed = [doc_id for path in vanished if (doc_id := known[path][2])]
        with self._db:
            self._db.executemany("DELETE FROM files WHERE path = ?", [(p,) for p in vanished])

    def _set_ranks(self, found: _Found, known: _Known) -> None:
        moved = [
            (rank, path)
            for path, (_, rank) in found.items()
            if path in known and known[path][3] != rank
        ]
        if moved:  # a warm start writes nothing
            with self._db:
                self._db.executemany("UPDATE files SET folder_rank = ? WHERE path = ?", moved)

    def _remember_folders(self, folders: Sequence[Path]) -> None:
        """Kept so that ``record`` ranks a file before the next refresh sees it."""
        wanted = [(str(Path(folder)), rank) for rank, folder in enumerate(folders)]
        if sorted(self._db.execute("SELECT path, rank FROM folders")) == sorted(wanted):
            return
        with self._db:
            self._db.execute("DELETE FROM folders")
            self._db.executemany(
                "INSERT OR REPLACE INTO folders VALUES (?, ?)",
                wanted,
            )

    def _rank_of(self, path: Path) -> int:
        folders = self._db.execute("SELECT path, rank FROM folders").fetchall()
        ranks = [rank for folder, rank in folders if str(path).startswith(folder + os.sep)]
        return max(ranks, default=len(folders))

    def _parse_stale(
        self,
        stale: list[tuple[str, os.stat_result, int]],
        known: _Known,
        report: RefreshReport,
        progress: Progress | None,
        cancelled: Cancelled | None,
        on_parsed: Callable[[Document], None] | None,
    ) -> None:
        # Commit in batches: one transaction per file would make a cold rebuild fsync-bound.
        for start in range(0, len(stale), 100):
            with self._db:
                for done, (path, stat, rank) in enumerate(stale[start : start + 100], start):
                    if cancelled is not None and cancelled():
                        report.cancelled = True
                        return
                    document = self._parse_one(Path(path), stat, rank)
                    if document is not None:
                        (report.updated if path in known else report.added).append(document.id)
                        if on_parsed is not None:
                            on_parsed(document)
                    if progress is not None:
                        progress(done + 1, len(stale), path)

    def _parse_one(self, path: Path, stat: os.stat_result, rank: int) -> Document | None:
        try:
            from reader.core.parsing import parse_file  # only when a file is read

            document = parse_file(path)
        except ParseError as error:
            self._store_error(path, stat, rank, error.reason)
            return None
        except Exception as error:  # a parser bug must not stop the other files
            self._store_error(path, stat, rank, f"unexpected error: {error!r}")
            return None
        self.record(document, path, stat=stat, rank=rank)
        return document

    def record(
        self,
        document: Document,
        path: Path,
        *,
        stat: os.stat_result | None = None,
        rank: int | None = None,
    ) -> None:
        """Store one parsed document (the importer calls this so the catalog stays warm)."""
        stat = stat or path.stat()
        if rank is None:
            rank = self._rank_of(path)
        undated, date_key, title_key = document.date_sort_key
        self._db.execute(
            "INSERT OR REPLACE INTO files VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,NULL)",
            (
                str(path), rank, stat.st_size, stat.st_mtime_ns, document.id, document.title,
                document.date, undated, date_key, title_key, document.original_language,
                _join(text.language for text in document.texts), _join(document.people),
                _join(document.places), _join(document.subjects),
            ),
        )  # fmt: skip

    def _store_error(self, path: Path, stat: os.stat_result, rank: int, reason: str) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO files (path, folder_rank, size, mtime_ns, error) "
            "VALUES (?, ?, ?, ?, ?)",
            (str(path), rank, stat.st_size, stat.st_mtime_ns, messages.to_json(reason)),
        )

    def commit(self) -> None:
        self._db.commit()


# ---------------------------------------------------------------------------------------------
# Files on disk


def _scan(folders: Sequence[Path]) -> Iterator[tuple[str, tuple[os.stat_result, int]]]:
    """(path, (stat, folder rank)) for every document file, by the rules of iter_document_files.

    os.scandir hands back the directory entries with their types, so 10,000 files cost one stat
    each and no more.
    """
    for rank, folder in enumerate(folders):
        if Path(folder).is_dir():
            # Per folder, so a file reached through two folders keeps its later rank.
            seen_folders: set[tuple[int, int]] = set()
            seen_files: set[tuple[int, int]] = set()
            for path, stat in _walk(str(Path(folder)), seen_folders, seen_files):
                yield path, (stat, rank)


def _walk(
    top: str, seen_folders: set[tuple[int, int]], seen_files: set[tuple[int, int]]
) -> Iterator[tuple[str, os.stat_result]]:
    """Document files under ``top``, each folder and file once however symbolic links loop
    (tracked by device and inode), without recursion."""
    pending = [top]
    while pending:
        folder = pending.pop()
        try:
            identity = os.stat(folder)
            if (identity.st_dev, identity.st_ino) in seen_folders:
                continue
            seen_folders.add((identity.st_dev, identity.st_ino))
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            continue
        subfolders: list[str] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            with contextlib.suppress(OSError):
                if entry.is_dir():
                    subfolders.append(entry.path)
                elif entry.name.lower().endswith(_SUFFIXES) and entry.is_file():
                    stat = entry.stat()
                    if (stat.st_dev, stat.st_ino) not in seen_files:
                        seen_files.add((stat.st_dev, stat.st_ino))
                        yield entry.path, stat
        pending.extend(reversed(subfolders))


# ---------------------------------------------------------------------------------------------
# Rows and the database file


def _join(values: Iterable[str]) -> str:
    return _SEPARATOR.join(values)


class _Shared:
    """Values already made during one read of the catalog, to hand out again (see _summary)."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}
        self.lists: dict[str, tuple[str, ...]] = {}


def _split(value: str | None, shared: _Shared | None = None) -> tuple[str, ...]:
    if not value:
        return ()
    if shared is None:
        return tuple(value.split(_SEPARATOR))
    found = shared.lists.get(value)
    if found is None:
        texts = shared.texts
        found = shared.lists[value] = tuple(texts.setdefault(p, p) for p in value.split(_SEPARATOR))
    return found


def _summary(row: tuple[Any, ...], shared: _Shared | None = None) -> DocumentSummary:
    """An entry from its row. With ``shared`` (one dict for a whole read), equal field values
    (languages, names, places, subjects) are one object for all entries: 100,000 entries that
    name the same few hundred people hold each name once."""
    doc_id, title, date, path, original, languages, people, places, subjects = row[:9]
    if shared is not None and original is not None:
        original = shared.texts.setdefault(original, original)
    return DocumentSummary(
        doc_id, title, date, path, original,
        _split(languages, shared), _split(people, shared), _split(places, shared),
        _split(subjects, shared), row[10:13] if len(row) >= 13 else None,
    )  # fmt: skip


def ensure_cache_folder(folder: Path) -> None:
    """The cache folder, created owner-only if missing; CacheUnavailable if it cannot be."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise CacheUnavailable(folder, "the cache folder is a file, not a folder")
    try:
        make_private_dirs(folder)
    except (FileExistsError, NotADirectoryError) as error:
        blocker = Path(error.filename) if error.filename else folder
        raise CacheUnavailable(blocker, "a file stands where the cache folder must be") from None
    except OSError as error:
        reason = f"the cache folder cannot be created ({error.strerror or error})"
        raise CacheUnavailable(folder, reason) from None


def open_cache_database(path: Path, version: int, schema: str) -> sqlite3.Connection:
    """Open a cache database, rebuilding it when missing, corrupt or of another schema version.

    The file holds nothing that cannot be recomputed from the documents, so a bad file is
    deleted rather than repaired, and the user is never asked. Raises CacheUnavailable when the
    file cannot be opened at all. The connection begins every write transaction IMMEDIATE.
    """
    path = Path(path)
    if path.is_dir():
        raise CacheUnavailable(path, "a folder stands where the cache file must be")
    if not path.parent.is_dir():
        raise CacheUnavailable(path.parent, "the cache folder is missing or not a folder")
    try:
        try:
            return _open_retrying(path, version, schema)
        except sqlite3.DatabaseError as error:
            if _is_unavailable(error):
                raise
            _delete_database(path)
            return _open_retrying(path, version, schema)
    except sqlite3.DatabaseError as error:
        raise CacheUnavailable(path, f"the cache file cannot be opened ({error})") from None
    except OSError as error:
        reason = f"the cache file cannot be opened ({error.strerror or error})"
        raise CacheUnavailable(path, reason) from None


def _open_retrying(path: Path, version: int, schema: str) -> sqlite3.Connection:
    """``_open_checked``, tried again while another process holds a lock SQLite would not wait
    for (switching a fresh file to WAL, for one), with a growing pause, for BUSY_TIMEOUT_S."""
    deadline, pause = time.monotonic() + BUSY_TIMEOUT_S, 0.01
    while True:
        try:
            return _open_checked(path, version, schema)
        except sqlite3.OperationalError as error:
            if not _is_busy(error) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.5)


def _is_busy(error: sqlite3.DatabaseError) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    return isinstance(code, int) and code & 0xFF in (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED


def _is_unavailable(error: sqlite3.DatabaseError) -> bool:
    """Errors no rebuild can cure: a locked, unwritable or unopenable file."""
    code = getattr(error, "sqlite_errorcode", None)
    # SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN
    return isinstance(code, int) and code & 0xFF in (5, 6, 8, 10, 13, 14)


def _open_checked(path: Path, version: int, schema: str) -> sqlite3.Connection:
    _create_private(path)
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level="IMMEDIATE")
    try:
        connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        if connection.execute("PRAGMA user_version").fetchone()[0] != version:
            _rebuild(connection, version, schema)
        else:
            # quick_check reads every page; the header check above already caught garbage files,
            # and a damaged page surfaces as DatabaseError on the first query that meets it.
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            connection.execute("PRAGMA journal_mode=WAL")  # kept by the file: set once
        connection.execute("PRAGMA synchronous=NORMAL")  # a cache: losing the last commit is fine
    except BaseException:
        connection.close()
        raise
    for suffix in ("-wal", "-shm"):
        _keep_private(Path(f"{path}{suffix}"))
    return connection


def _create_private(path: Path) -> None:
    """Create the file owner-only before SQLite sees it (its -wal and -shm copy the mode)."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, PRIVATE_FILE))
    _keep_private(path)


def _keep_private(path: Path) -> None:
    """Clear group and other bits of a cache file an older version left readable to all."""
    with contextlib.suppress(OSError):
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:
            path.chmod(mode & 0o700)


def _rebuild(connection: sqlite3.Connection, version: int, schema: str) -> None:
    """Make the schema ``version`` under the write lock: a process that got there first has
    already done it, and its work is kept."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        if connection.execute("PRAGMA user_version").fetchone()[0] != version:
            _drop_everything(connection)
            for statement in schema.split(";"):
                if statement.strip():
                    connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {int(version)}")
        connection.commit()
    except BaseException:
        connection.rollback()
        raise


def _drop_everything(connection: sqlite3.Connection) -> None:
    """Drop every table of an older schema (virtual tables first: they own shadow tables)."""
    for virtual in (True, False):
        rows = connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND (sql LIKE 'CREATE VIRTUAL%') = ?",
            (virtual,),
        ).fetchall()
        for (name,) in rows:
            quoted = name.replace('"', '""')
            connection.execute(f'DROP TABLE IF EXISTS "{quoted}"')


def _delete_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            Path(str(path) + suffix).unlink()
