"""Timeline rows tell alike titles apart: both ends of the title, and the day at the right."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QStyledItemDelegate

from reader.core.document import Document
from reader.core.library import Library
from reader.models.timeline_model import TimelineModel
from reader.widgets.timeline import TimelineView
from reader.widgets.timeline_delegate import TimelineDelegate, day_of, fitted_title

ALIKE = [
    Document(
        "a", "Memorandum of Conversation between Mao Zedong and N. S. Khrushchev", "1958-07-31"
    ),
    Document("b", "Memorandum of Conversation between Mao Zedong and P. F. Yudin", "1958-07-22"),
    Document("c", "Memorandum of Conversation, month unknown", "1958"),
]


def test_day_of_a_date_known_to_the_day() -> None:
    assert day_of("1951-07-21") == "21"
    assert day_of("1951-07-03") == "3"
    assert day_of("1951-07") == day_of("1951") == day_of(None) == ""


def test_alike_titles_keep_their_distinct_ends(qapp: object) -> None:
    metrics = QFontMetrics(QFont())
    width = metrics.horizontalAdvance("Memorandum of Conversation") + 30
    first, second = (fitted_title(doc.title, "31", metrics, width) for doc in ALIKE[:2])
    assert first != second
    assert first.startswith("Memo") and first.endswith("Khrushchev"[-3:])
    assert second.endswith("Yudin"[-3:])
    assert "…" in first
    assert metrics.horizontalAdvance(first) <= width - metrics.horizontalAdvance("31")
    short = "Cable"
    assert fitted_title(short, "21", metrics, 400) == short


def test_no_stray_punctuation_against_the_ellipsis(qapp: object) -> None:
    metrics = QFontMetrics(QFont())
    title = "Cable No. 4277, Filippov [Stalin] to Cde. Mao Zedong"
    for width in range(60, metrics.horizontalAdvance(title), 3):  # every cut of the title
        fitted = fitted_title(title, "21", metrics, width)
        head, _, tail = fitted.partition("…")
        assert not head.endswith((" ", ",", ".")) and not tail.startswith((" ", ",", ".")), fitted


def test_rows_paint_with_their_day(qtbot) -> None:
    view = TimelineView(TimelineModel(Library(ALIKE)))
    qtbot.addWidget(view)
    view.resize(240, 200)
    view.expandAll()
    view.show()
    qtbot.waitExposed(view)
    assert isinstance(view.itemDelegate(), TimelineDelegate)
    plain = view.viewport().grab().toImage()
    view.setItemDelegate(QStyledItemDelegate(view))
    # The day moves out of the title's line: the rows paint differently from Qt's own.
    assert plain != view.viewport().grab().toImage()
    assert not plain.isNull()
