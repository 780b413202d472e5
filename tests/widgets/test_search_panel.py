"""The search panel as a reader uses it: type, wait, read the snippets, open a hit."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from reader.core.parsing import parse_file
from reader.core.search_index import DocumentHits, Hit, QueryError, SearchIndex
from reader.models.search_results_model import SearchRole
from reader.widgets.search_panel import (
    EMPTY_QUERY_TEXT,
    NO_MATCH_TEXT,
    PLACEHOLDER,
    SearchPanel,
)
from reader.widgets.theme import apply_theme

PROJECT_DIR = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = PROJECT_DIR / "build" / "screenshots"
MARKUP = 'Report <b>bold</b> <img src="http://example.com/track.png"> ends'


def spans_of(snippet: str, *words: str) -> tuple[tuple[int, int], ...]:
    return tuple((snippet.index(word), snippet.index(word) + len(word)) for word in words)


def text_hit(snippet: str, paragraph: int, language: str, *words: str) -> Hit:
    side = "transcript" if language == "ru" else "translation"
    return Hit("text", side, language, paragraph, None, snippet, spans_of(snippet, *words))


def sample_results() -> list[DocumentHits]:
    ru = (
        "Товарищ Мао Цзэдун! Вашу шифровку от 20 июля получили. Мы считаем, что переговоры "
        "о перемирии надо затягивать, а шифровки по этому вопросу передавать немедленно."
    )
    en = (
        "Comrade Mao Zedong! We received your cipher telegram of 20 July. We believe that the "
        "armistice negotiations should be dragged out, and further cipher telegrams sent at once."
    )
    title = "Cable from Filippov (Stalin) to Mao Zedong"
    return [
        DocumentHits(
            "117421",
            title,
            "1951-07-21",
            3.2,
            (
                Hit("title", None, None, None, None, title, spans_of(title, "Cable")),
                text_hit(ru, 0, "ru", "шифровку", "шифровки"),
                text_hit(en, 0, "en", "cipher telegram", "cipher telegrams"),
            ),
            5,
        ),
        DocumentHits(
            "113013",
            "Ciphered telegram, Krasovsky to Stalin",
            "1951-07-13",
            1.4,
            (
                text_hit("Шифровка о демаркационной линии у Кэсона.", 3, "ru", "Шифровка"),
                Hit(
                    "note",
                    None,
                    None,
                    None,
                    "n1",
                    "Compare with the cipher of 20 July",
                    ((17, 23),),
                ),
            ),
            2,
        ),
        DocumentHits("markup", "Telegram <script>", None, 0.5, (text_hit(MARKUP, 1, "en"),), 1),
    ]


class FakeSearch:
    """Stands in for SearchIndex.search: records calls, fails on an unclosed quote."""

    def __init__(self, results: list[DocumentHits] | None = None) -> None:
        self.results = sample_results() if results is None else results
        self.calls: list[tuple[str, str]] = []

    def __call__(self, query: str, order: str) -> list[DocumentHits]:
        self.calls.append((query, order))
        if query.count('"') % 2:
            raise QueryError("Close the quotation mark after the phrase.")
        if query == "nothing":
            return []
        return self.results if order == "relevance" else list(reversed(self.results))


@pytest.fixture
def search() -> FakeSearch:
    return FakeSearch()


@pytest.fixture
def panel(qtbot, search: FakeSearch) -> SearchPanel:
    widget = SearchPanel(search)
    qtbot.addWidget(widget)
    widget.resize(420, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_starts_empty_and_says_what_to_do(panel: SearchPanel, search: FakeSearch) -> None:
    assert panel.field.placeholderText() == PLACEHOLDER
    assert panel.status_text() == EMPTY_QUERY_TEXT
    assert search.calls == []


def test_typing_searches_once_after_a_pause(qtbot, panel: SearchPanel, search) -> None:
    qtbot.keyClicks(panel.field, "cipher")
    assert search.calls == []  # not on every key
    qtbot.waitUntil(lambda: search.calls == [("cipher", "relevance")], timeout=2000)
    assert panel.model.rowCount() == 3
    assert panel.status_text() == "3 documents · 8 hits"
    qtbot.wait(300)
    assert len(search.calls) == 1


def test_enter_runs_at_once(qtbot, panel: SearchPanel, search) -> None:
    panel.field.insert("шифровка")  # as typed (QTest can only type ASCII)
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    assert search.calls == [("шифровка", "relevance")]
    qtbot.wait(300)
    assert len(search.calls) == 1  # the pending debounced run was dropped


def test_bad_query_shows_the_message_in_place(qtbot, panel: SearchPanel, search) -> None:
    panel.set_query('"open phrase')
    assert panel.status_label.text() == "Close the quotation mark after the phrase."
    assert panel.model.rowCount() == 0
    assert not panel.results_view.placeholder_text  # the error says it all
    assert QApplication.activeModalWidget() is None


def test_a_bad_query_is_explained_in_the_interface_language(qtbot, qapp) -> None:
    from reader.core.search_query import compile_query
    from reader.widgets.translations import install_translators

    def search(query: str, order: str) -> list[DocumentHits]:
        compile_query(query)  # the core's own errors, as the real search raises them
        return []

    panel = SearchPanel(search)
    qtbot.addWidget(panel)
    install_translators(qapp, "ru")
    try:
        panel.set_query('"open phrase')
        assert panel.status_text() == 'У фразы нет закрывающей кавычки (").'
        panel.set_query("Korea AND")
        assert panel.status_text() == "Для AND нужны слова с обеих сторон."
    finally:
        install_translators(qapp, "en")
    panel.set_query("(Korea")
    assert panel.status_text() == "A parenthesis is not closed."


def test_no_match_and_cleared_states(qtbot, panel: SearchPanel) -> None:
    panel.set_query("nothing")
    assert panel.status_text() == NO_MATCH_TEXT
    panel.set_query("cipher")
    qtbot.keyClick(panel.field, Qt.Key.Key_Escape)
    assert panel.field.text() == ""
    assert panel.model.rowCount() == 0
    assert panel.status_text() == EMPTY_QUERY_TEXT


def test_order_switch_runs_again(panel: SearchPanel, search) -> None:
    panel.set_query("cipher")
    panel.order_combo.setCurrentIndex(1)
    assert search.calls[-1] == ("cipher", "date")
    assert panel.model.index(0, 0).data(SearchRole.DOCUMENT_ID) == "markup"


def test_clicking_a_hit_emits_it_and_a_document_opens_or_closes(qtbot, panel: SearchPanel) -> None:
    panel.set_query("cipher")
    view = panel.results_view
    document = panel.model.index(0, 0)
    hit = panel.model.index(2, 0, document)
    with qtbot.waitSignal(panel.hit_activated) as blocker:
        qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(hit).center()
        )
    assert blocker.args == ["117421", panel.model.results()[0].hits[2]]
    emitted: list[object] = []
    panel.hit_activated.connect(lambda *args: emitted.append(args))
    point = view.visualRect(document).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert not view.isExpanded(document)  # the group closes: its hits are out of the way
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert view.isExpanded(document)
    assert emitted == []


def test_double_click_emits_once(qtbot, panel: SearchPanel) -> None:
    panel.set_query("cipher")
    view = panel.results_view
    hit = panel.model.index(0, 0, panel.model.index(1, 0))
    emitted: list[tuple[str, object]] = []
    panel.hit_activated.connect(lambda doc, found: emitted.append((doc, found)))
    point = view.visualRect(hit).center()
    button = Qt.MouseButton.LeftButton
    # What a real double-click delivers: press, release, press, double-click, release.
    qtbot.mousePress(view.viewport(), button, pos=point)
    qtbot.mouseRelease(view.viewport(), button, pos=point)
    qtbot.mousePress(view.viewport(), button, pos=point)
    qtbot.mouseDClick(view.viewport(), button, pos=point)
    qtbot.mouseRelease(view.viewport(), button, pos=point)
    assert [entry[0] for entry in emitted] == ["113013"]


def test_keyboard_from_field_into_results_and_back(qtbot, panel: SearchPanel) -> None:
    panel.focus_search()
    qtbot.keyClicks(panel.field, "cipher")
    qtbot.keyClick(panel.field, Qt.Key.Key_Down)  # moves in, running the pending search first
    view = panel.results_view
    assert view.hasFocus()
    assert view.currentIndex() == panel.model.index(0, 0)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    with qtbot.waitSignal(panel.hit_activated) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert blocker.args[0] == "117421"
    assert blocker.args[1].kind == "title"
    qtbot.keyClick(view, Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_Up)  # from the first row back to the query
    assert panel.field.hasFocus()
    assert panel.field.selectedText() == "cipher"


def test_escape_in_an_empty_field_is_left_to_others(qtbot, panel: SearchPanel) -> None:
    panel.focus_search()
    seen: list[int] = []
    original = panel.keyPressEvent
    panel.keyPressEvent = lambda event: (seen.append(event.key()), original(event))  # type: ignore[method-assign]
    qtbot.keyClick(panel.field, Qt.Key.Key_Escape)
    assert seen == [Qt.Key.Key_Escape]  # it propagated from the field to the panel


def test_markup_in_a_snippet_is_shown_literally(qtbot, panel: SearchPanel) -> None:
    panel.set_query("report")
    document = panel.model.index(2, 0)
    hit = panel.model.index(0, 0, document)
    assert hit.data(Qt.ItemDataRole.DisplayRole) == MARKUP
    assert document.data(Qt.ItemDataRole.DisplayRole) == "Telegram <script> — Undated (1)"
    image = panel.results_view.viewport().grab().toImage()
    assert not image.isNull()
    # Drawn as text, "<b>…<img …>" is wide; rendered as HTML it would be a few short words.
    rect = panel.results_view.visualRect(hit)
    assert _inked_width(image, rect.top(), rect.bottom()) > rect.width() * 0.6


def _inked_width(image: QImage, top: int, bottom: int) -> int:
    """How far right anything differs from the row's background colour."""
    background = QColor(image.pixel(image.width() - 2, top + 1))
    right = 0
    for y in range(max(0, top), min(image.height(), bottom), 2):
        for x in range(image.width() - 1, right, -1):
            if QColor(image.pixel(x, y)) != background:
                right = x
                break
    return right


