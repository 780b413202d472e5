"""The `align` subcommand: JSON output, the table for people, unreadable files."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from reader.commands import align as command


def _args(source: Path, target: Path, as_json: bool = True) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    command.add_arguments(parser)
    argv = [str(source), str(target), *(["--json"] if as_json else [])]
    return parser.parse_args(argv)


@pytest.fixture
def texts(tmp_path: Path) -> tuple[Path, Path]:
    source = tmp_path / "ru.txt"
    target = tmp_path / "en.txt"
    source.write_text(
        "Товарищу МАО ЦЗЭДУНУ.\n\nВашу шифровку от 20 июля\nполучили.\n\nФИЛИППОВ\n", "utf-8"
    )
    target.write_text(
        "COPY OF AN OUTGOING TELEGRAM\n\nto Cde. MAO ZEDONG\n\n"
        "We have received your cipher\nmessage of 20 July.\n\n21 July 1951 FILIPPOV\n",
        "utf-8",
    )
    return source, target


def test_json_covers_both_files(texts, capsys) -> None:
    assert command.NAME == "align" and command.HELP
    assert command.run(_args(*texts)) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == {
        "pairs": [
            {"source": [], "target": [0]},
            {"source": [0], "target": [1]},
            {"source": [1], "target": [2]},
            {"source": [2], "target": [3]},
        ]
    }


def test_defaults_and_table(texts, capsys) -> None:
    args = _args(*texts, as_json=False)
    assert (args.source_language, args.target_language) == ("ru", "en")
    assert command.run(args) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4
    assert "FILIPPOV" in lines[-1] and "ФИЛИППОВ" in lines[-1]


def test_missing_or_binary_file_is_named(texts, tmp_path, capsys) -> None:
    missing = tmp_path / "nope.txt"
    assert command.run(_args(texts[0], missing)) == 2
    assert "nope.txt" in capsys.readouterr().err
    binary = tmp_path / "scan.pdf"
    binary.write_bytes(b"\xff\xd8\xff\x00\x81")
    assert command.run(_args(binary, texts[1])) == 2
    assert "scan.pdf" in capsys.readouterr().err


def test_empty_file_gives_one_sided_pairs(texts, tmp_path, capsys) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", "utf-8")
    assert command.run(_args(empty, texts[1])) == 0
    pairs = json.loads(capsys.readouterr().out)["pairs"]
    assert [p["target"] for p in pairs] == [[0], [1], [2], [3]]


def test_json_with_sentences(texts, capsys) -> None:
    parser = argparse.ArgumentParser()
    command.add_arguments(parser)
    args = parser.parse_args([str(texts[0]), str(texts[1]), "--json", "--sentences"])
    assert command.run(args) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["pairs"][1] == {"source": [0], "target": [1]}
    assert {"pair": 1, "source": [[0, 0, 21]], "target": [[1, 0, 18]]} in out["sentences"]
