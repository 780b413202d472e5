"""Annotations out of the app (Markdown for writing, W3C Web Annotation JSON for data) and back in.

Markdown groups annotations by document in date order. Every quote comes with its counterpart in
the other language when the pair has one, the paragraph number (1-based, "¶ 4") and the
document's archival citation, so a quote can go straight into a footnote.

The JSON is a W3C Web Annotation ``AnnotationCollection``. Standard parts: ``id``
(``urn:uuid:…``), ``motivation``, ``TextualBody`` bodies (the note, and one per tag with purpose
``tagging``), and a target whose ``source`` is the record's archive URL, with a
``TextQuoteSelector`` and a ``TextPositionSelector``. Because the app's texts are split into
paragraphs, that position counts characters **from the start of the paragraph** named in the
``parallelReader`` extension object (side, language, paragraph, pair, colour, placed), which
other tools ignore.

:func:`import_w3c` reads that back, and also standard annotations made elsewhere (for example
on the archive's own web pages): the record is found from ``/document/NNN`` in the target URL
whatever the host, or from a bare record id, and the quote is placed like any other. Import is
idempotent by id, and all or nothing.

Documents are found through a :data:`~reader.core.library.DocumentLookup`, asked only for the
records the annotations name, and paired through the
:class:`~reader.core.pair_resolver.PairResolver`, so a quote's counterpart follows the alignment
the reader sees, corrections included.
"""

from __future__ import annotations

import json
import re
import stat
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.core.anchoring import Match, bead_of, locate, place
from reader.core.annotation_store import AnnotationStore
from reader.core.annotations import (
    COLOURS,
    DEFAULT_COLOUR,
    KINDS,
    SIDES,
    Annotation,
    TextPosition,
    TextQuoteSelector,
    index_problem,
    normalise_tags,
    utc_now,
)
from reader.core.dates import format_date
from reader.core.document import Document, Text
from reader.core.languages import language_name
from reader.core.library import DocumentLookup
from reader.core.pair_resolver import PairResolver
from reader.core.pairing import TextPair
from reader.core.sides import Side

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
EXTENSION = "parallelReader"
EXTENSION_CONTEXT = {EXTENSION: "urn:parallel-reader:vocabulary#annotation"}
DOCUMENT_URN = "urn:parallel-reader:document:"
ANNOTATION_URN = "urn:parallel-reader:annotation:"
MOTIVATIONS = {"highlight": "highlighting", "note": "commenting", "bookmark": "bookmarking"}
COUNTERPART_LIMIT = 400  # characters of the other language's text shown beside a quote
# Bounds on a notes file: far beyond any real export, and short of exhausting memory or stack.
MAX_IMPORT_BYTES = 64 * 1024 * 1024
MAX_JSON_DEPTH = 64  # a W3C annotation nests about 6 levels deep
_LABEL_CHARS = 120  # of an item's id, when it names an item in the report


# ---------------------------------------------------------------------------------------------
# Markdown


def to_markdown(
    annotations: Iterable[Annotation],
    lookup: DocumentLookup,
    resolver: PairResolver,
    generated: str | None = None,
) -> str:
    """Markdown of ``annotations``, grouped by document in date order (unknown records last).

    Only the documents the annotations name are looked up; counterparts come from the pair the
    reader sees (``resolver.pair``), so a corrected alignment is quoted as corrected.
    """
    groups = _group_by_document(annotations)
    known = _look_up(groups, lookup)
    order = sorted(groups, key=lambda i: _document_order(known.get(i), i))
    counts = annotation_counts(a for items in groups.values() for a in items)
    lines = [
        "# Notes from Parallel Reader",
        "",
        f"Exported {generated or utc_now()}: {counts} in {plural(len(groups), 'document')}.",
    ]
    for document_id in order:
        document = known.get(document_id)
        pair = resolver.pair(document) if document is not None else None
        lines += _document_section(document_id, document, pair, groups[document_id])
    return "\n".join(lines).rstrip() + "\n"


def _look_up(document_ids: Iterable[str], lookup: DocumentLookup) -> dict[str, Document]:
    """Each named document once; unknown or unreadable ones are left out."""
    found = {document_id: lookup(document_id) for document_id in dict.fromkeys(document_ids)}
    return {document_id: document for document_id, document in found.items() if document}


