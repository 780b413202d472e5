"""``parallel-reader notes``: export, import and list the user's annotations.

    parallel-reader [--data-dir D] notes export --format md|json [-o FILE]
    parallel-reader [--data-dir D] notes import FILE
    parallel-reader [--data-dir D] notes list [--document ID] [--tag T] [--colour C] [--text T]

Exports go to standard output unless ``-o`` names a file, which is written owner-only (notes are
private) and atomically (an interrupted export never leaves half a file over a good one).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import tempfile
from pathlib import Path

from reader.commands.output import json_text, warn, write_utf8
from reader.core.annotation_store import AnnotationStore, AnnotationStoreError
from reader.core.annotations import COLOURS, KINDS, Annotation, search_rows
from reader.core.library import Library
from reader.core.notes_export import (
    NotesImportError,
    import_w3c,
    read_notes_file,
    to_markdown,
    to_w3c_json,
)
from reader.core.pair_resolver import PairResolver
from reader.workspace import Workspace

NAME = "notes"
HELP = "Export, import or list your notes, highlights and bookmarks."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    export = actions.add_parser("export", help="write every annotation as Markdown or W3C JSON")
    export.add_argument("--format", choices=("md", "json"), default="md", help="default: md")
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help="default: stdout")
    imported = actions.add_parser("import", help="read W3C Web Annotation JSON (idempotent)")
    imported.add_argument("file", type=Path, metavar="FILE")
    listing = actions.add_parser("list", help="one line per annotation")
    listing.add_argument("--document", metavar="ID", help="only this record id")
    listing.add_argument("--tag", metavar="TAG")
    listing.add_argument("--colour", choices=COLOURS)
    listing.add_argument("--kind", choices=KINDS)
    listing.add_argument("--text", metavar="TEXT", help="in the note, the quote or a tag")


class _Context:
    """What every action needs: the notes, the library they refer to, and the pairs it shows."""

    def __init__(self, workspace: Workspace, store: AnnotationStore) -> None:
        self.workspace = workspace
        self.store = store
        self._library: Library | None = None
        self._resolver: PairResolver | None = None

    @property
    def library(self) -> Library:
        if self._library is None:  # a listing needs no documents: read the catalog only if asked
            self._library, _errors = self.workspace.load_library()
        return self._library

    @property
    def resolver(self) -> PairResolver:
        if self._resolver is None:
            self._resolver = self.workspace.pair_resolver()
        return self._resolver


def run(args: argparse.Namespace, workspace: Workspace) -> int:
    try:
        store = workspace.open_annotations()
    except AnnotationStoreError as error:
        warn(f"error: {error}")
        return 1
    with store:
        for notice in (store.recovery_notice, store.backup_error, store.read_only_reason):
            if notice:
                warn(f"note: {notice}")
        try:
            return _ACTIONS[args.action](args, _Context(workspace, store))
        except AnnotationStoreError as error:
            warn(f"error: {error}")
            return 1


def _export(args: argparse.Namespace, context: _Context) -> int:
    annotations, lookup = context.store.all(), context.library.lookup
    if args.format == "json":
        text = json_text(to_w3c_json(annotations, lookup))
    else:
        text = to_markdown(annotations, lookup, context.resolver)
    if args.output is None:
        write_utf8(text)
        return 0
    try:
        _write_private(args.output, text)
    except OSError as error:
        warn(f"error: cannot write {args.output}: {error.strerror or error}")
        return 1
    warn(f"{len(annotations)} annotations written to {args.output}")
    return 0


def _import(args: argparse.Namespace, context: _Context) -> int:
    try:
        data = read_notes_file(args.file)
        report = import_w3c(data, context.store, context.library.lookup, context.resolver)
    except OSError as error:
        warn(f"error: cannot read {args.file}: {error.strerror or error}")
        return 1
    except NotesImportError as error:
        warn(f"error: {args.file}: {error}; nothing was imported")
        return 1
    with context.workspace.search_index() as index:  # search finds the imported notes at once
        index.replace_notes(search_rows(context.store.all()))
    lines = [f"{args.file}: {report.summary()}"]
    lines += [f"  skipped {label}: {reason}" for label, reason in report.skipped]
    write_utf8("\n".join(lines) + "\n")
    return 0


def _list(args: argparse.Namespace, context: _Context) -> int:
    found = context.store.query(
        document_id=args.document, colour=args.colour, tag=args.tag, text=args.text, kind=args.kind
    )
    write_utf8("".join(_line(a) + "\n" for a in found) or "no annotations\n")
    return 0


def _line(a: Annotation) -> str:
    where = "document" if a.paragraph is None else f"¶ {a.paragraph + 1} {a.side}"
    state = "" if a.placed else " [unplaced]"
    quote = a.quote if len(a.quote) <= 50 else a.quote[:49] + "…"
    extra = f" — {a.note.splitlines()[0]}" if a.note else ""
    tags = f" #{' #'.join(a.tags)}" if a.tags else ""
    colour = f" {a.colour}" if a.colour else ""
    return f"{a.document_id} {where} {a.kind}{colour}{state}: “{quote}”{extra}{tags}  ({a.id[:8]})"


_ACTIONS = {"export": _export, "import": _import, "list": _list}


def _write_private(path: Path, text: str) -> None:
    """Owner-only file, written to a temporary name and renamed into place."""
    folder = path.resolve().parent
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
