"""Paragraph alignment: length (Gale–Church style) plus anchors both sides share.

The score of a bead (a group of source paragraphs paired with a group of target paragraphs) adds:

* a prior for its shape (1:1 is the norm, merges cost more, 1:3 more still);
* a length cost: how far the target length is from the source length times the ratio of the
  language pair, estimated from the document itself;
* an anchor term: numbers, month names, names matched through transliteration, list markers and
  brackets that appear on both sides pull a pair together; anchors on both sides that do not
  match push it apart;
* for a paragraph left alone (1:0, 0:1), a cost that grows with its length, and is low for
  headers and stamps ("Copy N° 1", "[Stamp: …]"), which translations often carry alone.

A dynamic programme finds the cheapest sequence of beads inside a band around the diagonal of
equal character positions, so memory grows with the band, not with n × m. The band widens when the
best path touches its edge.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, chain
from pathlib import Path

from reader.core.alignment import Alignment, AlignmentError, Bead
from reader.core.transliteration import name_key

INF = math.inf

# Bump whenever a change can alter what align() returns: cached alignments carry it in their key.
VERSION = 5

# (source count, target count, prior cost). 1:3 and 3:1 need strong evidence to win.
_SHAPES: tuple[tuple[int, int, float], ...] = (
    (1, 1, 0.0),
    (1, 0, 0.0),  # the indel cost itself depends on the paragraph, see _indel_costs
    (0, 1, 0.0),
    (2, 1, 2.6),
    (1, 2, 2.6),
    (2, 2, 5.0),
    (3, 1, 6.0),
    (1, 3, 6.0),
)
_LENGTH_VARIANCE = 6.8  # Gale & Church's s², per character
_ANCHOR_WEIGHT = 2.2
_INDEL_BASE = 3.0
_INDEL_PER_CHAR = 0.01
_INDEL_MAX = 12.0
_HEADER_INDEL = 1.2
_COLON_INDEL = 2.0  # a line before a list ("… the following:") often stands alone
# A merge that takes in such a line pays this when the other side of the bead has no colon at
# all: a lead-in translated within a paragraph keeps its colon.
_COLON_GLUE = 3.0
_ORPHAN_WEIGHT = 2.2  # per paragraph of a merge whose anchors find nothing across the bead
_FIRST_BAND = 4
_RATIO_ONES = 3  # 1:1 beads enough to measure the length ratio on
_FOLLOW_LAG = 1
# A 1:1 bead with a short side (a header, a label, a line before a list) and no anchor shared
# across it pays this: short lines carry too little length evidence to be paired on length alone.
_SHORT_UNIT = 100
_UNSUPPORTED_SHORT = 2.2

_LIST_MARKER = re.compile(r"^\s*(?:\(?\d{1,3}[.)]|[a-zA-Zа-яА-Я][.)]|[IVX]{1,4}\.)(?:\s|$)")
_CYRILLIC = re.compile(r"[а-яёА-ЯЁіїєґІЇЄҐ]")
_SENTENCE_END = re.compile(r"[.!?…:;]['\"»”)]*\s*$")
_HEADER_WORDS = re.compile(
    r"\b(copy|copies|no\.|n°|№|secret|top secret|stamp|штамп|экз|секретно|совершенно|"
    r"signature|подпись|authenticated|printed|отпечатано|верно|cable|telegram|шифровка|"
    r"incoming|outgoing|вх|исх|exemplar|geheim|ausfertigung|stempel|exemplaire|tampon)\b",
    re.IGNORECASE,
)

# Month names by stem in the case forms Russian uses ("20 июля", "в июле"), and in en/de/fr.
_MONTHS: dict[str, int] = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "мая": 5, "май": 5, "мае": 5, "июн": 6,
    "июл": 7, "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
    "januar": 1, "februar": 2, "märz": 3, "mai": 5, "juni": 6, "juli": 7, "oktober": 10,
    "dezember": 12, "janvier": 1, "février": 2, "mars": 3, "avril": 4, "juin": 6,
    "juillet": 7, "août": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
}  # fmt: skip

# Capitalised function words say nothing about names.
_STOPWORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "if",
        "in",
        "on",
        "at",
        "to",
        "of",
        "for",
        "by",
        "with",
        "from",
        "as",
        "we",
        "you",
        "he",
        "she",
        "it",
        "they",
        "i",
        "our",
        "your",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "his",
        "her",
        "its",
        "their",
        "my",
        "me",
        "us",
        "them",
        "is",
        "are",
        "was",
        "were",
        "be",
        "not",
        "no",
        "all",
        "any",
        "one",
        "mr",
        "mrs",
        "cde",
        "comrade",
        "dear",
        "в",
        "во",
        "на",
        "с",
        "со",
        "к",
        "ко",
        "о",
        "об",
        "от",
        "до",
        "по",
        "за",
        "из",
        "у",
        "и",
        "а",
        "но",
        "не",
        "мы",
        "вы",
        "я",
        "он",
        "она",
        "оно",
        "они",
        "это",
        "этот",
        "эта",
        "эти",
        "наш",
        "ваш",
        "как",
        "что",
        "так",
        "же",
        "ли",
        "бы",
        "для",
        "при",
        "без",
        "над",
        "под",
        "про",
        "тов",
        "товарищ",
        "der",
        "die",
        "das",
        "ein",
        "eine",
        "und",
        "oder",
        "aber",
        "im",
        "am",
        "zu",
        "mit",
        "von",
        "für",
        "auf",
        "ist",
        "sind",
        "wir",
        "sie",
        "er",
        "es",
        "le",
        "la",
        "les",
        "un",
        "une",
        "et",
        "ou",
        "mais",
        "dans",
        "en",
        "au",
        "aux",
        "du",
        "des",
        "de",
        "pour",
        "par",
        "sur",
        "est",
        "sont",
        "nous",
        "vous",
        "il",
        "elle",
    ]
)

# Weight of each kind of anchor before the document-frequency discount.
_KIND_WEIGHT = {"n": 1.0, "m": 0.8, "p": 1.0, "w": 0.35, "l": 0.8, "q": 0.3, "b": 0.4,
                "a": 1.0, "x": 1.0, "c": 0.8}  # fmt: skip
# Keys found on one side of the document only still say "these two differ" when a pair carries
# them: they count towards a paragraph's anchor mass at this share of their kind's weight.
_UNSHARED_SHARE = 0.35
_UNSHARED_KINDS = frozenset("npaxc")

# Acronyms both scripts use for the same body, to one key (США / USA / U.S., КПК / CPC / CCP).
_ACRONYMS: dict[str, str] = {
    "США": "us", "USA": "us", "US": "us", "U.S": "us", "U.S.A": "us",
    "СССР": "ussr", "USSR": "ussr", "КПК": "ccp", "CPC": "ccp", "CCP": "ccp",
    "ЦК": "cc", "CC": "cc", "КПСС": "cpsu", "CPSU": "cpsu", "ООН": "un", "UN": "un",
    "КНР": "prc", "PRC": "prc", "КНДР": "dprk", "DPRK": "dprk", "ФРГ": "frg", "FRG": "frg",
    "ГДР": "gdr", "GDR": "gdr", "МИД": "mfa", "MFA": "mfa", "ВКП": "vkp", "VKP": "vkp",
    "AUCP": "vkp", "ЦРУ": "cia", "CIA": "cia", "ФБР": "fbi", "FBI": "fbi", "КГБ": "kgb",
    "KGB": "kgb", "НКВД": "nkvd", "NKVD": "nkvd", "МГБ": "mgb", "MGB": "mgb", "ЕС": "eu",
    "EU": "eu", "МВФ": "imf", "IMF": "imf", "МКС": "iss", "ISS": "iss", "ТАСС": "tass",
    "TASS": "tass", "НАТО": "nato", "NATO": "nato", "РФ": "rf", "RF": "rf", "ВМС": "navy",
    "ЮНЕСКО": "unesco", "UNESCO": "unesco", "ВОЗ": "who", "WHO": "who", "ОАР": "uar",
    "UAR": "uar", "ДРВ": "drv", "DRV": "drv", "КПЯ": "cpj", "JCP": "cpj", "СЕПГ": "sed",
    "SED": "sed", "ПОРП": "puwp", "PUWP": "puwp", "НОАК": "pla", "PLA": "pla",
}  # fmt: skip
_ACRONYM_TOKENS = frozenset(_ACRONYMS)
_CONCEPT_TEXT = 200

# Words archive headers use, by stem, to a concept both languages share (a tiny lexicon).
_CONCEPTS: tuple[tuple[str, str], ...] = (
    ("секретн", "secret"), ("secret", "secret"), ("копи", "copy"), ("copy", "copy"),
    ("экз", "copy"), ("перевод", "transl"), ("translat", "transl"), ("подпис", "sign"),
    ("signat", "sign"), ("signed", "sign"), ("штамп", "stamp"), ("stamp", "stamp"),
    ("приложени", "annex"), ("annex", "annex"), ("appendix", "annex"), ("attachm", "annex"),
    ("примечани", "note"), ("note", "note"), ("справк", "memo"), ("memorand", "memo"),
    ("записк", "memo"), ("протокол", "minutes"), ("minutes", "minutes"), ("protocol", "minutes"),
    ("телеграм", "cable"), ("cable", "cable"), ("telegram", "cable"), ("шифров", "cipher"),
    ("cipher", "cipher"), ("стр", "page"), ("page", "page"), ("лист", "sheet"),
    ("sheet", "sheet"), ("верно", "true"), ("authentic", "true"), ("проект", "draft"),
    ("draft", "draft"), ("сообщени", "message"), ("message", "message"), ("письм", "letter"),
    ("letter", "letter"), ("постановлени", "resol"), ("resolution", "resol"),
    ("decree", "resol"), ("пункт", "item"), ("item", "item"), ("point", "item"),
    ("раздел", "section"), ("section", "section"), ("глава", "chapter"), ("chapter", "chapter"),
    ("статья", "article"), ("article", "article"), ("содержани", "contents"),
    ("contents", "contents"), ("вопрос", "question"), ("question", "question"),
    ("issue", "question"), ("файл", "file"), ("file", "file"), ("документ", "doc"),
    ("document", "doc"), ("фото", "photo"), ("photo", "photo"), ("видео", "video"),
    ("video", "video"), ("посол", "ambass"), ("ambassador", "ambass"), ("председат", "chair"),
    ("chairman", "chair"), ("министр", "minist"), ("minister", "minist"),
    ("президент", "presid"), ("president", "presid"), ("правительств", "govt"),
    ("government", "govt"), ("товарищ", "comrade"), ("тов", "comrade"), ("comrade", "comrade"),
    ("cde", "comrade"),
)  # fmt: skip
_CONCEPT_STEMS: dict[str, str] = dict(_CONCEPTS)
_CONCEPT_MAX_STEM = max(len(stem) for stem, _ in _CONCEPTS)
# Latin identifiers, codes and file names ("scan_117421_p03.jpg", "MS-21", "iOS").
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?:[.\-/][A-Za-z0-9_]+)*")


@dataclass(frozen=True, slots=True)
class _Side:
    """Per-paragraph features of one language side, computed once."""

    cum_length: list[float]  # cumulative character counts, cum_length[0] == 0
    anchors: list[frozenset[str]]
    header: list[bool]
    colon: list[bool]  # a line of at most 150 characters ending in a colon
    colon_lines: list[int]  # cumulative count of those lines, colon_lines[0] == 0
    colons: list[int]  # cumulative count of paragraphs with a colon anywhere
    heading: list[float]  # length of a heading-like short line, else 0
    runin: list[float]  # length of the short lead-in ("Note.", "Item 3:") a paragraph opens with


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_TOKEN = re.compile(r"[^\W\d_]+")
_CAPITALS = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZЁ" + "".join(map(chr, [*range(0x410, 0x430), *range(0xC0, 0xDF)]))
)
_CYRILLIC_LETTERS = frozenset("ёЁіїєґІЇЄҐ" + "".join(map(chr, range(0x410, 0x450))))
_VERB_MONTHS = frozenset(("may", "march", "mars"))


def _month_forms() -> dict[str, str]:
    """Every word form that names a month, as written (lower, Title, UPPER), to its anchor key."""
    forms: dict[str, int] = {k: v for k, v in _MONTHS.items() if not _CYRILLIC.match(k)}
    for stem, month in _MONTHS.items():
        if not _CYRILLIC.match(stem) or stem.startswith("ма"):
            continue
        hard = stem in ("март", "август")
        for ending in ("", "а", "у", "е", "ом") if hard else ("ь", "я", "ю", "е", "ем", "ём"):
            forms[stem + ending] = month
    forms.update(май=5, мая=5, маю=5, мае=5, маем=5)
    keys = {}
    for form, month in forms.items():
        variants = {form.title(), form.upper()}
        if form not in _VERB_MONTHS:  # lower-case "may"/"march" are verbs
            variants.add(form)
        for variant in variants:
            keys[variant] = f"m{month}"
    return keys


_MONTH_KEYS = _month_forms()
_MONTH_TOKENS = frozenset(_MONTH_KEYS)
# Day names: English, German and French capitalise them (or not), Russian never does, so a
# capitalised "Thursday" is no name to look for on the other side.
_WEEKDAYS = frozenset(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "montag",
     "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend", "sonntag", "lundi",
     "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
)  # fmt: skip
_NOT_NAMES = _STOPWORDS | frozenset(k.lower() for k in _MONTH_KEYS) | frozenset(_MONTHS) | _WEEKDAYS
_word_key_cache: dict[str, str | None] = {}


def _word_key(word: str) -> str | None:
    """ "p" + name key of a capitalised word, "w" + key of a lower-case one; None for stopwords."""
    key = _word_key_cache.get(word)
    if key is None and word not in _word_key_cache:
        if len(_word_key_cache) > 200_000:
            _word_key_cache.clear()
        if word[0] in _CAPITALS:
            key = (
                None
                if word.lower() in _NOT_NAMES
                else "p" + name_key(word, word[0] in _CYRILLIC_LETTERS)
            )
        elif not word[0].isupper():
            key = "w" + name_key(word, word[0] in _CYRILLIC_LETTERS)
        _word_key_cache[word] = key
    return key


def _concept(word: str) -> str | None:
    """ "c" + the lexicon concept of a word, by its longest listed stem; None when it has none."""
    lower = word.lower()
    for size in range(min(len(lower), _CONCEPT_MAX_STEM), 2, -1):
        concept = _CONCEPT_STEMS.get(lower[:size])
        # Stems of three letters ("тов", "экз", "стр") must be the whole word.
        if concept and (size > 3 or len(lower) == 3):
            return "c" + concept
    return None


# Numbers ("38,9", "20.07.1951") and words. A text is cut at white space, and each distinct
# chunk ("Москву.", "(1940)", "МС-21") into its numbers and words once, when first seen.
_PARTS = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")
# Per distinct chunk, the keys it contributes (number; month, name, common word, acronym; the
# lexicon concept in short texts), by [with common words][short text].
_chunk_cache: list[list[dict[str, tuple[str, ...]]]] = [[{}, {}], [{}, {}]]


def _chunk_keys(chunk: str, with_common_words: bool, short: bool) -> tuple[str, ...]:
    return tuple(
        chain.from_iterable(
            _piece_keys(piece, with_common_words, short) for piece in _PARTS.findall(chunk)
        )
    )


def _text_keys(text: str, with_common_words: bool) -> set[str]:
    """The keys of a text's numbers and words (see _chunk_keys)."""
    chunks = text.split()
    short = len(text) <= _CONCEPT_TEXT  # the lexicon is for headers, labels and short lines
    cache = _chunk_cache[with_common_words][short]
    try:
        return set(chain.from_iterable(map(cache.__getitem__, chunks)))
    except KeyError:  # a chunk not seen yet
        if len(cache) > 200_000:
            cache.clear()
        for chunk in set(chunks).difference(cache):
            cache[chunk] = _chunk_keys(chunk, with_common_words, short)
        return set(chain.from_iterable(map(cache.__getitem__, chunks)))


