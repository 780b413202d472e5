"""``parallel-reader inspect PATH...``: show what the parser makes of document files.

Nothing is written anywhere; the exit status says whether every file parsed.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.commands.output import json_text, write_utf8
from reader.core.corpus import document_to_json, iter_document_files
from reader.core.document import Document, ParseError
from reader.core.parsing import parse_file

if TYPE_CHECKING:
    from reader.workspace import Workspace

NAME = "inspect"
HELP = "Parse document files (or folders of them) and report what was found, without importing."

_EMPTY_ENTRY: dict[str, Any] = {
    "id": None,
    "title": None,
    "date": None,
    "source_url": None,
    "citation": None,
    "summary": None,
    "original_language": None,
    "people": [],
    "places": [],
    "subjects": [],
    "texts": [],
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    parser.add_argument("--json", action="store_true", help="print a JSON array, one object a file")


def run(args: argparse.Namespace, workspace: Workspace | None = None) -> int:
    del workspace  # reads only the files it is given and writes nothing
    results = [_inspect(path) for path in iter_document_files(args.paths)]
    if args.json:
        entries = [_json_entry(path, result) for path, result in results]
        write_utf8(json_text(entries))
    else:
        write_utf8("".join(_summary(path, result) for path, result in results))
    return 0 if all(isinstance(result, Document) for _, result in results) else 1


def _inspect(path: Path) -> tuple[Path, Document | ParseError]:
    try:
        return path, parse_file(path)
    except ParseError as error:
        return path, error
    except Exception as error:  # report a parser bug against its file and carry on
        return path, ParseError(path, f"unexpected error: {error!r}")


def _json_entry(path: Path, result: Document | ParseError) -> dict[str, Any]:
    if isinstance(result, ParseError):
        return {"path": str(path), "ok": False, "error": str(result), **_EMPTY_ENTRY}
    fields = document_to_json(result)
    entry = {key: fields[key] for key in _EMPTY_ENTRY}
    return {"path": str(path), "ok": True, "error": None, **entry}


def _summary(path: Path, result: Document | ParseError) -> str:
    if isinstance(result, ParseError):
        return f"{path}\n  ERROR: {result.reason}\n\n"
    lines = [
        str(path),
        f"  id: {result.id}    date: {result.date or 'undated'}",
        f"  title: {result.title}",
    ]
    if result.original_language:
        lines.append(f"  original language: {result.original_language}")
    for text in result.texts:
        lines.append(f"  text: {text.language} {text.role}, {len(text.paragraphs)} paragraphs")
    return "\n".join(lines) + "\n\n"
