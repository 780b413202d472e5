"""Archive text files to Documents.

Layouts understood (see tests/core/golden for one expectation per sample):

* plain and markdown-ish exports: date, ``**title**``, ``Citation:``/``Summary:``/``Credits:``/
  ``Original Language:``/``Contents:`` labels (bold or not), ``<URL>``, then texts separated by
  ``[...]`` marker lines;
* the PDF export: the same labels under a "Digital Archive" banner, which is dropped;
* the web page: date, title, optional credits line and repeated title, body, then the summary
  paragraph and trailing lists (``Associated Places`` ...) and a ``Document Information`` block;
* a bare transcript with no metadata at all;
* a foreign "Title:/Author:/Date:" layout: degraded to a bare text (one transcript, language
  from the script) titled by its ``Title:`` value, dated by ``Date:`` when that starts with a
  date, with ``Description:`` as the summary, or as the text itself when nothing follows it.

Decisions worth knowing:

* ``[...]``/``[…]`` lines are section markers: never paragraphs. They split the body into
  segments whose language is told from the script (and the Contents list); segments of one
  language are one text (a marker between them was an omission). ``***``/``---`` lines are
  plain separators: dropped, and they split nothing but paragraphs.
* Web layout: the summary is the single last body paragraph before the trailing metadata. In
  300647 the archive has two summary paragraphs; the first stays in the body, because nothing in
  the file tells an editor's paragraph from the document's own last paragraph. Its citation is
  built from ``Source`` and ``Original Archive``, its source URL from ``Record ID``.
* Paragraphs split by a page break are joined back when the first leaves a bracket open (and the
  next few close it), or when it is prose (6+ words) stopping without terminal punctuation and the
  next starts in lower case. Short lines (headers, stamps, signatures) are never joined.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from reader.core.document import Document, ParseError, Role, Text
from reader.core.encoding import decode_document

MAX_FILE_BYTES = 20 * 1024 * 1024
NO_TEXT = "no readable text found"
WILSON_DOCUMENT_URL = "https://digitalarchive.wilsoncenter.org/document/{}"

_BANNER = {
    "digital archive",
    "international history declassified",
    "digitalarchive.wilsoncenter.org",
}
_MARKER = re.compile(r"^\[\s*(?:\.{2,}|…+)\s*\]$")
_SEPARATOR = re.compile(r"^(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_HEADING_MARKUP = re.compile(r"^#{1,6}\s+")
_URL_LINE = re.compile(r"^<?(https?://[^\s<>]+)>?$", re.IGNORECASE)
_DOCUMENT_ID = re.compile(r"/document/(\d+)")
_LABEL = re.compile(
    r"^(citation|summary|credits|original language|contents)\s*:\s*(.*)$", re.IGNORECASE
)
_CONTENTS_ENTRY = re.compile(
    r"^(?:original scan|scan of original document|original document"
    r"|(?:transcript|translation)\s*[-–—:]\s*[^\W\d_]+"
    r"|[^\W\d_]+ (?:transcript|translation))$",
    re.IGNORECASE,
)
_CREDITS_LINE = re.compile(r"^this document was made possible with support from", re.IGNORECASE)
_TRAILER_HEADINGS = {
    "author(s):": "authors",
    "associated people & organizations": "people",
    "associated places": "places",
    "subjects discussed": "subjects",
    "document information": "info",
}
_INFO_FIELDS = {
    "source",
    "original archive",
    "rights",
    "original uploaded date",
    "language",
    "record id",
    "original classification",
    "donors",
}
_FOREIGN_LABEL = re.compile(r"^(title|author|date|source|description)\s*:\s*(.*)$", re.IGNORECASE)
_FOOTNOTE = re.compile(r"^\[?\d+\]")
_WORD = re.compile(r"[^\W\d_]{2,}")
_TAG = re.compile(r"<[^<>]*>")

Block = list[str]


@dataclass
class _Fields:
    """What the header and trailer of a file say, gathered before the Document is built."""

    date_text: str | None = None
    title: str = ""
    citation: str | None = None
    source_url: str | None = None
    summary: str | None = None
    credits: str | None = None
    original_language: str | None = None
    contents: list[str] = field(default_factory=list)
    lists: dict[str, list[str]] = field(default_factory=dict)
    info: dict[str, list[str]] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# Entry points


def parse_file(path: Path) -> Document:
    """Read, decode and parse one file. Raises ParseError naming the file and the reason."""
    path = Path(path)
    data = _read_bytes(path)
    return replace(parse_text(decode_document(data, path), path), path=path)


def _read_bytes(path: Path) -> bytes:
    try:
        if path.is_dir():
            raise ParseError(path, "a folder, not a document file")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            megabytes = size / (1024 * 1024)
            reason = f"the file is too large ({megabytes:.0f} MB; the limit is 20 MB)"
            raise ParseError(path, reason)
        return path.read_bytes()
    except FileNotFoundError:
        raise ParseError(path, "no such file") from None
    except PermissionError:
        raise ParseError(path, "permission denied") from None
    except OSError as error:
        raise ParseError(path, f"cannot read the file ({error.strerror or error})") from None


def parse_text(text: str, path: Path) -> Document:
    """Parse decoded text. ``path`` names the file in errors and supplies a fallback id."""
    path = Path(path)
    if not text.strip():
        raise ParseError(path, "the file is empty")
    if not _has_readable_prose(text):
        raise ParseError(path, NO_TEXT)
    blocks = _blocks(text)
    fields, body = _read_metadata(blocks)
    texts = _build_texts(body, fields)
    if not texts:
        raise ParseError(path, NO_TEXT)
    return _document(fields, texts, path)


def _has_readable_prose(text: str) -> bool:
    """Words must make up a fair share of the characters: rules out numbers, JSON, tag soup."""
    visible = re.sub(r"\s+", "", text)
    words = _WORD.findall(_TAG.sub(" ", text))
    letters = sum(len(word) for word in words)
    return len(words) >= 3 and letters >= 0.35 * len(visible)


# ---------------------------------------------------------------------------------------------
# Lines and blocks


def _blocks(text: str) -> list[Block]:
    """Blank-line separated blocks of stripped lines; markers become blocks of their own."""
    blocks: list[Block] = []
    current: Block = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line or _SEPARATOR.match(line):
            current = _flush(blocks, current)
        elif _MARKER.match(clean_line(line)):
            current = _flush(blocks, current)
            blocks.append([clean_line(line)])
        else:
            current.append(line)
    _flush(blocks, current)
    return blocks


def _flush(blocks: list[Block], current: Block) -> Block:
    if current:
        blocks.append(current)
    return []


def clean_line(line: str) -> str:
    """A line without markdown bold or heading markup and without outer whitespace."""
    line = line.replace("**", "").strip()
    return _HEADING_MARKUP.sub("", line).strip()


def _joined(lines: Iterable[str]) -> str:
    """Lines of one paragraph as one string, markup removed and whitespace collapsed."""
    return " ".join(" ".join(clean_line(line) for line in lines).split())


def _is_marker(block: Block) -> bool:
    return len(block) == 1 and bool(_MARKER.match(clean_line(block[0])))


def _url(block: Block) -> str | None:
    if len(block) != 1:
        return None
    match = _URL_LINE.match(clean_line(block[0]))
    return match.group(1) if match else None


# ---------------------------------------------------------------------------------------------
# Metadata: header, trailer, foreign layout


def _read_metadata(blocks: list[Block]) -> tuple[_Fields, list[Block]]:
    fields = _Fields()
    blocks = _drop_banner(blocks)
    foreign = _foreign_header_end(blocks)
    if foreign is not None:
        description = _read_foreign_header(blocks[:foreign], fields)
        return _foreign_body(blocks[foreign:], description, fields)
    start = _read_date_and_title(blocks, fields)
    if start == 0:
        return fields, blocks
    start = _read_labels(blocks, start, fields)
    start = _skip_web_credits(blocks, start, fields)
    body = _read_trailer(blocks[start:], fields)
    # The web page names the original language only in its Document Information block.
    language = " ".join(fields.info.get("language", []))
    fields.original_language = fields.original_language or language or None
    return fields, body


def _drop_banner(blocks: list[Block]) -> list[Block]:
    """The PDF export's "Digital Archive" banner lines at the very top."""
    result = [list(block) for block in blocks]
    while result and result[0] and clean_line(result[0][0]).casefold() in _BANNER:
        result[0].pop(0)
        if not result[0]:
            result.pop(0)
    return result


