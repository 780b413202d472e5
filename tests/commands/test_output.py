"""Command output: what a document or a note holds never acts on the terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.commands.output import escape_controls

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
HOSTILE_TITLE = "Cable \x1b]0;owned\x07 No. 1 \x1b[2J\x9b31m"


def test_control_characters_are_shown_escaped_and_text_is_kept() -> None:
    assert escape_controls("Шифровка\n\tNo. 5") == "Шифровка\n\tNo. 5"
    assert escape_controls(HOSTILE_TITLE) == "Cable \\x1b]0;owned\\x07 No. 1 \\x1b[2J\\x9b31m"


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    text = (CORPUS / "113013.txt").read_text(encoding="utf-8")
    first_line = text.splitlines()[0]
    document = tmp_path / "hostile.txt"
    document.write_text(text.replace(first_line, first_line + HOSTILE_TITLE, 1), encoding="utf-8")
    return document


def test_inspect_and_import_escape_a_hostile_title_and_json_stays_exact(
    hostile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for arguments in (["inspect", str(hostile)], ["import", str(hostile)], ["search", "owned"]):
        main(["--data-dir", str(tmp_path / "data"), *arguments])
        out = capsys.readouterr()
        assert "\x1b" not in out.out + out.err and "\x07" not in out.out + out.err
    main(["inspect", "--json", str(hostile)])
    out = capsys.readouterr().out
    assert not any(0x7F <= ord(c) <= 0x9F or (ord(c) < 0x20 and c not in "\n") for c in out)
    [entry] = json.loads(out)
    assert HOSTILE_TITLE in entry["title"]  # exact once decoded


def test_everything_a_run_writes_is_owner_only(hostile: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "import", str(hostile)]) == 0
    assert main(["--data-dir", str(data), "search", "Mao"]) == 0
    assert main(["--data-dir", str(data), "notes", "export", "-o", str(tmp_path / "n.md")]) == 0
    written = [data, *data.rglob("*"), tmp_path / "n.md"]
    loose = [f"{path}: {path.stat().st_mode & 0o777:o}" for path in written if path.stat().st_mode & 0o077]
    assert not loose
