"""Record ids never share a library file, every name fits the file system, and a batch always
goes on past a file that fails."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import PROJECT_DIR

from reader.core.catalog import Catalog
from reader.core.parsing import parse_file
from reader.core.user_library import Outcome, import_paths, library_file_name

SAMPLE = PROJECT_DIR.parent / "shared" / "samples" / "wilson" / "300241.txt"
HOSTILE_IDS = [
    "a/b", "a?b", "a\\b", "a:b", "a*b", "a_b", "A_B", "../evil", ".hidden", "-", "",
    "x" * 120 + "A" * 11, "x" * 120 + "B" * 11, "漢" * 100, "漢" * 101, "é" * 200,
    "con", "a\u200bb", "name.", "name ", "117421", "a_b~0123456789abcdef",
    "..~0123456789abcdef", "\ud800", "a\0b",
]  # fmt: skip


def _with_record_id(folder: Path, number: int, record_id: str) -> Path:
    text = SAMPLE.read_text(encoding="utf-8")
    assert "Record ID\n300241" in text
    path = folder / f"file-{number}.txt"
    path.write_text(text.replace("Record ID\n300241", f"Record ID\n{record_id}"), "utf-8")
    return path


def test_library_file_names_never_collide_and_fit_in_255_bytes() -> None:
    names = [library_file_name(record_id) for record_id in HOSTILE_IDS]
    assert len(set(names)) == len(names)
    for name in names:
        assert len(name.encode("utf-8")) <= 255 - 30  # room for a temporary name beside it
        assert "/" not in name and "\\" not in name and "\0" not in name
        assert not name.startswith((".", "-", " ")) and name.endswith(".txt")
    assert library_file_name("117421") == "117421.txt"  # plain ids keep their old names
    # A hashed name read back as an id (a file with no record id inside) names itself again.
    hashed = library_file_name("a/b")
    assert library_file_name(hashed.removesuffix(".txt")) == hashed


@pytest.mark.skipif(not SAMPLE.exists(), reason="needs the shared Wilson Center samples")
def test_colliding_ids_are_all_kept_and_a_bad_name_does_not_stop_the_batch(
    tmp_path: Path,
) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    ids = ["a/b", "a?b", "y" * 120 + "1" * 11, "y" * 120 + "2" * 11, "漢" * 100, "plain-id"]
    files = [_with_record_id(sources, number, record_id) for number, record_id in enumerate(ids)]
    library = tmp_path / "data" / "library"
    report = import_paths(files, library)
    assert [item.outcome for item in report.items] == [Outcome.IMPORTED] * len(ids)
    assert {item.document_id for item in report.items} == set(ids)
    stored = sorted(library.glob("*.txt"))
    assert len(stored) == len(ids)
    for item in report.items:
        assert item.library_path is not None and item.library_path.exists()
        assert item.library_path.name == library_file_name(item.document_id or "")
        assert parse_file(item.library_path).id == item.document_id
    # Every record is found again by the catalog, from the files' content.
    catalog = Catalog.open(tmp_path / "cache")
    try:
        catalog.refresh([library])
        assert {entry.id for entry in catalog.entries()} == set(ids)
    finally:
        catalog.close()
    # Importing again changes nothing and is never reported as "updated".
    again = import_paths(files, library)
    assert {item.outcome for item in again.items} == {Outcome.SKIPPED}


@pytest.mark.skipif(not SAMPLE.exists(), reason="needs the shared Wilson Center samples")
def test_a_library_file_holding_another_record_is_never_overwritten(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    library = tmp_path / "library"
    library.mkdir()
    squatter = _with_record_id(sources, 1, "someone-else")
    shutil.copy(squatter, library / library_file_name("plain-id"))  # from an older naming
    report = import_paths([_with_record_id(sources, 2, "plain-id")], library)
    [item] = report.items
    assert item.outcome is Outcome.FAILED and "another record" in item.reason
    assert parse_file(library / library_file_name("plain-id")).id == "someone-else"


@pytest.mark.skipif(not SAMPLE.exists(), reason="needs the shared Wilson Center samples")
def test_a_file_that_cannot_be_written_fails_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.core import user_library

    sources = tmp_path / "sources"
    sources.mkdir()
    files = [_with_record_id(sources, n, f"record-{n}") for n in range(3)]
    real = user_library.write_atomically

    def failing(target: Path, data: bytes) -> os.stat_result:
        if "record-1" in target.name:
            raise OSError(36, os.strerror(36), str(target))  # File name too long
        return real(target, data)

    monkeypatch.setattr(user_library, "write_atomically", failing)
    report = import_paths(files, tmp_path / "library")
    outcomes = [item.outcome for item in report.items]
    assert outcomes == [Outcome.IMPORTED, Outcome.FAILED, Outcome.IMPORTED]
    assert "File name too long" in report.items[1].reason
