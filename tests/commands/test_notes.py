"""``notes``: export to stdout and files, import with a report, listing, and exit statuses."""

from __future__ import annotations

import json
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.anchoring import make_selector
from reader.core.annotation_store import AnnotationStore
from reader.core.annotations import TextPosition, new_document_bookmark, new_highlight

PROJECT_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture
def annotated(isolated_data_dir: Path) -> Path:
    paragraph = "Вашу шифровку от 20 июля получили."
    with AnnotationStore.open(isolated_data_dir) as store:
        store.add(
            new_highlight(
                "117421",
                "source",
                "ru",
                make_selector(["", paragraph], 1, 0, 13),
                TextPosition(1, 0, 13),
                1,
                colour="pink",
                note="первая заметка",
                tags=["cables"],
            )
        )
        store.add(new_document_bookmark("113013", note="read later"))
    return isolated_data_dir


WEB_PAGE = Path(__file__).resolve().parents[3] / "shared" / "samples" / "wilson" / "300237.txt"


def test_a_note_on_an_imported_document_is_exported_and_placed_like_the_window_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command line reads the reader's library too, not only the bundled corpus."""
    data, other = str(tmp_path / "data"), str(tmp_path / "other")
    for folder in (data, other):
        assert main(["--data-dir", folder, "import", str(WEB_PAGE)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", data, "inspect", str(WEB_PAGE), "--json"]) == 0
    [entry] = json.loads(capsys.readouterr().out)
    text = entry["texts"][0]
    words = text["paragraphs"][3][:40]
    with AnnotationStore.open(Path(data)) as store:
        store.add(
            new_highlight(
                "300237",
                "source" if text["role"] != "translation" else "target",
                text["language"],
                make_selector(text["paragraphs"], 3, 0, len(words)),
                TextPosition(3, 0, len(words)),
                None,
                note="on an imported record",
            )
        )
    assert main(["--data-dir", data, "notes", "export", "--format", "md"]) == 0
    markdown = capsys.readouterr().out
    assert "Telephone Conversation with Polish President Kwasniewski" in markdown
    assert "not in the library" not in markdown
    exported = tmp_path / "notes.json"
    assert main(["--data-dir", data, "notes", "export", "--format", "json", "-o", str(exported)]) == 0
    assert main(["--data-dir", other, "notes", "import", str(exported)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", other, "notes", "list"]) == 0
    listing = capsys.readouterr().out
    assert "300237" in listing and "[unplaced]" not in listing


def test_export_markdown_to_stdout(annotated: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["notes", "export", "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert out.index("Cable No. 4277") < out.index("Ciphered Telegram No. 25902")
    assert "> Вашу шифровку" in out and "первая заметка" in out and "read later" in out


def test_export_json_to_a_private_file_then_import_elsewhere(
    annotated: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "notes.json"
    assert main(["notes", "export", "--format", "json", "-o", str(target)]) == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert json.loads(target.read_text(encoding="utf-8"))["total"] == 2
    other = tmp_path / "other-data"
    assert main(["--data-dir", str(other), "notes", "import", str(target)]) == 0
    assert "2 added, 0 updated, 0 skipped" in capsys.readouterr().out
    assert main(["--data-dir", str(other), "notes", "import", str(target)]) == 0
    assert "0 added, 0 updated, 2 skipped" in capsys.readouterr().out
    assert main(["--data-dir", str(other), "notes", "list", "--tag", "CABLES"]) == 0
    listing = capsys.readouterr().out
    assert "117421 ¶ 2 source note pink" in listing and "#cables" in listing
    assert "113013" not in listing


def test_import_of_a_malformed_file_fails_cleanly(
    annotated: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"type": "nothing"}', encoding="utf-8")
    assert main(["notes", "import", str(bad)]) == 1
    assert "nothing was imported" in capsys.readouterr().err
    assert main(["notes", "import", str(tmp_path / "missing.json")]) == 1
    with AnnotationStore.open(annotated) as store:
        assert store.count() == 2


def test_a_newer_database_is_reported(annotated: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = sqlite3.connect(annotated / "annotations.sqlite3")
    db.execute("PRAGMA user_version = 99")
    db.close()
    assert main(["notes", "list"]) == 1
    assert "newer version" in capsys.readouterr().err


def test_the_command_runs_as_a_process(annotated: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--data-dir", str(annotated), "notes", "list"],
        capture_output=True,
        cwd=PROJECT_DIR,
        check=True,
    )
    assert "первая заметка" in result.stdout.decode("utf-8")


def test_notes_imported_on_the_command_line_are_found_by_search(
    annotated: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "notes.json"
    assert main(["notes", "export", "--format", "json", "-o", str(exported)]) == 0
    other = str(tmp_path / "other")
    assert main(["--data-dir", other, "notes", "import", str(exported)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", other, "search", "заметка"]) == 0
    assert "[note] первая »заметка«" in capsys.readouterr().out
