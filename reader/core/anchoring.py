"""Finding quoted text again after a document's text has changed.

An annotation remembers its quote with some text before and after it (a W3C TextQuoteSelector)
and where it last was (a :class:`~reader.core.annotations.TextPosition`). :func:`locate` tries,
in order of cost:

1. the exact quote at the remembered position (an unchanged text: one slice comparison);
2. the exact quote anywhere, the occurrence whose context and position fit best winning;
3. an approximate match, as Hypothesis does: the quote is searched with a bounded number of
   edits (Myers' bit-parallel algorithm, on Python's unbounded integers so any quote length
   works) in the paragraphs most likely to hold it (the hint's paragraph and those sharing the
   most character trigrams), and each candidate is scored on quote, prefix, suffix and position.

A match needs most of the quote to agree (:data:`MIN_QUOTE_SIMILARITY`), so a quote whose text
was removed is reported as not found instead of being pinned to something unrelated.

The approximate search is bounded whatever the input: a paragraph too short to hold the quote
with the edits allowed is not searched; a quote longer than :data:`MAX_FUZZY_QUOTE` is matched by
its head and its tail (each found approximately, the tail where the head says it must be); at
most :data:`MAX_FUZZY_TEXT` characters of a paragraph are scanned; and the context compared is
at most :data:`MAX_CONTEXT_COMPARED` characters a side. A quote of megabytes costs milliseconds.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cached_property

from reader.core.alignment import Alignment
from reader.core.annotations import Annotation, TextPosition, TextQuoteSelector

CONTEXT_LENGTH = 32
MIN_QUOTE_SIMILARITY = 0.75  # at most a quarter of the quote's characters edited
MIN_FUZZY_LENGTH = 8  # shorter quotes are found exactly or not at all: fuzzy hits are noise
SHORT_QUOTE_LENGTH = 24  # below this, a fuzzy hit must have its context agree too
MIN_SHORT_CONTEXT = 0.5
FUZZY_PARAGRAPHS = 6  # paragraphs searched approximately, besides the hint's
MAX_EXACT_CANDIDATES = 500
MAX_FUZZY_QUOTE = 512  # longer quotes are matched approximately by head and tail
MAX_FUZZY_TEXT = 20_000  # characters of one paragraph scanned approximately (around the hint)
MAX_CONTEXT_COMPARED = 4 * CONTEXT_LENGTH
# Weights of Hypothesis' match scorer: the quote counts most, context next, position least.
_QUOTE, _PREFIX, _SUFFIX, _POSITION = 50.0, 20.0, 20.0, 2.0


@dataclass(frozen=True, slots=True)
class Match:
    paragraph: int
    start: int
    end: int
    score: float  # 1.0 for the exact quote at its remembered place
    exact: bool


def make_selector(
    paragraphs: Sequence[str], paragraph_index: int, start: int, end: int
) -> TextQuoteSelector:
    """The selector for ``paragraphs[paragraph_index][start:end]``, context kept in its paragraph."""
    text = paragraphs[paragraph_index]
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"offsets {start}:{end} outside paragraph of {len(text)} characters")
    return TextQuoteSelector(
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_LENGTH) : start],
        suffix=text[end : end + CONTEXT_LENGTH],
    )


def locate(
    selector: TextQuoteSelector, hint: TextPosition | None, paragraphs: Sequence[str]
) -> Match | None:
    """Where the quote is in ``paragraphs`` now, or None when nothing matches well enough."""
    return _Paragraphs(tuple(paragraphs)).locate(selector, hint)


def paragraphs_by_side(
    source: Sequence[str] | None, target: Sequence[str] | None
) -> dict[str, tuple[str, ...]]:
    return {"source": tuple(source or ()), "target": tuple(target or ())}


def text_fingerprint(paragraphs: Mapping[str, Sequence[str]]) -> str:
    """SHA-256 of both sides' paragraphs: equal fingerprints mean re-anchoring can be skipped."""
    data = [list(paragraphs.get("source", ())), list(paragraphs.get("target", ()))]
    encoded = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