def _group_by_document(annotations: Iterable[Annotation]) -> dict[str, list[Annotation]]:
    groups: dict[str, list[Annotation]] = {}
    for annotation in annotations:
        groups.setdefault(annotation.document_id, []).append(annotation)
    for items in groups.values():
        items.sort(key=_reading_order)
    return groups


def _reading_order(a: Annotation) -> tuple[bool, bool, int, str, int, int, str]:
    position = a.position
    return (
        not a.is_document_bookmark,
        not a.placed,
        a.bead if a.bead is not None else -1,
        a.side or "",
        position.paragraph if position else -1,
        position.start if position else -1,
        a.created,
    )


def _document_order(
    document: Document | None, document_id: str
) -> tuple[int, tuple[int, str, str]]:
    return (0, document.date_sort_key) if document else (1, (0, "", document_id))


def _document_section(
    document_id: str, document: Document | None, pair: TextPair | None, items: list[Annotation]
) -> list[str]:
    lines = ["", ""]
    if document is None:
        lines += [f"## Record {_md(document_id)} (not in the library)", ""]
    else:
        # One paragraph each, not "  " hard breaks: the export keeps no trailing spaces.
        lines += [f"## {_md(document.title)}", "", format_date(document.date), ""]
        if document.citation:
            lines += [f"Citation: {_md(document.citation)}", ""]
        if document.source_url:
            lines += [f"Source: <{document.source_url}>", ""]
    for annotation in items:
        lines += _entry(annotation, document, pair)
    return lines


def _entry(a: Annotation, document: Document | None, pair: TextPair | None) -> list[str]:
    lines = [f"- {_entry_heading(a, pair)}"]
    if a.selector is not None:
        lines += _quote_lines(a, pair)
    if a.note:
        lines += ["", *(f"  {_md(line)}" if line else "" for line in a.note.splitlines())]
    if a.tags:
        lines += ["", f"  Tags: {', '.join(_md(tag) for tag in a.tags)}"]
    cite = _citation(a, document, pair)
    if cite:
        lines += ["", f"  Cite: {cite}"]
    return [*lines, ""]


def _entry_heading(a: Annotation, pair: TextPair | None) -> str:
    label = {"highlight": "Highlight", "note": "Note", "bookmark": "Bookmark"}[a.kind]
    if a.is_document_bookmark:
        return "**Bookmark** (whole document)"
    parts = [f"**{label}**"]
    if a.colour and a.kind != "bookmark":
        parts.append(a.colour)
    parts.append(_place(a, pair))
    if not a.placed:
        parts.append("*unplaced: the quoted text is no longer found in the document*")
    return ", ".join(parts)


def _place(a: Annotation, pair: TextPair | None) -> str:
    where = f"¶ {a.paragraph + 1}" if a.paragraph is not None else "paragraph unknown"
    text = _side_text(pair, a.side) if pair else None
    language = text.language if text else a.language
    role = f" {text.role}" if text else ""
    return f"{where} ({language_name(language or 'und')}{role})"


def _quote_lines(a: Annotation, pair: TextPair | None) -> list[str]:
    lines = ["", f"  > {_md(display_quote(a))}"]
    counterpart = _counterpart(a, pair) if pair else None
    if counterpart:
        label, excerpt = counterpart
        lines += ["  >", f"  > *{label}:* {_md(excerpt)}"]
    return lines


def display_quote(a: Annotation) -> str:
    """The quote as an export shows it: whole words, "…" where it was cut, no outer spaces.

    A quote that starts or stops inside a word (its selector's prefix or suffix goes on with
    letters), or a paragraph bookmark's opening words, is cut back to the last whole word.
    """
    selector = a.selector
    if selector is None:
        return ""
    quote = selector.exact.strip()
    if not quote:
        return ""
    head, tail = "", ""
    inside_start = selector.prefix[-1:].isalnum() and quote[0].isalnum()
    if inside_start and " " in quote:
        quote, head = quote.split(" ", 1)[1].lstrip(), "…"
    inside_end = quote[-1].isalnum() and selector.exact[-1:].isalnum()
    if inside_end and selector.suffix[:1].isalnum() and " " in quote:
        quote, tail = quote.rsplit(" ", 1)[0], "…"
    elif a.kind == "bookmark" and selector.suffix.strip():
        tail = "…"  # a paragraph bookmark quotes only the paragraph's opening words
    if tail:
        quote = quote.rstrip(" ,;:-–—")
    return f"{head}{quote}{tail}"


