"""``parallel-reader import PATH...``: copy documents into the user's library and index them.

Prints one line per file (imported, updated, skipped or failed, with the reason) and a summary.
Exit status 1 when a file could not be read or copied (see ``ImportReport.failed``); skipping
non-documents, duplicates and unchanged records is not a failure.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.commands.output import write_utf8
from reader.core.user_library import import_paths
from reader.workspace import Workspace

NAME = "import"
HELP = "Import document files (or folders of them) into your library and index them for search."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    parser.add_argument("--quiet", action="store_true", help="print only skipped/failed files")


def run(args: argparse.Namespace, workspace: Workspace) -> int:
    workspace.ensure()
    with workspace.catalog() as catalog, workspace.search_index() as index:
        catalog.refresh(workspace.existing_library_folders())  # so bundled ids are known
        index.ensure_fresh(catalog)
        report = import_paths(
            args.paths,
            workspace.library_dir,
            bundled_ids=catalog.ids_in(workspace.corpus_dir),
            catalog=catalog,
            index=index,
        )
    shown = [item for item in report.items if not args.quiet or item.reason]
    write_utf8("".join(item.describe() + "\n" for item in shown) + report.summary() + "\n")
    return 1 if report.failed else 0
