"""``parallel-reader cite``: each format for a bundled record, several records, unknown ids."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import bibtexparser
import pytest

from reader.cli import main
from reader.commands import cite

URL = "https://wilson-center-digital-archive.dvincitest.com/document/117421"
TITLE = "Cable No. 4277, Filippov [Stalin] to Cde. Mao Zedong"


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PARALLEL_READER_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _cite(tmp_path: Path, *words: str) -> list[str]:
    return ["--data-dir", str(tmp_path / "d"), "cite", *words]


def test_module_interface() -> None:
    parser = argparse.ArgumentParser()
    cite.add_arguments(parser)
    args = parser.parse_args(["117421", "113013", "--format", "ris", "--accessed", "2025-01-31"])
    assert cite.NAME == "cite" and cite.HELP
    assert (args.records, args.format, str(args.accessed)) == (
        ["117421", "113013"],
        "ris",
        "2025-01-31",
    )
    assert parser.parse_args(["1"]).format == "chicago"


def test_ris(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    words = _cite(tmp_path, "117421", "--format", "ris", "--accessed", "2025-01-31")
    assert main(words) == 0
    assert capsys.readouterr().out == (
        f"TY  - MANSCPT\nTI  - {TITLE}\nDA  - 1951/07/21/\nPY  - 1951\nDB  - APRF\n"
        "AN  - f. 45, op. 1, d. 340, ll. 92\nDP  - Wilson Center Digital Archive\n"
        f"UR  - {URL}\nY2  - 2025/01/31/\nER  - \n"
    )


def test_bibtex(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(_cite(tmp_path, "117421", "--format", "bibtex", "--accessed", "2025-01-31")) == 0
    out = capsys.readouterr().out
    assert out.startswith("@unpublished{wcda:117421,\n")
    (entry,) = bibtexparser.parse_string(out).entries
    assert entry.fields_dict["title"].value == TITLE
    assert entry.fields_dict["note"].value == "APRF, f. 45, op. 1, d. 340, ll. 92"


def test_csl_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(_cite(tmp_path, "117421", "113013", "--format", "csl-json")) == 0
    items = json.loads(capsys.readouterr().out)
    assert [item["id"] for item in items] == ["117421", "113013"]
    assert items[0]["issued"] == {"date-parts": [[1951, 7, 21]]}
    assert items[0]["type"] == "manuscript" and items[0]["archive"] == "APRF"
    assert items[0]["archive_location"] == "f. 45, op. 1, d. 340, ll. 92"
    assert items[0]["source"] == "Wilson Center Digital Archive" and items[0]["URL"] == URL


def test_chicago_is_the_default(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(_cite(tmp_path, "117421")) == 0
    assert capsys.readouterr().out == (
        f"“{TITLE},” July 21, 1951, APRF, f. 45, op. 1, d. 340, ll. 92, "
        f"Wilson Center Digital Archive, {URL}.\n"
    )


def test_unknown_record(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(_cite(tmp_path, "117421", "999999", "--format", "chicago")) == 1
    captured = capsys.readouterr()
    assert "no record 999999 in the library" in captured.err
    assert captured.out.startswith(f"“{TITLE},”")  # the known one is still cited


def test_only_unknown_records(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(_cite(tmp_path, "nope", "--format", "csl-json")) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "nope" in captured.err


def test_bad_access_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(_cite(tmp_path, "117421", "--accessed", "yesterday"))
    assert stopped.value.code == 2
    assert "not a date" in capsys.readouterr().err
