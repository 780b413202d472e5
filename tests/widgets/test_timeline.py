"""TimelineView: the user opens documents by mouse and keyboard; code only shows what is open."""

from __future__ import annotations

import gc
import sys

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QAbstractItemModelTester
from pytestqt.qtbot import QtBot

from reader.core.document import Document
from reader.core.library import Library
from reader.models.timeline_model import TimelineModel
from reader.widgets.timeline import MINIMUM_WIDTH, TimelineView

DOCUMENTS = [
    Document("a", "Alpha cable", "1951-07-03"),
    Document("b", "Bravo letter", "1951-07-21"),
    Document("c", "Charlie memorandum", "1951-08-02"),
    Document("d", "Delta telegram", "1952-01-05"),
    Document("e", "Echo note without a date", None),
] + [Document(f"filler-{n}", f"Filler {n}", f"1960-{1 + n % 12:02d}-01") for n in range(60)]


@pytest.fixture
def view(qtbot: QtBot) -> TimelineView:
    model = TimelineModel()
    model.tester = QAbstractItemModelTester(  # type: ignore[attr-defined]  # keep it alive
        model, QAbstractItemModelTester.FailureReportingMode.Fatal
    )
    model.set_library(Library(DOCUMENTS))
    timeline = TimelineView(model)
    qtbot.addWidget(timeline)
    timeline.resize(300, 400)
    timeline.show()
    qtbot.waitExposed(timeline)
    return timeline


def model_of(view: TimelineView) -> TimelineModel:
    model = view.timeline_model()
    assert model is not None
    return model


def click(qtbot: QtBot, view: TimelineView, document_id: str) -> None:
    index = model_of(view).index_of_document(document_id)
    view.scrollTo(index)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def selected_ids(view: TimelineView) -> list[str | None]:
    model = model_of(view)
    return [model.document_id(index) for index in view.selectionModel().selectedIndexes()]


def test_basic_setup(view: TimelineView) -> None:
    assert view.isHeaderHidden()
    assert view.uniformRowHeights()
    assert view.minimumWidth() == MINIMUM_WIDTH
    assert view.textElideMode() == Qt.TextElideMode.ElideMiddle
    model = model_of(view)
    for document in DOCUMENTS:  # every group is expanded
        parent = model.index_of_document(document.id).parent()
        while parent.isValid():
            assert view.isExpanded(parent)
            parent = parent.parent()


def test_click_on_a_document_emits_its_id(qtbot: QtBot, view: TimelineView) -> None:
    with qtbot.waitSignal(view.document_selected, timeout=1000) as blocker:
        click(qtbot, view, "b")

    assert blocker.args == ["b"]
    assert selected_ids(view) == ["b"]


def test_click_on_a_group_opens_nothing_and_keeps_the_open_document(
    qtbot: QtBot, view: TimelineView
) -> None:
    view.select_document("b")
    year = model_of(view).index(0, 0, QModelIndex())
    rect = view.visualRect(year)

    with qtbot.assertNotEmitted(view.document_selected):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    assert selected_ids(view) == ["b"]


def test_down_arrow_to_the_next_document_emits(qtbot: QtBot, view: TimelineView) -> None:
    view.select_document("a")
    view.setFocus()

    with qtbot.waitSignal(view.document_selected, timeout=1000) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Down)

    assert blocker.args == ["b"]
    assert selected_ids(view) == ["b"]


def test_keyboard_only_walk_through_groups(qtbot: QtBot, view: TimelineView) -> None:
    opened: list[str] = []
    view.document_selected.connect(opened.append)
    view.setFocus()

    # Home is the 1951 row; Down goes to July, Alpha, Bravo, and then onto the August group row,
    # which opens nothing and leaves Bravo highlighted as the open document.
    qtbot.keyClick(view, Qt.Key.Key_Home)
    for _ in range(4):
        qtbot.keyClick(view, Qt.Key.Key_Down)
    assert opened == ["a", "b"]
    assert model_of(view).data(view.currentIndex()) == "August  (1)"
    assert selected_ids(view) == ["b"]

    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert opened == ["a", "b", "c"]

    qtbot.keyClick(view, Qt.Key.Key_End)
    assert opened[-1] == "e"  # Undated is last


def test_left_and_right_collapse_and_expand_groups(qtbot: QtBot, view: TimelineView) -> None:
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Home)
    year = view.currentIndex()

    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert not view.isExpanded(year)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.isExpanded(year)


def test_type_ahead_finds_a_title(qtbot: QtBot, view: TimelineView) -> None:
    view.setFocus()

    with qtbot.waitSignal(view.document_selected, timeout=1000) as blocker:
        qtbot.keyClicks(view, "Delta")

    assert blocker.args == ["d"]


def test_select_document_is_silent_selected_and_visible(qtbot: QtBot, view: TimelineView) -> None:
    model = model_of(view)
    view.collapseAll()

    with qtbot.assertNotEmitted(view.document_selected):
        view.select_document("e")

    index = model.index_of_document("e")
    assert view.currentIndex() == index
    assert selected_ids(view) == ["e"]
    assert view.isExpanded(index.parent())
    assert view.viewport().rect().contains(view.visualRect(index))
    assert view.selected_document_id() == "e"