def test_against_a_real_index(qtbot, tmp_path: Path) -> None:
    index = SearchIndex.open(tmp_path / "search.sqlite3")
    try:
        index.add_document(parse_file(PROJECT_DIR / "corpus" / "117421.txt"))
        index.commit()
        widget = SearchPanel(lambda query, order: index.search(query, order=order))  # type: ignore[arg-type]
        qtbot.addWidget(widget)
        widget.set_query("шифровка")  # «шифровку» in the text: word forms meet
        assert widget.model.rowCount() == 1
        hit = widget.model.index(0, 0, widget.model.index(0, 0))
        snippet = hit.data(Qt.ItemDataRole.DisplayRole)
        start, end = hit.data(SearchRole.SPANS)[0]
        assert snippet[start:end].lower().startswith("шифровк")
        widget.set_query("(a")
        assert widget.status_label.text()
    finally:
        index.close()


# ----- screenshots ----------------------------------------------------------------------------


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshot(qtbot, theme: str) -> None:
    """Pictures to look at: build/screenshots/search-panel-{light,dark}.png."""
    app = QApplication.instance()
    apply_theme(app, theme)  # qdarktheme.setup_theme(theme) plus the app's few extra rules
    try:
        widget = SearchPanel(FakeSearch())
        qtbot.addWidget(widget)
        widget.resize(420, 560)
        widget.show()
        qtbot.waitExposed(widget)
        widget.set_query("шифровка cipher")
        widget.results_view.setCurrentIndex(widget.model.index(1, 0, widget.model.index(0, 0)))
        qtbot.wait(50)
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOT_DIR / f"search-panel-{theme}.png"
        assert widget.grab().save(str(path))
        assert path.stat().st_size > 5_000
    finally:
        apply_theme(app, "light")
