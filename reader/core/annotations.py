"""Highlights, notes and bookmarks: what the reader attaches to a document, and where.

An annotation is anchored three ways, from most to least robust against a changed text:

* a W3C-style :class:`TextQuoteSelector` (the quoted text with ~32 characters either side), which
  :mod:`reader.core.anchoring` re-finds by fuzzy matching after a corrected transcript;
* a :class:`TextPosition` hint (paragraph index and character offsets in that paragraph), which
  makes finding it again in an unchanged text a single string comparison;
* the index of the aligned pair (bead) it belongs to, so a note shows on both language sides.

``side`` (a :class:`reader.core.sides.Side`) is relative to the document's
:class:`~reader.core.pairing.TextPair`, never to what is displayed: "source" is the transcript,
"target" the translation, whatever the user swapped on screen.

Annotations are immutable values. An edit makes a new value (:meth:`Annotation.edited`), which
is what lets the UI undo by writing the old value back.
"""

from __future__ import annotations

import dataclasses
import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal, TypeVar, get_args

from reader.core.sides import Side as Side  # re-exported: annotations speak of sides

Kind = Literal["highlight", "note", "bookmark"]
T = TypeVar("T")
KINDS: tuple[str, ...] = get_args(Kind)
SIDES: tuple[Side, ...] = tuple(Side)  # ("source", "target") as stored and exported
# The highlight palette. Names, not RGB: the theme picks the shade for light and dark mode.
COLOURS = ("yellow", "green", "blue", "pink", "purple")
DEFAULT_COLOUR = "yellow"
# A paragraph bookmark keeps this much of its paragraph as its quote, to re-find the paragraph.
BOOKMARK_QUOTE_LENGTH = 60
# The largest paragraph index, pair index or character offset an annotation may hold: far beyond
# any document (files are at most 20 MB), and well inside SQLite's 64-bit integers.
MAX_INDEX = 2**31 - 1


def utc_now() -> str:
    """UTC time as ISO 8601 with milliseconds and a ``Z``, the form W3C annotations use."""
    now = datetime.datetime.now(datetime.UTC)
    return now.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _after(previous: str) -> str:
    """Now, or a millisecond after ``previous`` if the clock has not moved on: an edit must always
    read as newer than what it replaced, or a re-import could undo it."""
    now = utc_now()
    if now > previous:
        return now
    try:
        stamp = datetime.datetime.fromisoformat(previous.replace("Z", "+00:00"))
    except ValueError:
        return now
    later = stamp + datetime.timedelta(milliseconds=1)
    return later.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def new_id() -> str:
    return str(uuid.uuid4())


@dataclass(frozen=True)
class TextQuoteSelector:
    """The quoted text and the text just before and after it (W3C TextQuoteSelector)."""

    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class TextPosition:
    """Where the quote was last found: a paragraph of the annotation's side, and offsets in it."""

    paragraph: int
    start: int
    end: int


@dataclass(frozen=True)
class Annotation:
    """One highlight, note or bookmark. ``selector is None`` means the whole document."""

    id: str
    kind: Kind
    document_id: str
    side: Side | None = None
    language: str | None = None
    bead: int | None = None
    selector: TextQuoteSelector | None = None
    position: TextPosition | None = None
    colour: str | None = None
    note: str = ""
    tags: tuple[str, ...] = ()
    created: str = ""
    modified: str = ""
    placed: bool = True

    def __post_init__(self) -> None:
        _validate(self)
        if self.side is not None and type(self.side) is not Side:
            object.__setattr__(self, "side", Side(self.side))  # "source" -> Side.TRANSCRIPT

    @property
    def paragraph(self) -> int | None:
        return self.position.paragraph if self.position else None

    @property
    def is_document_bookmark(self) -> bool:
        return self.selector is None

    @property
    def quote(self) -> str:
        return self.selector.exact if self.selector else ""

    def edited(self, **changes: Any) -> Annotation:
        """A copy with ``changes`` (note, colour, tags, kind) and a fresh ``modified`` time."""
        if "tags" in changes:
            changes["tags"] = normalise_tags(changes["tags"])
        return dataclasses.replace(self, **changes, modified=_after(self.modified))

    def moved(self, **changes: Any) -> Annotation:
        """A copy re-anchored by the app (position, bead, placed): not a user edit, so
        ``modified`` stays, which keeps re-imports of an older export from overwriting edits."""
        return dataclasses.replace(self, **changes)


def trusted(cls: type[T], **fields: object) -> T:
    """An instance made without ``__init__`` or validation, for values the database already
    checked: a frozen dataclass's ``__init__`` costs ~2 µs a field set, which made loading
    10,000 annotations for the notes panel several times slower than reading them."""
    instance = object.__new__(cls)
    instance.__dict__.update(fields)
    return instance


