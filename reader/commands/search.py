"""``parallel-reader search QUERY [--json] [--limit N]``: search the library from the terminal.

The catalog and the index are brought up to date first (only new or changed files are parsed).
Each hit prints as document id, title, date, language, paragraph number (¶, from 1, as the window
shows it) and snippet; ``--json`` gives the same fields plus the highlight spans (offsets into the
snippet), with ``paragraph`` as data: the index from 0.
"""

from __future__ import annotations

import argparse
from typing import Any

from reader.commands.output import json_text, warn, write_utf8
from reader.core.search_index import DocumentHits, Hit, QueryError
from reader.workspace import Workspace

NAME = "search"
HELP = 'Search every document and note: words, "phrases", prefix*, AND/OR/NOT, (groups).'


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", nargs="+", metavar="QUERY", help="what to search for")
    parser.add_argument("--json", action="store_true", help="print a JSON array of documents")
    parser.add_argument("--limit", type=int, default=20, metavar="N", help="documents (default 20)")
    parser.add_argument(
        "--order", choices=("relevance", "date"), default="relevance", help="sort documents by"
    )


def run(args: argparse.Namespace, workspace: Workspace) -> int:
    with workspace.catalog() as catalog, workspace.search_index() as index:
        catalog.refresh(workspace.existing_library_folders())
        index.ensure_fresh(catalog)
        try:
            results = index.search(
                " ".join(args.query), limit=max(args.limit, 1), order=args.order
            )
        except QueryError as error:
            warn(f"parallel-reader search: {error}")
            return 2
    if args.json:
        write_utf8(json_text([_json(result) for result in results]))
    else:
        write_utf8("".join(_text(result) for result in results) or "No documents match.\n")
    return 0


def _location(hit: Hit) -> str:
    if hit.kind == "text" and hit.paragraph is not None:
        return f"{hit.language} ¶ {hit.paragraph + 1}"  # as the window and the exports number them
    if hit.kind == "note":
        return "note"
    return hit.kind


def _text(result: DocumentHits) -> str:
    lines = [f"{result.document_id}  {result.date or 'undated'}  {result.title}"]
    for hit in result.hits:
        lines.append(f"  [{_location(hit)}] {_marked(hit)}")
    if result.total_hits > len(result.hits):
        lines.append(f"  … {result.total_hits - len(result.hits)} more hits")
    return "\n".join(lines) + "\n\n"


def _marked(hit: Hit) -> str:
    """The snippet with hits between »« so they show in a plain terminal."""
    text, out, position = hit.snippet, [], 0
    for start, end in hit.spans:
        out += [text[position:start], "»", text[start:end], "«"]
        position = end
    return "".join([*out, text[position:]])


def _json(result: DocumentHits) -> dict[str, Any]:
    return {
        "id": result.document_id,
        "title": result.title,
        "date": result.date,
        "total_hits": result.total_hits,
        "hits": [
            {
                "kind": hit.kind,
                "language": hit.language,
                "side": hit.side,
                "paragraph": hit.paragraph,
                "annotation_id": hit.annotation_id,
                "snippet": hit.snippet,
                "spans": [list(span) for span in hit.spans],
            }
            for hit in result.hits
        ],
    }
