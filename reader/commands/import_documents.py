"""``parallel-reader import PATH...``: copy documents into the user's library and index them.

Prints one line per file (imported, updated, skipped or failed, with the reason) and a summary.
Exit status 1 when a file could not be read or copied (see ``ImportReport.failed``); skipping
non-documents, duplicates and unchanged records is not a failure.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.commands.output import write_utf8
from reader.core.catalog import Catalog
from reader.core.search_index import SearchIndex
from reader.core.user_library import import_paths, library_dir, library_folders
from reader.paths import bundled_corpus_dir, data_dir

NAME = "import"
HELP = "Import document files (or folders of them) into your library and index them for search."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    parser.add_argument("--quiet", action="store_true", help="print only skipped/failed files")


def run(args: argparse.Namespace) -> int:
    corpus = Path(args.corpus) if getattr(args, "corpus", None) else bundled_corpus_dir()
    data = data_dir()
    catalog = Catalog.open()
    index = SearchIndex.open()
    try:
        catalog.refresh(library_folders(corpus, data))  # so bundled ids are known
        index.ensure_fresh(catalog)
        report = import_paths(
            args.paths,
            library_dir(data),
            bundled_ids=catalog.ids_in(corpus),
            catalog=catalog,
            index=index,
        )
    finally:
        index.close()
        catalog.close()
    shown = [item for item in report.items if not args.quiet or item.reason]
    write_utf8("".join(item.describe() + "\n" for item in shown) + report.summary() + "\n")
    return 1 if report.failed else 0
