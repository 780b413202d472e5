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
import json
import os
import sys
import tempfile
from pathlib import Path

from reader.commands.output import write_utf8
from reader.core.annotation_store import AnnotationStore, AnnotationStoreError
from reader.core.annotations import COLOURS, KINDS, Annotation
from reader.core.corpus import load_paths
from reader.core.document import Document
from reader.core.notes_export import NotesImportError, import_w3c, to_markdown, to_w3c_json
from reader.paths import bundled_corpus_dir

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


def load_known_documents(corpus: Path | None = None) -> list[Document]:
    """The documents annotations can refer to: the bundled corpus (or ``corpus``).

    Files that do not parse are left out; their annotations are still exported, by record id.
    """
    return load_paths([corpus or bundled_corpus_dir()]).documents


def run(args: argparse.Namespace) -> int:
    try:
        store = AnnotationStore.open()
    except AnnotationStoreError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    with store:
        if store.recovery_notice:
            print(f"note: {store.recovery_notice}", file=sys.stderr)
        try:
            return _ACTIONS[args.action](args, store)
        except AnnotationStoreError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1


def _documents(args: argparse.Namespace) -> list[Document]:
    corpus = getattr(args, "corpus", None)
    return load_known_documents(Path(corpus) if corpus else None)


def _export(args: argparse.Namespace, store: AnnotationStore) -> int:
    annotations, documents = store.all(), _documents(args)
    if args.format == "json":
        text = json.dumps(to_w3c_json(annotations, documents), ensure_ascii=False, indent=2) + "\n"
    else:
        text = to_markdown(annotations, documents)
    if args.output is None:
        write_utf8(text)
        return 0
    try:
        _write_private(args.output, text)
    except OSError as error:
        print(f"error: cannot write {args.output}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(f"{len(annotations)} annotations written to {args.output}", file=sys.stderr)
    return 0


def _import(args: argparse.Namespace, store: AnnotationStore) -> int:
    try:
        data = args.file.read_bytes()
        report = import_w3c(data, store, _documents(args))
    except OSError as error:
        print(f"error: cannot read {args.file}: {error.strerror or error}", file=sys.stderr)
        return 1
    except NotesImportError as error:
        print(f"error: {args.file}: {error}; nothing was imported", file=sys.stderr)
        return 1
    lines = [f"{args.file}: {report.summary()}"]
    lines += [f"  skipped {label}: {reason}" for label, reason in report.skipped]
    write_utf8("\n".join(lines) + "\n")
    return 0


def _list(args: argparse.Namespace, store: AnnotationStore) -> int:
    found = store.query(
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
