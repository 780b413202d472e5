"""Which archive layout a file has, and the metadata its header and trailer carry.

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

Web layout: the summary is the single last body paragraph before the trailing metadata. In 300647
the archive has two summary paragraphs; the first stays in the body, because nothing in the file
tells an editor's paragraph from the document's own last paragraph. Its citation is built from
``Source`` and ``Original Archive``, its source URL from ``Record ID``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from reader.core.dates import leading_date, parse_date
from reader.core.document import Role
from reader.core.languages import language_code
from reader.core.paragraphs import Block, clean_line, clean_title, is_marker, joined

WILSON_DOCUMENT_URL = "https://digitalarchive.wilsoncenter.org/document/{}"

_BANNER = {
    "digital archive",
    "international history declassified",
    "digitalarchive.wilsoncenter.org",
}
_URL_LINE = re.compile(r"^<?(https?://[^\s<>]+)>?$", re.IGNORECASE)
_LABEL = re.compile(
    r"^(citation|summary|credits|original language|contents)\s*:\s*(.*)$", re.IGNORECASE
)
# "Transcript - Russian", "English Translation": groups kind, language, language, kind.
_CONTENTS_TEXT = (
    r"(?:(transcript|translation)\s*[-–—:]\s*([^\W\d_]+)|([^\W\d_]+) (transcript|translation))"
)
_CONTENTS_TEXT_ENTRY = re.compile(rf"^{_CONTENTS_TEXT}$", re.IGNORECASE)
_CONTENTS_ENTRY = re.compile(
    rf"^(?:original scan|scan of original document|original document|{_CONTENTS_TEXT})$",
    re.IGNORECASE,
)
_SUMMARY_LOOKAHEAD = 6  # blocks a multi-paragraph summary may run over before the next label
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
_FOREIGN_HEAD = 4  # a foreign file names its title within its first blocks ...
_FOREIGN_HEADER_MAX = 12  # ... and its labels within these
_FOOTNOTE = re.compile(r"^\[?\d+\]")


@dataclass
class Fields:
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
    info: dict[str, str] = field(default_factory=dict)

    @property
    def date(self) -> str | None:
        return parse_date(self.date_text) if self.date_text else None

    @property
    def record_id(self) -> str:
        return self.info.get("record id", "").strip()


def read_metadata(blocks: list[Block]) -> tuple[Fields, list[Block]]:
    """The fields a file's layout gives, and the blocks of its body."""
    fields = Fields()
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
    _complete_from_web_info(fields)
    return fields, body


def contents_roles(contents: list[str]) -> dict[str, Role]:
    """Language code -> role, from entries such as "Transcript - Russian", "English Translation"."""
    roles: dict[str, Role] = {}
    for entry in contents:
        match = _CONTENTS_TEXT_ENTRY.match(entry.strip())
        if not match:
            continue
        kind = (match.group(1) or match.group(4)).casefold()
        code = language_code(match.group(2) or match.group(3))
        if code:
            roles[code] = "transcript" if kind == "transcript" else "translation"
    return roles


# ---------------------------------------------------------------------------------------------
# Header: banner, date, title, labels


def _drop_banner(blocks: list[Block]) -> list[Block]:
    """The PDF export's "Digital Archive" banner lines at the very top."""
    result = [list(block) for block in blocks]
    while result and result[0] and clean_line(result[0][0]).casefold() in _BANNER:
        result[0].pop(0)
        if not result[0]:
            result.pop(0)
    return result


def _read_date_and_title(blocks: list[Block], fields: Fields) -> int:
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


def _url(block: Block) -> str | None:
    if len(block) != 1:
        return None
    match = _URL_LINE.match(clean_line(block[0]))
    return match.group(1) if match else None


def _label(block: Block) -> tuple[str, str] | None:
    match = _LABEL.match(clean_line(block[0]))
    return (match.group(1).casefold(), match.group(2).strip()) if match else None


def _is_metadata_block(block: Block) -> bool:
    return is_marker(block) or _url(block) is not None or _label(block) is not None


def _read_labels(blocks: list[Block], start: int, fields: Fields) -> int:
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


