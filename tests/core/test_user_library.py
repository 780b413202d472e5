"""Import: copies into the library, updates, and one report line per bad file."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
from pathlib import Path

import pytest

from reader.core import user_library
from reader.core.catalog import Catalog
from reader.core.parsing import MAX_FILE_BYTES
from reader.core.search_index import SearchIndex
from reader.core.user_library import (
    IN_BUNDLED_CORPUS,
    UNCHANGED,
    ImportReport,
    Outcome,
    import_paths,
    library_dir,
)

PROJECT_DIR = Path(__file__).resolve().parents[2]
SEED = PROJECT_DIR / "corpus" / "117421.txt"
OTHER = PROJECT_DIR / "corpus" / "113013.txt"
SAMPLES = PROJECT_DIR.parent / "shared" / "samples" / "wilson"


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
        [SAMPLES],
        library_dir(tmp_path),
        progress=lambda done, total, path: calls.append((done, total)),
        cancelled=lambda: len(calls) >= 1,
    )
    total = calls[0][1]
    assert [done for done, _ in calls] == list(range(1, len(calls) + 1))
    # Copies already on their way to disk are finished and recorded, the rest is left.
    assert 1 <= len(calls) < total
    assert report.cancelled and report.failed
    assert len(report.items) == len(calls) and report.not_processed == total - len(calls)
    assert f"cancelled with {total - len(calls)} files not processed" in report.summary()
    assert len(list(library_dir(tmp_path).iterdir())) == len(calls)  # nothing half-done


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


# --- both cores (issue 14) -------------------------------------------------------------------


def _sample_folder(tmp_path: Path) -> Path:
    """The real samples, a bad file and a duplicate: what an import of a folder meets."""
    folder = tmp_path / "in"
    shutil.copytree(SAMPLES, folder)
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    shutil.copy(SEED, folder / "seed.txt")
    shutil.copy(SEED, folder / "seed-again.txt")
    return folder


def _import_with(
    tmp_path: Path, name: str, parallel: bool, monkeypatch: pytest.MonkeyPatch, cancel_after: int = 0
) -> tuple[ImportReport, list[tuple[int, str]], Catalog, SearchIndex]:
    monkeypatch.setattr(user_library, "PARALLEL_FROM", 8 if parallel else 10**9)
    monkeypatch.setattr(user_library, "_worker_count", lambda: 2)
    cache = tmp_path / name / "cache"
    catalog, index = Catalog.open(cache), SearchIndex.open(cache / "search.sqlite3")
    steps: list[tuple[int, str]] = []
    report = import_paths(
        [_sample_folder(tmp_path / name)],
        library_dir(tmp_path / name / "data"),
        catalog=catalog,
        index=index,
        progress=lambda done, total, path: steps.append((done, Path(path).name)),
        cancelled=(lambda: len(steps) >= cancel_after) if cancel_after else None,
    )
    return report, steps, catalog, index


def _summaries(report: ImportReport, root: Path) -> list[tuple[str, object, str | None, str]]:
    return [
        (i.path.name, i.outcome, i.document_id, i.reason.replace(str(root), "…"))
        for i in report.items
    ]


def test_workers_import_what_one_process_imports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial, serial_steps, catalog_1, index_1 = _import_with(tmp_path, "a", False, monkeypatch)
    parallel, steps, catalog_2, index_2 = _import_with(tmp_path, "b", True, monkeypatch)
    assert not multiprocessing.active_children()  # every worker is gone
    assert _summaries(parallel, tmp_path / "b") == _summaries(serial, tmp_path / "a")
    assert steps == serial_steps and [done for done, _ in steps] == list(range(1, len(steps) + 1))
    assert parallel.count(Outcome.IMPORTED) == len(list(SAMPLES.iterdir())) + 1
    assert {e.id for e in catalog_2.entries()} == {e.id for e in catalog_1.entries()}
    for query in ("шифровку", "armist*", '"Korean War"', "Mao NOT Stalin"):
        assert [r.document_id for r in index_2.search(query, limit=100)] == [
            r.document_id for r in index_1.search(query, limit=100)
        ], query


def test_cancelling_workers_stops_soon_and_leaves_no_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report, steps, catalog, _ = _import_with(tmp_path, "c", True, monkeypatch, cancel_after=5)
    assert not multiprocessing.active_children()
    assert report.cancelled and report.not_processed > 0
    # What was already in flight, no more: up to 4 recorded before the cancelling step, and
    # the copies in flight then (the one just started and the _COPIES_IN_FLIGHT waiting).
    assert len(steps) <= 4 + 1 + user_library._COPIES_IN_FLIGHT
    assert len(report.items) + report.not_processed == len(list(SAMPLES.iterdir())) + 3
    assert {e.id for e in catalog.entries()} == {
        i.document_id for i in report.items if i.outcome is Outcome.IMPORTED
    }


def test_a_worker_killed_mid_import_costs_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker killed (by the user, or out of memory): the rest is parsed in this process."""
    serial, *_ = _import_with(tmp_path, "a", False, monkeypatch)
    killed: list[int] = []

    def kill_a_worker(done: int, total: int, path: str) -> None:
        children = multiprocessing.active_children()
        if done == 1 and children:
            os.kill(children[0].pid, signal.SIGKILL)  # type: ignore[arg-type]
            killed.append(done)

    monkeypatch.setattr(user_library, "PARALLEL_FROM", 8)
    monkeypatch.setattr(user_library, "_CHUNK", 1)  # files still waiting when the kill comes
    monkeypatch.setattr(user_library, "_IN_FLIGHT_PER_WORKER", 1)
    cache = tmp_path / "k" / "cache"
    catalog, index = Catalog.open(cache), SearchIndex.open(cache / "search.sqlite3")
    report = import_paths(
        [_sample_folder(tmp_path / "k")],
        library_dir(tmp_path / "k" / "data"),
        catalog=catalog,
        index=index,
        progress=kill_a_worker,
    )
    assert killed and not multiprocessing.active_children()
    assert _summaries(report, tmp_path / "k") == _summaries(serial, tmp_path / "a")
    assert not report.cancelled and len(catalog.entries()) == serial.count(Outcome.IMPORTED)
