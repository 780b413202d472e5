"""Importing documents into the user's library: ``<data dir>/library/<file name>.txt``.

The file name of a record is :func:`library_file_name`: the record id itself when it is a plain,
portable name (``117421.txt``, as libraries have always had), otherwise a readable slug of it
with a hash of the whole id (``a_b~3f2c…txt``), so no two ids share a file and no name passes
the file system's 255-byte limit. The catalog reads the record id from each file's content, so
files named either way are found.

Each file is parsed first (so only documents get in, and the record id is known), then copied
byte for byte: the library keeps what the archive gave, and re-parsing the copy gives the same
document. The bundled corpus is never written to.

Decisions:

* the same record imported again replaces the library copy ("updated") when the bytes differ, and
  is skipped as unchanged when they are identical;
* a record id the bundled corpus already has is skipped ("already in the bundled corpus"): the
  bundled copy is curated (it may carry a hand-made alignment beside it) and an app update may
  correct it, which a user copy would hide for good;
* the same record twice in one import: the first file wins, the others are skipped as duplicates;
* a library file that holds another record is never overwritten: the import of that file fails,
  with a reason, and the batch goes on (as it does past any file that cannot be read or written).

The work is plain functions over arguments (no globals, no Qt), so a worker thread can run it; it
reports progress after every file (a file takes milliseconds, so a waiting GUI is never starved)
and checks ``cancelled()`` before each one.

Both cores: reading, decoding, parsing (language detection included) and stemming the index terms
of each file run in worker processes (:data:`PARALLEL_FROM` files or more), in chunks, a few
chunks in flight and their results taken in file order; every decision and every write (the
library copy, the catalog, the search index) stays in this process, one SQLite writer. A worker
never raises for a file: what went wrong comes back as the file's item.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
from collections import deque
from collections.abc import Callable, Container, Iterable, Iterator
from concurrent.futures import (
    BrokenExecutor,
    Executor,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
)
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path

from reader.core.atomic_files import PRIVATE_FILE, make_private_dirs
from reader.core.atomic_files import write_atomically as write_file_atomically
from reader.core.catalog import Catalog, FileStamp
from reader.core.corpus import iter_document_files
from reader.core.document import Document, ParseError
from reader.core.encoding import UNDECODABLE, decode_document
from reader.core.messages import QT_TRANSLATE_NOOP, Message
from reader.core.parsing import parse_text, read_document_bytes
from reader.core.search_index import IndexTerms, SearchIndex, document_terms

LIBRARY_FOLDER = "library"
IN_BUNDLED_CORPUS = Message(QT_TRANSLATE_NOOP("CoreMessages", "already in the bundled corpus"))
UNCHANGED = Message(
    QT_TRANSLATE_NOOP("CoreMessages", "unchanged: the library already has this exact file")
)
_SAFE_NAME = re.compile(r"^[^\W_][\w.\- ]{0,120}$")
# A name made by library_file_name for an id that is not plain: slug, "~", 16 hex digits.
_HASHED_NAME = re.compile(r"^[^\W_][\w.\-]{0,79}~[0-9a-f]{16}$")
_NAME_BYTES = 200  # of a plain name: well inside 255 bytes, with room for ".txt" and temp names
_SLUG_BYTES = 80
_COMMIT_EVERY = 50  # documents per transaction: fast, and a reader sees progress
PARALLEL_FROM = 64  # fewer files are parsed here: starting worker processes costs ~0.2 s
_CHUNK = 16  # files per task handed to a worker
_IN_FLIGHT_PER_WORKER = 3  # chunks queued per worker: busy, yet little held in memory
# Copies written at once: flushing a file to disk mostly waits, and the disk takes several
# flushes together (four threads copy three times as fast as one on an ext4 disk).
_COPY_THREADS = 4
_COPIES_IN_FLIGHT = 16


@dataclass(frozen=True)
class _Prepared:
    """A file read and parsed (in a worker): its bytes, document and index terms, or the item
    saying why it cannot be imported."""

    path: Path
    data: bytes = b""
    document: Document | None = None
    terms: IndexTerms | None = None
    item: ImportItem | None = None


class Outcome(Enum):
    IMPORTED = "imported"
    UPDATED = "updated"
    SKIPPED = "skipped"
    FAILED = "failed"  # could not be read or written: worth the user's attention


@dataclass(frozen=True)
class ImportItem:
    """What happened to one file."""

    path: Path
    outcome: Outcome
    document_id: str | None = None
    reason: str = ""  # why it was skipped or failed
    library_path: Path | None = None  # the library file, for IMPORTED and UPDATED

    def describe(self) -> str:
        label = f"{self.outcome.value:<8} {self.path}"
        if self.document_id:
            label += f"  (record {self.document_id})"
        return f"{label}: {self.reason}" if self.reason else label


@dataclass
class ImportReport:
    items: list[ImportItem] = field(default_factory=list)
    not_processed: int = 0  # files left when the import was cancelled
    cancelled: bool = False

    def count(self, outcome: Outcome) -> int:
        return sum(1 for item in self.items if item.outcome is outcome)

    @property
    def failed(self) -> bool:
        """True when a file could not be read or copied, or the import was cut short.

        Skipping a non-document, a duplicate or an unchanged record is the import working as
        meant; an unreadable file or a full disk is something the user must look at.
        """
        return self.cancelled or self.count(Outcome.FAILED) > 0

    def summary(self) -> str:
        parts = [f"{self.count(outcome)} {outcome.value}" for outcome in Outcome]
        line = ", ".join(parts)
        if self.cancelled:
            line += f"; cancelled with {self.not_processed} files not processed"
        return line


def library_dir(data: Path) -> Path:
    """The folder imported documents live in, inside the user's data folder."""
    return Path(data) / LIBRARY_FOLDER