def _read_label(blocks: list[Block], index: int, label: tuple[str, str], fields: Fields) -> int:
    """One label's value, inline or in the blocks below it; returns the index after it."""
    name, inline = label
    lines = ([inline] if inline else []) + blocks[index][1:]
    index += 1
    if name == "contents":
        return _read_contents(blocks, index, lines, fields)
    if not lines and index < len(blocks) and not _is_metadata_block(blocks[index]):
        count = _value_block_count(blocks, index) if name == "summary" else 1
        lines = [line for block in blocks[index : index + count] for line in [*block, ""]]
        index += count
    _set_label(fields, name, lines)
    return index


def _read_contents(blocks: list[Block], index: int, lines: list[str], fields: Fields) -> int:
    """The Contents entries: on the label's block, then in following blocks of entries only."""
    fields.contents = [clean_line(line) for line in lines]
    while index < len(blocks) and all(_is_contents_entry(line) for line in blocks[index]):
        fields.contents.extend(clean_line(line) for line in blocks[index])
        index += 1
    return index


def _is_contents_entry(line: str) -> bool:
    return bool(_CONTENTS_ENTRY.match(clean_line(line)))


def _value_block_count(blocks: list[Block], index: int) -> int:
    """A summary may run over several paragraphs, but only when another label follows soon."""
    for offset, block in enumerate(blocks[index : index + _SUMMARY_LOOKAHEAD]):
        if _label(block) is not None:
            return max(offset, 1)
    return 1


def _set_label(fields: Fields, name: str, lines: list[str]) -> None:
    if name == "summary":
        paragraphs = "\n".join(lines).split("\n\n")
        value = "\n\n".join(joined(p.split("\n")) for p in paragraphs if p.strip())
    else:
        value = joined(line for line in lines if line)
    attribute = {"original language": "original_language"}.get(name, name)
    setattr(fields, attribute, value or None)


# ---------------------------------------------------------------------------------------------
# Web page: credits line, repeated title, trailer


def _skip_web_credits(blocks: list[Block], start: int, fields: Fields) -> int:
    """The web page's "made possible with support from" line and the title it repeats below."""
    index = start
    if index < len(blocks) and _CREDITS_LINE.match(joined(blocks[index])):
        fields.credits = fields.credits or joined(blocks[index])
        index += 1
    if index < len(blocks) and _same_title(clean_title(blocks[index]), fields.title):
        index += 1
    return index


def _same_title(one: str, other: str) -> bool:
    return bool(one) and one.casefold() == other.casefold()


def _read_trailer(body: list[Block], fields: Fields) -> list[Block]:
    """The web page's trailing lists and Document Information; the body without them."""
    start = next(
        (i for i, block in enumerate(body) if i > 0 and _trailer_heading(block[0]) is not None),
        None,
    )
    if start is None:
        return body
    section = ""
    info_field = ""
    info: dict[str, list[str]] = {}
    for line in (clean_line(line) for block in body[start:] for line in block):
        heading = _TRAILER_HEADINGS.get(line.casefold())
        if heading is not None:
            section, info_field = heading, ""
        elif section == "info" and line.casefold() in _INFO_FIELDS:
            info_field = line.casefold()
        elif section == "info" and info_field:
            info.setdefault(info_field, []).append(line)
        elif section and section != "info":
            fields.lists.setdefault(section, []).append(line)
    fields.info = {name: " ".join(lines) for name, lines in info.items()}
    return _take_web_summary(body[:start], fields)


def _trailer_heading(line: str) -> str | None:
    return _TRAILER_HEADINGS.get(clean_line(line).casefold())


def _take_web_summary(body: list[Block], fields: Fields) -> list[Block]:
    """The last paragraph before the trailing metadata is the archive's summary."""
    if fields.summary or len(body) < 2:
        return body
    last = body[-1]
    if is_marker(last) or _FOOTNOTE.match(clean_line(last[0])):
        return body
    fields.summary = joined(last)
    return body[:-1]


def _complete_from_web_info(fields: Fields) -> None:
    """The web page names its language, citation and URL only in Document Information."""
    fields.original_language = fields.original_language or fields.info.get("language") or None
    fields.citation = fields.citation or _web_citation(fields)
    if not fields.source_url and fields.record_id.isdigit():
        fields.source_url = WILSON_DOCUMENT_URL.format(fields.record_id)


