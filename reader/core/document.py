"""The document model shared by every layer: what one archive record holds once parsed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from reader.core.messages import QT_TRANSLATE_NOOP, Message

Role = Literal["transcript", "translation"]


@dataclass(frozen=True)
class Text:
    """One language version of a record, split into reading paragraphs."""

    language: str  # ISO 639-1 code ("ru", "en", ...), "und" when it cannot be told
    role: Role
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Document:
    """A parsed archive record. Dates are ISO 8601 at the precision the record gives."""

    id: str
    title: str
    date: str | None = None  # "1951-07-21", "1967-11", "1967" or None
    citation: str | None = None
    source_url: str | None = None
    summary: str | None = None
    credits: str | None = None
    original_language: str | None = None  # as the record names it, e.g. "Russian"
    contents: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    texts: tuple[Text, ...] = ()
    path: Path | None = field(default=None, compare=False)

    @property
    def transcript(self) -> Text | None:
        return next((t for t in self.texts if t.role == "transcript"), None)

    @property
    def translation(self) -> Text | None:
        return next((t for t in self.texts if t.role == "translation"), None)

    @property
    def date_sort_key(self) -> tuple[int, str, str]:
        """Dated records first, in date order; undated ones last.

        A record dated only to a month or a year comes after the fully dated records of that
        period, as the timeline shows it (a "Month unknown" group after the months).
        """
        if not self.date:
            return (1, "", self.title.casefold())
        padded = self.date + "-99" * (2 - self.date.count("-"))
        return (0, padded, self.title.casefold())


class ParseError(Exception):
    """A file that cannot be read as an archive document. The message names the file and why."""

    def __init__(self, path: Path | str, reason: str, *, unreadable: bool = False) -> None:
        self.path = Path(path)
        self.reason = reason
        self.unreadable = unreadable  # the file could not be read at all (not: not a document)
        self.message = Message(QT_TRANSLATE_NOOP("CoreMessages", "%1: %2"), self.path.name, reason)
        super().__init__(self.message)