def bead_of(alignment: Alignment | None, side: str, paragraph: int) -> int | None:
    if alignment is None:
        return None
    try:
        return alignment.bead_of(side, paragraph)
    except KeyError:
        return None


def reanchor(
    annotations: Iterable[Annotation],
    document_paragraphs_by_side: Mapping[str, Sequence[str]],
    alignment: Alignment | None,
) -> list[Annotation]:
    """Every annotation placed against the current text, in the order given.

    Found ones get their new paragraph, offsets, bead and refreshed selector; the others are
    marked unplaced with quote, note and last position kept. Previously unplaced ones that match
    again are placed back. ``modified`` never changes: this is the app's doing, not the user's.
    """
    sides = {side: _Paragraphs(tuple(texts)) for side, texts in document_paragraphs_by_side.items()}
    return [_reanchor_one(a, sides, alignment) for a in annotations]


def _reanchor_one(
    annotation: Annotation, sides: Mapping[str, _Paragraphs], alignment: Alignment | None
) -> Annotation:
    if annotation.selector is None or annotation.side is None:
        return annotation  # a whole-document bookmark is always in place
    paragraphs = sides.get(annotation.side)
    match = paragraphs.locate(annotation.selector, annotation.position) if paragraphs else None
    if paragraphs is None or match is None:
        return annotation.moved(placed=False) if annotation.placed else annotation
    return place(annotation, match, paragraphs.texts, alignment)


def place(
    annotation: Annotation, match: Match, paragraphs: Sequence[str], alignment: Alignment | None
) -> Annotation:
    """``annotation`` moved to ``match``, its selector taken from the text now there."""
    position = TextPosition(match.paragraph, match.start, match.end)
    selector = make_selector(paragraphs, match.paragraph, match.start, match.end)
    if annotation.kind == "bookmark" and annotation.selector is not None:
        selector = TextQuoteSelector(selector.exact, "", selector.suffix)
    bead = bead_of(alignment, annotation.side or "source", match.paragraph)
    changed = annotation.moved(position=position, selector=selector, bead=bead, placed=True)
    return annotation if changed == annotation else changed