def _piece_keys(piece: str, with_common_words: bool, short: bool) -> tuple[str, ...]:
    if piece[0].isdecimal():
        # "38,9" and "38.9" (decimal comma vs point), "1,000" and "1 000" meet on the digits.
        return ("n" + (piece.replace(".", "").replace(",", "").lstrip("0") or "0"),)
    keys = []
    month = _MONTH_KEYS.get(piece)
    if month is not None:
        keys.append(month)
    if (piece[0] in _CAPITALS and len(piece) > 1) or (with_common_words and len(piece) > 5):
        key = _word_key(piece)
        if key is not None:
            keys.append(key)
            # "Minister" in a title meets "ministre" in running text.
            if with_common_words and key[0] == "p" and len(piece) > 5:
                keys.append("w" + key[1:])
    acronym = _ACRONYMS.get(piece)
    if acronym is not None:
        keys.append("a" + acronym)
    if short:
        concept = _concept(piece)
        if concept is not None:
            keys.append(concept)
    return tuple(keys)


def _anchor_keys(text: str, with_common_words: bool) -> frozenset[str]:
    """Numbers, months, names (and long common words for Latin pairs), list markers, quotes."""
    keys = _text_keys(text, with_common_words)
    if "U.S." in text:
        keys.add("aus")
    stripped = text.strip()
    marker = _LIST_MARKER.match(stripped)
    if marker:
        keys.add("l" + marker.group().strip().strip("().").lower())
    first = stripped[:1]
    if first and first in "«“\"„'‘":
        keys.add("q")
    elif first and first in "[(":
        keys.add("b")
    return frozenset(keys)


