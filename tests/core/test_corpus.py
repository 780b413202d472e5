"""Loading many files: bad ones are reported, good ones still load, inputs stay untouched."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from reader.core.corpus import document_to_json, iter_document_files, load_paths

PROJECT_DIR = Path(__file__).resolve().parents[2]
CORPUS_DIR = PROJECT_DIR / "corpus"


def _snapshot(folder: Path) -> dict[Path, tuple[bytes, int]]:
    return {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}


def _mixed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    (folder / ".hidden").mkdir()
    shutil.copy(CORPUS_DIR / "117421.txt", folder / "117421.txt")
    shutil.copy(CORPUS_DIR / "113013.txt", folder / "sub" / "113013.md")
    shutil.copy(CORPUS_DIR / "113013.txt", folder / ".hidden" / "skipped.txt")
    (folder / ".skipped.txt").write_text("hidden file", encoding="utf-8")
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(512))
    (folder / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(512))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "noise.txt").write_text("!!! ... 123 --- ???\n", encoding="utf-8")
    return folder


def test_iter_document_files_expands_folders_and_keeps_given_files(tmp_path: Path) -> None:
    folder = _mixed_folder(tmp_path)
    missing = tmp_path / "missing.txt"
    files = iter_document_files([missing, folder])
    assert files == [
        missing,
        folder / "117421.txt",
        folder / "broken.txt",
        folder / "empty.txt",
        folder / "noise.txt",
        folder / "sub" / "113013.md",
    ]


def test_one_bad_file_never_stops_the_others(tmp_path: Path) -> None:
    folder = _mixed_folder(tmp_path)
    before = _snapshot(folder)
    load = load_paths([folder, tmp_path / "missing.txt"])
    assert [doc.id for doc in load.documents] == ["117421", "113013"]  # date order
    reasons = {error.path.name: error.reason for error in load.errors}
    assert reasons == {
        "broken.txt": "binary data, not a text document",
        "empty.txt": "the file is empty",
        "noise.txt": "no readable text found",
        "missing.txt": "no such file",
    }
    assert all(str(error).startswith(f"{error.path.name}: ") for error in load.errors)
    assert _snapshot(folder) == before
    assert load.documents[0].path == folder / "117421.txt"


def test_document_to_json_round_trips_through_json() -> None:
    doc = load_paths([CORPUS_DIR / "117421.txt"]).documents[0]
    data = json.loads(json.dumps(document_to_json(doc), ensure_ascii=False))
    assert list(data) == [
        "id", "title", "date", "source_url", "citation", "summary", "credits",
        "original_language", "contents", "people", "places", "subjects", "texts",
    ]  # fmt: skip
    assert data["texts"][0] == {
        "language": "ru",
        "role": "transcript",
        "paragraphs": list(doc.texts[0].paragraphs),
    }
