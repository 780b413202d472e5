"""``parallel-reader import``: the report on stdout and the exit status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main

PROJECT_DIR = Path(__file__).resolve().parents[2]
SEED = PROJECT_DIR / "corpus" / "117421.txt"
OTHER = PROJECT_DIR / "corpus" / "113013.txt"


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PARALLEL_READER_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _corpus(tmp_path: Path) -> Path:
    """A bundled corpus of one record, so both imports below are new to it."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "113013.txt").write_bytes(OTHER.read_bytes())
    return corpus


def test_import_prints_one_line_per_file(tmp_path: Path, capsys) -> None:
    data, corpus = tmp_path / "data", _corpus(tmp_path)
    junk = tmp_path / "junk.txt"
    junk.write_text("", encoding="utf-8")
    code = main(
        [
            "--data-dir",
            str(data),
            "--corpus",
            str(corpus),
            "import",
            str(SEED),
            str(OTHER),
            str(junk),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0  # skipping is not failing
    assert "imported" in out and "117421" in out
    assert "already in the bundled corpus" in out
    assert "junk.txt" in out and "not a document" in out
    assert out.strip().endswith("1 imported, 0 updated, 2 skipped, 0 failed")
    assert (data / "library" / "117421.txt").read_bytes() == SEED.read_bytes()
    assert not (corpus / "117421.txt").exists()


def test_missing_file_is_a_failure(tmp_path: Path, capsys) -> None:
    code = main(["--data-dir", str(tmp_path / "d"), "import", str(tmp_path / "missing.txt")])
    assert code == 1
    assert "unreadable: no such file" in capsys.readouterr().out


def test_imported_record_is_found_by_search(tmp_path: Path, capsys) -> None:
    data = str(tmp_path / "data")
    assert main(["--data-dir", data, "--corpus", str(_corpus(tmp_path)), "import", str(SEED)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", data, "search", "шифровка", "--json"]) == 0
    [result] = json.loads(capsys.readouterr().out)
    assert result["id"] == "117421"