def sentence_anchor_keys(text: str, latin_pair: bool) -> frozenset[str]:
    """The anchors of a sentence as the paragraph aligner sees them in its words and numbers
    (numbers, months, names, codes, acronyms, the header lexicon; list markers and quotes left
    out); ``latin_pair`` adds long common words, for pairs in the Latin script."""
    return frozenset(_text_keys(text, latin_pair))


def sentence_anchor_sets(texts: Sequence[str], latin_pair: bool) -> list[set[str]]:
    """``sentence_anchor_keys`` of each text, as sets (the sentence aligner's batch form)."""
    return [_text_keys(text, latin_pair) for text in texts]


def _is_header(text: str) -> bool:
    """Short lines such as "Copy N° 1", "SECRET", "[Stamp: …]", "22 July 1951"."""
    stripped = text.strip()
    if len(stripped) > 80:
        return False
    if stripped.startswith("["):
        return True
    # "Подпись к видео: …" (a caption, 73 characters) is a sentence, not a signature line.
    if len(stripped) <= 50 and _HEADER_WORDS.search(stripped):
        return True
    letters = sum(map(str.isalpha, stripped))
    if not letters or sum(map(str.isupper, stripped)) > 0.8 * letters:
        return len(stripped) < 50
    return len(stripped) < 30 and not _SENTENCE_END.search(stripped)


