"""Many files at once: expanding folders, loading every file, and documents as JSON.

One bad file never stops the others: its ParseError is collected and loading goes on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.core.document import Document, ParseError
from reader.core.messages import QT_TRANSLATE_NOOP, Message

DOCUMENT_SUFFIXES = frozenset({".txt", ".md"})


@dataclass
class CorpusLoad:
    """The documents that parsed (in date order) and one error per file that did not."""

    documents: list[Document] = field(default_factory=list)
    errors: list[ParseError] = field(default_factory=list)


def iter_document_files(paths: Iterable[Path]) -> list[Path]:
    """Files as given (even missing ones, so they are reported); folders expanded and sorted.

    Each file comes once, however it is reached: through symbolic links (even links that loop
    back to a folder above them) or given twice. Files and folders are told apart by device and
    inode, so a loop is walked once and never followed around.
    """
    files: list[Path] = []
    seen_files: set[tuple[int, int]] = set()
    seen_folders: set[tuple[int, int]] = set()
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(_folder_documents(path, seen_folders, seen_files))
        elif _first_visit(path, seen_files):
            files.append(path)
    return list(dict.fromkeys(files))


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def _first_visit(path: Path, seen: set[tuple[int, int]]) -> bool:
    """True the first time a file or folder is met (and for what cannot be looked at)."""
    identity = _identity(path)
    if identity is None:
        return True
    if identity in seen:
        return False
    seen.add(identity)
    return True


def _folder_documents(
    folder: Path, seen_folders: set[tuple[int, int]], seen_files: set[tuple[int, int]]
) -> list[Path]:
    """``*.txt`` and ``*.md`` below ``folder``, skipping hidden files and folders (.git)."""
    found: list[Path] = []
    pending = [folder]
    while pending:
        current = pending.pop()
        if not _first_visit(current, seen_folders):
            continue
        try:
            entries = sorted(current.iterdir())
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                continue
            if is_dir:
                pending.append(entry)
            elif (
                entry.suffix.lower() in DOCUMENT_SUFFIXES
                and entry.is_file()
                and _first_visit(entry, seen_files)
            ):
                found.append(entry)
    return sorted(found)


def load_paths(paths: Iterable[Path]) -> CorpusLoad:
    """Parse every document file under ``paths``; never raises for a bad file."""
    load = CorpusLoad()
    for path in iter_document_files(paths):
        try:
            from reader.core.parsing import parse_file  # only when a file is read

            load.documents.append(parse_file(path))
        except ParseError as error:
            load.errors.append(error)
        except Exception as error:  # a parser bug must not cost the user the other files
            reason = Message(QT_TRANSLATE_NOOP("CoreMessages", "unexpected error: %1"), repr(error))
            load.errors.append(ParseError(path, reason))
    load.documents.sort(key=lambda document: document.date_sort_key)
    return load


def document_to_json(doc: Document) -> dict[str, Any]:
    """A JSON-ready dict of every field but the path."""
    return {
        "id": doc.id,
        "title": doc.title,
        "date": doc.date,
        "source_url": doc.source_url,
        "citation": doc.citation,
        "summary": doc.summary,
        "credits": doc.credits,
        "original_language": doc.original_language,
        "contents": list(doc.contents),
        "people": list(doc.people),
        "places": list(doc.places),
        "subjects": list(doc.subjects),
        "texts": [
            {"language": text.language, "role": text.role, "paragraphs": list(text.paragraphs)}
            for text in doc.texts
        ],
    }