def _web_citation(fields: Fields) -> str | None:
    """The archive's citation style, built from the web page's Source and Original Archive."""
    source = fields.info.get("source", "").strip()
    if not source:
        return None
    parts = [f"“{fields.title},”"] if fields.title else []
    if fields.date_text:
        parts.append(f"{fields.date_text},")
    parts.append("Wilson Center Digital Archive,")
    parts.append(source)
    archive = fields.info.get("original archive", "").strip()
    if archive and archive not in source:
        parts.append(f"Original archive: {archive}.")
    return " ".join(parts)


# ---------------------------------------------------------------------------------------------
# Foreign "Title:/Author:/Date:" layout


def _foreign_header_end(blocks: list[Block]) -> int | None:
    """Where the body starts in a "Title:/Author:/Date:" file, or None for other layouts."""
    head = blocks[:_FOREIGN_HEAD]
    if not any(clean_line(block[0]).casefold().startswith("title:") for block in head):
        return None
    end = 0
    for index, block in enumerate(blocks[:_FOREIGN_HEADER_MAX]):
        if _FOREIGN_LABEL.match(clean_line(block[0])) or _url(block):
            end = index + 1
    return end


def _read_foreign_header(header: list[Block], fields: Fields) -> str | None:
    """Title, date and URL from a "Title:/Author:/Date:" header; returns the Description text."""
    description = None
    for block in header:
        url = _url(block)
        if url:
            fields.source_url = fields.source_url or url
            continue
        match = _FOREIGN_LABEL.match(joined(block))
        if not match:
            continue
        name, value = match.group(1).casefold(), match.group(2).strip()
        if name == "title":
            fields.title = clean_title([value])
        elif name == "date" and fields.date_text is None:
            fields.date_text = leading_date(value)
        elif name == "description":
            description = value.lstrip(" .:") or None
    return description


def _foreign_body(
    body: list[Block], description: str | None, fields: Fields
) -> tuple[Fields, list[Block]]:
    """Some of these files carry the whole text in ``Description:``; others describe it there."""
    if not description:
        return fields, body
    if body:
        fields.summary = description
        return fields, body
    return fields, [[description]]


# ---------------------------------------------------------------------------------------------
# People: named in the title, the citation and "Cde."/"Comrade"/"Товарищ" forms
#
# Only the web-page layout lists "Associated People"; every layout has a title, most a citation,
# and the archive's titles name the sender and recipient ("Cable, Filippov [Stalin] to Cde. Mao
# Zedong") or the parties ("Memorandum of Conversation between Anastas Mikoyan and Mao
# Zedong"). Names are put in the web page's "Surname, Given" form by rule:
#
# * a bracket after a name or a role gives the real name: "Filippov [Stalin]" is Stalin, "The
#   Chancellor's [Helmut Kohl's]" is Kohl; "[via Kuznetsov]" names an intermediary, also listed;
# * Chinese and Korean names are written surname first: "Mao Zedong" -> "Mao, Zedong" (the
#   surname from a short list of common surnames, not per document);
# * others are "Given [Initials] Surname": "Thomas J. Kieran" -> "Kieran, Thomas J.";
#   a surname alone stays as it is ("Kovalev");
# * a few pseudonyms and variants the archive uses for the same person are one table
#   (``_KNOWN_PEOPLE``): Filippov and Fyn Si are Stalin, Mao Tse-tung is Mao Zedong.
#
# Merging: the layout's own entries come first; a derived name whose surname (accents folded) is
# already there, with a given name or alone, is that person and is not added again.

