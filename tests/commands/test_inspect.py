"""``inspect``: JSON and human output, exit status, and bad paths reported per file."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.commands import inspect

PROJECT_DIR = Path(__file__).resolve().parents[2]
SEED = PROJECT_DIR / "corpus" / "117421.txt"
ENTRY_KEYS = [
    "path", "ok", "error", "id", "title", "date", "source_url", "citation", "summary",
    "original_language", "people", "places", "subjects", "texts",
]  # fmt: skip


def _run(paths: list[Path], as_json: bool) -> int:
    return inspect.run(argparse.Namespace(paths=paths, json=as_json))


def test_module_interface() -> None:
    parser = argparse.ArgumentParser()
    inspect.add_arguments(parser)
    args = parser.parse_args(["a.txt", "b.txt", "--json"])
    assert inspect.NAME == "inspect" and inspect.HELP
    assert args.paths == [Path("a.txt"), Path("b.txt")] and args.json is True


def test_json_for_good_and_missing_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "missing.txt"
    assert _run([SEED, missing], as_json=True) == 1
    entries = json.loads(capsys.readouterr().out)
    assert [list(entry) for entry in entries] == [ENTRY_KEYS, ENTRY_KEYS]
    good, bad = entries
    assert good["ok"] is True and good["error"] is None and good["id"] == "117421"
    assert [(t["language"], t["role"], len(t["paragraphs"])) for t in good["texts"]] == [
        ("ru", "transcript", 3),
        ("en", "translation", 12),
    ]
    assert bad == {
        **dict.fromkeys(ENTRY_KEYS),
        "path": str(missing),
        "ok": False,
        "error": "missing.txt: no such file",
        "people": [],
        "places": [],
        "subjects": [],
        "texts": [],
    }


def test_json_is_utf8_not_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run([SEED], as_json=True) == 0
    assert "Товарищу МАО ЦЗЭДУНУ." in capsys.readouterr().out


def test_human_summary(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert _run([SEED, empty], as_json=False) == 1
    out = capsys.readouterr().out
    assert "id: 117421    date: 1951-07-21" in out
    assert "title: Cable No. 4277, Filippov [Stalin] to Cde. Mao Zedong" in out
    assert "text: ru transcript, 3 paragraphs" in out
    assert "text: en translation, 12 paragraphs" in out
    assert "ERROR: the file is empty" in out


def test_exit_zero_when_all_parse(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run([SEED.parent], as_json=False) == 0
    assert capsys.readouterr().out.count("id: ") == 2


@pytest.mark.skipif(
    not (PROJECT_DIR / "reader" / "cli.py").exists(), reason="reader/cli.py not written yet"
)
def test_python_m_reader_inspect(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}  # output must be UTF-8 regardless
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--data-dir", str(tmp_path / "data"), "inspect",
         str(SEED), str(tmp_path / "missing.txt"), "--json"],
        capture_output=True, cwd=PROJECT_DIR, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr.decode("utf-8", "replace")
    entries = json.loads(result.stdout.decode("utf-8"))
    assert [entry["ok"] for entry in entries] == [True, False]
    assert entries[0]["texts"][0]["paragraphs"][0] == "Товарищу МАО ЦЗЭДУНУ."
