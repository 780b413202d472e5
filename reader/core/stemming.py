"""Words to search terms: tokenising with offsets, folding, and Snowball stemming (PyStemmer).

Index and query must turn a word into the same term, so both go through :func:`term`. A word is
stemmed by the Snowball stemmer of the text's language when the word is written in that
language's script, otherwise by the default stemmer of its script (English for Latin, Russian for
Cyrillic): an English quotation inside a German text still meets an English query. Stems are
cached per (stemmer, word); a corpus has far fewer distinct words than running words, so the
Snowball C code runs once per distinct word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import Protocol

import Stemmer

# Bumped whenever tokens or terms change: the search index stores it and rebuilds on a mismatch,
# because deleting from a contentless FTS5 table needs the very terms that were inserted.
TERMS_VERSION: str = f"2/{Stemmer.version()}"  # 2: invisible characters folded away

# ISO 639-1 code -> Snowball algorithm name, for the languages PyStemmer ships.
SNOWBALL = {
    "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "cs": "czech",
    "da": "danish", "nl": "dutch", "en": "english", "eo": "esperanto", "et": "estonian",
    "fi": "finnish", "fr": "french", "de": "german", "el": "greek", "hi": "hindi",
    "hu": "hungarian", "id": "indonesian", "ga": "irish", "it": "italian", "lt": "lithuanian",
    "ne": "nepali", "no": "norwegian", "fa": "persian", "pl": "polish", "pt": "portuguese",
    "ro": "romanian", "ru": "russian", "sr": "serbian", "es": "spanish", "sv": "swedish",
    "ta": "tamil", "tr": "turkish", "yi": "yiddish",
}  # fmt: skip
_AVAILABLE: frozenset[str] = frozenset(Stemmer.algorithms())

LATIN, CYRILLIC, GREEK, OTHER = "latin", "cyrillic", "greek", "other"
_SCRIPT_DEFAULT = {LATIN: "english", CYRILLIC: "russian", GREEK: "greek"}
_ALGORITHM_SCRIPT = {
    "russian": CYRILLIC,
    "serbian": CYRILLIC,  # Snowball's Serbian stemmer folds Cyrillic and Latin alike
    "greek": GREEK,
    "arabic": OTHER, "armenian": OTHER, "hindi": OTHER, "nepali": OTHER, "persian": OTHER,
    "tamil": OTHER, "yiddish": OTHER,
}  # fmt: skip

# Characters that do not show but can sit inside a word: soft hyphen, zero-width space, non-joiner
# and joiner, word joiner, byte order mark, and the bidirectional marks, embeddings and isolates.
# A word holding one is still one word ("Inno\u200bcent" is found by "Innocent"), and folding
# drops them, in the index and in queries alike.
INVISIBLE = "\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
# A word: letters and digits, with combining marks (Russian stress accents) kept inside it, so a
# stressed «шифро́вка» is one word, and invisible characters kept when a letter follows them.
# Underscore is a separator, as in FTS5's unicode61 tokenizer. Each step of the repetition takes
# characters of disjoint classes, so matching stays linear in the text.
WORD = re.compile(rf"[^\W_](?:[^\W_]|[\u0300-\u036f]|[{INVISIBLE}]+(?=[^\W_]))*")
_MARKS = re.compile(rf"[\u0300-\u036f{INVISIBLE}]")
_PLAIN_WORD = re.compile(r"[^\W_]+")  # WORD, for a text with no marks and no invisible characters


def find_words(text: str) -> list[str]:
    """``WORD.findall(text)``; twice as fast on the usual text, which holds no combining mark
    and no invisible character (then a word is a plain run of letters and digits)."""
    return (WORD if _MARKS.search(text) else _PLAIN_WORD).findall(text)


def snowball_name(language: str | None) -> str | None:
    """The Snowball algorithm for an ISO code ("ru" -> "russian"), or None."""
    name = SNOWBALL.get(language or "")
    return name if name in _AVAILABLE else None


def script_of(word: str) -> str:
    """The script of a word, told from its first letter."""
    first = word[0]
    if first < "\u0250":
        return LATIN
    if "\u0400" <= first <= "\u04ff":
        return CYRILLIC
    if "\u0370" <= first <= "\u03ff":
        return GREEK
    return OTHER


def algorithm_script(algorithm: str) -> str:
    return _ALGORITHM_SCRIPT.get(algorithm, LATIN)


def stemmer_for(script: str, language: str | None) -> str | None:
    """The algorithm that stems a word of ``script`` in a text of ``language``."""
    own = snowball_name(language)
    if own and algorithm_script(own) == script:
        return own
    return _SCRIPT_DEFAULT.get(script)


@lru_cache(maxsize=500_000)
def fold(word: str) -> str:
    """Case-folded, stress marks dropped, ё as е (Russian texts write either)."""
    if not word.isascii():
        # Only marks written as separate characters (and invisible characters) are dropped:
        # decomposing first would also strip the breve of «й» and merge it with «и».
        word = _MARKS.sub("", word).replace("ё", "е").replace("Ё", "Е")
    return word.casefold()


class _Snowball(Protocol):
    """What is used of a ``Stemmer.Stemmer``."""

    def stemWord(self, word: str) -> str: ...  # PyStemmer's name


@cache
def _stemmer(algorithm: str) -> _Snowball:
    stemmer: _Snowball = Stemmer.Stemmer(algorithm)
    return stemmer


@lru_cache(maxsize=500_000)
def stem(folded: str, algorithm: str | None) -> str:
    """The stem of an already folded word; the word itself where no stemmer applies."""
    if algorithm is None or folded.isdigit():
        return folded
    return _stemmer(algorithm).stemWord(folded)


@lru_cache(maxsize=500_000)
def term(word: str, language: str | None) -> str:
    """The index term of one word found in a text of ``language``."""
    folded = fold(word)
    return stem(folded, stemmer_for(script_of(folded), language))


def words(text: str) -> Iterator[re.Match[str]]:
    """The words of a text with their offsets (``match.start()``, ``match.end()``)."""
    return WORD.finditer(text)


def terms(text: str, language: str | None) -> list[str]:
    """Every word of ``text`` as an index term, in order."""
    return [term(word, language) for word in find_words(text)]


def query_terms(word: str, algorithms: frozenset[str]) -> list[str]:
    """The terms a query word may have been indexed as: one per stemmer of its script in use.

    A query does not say its language, so a Latin-script word is stemmed as English and as every
    other Latin-script language the index holds ("negotiations" and German "Verhandlungen").
    """
    folded = fold(word)
    script = script_of(folded)
    candidates = {a for a in algorithms if algorithm_script(a) == script}
    default = _SCRIPT_DEFAULT.get(script)
    if default:
        candidates.add(default)
    if not candidates:
        return [folded]
    return sorted({stem(folded, algorithm) for algorithm in candidates})
