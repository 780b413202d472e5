"""Bytes to text for archive exports: UTF-8 (with or without BOM), UTF-16, and the Cyrillic
single-byte code pages: cp1251, KOI8-R, DOS cp866, ISO-8859-5 and Mac Cyrillic.

Russian archives still hand out cp1251 and KOI8-R files, older systems DOS (cp866), ISO-8859-5
and Mac Cyrillic ones, and Windows tools write UTF-16 with or without a BOM. A wrong guess between
them gives readable-looking gibberish, so the choice is made by scoring each decoding against
Russian letter frequencies, not left to a generic detector. cp1251 and Mac Cyrillic agree on most
lower-case letters and differ on capitals and "я": a decoding that puts capitals inside words
("сообщениЯ") or odd symbols between letters scores lower, so the right one wins.

Text that was mis-decoded *before* it reached us (UTF-8 read as cp1251 and saved again: "Р’Р°С€Сѓ"
for «Вашу») is valid UTF-8 and decodes as it is; :func:`repair_mojibake` is the separate,
explicit step that mends it, and leaves clean text unchanged.
"""

from __future__ import annotations

import codecs
import math
import re
from pathlib import Path
from typing import TYPE_CHECKING

import charset_normalizer

if TYPE_CHECKING:
    import ftfy

from reader.core.document import ParseError
from reader.core.messages import QT_TRANSLATE_NOOP, Message

EMPTY = Message(QT_TRANSLATE_NOOP("CoreMessages", "the file is empty"))
BINARY = Message(QT_TRANSLATE_NOOP("CoreMessages", "binary data, not a text document"))
UNDECODABLE = Message(
    QT_TRANSLATE_NOOP("CoreMessages", "the text encoding could not be recognised")
)

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
# Tried in this order; on a tie (the same letters, e.g. lower-case-only text in cp1251 and Mac
# Cyrillic) the earlier, more common one wins.
_CYRILLIC_CODECS = ("cp1251", "koi8_r", "cp866", "iso8859_5", "mac_cyrillic")
_WESTERN_CODECS = ("cp1252", "mac_roman")
_TYPOGRAPHY = frozenset("“”‘’„‚–—…«»°№•·§\u00a0")
_MIN_WESTERN_SCORE = 0.9
_MIN_CYRILLIC_SHARE = 0.05  # of all letters
_CASING_WEIGHT = 20.0  # a word with a capital inside it is about as bad as rare letters
_STUCK_SYMBOL = re.compile(r"(?<=[а-яё])[^\w\s!-/:-@\[-`{-~«»“”„‘’–—…№°\u00a0]")
_BAD_CASE = re.compile(r"[^\W\d_]*[а-яё][А-ЯЁ][^\W\d_]*")


def decode_document(data: bytes, path: Path) -> str:
    """The text of a document file, BOM stripped, line ends normalised to LF and text that was
    mis-decoded before it was saved mended (:func:`repair_mojibake`)."""
    if not data.strip():
        raise ParseError(path, EMPTY)
    text = _decode(data, path)
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = repair_mojibake(text)
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
    western = _western_decoding(data)
    if western is not None:
        return western
    return _fallback(data, path)


def _strict(data: bytes, codec: str, path: Path) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        reason = Message(
            QT_TRANSLATE_NOOP("CoreMessages", "%1 (invalid %2 at byte %3)"),
            UNDECODABLE,
            codec,
            str(error.start),
        )
        raise ParseError(path, reason) from None


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


# The control characters _control_share counts: below space or DEL, but for _CONTROL_OK.
_CONTROLS = re.compile("[" + re.escape("".join(
    chr(code) for code in [*range(0x20), 0x7F] if chr(code) not in _CONTROL_OK
)) + "]")  # fmt: skip


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    if _CONTROLS.search(text) is None:  # the common case: one scan in C, no list
        return 0.0
    return len(_CONTROLS.findall(text)) / len(text)


def _best_russian_decoding(data: bytes) -> str | None:
    """cp1251 or KOI8-R, whichever reads as Russian; None when the bytes are not Cyrillic text."""
    candidates = []
    for codec in _CYRILLIC_CODECS:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _reads_as_cyrillic(text):
            candidates.append((russian_score(text) - _casing_penalty(text), text))
    if not candidates:
        return None
    return max(candidates, key=lambda candidate: candidate[0])[1]


def _casing_penalty(text: str) -> float:
    """Weighted share of Cyrillic words with a capital after a lower-case letter, or with an odd
    symbol stuck to them ("дл€" is "для" in Mac Cyrillic read as cp1251)."""
    words = [word for word in _WORD.findall(text) if any(_is_cyrillic(char) for char in word)]
    if not words:
        return 0.0
    bad = sum(1 for word in words if _BAD_CASE.fullmatch(word))
    bad += len(_STUCK_SYMBOL.findall(text))
    return _CASING_WEIGHT * bad / len(words)


