"""Facets: each filter alone and combined, undated records, notes, order, values and year counts."""

from __future__ import annotations

import pytest

from reader.core.catalog import DocumentSummary
from reader.core.document import Document
from reader.core.facets import (
    FacetFilter,
    document_year,
    facet_values,
    filter_documents,
    year_counts,
)

DOCUMENTS = [
    Document(
        "mao-0721",
        "Mao to Stalin",
        "1951-07-21",
        original_language="Russian",
        people=("Mao Zedong", "Joseph Stalin"),
        places=("Korea", "Moscow"),
        subjects=("Korean War",),
    ),
    Document(
        "stalin-0703",
        "Stalin to Mao",
        "1951-07",
        original_language="Russian",
        people=("Joseph Stalin",),
        places=("Moscow",),
        subjects=("Korean War", "Armistice"),
    ),
    Document(
        "cuba",
        "Memorandum on Cuba",
        "1962",
        original_language="English",
        people=("John F. Kennedy",),
        places=("Cuba",),
        subjects=("Cuban Missile Crisis",),
    ),
    Document("loose", "Fragment without a date", None, original_language="German"),
    Document(
        "berlin", "Berlin note", "1961-08-13", people=("Walter Ulbricht",), places=("Berlin",)
    ),
]


def ids(documents: list[Document]) -> list[str]:
    return [d.id for d in documents]


def test_inactive_filter_keeps_everything_in_order() -> None:
    assert not FacetFilter().active
    assert ids(filter_documents(DOCUMENTS, FacetFilter())) == ids(DOCUMENTS)


@pytest.mark.parametrize(
    ("facet", "expected"),
    [
        (FacetFilter(original_language="russian"), ["mao-0721", "stalin-0703"]),
        (FacetFilter(person="joseph stalin"), ["mao-0721", "stalin-0703"]),
        (FacetFilter(person="  JOHN F. KENNEDY "), ["cuba"]),
        (FacetFilter(place="Moscow"), ["mao-0721", "stalin-0703"]),
        (FacetFilter(subject="armistice"), ["stalin-0703"]),
        (FacetFilter(person="Stalin"), []),  # whole names, not substrings
        (FacetFilter(person=""), ["mao-0721", "stalin-0703", "cuba", "loose", "berlin"]),
    ],
)
def test_each_facet(facet: FacetFilter, expected: list[str]) -> None:
    assert ids(filter_documents(DOCUMENTS, facet)) == expected


def test_facets_combine() -> None:
    facet = FacetFilter(original_language="Russian", place="Korea", person="Joseph Stalin")
    assert facet.active
    assert ids(filter_documents(DOCUMENTS, facet)) == ["mao-0721"]
    facet = FacetFilter(year_from=1960, original_language="English", with_notes=True)
    assert ids(filter_documents(DOCUMENTS, facet, annotated_ids={"cuba"})) == ["cuba"]
    assert filter_documents(DOCUMENTS, facet, annotated_ids={"mao-0721"}) == []


def test_year_range_is_inclusive_at_every_date_precision() -> None:
    facet = FacetFilter(year_from=1951, year_to=1961, include_undated=False)
    assert ids(filter_documents(DOCUMENTS, facet)) == ["mao-0721", "stalin-0703", "berlin"]
    open_end = FacetFilter(year_from=1962, include_undated=False)
    assert ids(filter_documents(DOCUMENTS, open_end)) == ["cuba"]
    open_start = FacetFilter(year_to=1951, include_undated=False)
    assert ids(filter_documents(DOCUMENTS, open_start)) == ["mao-0721", "stalin-0703"]


def test_undated_documents_pass_a_range_only_when_asked() -> None:
    with_undated = FacetFilter(year_from=1962, year_to=1962, include_undated=True)
    assert ids(filter_documents(DOCUMENTS, with_undated)) == ["cuba", "loose"]
    without = FacetFilter(year_from=1962, year_to=1962, include_undated=False)
    assert ids(filter_documents(DOCUMENTS, without)) == ["cuba"]
    # With no range there is nothing to compare an undated record with: it stays.
    assert "loose" in ids(filter_documents(DOCUMENTS, FacetFilter(include_undated=False)))


def test_with_notes_keeps_annotated_documents() -> None:
    facet = FacetFilter(with_notes=True)
    assert facet.active
    assert ids(filter_documents(DOCUMENTS, facet, {"berlin", "loose"})) == ["loose", "berlin"]
    assert filter_documents(DOCUMENTS, facet) == []


def test_works_on_catalog_summaries() -> None:
    summaries = [
        DocumentSummary("a", "A", "1950-02-14", "a.xml", "Russian", people=("Mao Zedong",)),
        DocumentSummary("b", "B", None, "b.xml", "English"),
    ]
    assert ids(filter_documents(summaries, FacetFilter(person="mao zedong"))) == ["a"]
    assert year_counts(summaries) == {1950: 1}


