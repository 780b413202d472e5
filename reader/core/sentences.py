"""Sentences of Russian and English paragraphs, and their alignment inside an aligned bead.

Splitting
    ``split_sentences(text, language) -> list[tuple[int, int]]`` gives the ``(start, end)``
    character spans of the sentences of one paragraph, in order, whitespace trimmed
    (``text[start:end]`` is the sentence). A full stop does not end a sentence after an
    abbreviation ("Cde.", "No.", "Mr.", "U.S.", "т.е.", "г.", "тов."), after an initial
    ("И. В. Сталин", "J. V. Stalin", "т. Сталин"), inside a number ("1.5", "20.07.1951") or when
    the next word starts in lower case.

Aligning
    ``align_sentences(source_paragraphs, target_paragraphs, language_pair) -> list[SentenceLink]``
    aligns the sentences of the paragraphs of ONE bead (the source and target paragraphs an
    ``Alignment`` bead pairs, in order) with a small dynamic programme over sentence lengths and
    shared anchors (numbers, names, codes: the paragraph aligner's anchors). Links are 1:1, 1:2,
    2:1, 2:2, 1:0 or 0:1, in reading order, and cover every sentence of the bead once.

    A ``SentenceLink`` holds ``source`` and ``target``: tuples of ``SentenceSpan(paragraph,
    start, end)`` where ``paragraph`` is the position of the paragraph INSIDE THE BEAD (0 for
    the bead's first source or target paragraph) and ``start``/``end`` are offsets in that
    paragraph's text. A link may span paragraphs (a sentence split across two paragraphs of a
    1:2 bead), and one side may be empty (a sentence with no counterpart).

Using the links
    * a reader widget with the caret at ``offset`` in the bead's paragraph ``k`` on one side calls
      ``counterpart(links, "source", k, offset)`` and marks the returned spans on the other side;
    * an exporter quoting a highlighted passage ``[start, end)`` of paragraph ``k`` calls
      ``counterpart_range(links, "source", k, start, end)`` and quotes the returned spans;
    * ``align_document_sentences(alignment, source, target, language_pair)`` runs
      ``align_sentences`` on every bead and returns one list of links per bead.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from reader.core.aligner import sentence_anchor_keys
from reader.core.alignment import Alignment

__all__ = [
    "SentenceLink",
    "SentenceSpan",
    "align_document_sentences",
    "align_sentences",
    "counterpart",
    "counterpart_range",
    "split_sentences",
]

# Lower-case, without the final full stop. Single letters are initials and are handled apart.
_ABBREVIATION_WORDS = (
    "mr mrs ms dr cde cdes comr no nos nr st gen col capt lt maj sgt adm prof vol vols pp ed "
    "eds e.g i.e cf vs fig figs approx dept inc ltd co corp jr sr u.s u.s.a u.k u.n a.m p.m "
    "jan feb mar apr aug sept sep oct nov dec art para ch sec ref tel encl att "
    "т.е т.к т.д т.п т.н т.ч т.о тов др пр см ср стр гг ул им проф акад ген полк кап майор "
    "млн млрд тыс руб коп экз вх исх зам пред тт напр ок рис гл ст пп обл респ н.э с.г "
    "ф оп д лл л"
)
_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
_END = re.compile(r"[.!?…]+['\"»”’)\]]*")
_NEXT_START = re.compile(r"\s+(?=[\"«“„'‘(\[—–-]?\s?[A-ZА-ЯЁ0-9])")
_WORD_BEFORE = re.compile(r"(\S+)$")


def split_sentences(text: str, language: str = "ru") -> list[tuple[int, int]]:
    """``(start, end)`` spans of the sentences of ``text``, whitespace trimmed, in order."""
    del language  # the rules hold for Russian and English alike
    spans: list[tuple[int, int]] = []
    start = _skip_space(text, 0)
    length = len(text)
    for match in _END.finditer(text):
        end = match.end()
        following = _NEXT_START.match(text, end)
        if following is None:
            continue
        if match.group()[0] == "." and len(match.group()) == 1 and not _ends_sentence(
            text, start, match.start(), following.end()
        ):
            continue
        if end > start:
            spans.append((start, end))
        start = following.end()
    end = len(text.rstrip())
    if start < end <= length:
        spans.append((start, end))
    return spans


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _ends_sentence(text: str, start: int, dot: int, next_start: int) -> bool:
    """Whether the full stop at ``dot`` ends a sentence (the next one would begin at next_start)."""
    word = _WORD_BEFORE.search(text, start, dot)
    if word is None:
        return True
    token = word.group(1).lstrip("(«\"“„'[")
    bare = token.lower()
    if not bare:
        return True
    if bare in _ABBREVIATIONS:
        return False
    letters = [c for c in token if c.isalpha()]
    # An initial ("И.", "J.", "т."), or a dotted abbreviation ("U.S", "т.е", "e.g").
    if len(letters) == 1 and len(token) == 1:
        return False
    if "." in token and all(len(part) <= 2 for part in token.split(".")):
        return False
    # A sentence may end on a number ("in 1951. Then …"); "No. 4277" is an abbreviation above.
    del next_start
    return True


@dataclass(frozen=True, slots=True)
class SentenceSpan:
    """A sentence: the paragraph's position inside its bead, and offsets in that paragraph."""

    paragraph: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class SentenceLink:
    """Source sentences and the target sentences that translate them (either side may be empty)."""

    source: tuple[SentenceSpan, ...]
    target: tuple[SentenceSpan, ...]