_CHINESE_SURNAMES = frozenset(
    [
        "mao",
        "zhou",
        "liu",
        "peng",
        "wang",
        "deng",
        "lin",
        "zhu",
        "chen",
        "gao",
        "kang",
        "li",
        "zhang",
        "yang",
        "huang",
        "wu",
        "xu",
        "sun",
        "ma",
        "hu",
        "guo",
        "he",
        "luo",
        "liang",
        "song",
        "xie",
        "tang",
        "han",
        "feng",
        "dong",
        "yuan",
        "jiang",
        "cai",
        "pan",
        "du",
        "ye",
        "cheng",
        "wei",
        "su",
        "lu",
        "ding",
        "ren",
        "shi",
        "yao",
        "tan",
        "chiang",
        "sun",
        "kim",
        "pak",
        "park",
        "choe",
        "ho",
    ]
)
_KNOWN_PEOPLE = {
    "stalin": "Stalin, Joseph",
    "filippov": "Stalin, Joseph",
    "fyn si": "Stalin, Joseph",
    "feng xi": "Stalin, Joseph",
    "mao zedong": "Mao, Zedong",
    "mao tse-tung": "Mao, Zedong",
    "mao tsetung": "Mao, Zedong",
    "mao": "Mao, Zedong",
    "mikoyan": "Mikoyan, Anastas",
}
# Russian forms, by stem (the case ending is dropped before the look-up): "Товарищу МАО ЦЗЭДУНУ".
_KNOWN_RUSSIAN = {
    "сталин": "Stalin, Joseph",
    "филиппов": "Stalin, Joseph",
    "мао цзэдун": "Mao, Zedong",
    "мао цзэ-дун": "Mao, Zedong",
    "микоян": "Mikoyan, Anastas",
    "вышинск": "Vyshinsky, Andrei",
}
_RUSSIAN_ENDING = re.compile(r"(?:ого|ому|ым|ом|ий|ая|у|а|е|ю)$")
_DOCUMENT_KINDS = re.compile(
    r"^(?:(?:ciphered|confidential|secret|top secret|outgoing|incoming)\s+)*"
    r"(?:cable|telegram|letter|report|memorandum|message|note|directive|instructions?|minutes|"
    r"record|reply|request|telephone conversation)\b",
    re.IGNORECASE,
)
_ROLE = (
    r"(?:Cde\.?|Comrade|Mr\.|Mrs\.|Ms\.|Dr\.|President|Prime Minister|PM|Premier|Chancellor|"
    r"Chairman|Minister|Ambassador|Marshal)"
)
_ROLE_NAME = re.compile(rf"(?<![\w.])(?:{_ROLE})\s+((?:[A-Z][\w’'.-]*\s*){{1,4}}(?:\[[^\]]+\])?)")
_RUSSIAN_FORM = re.compile(
    r"(?<!\w)(?:[Тт]оварищ[уае]?|ТОВАРИЩ[УАЕ]?|[Тт]ов\.)\s+((?:[А-ЯЁ][\w-]*\s*){1,2})"
)
_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w’'-]*|(?:[A-Z]\.)+)$")
_INITIALS = re.compile(r"^(?:[A-Z]\.)+$")
_NOT_NAMES = frozenset(
    [
        "the",
        "a",
        "all",
        "and",
        "cc",
        "ccp",
        "cpsu",
        "vkp",
        "un",
        "uno",
        "usa",
        "ussr",
        "prc",
        "pla",
        "central",
        "committee",
        "government",
        "party",
        "delegation",
        "head",
        "chairman",
        "president",
        "minister",
        "ministry",
        "embassy",
        "bureau",
        "division",
        "office",
        "department",
        "council",
        "republic",
        "people's",
        "chinese",
        "soviet",
        "communist",
        "provincial",
        "premiers",
        "premier",
        "prime",
        "national",
        "affairs",
        "foreign",
        "external",
        "state",
        "general",
        "secretary",
        "excerpt",
        "summary",
        "i",
        "ii",
        "iii",
        "his",
        "her",
        "their",
        "our",
        "your",
        "my",
        "we",
        "you",
        "they",
        "it",
        "this",
        "that",
        "these",
        "cde",
        "comrade",
        "united",
        "states",
        "nations",
        "kingdom",
        "union",
    ]
)
_POSSESSIVE = re.compile(r"[’']s$")


def derive_people(
    title: str, citation: str | None, paragraphs: Sequence[str], listed: Sequence[str] = ()
) -> tuple[str, ...]:
    """The layout's people, then those named in the title, the citation and Cde. forms."""
    people: list[str] = []
    for name in listed:
        if name.strip() and name.strip() not in people:
            people.append(name.strip())
    for name in [*_title_people(title), *_citation_people(citation, title)]:
        _add_person(people, name)
    for paragraph in paragraphs:
        for name in _form_people(paragraph):
            _add_person(people, name)
    return tuple(people)