def import_paths(
    paths: Iterable[Path],
    library: Path,
    *,
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    bundled_ids: Container[str] = frozenset(),
    catalog: Catalog | None = None,
    index: SearchIndex | None = None,
) -> ImportReport:
    """Import files and folders (recursively) into ``library``; never raises for a bad file.

    ``catalog`` and ``index``, when given, are updated with every imported document, so the
    timeline and search know it at once and nothing is parsed twice.
    """
    files = iter_document_files(paths)
    make_private_dirs(library)
    # Listed once: a check per file waits on the folder the copy threads are writing into.
    present = {entry.name for entry in os.scandir(library)}
    report = ImportReport()
    seen: dict[str, Path] = {}
    stop = cancelled or (lambda: False)
    with_terms = index is not None
    prepared = (
        _prepared_in_workers(files, with_terms, stop, workers)
        if len(files) >= PARALLEL_FROM and (workers := _worker_count()) > 1
        else (_prepare(path, with_terms) for path in files if not stop())
    )
    done = 0
    # Library copies are written and flushed to disk in threads (the flush waits on the disk,
    # not the processor), while this thread goes on; each is recorded once it is on disk, in
    # file order, by this thread alone (it holds the catalog and the index).
    with ThreadPoolExecutor(_COPY_THREADS, thread_name_prefix="library-copy") as copier:
        steps: deque[ImportItem | _Copy] = deque()
        for ready in prepared if not stop() else ():
            try:
                steps.append(_import_one(ready, library, seen, bundled_ids, copier, present))
            except OSError as error:  # a name, a folder or a disk that fails: the batch goes on
                steps.append(ImportItem(ready.path, Outcome.FAILED, reason=_not_copied(error)))
            while steps and (len(steps) > _COPIES_IN_FLIGHT or _settled(steps[0])):
                report.items.append(_finished(steps.popleft(), catalog, index))
                done += 1
                if done % _COMMIT_EVERY == 0:
                    _commit(catalog, index)
                if progress is not None:
                    progress(done, len(files), str(report.items[-1].path))
            if done + len(steps) < len(files) and stop():
                break
        while steps:  # cancelled or at the end: what was started is finished and recorded
            report.items.append(_finished(steps.popleft(), catalog, index))
            done += 1
            if progress is not None:
                progress(done, len(files), str(report.items[-1].path))
    if isinstance(prepared, Iterator):
        close = getattr(prepared, "close", None)
        if close is not None:
            close()  # the workers are shut down now, not when the generator is collected
    if done < len(files):
        report.cancelled, report.not_processed = True, len(files) - done
    _commit(catalog, index)
    return report


def _worker_count() -> int:
    return min(os.cpu_count() or 1, 8)


