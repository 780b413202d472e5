"""TimelineModel: grouping, counts, order, incremental adds, and Qt's model consistency checks."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from reader.core.document import Document
from reader.core.library import Library
from reader.models.timeline_model import TimelineModel, TimelineRole, format_date

DISPLAY = Qt.ItemDataRole.DisplayRole

DOCUMENTS = [
    Document("mao-0721", "Mao to Stalin", "1951-07-21"),
    Document("stalin-0703", "Stalin to Mao", "1951-07-03"),
    Document("year-only", "Memorandum, undated month", "1967"),
    Document("nov", "Note of November", "1967-11"),
    Document("nov-14", "Conversation", "1967-11-14"),
    Document("loose", "Fragment without a date", None),
    Document("jan-1950", "Treaty draft", "1950-01-02"),
]


@pytest.fixture
def model(qapp: object) -> TimelineModel:
    """An empty model under Qt's checker, so every later change is checked as it happens."""
    timeline = TimelineModel()
    timeline.tester = QAbstractItemModelTester(  # type: ignore[attr-defined]  # keep it alive
        timeline, QAbstractItemModelTester.FailureReportingMode.Fatal
    )
    return timeline


def tree(model: TimelineModel, parent: QModelIndex | None = None) -> list[object]:
    """The model as nested (text, children) tuples; document rows as their text only."""
    parent = parent or QModelIndex()
    rows: list[object] = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        text = model.data(index, DISPLAY)
        if model.data(index, TimelineRole.KIND) == "document":
            rows.append(text)
        else:
            rows.append((text, tree(model, index)))
    return rows


def group(model: TimelineModel, *path: int) -> QModelIndex:
    index = QModelIndex()
    for row in path:
        index = model.index(row, 0, index)
    return index


def test_groups_by_year_then_month_with_month_unknown_and_undated_last(
    model: TimelineModel,
) -> None:
    model.set_library(Library(DOCUMENTS))

    assert tree(model) == [
        ("1950  (1)", [("January  (1)", ["Treaty draft"])]),
        ("1951  (2)", [("July  (2)", ["Stalin to Mao", "Mao to Stalin"])]),
        (
            "1967  (3)",
            [
                ("November  (2)", ["Conversation", "Note of November"]),
                ("Month unknown  (1)", ["Memorandum, undated month"]),
            ],
        ),
        ("Undated  (1)", ["Fragment without a date"]),
    ]


def test_roles_for_groups_and_documents(qapp: object) -> None:
    model = TimelineModel(Library(DOCUMENTS))
    year_1951 = group(model, 1)
    july = group(model, 1, 0)
    document = group(model, 1, 0, 1)
    undated = group(model, 3)

    assert [model.data(year_1951, role) for role in TimelineRole] == [None, 2, "year", "1951", None]
    assert [model.data(july, role) for role in TimelineRole] == [None, 2, "month", "1951-07", None]
    assert [model.data(undated, role) for role in TimelineRole] == [None, 1, "undated", None, None]
    assert [model.data(document, role) for role in TimelineRole] == [
        "mao-0721",
        None,
        "document",
        "1951-07-21",
        [],
    ]
    assert model.data(group(model, 2, 1), TimelineRole.DATE) == "1967"  # month unknown
    assert model.data(year_1951, Qt.ItemDataRole.FontRole).bold()
    assert model.data(july, Qt.ItemDataRole.FontRole) is None
    assert "Mao to Stalin" in model.data(document, Qt.ItemDataRole.ToolTipRole)
    assert "21 July 1951" in model.data(document, Qt.ItemDataRole.ToolTipRole)


def test_documents_with_notes_or_bookmarks_carry_a_mark(qapp: object) -> None:
    model = TimelineModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_library(Library(DOCUMENTS))
    document = model.index_of_document("mao-0721")
    changed: list[object] = []
    model.dataChanged.connect(lambda top, _bottom, _roles: changed.append(model.document_id(top)))
    model.set_marks({"mao-0721": {"bookmark", "note"}})
    assert changed == ["mao-0721"]
    assert model.data(document, TimelineRole.MARKS) == ["bookmark", "note"]
    assert not model.data(document, Qt.ItemDataRole.DecorationRole).isNull()
    assert "bookmarked" in model.data(document, Qt.ItemDataRole.ToolTipRole)
    model.set_marks({})
    assert model.data(document, Qt.ItemDataRole.DecorationRole) is None


def test_tooltip_shows_markup_in_titles_literally(qapp: object) -> None:
    model = TimelineModel([Document("x", '<img src="http://example.com/a.png">', "1951")])
    tooltip = model.data(model.index_of_document("x"), Qt.ItemDataRole.ToolTipRole)

    assert "<img" not in tooltip
    assert "&lt;img" in tooltip