def _read_date_and_title(blocks: list[Block], fields: _Fields) -> int:
    """Index of the first block after date and title, or 0 when the file has no such header."""
    if not blocks:
        return 0
    first = [clean_line(line) for line in blocks[0]]
    if parse_date(first[0]) is None:
        return 0
    fields.date_text = first[0]
    if len(first) > 1:
        fields.title = clean_title(first[1:])
        return 1
    if len(blocks) > 1 and not _is_metadata_block(blocks[1]):
        fields.title = clean_title(blocks[1])
        return 2
    return 1


def _is_metadata_block(block: Block) -> bool:
    return _is_marker(block) or _url(block) is not None or _label(block) is not None


def _label(block: Block) -> tuple[str, str] | None:
    match = _LABEL.match(clean_line(block[0]))
    return (match.group(1).casefold(), match.group(2).strip()) if match else None


def _read_labels(blocks: list[Block], start: int, fields: _Fields) -> int:
    """``Citation:``, ``Summary:`` ... and the URL line; returns the index where the body starts."""
    index = start
    while index < len(blocks):
        block = blocks[index]
        url = _url(block)
        label = _label(block)
        if url and not fields.source_url:
            fields.source_url = url
            index += 1
        elif label:
            index = _read_label(blocks, index, label, fields)
        else:
            break
    return index


