"""Lines, blocks and reading paragraphs.

A file is read as blank-line separated blocks of lines; a body block is one paragraph, except:

* ``[...]``/``[…]`` lines are section markers: blocks of their own, never paragraphs. They split
  the body into segments (told apart by language later). ``***``/``---`` lines are plain
  separators: dropped, and they split nothing but paragraphs.
* A list written on consecutive lines ("1. …", "2. …") is one paragraph per item, when the block
  has two or more lines that start with a list marker. One such line alone stays in its block:
  prose wrapped so that a line happens to start with "1." or "I." must not split.
* Paragraphs split by a page break are joined back when the first leaves a bracket open (and the
  next few close it), or when it is prose (6+ words) stopping without terminal punctuation and the
  next starts in lower case. Short lines (headers, stamps, signatures) are joined only when they
  plainly stop mid-phrase: a heading split over two paragraphs ends with a comma, a dash or a
  function word ("of", "between", "и", "между" ...) and the next part starts in lower case
  ("Friday, 19 September, 1958," + "at 4.45 p.m."). An address line ("CABLE N° 4277" + "to Cde.
  MAO ZEDONG") stops on a full word and stays apart: curated alignments pair it alone.

Hyphenated line breaks from PDF extraction (:func:`rejoin_hyphens`), in both scripts:

* a letter, a hyphen, a space, a letter is a word broken at a line end. In Latin script the hyphen
  is kept and the space dropped ("Chiang Kai- shek's" -> "Chiang Kai-shek's", "Soviet- American"
  -> "Soviet-American"): the archive's English breaks lines at real hyphens, and no rule can tell
  a soft hyphen from a hard one without a dictionary. In Cyrillic, before a lower-case letter,
  hyphen and space both go (typesetters hyphenate Russian inside words): "Китай- ской" ->
  "Китайской"; before a capital only the space goes.
* a suspended hyphen stays: the word after is a conjunction ("pro- and anti-", "лево- и
  правоцентристы").
* a hyphen with no space inside a Cyrillic word is a lost line break only when what follows is a
  suffix that never starts a word (-ск-, -цк-, -ств-, -ност-, a bare ending of up to 4 letters
  after them): "Китай-ской" -> "Китайской"; "по-прежнему", "Народно-освободительной", "кто-то"
  stay. Latin words with a hyphen and no space are always left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import pairwise

Block = list[str]

_MARKER = re.compile(r"^\[\s*(?:\.{2,}|…+)\s*\]$")
_SEPARATOR = re.compile(r"^(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_HEADING_MARKUP = re.compile(r"^#{1,6}\s+")
# "1.", "2)", "(a)", "b.", "II.", "iv)", "-", "•", followed by a space.
_LIST_MARKER = re.compile(r"^(?:\(?(?:\d{1,2}|[^\W\d_]|[IVXLC]{1,6}|[ivxlc]{1,6})[.)]|[-•])\s")
_TAG = re.compile(r"<[^<>]*>")
_WORD = re.compile(r"[^\W\d_]{2,}")
_NON_WORD = re.compile(r"\W")
_PROSE_PIECE = 2000  # characters
_MIN_WORDS = 3
_MIN_LETTER_SHARE = 0.35  # below it the file is numbers, JSON or tag soup
_TERMINAL = tuple(".!?:;…»\"”’')]")
_JOINABLE_WORDS = 6  # shorter lines are headers, stamps or signatures
_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "to",
        "with",
        "between",
        "about",
        "against",
        "into",
        "и",
        "или",
        "в",
        "во",
        "на",
        "с",
        "со",
        "о",
        "об",
        "по",
        "между",
        "к",
        "ко",
        "от",
        "для",
        "из",
        "у",
        "при",
    ]
)


def clean_line(line: str) -> str:
    """A line without markdown bold or heading markup and without outer whitespace."""
    line = line.replace("**", "").strip()
    return _HEADING_MARKUP.sub("", line).strip()


def joined(lines: Iterable[str]) -> str:
    """Lines of one paragraph as one string, markup removed, whitespace collapsed, and words
    broken at a line end joined again (:func:`rejoin_hyphens`)."""
    return rejoin_hyphens(" ".join(" ".join(clean_line(line) for line in lines).split()))


_LETTER = r"[^\W\d_]"
_BROKEN_WORD = re.compile(rf"({_LETTER})-\s+({_LETTER}[\w’'-]*)")
_CYRILLIC_SUFFIX_BREAK = re.compile(
    r"(?<=[а-яёА-ЯЁ]{2})-(?=(?:ск|цк)[а-яё]{1,3}\b|(?:ств|ност)[а-яё]{0,3}\b)"
)
_SUSPENDED = frozenset(
    {"and", "or", "nor", "to", "und", "oder", "et", "ou", "и", "или", "либо", "а"}
)


def rejoin_hyphens(text: str) -> str:
    """Words a line-end hyphen broke, joined again (the rule is in the module docstring)."""
    if "-" not in text:
        return text
    text = _BROKEN_WORD.sub(_join_broken_word, text)
    return _CYRILLIC_SUFFIX_BREAK.sub("", text)


def _join_broken_word(match: re.Match[str]) -> str:
    before, after = match.group(1), match.group(2)
    if after.casefold() in _SUSPENDED:
        return match.group(0)
    if _is_cyrillic(before) and _is_cyrillic(after[0]) and after[0].islower():
        return before + after
    return f"{before}-{after}"


def _is_cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff"


def clean_title(lines: Sequence[str]) -> str:
    """A title from its lines: bold, heading and angle-bracket markup removed, spaces collapsed."""
    return " ".join(_TAG.sub(" ", joined(lines)).split())


def has_readable_prose(text: str) -> bool:
    """Words must make up a fair share of the characters."""
    visible = len("".join(text.split()))  # str.split's white space is \s's; 4x as fast
    untagged = _TAG.sub(" ", text) if "<" in text else text
    needed = _MIN_LETTER_SHARE * visible
    words = letters = start = 0
    # Counted in C, a piece at a time (each ends at a non-word character, so no word is cut),
    # until the share is reached: prose reaches it about half way through.
    while start < len(untagged):
        boundary = _NON_WORD.search(untagged, start + _PROSE_PIECE)
        end = boundary.end() if boundary else len(untagged)
        piece = untagged[start:end]
        rest, found = _WORD.subn("", piece)
        words, letters, start = words + found, letters + len(piece) - len(rest), end
        if words >= _MIN_WORDS and letters >= needed:
            return True
    return False


def is_marker(block: Block) -> bool:
    return len(block) == 1 and bool(_MARKER.match(clean_line(block[0])))


# ---------------------------------------------------------------------------------------------
# Blocks


def blocks(text: str) -> list[Block]:
    """Blank-line separated blocks of stripped lines; markers become blocks of their own."""
    result: list[Block] = []
    current: Block = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line or _SEPARATOR.match(line):
            current = _flush(result, current)
        elif _MARKER.match(clean_line(line)):
            current = _flush(result, current)
            result.append([clean_line(line)])
        else:
            current.append(line)
    _flush(result, current)
    return result


def _flush(result: list[Block], current: Block) -> Block:
    if current:
        result.append(current)
    return []


# ---------------------------------------------------------------------------------------------
# Body: blocks to segments of paragraphs


def body_segments(body: list[Block]) -> list[list[str]]:
    """The body's paragraphs, in segments split at the section markers."""
    segments: list[list[str]] = [[]]
    for paragraph in (joined(item) for block in body for item in _list_items(block)):
        if _MARKER.match(paragraph):
            segments.append([])
        elif paragraph:
            segments[-1].append(paragraph)
    return [_join_page_breaks(segment) for segment in segments if segment]


def _list_items(block: Block) -> list[Block]:
    """The block cut before each list-marker line, when it holds a list (2+ such lines)."""
    starts = [i for i, line in enumerate(block) if _is_list_item(clean_line(line))]
    if len(starts) < 2:
        return [block]
    bounds = sorted({0, *starts, len(block)})
    return [block[start:end] for start, end in pairwise(bounds)]


def _is_list_item(line: str) -> bool:
    return bool(_LIST_MARKER.match(line))


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


def _continues_sentence(previous: str, following: str) -> bool:
    # "b) economic policy", "iv. Regarding": a new list item, even though it starts in lower case.
    if previous.endswith(_TERMINAL) or not following[:1].islower() or _is_list_item(following):
        return False
    return len(previous.split()) >= _JOINABLE_WORDS or _stops_mid_phrase(previous)


def _stops_mid_phrase(text: str) -> bool:
    """A heading cut mid-phrase: it ends with a comma, a dash or a function word."""
    if text.endswith((",", "-", "–", "—")):
        return True
    last = text.rsplit(None, 1)[-1].casefold()
    return last in _FUNCTION_WORDS