_RUNIN = re.compile(r"^(\S.{0,99}?)(?:[.:]\s|\s[—–-]\s)")
_RUNIN_BONUS = 2.2


def _heading_length(text: str) -> float:
    """Length of a line shaped like a heading or label (short, no colon, few words), else 0."""
    stripped = text.strip()
    if not 0 < len(stripped) <= 100 or stripped.endswith((":", ",", ";")):
        return 0.0
    words = len(stripped.split())
    if words > 12 or stripped.count(". ") > 1:
        return 0.0
    # A sentence of its own ("The explosion followed.") is no heading; "Note." may be one.
    if words > 4 and stripped[-1] in ".!?…":
        return 0.0
    return float(len(stripped))


def _runin_length(text: str) -> float:
    """Length of the heading a paragraph may open with, up to its first ". ", ": " or " — "."""
    match = _RUNIN.match(text.strip())
    if not match or len(text) < 2 * len(match.group(1)) or len(match.group(1).split()) > 12:
        return 0.0
    return float(len(match.group(1)) + 1)


def _runin_bonus(heading: float, lead: float) -> float:
    """How much a 2:1 / 1:2 merge of a heading with its paragraph is discounted."""
    if lead <= 0.0 or abs(heading - lead) > 0.35 * max(heading, lead) + 6.0:
        return 0.0
    return _RUNIN_BONUS


def _features(paragraphs: Sequence[str], with_common_words: bool) -> _Side:
    colon = [len(p.strip()) <= 150 and p.rstrip().endswith(":") for p in paragraphs]
    return _Side(
        cum_length=[0.0, *accumulate(float(len(p.strip()) or 1) for p in paragraphs)],
        anchors=[_anchor_keys(p, with_common_words) for p in paragraphs],
        header=[_is_header(p) for p in paragraphs],
        colon=colon,
        colon_lines=[0, *accumulate(colon)],
        colons=[0, *accumulate(":" in p for p in paragraphs)],
        heading=[_heading_length(p) for p in paragraphs],
        runin=[_runin_length(p) for p in paragraphs],
    )


def _latin_only(paragraphs: Sequence[str]) -> bool:
    return not any(_CYRILLIC.search(p) for p in paragraphs)


def _dyadic(weight: float) -> float:
    """The weight rounded to a multiple of 1/4096. Sums of such weights are exact whatever the
    order of the keys in their sets (which changes from run to run with string hashing), so
    the same texts always get the same alignment."""
    return round(weight * 4096.0) / 4096.0


def _anchor_weights(source: _Side, target: _Side) -> dict[str, float]:
    """Rare anchors count more: a year on every paragraph says little about which pair is right."""
    df_source: dict[str, int] = defaultdict(int)
    df_target: dict[str, int] = defaultdict(int)
    for keys in source.anchors:
        for key in keys:
            df_source[key] += 1
    for keys in target.anchors:
        for key in keys:
            df_target[key] += 1
    weights = {}
    for key in df_source.keys() & df_target.keys():
        weights[key] = _dyadic(
            _KIND_WEIGHT[key[0]] / math.sqrt(max(df_source[key], df_target[key]))
        )
    return weights


@dataclass(slots=True)
class _Problem:
    """Everything the dynamic programme reads, precomputed so the inner loop stays cheap."""

    source: _Side
    target: _Side
    weights: dict[str, float]
    source_anchor_mass: list[float]  # cumulative weight of matchable anchors per paragraph
    target_anchor_mass: list[float]
    source_indel: list[float]
    target_indel: list[float]
    # Per paragraph, what it costs a merge (times _ORPHAN_WEIGHT) when glued on without a match
    # across the bead: its matchable anchor mass, capped at 1.
    source_orphan: list[float]
    target_orphan: list[float]
    source_short: list[bool]
    target_short: list[bool]


def _unshared_weights(source: _Side, target: _Side, weights: dict[str, float]) -> dict[str, float]:
    """The weight of keys one side alone carries (see _UNSHARED_SHARE)."""
    df: dict[str, int] = defaultdict(int)
    for side in (source, target):
        for keys in side.anchors:
            for key in keys:
                if key not in weights and key[0] in _UNSHARED_KINDS:
                    df[key] += 1
    return {
        key: _dyadic(_UNSHARED_SHARE * _KIND_WEIGHT[key[0]] / math.sqrt(count))
        for key, count in df.items()
    }


def _add_identifiers(
    source: Sequence[str],
    target: Sequence[str],
    src: _Side,
    tgt: _Side,
    latin: tuple[bool, bool],
) -> None:
    """Latin identifiers, codes and file names a Cyrillic side carries, as anchors on both sides
    (``latin``: whether each side is free of Cyrillic)."""
    cyrillic = [k for k, latin_only in enumerate(latin) if not latin_only]
    if len(cyrillic) != 1:
        return
    texts = (source, target)[cyrillic[0]]
    # A plain lower-case word ("bomb" in a quoted English caption) or a stopword is none.
    vocabulary = {
        lower
        for text in texts
        if _LATIN_LETTER.search(text)
        for token in _IDENTIFIER.findall(text)
        if len(token) > 1 and not (token.isalpha() and token.islower())
        for lower in (token.lower(),)
        if lower not in _STOPWORDS
    }
    if not vocabulary:
        return
    # The vocabulary as whole tokens (not "ru" inside "matchtv.ru"), case aside.
    alternatives = "|".join(map(re.escape, sorted(vocabulary, key=len, reverse=True)))
    pattern = re.compile(rf"(?<![\w.\-/])(?:{alternatives})(?![\w]|[.\-/]\w)")
    for paragraphs, side in ((source, src), (target, tgt)):
        for index, found in _whole_token_hits(paragraphs, vocabulary, pattern).items():
            side.anchors[index] = side.anchors[index] | found


