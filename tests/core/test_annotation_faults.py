"""Faults the notes must survive: kills, damaged files, newer files, full or read-only storage,
two copies of the app at once, and (never) the network."""

from __future__ import annotations

import datetime
import json
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.core.alignment_cache import AlignmentCache
from reader.core.alignment_corrections import CorrectionStore
from reader.core.annotation_store import (
    DB_NAME,
    SCHEMA_VERSION,
    AnnotationStore,
    NewerDatabaseError,
    PendingWrites,
    StorageUnavailable,
    list_backups,
)
from reader.core.annotations import Annotation, TextPosition, TextQuoteSelector
from reader.core.document import Document, Text
from reader.core.notes_export import import_w3c, to_markdown, to_w3c_json
from reader.core.pair_resolver import PairResolver

PROJECT_DIR = Path(__file__).resolve().parents[2]
T0 = datetime.datetime(2024, 5, 1, 9, 0, tzinfo=datetime.UTC)


def _note(number: int, prefix: str = "n", version: int = 1) -> Annotation:
    return Annotation(
        id=f"{prefix}-{number:05d}",
        kind="note",
        document_id=f"doc-{number % 7}",
        side="source",
        language="ru",
        bead=number % 5,
        selector=TextQuoteSelector(f"цитата номер {number}", "до ", " после"),
        position=TextPosition(number % 5, 3, 3 + len(f"цитата номер {number}")),
        colour="yellow",
        note=f"v{version} " + "заметка " * 20,
        tags=("burst",),
        created="2024-05-01T09:00:00.000Z",
        modified=f"2024-05-01T09:00:{version:02d}.000Z",
    )