def plural(count: int, noun: str) -> str:
    """ "1 document", "2 documents"; "1 note", "3 highlights"."""
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def annotation_counts(annotations: Iterable[Annotation]) -> str:
    """ "1 note, 2 highlights and 1 bookmark": what a list of annotations holds, in words."""
    kinds = [a.kind for a in annotations]
    parts = [plural(kinds.count(k), k) for k in ("note", "highlight", "bookmark") if k in kinds]
    if not parts:
        return "no annotations"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _counterpart(a: Annotation, pair: TextPair) -> tuple[str, str] | None:
    """The other language's sentences facing a quote; for a bookmark (or where no sentence
    faces it), the aligned paragraph(s), cut down around where the quote sits."""
    if a.side is None:
        return None
    own, other = _side_text(pair, a.side), _side_text(pair, a.side.other)
    if not (a.placed and a.position and own and other):
        return None
    position = a.position
    limit = max(COUNTERPART_LIMIT, int(len(a.quote) * 1.5))
    facing = pair.facing_sentences()
    if facing is not None and a.kind != "bookmark" and position.end > position.start:
        spans = facing.across(a.side, position.paragraph, position.start, position.end)[1]
        if spans:
            sentences = " ".join(other.paragraphs[s.paragraph][s.start : s.end] for s in spans)
            label = _paragraph_numbers([spans[0].paragraph, spans[-1].paragraph])
            return f"{language_name(other.language)}, {label}", _window(sentences, 0.5, 2 * limit)
    try:
        indices = pair.alignment.counterpart(a.side, position.paragraph)
    except (KeyError, IndexError):
        return None
    if not indices:
        return None
    text = " ".join(other.paragraphs[i] for i in indices)
    paragraph = own.paragraphs[position.paragraph]
    middle = (position.start + position.end) / 2 / max(1, len(paragraph))
    label = f"{language_name(other.language)}, {_paragraph_numbers(indices)}"
    return label, _window(text, middle, limit)