_SHAPES = ((1, 1, 0.0), (1, 0, 0.0), (0, 1, 0.0), (2, 1, 2.0), (1, 2, 2.0), (2, 2, 4.0))
_VARIANCE = 6.8
_INDEL = 4.5
_ANCHOR = 2.5


def _units(paragraphs: Sequence[str], language: str) -> list[SentenceSpan]:
    units = []
    for index, text in enumerate(paragraphs):
        for start, end in split_sentences(text, language):
            units.append(SentenceSpan(index, start, end))
    return units


def align_sentences(
    source_paragraphs: Sequence[str],
    target_paragraphs: Sequence[str],
    language_pair: tuple[str, str] = ("ru", "en"),
) -> list[SentenceLink]:
    """Links between the sentences of the source and target paragraphs of one bead."""
    source_units = _units(source_paragraphs, language_pair[0])
    target_units = _units(target_paragraphs, language_pair[1])
    if not source_units or not target_units:
        return [SentenceLink((u,), ()) for u in source_units] + [
            SentenceLink((), (u,)) for u in target_units
        ]
    if len(source_units) == 1 or len(target_units) == 1:
        return [SentenceLink(tuple(source_units), tuple(target_units))]
    latin = language_pair[0] != "ru"
    src_text = [source_paragraphs[u.paragraph][u.start : u.end] for u in source_units]
    tgt_text = [target_paragraphs[u.paragraph][u.start : u.end] for u in target_units]
    src_keys = [sentence_anchor_keys(t, latin) for t in src_text]
    tgt_keys = [sentence_anchor_keys(t, latin) for t in tgt_text]
    src_len = [0.0]
    for text in src_text:
        src_len.append(src_len[-1] + len(text))
    tgt_len = [0.0]
    for text in tgt_text:
        tgt_len.append(tgt_len[-1] + len(text))
    ratio = tgt_len[-1] / src_len[-1] if src_len[-1] else 1.0
    n, m = len(source_units), len(target_units)
    inf = math.inf
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = cost[i][j]
            if here == inf:
                continue
            for di, dj, prior in _SHAPES:
                i1, j1 = i + di, j + dj
                if i1 > n or j1 > m:
                    continue
                if di == 0 or dj == 0:
                    value = here + _INDEL
                else:
                    ls = (src_len[i1] - src_len[i]) * ratio
                    lt = tgt_len[j1] - tgt_len[j]
                    value = here + prior + (lt - ls) ** 2 / (_VARIANCE * (ls + lt) + 1.0)
                    keys_s = frozenset().union(*src_keys[i:i1])
                    keys_t = frozenset().union(*tgt_keys[j:j1])
                    total = len(keys_s) + len(keys_t)
                    if total:
                        dice = 2.0 * len(keys_s & keys_t) / total
                        value += _ANCHOR * (1.0 - 2.0 * dice) * min(1.0, total / 4.0)
                if value < cost[i1][j1]:
                    cost[i1][j1] = value
                    back[i1][j1] = (di, dj)
    links = []
    i, j = n, m
    while i > 0 or j > 0:
        di, dj = back[i][j]
        links.append(
            SentenceLink(tuple(source_units[i - di : i]), tuple(target_units[j - dj : j]))
        )
        i, j = i - di, j - dj
    links.reverse()
    return links


def align_document_sentences(
    alignment: Alignment,
    source: Sequence[str],
    target: Sequence[str],
    language_pair: tuple[str, str] = ("ru", "en"),
) -> list[list[SentenceLink]]:
    """``align_sentences`` on every bead of ``alignment``: one list of links per bead."""
    return [
        align_sentences(
            [source[i] for i in bead.source], [target[j] for j in bead.target], language_pair
        )
        for bead in alignment.beads
    ]


def counterpart(
    links: Sequence[SentenceLink], side: str, paragraph: int, offset: int
) -> tuple[SentenceSpan, ...]:
    """The other side's sentences linked with the sentence at ``offset`` of bead paragraph k.

    ``side`` is "source" or "target", ``paragraph`` the paragraph's position inside the bead.
    An offset between two sentences (on the space) counts for the sentence before it.
    """
    best: tuple[SentenceSpan, ...] = ()
    for link in links:
        own = link.source if side == "source" else link.target
        other = link.target if side == "source" else link.source
        for span in own:
            if span.paragraph == paragraph and span.start <= offset <= span.end:
                return other
            if span.paragraph == paragraph and span.end < offset:
                best = other
    return best


def counterpart_range(
    links: Sequence[SentenceLink], side: str, paragraph: int, start: int, end: int
) -> tuple[SentenceSpan, ...]:
    """The other side's sentences linked with any sentence overlapping ``[start, end)``."""
    found: list[SentenceSpan] = []
    for link in links:
        own = link.source if side == "source" else link.target
        other = link.target if side == "source" else link.source
        if any(s.paragraph == paragraph and s.start < end and start < s.end for s in own):
            found.extend(span for span in other if span not in found)
    return tuple(found)