def _prepared_in_workers(
    files: list[Path], with_terms: bool, cancelled: Callable[[], bool], workers: int
) -> Iterator[_Prepared]:
    """``_prepare`` of every file in worker processes, yielded in file order; stops handing out
    work once ``cancelled()`` (or the consumer stops), and leaves no process behind.

    Workers are spawned, never forked: this may run in a thread of a Qt process. When a worker
    dies (killed, or out of memory), this process parses the files not yet done itself."""
    chunks = deque(files[start : start + _CHUNK] for start in range(0, len(files), _CHUNK))
    pending: deque[tuple[list[Path], Future[list[_Prepared]]]] = deque()
    context = multiprocessing.get_context("spawn")
    executor = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    try:
        while chunks or pending:
            try:  # a broken pool refuses new work as well as failing the work it holds
                while chunks and len(pending) < workers * _IN_FLIGHT_PER_WORKER and not cancelled():
                    future = executor.submit(_prepare_chunk, chunks[0], with_terms)
                    pending.append((chunks.popleft(), future))
                if not pending:
                    return
                results = pending[0][1].result()
            except BrokenExecutor:
                left = [*(waiting for waiting, _ in pending), *chunks]
                yield from _prepared_here(left, with_terms, cancelled)
                return
            pending.popleft()
            yield from results
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _prepared_here(
    chunks: Iterable[list[Path]], with_terms: bool, cancelled: Callable[[], bool]
) -> Iterator[_Prepared]:
    for chunk in chunks:
        for path in chunk:
            if cancelled():
                return
            yield _prepare(path, with_terms)


def _prepare_chunk(paths: list[Path], with_terms: bool) -> list[_Prepared]:
    return [_prepare(path, with_terms) for path in paths]


def _prepare(path: Path, with_terms: bool) -> _Prepared:
    """Read, decode and parse one file, and (for the index) stem its terms; never raises."""
    try:
        data = read_document_bytes(path)
        document = parse_text(decode_document(data, path), path)
        terms = document_terms(document) if with_terms else None
    except ParseError as error:
        return _Prepared(path, item=_rejected(path, error))
    except Exception as error:  # a parser bug must not cost the user the other files
        return _Prepared(
            path,
            item=ImportItem(
                path,
                Outcome.FAILED,
                reason=Message(
                    QT_TRANSLATE_NOOP("CoreMessages", "unexpected error: %1"), repr(error)
                ),
            ),
        )
    return _Prepared(path, data, document, terms)


def _import_one(
    ready: _Prepared,
    library: Path,
    seen: dict[str, Path],
    bundled_ids: Container[str],
    copier: Executor,
    present: Container[str],
) -> ImportItem | _Copy:
    if ready.item is not None or ready.document is None:
        return ready.item or ImportItem(
            ready.path,
            Outcome.FAILED,
            reason=Message(QT_TRANSLATE_NOOP("CoreMessages", "not parsed")),
        )
    path, document = ready.path, ready.document
    target = library / library_file_name(document.id)
    document_id = _library_id(document, path, target)
    if document_id in bundled_ids:
        return ImportItem(path, Outcome.SKIPPED, document_id, IN_BUNDLED_CORPUS)
    if document_id in seen:
        reason = Message(
            QT_TRANSLATE_NOOP("CoreMessages", "duplicate: the same record as %1"),
            str(seen[document_id]),
        )
        return ImportItem(path, Outcome.SKIPPED, document_id, reason)
    seen[document_id] = path
    return _start_copy(ready, document, target, document_id, copier, target.name in present)


@dataclass(frozen=True)
class _Copy:
    """A library copy being written, and what to record once it is on disk."""

    ready: _Prepared
    document: Document
    target: Path
    document_id: str
    existed: bool
    written: Future[os.stat_result]


def _start_copy(
    ready: _Prepared,
    document: Document,
    target: Path,
    document_id: str,
    copier: Executor,
    existed: bool,
) -> ImportItem | _Copy:
    """Start copying a parsed document into the library, unless the copy would change nothing
    or overwrite another record (``existed``: the library held a file of that name)."""
    path, data = ready.path, ready.data
    if existed and _same_bytes(target, data):
        return ImportItem(path, Outcome.SKIPPED, document_id, UNCHANGED)
    other = _record_in(target) if existed else None
    if other is not None and other != document_id:
        reason = Message(
            QT_TRANSLATE_NOOP(
                "CoreMessages", "its library file %1 holds another record (%2); left as it was"
            ),
            target.name,
            other,
        )
        return ImportItem(path, Outcome.FAILED, document_id, reason)
    written = copier.submit(write_atomically, target, data)
    return _Copy(ready, document, target, document_id, existed, written)


def _settled(step: ImportItem | _Copy) -> bool:
    return isinstance(step, ImportItem) or step.written.done()