def test_selection_survives_focus_leaving(qtbot: QtBot, view: TimelineView) -> None:
    view.select_document("c")
    view.setFocus()
    view.clearFocus()

    assert selected_ids(view) == ["c"]


def test_unknown_id_clears_the_selection(view: TimelineView) -> None:
    view.select_document("a")
    view.select_document("not-in-library")

    assert selected_ids(view) == []
    assert view.selected_document_id() is None


def test_model_changes_do_not_open_anything(qtbot: QtBot, view: TimelineView) -> None:
    model = model_of(view)
    view.select_document("b")

    with qtbot.assertNotEmitted(view.document_selected):
        model.add_document(Document("b", "Bravo letter, redated", "1953-02-02"))
        model.add_document(Document("new", "A new document", "1951-09-09"))
        model.set_library(Library(DOCUMENTS))

    assert selected_ids(view) == ["b"]


def test_new_groups_open_expanded(view: TimelineView) -> None:
    model = model_of(view)

    model.add_document(Document("new", "Later", "1999-12-31"))

    month = model.index_of_document("new").parent()
    assert view.isExpanded(month)
    assert view.isExpanded(month.parent())


def test_many_user_selections_keep_python_singletons_alive(
    qtbot: QtBot, view: TimelineView
) -> None:
    # See the model test of the same name: emitting must not leak references to True.
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Home)

    def walk_down_and_up() -> None:
        for key in [Qt.Key.Key_Down] * 70 + [Qt.Key.Key_Up] * 70:
            qtbot.keyClick(view, key)

    gc.collect()
    gc.disable()
    try:
        before = sys.getrefcount(True)
        walk_down_and_up()  # opens about 130 documents
        lost = before - sys.getrefcount(True)
    finally:
        gc.enable()
    assert lost < 30


def test_a_large_library_opens_with_years_expanded_and_the_open_month(qtbot: QtBot) -> None:
    from reader.widgets.timeline import EXPAND_ALL_UP_TO

    entries = [
        Document(f"d{k:05d}", f"Cable {k}", f"{1945 + k % 30}-{k % 12 + 1:02d}-{k % 28 + 1:02d}")
        for k in range(EXPAND_ALL_UP_TO + 1)
    ]
    model = TimelineModel(Library(entries))
    view = TimelineView(model)
    qtbot.addWidget(view)
    year = model.index(0, 0)
    assert view.isExpanded(year)
    assert not any(
        view.isExpanded(model.index(row, 0, year)) for row in range(model.rowCount(year))
    )
    view.select_document("d00400")  # 1955-05-09
    shown = model.index_of_document("d00400")
    assert view.isExpanded(shown.parent()) and view.selected_document_id() == "d00400"
    # A small library opens fully expanded, as before.
    small = TimelineView(TimelineModel(Library(entries[:EXPAND_ALL_UP_TO])))
    qtbot.addWidget(small)
    small_model = small.timeline_model()
    assert small_model is not None
    assert small.isExpanded(small_model.index(0, 0, small_model.index(0, 0)))


@pytest.mark.parametrize("name", ["light", "dark"])
def test_the_open_row_stands_out_from_a_hovered_one_in_an_inactive_window(
    qtbot: QtBot, view: TimelineView, name: str
) -> None:
    from PySide6.QtWidgets import QApplication, QWidget

    from reader.widgets.theme import apply_theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    palette, style_sheet = app.palette(), app.styleSheet()
    try:
        apply_theme(app, name)
        view.select_document("b")
        qtbot.wait(50)  # the view's own activation, on show, is done
        other = QWidget()  # the reader is in another window: the timeline's is inactive
        qtbot.addWidget(other)
        other.show()
        other.activateWindow()
        qtbot.waitActive(other)
        qtbot.waitUntil(lambda: not view.isActiveWindow(), timeout=2000)
        model = model_of(view)
        open_row = view.visualRect(model.index_of_document("b"))
        hovered = view.visualRect(model.index_of_document("c"))
        qtbot.mouseMove(view.viewport(), hovered.center())
        qtbot.wait(20)
        view.viewport().repaint()
        image = view.viewport().grab().toImage()
        ratio = image.devicePixelRatio()

        def background(rect) -> QColor:
            return image.pixelColor(
                round((rect.right() - 3) * ratio), round(rect.center().y() * ratio)
            )

        page = image.pixelColor(
            round((view.viewport().width() - 3) * ratio),
            round((view.viewport().height() - 3) * ratio),
        )

        def distance(colour: QColor) -> int:
            return sum(
                abs(a - b) for a, b in zip(colour.getRgb()[:3], page.getRgb()[:3], strict=True)
            )

        # Light: 103 against 51 (it was 46 against 113: the hovered row looked open).
        assert distance(background(open_row)) > 1.5 * distance(background(hovered))
    finally:
        app.setStyleSheet(style_sheet)
        app.setPalette(palette)
