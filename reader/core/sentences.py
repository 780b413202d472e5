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
    2:1, 2:2, 1:0 or 0:1, in reading order, and cover every sentence of the bead once. A bead
    with as many sentences on each side, each close in length to its counterpart, is linked one
    to one without the programme (what it returns on every such bead of the gold set).

    A ``SentenceLink`` holds ``source`` and ``target``: tuples of ``SentenceSpan(paragraph,
    start, end)`` where ``paragraph`` is the position of the paragraph INSIDE THE BEAD (0 for
    the bead's first source or target paragraph) and ``start``/``end`` are offsets in that
    paragraph's text. A link may span paragraphs (a sentence split across two paragraphs of a
    1:2 bead), and one side may be empty (a sentence with no counterpart).

Using the links
    * ``FacingSentences(alignment, source, target, language_pair)`` answers, in document
      paragraph numbers, which sentences face the one at an offset (``at``) or a range
      (``across``); the reading view and the notes export both ask it;
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
from functools import partial
from typing import NamedTuple

from reader.core.aligner import sentence_anchor_sets
from reader.core.alignment import Alignment, Bead

__all__ = [
    "FacingSentences",
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
# A sentence end: terminal marks, closing quotes or brackets, space, and the next sentence's
# first character (a capital or a digit, maybe after an opening quote or a dash).
# (A leading character class, not a group, keeps the regex engine's fast scan for it.)
_BOUNDARY = re.compile(r"[.!?…]([.!?…]*)(['\"»”’)\]]*)\s+(?=[\"«“„'‘(\[—–-]?\s?[A-ZА-ЯЁ0-9])")
_OPENING = "(«\"“„'["


def split_sentences(text: str, language: str = "ru") -> list[tuple[int, int]]:
    """``(start, end)`` spans of the sentences of ``text``, whitespace trimmed, in order."""
    del language  # the rules hold for Russian and English alike
    return [(span.start, span.end) for span in _sentences(text, 0)]


def _sentences(text: str, paragraph: int) -> list[SentenceSpan]:
    """The sentences of ``text`` as spans of bead paragraph ``paragraph`` (see split_sentences)."""
    spans: list[SentenceSpan] = []
    start = len(text) - len(text.lstrip()) if text[:1].isspace() else 0
    for match in _BOUNDARY.finditer(text):
        dot = match.start()
        lone = text[dot] == "." and match.end(2) == dot + 1  # no more marks, no closer
        if lone and not _ends_sentence(text, start, dot):
            continue
        end = match.end(2)
        if end > start:
            spans.append(_span((paragraph, start, end)))
        start = match.end()
    end = len(text.rstrip()) if text[-1:].isspace() else len(text)
    if start < end:
        spans.append(_span((paragraph, start, end)))
    return spans


def _ends_sentence(text: str, start: int, dot: int) -> bool:
    """Whether the full stop at ``dot`` ends the sentence that began at ``start``."""
    words = text[max(start, dot - 48) : dot].rsplit(None, 1)
    if not words:
        return True
    token = words[-1].lstrip(_OPENING)
    bare = token.lower()
    if not bare:
        return True
    if bare in _ABBREVIATIONS:
        return False
    # An initial ("И.", "J.", "т."), or a dotted abbreviation ("U.S", "т.е", "e.g").
    if len(token) == 1 and token.isalpha():
        return False
    # A sentence may end on a number ("in 1951. Then …"); "No. 4277" is an abbreviation above.
    return "." not in token or any(len(part) > 2 for part in token.split("."))


class SentenceSpan(NamedTuple):
    """A sentence: the paragraph's position inside its bead, and offsets in that paragraph.

    (A named tuple: a document makes tens of thousands of them, and they must come cheap.)"""

    paragraph: int
    start: int
    end: int


class SentenceLink(NamedTuple):
    """Source sentences and the target sentences that translate them (either side may be empty)."""

    source: tuple[SentenceSpan, ...]
    target: tuple[SentenceSpan, ...]


_SHAPES = ((1, 1, 0.0), (1, 0, 0.0), (0, 1, 0.0), (2, 1, 2.0), (1, 2, 2.0), (2, 2, 4.0))
_VARIANCE = 6.8
_INDEL = 4.5
_ANCHOR = 2.5


# SentenceSpan(p, s, e) and SentenceLink(source, target) without the keyword layer.
_span = partial(tuple.__new__, SentenceSpan)
_link = partial(tuple.__new__, SentenceLink)


def _units(paragraphs: Sequence[str], language: str) -> list[SentenceSpan]:
    del language  # the rules hold for Russian and English alike
    if len(paragraphs) == 1:
        return _sentences(paragraphs[0], 0)
    return [span for index, text in enumerate(paragraphs) for span in _sentences(text, index)]


# Equal sentence counts, every pair within this length cost of its counterpart: the programme
# links them one to one (on every such bead of the gold set and the benchmark texts, 1,209 of
# 1,259 equal-count beads), so the anchors and the programme are skipped.
_DIAGONAL_FIT = 1.0


def _pairs_off(source_units: Sequence[SentenceSpan], target_units: Sequence[SentenceSpan]) -> bool:
    source = [u.end - u.start for u in source_units]
    target = [u.end - u.start for u in target_units]
    total = sum(source)
    ratio = sum(target) / total if total else 1.0
    limit, variance = _DIAGONAL_FIT, _VARIANCE
    for length, lt in zip(source, target, strict=True):
        ls = length * ratio
        if (lt - ls) * (lt - ls) >= limit * (variance * (ls + lt) + 1.0):
            return False
    return True


def align_sentences(
    source_paragraphs: Sequence[str],
    target_paragraphs: Sequence[str],
    language_pair: tuple[str, str] = ("ru", "en"),
) -> list[SentenceLink]:
    """Links between the sentences of the source and target paragraphs of one bead."""
    return _align_units(
        _units(source_paragraphs, language_pair[0]),
        _units(target_paragraphs, language_pair[1]),
        source_paragraphs,
        target_paragraphs,
        language_pair[0] != "ru",
    )


def _align_units(
    source_units: list[SentenceSpan],
    target_units: list[SentenceSpan],
    source_paragraphs: Sequence[str],
    target_paragraphs: Sequence[str],
    latin: bool,
) -> list[SentenceLink]:
    if not source_units or not target_units:
        return [_link(((u,), ())) for u in source_units] + [_link(((), (u,))) for u in target_units]
    if len(source_units) == 1 or len(target_units) == 1:
        return [_link((tuple(source_units), tuple(target_units)))]
    if len(source_units) == len(target_units) and _pairs_off(source_units, target_units):
        return [_link(((a,), (b,))) for a, b in zip(source_units, target_units, strict=True)]
    src_keys = sentence_anchor_sets(
        [source_paragraphs[u.paragraph][u.start : u.end] for u in source_units], latin
    )
    tgt_keys = sentence_anchor_sets(
        [target_paragraphs[u.paragraph][u.start : u.end] for u in target_units], latin
    )
    n, m = len(source_units), len(target_units)
    # Per group size (1 or 2 sentences from position k): length and anchor keys.
    src_len = [float(u.end - u.start) for u in source_units]
    tgt_len = [float(u.end - u.start) for u in target_units]
    total_source = sum(src_len)
    ratio = sum(tgt_len) / total_source if total_source else 1.0
    src_len = [length * ratio for length in src_len]
    src_groups = (
        list(zip(src_len, src_keys, strict=True)),
        [(src_len[k] + src_len[k + 1], src_keys[k] | src_keys[k + 1]) for k in range(n - 1)],
    )
    tgt_groups = (
        list(zip(tgt_len, tgt_keys, strict=True)),
        [(tgt_len[k] + tgt_len[k + 1], tgt_keys[k] | tgt_keys[k + 1]) for k in range(m - 1)],
    )
    # The cost of every 1:1, 2:1, 1:2 and 2:2 link, by the position of its first sentences.
    one, two_one, one_two, two = (
        _link_costs(src_groups[di - 1], tgt_groups[dj - 1], prior)
        for di, dj, prior in _SHAPES
        if di and dj
    )
    indel = _INDEL
    inf = math.inf
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    # Each cell takes the cheapest way in; on a tie, the first in this order: 2:2, 2:1, 1:2,
    # 1:1, 1:0, 0:1.
    for i in range(n + 1):
        row, back_row = cost[i], back[i]
        above = cost[i - 1] if i else row
        above2 = cost[i - 2] if i > 1 else row
        for j in range(m + 1):
            best, step = inf, (0, 0)
            if i > 1:
                if j > 1:
                    value = above2[j - 2] + two[i - 2][j - 2]
                    if value < best:
                        best, step = value, (2, 2)
                if j:
                    value = above2[j - 1] + two_one[i - 2][j - 1]
                    if value < best:
                        best, step = value, (2, 1)
            if i:
                if j > 1:
                    value = above[j - 2] + one_two[i - 1][j - 2]
                    if value < best:
                        best, step = value, (1, 2)
                if j:
                    value = above[j - 1] + one[i - 1][j - 1]
                    if value < best:
                        best, step = value, (1, 1)
                value = above[j] + indel
                if value < best:
                    best, step = value, (1, 0)
            if j:
                value = row[j - 1] + indel
                if value < best:
                    best, step = value, (0, 1)
            if i or j:
                row[j], back_row[j] = best, step
    links = []
    i, j = n, m
    while i > 0 or j > 0:
        di, dj = back[i][j]
        links.append(_link((tuple(source_units[i - di : i]), tuple(target_units[j - dj : j]))))
        i, j = i - di, j - dj
    links.reverse()
    return links


def _link_costs(
    source: list[tuple[float, set[str]]], target: list[tuple[float, set[str]]], prior: float
) -> list[list[float]]:
    """Per pair of groups (length, anchor keys), the cost of linking them: prior, length misfit
    and the anchor term (shared keys lower it, keys on one side only raise it)."""
    variance, anchor = _VARIANCE, _ANCHOR
    rows = []
    for ls, ks in source:
        row = []
        size = len(ks)
        for lt, kt in target:
            value = prior + (lt - ls) * (lt - ls) / (variance * (ls + lt) + 1.0)
            total = size + len(kt)
            if total:
                shared = 0 if ks.isdisjoint(kt) else len(ks & kt)
                value += anchor * (1.0 - 4.0 * shared / total) * min(1.0, total / 4.0)
            row.append(value)
        rows.append(row)
    return rows


def align_document_sentences(
    alignment: Alignment,
    source: Sequence[str],
    target: Sequence[str],
    language_pair: tuple[str, str] = ("ru", "en"),
) -> list[list[SentenceLink]]:
    """``align_sentences`` on every bead of ``alignment``: one list of links per bead."""
    latin = language_pair[0] != "ru"
    links = []
    for bead in alignment.beads:
        if len(bead.source) == 1 and len(bead.target) == 1:  # the common case, without lists
            texts = [source[bead.source[0]]], [target[bead.target[0]]]
            units = _sentences(texts[0][0], 0), _sentences(texts[1][0], 0)
        else:
            texts = [source[i] for i in bead.source], [target[j] for j in bead.target]
            units = _units(texts[0], language_pair[0]), _units(texts[1], language_pair[1])
        links.append(_align_units(*units, *texts, latin))
    return links


def counterpart(
    links: Sequence[SentenceLink], side: str, paragraph: int, offset: int
) -> tuple[SentenceSpan, ...]:
    """The other side's sentences linked with the sentence at ``offset`` of bead paragraph k.

    ``side`` is "source" or "target", ``paragraph`` the paragraph's position inside the bead.
    An offset between two sentences (on the space) counts for the sentence before it.
    """
    link = _link_at(links, side, paragraph, offset)
    return () if link is None else (link.target if side == "source" else link.source)


def counterpart_range(
    links: Sequence[SentenceLink], side: str, paragraph: int, start: int, end: int
) -> tuple[SentenceSpan, ...]:
    """The other side's sentences linked with any sentence overlapping ``[start, end)``."""
    found: list[SentenceSpan] = []
    for link in _links_across(links, side, paragraph, start, end):
        other = link.target if side == "source" else link.source
        found.extend(span for span in other if span not in found)
    return tuple(found)


def _link_at(
    links: Sequence[SentenceLink], side: str, paragraph: int, offset: int
) -> SentenceLink | None:
    """The link holding the sentence at ``offset`` (or the last one before it, on a space)."""
    best = None
    for link in links:
        for span in link.source if side == "source" else link.target:
            if span.paragraph == paragraph and span.start <= offset <= span.end:
                return link
            if span.paragraph == paragraph and span.end < offset:
                best = link
    return best


def _links_across(
    links: Sequence[SentenceLink], side: str, paragraph: int, start: int, end: int
) -> list[SentenceLink]:
    """The links holding a sentence of ``paragraph`` that overlaps ``[start, end)``."""
    return [
        link
        for link in links
        if any(
            s.paragraph == paragraph and s.start < end and start < s.end
            for s in (link.source if side == "source" else link.target)
        )
    ]


Facing = tuple[tuple[SentenceSpan, ...], tuple[SentenceSpan, ...]]


class FacingSentences:
    """Which sentences of two aligned texts face each other: the one answer the reading view
    (marking a sentence's counterpart) and the exports (quoting it) ask.

    Spans come back in DOCUMENT paragraph numbers. A bead's sentences are aligned the first time
    one of its paragraphs is asked about, so opening a long document costs nothing.
    """

    def __init__(
        self,
        alignment: Alignment,
        source: Sequence[str],
        target: Sequence[str],
        language_pair: tuple[str, str] = ("ru", "en"),
    ) -> None:
        self._alignment = alignment
        self._source, self._target = source, target
        self._latin = language_pair[0] != "ru"
        self._links: dict[int, list[SentenceLink]] = {}

    def at(self, side: str, paragraph: int, offset: int) -> Facing:
        """(this side's, the other side's) sentences of the link holding ``offset``."""
        found = self._bead(side, paragraph)
        if found is None:
            return (), ()
        links, k, bead = found
        link = _link_at(links, side, k, offset)
        return self._in_document(bead, side, [link] if link else [])

    def across(self, side: str, paragraph: int, start: int, end: int) -> Facing:
        """(this side's, the other side's) sentences of the links overlapping ``[start, end)``."""
        found = self._bead(side, paragraph)
        if found is None:
            return (), ()
        links, k, bead = found
        return self._in_document(bead, side, _links_across(links, side, k, start, end))

    def splits(self, side: str, paragraph: int) -> bool:
        """Whether the bead holding ``paragraph`` links more than one group of sentences (else
        its sentences face each other only as the whole paragraphs do)."""
        found = self._bead(side, paragraph)
        return found is not None and len(found[0]) > 1

    def _bead(self, side: str, paragraph: int) -> tuple[list[SentenceLink], int, Bead] | None:
        """The links of the bead holding ``paragraph``, its position in the bead, and the bead."""
        try:
            index = self._alignment.bead_of(side, paragraph)
        except (IndexError, KeyError):
            return None
        bead = self._alignment.beads[index]
        if index not in self._links:
            source = [self._source[i] for i in bead.source]
            target = [self._target[j] for j in bead.target]
            units = _units(source, ""), _units(target, "")
            self._links[index] = _align_units(*units, source, target, self._latin)
        own = bead.source if side == "source" else bead.target
        return self._links[index], own.index(paragraph), bead

    @staticmethod
    def _in_document(bead: Bead, side: str, links: Sequence[SentenceLink]) -> Facing:
        own_paragraphs = bead.source if side == "source" else bead.target
        other_paragraphs = bead.target if side == "source" else bead.source
        own = [s for link in links for s in (link.source if side == "source" else link.target)]
        other = [s for link in links for s in (link.target if side == "source" else link.source)]
        return (
            tuple(_span((own_paragraphs[s.paragraph], s.start, s.end)) for s in own),
            tuple(_span((other_paragraphs[s.paragraph], s.start, s.end)) for s in other),
        )