def test_display_text_keeps_titles_on_one_line(qapp: object) -> None:
    model = TimelineModel([Document("x", "Cable\n  no. 5", "1951")])

    assert model.data(model.index_of_document("x"), DISPLAY) == "Cable no. 5"


@pytest.mark.parametrize(
    ("date", "spoken"),
    [
        ("1951-07-21", "21 July 1951"),
        ("1967-11", "November 1967"),
        ("1967", "1967"),
        (None, "Undated"),
        ("sometime", "sometime"),
    ],
)
def test_format_date(date: str | None, spoken: str) -> None:
    assert format_date(date) == spoken


def test_unreadable_date_goes_to_undated(qapp: object) -> None:
    model = TimelineModel([Document("x", "Odd", "early 1950s")])

    assert tree(model) == [("Undated  (1)", ["Odd"])]


def test_index_of_document_and_document_id_round_trip(qapp: object) -> None:
    model = TimelineModel(Library(DOCUMENTS))

    for document in DOCUMENTS:
        index = model.index_of_document(document.id)
        assert index.isValid()
        assert model.document_id(index) == document.id
    assert not model.index_of_document("missing").isValid()
    assert model.document_id(group(model, 1)) is None
    assert model.document_id(QModelIndex()) is None


def test_document_ids_in_order_follow_the_tree(qapp: object) -> None:
    model = TimelineModel(Library(DOCUMENTS))

    assert model.document_ids_in_order() == [
        "jan-1950",
        "stalin-0703",
        "mao-0721",
        "nov-14",
        "nov",
        "year-only",
        "loose",
    ]


def test_adding_one_by_one_builds_the_same_tree(model: TimelineModel) -> None:
    for document in DOCUMENTS:
        model.add_document(document)

    assert tree(model) == tree(TimelineModel(Library(DOCUMENTS)))


def test_add_into_existing_groups_updates_counts(model: TimelineModel, qtbot: object) -> None:
    model.set_library(Library(DOCUMENTS))
    changed: list[tuple[str, list[int]]] = []
    model.dataChanged.connect(lambda top, _bottom, roles: changed.append((top.data(), roles)))

    model.add_document(Document("mid-july", "Middle of July", "1951-07-10"))

    assert tree(model)[1] == (
        "1951  (3)",
        [("July  (3)", ["Stalin to Mao", "Middle of July", "Mao to Stalin"])],
    )
    assert model.data(group(model, 1), TimelineRole.COUNT) == 3
    assert [text for text, _roles in changed] == ["July  (3)", "1951  (3)"]
    assert all(int(TimelineRole.COUNT) in roles for _text, roles in changed)


def test_add_into_new_year_and_month(model: TimelineModel) -> None:
    model.set_library(Library(DOCUMENTS))
    inserted: list[tuple[object, int, int]] = []
    model.rowsInserted.connect(
        lambda parent, first, last: inserted.append((parent.data(), first, last))
    )

    model.add_document(Document("korea", "Armistice", "1953-07-27"))
    model.add_document(Document("august", "August letter", "1951-08-01"))

    assert inserted == [(None, 2, 2), ("1951  (3)", 1, 1)]
    assert tree(model)[1:3] == [
        (
            "1951  (3)",
            [("July  (2)", ["Stalin to Mao", "Mao to Stalin"]), ("August  (1)", ["August letter"])],
        ),
        ("1953  (1)", [("July  (1)", ["Armistice"])]),
    ]


def test_month_unknown_and_undated_groups_appear_in_place(model: TimelineModel) -> None:
    model.add_document(Document("loose", "No date", None))
    model.add_document(Document("y", "Year only", "1951"))
    model.add_document(Document("d", "Dated", "1951-02-01"))

    assert tree(model) == [
        ("1951  (2)", [("February  (1)", ["Dated"]), ("Month unknown  (1)", ["Year only"])]),
        ("Undated  (1)", ["No date"]),
    ]


def test_re_adding_an_id_replaces_the_document(model: TimelineModel) -> None:
    model.set_library(Library(DOCUMENTS))

    model.add_document(Document("mao-0721", "Mao to Stalin (corrected)", "1951-07-21"))
    model.add_document(Document("jan-1950", "Treaty draft", "1952-03-01"))  # moves, 1950 empties
    model.add_document(Document("loose", "Now dated", "1951-07-01"))  # leaves Undated

    assert tree(model) == [
        (
            "1951  (3)",
            [("July  (3)", ["Now dated", "Stalin to Mao", "Mao to Stalin (corrected)"])],
        ),
        ("1952  (1)", [("March  (1)", ["Treaty draft"])]),
        (
            "1967  (3)",
            [
                ("November  (2)", ["Conversation", "Note of November"]),
                ("Month unknown  (1)", ["Memorandum, undated month"]),
            ],
        ),
    ]
    assert len(model.document_ids_in_order()) == len(DOCUMENTS)