def _run_child(script: str, data_dir: Path, *args: str) -> subprocess.Popen[str]:
    """Run ``script`` with ``args`` and then the data folder as its command-line arguments."""
    return subprocess.Popen(
        [sys.executable, "-c", script, *args, str(data_dir)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=PROJECT_DIR,
    )


def _kill_after_ready(child: subprocess.Popen[str], delay: float) -> list[str]:
    """SIGKILL ``delay`` seconds after the child says it is ready; its complete output lines."""
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    rest = child.stdout.read()
    child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL, "the child finished before it was killed"
    complete = rest if rest.endswith("\n") else rest.rsplit("\n", 1)[0]
    return complete.splitlines()


BURST = """
import sys
from pathlib import Path
sys.path.insert(0, "tests/core")
from test_annotation_faults import _note
from reader.core.annotation_store import AnnotationStore
prefix = sys.argv[1]
store = AnnotationStore.open(Path(sys.argv[-1]))
print("ready", flush=True)
number = 0
while True:
    store.add(_note(number, prefix))
    print("add", _note(number, prefix).id, flush=True)
    store.update(_note(number, prefix, version=2))
    print("upd", _note(number, prefix).id, 2, flush=True)
    store.add(_note(number, "tmp" + prefix))
    store.delete(_note(number, "tmp" + prefix).id)
    print("del", _note(number, "tmp" + prefix).id, flush=True)
    number += 1
"""


def test_sigkill_during_a_burst_of_changes_loses_nothing_committed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    rng = random.Random(4)
    added: set[str] = set()
    versions: dict[str, int] = {}
    deleted: set[str] = set()
    for round_number in range(5):
        child = _run_child(BURST, data, f"r{round_number}")
        for line in _kill_after_ready(child, rng.uniform(0.05, 0.6)):
            action, annotation_id, *rest = line.split()
            {"add": added, "del": deleted}.get(action, set()).add(annotation_id)
            if action == "upd":
                versions[annotation_id] = int(rest[0])
    assert len(added) > 20, "the kills came too early to test anything"
    with AnnotationStore.open(data) as store:
        assert store.integrity_check() == "ok"
        stored = {a.id: a for a in store.all()}
    assert added <= set(stored)
    for annotation_id, version in versions.items():
        assert int(stored[annotation_id].note.split()[0][1:]) >= version
    assert not deleted & set(stored)


IMPORTS = """
import json, sys
from pathlib import Path
sys.path.insert(0, "tests/core")
from test_annotation_faults import _note
from reader.core.alignment_cache import AlignmentCache
from reader.core.alignment_corrections import CorrectionStore
from reader.core.annotation_store import AnnotationStore
from reader.core.notes_export import import_w3c, to_w3c_json
from reader.core.pair_resolver import PairResolver
prefix, data = sys.argv[1], Path(sys.argv[-1])
store = AnnotationStore.open(data)
resolver = PairResolver(CorrectionStore(data), AlignmentCache(data / "cache"))
print("ready", flush=True)
nothing = lambda document_id: None  # no document is in the library
batch = 0
while True:
    notes = [_note(n, f"{prefix}b{batch}") for n in range(25)]
    import_w3c(json.dumps(to_w3c_json(notes, nothing)), store, nothing, resolver)
    print("imported", batch, flush=True)
    batch += 1
"""


def test_sigkill_during_imports_keeps_each_import_whole(tmp_path: Path) -> None:
    data = tmp_path / "data"
    rng = random.Random(11)
    reported: list[str] = []
    for round_number in range(3):
        child = _run_child(IMPORTS, data, f"r{round_number}")
        lines = _kill_after_ready(child, rng.uniform(0.1, 0.7))
        reported += [f"r{round_number}b{line.split()[1]}" for line in lines]
    assert reported, "the kills came too early to test anything"
    with AnnotationStore.open(data) as store:
        assert store.integrity_check() == "ok"
        ids = {a.id for a in store.all()}
    for batch in reported:
        assert {_note(n, batch).id for n in range(25)} <= ids
    batches = {annotation_id.rsplit("-", 1)[0] for annotation_id in ids}
    for batch in batches:  # all or nothing, even for the import the kill interrupted
        assert {_note(n, batch).id for n in range(25)} <= ids


def _store_with_backup(data: Path, count: int = 200) -> set[str]:
    """A database with ``count`` notes and a backup of them, plus one note made after it."""
    with AnnotationStore.open(data, now=T0) as store:
        store.save_many(_note(n) for n in range(count))
    with AnnotationStore.open(data, now=T0 + datetime.timedelta(days=1)) as store:
        assert len(list_backups(data / "backups")) == 1
        store.add(_note(count, "late"))
    return {_note(n).id for n in range(count)}


def _damage_and_reopen(data: Path, damage: bytes) -> AnnotationStore:
    (data / DB_NAME).write_bytes(damage)
    return AnnotationStore.open(data, now=T0 + datetime.timedelta(days=1, hours=2))


def test_corrupt_file_is_moved_aside_and_the_backup_restored(isolated_data_dir: Path) -> None:
    data = isolated_data_dir
    backed_up = _store_with_backup(data)
    garbage = random.Random(1).randbytes(64 * 1024)
    with _damage_and_reopen(data, garbage) as store:
        assert {a.id for a in store.all()} == backed_up
        assert store.integrity_check() == "ok"
        notice = store.recovery_notice
    assert notice and "damaged" in notice and "2024-05-02 09:00 UTC" in notice
    (aside,) = data.glob("annotations.corrupt-*.sqlite3")
    assert aside.read_bytes() == garbage and aside.name in notice


def test_truncated_file_is_moved_aside_and_the_backup_restored(isolated_data_dir: Path) -> None:
    data = isolated_data_dir
    backed_up = _store_with_backup(data)
    whole = (data / DB_NAME).read_bytes()
    with _damage_and_reopen(data, whole[: len(whole) // 2]) as store:
        assert {a.id for a in store.all()} == backed_up
        assert store.recovery_notice and "restored" in store.recovery_notice
    assert len(list(data.glob("annotations.corrupt-*.sqlite3"))) == 1


def test_a_damaged_backup_is_passed_over_for_an_older_sound_one(isolated_data_dir: Path) -> None:
    data = isolated_data_dir
    backed_up = _store_with_backup(data)
    newer = data / "backups" / "annotations-20240503-090000.sqlite3"
    newer.write_bytes(b"not a database at all" * 100)
    with _damage_and_reopen(data, b"\x00garbage" * 1000) as store:
        assert {a.id for a in store.all()} == backed_up


def test_without_a_backup_the_store_starts_empty_and_says_so(isolated_data_dir: Path) -> None:
    with AnnotationStore.open(isolated_data_dir) as store:
        store.add(_note(1))
    with _damage_and_reopen(isolated_data_dir, b"garbage" * 5000) as store:
        assert store.all() == []
        assert store.recovery_notice and "No usable backup" in store.recovery_notice
        store.add(_note(2))  # and it works


def test_a_file_from_a_newer_version_is_refused_and_left_untouched(
    isolated_data_dir: Path,
) -> None:
    with AnnotationStore.open(isolated_data_dir) as store:
        store.add(_note(1))
    path = isolated_data_dir / DB_NAME
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 3}")
    db.close()
    before, mtime = path.read_bytes(), path.stat().st_mtime_ns
    with pytest.raises(NewerDatabaseError) as refused:
        AnnotationStore.open(isolated_data_dir)
    message = str(refused.value)
    assert "newer version" in message and str(SCHEMA_VERSION + 3) in message
    assert "has not been changed" in message
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime
    assert not list(isolated_data_dir.glob("annotations.corrupt-*"))


def test_unusable_data_folder_is_reported_not_crashed(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageUnavailable) as failure:
        AnnotationStore.open(blocker / "data")
    assert "cannot be opened" in str(failure.value) and str(blocker) in str(failure.value)


def test_read_only_storage_keeps_edits_in_memory_until_writable(
    isolated_data_dir: Path,
) -> None:
    store = AnnotationStore.open(isolated_data_dir)
    pending = PendingWrites(store)
    kept = _note(1)
    store.add(kept)
    store._db.execute("PRAGMA query_only = ON")  # SQLite: "attempt to write a readonly database"
    with pytest.raises(StorageUnavailable) as failure:
        store.add(_note(2))
    assert "read-only" in str(failure.value)
    edits = [_note(n, version=3) for n in range(2, 12)]
    for edit in edits:
        assert pending.save(edit) is False
    assert pending.save(kept.edited(note="edited while read-only")) is False
    assert pending.delete(_note(5).id) is False
    assert pending.retry() is False and len(pending) == 11
    store._db.execute("PRAGMA query_only = OFF")
    assert pending.retry() is True and not pending
    store.close()
    with AnnotationStore.open(isolated_data_dir) as reopened:
        stored = {a.id: a for a in reopened.all()}
    assert set(stored) == {kept.id} | {e.id for e in edits} - {_note(5).id}
    assert stored[kept.id].note == "edited while read-only"


def test_full_disk_keeps_edits_in_memory_until_space_returns(isolated_data_dir: Path) -> None:
    store = AnnotationStore.open(isolated_data_dir)
    pending = PendingWrites(store)
    store.add(_note(0))
    pages = store._db.execute("PRAGMA page_count").fetchone()[0]
    store._db.execute(f"PRAGMA max_page_count = {pages}")  # SQLite: "database or disk is full"
    big = [_note(n).edited(note="x" * 20_000) for n in range(1, 6)]
    for note in big:
        assert pending.save(note) is False
    assert isinstance(pending.last_error, StorageUnavailable)
    assert "disk is full" in str(pending.last_error)
    assert store.integrity_check() == "ok" and store.count() == 1
    store._db.execute("PRAGMA max_page_count = 1073741823")
    assert pending.retry() is True
    assert store.count() == 6
    store.close()


def test_storage_errors_raised_by_sqlite_are_recognised() -> None:
    from reader.core.annotation_store import _unavailable

    for message in (
        "attempt to write a readonly database",
        "disk I/O error",
        "database or disk is full",
        "database is locked",
    ):
        assert isinstance(
            _unavailable(sqlite3.OperationalError(message), Path("x")), StorageUnavailable
        )
    other = sqlite3.OperationalError("no such table: annotations")
    assert _unavailable(other, Path("x")) is other


def test_two_stores_on_one_file_interleave_without_losing_anything(
    isolated_data_dir: Path,
) -> None:
    first, second = AnnotationStore.open(isolated_data_dir), AnnotationStore.open(isolated_data_dir)
    for n in range(100):
        first.add(_note(n, "a"))
        second.add(_note(n, "b"))
        if n % 10 == 0:
            second.update(_note(n, "a", version=2))
            first.delete(_note(n, "b").id)
    expected = {_note(n, "a").id for n in range(100)} | {
        _note(n, "b").id for n in range(100) if n % 10
    }
    assert {a.id for a in first.all()} == {a.id for a in second.all()} == expected
    assert first.get(_note(10, "a").id).note.startswith("v2")  # type: ignore[union-attr]
    first.close()
    second.close()


WRITER = """
import sys
from pathlib import Path
sys.path.insert(0, "tests/core")
from test_annotation_faults import _note
from reader.core.annotation_store import AnnotationStore
store = AnnotationStore.open(Path(sys.argv[2]))
print("ready", flush=True)
sys.stdin.readline()
for n in range(150):
    store.add(_note(n, sys.argv[1]))
store.close()
"""


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    AnnotationStore.open(data).close()
    children = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, name, str(data)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=PROJECT_DIR,
        )
        for name in ("left", "right")
    ]
    for child in children:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    for child in children:  # both start writing at the same moment
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    for child in children:
        assert child.wait(timeout=60) == 0
    with AnnotationStore.open(data) as store:
        ids = {a.id for a in store.all()}
    assert ids == {_note(n, name).id for n in range(150) for name in ("left", "right")}


