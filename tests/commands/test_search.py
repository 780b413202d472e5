"""``parallel-reader search``: text and JSON output, limits, and bad queries."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.commands import search

PROJECT_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PARALLEL_READER_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_module_interface() -> None:
    parser = argparse.ArgumentParser()
    search.add_arguments(parser)
    args = parser.parse_args(["cold", "war", "--json", "--limit", "3"])
    assert search.NAME == "search" and search.HELP
    assert (args.query, args.json, args.limit) == (["cold", "war"], True, 3)


def test_text_output_names_document_and_paragraph(capsys) -> None:
    assert main(["search", "шифровку"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("117421  1951-07-21  Cable No. 4277")
    assert "[ru ¶ 2]" in out and "»шифровку«" in out  # ¶ numbers from 1, as in the window


def test_json_output_has_spans(capsys) -> None:
    assert main(["search", "negotiations", "--json", "--limit", "1"]) == 0
    [result] = json.loads(capsys.readouterr().out)
    assert set(result) == {"id", "title", "date", "total_hits", "hits"}
    hit = next(h for h in result["hits"] if h["kind"] == "text")
    assert {"language", "paragraph", "snippet", "spans"} <= set(hit)
    start, end = hit["spans"][0]
    assert hit["snippet"][start:end].casefold().startswith("negotiat")


def test_no_match_and_bad_query(capsys) -> None:
    assert main(["search", "zzzzqqq"]) == 0
    assert "No documents match" in capsys.readouterr().out
    assert main(["search", "treaty", "AND"]) == 2
    assert "AND needs a word on both sides" in capsys.readouterr().err
