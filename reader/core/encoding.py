"""Bytes to text for archive exports: UTF-8 (with or without BOM), UTF-16, cp1251 and KOI8-R.

Russian archives still hand out cp1251 and KOI8-R files, and Windows tools write UTF-16 with or
without a BOM. A wrong guess between cp1251 and KOI8-R gives readable-looking gibberish, so that
choice is made by scoring the result against Russian letter frequencies, not left to a generic
detector.
"""

from __future__ import annotations

import codecs
import math
import re
from pathlib import Path

import charset_normalizer

from reader.core.document import ParseError

EMPTY = "the file is empty"
BINARY = "binary data, not a text document"
UNDECODABLE = "the text encoding could not be recognised"

# Order matters: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Relative frequencies (per cent) of Russian letters in running text.
_RUSSIAN_FREQUENCY = {
    "о": 10.97, "е": 8.45, "а": 8.01, "и": 7.35, "н": 6.70, "т": 6.26, "с": 5.47, "р": 4.73,
    "в": 4.54, "л": 4.40, "к": 3.49, "м": 3.21, "д": 2.98, "п": 2.81, "у": 2.62, "я": 2.01,
    "ы": 1.90, "ь": 1.74, "г": 1.70, "з": 1.65, "б": 1.59, "ч": 1.44, "й": 1.21, "х": 0.97,
    "ж": 0.94, "ш": 0.73, "ю": 0.64, "ц": 0.48, "щ": 0.36, "э": 0.32, "ф": 0.26, "ъ": 0.04,
    "ё": 0.04,
}  # fmt: skip
_LOG_FREQUENCY = {letter: math.log(share / 100) for letter, share in _RUSSIAN_FREQUENCY.items()}
_WORD = re.compile(r"[^\W\d_]+")
_CONTROL_OK = frozenset("\t\n\r\f\v\x1a")
_MAX_CONTROL_SHARE = 0.01


def decode_document(data: bytes, path: Path) -> str:
    """The text of a document file, BOM stripped and line ends normalised to LF."""
    if not data.strip():
        raise ParseError(path, EMPTY)
    text = _decode(data, path)
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise ParseError(path, BINARY)
    if not text.strip():
        raise ParseError(path, EMPTY)
    return text


def _decode(data: bytes, path: Path) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _strict(data, codec, path)
    utf16 = _bomless_utf16_codec(data)
    if utf16:
        return _strict(data, utf16, path)
    if b"\x00" in data or _control_share(data.decode("latin-1")) > _MAX_CONTROL_SHARE:
        raise ParseError(path, BINARY)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    russian = _best_russian_decoding(data)
    if russian is not None:
        return russian
    return _fallback(data, path)


def _strict(data: bytes, codec: str, path: Path) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        raise ParseError(path, f"{UNDECODABLE} (invalid {codec} at byte {error.start})") from None


def _bomless_utf16_codec(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as NUL bytes on one side of each byte pair (ASCII, spaces)."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    even_nuls, odd_nuls = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nuls > 0.05 and even_nuls < 0.01:
        return "utf-16-le"
    if even_nuls > 0.05 and odd_nuls < 0.01:
        return "utf-16-be"
    return None


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(1 for char in text if (char < " " or char == "\x7f") and char not in _CONTROL_OK)
    return controls / len(text)


def _best_russian_decoding(data: bytes) -> str | None:
    """cp1251 or KOI8-R, whichever reads as Russian; None when the bytes are not Cyrillic text."""
    candidates = []
    for codec in ("cp1251", "koi8_r"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _reads_as_cyrillic(text):
            candidates.append((russian_score(text), text))
    if not candidates:
        return None
    return max(candidates, key=lambda candidate: candidate[0])[1]


def _reads_as_cyrillic(text: str) -> bool:
    """Whole Cyrillic words, not Latin words with stray letters.

    A Western (cp1252) file decoded as cp1251 also yields Cyrillic letters ("Mдrz" for "März"),
    but always inside Latin words; real Russian text has words written wholly in Cyrillic.
    """
    words = [word for word in _WORD.findall(text) if any(_is_cyrillic(char) for char in word)]
    if not words:
        return False
    pure = sum(1 for word in words if all(_is_cyrillic(char) for char in word))
    return pure / len(words) >= 0.8


def _is_cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff"


def russian_score(text: str) -> float:
    """Mean log-frequency of the Cyrillic letters: higher means more like real Russian.

    Case is folded so an all-capitals telegram still scores as Russian; a cp1251/KOI8-R mix-up
    permutes the letters and drags the mean far down.
    """
    letters = [char for char in text.casefold() if _is_cyrillic(char)]
    if not letters:
        return -math.inf
    rare = math.log(0.0001)
    return sum(_LOG_FREQUENCY.get(char, rare) for char in letters) / len(letters)


def _fallback(data: bytes, path: Path) -> str:
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise ParseError(path, UNDECODABLE)
    return str(best)
