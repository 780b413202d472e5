"""Archive text files to Documents: the entry points, and the assembly of the parts.

The work is split by concern:

* ``reader.core.paragraphs``: lines, blocks, markers, list items and page-break joins;
* ``reader.core.layouts``: the archive layouts and the metadata in headers and trailers;
* ``reader.core.scripts``: the language of each body segment, told from its script;
* ``reader.core.dates``: dates as the archive writes them, to ISO 8601.

Segments of one language are one text (a marker between them was an omission).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from reader.core.dates import parse_date
from reader.core.document import Document, ParseError, Role, Text
from reader.core.encoding import EMPTY, decode_document
from reader.core.languages import language_codes
from reader.core.layouts import Fields, contents_roles, derive_people, read_metadata
from reader.core.messages import QT_TRANSLATE_NOOP, Message
from reader.core.paragraphs import Block, blocks, body_segments, has_readable_prose
from reader.core.scripts import segment_languages

__all__ = ["MAX_FILE_BYTES", "NO_TEXT", "parse_date", "parse_file", "parse_text"]

MAX_FILE_BYTES = 20 * 1024 * 1024
NO_TEXT = Message(QT_TRANSLATE_NOOP("CoreMessages", "no readable text found"))

_TITLE_LENGTH = 80
_DOCUMENT_ID = re.compile(r"/document/(\d+)")


def parse_file(path: Path) -> Document:
    """Read, decode and parse one file. Raises ParseError naming the file and the reason."""
    path = Path(path)
    data = read_document_bytes(path)
    return replace(parse_text(decode_document(data, path), path), path=path)


def parse_text(text: str, path: Path) -> Document:
    """Parse decoded text. ``path`` names the file in errors and supplies a fallback id."""
    path = Path(path)
    if not text.strip():
        raise ParseError(path, EMPTY)
    if not has_readable_prose(text):
        raise ParseError(path, NO_TEXT)
    fields, body = read_metadata(blocks(text))
    texts = _build_texts(body, fields)
    if not texts:
        raise ParseError(path, NO_TEXT)
    return _document(fields, texts, path)


def read_document_bytes(path: Path) -> bytes:
    """The bytes of a file, refusing folders, special files and files over the size limit."""
    try:
        if path.is_dir():
            raise ParseError(
                path, Message(QT_TRANSLATE_NOOP("CoreMessages", "a folder, not a document file"))
            )
        if path.exists() and not path.is_file():  # reading a pipe would wait forever
            raise ParseError(
                path,
                Message(
                    QT_TRANSLATE_NOOP(
                        "CoreMessages", "not a regular file (a device, pipe or socket)"
                    )
                ),
            )
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            megabytes = size / (1024 * 1024)
            reason = Message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages", "the file is too large (%1 MB; the limit is 20 MB)"
                ),
                f"{megabytes:.0f}",
            )
            raise ParseError(path, reason)
        return path.read_bytes()
    except FileNotFoundError:
        raise ParseError(
            path, Message(QT_TRANSLATE_NOOP("CoreMessages", "no such file")), unreadable=True
        ) from None
    except PermissionError:
        raise ParseError(
            path, Message(QT_TRANSLATE_NOOP("CoreMessages", "permission denied")), unreadable=True
        ) from None
    except OSError as error:
        reason = Message(
            QT_TRANSLATE_NOOP("CoreMessages", "cannot read the file (%1)"),
            str(error.strerror or error),
        )
        raise ParseError(path, reason, unreadable=True) from None


# ---------------------------------------------------------------------------------------------
# Texts: one per language, each with its role


def _build_texts(body: list[Block], fields: Fields) -> tuple[Text, ...]:
    segments = body_segments(body)
    contents = contents_roles(fields.contents)
    original = language_codes(fields.original_language)
    languages = segment_languages(segments, list(contents), original)
    return tuple(
        Text(language, _role(language, contents, original, fields), tuple(paragraphs))
        for language, paragraphs in _merge_by_language(languages, segments).items()
    )


def _merge_by_language(languages: list[str], segments: list[list[str]]) -> dict[str, list[str]]:
    """One text per language, in order of first appearance: the markers between were omissions."""
    merged: dict[str, list[str]] = {}
    for language, paragraphs in zip(languages, segments, strict=True):
        merged.setdefault(language, []).extend(paragraphs)
    return merged


def _role(language: str, contents: dict[str, Role], original: list[str], fields: Fields) -> Role:
    if language in contents:
        return contents[language]
    if language in original:
        return "transcript"
    if not fields.original_language and not fields.contents:
        return "transcript"  # a bare record is the document itself
    return "translation"


# ---------------------------------------------------------------------------------------------
# Document


def _document(fields: Fields, texts: tuple[Text, ...], path: Path) -> Document:
    return Document(
        id=_document_id(fields, path),
        title=fields.title or _title_from_text(texts),
        date=fields.date,
        citation=fields.citation,
        source_url=fields.source_url,
        summary=fields.summary,
        credits=fields.credits,
        original_language=fields.original_language,
        contents=tuple(fields.contents),
        people=_people(fields, texts),
        places=tuple(fields.lists.get("places", ())),
        subjects=tuple(fields.lists.get("subjects", ())),
        texts=texts,
        path=path,
    )


def _people(fields: Fields, texts: tuple[Text, ...]) -> tuple[str, ...]:
    """The layout's people list, merged with the people the title, citation and texts name."""
    title = fields.title or ""
    paragraphs = [paragraph for text in texts for paragraph in text.paragraphs]
    return derive_people(title, fields.citation, paragraphs, fields.lists.get("people", ()))


def _document_id(fields: Fields, path: Path) -> str:
    """The archive's number: from the URL, the web page's Record ID, or the file name."""
    match = _DOCUMENT_ID.search(fields.source_url or "")
    if match:
        return match.group(1)
    if fields.record_id:
        return fields.record_id
    digits = re.match(r"^(\d{3,})(?:\D|$)", path.stem)
    if digits and int(digits.group(1)) > 0:
        return digits.group(1)
    return path.stem


def _title_from_text(texts: tuple[Text, ...]) -> str:
    """For a record without metadata: its first sentence, or its first paragraph shortened."""
    first = texts[0].paragraphs[0]
    sentence = re.match(r"^(.+?[^\W\d_]{4}[.!?])\s+(?=[^\W\d_])", first)
    candidate = sentence.group(1) if sentence else first
    if len(candidate) <= _TITLE_LENGTH:
        return candidate
    limit = _TITLE_LENGTH - 1  # room for the ellipsis
    head = candidate[:limit]
    cut = head.rsplit(" ", 1)[0] if " " in head else head
    return cut.rstrip(" ,;:-") + "…"