def _whole_token_hits(
    paragraphs: Sequence[str], vocabulary: set[str], pattern: re.Pattern[str]
) -> dict[int, set[str]]:
    """Per paragraph, the identifier keys of the vocabulary it holds as whole tokens.

    Each token is looked for with str.find over the whole side at once, and the pattern is only
    tried where one occurs: a regular expression with many alternatives, run over every
    position of every paragraph, costs several times more.
    """
    lowered = [text.lower() for text in paragraphs]
    joined = "\n".join(lowered)
    starts = list(accumulate((len(text) + 1 for text in lowered), initial=0))
    hits: dict[int, set[str]] = defaultdict(set)
    for token in vocabulary:
        position = joined.find(token)
        while position >= 0:
            match = pattern.match(joined, position)
            if match:
                hits[bisect_right(starts, position) - 1].add("x" + match.group())
            position = joined.find(token, position + 1)
    return hits


# A capitalised word that opens a sentence and is followed by a lower-case word ("Предотвратить
# наводнение …", "Explosives experts …") is most likely no name: unmatched, it says nothing.
# Found after a sentence end, and at the start of the text: two patterns, as one with a
# look-behind at every position costs twice the time.
_OPENER_WORD = r"[\"«„“'‘(\[]*([A-ZА-ЯЁ][^\W\d_]*)[,;]? (?=[^\W\d_A-ZА-ЯЁ])"
_SENTENCE_OPENER = re.compile(r"[.!?…:;]['\"»”’)\]]*\s+" + _OPENER_WORD)
_TEXT_OPENER = re.compile(_OPENER_WORD)


def _opener_keys(text: str) -> set[str | None]:
    """Name keys of the words found only as sentence openers (see _SENTENCE_OPENER)."""
    words = _SENTENCE_OPENER.findall(text)
    first = _TEXT_OPENER.match(text)
    if first:
        words.append(first.group(1))
    return {_word_key(w) for w in words if text.count(w) == 1}


def _cumulative_mass(
    side: _Side, texts: Sequence[str], shared: dict[str, float], unshared: dict[str, float]
) -> list[float]:
    """Per paragraph, the weight of its shared keys plus that of its unshared ones, sentence
    openers left out."""
    masses = []
    for keys, text in zip(side.anchors, texts, strict=True):
        total = 0.0
        openers = None
        for key in keys:
            weight = shared.get(key)
            if weight is None:
                weight = unshared.get(key)
                if weight is None:
                    continue
                if key[0] == "p":
                    if openers is None:
                        openers = _opener_keys(text)
                    if key in openers:
                        continue
            total += weight
        masses.append(total)
    return [0.0, *accumulate(masses)]


def _indel_costs(side: _Side) -> list[float]:
    costs = []
    for index, header in enumerate(side.header):
        length = side.cum_length[index + 1] - side.cum_length[index]
        cost = _INDEL_BASE + _INDEL_PER_CHAR * length
        if header:
            cost = _HEADER_INDEL
        elif side.colon[index]:
            cost = _COLON_INDEL
        costs.append(min(cost, _INDEL_MAX))
    return costs


def _short_units(side: _Side) -> list[bool]:
    lengths = side.cum_length
    return [lengths[k + 1] - lengths[k] < _SHORT_UNIT for k in range(len(lengths) - 1)]


def _orphan_costs(mass: list[float]) -> list[float]:
    return [min(1.0, mass[index + 1] - mass[index]) for index in range(len(mass) - 1)]


def _problem(source: Sequence[str], target: Sequence[str], source_language: str) -> _Problem:
    latin = _latin_only(source), _latin_only(target)
    common = all(latin) or source_language != "ru"
    src, tgt = _features(source, common), _features(target, common)
    if not common:
        _add_identifiers(source, target, src, tgt, latin)
    weights = _anchor_weights(src, tgt)
    unshared = _unshared_weights(src, tgt, weights)
    src_mass = _cumulative_mass(src, source, weights, unshared)
    tgt_mass = _cumulative_mass(tgt, target, weights, unshared)
    return _Problem(
        src,
        tgt,
        weights,
        src_mass,
        tgt_mass,
        _indel_costs(src),
        _indel_costs(tgt),
        _orphan_costs(src_mass),
        _orphan_costs(tgt_mass),
        _short_units(src),
        _short_units(tgt),
    )


def _postings(problem: _Problem) -> dict[str, list[int]]:
    """Per shared anchor, the target paragraphs carrying it, in order."""
    postings: dict[str, list[int]] = defaultdict(list)
    weights = problem.weights
    for j, keys in enumerate(problem.target.anchors):
        for key in keys:
            if key in weights:
                postings[key].append(j)
    return postings


def _match_row(
    problem: _Problem, postings: dict[str, list[int]], i: int, low: int, high: int
) -> dict[int, float]:
    """Weight of anchors source paragraph i shares with each target paragraph in [low, high]."""
    row: dict[int, float] = {}
    weights = problem.weights
    for key in problem.source.anchors[i]:
        weight = weights.get(key)
        if weight is None:
            continue
        posting = postings[key]
        for j in posting[bisect_left(posting, low) : bisect_right(posting, high)]:
            row[j] = row.get(j, 0.0) + weight
    return row


def _matches(
    problem: _Problem, postings: dict[str, list[int]], lows: list[int], highs: list[int]
) -> list[dict[int, float]]:
    """Weight of anchors shared by source paragraph i and target paragraph j, inside the band."""
    last = len(highs) - 1
    # A bead ending at row i+1 or later (up to 3 rows on) may use target paragraphs from the
    # band of row i up to the band of row i+3.
    return [
        _match_row(problem, postings, i, lows[i] - 3, highs[min(i + 3, last)])
        for i in range(len(problem.source.anchors))
    ]


def _diagonal(problem: _Problem, ratio: float) -> list[int]:
    """Per source prefix, the target prefix at the same character position (scaled by ratio)."""
    tgt = problem.target.cum_length
    return [bisect_left(tgt, position * ratio) for position in problem.source.cum_length]


def _path_centres(path: list[tuple[int, int, int, int]], n: int) -> list[int]:
    """Per source prefix, where the previous path ran: the next band follows its drift."""
    centres = [0] * (n + 1)
    for i0, i1, _, j1 in path:
        for i in range(i0 + 1, i1 + 1):
            centres[i] = j1
    return centres