class _Paragraphs:
    """One side's paragraphs, with the trigram sets used to pick fuzzy candidates (built once)."""

    def __init__(self, texts: tuple[str, ...]) -> None:
        self.texts = texts

    @cached_property
    def trigrams(self) -> list[set[str]]:
        return [_trigrams(text) for text in self.texts]

    def locate(self, selector: TextQuoteSelector, hint: TextPosition | None) -> Match | None:
        if not selector.exact or not self.texts:
            return None
        if hint is not None and self._exact_at(selector.exact, hint):
            return Match(hint.paragraph, hint.start, hint.end, 1.0, True)
        found = self._best_exact(selector, hint)
        return found if found is not None else self._best_fuzzy(selector, hint)

    def _exact_at(self, exact: str, hint: TextPosition) -> bool:
        if not 0 <= hint.paragraph < len(self.texts):
            return False
        return self.texts[hint.paragraph][hint.start : hint.end] == exact

    def _best_exact(self, selector: TextQuoteSelector, hint: TextPosition | None) -> Match | None:
        best: Match | None = None
        for paragraph, start in self._occurrences(selector.exact):
            end = start + len(selector.exact)
            score = _score(self.texts[paragraph], paragraph, start, end, 1.0, selector, hint)
            if best is None or score > best.score:
                best = Match(paragraph, start, end, score, True)
        return best

    def _occurrences(self, exact: str) -> Iterable[tuple[int, int]]:
        count = 0
        for paragraph, text in enumerate(self.texts):
            start = text.find(exact)
            while start >= 0 and count < MAX_EXACT_CANDIDATES:
                yield paragraph, start
                count += 1
                start = text.find(exact, start + 1)

    def _best_fuzzy(self, selector: TextQuoteSelector, hint: TextPosition | None) -> Match | None:
        exact = selector.exact
        if len(exact) < MIN_FUZZY_LENGTH:
            return None
        max_errors = int(len(exact) * (1 - MIN_QUOTE_SIMILARITY))
        best: Match | None = None
        for paragraph in self._fuzzy_candidates(exact, hint):
            match = self._fuzzy_in(paragraph, selector, hint, max_errors)
            if match is not None and (best is None or match.score > best.score):
                best = match
        return best

    def _fuzzy_candidates(self, exact: str, hint: TextPosition | None) -> list[int]:
        """The hint's paragraph, then those sharing most trigrams with the quote; only
        paragraphs long enough to hold the quote with the edits allowed."""
        shortest = len(exact) - int(len(exact) * (1 - MIN_QUOTE_SIMILARITY))
        wanted = _trigrams(_sample(exact))
        shared = [
            (len(wanted & grams), index)
            for index, grams in enumerate(self.trigrams)
            if len(self.texts[index]) >= shortest
        ]
        ranked = [index for count, index in sorted(shared, reverse=True) if count][
            :FUZZY_PARAGRAPHS
        ]
        if (
            hint is not None
            and 0 <= hint.paragraph < len(self.texts)
            and (len(self.texts[hint.paragraph]) >= shortest)
        ):
            ranked = [hint.paragraph] + [index for index in ranked if index != hint.paragraph]
        return ranked

    def _fuzzy_in(
        self, paragraph: int, selector: TextQuoteSelector, hint: TextPosition | None, errors: int
    ) -> Match | None:
        text, exact = self.texts[paragraph], selector.exact
        near = hint.start if hint is not None and hint.paragraph == paragraph else 0
        span = bounded_find(exact, text, errors, near)
        if span is None:
            return None
        start, end, distance = span
        similarity = 1.0 - distance / len(exact)
        context = _context_similarity(text, start, end, selector)
        if len(exact) < SHORT_QUOTE_LENGTH and context < MIN_SHORT_CONTEXT:
            return None
        score = _score(text, paragraph, start, end, similarity, selector, hint)
        return Match(paragraph, start, end, score, False)


def bounded_find(
    pattern: str, text: str, max_errors: int, near: int = 0
) -> tuple[int, int, int] | None:
    """:func:`approximate_find` in bounded time: (start, end, distance) or None.

    At most :data:`MAX_FUZZY_TEXT` characters of ``text`` are scanned, around ``near``. A pattern
    longer than :data:`MAX_FUZZY_QUOTE` is found by its head, then its tail just where the
    pattern's length puts it; the distance is theirs plus the difference in length (the middle
    is taken to agree when head and tail do).
    """
    if len(pattern) <= MAX_FUZZY_QUOTE:
        low = _window_start(len(text), near, len(pattern))
        span = approximate_find(pattern, text[low : low + MAX_FUZZY_TEXT], max_errors)
        return None if span is None else (span[0] + low, span[1] + low, span[2])
    piece = MAX_FUZZY_QUOTE // 2
    piece_errors = int(piece * (1 - MIN_QUOTE_SIMILARITY))
    head = bounded_find(pattern[:piece], text, piece_errors, near)
    if head is None:
        return None
    slack = min(max_errors, MAX_FUZZY_QUOTE)
    expected_end = head[0] + len(pattern)
    low = max(head[1], expected_end - piece - slack)
    tail = approximate_find(pattern[-piece:], text[low : expected_end + slack], piece_errors)
    if tail is None:
        return None
    start, end = head[0], low + tail[1]
    distance = head[2] + tail[2] + abs((end - start) - len(pattern))
    return (start, end, distance) if distance <= max_errors else None