def canonical_person(name: str) -> str | None:
    """ "Filippov [Stalin]" -> "Stalin, Joseph", "Mao Zedong" -> "Mao, Zedong", or None."""
    name = " ".join(name.replace("\u00a0", " ").split()).strip(" ,;:!?")
    bracket = re.search(r"\[([^\]]+)\]", name)
    if bracket:
        inner = bracket.group(1).strip()
        if not inner.casefold().startswith("via "):
            real = canonical_person(inner)
            if real:
                return real
        name = name[: bracket.start()].strip()
    tokens = [_POSSESSIVE.sub("", token) for token in name.split()]
    while tokens and tokens[-1].endswith("."):  # "Mao Zedong." at a sentence end
        if _INITIALS.match(tokens[-1]):
            break
        tokens[-1] = tokens[-1].rstrip(".")
    if not 1 <= len(tokens) <= 4 or not all(_NAME_TOKEN.match(t) for t in tokens):
        return None
    if any(t.casefold() in _NOT_NAMES for t in tokens):
        return None
    tokens = [_name_case(token) for token in tokens]
    known = _KNOWN_PEOPLE.get(" ".join(tokens).casefold())
    if known:
        return known
    if tokens[0].casefold() in _CHINESE_SURNAMES and len(tokens) > 1:
        return f"{tokens[0]}, {' '.join(tokens[1:])}"
    if len(tokens) == 1:
        if _INITIALS.match(tokens[0]) or len(tokens[0]) < 3:
            return None
        return _KNOWN_PEOPLE.get(tokens[0].casefold(), tokens[0])
    if _INITIALS.match(tokens[-1]):
        return None
    known = _KNOWN_PEOPLE.get(tokens[-1].casefold())
    if known and known.split(",")[0] == tokens[-1]:
        return known  # "I.V. Stalin", "Anastas Mikoyan"
    return f"{tokens[-1]}, {' '.join(tokens[:-1])}"


def _name_case(token: str) -> str:
    """ "MAO" -> "Mao", "FILIPPOV" -> "Filippov"; "I.V." and "Ching-kuo" as written."""
    if token.isupper() and len(token) > 1 and not _INITIALS.match(token):
        return "-".join(part.capitalize() for part in token.split("-"))
    return token


def _add_person(people: list[str], name: str) -> None:
    """Add a derived name unless it is someone already there: the same surname, and a given
    name missing on one side or found in the other ("Cremin, Con" is 'Cremin, Cornelius
    Christopher ("Con")'; "Chiang, Ching-kuo" is not "Chiang, Kai-shek")."""
    surname, _, given = (_fold_name(part) for part in name.partition(","))
    for index, known in enumerate(people):
        known_surname, _, known_given = (_fold_name(part) for part in known.partition(","))
        if known_surname != surname:
            continue
        if not given or not known_given or re.search(rf"\b{re.escape(given)}\b", known_given):
            if given and not known_given:
                people[index] = name  # "Mikoyan" then "Mikoyan, Anastas": the fuller form
            return
    people.append(name)