def _band(centres: list[int], m: int, width: int) -> tuple[list[int], list[int]]:
    """Per source prefix i, the range of target prefixes searched around centres[i]."""
    lows, highs = [], []
    previous_high = 0
    for centre in centres:
        low = max(0, min(centre - width, previous_high))
        high = min(m, max(centre + width, low))
        lows.append(low)
        highs.append(high)
        previous_high = high
    highs[-1] = m
    return lows, highs


def _group_matches(
    matches: list[dict[int, float]],
    i0: int,
    i1: int,
    j0: int,
    j1: int,
    src_orphan: list[float],
    tgt_orphan: list[float],
) -> tuple[float, float]:
    """Shared anchor weight of a multi-paragraph bead, and the anchor mass left without a match.

    ``src_orphan[a]`` is what paragraph a adds to the second figure when none of its anchors
    finds a match across the bead (its matchable mass, capped at 1).
    """
    shared = 0.0
    orphans = 0.0
    if j1 - j0 == 1:  # 2:1, 3:1
        for a in range(i0, i1):
            value = matches[a].get(j0, 0.0)
            if value:
                shared += value
            else:
                orphans += src_orphan[a]
        if not shared:
            orphans += tgt_orphan[j0]
        return shared, orphans
    if i1 - i0 == 1:  # 1:2, 1:3
        row = matches[i0]
        for b in range(j0, j1):
            value = row.get(b, 0.0)
            if value:
                shared += value
            else:
                orphans += tgt_orphan[b]
        if not shared:
            orphans += src_orphan[i0]
        return shared, orphans
    columns = [0.0] * (j1 - j0)  # 2:2
    for a in range(i0, i1):
        row = matches[a]
        row_shared = 0.0
        if row:
            for b in range(j0, j1):
                value = row.get(b, 0.0)
                row_shared += value
                columns[b - j0] += value
        shared += row_shared
        if not row_shared:
            orphans += src_orphan[a]
    for b in range(j0, j1):
        if not columns[b - j0]:
            orphans += tgt_orphan[b]
    return shared, orphans


_MATCH_SHAPES = tuple((s, t, p) for s, t, p in _SHAPES if s and t)  # back codes 3, 4, …