def _window_start(length: int, near: int, pattern: int) -> int:
    """Where a scan of at most MAX_FUZZY_TEXT characters around ``near`` begins."""
    if length <= MAX_FUZZY_TEXT:
        return 0
    low = max(0, near - (MAX_FUZZY_TEXT - pattern) // 2)
    return min(low, length - MAX_FUZZY_TEXT)


def _sample(text: str) -> str:
    """A long quote's head and tail: enough to rank paragraphs by shared trigrams."""
    if len(text) <= 2 * MAX_FUZZY_QUOTE:
        return text
    return text[:MAX_FUZZY_QUOTE] + "\n" + text[-MAX_FUZZY_QUOTE:]


def approximate_find(pattern: str, text: str, max_errors: int) -> tuple[int, int, int] | None:
    """The substring of ``text`` closest to ``pattern`` by edit distance, if within
    ``max_errors``: (start, end, distance). Ties go to the earliest end."""
    if not pattern or not text:
        return None
    scores = _myers(pattern, text, anchored=False)
    distance = min(scores)
    if distance > max_errors:
        return None
    end = scores.index(distance) + 1
    # The start: the best *anchored* match of the reversed pattern read backwards from ``end``.
    window = text[max(0, end - len(pattern) - distance) : end][::-1]
    back = _myers(pattern[::-1], window, anchored=True)
    best = min(range(len(back)), key=lambda j: (back[j], abs(j + 1 - len(pattern))))
    return end - (best + 1), end, distance


def _myers(pattern: str, text: str, anchored: bool) -> list[int]:
    """Edit distance of ``pattern`` to the best substring of ``text`` ending at each position
    (to the prefix ending there when ``anchored``): Myers 1999, Hyyrö's formulation."""
    m = len(pattern)
    peq: dict[str, int] = {}
    for i, char in enumerate(pattern):
        peq[char] = peq.get(char, 0) | (1 << i)
    full, high = (1 << m) - 1, 1 << (m - 1)
    pv, mv, score, carry_in = full, 0, m, int(anchored)
    scores: list[int] = []
    for char in text:
        eq = peq.get(char, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & full)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | carry_in) & full
        mh = (mh << 1) & full
        pv = mh | (~(xv | ph) & full)
        mv = ph & xv
        scores.append(score)
    return scores


def _trigrams(text: str) -> set[str]:
    folded = text.casefold()
    return {folded[i : i + 3] for i in range(len(folded) - 2)}


def _similarity(expected: str, actual: str) -> float:
    if not expected:
        return 1.0 if not actual else 0.5  # no context recorded: neither evidence for nor against
    return SequenceMatcher(None, expected, actual, autojunk=False).ratio()


def _context(text: str, start: int, end: int, selector: TextQuoteSelector) -> tuple[str, ...]:
    """(expected prefix, prefix found, expected suffix, suffix found), each bounded in length."""
    prefix = selector.prefix[-MAX_CONTEXT_COMPARED:]
    suffix = selector.suffix[:MAX_CONTEXT_COMPARED]
    before = text[max(0, start - len(prefix)) : start]
    after = text[end : end + len(suffix)]
    return prefix, before, suffix, after


def _context_similarity(text: str, start: int, end: int, selector: TextQuoteSelector) -> float:
    prefix, before, suffix, after = _context(text, start, end, selector)
    return (_similarity(prefix, before) + _similarity(suffix, after)) / 2


def _score(
    text: str,
    paragraph: int,
    start: int,
    end: int,
    quote_similarity: float,
    selector: TextQuoteSelector,
    hint: TextPosition | None,
) -> float:
    prefix, before, suffix, after = _context(text, start, end, selector)
    proximity = 0.5
    if hint is not None:
        proximity = 1.0 / (1 + abs(paragraph - hint.paragraph) + abs(start - hint.start) / 1000)
    total = (
        _QUOTE * quote_similarity
        + _PREFIX * _similarity(prefix, before)
        + _SUFFIX * _similarity(suffix, after)
        + _POSITION * proximity
    )
    return total / (_QUOTE + _PREFIX + _SUFFIX + _POSITION)
