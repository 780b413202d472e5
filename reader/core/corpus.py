"""Many files at once: expanding folders, loading every file, and documents as JSON.

One bad file never stops the others: its ParseError is collected and loading goes on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.core.document import Document, ParseError
from reader.core.parsing import parse_file

DOCUMENT_SUFFIXES = frozenset({".txt", ".md"})


@dataclass
class CorpusLoad:
    """The documents that parsed (in date order) and one error per file that did not."""

    documents: list[Document] = field(default_factory=list)
    errors: list[ParseError] = field(default_factory=list)


def iter_document_files(paths: Iterable[Path]) -> list[Path]:
    """Files as given (even missing ones, so they are reported); folders expanded and sorted."""
    files: list[Path] = []
    for path in map(Path, paths):
        files.extend(_folder_documents(path) if path.is_dir() else [path])
    return list(dict.fromkeys(files))


def _folder_documents(folder: Path) -> list[Path]:
    """``*.txt`` and ``*.md`` below ``folder``, skipping hidden files and folders (.git)."""
    found = (
        path
        for path in folder.rglob("*")
        if path.suffix.lower() in DOCUMENT_SUFFIXES
        and path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )
    return sorted(found)


def load_paths(paths: Iterable[Path]) -> CorpusLoad:
    """Parse every document file under ``paths``; never raises for a bad file."""
    load = CorpusLoad()
    for path in iter_document_files(paths):
        try:
            load.documents.append(parse_file(path))
        except ParseError as error:
            load.errors.append(error)
        except Exception as error:  # a parser bug must not cost the user the other files
            load.errors.append(ParseError(path, f"unexpected error: {error!r}"))
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