def _read_label(blocks: list[Block], index: int, label: tuple[str, str], fields: _Fields) -> int:
    name, inline = label
    lines = ([inline] if inline else []) + blocks[index][1:]
    index += 1
    if name == "contents":
        fields.contents = [clean_line(line) for line in lines]
        while index < len(blocks) and all(_is_contents_entry(line) for line in blocks[index]):
            fields.contents.extend(clean_line(line) for line in blocks[index])
            index += 1
        return index
    if not lines and index < len(blocks) and not _is_metadata_block(blocks[index]):
        count = _value_block_count(blocks, index) if name == "summary" else 1
        lines = [line for block in blocks[index : index + count] for line in [*block, ""]]
        index += count
    _set_label(fields, name, lines)
    return index


def _is_contents_entry(line: str) -> bool:
    return bool(_CONTENTS_ENTRY.match(clean_line(line)))


def _value_block_count(blocks: list[Block], index: int) -> int:
    """A summary may run over several paragraphs, but only when another label follows soon."""
    for offset, block in enumerate(blocks[index : index + 6]):
        if _label(block) is not None:
            return max(offset, 1)
    return 1


def _set_label(fields: _Fields, name: str, lines: list[str]) -> None:
    if name == "summary":
        paragraphs = "\n".join(lines).split("\n\n")
        value = "\n\n".join(_joined(p.split("\n")) for p in paragraphs if p.strip())
    else:
        value = _joined(line for line in lines if line)
    value_or_none = value or None
    if name == "citation":
        fields.citation = value_or_none
    elif name == "summary":
        fields.summary = value_or_none
    elif name == "credits":
        fields.credits = value_or_none
    elif name == "original language":
        fields.original_language = value_or_none


def _skip_web_credits(blocks: list[Block], start: int, fields: _Fields) -> int:
    """The web page's "made possible with support from" line and the title it repeats below."""
    index = start
    if index < len(blocks) and _CREDITS_LINE.match(_joined(blocks[index])):
        fields.credits = fields.credits or _joined(blocks[index])
        index += 1
    if index < len(blocks) and _same_title(clean_title(blocks[index]), fields.title):
        index += 1
    return index


def _same_title(one: str, other: str) -> bool:
    return bool(one) and one.casefold() == other.casefold()


