"""Citations of a record for reference managers: RIS, BibTeX, CSL-JSON and a Chicago note.

The archive's citation string is parsed into the fields a reference manager keeps apart::

    "Cable No. 4277, Filippov [Stalin] to Cde. Mao Zedong", July 21, 1951, Wilson Center
    Digital Archive, APRF, f. 45, op. 1, d. 340, ll. 92.
    -> archive "APRF", archive location "f. 45, op. 1, d. 340, ll. 92"

Holdings of Russian archives (fond/opis/delo/papka/list, in Latin or Cyrillic abbreviations, or
spelt out as "fond (f.) 45") are normalised to "f. 45, op. 1, d. 340, ll. 92" (or "ф. 45, оп. 1,
д. 340, л. 92" when the citation is in Russian). Other shelf marks ("BArch, B 136/59748, 297-301")
are kept as cited, after the archive's name. Where the citation names the archive in full
("Original archive: German Federal Archives (BArch)") that name is the archive. A citation whose
source is a publication, not an archive, keeps that text as a note.

Tags and fields, chosen for Zotero, which historians use (checked against Zotero's RIS translator,
``RIS.js``, whose field map serves both import and export):

* RIS ``TY  - MANSCPT`` is Zotero's "Manuscript". ``TI`` title, ``DA`` date as ``YYYY/MM/DD/``
  with unknown parts left empty (``1967/11//``, ``1967///``), ``PY`` year, ``UR`` URL, ``Y2``
  access date. ``DB`` ("name of database") is Zotero's *Archive* and ``AN`` its *Loc. in
  Archive*: that is what Zotero writes and reads back. (``AV``, the RIS spec's "location in
  archives", Zotero only reads, as a RefMan alias; it is not written, so the location is never
  doubled.) ``DP`` is Zotero's *Library Catalog*, the place the record was found: the Wilson
  Center Digital Archive. ``N1`` carries what fits no field (a second holding, a published
  source). A value never spans lines: RIS has no escape for a line break.
* CSL-JSON ``type`` "manuscript", ``archive``, ``archive_location``, ``source`` (Zotero's Library
  Catalog), ``issued``/``accessed`` as ``date-parts`` at the record's precision.
* BibTeX ``@unpublished`` (Zotero imports it as a Manuscript) with ``title``, ``date``
  (biblatex), ``year`` (BibTeX), ``url``, ``urldate``, ``howpublished`` (the digital archive) and
  ``note`` (archive and location). UTF-8 is kept; TeX's special characters are escaped. The key
  is ``wcda:`` and the record id, so it never changes when a record is corrected.
* Chicago (17th ed., notes, archival document): “Title,” date, archive, location, collection
  (the digital archive), URL. No access date, which Chicago does not ask for.

The access date is today unless given (``accessed=``): tests and exports can pin it. It is
written only with a URL, where it means something. Nothing here depends on the locale.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from reader.core.document import Document

Format = Literal["ris", "bibtex", "csl-json", "chicago"]
FORMATS: tuple[Format, ...] = ("ris", "bibtex", "csl-json", "chicago")

SOURCE = "Wilson Center Digital Archive"

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# The digital archive's own name in a citation, under its old name too.
_SOURCE_NAME = re.compile(
    r"(?:Wilson Center|History and Public Policy Program|Cold War International History Project)"
    r"\s+Digital\s+Archive",
    re.IGNORECASE,
)
# Sentences after the holding that say who gave, translated or reprinted the document.
_LEAD_WORDS = (
    r"Translated|Reprinted|Contributed|Transcribed|Original archive|Provided|Obtained|Donated|"
    r"Courtesy|With permission|Published|Edited|Source"
)
_SENTENCE_BREAK = re.compile(rf"\.\s+(?=(?:{_LEAD_WORDS})\b)", re.IGNORECASE)
_LEADS = re.compile(rf"^(?:{_LEAD_WORDS})\b", re.IGNORECASE)
_PUBLISHED_IN = re.compile(r",\s+(?:published|reprinted)\s+in\s+", re.IGNORECASE)
_ORIGINAL_ARCHIVE = re.compile(r"^Original archive:\s*(?P<name>.+?)\.?$", re.IGNORECASE)
_ABBREVIATION_IN_NAME = re.compile(r"\(([^()]+)\)\s*$")
_HOLDINGS_SPLIT = re.compile(r"[,;]\s+and\s+|;\s+")
# A name that is an archive's, or an abbreviation such as APRF, AVP RF, BArch, SAPMO-BArch.
_ARCHIVE_WORDS = re.compile(
    r"archiv|archive|library|museum|records office|bibliothe|архив|библиотек|музей", re.IGNORECASE
)
_ABBREVIATION = re.compile(
    r"^(?=(?:[^A-ZА-ЯЁ]*[A-ZА-ЯЁ]){2})[A-Za-zА-Яа-яЁё\-]+(?: [A-ZА-ЯЁ]{1,4})?$"
)

# Units of a Russian archival reference, as written -> (canonical unit, plural).
_UNITS: dict[str, tuple[str, bool]] = {
    "fond": ("fond", False), "f": ("fond", False), "ф": ("fond", False), "фонд": ("fond", False),
    "opis": ("opis", False), "op": ("opis", False), "оп": ("opis", False),
    "опись": ("opis", False),
    "delo": ("delo", False), "d": ("delo", False), "д": ("delo", False), "дело": ("delo", False),
    "papka": ("papka", False), "pap": ("papka", False), "p": ("papka", False),
    "п": ("papka", False), "папка": ("papka", False),
    "list": ("list", False), "l": ("list", False), "л": ("list", False), "лист": ("list", False),
    "listy": ("list", True), "ll": ("list", True), "лл": ("list", True), "листы": ("list", True),
}  # fmt: skip
_LATIN = {"fond": "f.", "opis": "op.", "delo": "d.", "papka": "p.", "list": "l.", "lists": "ll."}
_CYRILLIC = {"fond": "ф.", "opis": "оп.", "delo": "д.", "papka": "п.", "list": "л.", "lists": "лл."}
_UNIT = re.compile(
    r"(?<![\w.])(?P<unit>" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")"
    r"(?:\s*\((?:[a-zа-я]{1,2})\.\))?\.?\s*"  # "fond (f.) 45"
    r"(?P<value>\d[\w/]*(?:\s*[-–]\s*\d[\w/]*)?(?:\s*(?:ob|об)\.?)?)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Holding:
    """Where the original is kept: an archive and the place in it, as far as the citation says."""

    archive: str | None
    location: str | None

    @property
    def text(self) -> str:
        return ", ".join(part for part in (self.archive, self.location) if part)


@dataclass(frozen=True)
class CitationFields:
    """What every writer needs, parsed once from a :class:`Document`."""

    id: str
    title: str
    date: str | None  # ISO at the record's precision, or None
    date_parts: tuple[int, ...]  # (1951, 7, 21), (1967, 11), (1967,) or ()
    url: str | None
    accessed: dt.date | None  # only with a URL
    holdings: tuple[Holding, ...]  # the first is the archive cited; more are other copies
    published_source: str | None  # the original's source when it is a publication
    source: str = SOURCE

    @property
    def archive(self) -> str | None:
        return self.holdings[0].archive if self.holdings else None

    @property
    def archive_location(self) -> str | None:
        return self.holdings[0].location if self.holdings else None

    @property
    def note(self) -> str | None:
        """What no field holds: other copies of the original, or the publication it comes from."""
        parts = []
        if len(self.holdings) > 1:
            parts.append("Also held at " + "; ".join(h.text for h in self.holdings[1:]) + ".")
        if self.published_source:
            parts.append(f"Original source: {self.published_source}.")
        return " ".join(parts) or None


def citation_fields(document: Document, *, accessed: dt.date | None = None) -> CitationFields:
    """The fields of ``document``'s citation; ``accessed`` defaults to today."""
    date, parts = _date(document.date)
    holdings, published = parse_holdings(document.citation)
    url = _clean(document.source_url) or None
    return CitationFields(
        id=document.id,
        title=_clean(document.title) or document.id,
        date=date,
        date_parts=parts,
        url=url,
        accessed=(accessed or dt.date.today()) if url else None,
        holdings=holdings,
        published_source=published,
    )