def _fold_name(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def _title_people(title: str) -> list[str]:
    """Sender and recipient ("X to Y"), parties ("between X and Y"), a name's possessive."""
    names: list[str] = []
    head = re.split(r"\s[‘'“\"]", title, maxsplit=1)[0]  # "..., 'The Current State ...'"
    head = re.sub(r"\s+on\s+(?:\w+day,\s+)?\d.*$", "", head)  # "... on 16 December 1949"
    names += _bracketed_real_names(head)
    between = re.search(r"\bbetween\s+(.+)$", head)
    if between:
        names += _parties(between.group(1))
    elif _DOCUMENT_KINDS.match(head):
        match = re.search(r"^(.*?)\s+to\s+(.+)$", head)
        if match:
            sender = re.split(r",\s*|\bfrom\s+", match.group(1))[-1]
            names += _parties(sender) + _parties(match.group(2))
    possessive = re.match(r"^((?:[A-Z][\w-]*\s+){0,2}[A-Z][\w-]*)[’']s\s", head)
    if possessive:
        names.append(possessive.group(1))
    names += [match.group(1) for match in _ROLE_NAME.finditer(head)]
    return [person for name in names if (person := canonical_person(name))]


def _bracketed_real_names(text: str) -> list[str]:
    """ "[via Kuznetsov]" and "The Chancellor's [Helmut Kohl's]": names only brackets give."""
    names = []
    for match in re.finditer(r"\[([^\]]+)\]", text):
        inner = match.group(1).strip()
        if inner.casefold().startswith("via "):
            names.append(inner[4:])
        elif re.search(r"[’']s\]?$", inner) or not re.search(r"\w$", text[: match.start()].strip()):
            names.append(inner)
    return names


def _parties(text: str) -> list[str]:
    """ "Mao Zedong, Zhou Enlai and Wang Ruofei" -> three names; roles and places dropped."""
    text = re.sub(r"\[via [^\]]+\]", "", text)
    text = re.sub(r"\([^)]*\)", "", text)  # "(Ottawa)", "(Excerpt)"
    names = []
    for part in re.split(r",\s*|\s+and\s+", text):
        part = re.sub(rf"^(?:{_ROLE}\s+)+", "", part.strip())
        if part:  # "Chairman of the ... of China Mao Zedong": the name at its end
            names.append(_name_at_end(part))
    return names


def _name_at_end(part: str) -> str:
    """The name that ends a party: "Soviet Ambassador in China Apollon Petrov" -> "Apollon
    Petrov"; a Chinese name anywhere in it is taken whole: "... of China Mao Zedong"."""
    tokens = part.split()
    brackets = ""
    if tokens and tokens[-1].endswith("]"):
        start = next((i for i, t in enumerate(tokens) if t.startswith("[")), len(tokens))
        brackets = " " + " ".join(tokens[start:])
        tokens = tokens[:start]
    for index, token in enumerate(tokens[:-1]):
        if token.casefold() in _CHINESE_SURNAMES and index + 2 == len(tokens):
            return " ".join(tokens[index:]) + brackets
    run: list[str] = []
    for token in reversed(tokens):
        if not _NAME_TOKEN.match(_POSSESSIVE.sub("", token)) or token.casefold() in _NOT_NAMES:
            break
        run.insert(0, token)
    if len(run) > 2:  # given name, initials, surname; a place or role before them is dropped
        keep = 2 + sum(1 for token in run[-3:-1] if _INITIALS.match(token))
        run = run[-min(keep, 3) :]
    return " ".join(run) + brackets if run else part


def _citation_people(citation: str | None, title: str) -> list[str]:
    """The citation opens with the quoted title: used when it differs from the title."""
    if not citation:
        return []
    quoted = re.match(r"^[“\"]([^”\"]+?),?[”\"]", citation)
    if not quoted or quoted.group(1).strip().casefold() == title.strip().casefold():
        return []
    return _title_people(quoted.group(1))


_ENGLISH_FORM = re.compile(
    r"(?<![\w.])(?:Cde\.?|Comrade|COMRADE|CDE\.)\s+((?:[A-Z][\w’'.-]*\s*){1,3}(?:\[[^\]]+\])?)"
)


# What both forms start with: a literal scan finds it far quicker than the look-behinds can.
_FORM_WORD = re.compile("Cde|CDE|Comrade|COMRADE|[Тт]овар|ТОВАР|[Тт]ов\\.")


def _form_people(paragraph: str) -> list[str]:
    """ "Cde. Mao Zedong", "Comrade FILIPPOV [Stalin]", "Товарищу МАО ЦЗЭДУНУ" in a text."""
    names: list[str] = []
    if not _FORM_WORD.search(paragraph):  # most paragraphs: one fast scan instead of two slow ones
        return names
    for match in _ENGLISH_FORM.finditer(paragraph):
        words = match.group(1).split()
        kept: list[str] = []
        for word in words:
            if word.startswith("["):
                kept.append(word)  # "FILIPPOV [Stalin]": the real name
                break
            bare = word.rstrip(".,;:!?")
            if _NAME_TOKEN.match(bare) is None or bare.casefold() in _NOT_NAMES:
                break  # "Cde. Mao Zedong Cde. Zhou Enlai": the next form starts
            kept.append(word.rstrip(",;:!?"))
            if word.endswith((",", ";", ":", "!", "?")) or (
                word.endswith(".") and not _INITIALS.match(word)
            ):
                break
        person = canonical_person(" ".join(kept).rstrip("."))
        if person:
            names.append(person)
    for match in _RUSSIAN_FORM.finditer(paragraph):
        person = _russian_person(match.group(1))
        if person:
            names.append(person)
    return names


def _russian_person(words: str) -> str | None:
    """A known name in a Russian case form: "МАО ЦЗЭДУНУ" -> "Mao, Zedong"; else None."""
    tokens = [token.strip(".,;:!?").casefold() for token in words.split()]
    for count in (2, 1):
        if len(tokens) >= count:
            head = tokens[:count]
            stem = " ".join([*head[:-1], _RUSSIAN_ENDING.sub("", head[-1])])
            for key in (stem, " ".join(head)):
                if key in _KNOWN_RUSSIAN:
                    return _KNOWN_RUSSIAN[key]
    return None
