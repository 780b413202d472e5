"""``parallel-reader cite RECORD ... [--format ris|bibtex|csl-json|chicago]``: cite records.

Prints each record's citation for a reference manager: RIS and BibTeX records one after another,
CSL-JSON as one array (Zotero's "Import from Clipboard" reads it), Chicago notes one a line.
``--accessed`` pins the access date (default: today), so an export can be reproduced.
"""

from __future__ import annotations

import argparse
import datetime as dt

from reader.commands.output import warn, write_utf8
from reader.core.citations import FORMATS, format_citations
from reader.core.document import Document
from reader.workspace import Workspace

NAME = "cite"
HELP = "Print records' citations as RIS, BibTeX, CSL-JSON or a Chicago note."


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("records", nargs="+", metavar="RECORD", help="record id, e.g. 117421")
    parser.add_argument("--format", choices=FORMATS, default="chicago", help="default: chicago")
    parser.add_argument(
        "--accessed", type=_date, metavar="YYYY-MM-DD", help="access date (default: today)"
    )


def run(args: argparse.Namespace, workspace: Workspace) -> int:
    library, _errors = workspace.load_library()
    documents: list[Document] = []
    missing = False
    for record in args.records:
        document = library.lookup(record)
        if document is None:
            missing = True
            if record in library:
                warn(f"parallel-reader cite: record {record} cannot be read")
            else:
                warn(f"parallel-reader cite: no record {record} in the library")
            continue
        documents.append(document)
    if documents:
        write_utf8(format_citations(documents, args.format, accessed=args.accessed))
    return 1 if missing else 0
