"""The command line: version, global options before subcommands, dispatch."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader import __version__
from reader.cli import _split_at_subcommand, main
from reader.paths import DATA_DIR_ENV

PROJECT_DIR = Path(__file__).resolve().parent.parent


def test_version_is_printed(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_python_dash_m_reader_prints_the_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--version"],
        capture_output=True,
        text=True,
        cwd=PROJECT_DIR,
        check=True,
    )
    assert result.stdout.strip() == f"parallel-reader {__version__}"


def test_global_options_go_before_the_subcommand() -> None:
    before, command = _split_at_subcommand(["--data-dir", "inspect", "inspect", "a.txt", "--json"])
    assert before == ["--data-dir", "inspect"]
    assert command == ["inspect", "a.txt", "--json"]


def test_data_dir_option_reaches_the_subcommand(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    target = tmp_path / "elsewhere"
    code = main(
        ["--data-dir", str(target), "inspect", str(PROJECT_DIR / "corpus" / "117421.txt"), "--json"]
    )
    assert code == 0
    assert os.environ[DATA_DIR_ENV] == str(target)
    [entry] = json.loads(capsys.readouterr().out)
    assert entry["id"] == "117421"


def test_unknown_option_is_refused(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--no-such-option"])
    assert exit_info.value.code == 2
