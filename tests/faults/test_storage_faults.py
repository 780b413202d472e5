"""Storage that fails or lies: emptied files, backups from the future, read-only and full disks,
a file where a folder must be, and files that must stay private whatever the umask."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import json
import os
import shutil
import sqlite3
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ENGLISH, RUSSIAN

from reader.core import annotation_store
from reader.core.alignment import Alignment
from reader.core.alignment_cache import AlignmentCache
from reader.core.alignment_corrections import CorrectionStore
from reader.core.annotation_store import (
    BACKUP_DIR_NAME,
    DB_NAME,
    AnnotationStore,
    AnnotationStoreError,
    StorageUnavailable,
    list_backups,
)
from reader.core.annotations import Annotation, TextPosition, TextQuoteSelector
from reader.core.atomic_files import write_atomically
from reader.core.catalog import CATALOG_FILE, CacheUnavailable, Catalog
from reader.core.document import Document
from reader.core.notes_export import to_markdown, to_w3c_json
from reader.core.pair_resolver import PairResolver
from reader.core.parsing import parse_file
from reader.core.search_index import INDEX_FILE, SearchIndex
from reader.core.user_library import import_paths

T0 = datetime.datetime(2024, 5, 1, 9, 0, tzinfo=datetime.UTC)
IS_ROOT = os.geteuid() == 0


def _note(number: int) -> Annotation:
    return Annotation(
        id=f"note-{number}", kind="note", document_id="113013", side="target", language="en",
        bead=0, selector=TextQuoteSelector(f"quote {number}"), position=TextPosition(0, 0, 7),
        colour="yellow", note=f"note {number}", created="2024-05-01T09:00:00.000Z",
        modified="2024-05-01T09:00:00.000Z",
    )  # fmt: skip


def _store_with_backup(data: Path, notes: int = 3) -> None:
    """A store holding ``notes`` notes and a backup of them, taken a day after T0."""
    with AnnotationStore.open(data, now=T0) as store:
        for number in range(notes):
            store.add(_note(number))
    AnnotationStore.open(data, now=T0 + datetime.timedelta(days=1)).close()
    assert len(list_backups(data / BACKUP_DIR_NAME)) == 1


# -- recovery ---------------------------------------------------------------------------------


@pytest.mark.parametrize("emptied", ["zero bytes", "no tables"])
def test_an_emptied_database_is_restored_from_the_newest_valid_backup(
    isolated_data_dir: Path, emptied: str
) -> None:
    _store_with_backup(isolated_data_dir)
    path = isolated_data_dir / DB_NAME
    path.write_bytes(b"")
    if emptied == "no tables":
        sqlite3.connect(path).execute("PRAGMA user_version = 0").connection.close()
    with AnnotationStore.open(isolated_data_dir, now=T0 + datetime.timedelta(days=2)) as store:
        assert store.count() == 3
        notice = store.recovery_notice
    assert notice and "restored" in notice and "moved aside" in notice
    assert list(isolated_data_dir.glob("annotations.corrupt-*.sqlite3"))


def test_an_empty_new_store_is_not_treated_as_damage(isolated_data_dir: Path) -> None:
    isolated_data_dir.mkdir(parents=True)
    (isolated_data_dir / DB_NAME).write_bytes(b"")  # created, then killed before the schema
    with AnnotationStore.open(isolated_data_dir) as store:
        assert store.count() == 0 and store.recovery_notice is None


def _backup_named(data: Path, when: datetime.datetime, notes: int) -> Path:
    """A backup file whose name says ``when``, holding ``notes`` notes."""
    folder = data / BACKUP_DIR_NAME
    scratch = data.parent / f"scratch-{notes}-{when:%Y%m%d%H%M%S}"
    with AnnotationStore.open(scratch, now=T0) as other:
        for number in range(notes):
            other.add(_note(100 + number))
        target = folder / f"annotations-{when:%Y%m%d-%H%M%S}.sqlite3"
        other.backup(target)
    shutil.rmtree(scratch)
    return target


def test_a_backup_from_the_future_neither_stops_rotation_nor_wins_recovery(
    isolated_data_dir: Path,
) -> None:
    now = datetime.datetime.now(datetime.UTC)
    with AnnotationStore.open(isolated_data_dir, now=now - datetime.timedelta(days=3)) as store:
        for number in range(2):
            store.add(_note(number))
    good = _backup_named(isolated_data_dir, now - datetime.timedelta(days=2), notes=2)
    future = _backup_named(isolated_data_dir, now + datetime.timedelta(days=3650), notes=0)
    assert list_backups(isolated_data_dir / BACKUP_DIR_NAME)[0][1] == future  # oldest, not newest
    # Rotation goes on: today's open still writes today's backup.
    AnnotationStore.open(isolated_data_dir, now=now).close()
    backups = [path for _, path in list_backups(isolated_data_dir / BACKUP_DIR_NAME)]
    assert len(backups) == 3 and backups[0] == future and backups[1] == good
    # Recovery takes the newest backup with sound content, never the future-dated empty one.
    (isolated_data_dir / DB_NAME).write_bytes(b"garbage" * 1000)
    with AnnotationStore.open(isolated_data_dir, now=now) as store:
        assert store.count() == 2
        assert store.recovery_notice and "restored" in store.recovery_notice


def test_a_backup_named_later_than_it_was_written_counts_by_its_write_time(
    isolated_data_dir: Path,
) -> None:
    now = datetime.datetime.now(datetime.UTC)
    isolated_data_dir.mkdir(parents=True)
    lying = _backup_named(isolated_data_dir, now + datetime.timedelta(days=1), notes=1)
    [(taken, path)] = list_backups(isolated_data_dir / BACKUP_DIR_NAME)
    assert path == lying and taken <= now + datetime.timedelta(minutes=6)
    old = now - datetime.timedelta(days=30)
    os.utime(lying, (old.timestamp(), old.timestamp()))  # named tomorrow, written a month ago
    [(taken, path)] = list_backups(isolated_data_dir / BACKUP_DIR_NAME)
    assert abs(taken - old) < datetime.timedelta(minutes=6)


# -- read-only data folder --------------------------------------------------------------------


def _assert_reads_but_refuses_writes(store: AnnotationStore, tmp_path: Path, count: int) -> None:
    resolver = PairResolver(CorrectionStore(tmp_path / "r"), AlignmentCache(tmp_path / "a"))
    assert store.read_only_reason and "read-only" in store.read_only_reason
    assert store.count() == count and len(store.all()) == count
    lookup: dict[str, Document] = {}
    assert json.loads(json.dumps(to_w3c_json(store.all(), lookup.get)))["total"] == count
    assert "note 1" in to_markdown(store.all(), lookup.get, resolver)
    exported = store.backup(tmp_path / "elsewhere" / "copy.sqlite3")
    assert sqlite3.connect(exported).execute("SELECT count(*) FROM annotations").fetchone()[0]
    for write in (lambda: store.add(_note(99)), lambda: store.delete("note-1")):
        with pytest.raises(StorageUnavailable, match="read-only"):
            write()
    assert store.count() == count


@contextlib.contextmanager
def _read_only_modes(data: Path) -> Iterator[None]:
    data.chmod(0o500)
    (data / DB_NAME).chmod(0o400)
    try:
        yield
    finally:
        data.chmod(0o700)


def test_a_folder_its_owner_made_read_only_opens_read_only_and_is_left_so(
    isolated_data_dir: Path, tmp_path: Path
) -> None:
    """Proves the owner's mode bits are honoured (and never changed back), for root too: root
    would be let through by the kernel, so the store goes by the owner's write bit itself."""
    _store_with_backup(isolated_data_dir)
    with _read_only_modes(isolated_data_dir):
        with AnnotationStore.open(isolated_data_dir) as store:
            _assert_reads_but_refuses_writes(store, tmp_path, 3)
        assert stat.S_IMODE(isolated_data_dir.stat().st_mode) == 0o500
        assert stat.S_IMODE((isolated_data_dir / DB_NAME).stat().st_mode) == 0o400
        assert not list(isolated_data_dir.glob(f"{DB_NAME}-*"))  # nothing written beside it