def test_facet_values_rank_by_count_then_name_and_merge_case() -> None:
    documents = [*DOCUMENTS, Document("x", "X", "1951", people=("joseph stalin", "joseph stalin"))]
    values = facet_values(documents)
    assert values.languages == (("Russian", 2), ("English", 1), ("German", 1))
    assert values.people[0] == ("Joseph Stalin", 3)  # first spelling met, counted per document
    assert [name for name, _ in values.people[1:]] == [
        "John F. Kennedy",
        "Mao Zedong",
        "Walter Ulbricht",
    ]
    assert values.places[0] == ("Moscow", 2)
    assert values.subjects == (("Korean War", 2), ("Armistice", 1), ("Cuban Missile Crisis", 1))


def test_year_counts_leave_out_undated() -> None:
    assert year_counts(DOCUMENTS) == {1951: 2, 1961: 1, 1962: 1}
    assert list(year_counts(reversed(DOCUMENTS))) == [1951, 1961, 1962]


@pytest.mark.parametrize(
    ("date", "year"),
    [
        ("1951-07-21", 1951),
        ("1967-11", 1967),
        ("1967", 1967),
        (None, None),
        ("", None),
        ("c. 1950", None),
    ],
)
def test_document_year(date: str | None, year: int | None) -> None:
    assert document_year(date) == year


def test_ten_thousand_documents() -> None:
    documents = [
        DocumentSummary(
            f"doc-{i}",
            f"Document {i}",
            f"{1945 + i % 47}-{1 + i % 12:02d}" if i % 50 else None,
            f"doc-{i}.xml",
            ("Russian", "English", "Chinese")[i % 3],
            people=(f"Person {i % 300}", "Joseph Stalin") if i % 7 == 0 else (f"Person {i % 300}",),
            places=(f"Place {i % 40}",),
            subjects=(f"Subject {i % 25}",),
        )
        for i in range(10_000)
    ]
    facet = FacetFilter(
        year_from=1950,
        year_to=1960,
        original_language="russian",
        person="JOSEPH STALIN",
        include_undated=False,
    )
    kept = filter_documents(documents, facet, annotated_ids=set())
    assert kept
    assert all(d.people[-1] == "Joseph Stalin" and d.original_language == "Russian" for d in kept)
    assert all(d.date and 1950 <= int(d.date[:4]) <= 1960 for d in kept)
    assert sum(year_counts(documents).values()) == 10_000 - 200
    values = facet_values(documents)
    assert values.people[0][0] == "Joseph Stalin"
    assert len(values.people) == 301


def test_derived_people_let_every_layout_be_found_by_person() -> None:
    """Issue 12.7: "Mao, Zedong" finds the Stalin–Mao cables, not just the web-page imports."""
    from pathlib import Path

    from reader.core.parsing import parse_file

    project = Path(__file__).resolve().parents[2]
    wilson = project.parent / "shared" / "samples" / "wilson"
    paths = sorted((project / "corpus").glob("*.txt")) + sorted(wilson.glob("*.txt"))
    documents = [parse_file(path) for path in paths]
    mao = {d.id for d in filter_documents(documents, FacetFilter(person="Mao, Zedong"))}
    stalin = {d.id for d in filter_documents(documents, FacetFilter(person="Stalin, Joseph"))}
    assert {"117421", "113013"} <= mao & stalin  # the seeds: Filippov [Stalin] and Cde. Mao
    if wilson.is_dir():
        assert {"113379", "113789", "113377", "111240"} <= mao & stalin
        assert "300640" in mao  # the web page's own "Associated People" entry
    values = dict(facet_values(documents).people)
    assert values["Mao, Zedong"] == len(mao) and values["Stalin, Joseph"] == len(stalin)


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_NAMES = st.sampled_from(
    ["Mao Zedong", "mao zedong", " Mao Zedong", "Stalin", "STALIN ", "", " ", "Kim"]
)


def _counted_one_document_at_a_time(documents, field: str) -> dict[str, int]:
    """The rule, plainly: per document its distinct values (stripped, case aside), each once."""
    counts: dict[str, int] = {}
    for document in documents:
        keys = {v.strip().casefold() for v in getattr(document, field) if v.strip()}
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
    return counts


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.lists(_NAMES, max_size=4), st.lists(_NAMES, max_size=3)), max_size=30))
def test_value_counts_hold_whatever_the_spellings(fields) -> None:
    documents = [
        Document(f"d{n}", "t", None, people=tuple(people), places=tuple(places))
        for n, (people, places) in enumerate(fields)
    ]
    values = facet_values(documents)
    for field, ranked in (("people", values.people), ("places", values.places)):
        assert {name.casefold(): count for name, count in ranked} == (
            _counted_one_document_at_a_time(documents, field)
        )
        spellings = [name for name, _ in ranked]
        assert all(name == name.strip() and name for name in spellings)
