"""The library keeps documents in date order, as the timeline shows them."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.catalog import DocumentSummary
from reader.core.document import Document, ParseError
from reader.core.library import DocumentLookup, Library


def doc(doc_id: str, date: str | None, title: str = "t") -> Document:
    return Document(id=doc_id, title=title, date=date)


def test_partial_dates_follow_the_full_dates_of_their_period() -> None:
    library = Library(
        [doc("y", "1967"), doc("d", "1967-11-06"), doc("m", "1967-11"), doc("j", "1967-01-05")]
    )
    assert library.ids() == ["j", "d", "m", "y"]


def test_undated_documents_come_last() -> None:
    library = Library([doc("u", None), doc("a", "1951-07-21")])
    assert library.ids() == ["a", "u"]


def test_neighbours_step_in_date_order_and_stop_at_the_ends() -> None:
    library = Library([doc("b", "1951-11-14"), doc("a", "1951-07-21")])
    assert library.neighbour("a", 1) == "b"
    assert library.neighbour("b", -1) == "a"
    assert library.neighbour("b", 1) is None
    assert library.neighbour("a", -1) is None
    assert library.neighbour("missing", 1) is None


def test_adding_a_record_again_replaces_it() -> None:
    library = Library([doc("a", "1951-07-21", "old")])
    library.add(doc("a", "1950-01-01", "new"))
    assert len(library) == 1
    assert library.get("a").title == "new"
    assert library.ids() == ["a"]


def test_summaries_are_parsed_only_when_opened_and_kept_for_a_while() -> None:
    from reader.core.catalog import DocumentSummary
    from reader.core.library import RECENT_DOCUMENTS

    loads: list[str] = []

    def loader(entry: DocumentSummary) -> Document:
        loads.append(entry.id)
        return Document(id=entry.id, title=entry.title, date=entry.date)

    summaries = [
        DocumentSummary(f"d{n:03d}", f"Title {n}", f"1950-01-{n % 28 + 1:02d}", f"/x/{n}.txt")
        for n in range(40)
    ]
    library = Library(summaries, loader=loader)
    assert loads == []  # building the timeline parses nothing
    assert library.entry("d007").title == "Title 7"
    assert library.get("d007").title == "Title 7"
    assert library.get("d007").title == "Title 7"
    assert loads == ["d007"]
    for n in range(RECENT_DOCUMENTS + 1):
        library.get(f"d{n + 10:03d}")
    library.get("d007")  # pushed out by newer ones: parsed again
    assert loads.count("d007") == 2


def test_a_bad_file_behind_a_summary_raises_a_clear_error(tmp_path) -> None:
    import pytest

    from reader.core.catalog import DocumentSummary
    from reader.core.document import ParseError

    library = Library([DocumentSummary("gone", "Gone", None, str(tmp_path / "gone.txt"))])
    with pytest.raises(ParseError, match=r"gone\.txt"):
        library.get("gone")


def test_lookup_parses_on_first_use_and_answers_none_for_a_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\x00\x01 not a document")
    good = Path(__file__).resolve().parents[2] / "corpus" / "117421.txt"
    library = Library(
        [
            DocumentSummary("117421", "Cable", "1951-07-21", str(good)),
            DocumentSummary("b", "B", None, str(bad)),
        ]
    )
    lookup: DocumentLookup = library.lookup
    document = lookup("117421")
    assert document is not None and document.texts
    assert lookup("117421") is document  # parsed once
    assert lookup("b") is None and lookup("unknown") is None
    with pytest.raises(ParseError):
        library.get("b")  # get still says why


def test_add_many_keeps_date_order_and_replaces() -> None:
    library = Library([DocumentSummary("b", "B", "1951-02-01", "/x/b.txt")])
    library.add_many(
        [
            DocumentSummary("c", "C", None, "/x/c.txt"),
            DocumentSummary("a", "A", "1950-01-01", "/x/a.txt"),
            DocumentSummary("b", "B, corrected", "1952-03-01", "/x/b.txt"),
        ]
    )
    assert library.ids() == ["a", "b", "c"]
    entry = library.entry("b")
    assert entry is not None and entry.title == "B, corrected"
    assert len(library) == 3


def test_neighbours_of_alike_dates_undated_and_unknown_records_follow_the_order() -> None:
    dates = ["1951-07-21", "1951-07-21", "1951-07", None, "1951", "1949-01-02", None, "1951-07-21"]
    library = Library([Document(f"r{n}", f"Title {n % 3}", date) for n, date in enumerate(dates)])
    library.add(Document("late", "Added later", "1951-07-21"))
    ids = library.ids()
    for position, document_id in enumerate(ids):
        for step in (-2, -1, 1, 2):
            expected = ids[position + step] if 0 <= position + step < len(ids) else None
            assert library.neighbour(document_id, step) == expected
    assert library.neighbour("unknown", 1) is None