def _read_trailer(body: list[Block], fields: _Fields) -> list[Block]:
    """The web page's trailing lists and Document Information; the body without them."""
    start = next(
        (i for i, block in enumerate(body) if i > 0 and _trailer_heading(block[0]) is not None),
        None,
    )
    if start is None:
        return body
    section = ""
    info_field = ""
    for line in (line for block in body[start:] for line in block):
        heading = _trailer_heading(line)
        if heading is not None:
            section, info_field = heading, ""
        elif section == "info" and clean_line(line).casefold() in _INFO_FIELDS:
            info_field = clean_line(line).casefold()
        elif section == "info" and info_field:
            fields.info.setdefault(info_field, []).append(clean_line(line))
        elif section and section != "info":
            fields.lists.setdefault(section, []).append(clean_line(line))
    return _take_web_summary(body[:start], fields)


def _trailer_heading(line: str) -> str | None:
    return _TRAILER_HEADINGS.get(clean_line(line).casefold())


def _take_web_summary(body: list[Block], fields: _Fields) -> list[Block]:
    """The last paragraph before the trailing metadata is the archive's summary."""
    if fields.summary or len(body) < 2:
        return body
    last = body[-1]
    if _is_marker(last) or _FOOTNOTE.match(clean_line(last[0])):
        return body
    fields.summary = _joined(last)
    return body[:-1]


def _foreign_header_end(blocks: list[Block]) -> int | None:
    """Where the body starts in a "Title:/Author:/Date:" file, or None for other layouts."""
    head = blocks[:4]
    if not any(clean_line(block[0]).casefold().startswith("title:") for block in head):
        return None
    end = 0
    for index, block in enumerate(blocks[:12]):
        if _FOREIGN_LABEL.match(clean_line(block[0])) or _url(block):
            end = index + 1
    return end


def _foreign_body(
    body: list[Block], description: str | None, fields: _Fields
) -> tuple[_Fields, list[Block]]:
    """Some of these files carry the whole text in ``Description:``; others describe it there."""
    if not description:
        return fields, body
    if body:
        fields.summary = description
        return fields, body
    return fields, [[description]]


def _read_foreign_header(header: list[Block], fields: _Fields) -> str | None:
    """Title, date and URL from a "Title:/Author:/Date:" header; returns the Description text."""
    description = None
    for block in header:
        url = _url(block)
        if url:
            fields.source_url = fields.source_url or url
            continue
        match = _FOREIGN_LABEL.match(_joined(block))
        if not match:
            continue
        name, value = match.group(1).casefold(), match.group(2).strip()
        if name == "title":
            fields.title = clean_title([value])
        elif name == "date" and fields.date_text is None:
            fields.date_text = _leading_date(value)
        elif name == "description":
            description = value.lstrip(" .:") or None
    return description


def _leading_date(value: str) -> str | None:
    """The longest run of leading words that reads as a date ("27 July 1949 Source: ...")."""
    words = value.split()
    for count in range(min(len(words), 4), 0, -1):
        candidate = " ".join(words[:count])
        if parse_date(candidate):
            return candidate
    return None


# ---------------------------------------------------------------------------------------------
# Document assembly


def _document(fields: _Fields, texts: tuple[Text, ...], path: Path) -> Document:
    info = {name: " ".join(lines) for name, lines in fields.info.items()}
    record_id = info.get("record id", "").strip()
    source_url = fields.source_url
    if not source_url and record_id.isdigit():
        source_url = WILSON_DOCUMENT_URL.format(record_id)
    return Document(
        id=_document_id(source_url, record_id, path),
        title=fields.title or _title_from_text(texts),
        date=parse_date(fields.date_text) if fields.date_text else None,
        citation=fields.citation or _web_citation(fields, info),
        source_url=source_url,
        summary=fields.summary,
        credits=fields.credits,
        original_language=fields.original_language,
        contents=tuple(fields.contents),
        people=tuple(fields.lists.get("people", ())),
        places=tuple(fields.lists.get("places", ())),
        subjects=tuple(fields.lists.get("subjects", ())),
        texts=texts,
        path=path,
    )


def _document_id(source_url: str | None, record_id: str, path: Path) -> str:
    match = _DOCUMENT_ID.search(source_url or "")
    if match:
        return match.group(1)
    if record_id:
        return record_id
    digits = re.match(r"^(\d{3,})(?:\D|$)", path.stem)
    if digits and int(digits.group(1)) > 0:
        return digits.group(1)
    return path.stem