def _window(text: str, relative_middle: float, limit: int) -> str:
    """At most about ``limit`` characters of ``text`` around a relative position, cut at spaces."""
    if len(text) <= limit:
        return text
    centre = int(relative_middle * len(text))
    start = max(0, min(centre - limit // 2, len(text) - limit))
    end = start + limit
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 40 else start
    if end < len(text):
        space = text.rfind(" ", end - 40, end)
        end = space if space > start else end
    return ("…" if start > 0 else "") + text[start:end].strip() + ("…" if end < len(text) else "")


def _paragraph_numbers(indices: Sequence[int]) -> str:
    first, last = indices[0] + 1, indices[-1] + 1
    return f"¶ {first}" if first == last else f"¶ {first}–{last}"


def _citation(a: Annotation, document: Document | None, pair: TextPair | None) -> str:
    if document is None or not document.citation:
        return ""
    if a.is_document_bookmark or a.paragraph is None:
        return _md(document.citation)
    return f"{_md(document.citation.rstrip('.'))}, {_place(a, pair)}."


def _side_text(pair: TextPair | None, side: str | None) -> Text | None:
    if pair is None:
        return None
    if side == Side.TRANSCRIPT:
        return pair.source
    return pair.target if side == Side.TRANSLATION else None


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_<>\[\]#|])")


def _md(text: str) -> str:
    """Document and note text shown literally: markup characters escaped, never interpreted."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


# ---------------------------------------------------------------------------------------------
# W3C JSON out


def to_w3c_json(
    annotations: Iterable[Annotation], lookup: DocumentLookup, generated: str | None = None
) -> dict[str, Any]:
    """A W3C AnnotationCollection holding every annotation (serialise with ``json.dumps``).

    It needs no alignment (only a document's archive URL, for the target); only the documents
    the annotations name are looked up.
    """
    annotations = list(annotations)
    known = _look_up((a.document_id for a in annotations), lookup)
    items = [to_w3c_annotation(a, known.get(a.document_id)) for a in annotations]
    return {
        "@context": [ANNO_CONTEXT, EXTENSION_CONTEXT],
        "id": f"urn:uuid:{uuid.uuid4()}",
        "type": "AnnotationCollection",
        "label": "Notes from Parallel Reader",
        "generated": generated or utc_now(),
        "generator": {"type": "Software", "name": "Parallel Reader"},
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def to_w3c_annotation(a: Annotation, document: Document | None) -> dict[str, Any]:
    body = [
        {"type": "TextualBody", "value": a.note, "format": "text/plain", "purpose": "commenting"}
    ]
    body = body if a.note else []
    body += [{"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in a.tags]
    item: dict[str, Any] = {
        "id": _annotation_iri(a.id),
        "type": "Annotation",
        "motivation": MOTIVATIONS[a.kind],
        "created": a.created,
        "modified": a.modified,
    }
    if body:
        item["body"] = body
    item["target"] = _target(a, document)
    item[EXTENSION] = _extension(a)
    return item


def _annotation_iri(annotation_id: str) -> str:
    """``urn:uuid:…`` for the app's uuid ids; any other id (made by hand) in our namespace."""
    try:
        return f"urn:uuid:{uuid.UUID(annotation_id)}"
    except ValueError:
        return f"{ANNOTATION_URN}{annotation_id}"


def _target(a: Annotation, document: Document | None) -> dict[str, Any]:
    source = document.source_url if document and document.source_url else None
    target: dict[str, Any] = {"source": source or f"{DOCUMENT_URN}{a.document_id}"}
    selectors: list[dict[str, Any]] = []
    if a.selector is not None:
        selectors.append(
            {
                "type": "TextQuoteSelector",
                "exact": a.selector.exact,
                "prefix": a.selector.prefix,
                "suffix": a.selector.suffix,
            }
        )
    if a.position is not None:
        selectors.append(
            {"type": "TextPositionSelector", "start": a.position.start, "end": a.position.end}
        )
    if selectors:
        target["selector"] = selectors
    return target


def _extension(a: Annotation) -> dict[str, Any]:
    extension: dict[str, Any] = {"documentId": a.document_id, "kind": a.kind, "placed": a.placed}
    optional = {
        "side": a.side,
        "language": a.language,
        "paragraph": a.paragraph,
        "bead": a.bead,
        "colour": a.colour,
    }
    extension.update({key: value for key, value in optional.items() if value is not None})
    return extension


# ---------------------------------------------------------------------------------------------
# W3C JSON in


class NotesImportError(ValueError):
    """The file is not annotations this app can read; nothing was imported."""


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (annotation id, reason)

    def summary(self) -> str:
        return f"{len(self.added)} added, {len(self.updated)} updated, {len(self.skipped)} skipped"


class _Skip(Exception):
    pass


def import_w3c(
    json_data: str | bytes | Mapping[str, Any] | list[Any],
    store: AnnotationStore,
    lookup: DocumentLookup,
    resolver: PairResolver,
) -> ImportReport:
    """Add or update annotations from W3C JSON in one transaction; idempotent by id.

    An annotation already stored unchanged, or stored with a newer ``modified`` time, is
    skipped. One that cannot be placed in its document's current text is kept, as unplaced.
    Quotes are placed in the pair the reader sees (``resolver.pair``); only the documents the
    file names are looked up, each once.
    """
    items = _annotation_items(_parse(json_data))
    reader = _Reader(lookup, resolver)
    report = ImportReport()
    chosen: dict[str, Annotation] = {}
    for number, item in enumerate(items, start=1):
        raw_label = item.get("id")
        label = raw_label[:_LABEL_CHARS] if isinstance(raw_label, str) and raw_label else ""
        label = label or f"item {number}"
        try:
            candidate = reader.annotation(item)
        except _Skip as reason:
            report.skipped.append((label, str(reason)))
            continue
        _decide(candidate, store.get(candidate.id), chosen, report)
    documents = {a.document_id for a in chosen.values()}
    store.save_many(chosen.values(), forget_text_of=documents)
    return report


def _decide(
    candidate: Annotation,
    existing: Annotation | None,
    chosen: dict[str, Annotation],
    report: ImportReport,
) -> None:
    if candidate.id in chosen:
        report.skipped.append((candidate.id, "appears twice in the file; the first was used"))
    elif existing is None:
        chosen[candidate.id] = candidate
        report.added.append(candidate.id)
    elif existing == candidate:
        report.skipped.append((candidate.id, "already present"))
    elif existing.modified >= candidate.modified:
        report.skipped.append((candidate.id, "the stored copy is the same age or newer"))
    else:
        chosen[candidate.id] = candidate
        report.updated.append(candidate.id)


def read_notes_file(path: Path) -> bytes:
    """The bytes of a notes file to import: a regular file of at most :data:`MAX_IMPORT_BYTES`.

    A pipe, a device or a folder is refused at once (reading one could wait forever or never
    end); so is a file over the limit. Raises NotesImportError naming the file and the reason.
    """
    path = Path(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "a device, pipe or socket"
            raise NotesImportError(f"{path}: not a regular file ({kind})")
        if info.st_size > MAX_IMPORT_BYTES:
            raise NotesImportError(f"{path}: {_too_large(info.st_size)}")
        with path.open("rb") as stream:
            data = stream.read(MAX_IMPORT_BYTES + 1)
    except OSError as error:
        raise NotesImportError(f"{path}: cannot be read ({error.strerror or error})") from None
    if len(data) > MAX_IMPORT_BYTES:  # it grew while being read
        raise NotesImportError(f"{path}: {_too_large(len(data))}")
    return data


def _too_large(size: int) -> str:
    limit = MAX_IMPORT_BYTES // (1024 * 1024)
    return f"the file is too large ({size / (1024 * 1024):.0f} MB; the limit is {limit} MB)"


def _parse(json_data: str | bytes | Mapping[str, Any] | list[Any]) -> Any:
    """The JSON value, checked to be of a size and nesting depth the importer can walk."""
    if isinstance(json_data, str | bytes | bytearray):
        if len(json_data) > MAX_IMPORT_BYTES:
            raise NotesImportError(_too_large(len(json_data)))
        try:
            json_data = json.loads(json_data)
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise NotesImportError(f"not a JSON file: {error}") from error
        except RecursionError:
            raise NotesImportError(_too_deep()) from None
    _check_depth(json_data)
    return json_data


def _too_deep() -> str:
    return f"the JSON is nested too deeply (more than {MAX_JSON_DEPTH} levels)"


def _check_depth(data: Any) -> None:
    """Refuse values nested deeper than :data:`MAX_JSON_DEPTH`, walking without recursion."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, Mapping):
            children: Iterable[Any] = value.values()
        elif isinstance(value, list | tuple):
            children = value
        else:
            continue
        if depth > MAX_JSON_DEPTH:
            raise NotesImportError(_too_deep())
        stack.extend((child, depth + 1) for child in children)


def _annotation_items(data: Any) -> list[dict[str, Any]]:
    """The annotations of a collection, a page, a list, or a single annotation."""
    if isinstance(data, list):
        items = data
    elif not isinstance(data, dict):
        raise NotesImportError("expected a JSON object or array of W3C annotations")
    elif _has_type(data, "AnnotationCollection"):
        first = data.get("first")
        if first is None and not data.get("total"):
            return []
        if not isinstance(first, dict):
            raise NotesImportError("the collection's pages are not in the file ('first')")
        items = _page_items(first)
    elif _has_type(data, "AnnotationPage"):
        items = _page_items(data)
    elif _has_type(data, "Annotation"):
        items = [data]
    else:
        raise NotesImportError(
            "no W3C annotations found (expected type Annotation or a collection)"
        )
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise NotesImportError(f"item {number} is not a JSON object")
    return items


def _page_items(page: dict[str, Any]) -> list[Any]:
    items = page.get("items")
    if not isinstance(items, list):
        raise NotesImportError("an AnnotationPage without an 'items' list")
    return items


def _has_type(data: dict[str, Any], name: str) -> bool:
    value = data.get("type")
    return value == name or (isinstance(value, list) and name in value)


_RECORD_IN_URL = re.compile(r"/document/(\d+)(?:[/?#.]|$)")
_UUID_URN = re.compile(r"^(?:urn:uuid:)?([0-9a-fA-F-]{36})$")


def record_id(source: str) -> str | None:
    """The archive record id a target source names: ``…/document/117421`` on any host, our
    ``urn:parallel-reader:document:117421``, or a bare ``117421``."""
    source = source.strip()
    if source.startswith(DOCUMENT_URN):
        return source[len(DOCUMENT_URN) :] or None
    if source.isdigit():
        return source
    match = _RECORD_IN_URL.search(source)
    return match.group(1) if match else None


def annotation_id(raw: Any, item: Mapping[str, Any]) -> str:
    """Our uuid for an imported annotation: its own when it has one, else one derived from its
    id (or content), so importing the same foreign file again finds the same annotations."""
    if isinstance(raw, str) and raw.startswith(ANNOTATION_URN) and raw[len(ANNOTATION_URN) :]:
        return raw[len(ANNOTATION_URN) :]
    if isinstance(raw, str):
        match = _UUID_URN.match(raw.strip())
        if match:
            try:
                return str(uuid.UUID(match.group(1)))
            except ValueError:
                pass
        return str(uuid.uuid5(uuid.NAMESPACE_URL, raw.strip()))
    canonical = json.dumps(item, sort_keys=True, ensure_ascii=False, default=str)
    return str(uuid.uuid5(uuid.NAMESPACE_URL, canonical))


@dataclass
class _Target:
    document_id: str
    quote: TextQuoteSelector | None
    start: int | None
    end: int | None


class _Reader:
    """Turns one W3C annotation into an :class:`Annotation` placed in the library's text."""

    def __init__(self, lookup: DocumentLookup, resolver: PairResolver) -> None:
        self._lookup = lookup
        self._resolver = resolver
        self._pairs: dict[str, TextPair | None] = {}  # by document id; None: not in the library

    def annotation(self, item: Mapping[str, Any]) -> Annotation:
        raw = item.get(EXTENSION)
        extension: Mapping[str, Any] = raw if isinstance(raw, dict) else {}
        target = _find_target(item.get("target"), extension)
        note, tags = _bodies(item)
        kind = _kind(item, extension, note)
        if target.quote is None and kind != "bookmark":
            raise _Skip("no TextQuoteSelector to find the quoted text by")
        created = _text(item.get("created")) or utc_now()
        fields: dict[str, Any] = {
            "id": annotation_id(item.get("id"), item),
            "kind": kind,
            "document_id": target.document_id,
            "colour": _colour(kind, extension),
            "note": note,
            "tags": normalise_tags(tags),
            "created": created,
            "modified": _text(item.get("modified")) or created,
        }
        if target.quote is not None:
            fields.update(_anchor_fields(extension, target))
        try:
            annotation = Annotation(**fields)
        except ValueError as error:
            raise _Skip(str(error)) from error
        if annotation.selector is None:
            return annotation  # a bookmark on the whole document
        side = Side.parse(extension.get("side"))
        return self._place(annotation, annotation.selector, side, extension)

    def _place(
        self,
        annotation: Annotation,
        selector: TextQuoteSelector,
        side: Side | None,
        extension: Mapping[str, Any],
    ) -> Annotation:
        pair = self._pair(annotation.document_id)
        if pair is None:
            # Not in the library (yet): keep what the file says; opening it later places it.
            return annotation.moved(placed=bool(extension.get("placed", False)))
        best: tuple[Side, Match, Text] | None = None
        for candidate in [side] if side else list(SIDES):
            text = _side_text(pair, candidate)
            if text is None:
                continue
            match = locate(selector, annotation.position, text.paragraphs)
            if match is not None and (best is None or match.score > best[1].score):
                best = (candidate, match, text)
        if best is None:
            return self._unplaced_in(annotation, pair, side)
        chosen, match, text = best
        moved = annotation.moved(side=chosen, language=text.language)
        return place(moved, match, text.paragraphs, pair.alignment)

    def _unplaced_in(self, annotation: Annotation, pair: TextPair, side: Side | None) -> Annotation:
        chosen = side or (Side.TRANSCRIPT if pair.source is not None else Side.TRANSLATION)
        text = _side_text(pair, chosen)
        bead = None
        if annotation.position is not None:
            bead = bead_of(pair.alignment, chosen, annotation.position.paragraph)
        return annotation.moved(
            side=chosen, language=text.language if text else annotation.language, bead=bead
        )

    def _pair(self, document_id: str) -> TextPair | None:
        """The document's pair as the reader sees it; None when it is not in the library."""
        if document_id not in self._pairs:
            document = self._lookup(document_id)
            self._pairs[document_id] = None if document is None else self._resolver.pair(document)
        return self._pairs[document_id]


def _anchor_fields(extension: Mapping[str, Any], target: _Target) -> dict[str, Any]:
    """Side, position and pair as the file gives them; placing in the text comes after."""
    side = Side.parse(extension.get("side")) or Side.TRANSCRIPT
    paragraph, bead = extension.get("paragraph"), extension.get("bead")
    for name, value in (("paragraph", paragraph), ("pair (bead)", bead)):
        problem = _number_problem(name, value)
        if problem is not None:
            raise _Skip(problem)
    hint = None
    if isinstance(paragraph, int) and target.start is not None and target.end is not None:
        hint = TextPosition(paragraph, target.start, target.end)
    return {
        "side": side,
        "language": _text(extension.get("language")) or None,
        "bead": bead if isinstance(bead, int) else None,
        "selector": target.quote,
        "position": hint,
        "placed": False,
    }


def _find_target(raw: Any, extension: Mapping[str, Any]) -> _Target:
    targets = raw if isinstance(raw, list) else [raw]
    for target in targets:
        found = _one_target(target, extension)
        if found is not None:
            return found
    raise _Skip("its target names no archive record (expected …/document/NNN or a record id)")


def _one_target(target: Any, extension: Mapping[str, Any]) -> _Target | None:
    if isinstance(target, str):
        document_id = _text(extension.get("documentId")) or record_id(target)
        return _Target(document_id, None, None, None) if document_id else None
    if not isinstance(target, dict):
        return None
    source = target.get("source")
    if isinstance(source, dict):
        source = source.get("id")
    document_id = _text(extension.get("documentId")) or record_id(_text(source))
    if not document_id:
        return None
    quote, start, end = _selectors(target.get("selector"))
    return _Target(document_id, quote, start, end)


def _selectors(raw: Any) -> tuple[TextQuoteSelector | None, int | None, int | None]:
    quote, start, end = None, None, None
    for selector in raw if isinstance(raw, list) else [raw]:
        if not isinstance(selector, dict):
            continue
        if selector.get("type") == "TextQuoteSelector" and _text(selector.get("exact")):
            quote = TextQuoteSelector(
                _text(selector.get("exact")),
                _text(selector.get("prefix")),
                _text(selector.get("suffix")),
            )
        elif selector.get("type") == "TextPositionSelector":
            first, last = selector.get("start"), selector.get("end")
            problem = _number_problem("start", first) or _number_problem("end", last)
            if problem is not None:
                raise _Skip(f"TextPositionSelector: {problem}")
            if isinstance(first, int) and isinstance(last, int) and first <= last:
                start, end = first, last
    return quote, start, end


def _number_problem(name: str, value: Any) -> str | None:
    """Why a number read from the file cannot be used (out of range, not whole), or None.

    Values that are not numbers at all are ignored as before, as other tools' extensions are.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return index_problem(name, value)


def _bodies(item: Mapping[str, Any]) -> tuple[str, list[str]]:
    raw = item.get("body", [])
    bodies = raw if isinstance(raw, list) else [raw]
    notes: list[str] = []
    tags: list[str] = []
    if _text(item.get("bodyValue")):
        notes.append(_text(item.get("bodyValue")))
    for body in bodies:
        if isinstance(body, str):
            continue  # a link to an external body: nothing to keep offline
        if not isinstance(body, dict) or not _text(body.get("value")):
            continue
        purpose = body.get("purpose")
        (tags if purpose == "tagging" else notes).append(_text(body.get("value")))
    return "\n\n".join(notes), tags


def _kind(item: Mapping[str, Any], extension: Mapping[str, Any], note: str) -> str:
    kind = extension.get("kind")
    if isinstance(kind, str) and kind in KINDS:
        return kind
    raw = item.get("motivation")
    motivations = raw if isinstance(raw, list) else [raw]
    if "bookmarking" in motivations:
        return "bookmark"
    return "note" if note else "highlight"


def _colour(kind: str, extension: Mapping[str, Any]) -> str | None:
    if kind == "bookmark":
        return None
    colour = extension.get("colour")
    return colour if colour in COLOURS else DEFAULT_COLOUR


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""
