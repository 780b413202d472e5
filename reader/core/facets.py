"""Metadata facets for the timeline: filter documents by year range, language, people, places,
subjects and notes, and count what the facet bar offers.

Works on anything with ``id``, ``title``, ``date``, ``original_language``, ``people``, ``places``
and ``subjects`` (``Document`` and ``DocumentSummary`` both do). Plain loops over precomputed
needles: the main window refilters 10,000 summaries on every facet change.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter
from typing import Protocol, TypeVar


class Faceted(Protocol):
    """What the facets read of a document."""

    @property
    def id(self) -> str: ...
    @property
    def date(self) -> str | None: ...
    @property
    def original_language(self) -> str | None: ...
    @property
    def people(self) -> tuple[str, ...]: ...
    @property
    def places(self) -> tuple[str, ...]: ...
    @property
    def subjects(self) -> tuple[str, ...]: ...


D = TypeVar("D", bound=Faceted)


@dataclass(frozen=True)
class FacetFilter:
    """The reader's facet choices. ``None`` means "any"; year bounds are inclusive.

    ``include_undated`` decides whether undated documents pass a year range; with no range set
    they always pass, as there is nothing to compare them with.
    """

    year_from: int | None = None
    year_to: int | None = None
    original_language: str | None = None
    person: str | None = None
    place: str | None = None
    subject: str | None = None
    with_notes: bool = False
    include_undated: bool = True

    @property
    def has_year_range(self) -> bool:
        return self.year_from is not None or self.year_to is not None

    @property
    def active(self) -> bool:
        """True when the filter can drop any document."""
        return (
            self.has_year_range
            or self.with_notes
            or any((self.original_language, self.person, self.place, self.subject))
        )


@dataclass(frozen=True)
class FacetValues:
    """Distinct values with their document counts, most frequent first, then alphabetical."""

    languages: tuple[tuple[str, int], ...] = ()
    people: tuple[tuple[str, int], ...] = ()
    places: tuple[tuple[str, int], ...] = ()
    subjects: tuple[tuple[str, int], ...] = ()


def document_year(date: str | None) -> int | None:
    """The year of an ISO date at any precision ("1951-07-21", "1967-11", "1967"), or None."""
    if not date or len(date) < 4:
        return None
    head = date[:4]
    return int(head) if head.isdigit() else None


def _fold(value: str | None) -> str | None:
    # Empty or blank choices mean "any", so a cleared combo never filters everything out.
    if value is None:
        return None
    folded = value.strip().casefold()
    return folded or None


def _has(values: tuple[str, ...], needle: str) -> bool:
    return any(value.casefold() == needle for value in values)


def _year_passes(date: str | None, facet: FacetFilter) -> bool:
    year = document_year(date)
    if year is None:
        return facet.include_undated
    if facet.year_from is not None and year < facet.year_from:
        return False
    return facet.year_to is None or year <= facet.year_to


def filter_documents(
    documents: Iterable[D], facet: FacetFilter, annotated_ids: Container[str] = ()
) -> list[D]:
    """The documents that pass every facet, in their input order."""
    if not facet.active:
        return list(documents)
    language = _fold(facet.original_language)
    person, place, subject = _fold(facet.person), _fold(facet.place), _fold(facet.subject)
    check_years = facet.has_year_range
    kept: list[D] = []
    for document in documents:
        # Cheapest checks first: most facet changes narrow by year or language.
        if check_years and not _year_passes(document.date, facet):
            continue
        if language is not None and (document.original_language or "").casefold() != language:
            continue
        if facet.with_notes and document.id not in annotated_ids:
            continue
        if person is not None and not _has(document.people, person):
            continue
        if place is not None and not _has(document.places, place):
            continue
        if subject is not None and not _has(document.subjects, subject):
            continue
        kept.append(document)
    return kept


def _ranked(counter: Counter[str], spelling: dict[str, str]) -> tuple[tuple[str, int], ...]:
    ranked = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
    return tuple((spelling[key], count) for key, count in ranked)


def _count_into(values: Sequence[str], counter: Counter[str], spelling: dict[str, str]) -> None:
    # Values differing only in case are one facet value (matching ignores case), shown in the
    # spelling first met. A set per document: a name listed twice counts the document once.
    if len(values) == 1:  # the common case, without the set (a library may hold 100,000)
        value = values[0].strip()
        if value:
            key = value.casefold()
            counter[key] += 1
            spelling.setdefault(key, value)
        return
    for key, value in {v.strip().casefold(): v.strip() for v in values if v.strip()}.items():
        counter[key] += 1
        spelling.setdefault(key, value)


def facet_values(documents: Iterable[Faceted]) -> FacetValues:
    """What the facet combos offer, with how many documents each value would keep."""
    documents = list(documents)
    languages = [(code,) for code in map(attrgetter("original_language"), documents) if code]
    fields = (
        languages,
        list(map(attrgetter("people"), documents)),
        list(map(attrgetter("places"), documents)),
        list(map(attrgetter("subjects"), documents)),
    )
    return FacetValues(*map(_ranked_values, fields))


def _ranked_values(per_document: list[Sequence[str]]) -> tuple[tuple[str, int], ...]:
    """One field's values, ranked, with the documents holding each.

    A library of 100,000 documents holds a few hundred distinct values: each document's are
    counted as they are spelled, in C (a set per document, so a name listed twice counts once),
    and only the distinct spellings are folded in Python. When two spellings fold to one value
    ("Mao" and "mao "), a document holding both must count once: then documents are counted
    one by one.
    """
    spelled_counts = Counter(chain.from_iterable(map(set, per_document)))
    counter: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for value, count in spelled_counts.items():
        stripped = value.strip()
        if not stripped:
            continue
        key = stripped.casefold()
        if key in spelling:
            return _ranked_one_by_one(per_document)
        counter[key], spelling[key] = count, stripped
    return _ranked(counter, spelling)


def _ranked_one_by_one(per_document: list[Sequence[str]]) -> tuple[tuple[str, int], ...]:
    counter: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for values in per_document:
        if values:
            _count_into(values, counter, spelling)
    return _ranked(counter, spelling)


def year_counts(documents: Iterable[Faceted]) -> dict[int, int]:
    """Documents per year, undated ones left out, in year order (for the density strip)."""
    counts: Counter[int] = Counter()
    # Each distinct date read once: 100,000 documents hold a few thousand dates.
    for date, documents_on_it in Counter(map(attrgetter("date"), documents)).items():
        year = document_year(date)
        if year is not None:
            counts[year] += documents_on_it
    return dict(sorted(counts.items()))
