"""Starting the app as a user does, through ``python -m reader``, offscreen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent
WILSON_DIR = PROJECT_DIR.parent / "shared" / "samples" / "wilson"


def run_app(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "reader", "--data-dir", str(data_dir), *args, "--smoke-test"],
        capture_output=True,
        text=True,
        cwd=PROJECT_DIR,
        env=env,
        timeout=60,
    )


def test_first_launch_opens_the_first_bundled_document(tmp_path) -> None:
    result = run_app(data_dir=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert "smoke-test ok: 2 documents, open '117421'" in result.stdout
    assert "Traceback" not in result.stderr
    assert ", 0 unreadable" in result.stdout  # a clean first launch: no warning at all
    assert (tmp_path / "data" / "config" / "settings.ini").exists()


def test_a_file_on_the_command_line_opens_and_joins_the_timeline(tmp_path) -> None:
    result = run_app(str(WILSON_DIR / "300237.txt"), data_dir=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert "smoke-test ok: 3 documents, open '300237'" in result.stdout


def test_corpus_option_reads_another_folder_and_survives_a_bad_file(tmp_path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(WILSON_DIR / "110404.txt", corpus)
    (corpus / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    before = {p.name: p.read_bytes() for p in corpus.iterdir()}
    result = run_app("--corpus", str(corpus), data_dir=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert "smoke-test ok: 1 documents, open '110404'" in result.stdout
    assert ", 1 unreadable" in result.stdout  # broken.txt, named in the window's message
    assert {p.name: p.read_bytes() for p in corpus.iterdir()} == before  # nothing written


@pytest.mark.parametrize("data_dir_env", [True, False])
def test_user_data_goes_where_it_is_told(tmp_path, data_dir_env) -> None:
    target = tmp_path / "moved"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    args = [sys.executable, "-m", "reader", "--smoke-test"]
    if data_dir_env:
        env["PARALLEL_READER_DATA_DIR"] = str(target)
    else:
        env.pop("PARALLEL_READER_DATA_DIR", None)
        args[3:3] = ["--data-dir", str(target)]
    result = subprocess.run(
        args, capture_output=True, text=True, cwd=PROJECT_DIR, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert (target / "config" / "settings.ini").exists()
    assert oct(target.stat().st_mode & 0o777) == "0o700"


def test_a_corrupt_notes_database_is_restored_from_its_backup_and_the_reader_is_told(
    tmp_path
) -> None:
    from reader.core.annotation_store import AnnotationStore
    from reader.core.annotations import new_document_bookmark
    from reader.services.composition import open_notes
    from reader.workspace import Workspace

    data = tmp_path / "data"
    store = AnnotationStore.open(data)
    store.add(new_document_bookmark("117421", note="kept"))
    store.backup(data / "backups" / "annotations-20260101-000000.sqlite3")
    store.close()
    (data / "annotations.sqlite3").write_bytes(b"this is not a database" * 100)
    service, message = open_notes(Workspace.create(data))
    assert "backup" in message.lower()
    assert [a.note for a in service.for_document("117421")] == ["kept"]
    assert any(path.name.startswith("annotations.corrupt") for path in data.iterdir())
    service.store.close()


def test_a_notes_database_from_a_newer_version_is_left_alone_and_explained(
    tmp_path
) -> None:
    import sqlite3

    from reader.services.composition import open_notes
    from reader.workspace import Workspace

    data = tmp_path / "data"
    data.mkdir()
    connection = sqlite3.connect(data / "annotations.sqlite3")
    connection.execute("PRAGMA user_version = 99")
    connection.close()
    before = (data / "annotations.sqlite3").read_bytes()
    service, message = open_notes(Workspace.create(data))
    assert not service.available
    assert "newer" in message.lower()
    assert (data / "annotations.sqlite3").read_bytes() == before


def test_a_second_start_reads_the_catalog_instead_of_parsing_again(tmp_path, monkeypatch) -> None:
    from reader.core import parsing as parsing_module
    from reader.workspace import Workspace

    workspace = Workspace.create(tmp_path / "portable", str(PROJECT_DIR / "corpus"))
    library, errors = workspace.load_library()
    first = list(library)
    assert [entry.id for entry in first] == ["117421", "113013"] and errors == []
    parsed: list[Path] = []
    real_parse = parsing_module.parse_file  # the catalog imports it when a file is read
    monkeypatch.setattr(
        parsing_module, "parse_file", lambda path: parsed.append(path) or real_parse(path)
    )
    second = list(workspace.load_library()[0])
    assert [entry.id for entry in second] == ["117421", "113013"]
    assert parsed == []


def test_a_read_only_notes_database_is_read_and_the_reader_is_told(tmp_path) -> None:
    from reader.core.annotation_store import AnnotationStore
    from reader.core.annotations import new_document_bookmark
    from reader.services.composition import open_notes
    from reader.workspace import Workspace

    data = tmp_path / "data"
    with AnnotationStore.open(data) as store:
        store.add(new_document_bookmark("117421", note="kept"))
    (data / "annotations.sqlite3").chmod(0o400)
    data.chmod(0o500)
    try:
        service, message = open_notes(Workspace.create(data))
        assert [a.note for a in service.for_document("117421")] == ["kept"]
        assert message  # the window shows it: notes are read, not saved
        assert service.store is not None and service.store.read_only_reason
        service.store.close()
    finally:
        data.chmod(0o700)