def _western_decoding(data: bytes) -> str | None:
    """A text without Cyrillic words whose few non-ASCII bytes are typography or accents.

    The English translations come in every Cyrillic code page too, with only curly quotes and
    dashes above ASCII. Windows pages (cp1251, cp1252) put them at 0x91-0x97, the Mac pages (Mac
    Cyrillic, Mac Roman) at 0xD0-0xD5, so the page whose decoding reads as typography or as
    accented Latin letters inside words is taken. A generic detector guesses these wrongly.
    """
    best: tuple[float, str] | None = None
    for codec in _WESTERN_CODECS:
        text = data.decode(codec, errors="replace")
        high = [i for i, char in enumerate(text) if ord(char) > 0x7F]
        if not high:
            return text
        score = sum(_plausible_high(text, i) for i in high) / len(high)
        if best is None or score > best[0]:
            best = (score, text)
    if best is None or best[0] < _MIN_WESTERN_SCORE:
        return None
    return best[1]


def _plausible_high(text: str, index: int) -> float:
    char = text[index]
    if char in _TYPOGRAPHY:
        return 1.0
    if char.isalpha() and ord(char) < 0x250:  # Latin letters with accents, inside a word
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        if char.isupper() and before.islower():
            return 0.2  # "oneÕs": a Mac apostrophe read in a Windows page
        return 1.0 if before.isalpha() or after.isalpha() else 0.5
    return 0.0


def _reads_as_cyrillic(text: str) -> bool:
    """Whole Cyrillic words, not Latin words with stray letters.

    A Western (cp1252) file decoded as cp1251 also yields Cyrillic letters ("Mдrz" for "März"),
    but always inside Latin words; real Russian text has words written wholly in Cyrillic.
    """
    all_words = _WORD.findall(text)
    words = [word for word in all_words if any(_is_cyrillic(char) for char in word)]
    if not words:
        return False
    # Stray letters are not a Russian text: an English file's "•" read in the wrong page is "е".
    letters = sum(len(word) for word in all_words)
    cyrillic = sum(1 for word in words for char in word if _is_cyrillic(char))
    if cyrillic < _MIN_CYRILLIC_SHARE * letters:
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


def _mojibake_only() -> ftfy.TextFixerConfig:
    """Only ftfy's encoding repair: no quote uncurling, width folding, ligatures or normalising."""
    import ftfy  # loaded only for text that looks mis-decoded: a clean parse never pays for it

    return ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=False,
        decode_inconsistent_utf8=True,
        fix_c1_controls=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=False,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )


_MISREAD_CODECS = ("cp1251", "cp1252", "latin-1")


def _misread_bytes(codec: str) -> tuple[str, str]:
    """UTF-8's lead and continuation bytes as ``codec`` shows them."""
    leads = bytes(range(0xC2, 0xF0)).decode(codec, errors="ignore")
    return leads, bytes(range(0x80, 0xC0)).decode(codec, errors="ignore")


def _utf8_misread_pattern() -> re.Pattern[str]:
    """A UTF-8 lead byte then a continuation byte, as a single-byte page shows them."""
    pairs = []
    for codec in _MISREAD_CODECS:
        leads, follows = _misread_bytes(codec)
        pairs.append(f"[{re.escape(leads)}][{re.escape(follows)}]")
    return re.compile("|".join(pairs))


def _any_misread_pattern() -> re.Pattern[str]:
    """Any page's lead, then any page's continuation: a wider net than _UTF8_MISREAD, cast in
    a quarter of its time (one pair of classes instead of three alternatives)."""
    pages = [_misread_bytes(codec) for codec in _MISREAD_CODECS]
    leads, follows = ("".join(sorted(set("".join(side)))) for side in zip(*pages, strict=True))
    return re.compile(f"[{re.escape(leads)}][{re.escape(follows)}]")


_UTF8_MISREAD = _utf8_misread_pattern()
_ANY_MISREAD = _any_misread_pattern()
_MIN_MISREADS = 3  # a stray "Ã©" in a French name is not a mis-decoded file


def looks_mis_decoded(text: str) -> bool:
    """True when ``text`` shows the marks of UTF-8 read in a single-byte page ("Р’Р°С€Сѓ"):
    ftfy's badness test fires and lead/continuation byte pairs recur. A lone control character
    (a hostile title's "\\x9b") is not mojibake and is left as it is."""
    # The cheap tests first, and most text never loads ftfy: the wide net, then the exact one.
    for pattern in (_ANY_MISREAD, _UTF8_MISREAD):
        if len(pattern.findall(text, 0, 1_000_000)) < _MIN_MISREADS:
            return False
    from ftfy.badness import is_bad

    return bool(is_bad(text))


def repair_mojibake(text: str) -> str:
    """``text`` with a mis-decoding undone by ftfy; clean text is returned as it is.

    Runs only when ftfy's badness test fires on the text, and keeps the repair only when the
    result no longer looks mis-decoded (the whole text at once: one wrong page for the file).
    """
    if not looks_mis_decoded(text):
        return text
    import ftfy

    fixed = ftfy.fix_encoding(text, _mojibake_only())
    return text if looks_mis_decoded(fixed) else fixed