def test_no_network_access_anywhere(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    for name in ("socket", "create_connection", "getaddrinfo", "socketpair"):
        monkeypatch.setattr(socket, name, refuse)
    document = Document(
        id="117421",
        title="Cable",
        date="1951-07-21",
        citation="APRF, f. 45",
        source_url="https://example.org/document/117421",
        texts=(
            Text("ru", "transcript", ("Вашу шифровку от 20 июля получили.",)),
            Text("en", "translation", ("We have received your cipher message of 20 July.",)),
        ),
    )
    data = tmp_path / "data"
    resolver = PairResolver(CorrectionStore(data), AlignmentCache(tmp_path / "cache"))
    lookup = {document.id: document}.get
    with AnnotationStore.open(data, now=T0) as store:
        store.save_many([_note(n) for n in range(20)])
    with AnnotationStore.open(data, now=T0 + datetime.timedelta(days=2)) as store:
        note = Annotation(
            id="x", kind="note", document_id="117421", side="source", language="ru",
            selector=TextQuoteSelector("шифровку от 20 июля"), position=TextPosition(0, 5, 24),
            colour="green", note="n",
        )  # fmt: skip
        store.add(note)
        store.reconcile(document, resolver.pair(document))
        exported = json.dumps(to_w3c_json(store.all(), lookup))
        assert "шифровку" in to_markdown(store.all(), lookup, resolver)
    with AnnotationStore.open(tmp_path / "elsewhere") as other:
        assert len(import_w3c(exported, other, lookup, resolver).added) == 21