def test_same_place_replacement_changes_the_row_in_place(model: TimelineModel) -> None:
    model.set_library(Library(DOCUMENTS))
    removed: list[int] = []
    model.rowsRemoved.connect(lambda *_args: removed.append(1))

    model.add_document(Document("mao-0721", "MAO TO STALIN", "1951-07-21"))

    assert removed == []
    assert model.data(model.index_of_document("mao-0721"), DISPLAY) == "MAO TO STALIN"


def test_remove_document_drops_empty_groups(model: TimelineModel) -> None:
    model.set_library(Library(DOCUMENTS))

    model.remove_document("jan-1950")
    model.remove_document("loose")
    model.remove_document("missing")  # ignored

    assert [text for text, _children in tree(model)] == ["1951  (2)", "1967  (3)"]  # type: ignore[misc]


def test_set_library_resets_and_accepts_none(model: TimelineModel) -> None:
    model.set_library(Library(DOCUMENTS))
    model.set_library(Library(DOCUMENTS[:2]))
    assert tree(model) == [("1951  (2)", [("July  (2)", ["Stalin to Mao", "Mao to Stalin"])])]

    model.set_library(None)
    assert model.rowCount() == 0


def test_duplicate_ids_in_a_plain_list_keep_the_last(qapp: object) -> None:
    model = TimelineModel([Document("a", "First", "1950"), Document("a", "Second", "1960")])

    assert tree(model) == [("1960  (1)", [("Month unknown  (1)", ["Second"])])]


def synthetic(count: int) -> list[Document]:
    return [
        Document(
            f"doc-{n}",
            f"Document {n}",
            None if n % 97 == 0 else f"{1945 + n % 45}-{1 + n % 12:02d}-{1 + n % 28:02d}",
        )
        for n in range(count)
    ]


def test_ten_thousand_documents(qapp: object) -> None:
    library = Library(synthetic(10_000))

    built = TimelineModel(library)
    incremental = TimelineModel()
    for document in library:
        incremental.add_document(document)

    assert len(built.document_ids_in_order()) == 10_000
    assert incremental.document_ids_in_order() == built.document_ids_in_order()
    assert built.rowCount() == 46  # 45 years and Undated


def true_references_lost(action: Callable[[], object]) -> int:
    """How many references to True ``action`` drops, with garbage collection kept out of it."""
    gc.collect()
    gc.disable()
    try:
        before = sys.getrefcount(True)
        action()
        return before - sys.getrefcount(True)
    finally:
        gc.enable()


def test_many_adds_keep_python_singletons_alive(qapp: object) -> None:
    # PySide6 6.12.0 on Python 3.11 drops a reference to True per Python-side signal emit and the
    # interpreter aborts once True's count reaches zero (pyproject caps PySide6 there). 200 adds
    # emit about 400 dataChanged signals, so a leak shows far above the noise allowed here.
    model = TimelineModel()
    documents = synthetic(200)

    def add_all() -> None:
        for document in documents:
            model.add_document(document)

    assert true_references_lost(add_all) < 50


def test_a_large_library_makes_document_rows_only_where_a_view_looks(qapp: object) -> None:
    entries = [
        Document(f"d{k:05d}", f"Cable {k}", f"{1945 + k % 40}-{k % 12 + 1:02d}-{k % 28 + 1:02d}")
        for k in range(6000)
    ]
    model = TimelineModel(Library(entries))
    months = {entry.date[:7] for entry in entries if entry.date}
    groups = len({month[:4] for month in months}) + len(months)
    assert len(model._nodes) == groups  # years and months only
    year = model.index(0, 0)
    month = model.index(0, 0, year)
    in_month = sum(entry.date.startswith("1945-01") for entry in entries if entry.date)
    assert model.rowCount(month) == in_month == model.data(month, TimelineRole.COUNT) == 50
    assert model.data(model.index(0, 0, month), TimelineRole.KIND) == "document"
    assert len(model._nodes) == groups + in_month  # the one month looked into
    found = model.index_of_document("d05999")  # its month is made on the way
    assert model.document_id(found) == "d05999"
    assert model.data(found.parent(), TimelineRole.DATE) == "1984-12"
    # Every document is there, in order, once each.
    ids = model.document_ids_in_order()
    assert sorted(ids) == sorted(entry.id for entry in entries) and len(set(ids)) == len(ids)
    model.add_document(Document("new", "A new cable", "1945-01-01"))
    model.remove_document("d00000")
    assert model.data(model.index(0, 0, model.index(0, 0)), TimelineRole.COUNT) == 50
    # Qt's checker walks every row (making the rest) and finds the tree consistent.
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert len(model._nodes) == groups + len(entries)