def parse_holdings(citation: str | None) -> tuple[tuple[Holding, ...], str | None]:
    """The archival holdings a citation names, and its published source when it names no archive.

    >>> parse_holdings('"Cable", July 21, 1951, Wilson Center Digital Archive, APRF, f. 45, '
    ...                'op. 1, d. 340, ll. 92.')
    ((Holding(archive='APRF', location='f. 45, op. 1, d. 340, ll. 92'),), None)
    """
    if not citation:
        return (), None
    text = _clean(citation)
    found = _SOURCE_NAME.search(text)
    if found is None:
        return (), None
    sentences = [s.strip(" ,.") for s in _SENTENCE_BREAK.split(text[found.end() :].lstrip(" ,.:"))]
    original = None
    for sentence in sentences:
        match = _ORIGINAL_ARCHIVE.match(sentence)
        if match:
            original = match.group("name").strip()
    first = sentences[0] if sentences and not _LEADS.match(sentences[0]) else ""
    first = _PUBLISHED_IN.split(first, maxsplit=1)[0].strip(" ,.")
    holdings: list[Holding] = []
    published = None
    for piece in _HOLDINGS_SPLIT.split(first) if first else []:
        holding = _holding(piece.strip(" ,."), original)
        if holding is None:
            published = piece.strip(" ,.") if not holdings else published
        else:
            holdings.append(holding)
    if original and not holdings:
        holdings.append(Holding(original, None))
    if original and holdings and holdings[0].archive and holdings[0].archive != original:
        first_archive = holdings[0].archive
        abbreviation = _ABBREVIATION_IN_NAME.search(original)
        if original.startswith(first_archive) or (
            abbreviation and abbreviation[1] == first_archive
        ):
            holdings[0] = Holding(original, holdings[0].location)
    return tuple(holdings), (published if not holdings else None)