def _web_citation(fields: _Fields, info: dict[str, str]) -> str | None:
    """The archive's citation style, built from the web page's Source and Original Archive."""
    source = info.get("source", "").strip()
    if not source:
        return None
    parts = [f"“{fields.title},”"] if fields.title else []
    if fields.date_text:
        parts.append(f"{fields.date_text},")
    parts.append("Wilson Center Digital Archive,")
    parts.append(source)
    archive = info.get("original archive", "").strip()
    if archive and archive not in source:
        parts.append(f"Original archive: {archive}.")
    return " ".join(parts)


def clean_title(lines: Sequence[str]) -> str:
    """A title from its lines: bold, heading and angle-bracket markup removed, spaces collapsed."""
    text = _TAG.sub(" ", _joined(lines))
    return " ".join(text.split())


def _title_from_text(texts: tuple[Text, ...]) -> str:
    """For a record without metadata: its first sentence, or its first paragraph shortened."""
    first = texts[0].paragraphs[0]
    sentence = re.match(r"^(.+?[^\W\d_]{4}[.!?])\s+(?=[^\W\d_])", first)
    candidate = sentence.group(1) if sentence else first
    if len(candidate) <= 80:
        return candidate
    cut = candidate[:79].rsplit(" ", 1)[0] if " " in candidate[:79] else candidate[:79]
    return cut.rstrip(" ,;:-") + "…"


# ---------------------------------------------------------------------------------------------
# Dates

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"([A-Za-z]{3,9})\.?"
_DATE_PATTERNS = (
    (re.compile(rf"^{_MONTH}\s+(\d{{1,2}}),?\s+(\d{{4}})$"), ("month", "day", "year")),
    (re.compile(rf"^(\d{{1,2}})\s+{_MONTH},?\s+(\d{{4}})$"), ("day", "month", "year")),
    (re.compile(rf"^{_MONTH},?\s+(\d{{4}})$"), ("month", "year")),
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), ("year", "month", "day")),
    (re.compile(r"^(\d{4})-(\d{2})$"), ("year", "month")),
    (re.compile(r"^(\d{4})$"), ("year",)),
)


def parse_date(text: str) -> str | None:
    """ISO 8601 at the precision given: "July 21, 1951" -> "1951-07-21", "1967" -> "1967"."""
    text = " ".join(text.split())
    for pattern, names in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            return _iso_date(dict(zip(names, match.groups(), strict=True)))
    return None


def _iso_date(parts: dict[str, str]) -> str | None:
    year = int(parts["year"])
    month_text = parts.get("month")
    if month_text is None:
        return f"{year:04d}" if 1000 <= year <= 2999 else None
    month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text.casefold())
    if month is None or not 1 <= month <= 12 or not 1000 <= year <= 2999:
        return None
    if "day" not in parts:
        return f"{year:04d}-{month:02d}"
    try:
        return datetime.date(year, month, int(parts["day"])).isoformat()
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# Body: segments, languages, roles, paragraphs

