"""Search results a reader can live with: every hit reachable, titles told apart in a narrow
panel, snippets that show their hit, results that follow the index, and the keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication

from reader.core.search_index import DocumentHits, Hit
from reader.models.search_results_model import SearchRole
from reader.widgets.search_panel import SearchPanel
from reader.widgets.theme import apply_theme

LEFT = Qt.MouseButton.LeftButton
NARROW = 250


def text_hit(paragraph: int, snippet: str | None = None, word: str = "cipher") -> Hit:
    snippet = snippet or f"Paragraph {paragraph + 1} mentions the cipher telegram once."
    start = snippet.index(word)
    return Hit("text", "translation", "en", paragraph, None, snippet, ((start, start + len(word)),))


EIGHT = [text_hit(n) for n in range(8)]
TITLE = "Ciphered Telegram from Krasovsky to Filippov [Stalin] about the talks at Kaesong"


def eight_hits(
    title: str = TITLE, document_id: str = "eight", date: str = "1951-07-13"
) -> DocumentHits:
    return DocumentHits(document_id, title, date, 2.0, tuple(EIGHT[:3]), 8)


def small(document_id: str, title: str, date: str = "1951-07-21") -> DocumentHits:
    return DocumentHits(document_id, title, date, 1.0, (text_hit(0),), 1)


class Library:
    """A search and a more-hits function over results a test can change, recording calls."""

    def __init__(self, results: list[DocumentHits]) -> None:
        self.results = results
        self.every: dict[str, list[Hit]] = {"eight": EIGHT}
        self.searches: list[tuple[str, str]] = []
        self.fetches: list[tuple[str, str]] = []

    def search(self, query: str, order: str) -> list[DocumentHits]:
        self.searches.append((query, order))
        return list(self.results)

    def more_hits(self, query: str, document_id: str) -> list[Hit]:
        self.fetches.append((query, document_id))
        return list(self.every.get(document_id, []))


@pytest.fixture
def library() -> Library:
    return Library([eight_hits(), small("two", "Mao Zedong to Filippov [Stalin]")])


def make_panel(qtbot, library: Library, width: int = 420, more: bool = True) -> SearchPanel:
    panel = SearchPanel(library.search, more_hits=library.more_hits if more else None)
    # Qt's model checker watches every reset, insertion and removal the panel makes.
    panel.tester = QAbstractItemModelTester(  # type: ignore[attr-defined]
        panel.model, QAbstractItemModelTester.FailureReportingMode.Fatal
    )
    qtbot.addWidget(panel)
    panel.resize(width, 640)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


@pytest.fixture
def panel(qtbot, library: Library) -> SearchPanel:
    return make_panel(qtbot, library)


def snippets(panel: SearchPanel, row: int = 0) -> list[str]:
    document = panel.model.index(row, 0)
    return [
        panel.model.index(child, 0, document).data(Qt.ItemDataRole.DisplayRole)
        for child in range(panel.model.rowCount(document))
    ]


def click(qtbot, panel: SearchPanel, index: QModelIndex) -> None:
    view = panel.results_view
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), LEFT, pos=view.visualRect(index).center())


def drawn(panel: SearchPanel, index: QModelIndex) -> str:
    return "".join(panel.results_view.drawn_lines(index)).replace("\u00a0", " ")


# ----- every hit reachable ------------------------------------------------------------------


def test_a_document_with_more_hits_than_shown_has_a_more_row(panel: SearchPanel) -> None:
    panel.set_query("cipher")
    document = panel.model.index(0, 0)
    more = panel.model.index(3, 0, document)
    assert more.data(SearchRole.KIND) == "more"
    assert more.data(Qt.ItemDataRole.DisplayRole) == "… 5 more hits"
    assert "5 more hits" in drawn(panel, more)
    assert panel.model.rowCount(panel.model.index(1, 0)) == 1  # all shown: no "more" row


def test_clicking_more_fetches_the_rest_and_inserts_them_in_place(
    qtbot, panel: SearchPanel, library: Library
) -> None:
    panel.set_query("cipher")
    document = panel.model.index(0, 0)
    kept = QPersistentModelIndex(panel.model.index(1, 0, document))
    resets: list[bool] = []
    panel.model.modelReset.connect(lambda: resets.append(True))
    emitted: list[object] = []
    panel.hit_activated.connect(lambda *args: emitted.append(args))
    click(qtbot, panel, panel.model.index(3, 0, document))
    assert library.fetches == [("cipher", "eight")]
    assert snippets(panel) == [hit.snippet for hit in EIGHT]  # all 8, in reading order
    assert resets == [] and kept.isValid()  # rows inserted, not a reset
    assert emitted == []  # fetching opens nothing
    current = panel.results_view.currentIndex()
    assert current.data(SearchRole.HIT) == EIGHT[3]  # the reader carries on from the first new
    assert panel.status_text() == "2 documents · 9 hits"


def test_enter_on_more_fetches_and_a_double_click_fetches_once(qtbot, library: Library) -> None:
    library.results = [eight_hits(), eight_hits(document_id="eight-b", title="Other")]
    library.every["eight-b"] = EIGHT
    panel = make_panel(qtbot, library)
    panel.set_query("cipher")
    view = panel.results_view
    view.setFocus()
    view.setCurrentIndex(panel.model.index(3, 0, panel.model.index(0, 0)))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert library.fetches == [("cipher", "eight")]
    assert panel.model.rowCount(panel.model.index(0, 0)) == 8
    emitted: list[object] = []
    panel.hit_activated.connect(lambda *args: emitted.append(args))
    more = panel.model.index(3, 0, panel.model.index(1, 0))
    view.scrollTo(more)
    point = view.visualRect(more).center()
    qtbot.mousePress(view.viewport(), LEFT, pos=point)
    qtbot.mouseRelease(view.viewport(), LEFT, pos=point)
    qtbot.mousePress(view.viewport(), LEFT, pos=point)
    qtbot.mouseDClick(view.viewport(), LEFT, pos=point)
    qtbot.mouseRelease(view.viewport(), LEFT, pos=point)
    assert library.fetches[1:] == [("cipher", "eight-b")]
    assert panel.model.rowCount(panel.model.index(1, 0)) == 8
    assert emitted == []  # the second click did not open the hit that took the row's place


def test_without_a_more_hits_function_more_opens_the_document(qtbot, library: Library) -> None:
    panel = make_panel(qtbot, library, more=False)  # the old constructor still works
    panel.set_query("cipher")
    with qtbot.waitSignal(panel.hit_activated) as blocker:
        click(qtbot, panel, panel.model.index(3, 0, panel.model.index(0, 0)))
    assert blocker.args == ["eight", None]


def test_a_document_row_opens_and_closes_its_group(qtbot, panel: SearchPanel) -> None:
    panel.set_query("cipher")
    view = panel.results_view
    document = panel.model.index(0, 0)
    emitted: list[object] = []
    panel.hit_activated.connect(lambda *args: emitted.append(args))
    click(qtbot, panel, document)
    assert not view.isExpanded(document)
    assert drawn(panel, document).startswith(TITLE[:10])
    view.setFocus()
    view.setCurrentIndex(document)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.isExpanded(document)
    point = view.visualRect(document).center()
    qtbot.mousePress(view.viewport(), LEFT, pos=point)
    qtbot.mouseRelease(view.viewport(), LEFT, pos=point)
    qtbot.mousePress(view.viewport(), LEFT, pos=point)
    qtbot.mouseDClick(view.viewport(), LEFT, pos=point)
    qtbot.mouseRelease(view.viewport(), LEFT, pos=point)
    assert not view.isExpanded(document)  # a double-click toggles once, not twice
    assert emitted == []
    with qtbot.waitSignal(panel.hit_activated) as blocker:  # Ctrl+Enter opens the document
        qtbot.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args == ["eight", None]


# ----- titles told apart ----------------------------------------------------------------------


def test_titles_differing_only_at_their_ends_stay_apart_at_250_px(qtbot, library) -> None:
    start = "Ciphered Telegram from Krasovsky to Filippov [Stalin] on the armistice talks,"
    library.results = [
        small("a", f"{start} with a report on the demarcation line at Kaesong", "1951-07-13"),
        small("b", f"{start} with a report on the exchange of prisoners of war", "1951-07-13"),
    ]
    panel = make_panel(qtbot, library, width=NARROW)
    panel.set_query("cipher")
    first, second = (drawn(panel, panel.model.index(row, 0)) for row in (0, 1))
    assert first != second
    assert "at Kaesong —" in first and "of war —" in second  # the ends, which differ
    assert first.startswith("Ciphered Telegram")  # and the start, which says what it is
    for text in (first, second):
        assert text.endswith("— 13 Jul 1951 (1)")  # the date beside the title, always
        assert "Ciphered T…" not in text
    rows = [panel.results_view.drawn_lines(panel.model.index(row, 0)) for row in (0, 1)]
    assert all(1 <= len(lines) <= 2 for lines in rows)
    height = panel.results_view.visualRect(panel.model.index(0, 0)).height()
    assert height >= 2 * panel.fontMetrics().lineSpacing()  # the row has room for its 2 lines


def test_a_short_title_takes_one_line(qtbot, library) -> None:
    library.results = [small("a", "Mao to Stalin")]
    panel = make_panel(qtbot, library, width=NARROW)
    panel.set_query("cipher")
    assert panel.results_view.drawn_lines(panel.model.index(0, 0)) == [
        "Mao to Stalin —\u00a021\u00a0Jul\u00a01951\u00a0(1)"
    ]


# ----- snippets centred on the hit ---------------------------------------------------------------


def test_a_hit_near_the_end_of_a_long_snippet_still_shows(qtbot, library) -> None:
    words = "The delegation spent the whole morning on procedure and the agenda again and "
    snippet = (words * 3)[:200] + "then the cipher arrived from Moscow with instructions…"
    library.results = [
        DocumentHits("long", "Long", "1951", 1.0, (text_hit(0, snippet, "cipher"),), 1)
    ]
    panel = make_panel(qtbot, library, width=NARROW)
    panel.set_query("cipher")
    hit = panel.model.index(0, 0, panel.model.index(0, 0))
    text = drawn(panel, hit)
    assert "cipher" in text  # the hit is among the drawn lines
    assert "… " not in text[:8] or text.index("cipher") < len(text) // 2 + 20
    assert len(panel.results_view.drawn_lines(hit)) <= 2
    assert text.startswith("EN ¶ 1  …")  # cut in front, and says so


def test_a_hit_at_the_start_is_left_alone(qtbot, library) -> None:
    snippet = "Cipher telegram received. " + "More words follow here. " * 10
    library.results = [DocumentHits("s", "S", "1951", 1.0, (text_hit(0, snippet, "Cipher"),), 1)]
    panel = make_panel(qtbot, library, width=NARROW)
    panel.set_query("cipher")
    assert drawn(panel, panel.model.index(0, 0, panel.model.index(0, 0))).startswith(
        "EN ¶ 1  Cipher telegram"
    )


# ----- results refresh ------------------------------------------------------------------------


def test_refresh_runs_again_and_keeps_the_readers_place(qtbot, panel: SearchPanel, library) -> None:
    panel.set_query("cipher")
    view = panel.results_view
    click(qtbot, panel, panel.model.index(3, 0, panel.model.index(0, 0)))  # all 8 hits
    click(qtbot, panel, panel.model.index(1, 0))  # the second group closed
    current = panel.model.index(5, 0, panel.model.index(0, 0))
    view.setCurrentIndex(current)
    # An import adds a document; the first two stay.
    library.results = [*library.results, small("new", "Newly imported cable")]
    panel.refresh()
    assert library.searches[-1] == ("cipher", "relevance")
    assert panel.model.rowCount() == 3
    assert panel.status_text() == "3 documents · 10 hits"
    assert panel.model.rowCount(panel.model.index(0, 0)) == 8  # the fetched hits are back
    assert not view.isExpanded(panel.model.index(1, 0))
    assert view.isExpanded(panel.model.index(2, 0))
    assert view.currentIndex().data(SearchRole.HIT) == EIGHT[5]


def test_refresh_after_the_current_hit_went_away(qtbot, panel: SearchPanel, library) -> None:
    panel.set_query("cipher")
    panel.results_view.setCurrentIndex(panel.model.index(0, 0, panel.model.index(1, 0)))
    library.results = [eight_hits()]
    panel.refresh()
    assert panel.model.rowCount() == 1
    assert panel.status_text() == "1 document · 8 hits"
    library.results = []
    panel.refresh()
    assert panel.status_text() == "No documents match"


def test_a_new_query_starts_afresh(qtbot, panel: SearchPanel, library) -> None:
    panel.set_query("cipher")
    click(qtbot, panel, panel.model.index(1, 0))
    panel.set_query("telegram")
    assert panel.results_view.isExpanded(panel.model.index(1, 0))
    assert library.fetches == []


# ----- keyboard -------------------------------------------------------------------------------


def test_keyboard_walks_documents_hits_and_more_rows(qtbot, panel: SearchPanel, library) -> None:
    panel.focus_search()
    qtbot.keyClicks(panel.field, "cipher")
    qtbot.keyClick(panel.field, Qt.Key.Key_Down)
    view = panel.results_view
    kinds = [view.currentIndex().data(SearchRole.KIND)]
    for _ in range(6):
        qtbot.keyClick(view, Qt.Key.Key_Down)
        kinds.append(view.currentIndex().data(SearchRole.KIND))
    assert kinds == ["document", "hit", "hit", "hit", "more", "document", "hit"]
    for _ in range(2):
        qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.currentIndex().data(SearchRole.KIND) == "more"
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert library.fetches == [("cipher", "eight")]
    assert view.currentIndex().data(SearchRole.HIT) == EIGHT[3]
    with qtbot.waitSignal(panel.hit_activated) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Enter)
    assert blocker.args == ["eight", EIGHT[3]]
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert panel.field.hasFocus()
    assert panel.field.text() == "cipher"  # Esc in the results keeps the query


# ----- dark theme -----------------------------------------------------------------------------


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_rows_read_in_both_themes(qtbot, library, theme: str) -> None:
    app = QApplication.instance()
    apply_theme(app, theme)
    try:
        panel = make_panel(qtbot, library, width=NARROW)
        panel.set_query("cipher")
        qtbot.wait(20)
        image = panel.results_view.viewport().grab().toImage()
        for index in (panel.model.index(0, 0), panel.model.index(3, 0, panel.model.index(0, 0))):
            rect = panel.results_view.visualRect(index)
            background = QColor(image.pixel(rect.right() - 2, rect.bottom() - 1))
            ink = max(
                (
                    abs(QColor(image.pixel(x, y)).lightnessF() - background.lightnessF())
                    for y in range(rect.top(), rect.bottom())
                    for x in range(rect.left(), min(rect.right(), rect.left() + 120))
                ),
                default=0.0,
            )
            assert ink > 0.4, index.data(Qt.ItemDataRole.DisplayRole)  # text stands out
    finally:
        apply_theme(app, "light")