def _holding(text: str, original_archive: str | None) -> Holding | None:
    """One holding ("APRF, f. 45, ...", "BArch, B 136/59748, 297-301"), None if not archival."""
    if not text:
        return None
    units = list(_UNIT.finditer(text))
    kinds = {_UNITS[m["unit"].lower()][0] for m in units}
    if len(units) >= 2 and "fond" in kinds:
        archive = text[: units[0].start()].strip(" ,.:;") or None
        return Holding(archive, _russian_location(units))
    name, _, rest = text.partition(",")
    name, rest = name.strip(" :"), rest.strip(" ,.")
    if ":" in name and not rest:  # "Archive: shelf mark"
        name, _, rest = (part.strip() for part in name.partition(":"))
    archival = (
        _ARCHIVE_WORDS.search(name)
        or _ABBREVIATION.match(name)
        or (
            original_archive
            and (original_archive.startswith(name) or f"({name})" in original_archive)
        )
    )
    if not archival:
        return None
    return Holding(name, rest or None)


def _russian_location(units: list[re.Match[str]]) -> str:
    cyrillic = any(re.search("[а-яё]", m["unit"], re.IGNORECASE) for m in units)
    names = _CYRILLIC if cyrillic else _LATIN
    parts = []
    for match in units:
        unit, plural = _UNITS[match["unit"].lower()]
        value = re.sub(r"\s+", " ", match["value"]).strip()
        if unit == "list" and not plural and re.search(r"\d\s*[-–]\s*\d", value):
            plural = True  # "l. 9-17" is several sheets
        parts.append(f"{names['lists' if plural else unit]} {value}")
    return ", ".join(parts)


def _date(value: str | None) -> tuple[str | None, tuple[int, ...]]:
    match = _ISO_DATE.match(value or "")
    if not match:
        return None, ()
    parts = tuple(int(group) for group in match.groups() if group is not None)
    if (len(parts) > 1 and not 1 <= parts[1] <= 12) or (len(parts) > 2 and not 1 <= parts[2] <= 31):
        return None, ()
    return value, parts


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _clean(text: str | None) -> str:
    """One line: line breaks, tabs and runs of spaces become one space; control characters go."""
    return re.sub(r"\s+", " ", _CONTROL.sub("", text or "")).strip()


# --- RIS ---------------------------------------------------------------------------------------


def to_ris(document: Document, *, accessed: dt.date | None = None) -> str:
    """One RIS record ending in ``ER  - `` and a newline."""
    fields = citation_fields(document, accessed=accessed)
    lines: list[tuple[str, str | None]] = [("TY", "MANSCPT"), ("TI", fields.title)]
    if fields.date_parts:
        lines += [("DA", _ris_date(fields.date_parts)), ("PY", f"{fields.date_parts[0]:04d}")]
    lines += [("DB", fields.archive), ("AN", fields.archive_location), ("DP", fields.source)]
    lines += [("UR", fields.url)]
    if fields.accessed:
        day = fields.accessed
        lines += [("Y2", _ris_date((day.year, day.month, day.day)))]
    lines += [("N1", fields.note)]
    body = "".join(f"{tag}  - {_clean(value)}\n" for tag, value in lines if value)
    return body + "ER  - \n"


def _ris_date(parts: tuple[int, ...]) -> str:
    padded = [f"{parts[0]:04d}"] + [f"{part:02d}" for part in parts[1:]]
    return "/".join(padded + [""] * (3 - len(padded))) + "/"


# --- BibTeX ------------------------------------------------------------------------------------

_TEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_TEX_PATTERN = re.compile("|".join(re.escape(c) for c in _TEX_SPECIAL))


def bibtex_key(document: Document) -> str:
    """``wcda:`` and the record id, in the characters every BibTeX tool accepts."""
    return "wcda:" + (re.sub(r"[^A-Za-z0-9_.:-]+", "-", document.id).strip("-") or "record")