def normalise_tags(tags: object) -> tuple[str, ...]:
    """Trimmed, non-empty, first spelling kept for tags that differ only in case."""
    items: Iterable[object]
    if isinstance(tags, str):
        items = [tags]
    elif isinstance(tags, Iterable):
        items = tags
    elif not tags:
        items = ()
    else:
        raise TypeError(f"tags must be a string or strings, not {type(tags).__name__}")
    seen: dict[str, str] = {}
    for tag in items:
        text = " ".join(str(tag).split())
        if text and text.casefold() not in seen:
            seen[text.casefold()] = text
    return tuple(seen.values())


def valid_index(value: object) -> bool:
    """True for an int usable as a paragraph, pair or offset: 0 to :data:`MAX_INDEX`."""
    return type(value) is int and 0 <= value <= MAX_INDEX


def index_problem(name: str, value: object) -> str | None:
    """Why ``value`` is not a usable ``name`` (paragraph, pair, offset), or None if it is."""
    if valid_index(value):
        return None
    shown = repr(value)
    if len(shown) > 24:
        shown = shown[:20] + "…"
    return f"its {name} {shown} is not a whole number from 0 to {MAX_INDEX}"


def _validate(annotation: Annotation) -> None:
    problem = None
    if annotation.bead is not None:
        problem = index_problem("pair (bead)", annotation.bead)
    position = annotation.position
    if position is not None and problem is None:
        problem = (
            index_problem("paragraph", position.paragraph)
            or index_problem("start offset", position.start)
            or index_problem("end offset", position.end)
        )
        if problem is None and position.start > position.end:
            problem = f"its offsets {position.start}:{position.end} run backwards"
    if problem is not None:
        raise ValueError(problem)
    if annotation.kind not in KINDS:
        raise ValueError(f"unknown annotation kind {annotation.kind!r}; expected one of {KINDS}")
    if annotation.colour is not None and annotation.colour not in COLOURS:
        raise ValueError(f"unknown colour {annotation.colour!r}; expected one of {COLOURS}")
    if annotation.side is not None and Side.parse(annotation.side) is None:
        expected = tuple(side.value for side in SIDES)
        raise ValueError(f"unknown side {annotation.side!r}; expected one of {expected}")
    if annotation.selector is not None and annotation.side is None:
        raise ValueError("an annotation on quoted text needs a side")
    if annotation.selector is None and annotation.kind != "bookmark":
        raise ValueError("only a bookmark can stand for a whole document (no quote)")
    if not annotation.document_id:
        raise ValueError("an annotation needs a document id")


def new_highlight(
    document_id: str,
    side: Side,
    language: str | None,
    selector: TextQuoteSelector,
    position: TextPosition,
    bead: int | None,
    colour: str = DEFAULT_COLOUR,
    note: str = "",
    tags: tuple[str, ...] | list[str] = (),
) -> Annotation:
    """A highlight; with ``note`` text it is a note (kind "note") drawn in the same colour."""
    now = utc_now()
    return Annotation(
        id=new_id(),
        kind="note" if note else "highlight",
        document_id=document_id,
        side=side,
        language=language,
        bead=bead,
        selector=selector,
        position=position,
        colour=colour,
        note=note,
        tags=normalise_tags(tags),
        created=now,
        modified=now,
    )


def new_paragraph_bookmark(
    document_id: str,
    side: Side,
    language: str | None,
    paragraphs: tuple[str, ...] | list[str],
    paragraph: int,
    bead: int | None,
    note: str = "",
) -> Annotation:
    """A bookmark on one paragraph; its opening words serve as the quote that re-finds it."""
    text = paragraphs[paragraph]
    exact = text[:BOOKMARK_QUOTE_LENGTH]
    suffix = text[len(exact) : len(exact) + 32]
    now = utc_now()
    return Annotation(
        id=new_id(),
        kind="bookmark",
        document_id=document_id,
        side=side,
        language=language,
        bead=bead,
        selector=TextQuoteSelector(exact, "", suffix),
        position=TextPosition(paragraph, 0, len(exact)),
        note=note,
        created=now,
        modified=now,
    )


def new_document_bookmark(document_id: str, note: str = "") -> Annotation:
    now = utc_now()
    return Annotation(
        id=new_id(), kind="bookmark", document_id=document_id, note=note, created=now, modified=now
    )


def searchable_text(annotation: Annotation) -> str:
    """What of a note search looks at: its text and its tags."""
    return " ".join((annotation.note, *annotation.tags)).strip()


def search_rows(annotations: Iterable[Annotation]) -> list[tuple[str, str, str]]:
    """(id, document id, text) of every annotation with something to search, as the index takes them."""
    rows = [(a.id, a.document_id, searchable_text(a)) for a in annotations]
    return [row for row in rows if row[2]]
