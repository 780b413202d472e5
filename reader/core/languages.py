"""Language names as the archive writes them, their ISO 639-1 codes, and the scripts they use."""

from __future__ import annotations

import re

# Name -> code. Where a code has several names the first is the one shown ("Persian", not "Farsi").
_CODES = {
    "russian": "ru", "english": "en", "chinese": "zh", "german": "de", "japanese": "ja",
    "french": "fr", "korean": "ko", "polish": "pl", "spanish": "es", "italian": "it",
    "portuguese": "pt", "czech": "cs", "slovak": "sk", "hungarian": "hu", "romanian": "ro",
    "bulgarian": "bg", "ukrainian": "uk", "belarusian": "be", "serbian": "sr", "croatian": "hr",
    "vietnamese": "vi", "mongolian": "mn", "arabic": "ar", "persian": "fa", "farsi": "fa",
    "hindi": "hi", "albanian": "sq", "finnish": "fi", "swedish": "sv", "norwegian": "no",
    "danish": "da", "dutch": "nl", "greek": "el", "turkish": "tr", "hebrew": "he",
    "georgian": "ka", "armenian": "hy", "latvian": "lv", "lithuanian": "lt", "estonian": "et",
}  # fmt: skip
_NAMES: dict[str, str] = {}
for _name, _code in _CODES.items():
    _NAMES.setdefault(_code, _name.title())

CYRILLIC_LANGUAGES = frozenset({"ru", "uk", "be", "bg", "sr", "mn"})
_OTHER_NON_LATIN = frozenset({"zh", "ja", "ko", "ar", "fa", "he", "hi", "el", "ka", "hy"})
NON_LATIN_LANGUAGES = CYRILLIC_LANGUAGES | _OTHER_NON_LATIN
UNDETERMINED = "und"  # ISO 639-2 for a language that cannot be told

# "Russian, English", "Russian and Chinese", "Russian/English"
_NAME_LIST_SEPARATOR = re.compile(r"[,;/&]|\band\b")


def language_code(name: str) -> str | None:
    """ISO 639-1 code for a language name ("Russian" -> "ru"), or None if unknown."""
    return _CODES.get(name.strip().casefold())


def language_codes(names: str | None) -> list[str]:
    """Codes of the known languages in a list of names ("Russian and English" -> ["ru", "en"])."""
    codes = (language_code(name) for name in _NAME_LIST_SEPARATOR.split(names or ""))
    return [code for code in codes if code]


def language_name(code: str) -> str:
    """English name for an ISO code ("ru" -> "Russian"); the code itself if unknown."""
    return _NAMES.get(code, "Unknown language" if code == UNDETERMINED else code)