def to_bibtex(document: Document, *, accessed: dt.date | None = None) -> str:
    """One ``@unpublished`` entry (Zotero's Manuscript), ending in a newline."""
    fields = citation_fields(document, accessed=accessed)
    note = "; ".join(part for part in (*(h.text for h in fields.holdings[:1]), fields.note) if part)
    values = [
        ("title", _tex(fields.title)),
        ("date", fields.date),
        ("year", f"{fields.date_parts[0]:04d}" if fields.date_parts else None),
        ("howpublished", _tex(fields.source)),
        ("note", _tex(note) if note else None),
        ("url", _tex_url(fields.url) if fields.url else None),
        ("urldate", fields.accessed.isoformat() if fields.accessed else None),
    ]
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in values if value)
    return f"@unpublished{{{bibtex_key(document)},\n{body}}}\n"


def _tex(text: str) -> str:
    return _TEX_PATTERN.sub(lambda match: _TEX_SPECIAL[match.group()], _clean(text))


def _tex_url(url: str) -> str:
    """A URL as the url package reads it: verbatim, but braces, % and # must still balance."""
    return re.sub(r"[{}%#\\]", lambda match: f"%{ord(match.group()):02X}", _clean(url))


# --- CSL-JSON ----------------------------------------------------------------------------------


def to_csl_json(document: Document, *, accessed: dt.date | None = None) -> dict[str, Any]:
    """One CSL-JSON item (a dict, for ``json.dumps``; a file holds a list of them)."""
    fields = citation_fields(document, accessed=accessed)
    item: dict[str, Any] = {"id": fields.id, "type": "manuscript", "title": fields.title}
    if fields.date_parts:
        item["issued"] = {"date-parts": [list(fields.date_parts)]}
    for name, value in (
        ("archive", fields.archive),
        ("archive_location", fields.archive_location),
        ("source", fields.source),
        ("URL", fields.url),
        ("note", fields.note),
    ):
        if value:
            item[name] = value
    if fields.accessed:
        day = fields.accessed
        item["accessed"] = {"date-parts": [[day.year, day.month, day.day]]}
    return item


# --- Chicago -----------------------------------------------------------------------------------


def to_chicago_note(document: Document) -> str:
    """A Chicago note for an archival document, as one line without a newline."""
    fields = citation_fields(document)
    title = _inner_quotes(fields.title)
    parts = [f"“{title}”" if title[-1:] in "?!" else f"“{title},”", chicago_date(fields.date_parts)]
    if fields.holdings:
        parts.append(", and ".join(h.text for h in fields.holdings))
    elif fields.published_source:
        parts.append(fields.published_source)
    parts.append(fields.source)
    if fields.url:
        parts.append(fields.url)
    head, *rest = parts
    return f"{head} " + ", ".join(rest) + "."


def chicago_date(parts: tuple[int, ...]) -> str:
    """``July 21, 1951``, ``November 1967``, ``1967`` or ``n.d.``: English, whatever the locale."""
    if not parts:
        return "n.d."
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return f"{_MONTHS[parts[1] - 1]} {parts[0]}"
    return f"{_MONTHS[parts[1] - 1]} {parts[2]}, {parts[0]}"


def _inner_quotes(text: str) -> str:
    """Double quotes inside a quoted title become single ones, as Chicago nests them."""
    text = text.replace("“", "‘").replace("”", "’")
    opened = False

    def swap(_match: re.Match[str]) -> str:
        nonlocal opened
        opened = not opened
        return "‘" if opened else "’"

    return re.sub('"', swap, text)


# --- Several records ---------------------------------------------------------------------------


def format_citations(
    documents: Iterable[Document], fmt: Format, *, accessed: dt.date | None = None
) -> str:
    """Citations of ``documents`` as one text: what ``cite`` prints and an export file holds.

    RIS records and BibTeX entries follow one another, a blank line between; CSL-JSON is one
    array (what Zotero's "Import from Clipboard" and citeproc read); Chicago notes one a line.
    """
    documents = list(documents)
    if fmt == "csl-json":
        items = [to_csl_json(document, accessed=accessed) for document in documents]
        return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    if fmt == "chicago":
        return "".join(to_chicago_note(document) + "\n" for document in documents)
    if fmt == "ris":
        return "\n".join(to_ris(document, accessed=accessed) for document in documents)
    if fmt == "bibtex":
        return "\n".join(to_bibtex(document, accessed=accessed) for document in documents)
    raise ValueError(f"unknown citation format: {fmt}")


FILE_SUFFIXES: dict[Format, str] = {
    "ris": ".ris",
    "bibtex": ".bib",
    "csl-json": ".json",
    "chicago": ".txt",
}