def test_a_folder_the_system_refuses_to_write_opens_read_only(
    isolated_data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Simulated: os.access says no (as for a non-root user on a 0500 folder); the modes stay
    owner-writable, so only the access check can tell."""
    _store_with_backup(isolated_data_dir)
    real_access = os.access

    def access(path: object, mode: int, **kwargs: object) -> bool:
        if mode & os.W_OK and str(path).startswith(str(isolated_data_dir)):
            return False
        return real_access(path, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(annotation_store.os, "access", access)
    with AnnotationStore.open(isolated_data_dir) as store:
        _assert_reads_but_refuses_writes(store, tmp_path, 3)


def test_a_read_only_folder_without_a_database_reads_as_no_notes(isolated_data_dir: Path) -> None:
    isolated_data_dir.mkdir(mode=0o500)
    try:
        with AnnotationStore.open(isolated_data_dir) as store:
            assert store.all() == [] and store.read_only_reason
            with pytest.raises(StorageUnavailable):
                store.add(_note(1))
        assert not (isolated_data_dir / DB_NAME).exists()
    finally:
        isolated_data_dir.chmod(0o700)


def test_a_damaged_file_in_a_read_only_folder_shows_the_backup(isolated_data_dir: Path) -> None:
    _store_with_backup(isolated_data_dir)
    (isolated_data_dir / DB_NAME).write_bytes(b"not a database " * 500)
    with _read_only_modes(isolated_data_dir), AnnotationStore.open(isolated_data_dir) as store:
        assert store.count() == 3 and store.read_only_reason
        assert store.recovery_notice and "read-only" in store.recovery_notice
        assert not list(isolated_data_dir.glob("annotations.corrupt-*"))  # nothing moved


def _mount(*arguments: str) -> bool:
    if not IS_ROOT or shutil.which("mount") is None:
        return False
    result = subprocess.run(["mount", *arguments], capture_output=True, timeout=10)
    return result.returncode == 0


def _unmount(folder: Path) -> None:
    """Unmount, lazily if something still holds the mount (a failed test's open file)."""
    if subprocess.run(["umount", str(folder)], capture_output=True, timeout=10).returncode:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, timeout=10)


def test_a_read_only_bind_mount_opens_read_only(isolated_data_dir: Path, tmp_path: Path) -> None:
    _store_with_backup(isolated_data_dir)
    mounted = tmp_path / "mounted"
    mounted.mkdir()
    if not _mount("--bind", str(isolated_data_dir), str(mounted)):
        pytest.skip("needs root and a working bind mount (to make a truly read-only folder)")
    try:
        if not _mount("-o", "remount,bind,ro", str(mounted)):
            pytest.skip("this system cannot remount a bind mount read-only")
        with AnnotationStore.open(mounted) as store:
            _assert_reads_but_refuses_writes(store, tmp_path, 3)
    finally:
        _unmount(mounted)


def test_a_full_disk_still_reads_and_exports(tmp_path: Path) -> None:
    disk = tmp_path / "small-disk"
    disk.mkdir()
    if not _mount("-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)):
        pytest.skip("needs root and tmpfs (to fill a real disk)")
    try:
        data = disk / "data"
        _store_with_backup(data, notes=2)
        with contextlib.suppress(OSError), (disk / "filler").open("wb") as filler:
            while True:
                filler.write(b"\0" * 65536)
        with AnnotationStore.open(data) as store:
            assert store.count() == 2
            assert store.backup(tmp_path / "out.sqlite3").exists()  # exporting elsewhere works
            big = dataclasses.replace(_note(9), note="x" * 500_000)
            with pytest.raises(StorageUnavailable):
                store.add(big)
    finally:
        _unmount(disk)


# -- a file where a folder must be ------------------------------------------------------------


def test_a_data_folder_that_is_a_file_is_named_in_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("I am a file")
    for folder in (blocker, blocker / "deeper"):
        with pytest.raises(AnnotationStoreError) as failure:
            AnnotationStore.open(folder)
        message = str(failure.value)
        assert isinstance(failure.value, StorageUnavailable)
        assert str(blocker) in message and "file" in message and "(.)" not in message
    assert blocker.read_text() == "I am a file"


def test_a_cache_folder_that_is_a_file_is_named_in_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("I am a file")
    for call in (
        lambda: Catalog.open(blocker),
        lambda: Catalog.open(blocker / "deeper"),
        lambda: SearchIndex.open(blocker / INDEX_FILE),
    ):
        with pytest.raises(CacheUnavailable) as failure:
            call()
        assert str(blocker) in str(failure.value) and "file" in str(failure.value)
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / INDEX_FILE).mkdir()  # a folder where the index file must be
    with pytest.raises(CacheUnavailable, match="folder stands where"):
        SearchIndex.open(tmp_path / "real" / INDEX_FILE)
    assert blocker.read_text() == "I am a file"


# -- privacy ----------------------------------------------------------------------------------


@pytest.fixture
def lax_umask() -> Iterator[None]:
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


def _modes(top: Path) -> dict[str, int]:
    return {
        str(path.relative_to(top)): stat.S_IMODE(path.stat().st_mode)
        for path in [top, *top.rglob("*")]
    }


@pytest.mark.usefixtures("lax_umask")
def test_everything_the_core_writes_is_owner_only_whatever_the_umask(tmp_path: Path) -> None:
    data, cache = tmp_path / "home" / "data", tmp_path / "home" / "cache"
    with AnnotationStore.open(data, now=T0) as store:
        store.add(_note(1))
    with AnnotationStore.open(data, now=T0 + datetime.timedelta(days=1)) as store:
        store.add(_note(2))  # keeps -wal and -shm around while open
        store.backup(tmp_path / "home" / "exports" / "notes.sqlite3")
        write_atomically(tmp_path / "home" / "exports" / "deep" / "notes.json", b"{}")
        CorrectionStore(data).save("a/b", Alignment.from_pairs([([0], [0])], 1, 1))
        import_paths([RUSSIAN, ENGLISH], data / "library")
        catalog = Catalog.open(cache)
        catalog.refresh([data / "library"])
        catalog.commit()
        index = SearchIndex.open(cache / "index" / INDEX_FILE)
        index.add_document(parse_file(RUSSIAN))
        index.save_note("n", "117421", "a private note")
        modes = _modes(tmp_path / "home")
        catalog.close()
        index.close()
    del modes["."]  # tmp_path's own child, made by the test
    assert any(name.endswith("-wal") for name in modes)
    wrong = {
        name: oct(mode)
        for name, mode in modes.items()
        if mode != (0o700 if (tmp_path / "home" / name).is_dir() else 0o600)
    }
    assert wrong == {}


def test_cache_files_left_readable_by_an_older_version_are_made_private(tmp_path: Path) -> None:
    Catalog.open(tmp_path).close()
    SearchIndex.open(tmp_path / INDEX_FILE).close()
    for name in (CATALOG_FILE, INDEX_FILE):
        (tmp_path / name).chmod(0o644)
    Catalog.open(tmp_path).close()
    SearchIndex.open(tmp_path / INDEX_FILE).close()
    for name in (CATALOG_FILE, INDEX_FILE):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600