LANGUAGE_CODES = {
    "russian": "ru", "english": "en", "chinese": "zh", "german": "de", "japanese": "ja",
    "french": "fr", "korean": "ko", "polish": "pl", "spanish": "es", "italian": "it",
    "portuguese": "pt", "czech": "cs", "slovak": "sk", "hungarian": "hu", "romanian": "ro",
    "bulgarian": "bg", "ukrainian": "uk", "belarusian": "be", "serbian": "sr", "croatian": "hr",
    "vietnamese": "vi", "mongolian": "mn", "arabic": "ar", "persian": "fa", "farsi": "fa",
    "hindi": "hi", "albanian": "sq", "finnish": "fi", "swedish": "sv", "norwegian": "no",
    "danish": "da", "dutch": "nl", "greek": "el", "turkish": "tr", "hebrew": "he",
    "georgian": "ka", "armenian": "hy", "latvian": "lv", "lithuanian": "lt", "estonian": "et",
}  # fmt: skip
_CYRILLIC_LANGUAGES = {"ru", "uk", "be", "bg", "sr", "mn"}
_NON_LATIN_LANGUAGES = _CYRILLIC_LANGUAGES | {
    "zh", "ja", "ko", "ar", "fa", "he", "hi", "el", "ka", "hy",
}  # fmt: skip
_STOPWORDS = {
    "en": {"the", "and", "of", "to", "in", "is", "that", "with", "for", "was", "on", "he"},
    "de": {"der", "die", "und", "das", "ist", "nicht", "zu", "den", "mit", "sich", "ein", "dass"},
    "fr": {"le", "la", "les", "et", "des", "est", "que", "une", "pour", "dans", "du", "pas"},
    "pl": {"nie", "się", "że", "na", "jest", "do", "to", "jak", "dla", "przez", "oraz", "ze"},
    "es": {"el", "los", "las", "que", "del", "por", "con", "una", "para", "es", "se", "y"},
    "it": {"il", "di", "che", "della", "per", "non", "una", "sono", "del", "gli", "è", "ed"},
}
_CONTENTS_TEXT = re.compile(
    r"^(?:(transcript|translation)\s*[-–—:]\s*([^\W\d_]+)|([^\W\d_]+) (transcript|translation))$",
    re.IGNORECASE,
)
_MARK = None  # stands for a section marker between paragraphs


def language_code(name: str) -> str | None:
    """ISO 639-1 code for a language name as the archive writes it ("Russian" -> "ru")."""
    return LANGUAGE_CODES.get(name.strip().casefold())


def _build_texts(body: list[Block], fields: _Fields) -> tuple[Text, ...]:
    joined = [_joined(block) for block in body]
    items: list[str | None] = [_MARK if _MARKER.match(text) else text for text in joined]
    segments = [_join_page_breaks(segment) for segment in _split_on_markers(items)]
    contents = _contents_roles(fields.contents)
    languages = _segment_languages(segments, list(contents), fields)
    return tuple(
        Text(language, _role(language, contents, fields), tuple(paragraphs))
        for language, paragraphs in _merge_by_language(languages, segments).items()
    )


def _merge_by_language(languages: list[str], segments: list[list[str]]) -> dict[str, list[str]]:
    """One text per language, in order of first appearance: the markers between were omissions."""
    merged: dict[str, list[str]] = {}
    for language, paragraphs in zip(languages, segments, strict=True):
        merged.setdefault(language, []).extend(paragraphs)
    return merged


def _split_on_markers(items: list[str | None]) -> list[list[str]]:
    segments: list[list[str]] = [[]]
    for item in items:
        if item is _MARK:
            segments.append([])
        elif item:
            segments[-1].append(item)
    return [segment for segment in segments if segment]


def _contents_roles(contents: list[str]) -> dict[str, Role]:
    """Language code -> role, from entries such as "Transcript - Russian", "English Translation"."""
    roles: dict[str, Role] = {}
    for entry in contents:
        match = _CONTENTS_TEXT.match(entry.strip())
        if not match:
            continue
        kind = (match.group(1) or match.group(4)).casefold()
        code = language_code(match.group(2) or match.group(3))
        if code:
            roles[code] = "transcript" if kind == "transcript" else "translation"
    return roles


def _original_codes(original_language: str | None) -> list[str]:
    names = re.split(r"[,;/&]|\band\b", original_language or "")
    return [code for code in (language_code(name) for name in names) if code]


def _role(language: str, contents: dict[str, Role], fields: _Fields) -> Role:
    if language in contents:
        return contents[language]
    if language in _original_codes(fields.original_language):
        return "transcript"
    if not fields.original_language and not fields.contents:
        return "transcript"  # a bare record is the document itself
    return "translation"


def _segment_languages(
    segments: list[list[str]], contents: list[str], fields: _Fields
) -> list[str]:
    """One language per segment; a segment too short to tell takes its neighbour's."""
    cyrillic = [
        code
        for code in [*contents, *_original_codes(fields.original_language)]
        if code in _CYRILLIC_LANGUAGES
    ]
    detected = [_script_language(" ".join(segment), contents, cyrillic) for segment in segments]
    known = [language for language in detected if language]
    fallback = known[0] if known else (contents[0] if contents else "und")
    result: list[str] = []
    for language in detected:
        result.append(language or (result[-1] if result else fallback))
    return result


