"""Import: copies into the library, updates, and one report line per bad file."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from reader.core.catalog import Catalog
from reader.core.parsing import MAX_FILE_BYTES
from reader.core.search_index import SearchIndex
from reader.core.user_library import (
    IN_BUNDLED_CORPUS,
    UNCHANGED,
    Outcome,
    import_paths,
    library_dir,
)

PROJECT_DIR = Path(__file__).resolve().parents[2]
SEED = PROJECT_DIR / "corpus" / "117421.txt"
OTHER = PROJECT_DIR / "corpus" / "113013.txt"


def _outcomes(report) -> dict[str, tuple[Outcome, str]]:
    return {item.path.name: (item.outcome, item.reason) for item in report.items}


def test_import_copies_verbatim_and_updates(tmp_path: Path) -> None:
    library = library_dir(tmp_path / "data")
    report = import_paths([SEED, OTHER], library)
    assert report.count(Outcome.IMPORTED) == 2 and not report.failed
    assert (library / "117421.txt").read_bytes() == SEED.read_bytes()
    assert import_paths([SEED], library).items[0].reason == UNCHANGED
    changed = tmp_path / "new" / "export.txt"
    changed.parent.mkdir()
    changed.write_text(SEED.read_text(encoding="utf-8").replace("ФИЛИППОВ", "ФИЛИППОВ."), "utf-8")
    [item] = import_paths([changed], library).items
    assert (item.outcome, item.document_id) == (Outcome.UPDATED, "117421")
    assert (library / "117421.txt").read_bytes() == changed.read_bytes()
    assert not list(library.glob(".import-*"))  # no temporary files left behind


def test_bad_files_each_get_a_line_and_stop_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "a.txt")
    shutil.copy(SEED, folder / "b-copy.txt")  # the same record again
    (folder / "notes.txt").write_text("   \n\n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    odd = tmp_path / "odd"  # given by name: a folder expansion only lists regular files
    odd.mkdir()
    os.mkfifo(odd / "pipe.txt")  # would block a naive reader forever
    with open(folder / "huge.txt", "wb") as stream:  # sparse: no real disk space used
        stream.truncate(MAX_FILE_BYTES + 1)
    (folder / "encoding.txt").write_bytes(
        b"\xff\xfe\xfd" + bytes([0x80, 0x81, 0x8D, 0x8F, 0x90]) * 200
    )
    shutil.copy(OTHER, folder / "z-good.txt")
    library = library_dir(tmp_path / "data")
    report = import_paths([folder, odd / "pipe.txt"], library)
    found = _outcomes(report)
    assert found["a.txt"][0] is Outcome.IMPORTED and found["z-good.txt"][0] is Outcome.IMPORTED
    assert found["b-copy.txt"][0] is Outcome.SKIPPED and "duplicate" in found["b-copy.txt"][1]
    assert "not a document" in found["notes.txt"][1]
    assert "not a document" in found["binary.txt"][1] or "encoding" in found["binary.txt"][1]
    assert "not a regular file" in found["pipe.txt"][1]
    assert "the limit is 20 MB" in found["huge.txt"][1]
    assert found["encoding.txt"][1].startswith("unsupported encoding")
    assert len(report.items) == 8 and not report.failed
    assert sorted(p.name for p in library.iterdir()) == ["113013.txt", "117421.txt"]


def test_unreadable_file_fails_without_stopping_the_rest(tmp_path: Path, monkeypatch) -> None:
    original = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return original(self)

    shutil.copy(SEED, tmp_path / "locked.txt")
    monkeypatch.setattr(Path, "read_bytes", refuse)
    report = import_paths([tmp_path / "locked.txt", OTHER], library_dir(tmp_path / "data"))
    assert _outcomes(report)["locked.txt"] == (Outcome.FAILED, "unreadable: permission denied")
    assert report.failed and report.count(Outcome.IMPORTED) == 1


def test_bundled_records_are_skipped(tmp_path: Path) -> None:
    report = import_paths([SEED], library_dir(tmp_path), bundled_ids={"117421"})
    assert report.items[0].reason == IN_BUNDLED_CORPUS and not report.failed


def test_progress_and_cancel(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    report = import_paths(
        [SEED, OTHER],
        library_dir(tmp_path),
        progress=lambda done, total, path: calls.append((done, total)),
        cancelled=lambda: len(calls) >= 1,
    )
    assert calls == [(1, 2)]
    assert report.cancelled and report.not_processed == 1 and report.failed
    assert "cancelled with 1 files not processed" in report.summary()


def test_import_updates_catalog_and_index(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    catalog, index = Catalog.open(cache), SearchIndex.open(cache / "search.sqlite3")
    library = library_dir(tmp_path / "data")
    import_paths([SEED], library, catalog=catalog, index=index)
    assert [entry.path for entry in catalog.entries()] == [library / "117421.txt"]
    assert [r.document_id for r in index.search("шифровка")] == ["117421"]
    assert not catalog.refresh([library]).updated  # the catalog was already warm


def test_markup_is_imported_and_searchable_literally(tmp_path: Path) -> None:
    markup = '<script>alert(1)</script> <img src="http://example.com/x.png"> <style>body{}</style>'
    source = tmp_path / "in" / "117421.txt"
    source.parent.mkdir()
    source.write_text(
        SEED.read_text(encoding="utf-8").replace("ФИЛИППОВ", f"ФИЛИППОВ {markup}"), "utf-8"
    )
    cache = tmp_path / "cache"
    index = SearchIndex.open(cache / "search.sqlite3")
    report = import_paths([source], library_dir(tmp_path / "data"), index=index)
    assert report.items[0].outcome is Outcome.IMPORTED
    [result] = index.search("img")
    assert markup in result.hits[0].snippet


@pytest.mark.parametrize("name", ["../evil", "a/b"])
def test_odd_record_ids_stay_inside_the_library(tmp_path: Path, name: str) -> None:
    from reader.core.user_library import library_file_name

    file_name = library_file_name(name)
    assert "/" not in file_name and not file_name.startswith(".")
