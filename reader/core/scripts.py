"""The language of a text segment, told from its script.

Cyrillic and Latin are shared by many languages, so the metadata narrows them: a Cyrillic segment
takes the first Cyrillic language the record names (else Russian); a Latin one the record's only
Latin-script language, else the language whose commonest words it uses most (ties go to English).
"""

from __future__ import annotations

import re

from reader.core.languages import CYRILLIC_LANGUAGES, NON_LATIN_LANGUAGES, UNDETERMINED

_STOPWORDS = {
    "en": {"the", "and", "of", "to", "in", "is", "that", "with", "for", "was", "on", "he"},
    "de": {"der", "die", "und", "das", "ist", "nicht", "zu", "den", "mit", "sich", "ein", "dass"},
    "fr": {"le", "la", "les", "et", "des", "est", "que", "une", "pour", "dans", "du", "pas"},
    "pl": {"nie", "się", "że", "na", "jest", "do", "to", "jak", "dla", "przez", "oraz", "ze"},
    "es": {"el", "los", "las", "que", "del", "por", "con", "una", "para", "es", "se", "y"},
    "it": {"il", "di", "che", "della", "per", "non", "una", "sono", "del", "gli", "è", "ed"},
}
# Unicode blocks by script: (first, last) code points.
_SCRIPT_RANGES = {
    "latin": ((0x0000, 0x024F), (0x1E00, 0x1EFF)),
    "cyrillic": ((0x0400, 0x052F),),
    "kana": ((0x3040, 0x30FF), (0x31F0, 0x31FF)),
    "han": ((0x4E00, 0x9FFF), (0x3400, 0x4DBF)),
    "hangul": ((0xAC00, 0xD7AF), (0x1100, 0x11FF)),
}
_MIN_LETTERS = 3  # fewer cannot tell a script: the segment takes its neighbour's language
# A segment's script is read from its start, middle and end, this many characters each: that
# tells the language of any real text, and keeps detection from growing with the document.
_SAMPLE = 2_000
_JAPANESE_KANA_SHARE = 0.05  # Japanese mixes kana with kanji; Chinese has no kana


def segment_languages(
    segments: list[list[str]], named: list[str], original: list[str]
) -> list[str]:
    """One language per segment; a segment too short to tell takes its neighbour's.

    ``named`` are the codes the Contents list gives, ``original`` those of the original language.
    """
    cyrillic = [code for code in [*named, *original] if code in CYRILLIC_LANGUAGES]
    detected = [_script_language(" ".join(segment), named, cyrillic) for segment in segments]
    known = [language for language in detected if language]
    fallback = known[0] if known else (named[0] if named else UNDETERMINED)
    result: list[str] = []
    for language in detected:
        result.append(language or (result[-1] if result else fallback))
    return result


def _script_language(text: str, named: list[str], cyrillic: list[str]) -> str | None:
    """The language of a segment from its script; Latin and Cyrillic narrowed by the metadata."""
    text = _sample(text)
    # One regular-expression scan per script, in C: runs of that script's letters, summed; the
    # East Asian scripts only when one scan of their blocks finds any character at all (most
    # archive text has none, and three scans become one).
    east_asian = _EAST_ASIAN.search(text) is not None
    counts = {
        script: sum(map(len, pattern.findall(text))) if east_asian or script in _WESTERN else 0
        for script, pattern in _SCRIPT_LETTERS.items()
    }
    if sum(counts.values()) < _MIN_LETTERS:
        return None
    kana = counts.pop("kana")
    if kana >= _JAPANESE_KANA_SHARE * (kana + counts["han"]):
        counts["han"] += kana
        if max(counts, key=counts.__getitem__) == "han":
            return "ja"
    dominant = max(counts, key=counts.__getitem__)
    if dominant == "cyrillic":
        return cyrillic[0] if cyrillic else "ru"
    if dominant == "latin":
        return _latin_language(text, named)
    return {"han": "zh", "hangul": "ko"}[dominant]


def _script(char: str) -> str | None:
    if not char.isalpha():
        return None
    code = ord(char)
    for script, ranges in _SCRIPT_RANGES.items():
        if any(first <= code <= last for first, last in ranges):
            return script
    return None


def _letter_runs(ranges: tuple[tuple[int, int], ...]) -> re.Pattern[str]:
    """Runs of the letters (``str.isalpha``) of these code point ranges, as one character class."""
    spans: list[tuple[int, int]] = []
    for first, last in ranges:
        for code in range(first, last + 1):
            if chr(code).isalpha():
                if spans and spans[-1][1] == code - 1:
                    spans[-1] = (spans[-1][0], code)
                else:
                    spans.append((code, code))
    members = "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in spans
    )
    return re.compile(f"[{members}]+")


_SCRIPT_LETTERS = {script: _letter_runs(ranges) for script, ranges in _SCRIPT_RANGES.items()}
_WESTERN = frozenset(("latin", "cyrillic"))
_EAST_ASIAN = re.compile(
    "["
    + "".join(
        f"{chr(first)}-{chr(last)}"
        for script, ranges in _SCRIPT_RANGES.items()
        if script not in _WESTERN
        for first, last in ranges
    )
    + "]"
)


def _sample(text: str) -> str:
    if len(text) <= 3 * _SAMPLE:
        return text
    middle = (len(text) - _SAMPLE) // 2
    return " ".join((text[:_SAMPLE], text[middle : middle + _SAMPLE], text[-_SAMPLE:]))


def _latin_language(text: str, named: list[str]) -> str:
    """The record's one Latin-script language, else the one whose commonest words occur most."""
    latin = list(dict.fromkeys(code for code in named if code not in NON_LATIN_LANGUAGES))
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