def _search(
    problem: _Problem,
    ratio: float,
    lows: list[int],
    highs: list[int],
    postings: dict[str, list[int]],
    follow: list[int] | None = None,
    width: int = 0,
) -> tuple[list[tuple[int, int, int, int]], bool]:
    """Cheapest bead path inside the band; also says whether the path touched the band's edge.

    Row by row (source prefix i), shape by shape: each shape reads only earlier rows, so its
    per-row terms are computed once and its inner loop over j stays free of bounds checks. The
    0:1 step reads the row being filled, so it runs last, in a pass of its own; ties resolve as
    if the steps had been tried in the order 1:0, 0:1, then the shapes of _SHAPES.

    With ``follow`` (the diagonal), ``lows`` and ``highs`` start empty and each row's band is
    set ``width`` either side of where the previous row was cheapest, moved on by the diagonal's
    step: the band follows the text instead of the character count.
    """
    m = len(problem.target.anchors)
    matches = [] if follow is not None else _matches(problem, postings, lows, highs)
    src_len, tgt_len = problem.source.cum_length, problem.target.cum_length
    src_mass, tgt_mass = problem.source_anchor_mass, problem.target_anchor_mass
    src_indel, tgt_indel = problem.source_indel, problem.target_indel
    src_orphan, tgt_orphan = problem.source_orphan, problem.target_orphan
    src_short, tgt_short = problem.source_short, problem.target_short
    src_heading, tgt_heading = problem.source.heading, problem.target.heading
    src_runin, tgt_runin = problem.source.runin, problem.target.runin
    src_colon_lines, tgt_colon_lines = problem.source.colon_lines, problem.target.colon_lines
    src_colons, tgt_colons = problem.source.colons, problem.target.colons
    target_colon_lines = tgt_colon_lines[-1] > 0
    colon_glue = _COLON_GLUE
    n = len(src_len) - 1
    costs: list[list[float]] = []
    backs: list[bytearray] = []
    half_variance = 0.5 * _LENGTH_VARIANCE
    anchor_weight = _ANCHOR_WEIGHT
    orphan_weight = _ORPHAN_WEIGHT
    shapes = _MATCH_SHAPES
    for i in range(n + 1):
        if follow is not None:
            if i == 0:
                low, high = 0, min(m, width)
            else:
                last = costs[i - 1]
                cheapest = lows[i - 1] + last.index(min(last))
                step = follow[i] - follow[i - 1]
                low = max(0, min(cheapest + min(step, _FOLLOW_LAG) - width, highs[i - 1]))
                high = m if i == n else min(m, max(cheapest + step + width, low))
                # Rows i to i + 2 may read this row's matches; their bands lie within reach.
                reach = follow[min(i + 2, n)] - follow[i - 1] + 3 * width + 3
                matches.append(
                    _match_row(problem, postings, i - 1, lows[i - 1] - reach, highs[i - 1] + reach)
                )
            lows.append(low)
            highs.append(high)
        low, high = lows[i], highs[i]
        width_here = high - low + 1
        row = [INF] * width_here
        back = bytearray(width_here)
        if i == 0:
            row[0] = 0.0
        else:  # 1:0
            prev, pl = costs[i - 1], lows[i - 1]
            a, b = max(low, pl), min(high, highs[i - 1])
            if a <= b:
                indel = src_indel[i - 1]
                row[a - low : b - low + 1] = [c + indel for c in prev[a - pl : b - pl + 1]]
                back[a - low : b - low + 1] = b"\x01" * (b - a + 1)
            # 1:1, the common case, without the group bookkeeping.
            a, b = max(low, pl + 1), min(high, highs[i - 1] + 1)
            ls = (src_len[i] - src_len[i - 1]) * ratio
            own_mass = src_mass[i] - src_mass[i - 1]
            shared_with = matches[i - 1].get
            own_short = src_short[i - 1]
            unsupported = _UNSUPPORTED_SHORT
            # (Empty when the bands do not meet: max() keeps the slice from counting from the end.)
            cells = (
                range(a - low, b - low + 1),
                range(a, b + 1),
                prev[a - 1 - pl : max(a, b + 1) - 1 - pl],
            )
            for k, j, previous in zip(*cells, strict=True):
                best = row[k]
                # The anchor term can lower a bead's cost by at most anchor_weight: prune early.
                if previous - anchor_weight >= best:
                    continue
                lt = tgt_len[j] - tgt_len[j - 1]
                cost = previous + (lt - ls) * (lt - ls) / (half_variance * (ls + lt)) * 0.5
                mass = own_mass + tgt_mass[j] - tgt_mass[j - 1]
                shared = shared_with(j - 1, 0.0)
                if mass > 0.0:
                    dice = 2.0 * shared / mass
                    if dice > 1.0:
                        dice = 1.0
                    cost += anchor_weight * (1.0 - 2.0 * dice) * (mass * 0.5 if mass < 2.0 else 1.0)
                if not shared and (own_short or tgt_short[j - 1]):
                    cost += unsupported
                if cost < best:
                    row[k] = cost
                    back[k] = 3
            for code, (di, dj, prior) in enumerate(shapes[1:], 4):
                pi = i - di
                if pi < 0:
                    continue
                prev, pl = costs[pi], lows[pi]
                a, b = max(low, pl + dj), min(high, highs[pi] + dj)
                if a > b:
                    continue
                ls = (src_len[i] - src_len[pi]) * ratio
                own_mass = src_mass[i] - src_mass[pi]
                # A heading run into the paragraph it opens on the other side (2:1 or 1:2).
                runin_source = (
                    di == 2
                    and dj == 1
                    and src_heading[pi] > 0.0
                    and src_len[pi + 2] - src_len[pi + 1] >= 2.0 * src_heading[pi]
                )
                runin_target = di == 1 and dj == 2
                # A merge taking in a line before a list, opposite a text without a colon.
                glue_source = di > 1 and src_colon_lines[i] != src_colon_lines[pi]
                glue_target = target_colon_lines and dj > 1 and src_colons[i] == src_colons[pi]
                cells = (
                    range(a - low, b - low + 1),
                    range(a, b + 1),
                    prev[a - dj - pl : b - dj + 1 - pl],
                )
                for k, j, previous in zip(*cells, strict=True):
                    previous += prior
                    if glue_source and tgt_colons[j] == tgt_colons[j - dj]:
                        previous += colon_glue
                    if glue_target and tgt_colon_lines[j] != tgt_colon_lines[j - dj]:
                        previous += colon_glue
                    if runin_source:
                        previous -= _runin_bonus(src_heading[pi] * ratio, tgt_runin[j - 1])
                    elif (
                        runin_target
                        and tgt_heading[j - 2] > 0.0
                        and tgt_len[j] - tgt_len[j - 1] >= 2.0 * tgt_heading[j - 2]
                    ):
                        previous -= _runin_bonus(tgt_heading[j - 2], src_runin[pi] * ratio)
                    best = row[k]
                    if previous - anchor_weight >= best:
                        continue
                    lt = tgt_len[j] - tgt_len[j - dj]
                    cost = previous + (lt - ls) * (lt - ls) / (half_variance * (ls + lt)) * 0.5
                    mass = own_mass + tgt_mass[j] - tgt_mass[j - dj]
                    if mass > 0.0:
                        scale = mass * 0.5 if mass < 2.0 else 1.0
                        if cost - anchor_weight * scale >= best:
                            continue  # even a perfect anchor match would not beat best
                        shared, orphans = _group_matches(
                            matches, pi, i, j - dj, j, src_orphan, tgt_orphan
                        )
                        # A merged paragraph whose own anchors find nothing opposite was
                        # probably glued on: make it pay.
                        cost += orphans * orphan_weight
                        dice = 2.0 * shared / mass
                        if dice > 1.0:
                            dice = 1.0
                        cost += anchor_weight * (1.0 - 2.0 * dice) * scale
                    if cost < best:
                        row[k] = cost
                        back[k] = code
        # 0:1 reads the row itself. It beats 1:0 only when cheaper, and a shape when as cheap.
        before = row[0]
        for k, indel in zip(range(1, width_here), tgt_indel[low:high], strict=True):
            cost = before + indel
            here = row[k]
            if cost < here or (cost == here and back[k] > 2):
                row[k] = before = cost
                back[k] = 2
            else:
                before = here
        costs.append(row)
        backs.append(back)
    return _trace(backs, lows, highs, list(shapes), n)


def _trace(
    backs: list[bytearray],
    lows: list[int],
    highs: list[int],
    shapes: list[tuple[int, int, float]],
    n: int,
) -> tuple[list[tuple[int, int, int, int]], bool]:
    m = highs[n]
    i, j = n, m
    path: list[tuple[int, int, int, int]] = []
    touched = False
    while i > 0 or j > 0:
        if (j == lows[i] and j > 0) or (j == highs[i] and j < m):
            touched = True
        shape = backs[i][j - lows[i]]
        di, dj = (1, 0) if shape == 1 else (0, 1) if shape == 2 else shapes[shape - 3][:2]
        path.append((i - di, i, j - dj, j))
        i, j = i - di, j - dj
    path.reverse()
    return path, touched


def _length_ratio(source: _Side, target: _Side) -> float:
    total_source, total_target = source.cum_length[-1], target.cum_length[-1]
    return min(4.0, max(0.25, total_target / total_source))


def _refined_ratio(problem: _Problem, path: list[tuple[int, int, int, int]]) -> float | None:
    """The ratio measured on matched beads only, so one-sided headers do not skew it; on the
    1:1 beads when there are a few, since a merge may hide a paragraph missing opposite (two
    dropped list entries make the text a quarter shorter, and merges look right at that ratio).
    """
    src, tgt = problem.source.cum_length, problem.target.cum_length
    ones = [step for step in path if step[1] - step[0] == 1 and step[3] - step[2] == 1]
    if len(ones) >= _RATIO_ONES:
        path = ones
    ls = sum(src[i1] - src[i0] for i0, i1, j0, j1 in path if i1 > i0 and j1 > j0)
    lt = sum(tgt[j1] - tgt[j0] for i0, i1, j0, j1 in path if i1 > i0 and j1 > j0)
    if ls <= 0 or lt <= 0:
        return None
    return min(4.0, max(0.25, lt / ls))


