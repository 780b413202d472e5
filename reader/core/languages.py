"""Language names as the archive writes them, and their ISO 639-1 codes."""

from __future__ import annotations

_CODES = {
    "russian": "ru",
    "english": "en",
    "chinese": "zh",
    "german": "de",
    "japanese": "ja",
    "french": "fr",
    "korean": "ko",
    "polish": "pl",
    "hungarian": "hu",
    "czech": "cs",
    "romanian": "ro",
    "bulgarian": "bg",
    "ukrainian": "uk",
    "vietnamese": "vi",
    "spanish": "es",
    "italian": "it",
    "mongolian": "mn",
    "serbian": "sr",
    "albanian": "sq",
    "portuguese": "pt",
    "arabic": "ar",
    "persian": "fa",
    "hebrew": "he",
}
_NAMES = {code: name.title() for name, code in _CODES.items()}


def language_code(name: str) -> str | None:
    """ISO 639-1 code for a language name ("Russian" -> "ru"), or None if unknown."""
    return _CODES.get(name.strip().casefold())


def language_name(code: str) -> str:
    """English name for an ISO code ("ru" -> "Russian"); the code itself if unknown."""
    return _NAMES.get(code, "Unknown language" if code == "und" else code)
