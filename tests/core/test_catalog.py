"""The catalog: lazy metadata, staleness by size and mtime, rebuild when damaged."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from reader.core import catalog as catalog_module
from reader.core.catalog import CATALOG_FILE, CacheUnavailable, Catalog, load_document
from reader.core.document import Document

PROJECT_DIR = Path(__file__).resolve().parents[2]
SEED = PROJECT_DIR / "corpus" / "117421.txt"
OTHER = PROJECT_DIR / "corpus" / "113013.txt"


def _library(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(SEED, folder / "117421.txt")
    shutil.copy(OTHER, folder / "113013.txt")
    return folder


def test_refresh_then_entries_in_date_order(tmp_path: Path) -> None:
    folder = _library(tmp_path)
    catalog = Catalog.open(tmp_path / "cache")
    report = catalog.refresh([folder])
    assert sorted(report.added) == ["113013", "117421"] and not report.errors
    entries = catalog.entries()
    assert [e.id for e in entries] == ["117421", "113013"]  # July before November 1951
    first = entries[0]
    assert first.date == "1951-07-21" and first.languages == ("ru", "en")
    assert first.original_language == "Russian"
    assert load_document(first).texts[0].paragraphs


def test_warm_refresh_parses_nothing_and_sees_changes(tmp_path: Path) -> None:
    folder = _library(tmp_path)
    Catalog.open(tmp_path / "cache").refresh([folder])
    catalog = Catalog.open(tmp_path / "cache")
    warm = catalog.refresh([folder])
    assert not warm.added and not warm.updated and warm.unchanged == 2
    path = folder / "117421.txt"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Cable No. 4277", "Cable No. 9"), encoding="utf-8"
    )
    os.utime(path, ns=(1, 1))
    (folder / "113013.txt").unlink()
    changed = catalog.refresh([folder])
    assert changed.updated == ["117421"] and changed.removed == ["113013"]
    assert [e.title for e in catalog.entries()] == [
        "Cable No. 9, Filippov [Stalin] to Cde. Mao Zedong"
    ]


def test_bad_files_are_reported_and_remembered(tmp_path: Path) -> None:
    folder = _library(tmp_path)
    (folder / "junk.txt").write_bytes(b"\x00\x01\x02" * 100)
    catalog = Catalog.open(tmp_path / "cache")
    report = catalog.refresh([folder])
    assert [error.path.name for error in report.errors] == ["junk.txt"]
    assert len(catalog.entries()) == 2
    assert catalog.refresh([folder]).errors  # still reported, not re-parsed


def test_later_folder_wins_for_the_same_record(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    shutil.copy(SEED, first / "117421.txt")
    shutil.copy(SEED, second / "117421.txt")
    catalog = Catalog.open(tmp_path / "cache")
    catalog.refresh([first, second])
    [entry] = catalog.entries()
    assert entry.path.parent == second
    assert catalog.ids_in(first) == {"117421"}


def test_corrupt_catalog_is_rebuilt_silently(tmp_path: Path) -> None:
    folder = _library(tmp_path)
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / CATALOG_FILE).write_bytes(b"this is not a database" * 100)
    catalog = Catalog.open(cache)
    assert len(catalog.refresh([folder]).added) == 2


def test_the_catalog_lives_in_the_folder_given_and_nowhere_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARALLEL_READER_CACHE_DIR", str(tmp_path / "env"))
    catalog = Catalog.open(tmp_path / "given" / "cache")
    assert catalog.path == tmp_path / "given" / "cache" / CATALOG_FILE and catalog.path.is_file()
    catalog.close()
    assert not (tmp_path / "env").exists() and not (tmp_path / "xdg-cache").exists()


def test_summary_sort_key_matches_the_document(tmp_path: Path) -> None:
    catalog = Catalog.open(tmp_path / "cache")
    catalog.refresh([_library(tmp_path)])
    for entry in catalog.entries():
        assert entry.date_sort_key == load_document(entry).date_sort_key


# --- a lock SQLite does not wait for (issue 10) ---------------------------------------------


def _locked() -> sqlite3.OperationalError:
    error = sqlite3.OperationalError("database is locked")
    error.sqlite_errorcode = 5  # type: ignore[attr-defined]  # SQLITE_BUSY, as SQLite sets it
    return error


def test_opening_waits_out_a_lock_another_process_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real, attempts = catalog_module._open_checked, []

    def busy_twice(path: Path, version: int, schema: str) -> sqlite3.Connection:
        attempts.append(path)
        if len(attempts) <= 2:
            raise _locked()
        return real(path, version, schema)

    monkeypatch.setattr(catalog_module, "_open_checked", busy_twice)
    catalog = Catalog.open(tmp_path / "cache")
    assert len(attempts) == 3 and catalog.entries() == []
    catalog.close()


def test_a_lock_that_never_goes_says_which_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def always_busy(path: Path, version: int, schema: str) -> sqlite3.Connection:
        raise _locked()

    monkeypatch.setattr(catalog_module, "_open_checked", always_busy)
    monkeypatch.setattr(catalog_module, "BUSY_TIMEOUT_S", 0.2)
    started = time.monotonic()
    with pytest.raises(CacheUnavailable) as raised:
        Catalog.open(tmp_path / "cache")
    assert 0.1 < time.monotonic() - started < 2
    assert raised.value.path == tmp_path / "cache" / CATALOG_FILE and "locked" in str(raised.value)


def test_entries_share_equal_field_values(tmp_path: Path) -> None:
    catalog = Catalog.open(tmp_path / "cache")
    people = [("Mao Zedong",), ("Mao Zedong", "Stalin"), ("Stalin", "Mao Zedong"), ()]
    for number, names in enumerate(people):
        path = tmp_path / f"{number}.txt"
        path.write_text("x", encoding="utf-8")
        catalog.record(
            Document(str(number), f"Cable {number}", "1951-07-2" + str(number), people=names,
                     original_language="Russian"),
            path,
        )  # fmt: skip
    entries = {entry.id: entry for entry in catalog.entries()}
    assert [entries[str(n)].people for n in range(4)] == people
    assert all(isinstance(name, str) for entry in entries.values() for name in entry.people)
    assert entries["0"].people[0] is entries["1"].people[0] is entries["2"].people[1]
    assert entries["0"].original_language is entries["3"].original_language


def test_holds_more_than_compares_with_the_number_of_files(tmp_path: Path) -> None:
    catalog = Catalog.open(tmp_path / "cache")
    for number in range(3):
        path = tmp_path / f"{number}.txt"
        path.write_text("x", encoding="utf-8")
        catalog.record(Document(str(number), f"Cable {number}", "1951"), path)
    assert catalog.holds_more_than(2) and not catalog.holds_more_than(3)
