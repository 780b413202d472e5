"""The command line: version, global options before subcommands, dispatch."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader import __version__
from reader.cli import DATA_DIR_ENV, _split_at_subcommand, main

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
    code = main(["--data-dir", str(target), "notes", "list"])
    assert code == 0
    assert "no annotations" in capsys.readouterr().out
    assert (target / "annotations.sqlite3").exists()


def test_a_relative_data_dir_works_on_every_run(tmp_path, monkeypatch, capsys) -> None:
    """It used to work once, then fail with "relative path can't be expressed as a file URI"."""
    monkeypatch.chdir(tmp_path)
    seed = PROJECT_DIR / "corpus" / "117421.txt"
    for _run in range(3):
        assert main(["--data-dir", "mydata", "notes", "list"]) == 0
        assert main(["--data-dir", "mydata", "import", str(seed)]) == 0
        assert main(["--data-dir", "mydata", "search", "Mao"]) == 0
    assert "error" not in capsys.readouterr().err
    assert (tmp_path / "mydata" / "cache").is_dir()


def _tree(folder: Path) -> set[str]:
    return {str(path.relative_to(folder)) for path in folder.rglob("*")} if folder.exists() else set()


def test_a_data_dir_run_writes_nothing_outside_it(tmp_path) -> None:
    """A portable install: the window, the commands, the caches and the theme icons stay in DIR."""
    home, portable = tmp_path / "home", tmp_path / "portable"
    home.mkdir()
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("XDG_") and key != DATA_DIR_ENV
    }
    environment.update(HOME=str(home), QT_QPA_PLATFORM="offscreen")
    seed = PROJECT_DIR / "corpus" / "117421.txt"
    for arguments in (
        ["--smoke-test"],
        ["import", str(seed)],
        ["search", "Mao"],
        ["notes", "export", "--format", "json"],
    ):
        subprocess.run(
            [sys.executable, "-m", "reader", "--data-dir", str(portable), *arguments],
            cwd=tmp_path,
            env=environment,
            capture_output=True,
            check=True,
            timeout=120,
        )
    assert _tree(home) == set()
    written = _tree(portable)
    assert "cache/search.sqlite3" in written
    assert any(name.startswith("cache/qdarktheme") for name in written)


def test_unknown_option_is_refused(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--no-such-option"])
    assert exit_info.value.code == 2


def test_a_data_folder_that_is_a_file_gets_one_clear_message(tmp_path, capsys) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("not a folder", encoding="utf-8")
    for command in (["notes", "list"], ["search", "Mao"], ["import", str(PROJECT_DIR / "corpus")]):
        assert main(["--data-dir", str(blocker), *command]) == 2
        error = capsys.readouterr().err
        assert str(blocker) in error and "is a file" in error and "Traceback" not in error
    window = subprocess.run(
        [sys.executable, "-m", "reader", "--data-dir", str(blocker), "--smoke-test"],
        capture_output=True,
        text=True,
        cwd=PROJECT_DIR,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        timeout=60,
    )
    assert window.returncode == 2
    assert str(blocker) in window.stderr and "Traceback" not in window.stderr