def _script_language(text: str, contents: list[str], cyrillic: list[str]) -> str | None:
    """The language of a segment from its script; Latin and Cyrillic narrowed by the metadata."""
    counts = {"cyrillic": 0, "latin": 0, "han": 0, "kana": 0, "hangul": 0}
    for char in text:
        script = _script(char)
        if script:
            counts[script] += 1
    if sum(counts.values()) < 3:
        return None
    kana = counts.pop("kana")
    if kana >= 0.05 * (kana + counts["han"]):
        counts["han"] += kana  # Japanese mixes kana with kanji; Chinese has no kana
        is_japanese = max(counts, key=counts.__getitem__) == "han"
        if is_japanese:
            return "ja"
    dominant = max(counts, key=counts.__getitem__)
    if dominant == "cyrillic":
        return cyrillic[0] if cyrillic else "ru"
    if dominant == "latin":
        return _latin_language(text, contents)
    return {"han": "zh", "hangul": "ko"}[dominant]


def _script(char: str) -> str | None:
    code = ord(char)
    if not char.isalpha():
        return None
    if code < 0x250 or 0x1E00 <= code <= 0x1EFF:
        return "latin"
    if 0x400 <= code <= 0x52F:
        return "cyrillic"
    if 0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF:
        return "kana"
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF:
        return "han"
    if 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF:
        return "hangul"
    return None


def _latin_language(text: str, contents: list[str]) -> str:
    """The contents' one Latin-script language, else the one whose commonest words occur most."""
    latin = list(dict.fromkeys(c for c in contents if c not in _NON_LATIN_LANGUAGES))
    if len(latin) == 1:
        return latin[0]
    words = [word.casefold() for word in re.findall(r"[^\W\d_]+", text)]
    pool = [code for code in latin if code in _STOPWORDS] or list(_STOPWORDS)
    scores = {code: sum(1 for word in words if word in _STOPWORDS[code]) for code in pool}
    best = max(pool, key=lambda code: scores[code])
    if scores[best] == 0:
        return latin[0] if latin else "en"
    if scores.get("en") == scores[best]:
        return "en"  # ties go to the archive's usual translation language
    return best


def _join_page_breaks(paragraphs: list[str]) -> list[str]:
    """Rejoin paragraphs that a page break split (see the module docstring for the rules)."""
    result: list[str] = []
    index = 0
    while index < len(paragraphs):
        current = paragraphs[index]
        index += 1
        closing = _bracket_closing_span(current, paragraphs[index : index + 3])
        if closing:
            current = " ".join([current, *paragraphs[index : index + closing]])
            index += closing
        while index < len(paragraphs) and _continues_sentence(current, paragraphs[index]):
            current = f"{current} {paragraphs[index]}"
            index += 1
        result.append(current)
    return result


def _bracket_closing_span(paragraph: str, following: list[str]) -> int:
    """How many following paragraphs close a bracket this one leaves open (0: none, or never)."""
    open_counts = _bracket_balance(paragraph)
    if not any(count > 0 for count in open_counts):
        return 0
    balance = list(open_counts)
    for taken, nxt in enumerate(following, start=1):
        balance = [a + b for a, b in zip(balance, _bracket_balance(nxt), strict=True)]
        pairs = zip(balance, open_counts, strict=True)
        if all(count <= 0 for count, opened in pairs if opened > 0):
            return taken
    return 0


def _bracket_balance(text: str) -> tuple[int, int]:
    return text.count("[") - text.count("]"), text.count("(") - text.count(")")


_TERMINAL = tuple(".!?:;…»\"”’')]")


# "b) economic policy", "iv. Regarding": a new list item, even though it starts in lower case.
_LIST_ITEM = re.compile(r"^\(?(?:[^\W\d_]|[ivxlc]+)[.)]\s")


def _continues_sentence(previous: str, following: str) -> bool:
    return (
        len(previous.split()) >= 6
        and not previous.endswith(_TERMINAL)
        and following[:1].islower()
        and not _LIST_ITEM.match(following)
    )