def _best_path(problem: _Problem, ratio: float) -> list[tuple[int, int, int, int]]:
    """Search a narrow band that follows the cheapest cell row by row; when the path hits its
    edge, search around the path, then widen."""
    n, m = len(problem.source.anchors), len(problem.target.anchors)
    postings = _postings(problem)
    width = _FIRST_BAND
    path, touched = _search(problem, ratio, [], [], postings, _diagonal(problem, ratio), width)
    if not touched or width >= max(n, m):
        return path
    centres = _path_centres(path, n)
    for attempt in range(1, 32):
        path, touched = _search(problem, ratio, *_band(centres, m, width), postings)
        if not touched or width >= max(n, m):
            return path
        centres = _path_centres(path, n)
        if attempt % 2:
            width *= 2
    return path


def _confidence(problem: _Problem, step: tuple[int, int, int, int], ratio: float) -> float:
    """How sure the bead is, from its own evidence (length fit, anchors), in [0, 1]."""
    i0, i1, j0, j1 = step
    if i1 == i0 or j1 == j0:
        indel = problem.source_indel[i0] if i1 > i0 else problem.target_indel[j0]
        return round(1.0 / (1.0 + math.exp(indel - 4.0)), 3)
    src, tgt = problem.source, problem.target
    ls, lt = src.cum_length[i1] - src.cum_length[i0], tgt.cum_length[j1] - tgt.cum_length[j0]
    delta = (lt - ls * ratio) / math.sqrt(_LENGTH_VARIANCE * (ls * ratio + lt) * 0.5)
    fit = 0.5 * delta * delta
    keys_s = frozenset().union(*src.anchors[i0:i1]) & problem.weights.keys()
    keys_t = frozenset().union(*tgt.anchors[j0:j1]) & problem.weights.keys()
    if keys_s or keys_t:
        shared = len(keys_s & keys_t) / max(len(keys_s), len(keys_t))
        fit -= 2.0 * shared - 1.0
    return round(1.0 / (1.0 + math.exp(fit - 2.0)), 3)


def align(
    source: Sequence[str],
    target: Sequence[str],
    source_language: str = "ru",
    target_language: str = "en",
) -> Alignment:
    """Align paragraphs of a source text with those of its translation; beads carry confidence."""
    n, m = len(source), len(target)
    if n == 0 or m == 0:
        return Alignment.one_sided(n, m)
    problem = _problem(source, target, source_language)
    ratio = _length_ratio(problem.source, problem.target)
    path = _best_path(problem, ratio)
    refined = _refined_ratio(problem, path)
    if refined is not None and abs(math.log(refined / ratio)) > 0.1:
        ratio = refined
        path = _best_path(problem, ratio)
    beads = tuple(
        Bead(tuple(range(i0, i1)), tuple(range(j0, j1)), _confidence(problem, step, ratio))
        for step in path
        for i0, i1, j0, j1 in (step,)
    )
    return Alignment(beads, n, m)


# --- Gale & Church (1993), as the baseline ---------------------------------------------------

_GC_PRIORS = {(1, 1): 0.89, (1, 0): 0.0099, (0, 1): 0.0099, (2, 1): 0.089, (1, 2): 0.089,
              (2, 2): 0.011}  # fmt: skip


def _gc_length_cost(ls: float, lt: float) -> float:
    if ls == 0 and lt == 0:
        return 0.0
    mean = (ls + lt) / 2.0
    delta = (lt - ls) / math.sqrt(_LENGTH_VARIANCE * mean)
    probability = math.erfc(abs(delta) / math.sqrt(2.0))
    return -math.log(max(probability, 1e-300))


def gale_church(source: Sequence[str], target: Sequence[str]) -> Alignment:
    """The classic length-only aligner: c = 1, s² = 6.8, Gale & Church's priors. Full n × m."""
    n, m = len(source), len(target)
    if n == 0 or m == 0:
        return Alignment.one_sided(n, m)
    src = [0, *accumulate(len(p) for p in source)]
    tgt = [0, *accumulate(len(p) for p in target)]
    priors = {shape: -math.log(p) for shape, p in _GC_PRIORS.items()}
    cost = [[INF] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            for (di, dj), prior in priors.items():
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0 or cost[pi][pj] == INF:
                    continue
                value = cost[pi][pj] + prior
                value += _gc_length_cost(src[i] - src[pi], tgt[j] - tgt[pj])
                if value < cost[i][j]:
                    cost[i][j], back[i][j] = value, (di, dj)
    pairs = []
    i, j = n, m
    while i > 0 or j > 0:
        di, dj = back[i][j]
        pairs.append((range(i - di, i), range(j - dj, j)))
        i, j = i - di, j - dj
    return Alignment.from_pairs(reversed(pairs), n, m)


# --- stored alignments -----------------------------------------------------------------------


def alignment_to_json(alignment: Alignment) -> dict[str, object]:
    pairs = [
        {"source": list(b.source), "target": list(b.target), "confidence": b.confidence}
        for b in alignment.beads
    ]
    return {"version": 1, "pairs": pairs}


def save_alignment(path: Path, alignment: Alignment) -> None:
    text = json.dumps(alignment_to_json(alignment), ensure_ascii=False, indent=1)
    Path(path).write_text(text + "\n", encoding="utf-8")


def _bead_from_json(pair: object) -> Bead:
    if not isinstance(pair, dict):
        raise ValueError("a pair must be an object")
    sides = []
    for side in ("source", "target"):
        indices = pair.get(side)
        if not isinstance(indices, list) or not all(
            isinstance(k, int) and not isinstance(k, bool) for k in indices
        ):
            raise ValueError(f"{side} must be a list of integers")
        sides.append(tuple(indices))
    confidence = pair.get("confidence", 1.0)
    if isinstance(confidence, bool) or not isinstance(confidence, int | float):
        raise ValueError("confidence must be a number")
    return Bead(sides[0], sides[1], min(1.0, max(0.0, float(confidence))))


def load_curated(path: Path, source_count: int, target_count: int) -> Alignment | None:
    """A stored alignment, or None when it is missing, malformed or made for other paragraphs."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("pairs"), list):
            return None
        if data.get("version", 1) != 1:
            return None
        beads = tuple(_bead_from_json(pair) for pair in data["pairs"])
        return Alignment(beads, source_count, target_count)
    except (OSError, UnicodeError, ValueError, AlignmentError):
        return None
