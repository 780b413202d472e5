"""Cyrillic → Latin transliteration and a coarse phonetic key for matching names across scripts.

The aligner needs "ФИЛИППОВУ" to meet "Filippov" and "ЦЗЭДУН" to meet "Zedong". Exact
transliteration cannot do that (case endings, Palladius vs Pinyin for Chinese names, English vs
Russian spelling habits), so both sides are reduced to the same coarse key: a Latin spelling with
similar sounds merged and the vowels after the first letter dropped, cut to a few consonants.
"""

from __future__ import annotations

import re
import unicodedata

# BGN/PCGN-like, ASCII only (no diacritics), plus the Ukrainian and Belarusian letters.
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i",
    "ї": "yi", "є": "ye", "ґ": "g", "ў": "u",
}  # fmt: skip
_TABLE = str.maketrans(_CYRILLIC | {k.upper(): v.capitalize() for k, v in _CYRILLIC.items()})

# Russian case endings that add consonants ("Сталиным", "Москвой"); vowel endings vanish anyway.
_RU_ENDINGS = ("ыми", "ими", "ого", "его", "ому", "ему", "ым", "им", "ом", "ой", "ей", "ем", "ам")

# Latin letters with diacritics whose sound Russian spells with two Latin letters (Savić / Савич,
# Kardelj's "ž", Gomułka's "ł"); other accents are simply stripped.
_LATIN_SPECIAL = str.maketrans(
    {
        "č": "ch",
        "ć": "ch",
        "š": "sh",
        "ś": "sh",
        "ž": "zh",
        "ź": "zh",
        "ł": "l",
        "đ": "dj",
        "ß": "ss",
    }
)

# Order matters: multi-letter sounds first, so "chzh" (Palladius чж) is not read as "ch" + "zh".
# "H" stands for h/kh until "ng" has been read, so Shanghai (shang-hai) and Шанхай (shan-khai)
# meet, then becomes "g" (Гитлер / Hitler, Хо / Ho).
_SOUNDS = (
    ("shch", "sh"),
    ("sch", "sh"),  # Schmidt / Шмидт
    ("tszi", "ji"),  # Palladius цзи = Pinyin ji (Цзиньпин / Jinping)
    ("tsz", "z"),  # Palladius цз = Pinyin z (ЦЗЭДУН / Zedong)
    ("chzh", "j"),  # Palladius чж = Pinyin zh (ЧЖОУ / Zhou)
    ("dzh", "j"),  # Джонсон / Johnson
    ("zh", "j"),
    ("kh", "H"),
    ("chr", "kr"),  # Christian / Кристиан
    ("th", "t"),  # Thompson / Томпсон, Smith / Смит
    ("sh", "S"),  # placeholders, so the h rule below leaves sh/ch alone
    ("ch", "C"),
    ("ph", "f"),
    ("ck", "k"),
    ("ts", "c"),
    ("tz", "c"),
    ("h", "H"),
    ("gn", "n"),  # Carignano / Кариньяно (after "y" → "i" below, нь = n)
    ("ng", "n"),  # Pinyin -ng = Palladius -н (дун / dong)
    ("w", "v"),
    ("x", "ks"),
    ("q", "c"),
    ("y", "i"),
    ("H", "g"),
)
_C_HARD = re.compile(r"c(?=[aoukltr]|$)")
# English spelling habits Russian does not write: a silent "h" after a vowel (Johnson / Джонсон),
# Pinyin's initial "x" (Xiaoping / Сяопин), "w" written "у" before a vowel (Williams / Уильямс).
_SILENT_H = re.compile(r"(?<=[aeiou])h(?=n|$)")
_PINYIN_X = re.compile(r"^x(?=[iu])")
_RU_INITIAL_W = re.compile(r"^u(?=[aeio])")
_REPEATS = re.compile(r"(.)\1+")
_VOWELS_AFTER_FIRST = re.compile(r"(?<!^)[aeiou]")


def transliterate(text: str) -> str:
    """Cyrillic letters to ASCII Latin; every other character is kept."""
    return text.translate(_TABLE)


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def name_key(word: str, cyrillic: bool = False) -> str:
    """A coarse key under which the same name written in either script usually agrees."""
    word = word.lower()
    if cyrillic:
        if len(word) > 5:
            word = next((word[: -len(e)] for e in _RU_ENDINGS if word.endswith(e)), word)
        word = _RU_INITIAL_W.sub("v", transliterate(word))
    else:
        word = _PINYIN_X.sub("s", _SILENT_H.sub("", word))
    word = strip_accents(word.translate(_LATIN_SPECIAL))
    word = _C_HARD.sub("k", word)
    for old, new in _SOUNDS:
        word = word.replace(old, new)
    word = _REPEATS.sub(r"\1", word.replace("z", "s"))  # Эйзенхауэр / Eisenhower
    skeleton = _VOWELS_AFTER_FIRST.sub("", word)
    # Short names ("Mao", "Zhou") have too few consonants to tell apart: keep their vowels.
    if len(skeleton) < 3:
        return word[:5]
    return skeleton[:4]