def _finished(
    step: ImportItem | _Copy, catalog: Catalog | None, index: SearchIndex | None
) -> ImportItem:
    """What happened to a file, once its copy (if any) is on disk and recorded in the catalog
    and the index."""
    if isinstance(step, ImportItem):
        return step
    path, document_id, target = step.ready.path, step.document_id, step.target
    try:
        stat = step.written.result()
    except OSError as error:
        return ImportItem(path, Outcome.FAILED, document_id, _not_copied(error))
    # The copy parses exactly as the original did, but for an id taken from the file name.
    stored = replace(step.document, id=document_id, path=target)
    if catalog is not None:
        catalog.record(stored, target, stat=stat)
    if index is not None:
        stamp = FileStamp(target, stat.st_size, stat.st_mtime_ns)
        index.add_document(stored, stamp, terms=step.ready.terms)
    outcome = Outcome.UPDATED if step.existed else Outcome.IMPORTED
    return ImportItem(path, outcome, document_id, library_path=target)


def _not_copied(error: OSError) -> str:
    return Message(
        QT_TRANSLATE_NOOP("CoreMessages", "could not be copied into the library (%1)"),
        str(error.strerror or error),
    )


def _record_in(target: Path) -> str | None:
    """The record id of the library file at ``target`` as the catalog would read it; None when
    it is no document (then it may be replaced)."""
    try:
        data = read_document_bytes(target)
        return _library_id(parse_text(decode_document(data, target), target), target, target)
    except ParseError:
        return None


def _rejected(path: Path, error: ParseError) -> ImportItem:
    """A file the parser refused: not a document (skipped) or one we could not read (failed)."""
    reason = error.reason
    if error.unreadable:
        return ImportItem(
            path,
            Outcome.FAILED,
            reason=Message(QT_TRANSLATE_NOOP("CoreMessages", "unreadable: %1"), reason),
        )
    if reason.startswith(UNDECODABLE):
        return ImportItem(
            path,
            Outcome.SKIPPED,
            reason=Message(QT_TRANSLATE_NOOP("CoreMessages", "unsupported encoding: %1"), reason),
        )
    return ImportItem(
        path,
        Outcome.SKIPPED,
        reason=Message(QT_TRANSLATE_NOOP("CoreMessages", "not a document: %1"), reason),
    )


def library_file_name(document_id: str) -> str:
    """The name of a record's file in the library, ``.txt`` included.

    A plain id (letters, digits, ``.``, ``-``, ``_`` and spaces, not starting with punctuation,
    at most 200 bytes) is its own name, as libraries have always had it. Any other id gets a
    slug of it and 16 hex digits of its SHA-256 after a ``~``, which no plain id holds, so two
    ids never share a name; a name of that form (the id of a file named from such a name) is
    its own name again. Every name fits the file system's 255-byte limit.
    """
    if _plain(document_id) or _HASHED_NAME.match(document_id):
        return f"{document_id}.txt"
    slug = re.sub(r"[^\w.\-]+", "_", document_id).strip("._- ") or "document"
    slug = slug.encode("utf-8")[:_SLUG_BYTES].decode("utf-8", "ignore").rstrip("._- ") or "document"
    digest = hashlib.sha256(document_id.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{slug}~{digest}.txt"


def _plain(document_id: str) -> bool:
    return bool(_SAFE_NAME.match(document_id)) and (
        len(document_id.encode("utf-8", "surrogatepass")) <= _NAME_BYTES
        and not document_id.endswith((" ", "."))
    )


def _library_id(document: Document, source: Path, target: Path) -> str:
    """The id the record has once in the library: a name-derived id follows the new name."""
    return Path(target.name).stem if document.id == source.stem else document.id


def _same_bytes(target: Path, data: bytes) -> bool:
    try:
        return target.stat().st_size == len(data) and target.read_bytes() == data
    except OSError:
        return False


def write_atomically(target: Path, data: bytes) -> os.stat_result:
    """A private, durable copy: never a half-written file, readable by its owner only. Returns
    its stat, taken in the writing thread, for the catalog and the index to record."""
    write_file_atomically(target, data, durable=True, mode=PRIVATE_FILE)
    return target.stat()


def _commit(catalog: Catalog | None, index: SearchIndex | None) -> None:
    if catalog is not None:
        catalog.commit()
    if index is not None:
        index.commit()


def library_folders(corpus: Path, data: Path) -> list[Path]:
    """The folders the catalog reads, in rank order: the user's library overrides the corpus."""
    return [Path(corpus), library_dir(data)]
