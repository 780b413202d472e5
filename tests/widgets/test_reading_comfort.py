"""Reading comfort: the line length of a single column, quiet paragraph marks in both themes,
clicks that only read, the current Find match, bookmarks on both sides, and the notice."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
import qdarktheme
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QTextCursor
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from reader.core.alignment import Alignment
from reader.core.annotations import new_paragraph_bookmark
from reader.core.document import Text
from reader.core.pairing import TextPair
from reader.widgets.find_bar import FindBar
from reader.widgets.paragraph_pane import ParagraphPane
from reader.widgets.reading_view import ReadingView

SENTENCE = (
    "We have received your cipher message of 20 July and consider your point of view correct. "
)


def bilingual() -> TextPair:
    source = ("Товарищу МАО ЦЗЭДУНУ.", "Вашу шифровку от 20 июля получили. " * 8, "ФИЛИППОВ")
    target = ("to Cde. MAO ZEDONG", SENTENCE * 5, "21 July 1951 FILIPPOV")
    alignment = Alignment.from_pairs([((0,), (0,)), ((1,), (1,)), ((2,), (2,))], 3, 3)
    return TextPair(Text("ru", "transcript", source), Text("en", "translation", target), alignment)


def english_only(role: str = "translation") -> TextPair:
    text = Text("en", role, ("A heading", SENTENCE * 12, "The end."))  # type: ignore[arg-type]
    return TextPair(None, text, Alignment.one_sided(0, 3))


@pytest.fixture(params=["light", "dark"])
def theme(request) -> Iterator[str]:
    """Run under pyqtdarktheme's light and dark theme, and put the application back after."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    palette, style_sheet = app.palette(), app.styleSheet()
    qdarktheme.setup_theme(request.param)
    yield request.param
    app.setStyleSheet(style_sheet)
    app.setPalette(palette)


@pytest.fixture
def view(qtbot, shown_reading_view) -> ReadingView:
    return shown_reading_view(1300, 700)


def show(qtbot, view: ReadingView, pair: TextPair, **options: str) -> None:
    view.show_pair(pair, **options)
    qtbot.wait(120)  # lazy layout and the debounced re-levelling


def line_lengths(pane: ParagraphPane, paragraph: int) -> list[int]:
    """Characters on each full line of a paragraph (its last line is short by nature)."""
    block = pane.document().findBlockByNumber(paragraph)
    layout = block.layout()
    return [layout.lineAt(i).textLength() for i in range(layout.lineCount() - 1)]


def mean(values: list[int]) -> float:
    return sum(values) / len(values)


def distance(first: QColor, second: QColor) -> int:
    return sum(abs(a - b) for a, b in zip(first.getRgb()[:3], second.getRgb()[:3], strict=True))


def brightness(colour: QColor) -> float:
    return 0.299 * colour.red() + 0.587 * colour.green() + 0.114 * colour.blue()


def viewport_image(pane: ParagraphPane) -> QImage:
    pane.viewport().repaint()
    return pane.viewport().grab().toImage()


def pixel(image: QImage, x: float, y: float) -> QColor:
    ratio = image.devicePixelRatio()
    return image.pixelColor(round(x * ratio), round(y * ratio))


def hover(qtbot, pane: ParagraphPane, paragraph: int) -> None:
    y = pane.block_top(paragraph) - pane.verticalScrollBar().value() + 6
    qtbot.mouseMove(pane.viewport(), QPoint(2, 2))  # the pointer may be there from a test before
    qtbot.mouseMove(pane.viewport(), QPoint(pane.viewport().width() // 2, round(y)))


def click(qtbot, pane: ParagraphPane, paragraph: int, *, ctrl: bool = False) -> None:
    y = pane.block_top(paragraph) - pane.verticalScrollBar().value() + 6
    modifier = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    point = QPoint(round(pane.side_margin()) + 30, round(y))
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, modifier, point)


# -- 12: a comfortable measure for one language ----------------------------------------------------


def test_a_one_language_column_is_about_seventy_characters_wide_and_follows_zoom(
    qtbot, view
) -> None:
    show(qtbot, view, english_only())
    pane = view.right
    assert pane.viewport().width() > 1200  # room for far longer lines
    lengths = line_lengths(pane, 1)
    assert len(lengths) > 10
    assert 62 <= mean(lengths) <= 74, lengths
    assert max(lengths) <= 80
    # The column is centred, and the caption and notice start where the text does.
    text_left = pane.side_margin()
    assert text_left == pytest.approx(
        pane.viewport().width() - text_left - view.single_text_measure(), abs=1
    )
    caption_left = view.columns[1].caption.contentsMargins().left()
    assert caption_left == pytest.approx(
        pane.viewport().mapTo(view.columns[1], QPoint()).x() + text_left, abs=2
    )
    measure = view.single_text_measure()
    view.set_point_size(16)
    qtbot.wait(120)
    assert view.single_text_measure() > measure * 1.2
    assert 62 <= mean(line_lengths(pane, 1)) <= 74


def test_two_languages_keep_the_whole_width(qtbot, view) -> None:
    show(qtbot, view, bilingual())
    assert view.left.side_margin() == view.right.side_margin() < 30


# -- 13: one quiet block per paragraph, themed -----------------------------------------------------


def test_the_hover_mark_is_one_quiet_block_in_either_theme(qtbot, view, theme) -> None:
    show(qtbot, view, bilingual())
    view.refresh_colours()
    before = viewport_image(view.right)
    hover(qtbot, view.left, 1)
    assert view.right.marked("hover") == (1,)
    image = viewport_image(view.right)
    rect = view.right.mark_rect(1)
    x = rect.left() + 1  # inside the block, left of the text and of a sentence's mark
    page = pixel(before, x, rect.center().y())
    column = [pixel(image, x, y) for y in range(round(rect.top()) + 2, round(rect.bottom()) - 1)]
    assert len(column) > 60  # the five-line paragraph
    assert len({c.rgb() for c in column}) == 1, "the mark has gaps between its lines"
    mark = column[0]
    assert 0 < distance(mark, page) <= 45  # visible, and quiet
    if theme == "dark":
        assert brightness(mark) < 70  # a shade of the dark page, not a block of colour
    assert pixel(image, x, rect.top() - 3).rgb() == page.rgb()  # nothing outside the paragraph


def test_a_pinned_pair_is_tinted_more_than_a_hovered_one(qtbot, view, theme) -> None:
    show(qtbot, view, bilingual())
    hover_colour, pinned_colour = view.right.mark_colour("hover"), view.right.mark_colour("pinned")
    assert 0 < hover_colour.alpha() < pinned_colour.alpha() <= 60


def test_no_counterpart_mark_on_a_one_language_record(qtbot, view) -> None:
    show(qtbot, view, english_only())
    pane = view.right
    x = pane.mark_rect(1).left() + 2
    ys = range(round(pane.mark_rect(1).top()) + 2, round(pane.mark_rect(1).bottom()) - 1)
    before = viewport_image(pane)
    hover(qtbot, pane, 1)
    click(qtbot, pane, 1)
    assert pane.marked("hover") == () and pane.marked("pinned") == ()
    after = viewport_image(pane)
    assert [pixel(after, x, y).rgb() for y in ys] == [pixel(before, x, y).rgb() for y in ys]
    assert view.paragraph_in_focus() == ("target", 1)  # a bookmark still goes where clicked


# -- 14: clicks read; Ctrl+click (or the keyboard) selects for editing -----------------------------


def test_plain_clicks_do_not_prime_alignment_editing(qtbot, view) -> None:
    show(qtbot, view, bilingual())
    changes: list[bool] = []
    view.selection_changed.connect(lambda: changes.append(view.can_link()))
    click(qtbot, view.left, 1)
    click(qtbot, view.right, 2)
    assert (view.selected_paragraph("source"), view.selected_paragraph("target")) == (-1, -1)
    assert not view.can_link() and not view.can_edit_selected_pair()
    assert not any(changes)
    assert view.right.marked("pinned") == (2,)  # the click still pins the pair
    assert view.paragraph_in_focus() == ("target", 2)


def test_ctrl_click_selects_a_paragraph_in_each_pane_and_a_plain_click_drops_it(
    qtbot, view
) -> None:
    show(qtbot, view, bilingual())
    click(qtbot, view.left, 1, ctrl=True)
    assert view.selected_paragraph("source") == 1 and not view.can_link()
    click(qtbot, view.right, 2, ctrl=True)
    assert view.selected_paragraph("target") == 2
    assert view.can_link()
    click(qtbot, view.right, 2, ctrl=True)  # again: deselects
    assert view.selected_paragraph("target") == -1 and not view.can_link()
    click(qtbot, view.right, 2, ctrl=True)
    assert view.can_link()
    with qtbot.waitSignal(view.selection_changed):
        click(qtbot, view.left, 0)  # back to reading
    assert not view.can_link()
    assert view.selected_paragraph("source") == view.selected_paragraph("target") == -1


def test_scroll_keys_do_not_select_but_arrow_keys_do(qtbot, view) -> None:
    show(qtbot, view, bilingual())
    view.right.setFocus()
    qtbot.keyClick(view.right, Qt.Key.Key_PageDown)
    assert view.selected_paragraph("target") == -1
    qtbot.keyClick(view.right, Qt.Key.Key_Up)
    assert view.selected_paragraph("target") >= 0


# -- 15: the current Find match stands out -------------------------------------------------------


class FindWindow(QWidget):
    """Two reading panes and the find bar, wired as the main window wires them."""

    def __init__(self) -> None:
        super().__init__()
        self.panes = (ParagraphPane(self), ParagraphPane(self))
        self.panes[0].set_paragraphs(["Шифровка. " * 6, "Ещё шифровка."], "ru", self.font())
        self.panes[1].set_paragraphs(
            ["cipher one, cipher two, cipher three", "and a cipher"], "en", self.font()
        )
        self.bar = FindBar(self)
        layout = QVBoxLayout(self)
        for widget in (*self.panes, self.bar):
            layout.addWidget(widget)
        self.bar.set_targets(list(self.panes))
        self.bar.matches_changed.connect(self._draw)
        self.bar.hide()

    def _draw(self, found: dict[int, list[tuple[int, int, int]]]) -> None:
        for index, pane in enumerate(self.panes):
            pane.set_find_matches(found.get(index, []))


def match_colour(pane: ParagraphPane, match: tuple[int, int, int]) -> QColor:
    """The colour most of a match's line box is painted (the glyphs are the minority)."""
    paragraph, start, end = match
    block = pane.document().findBlockByNumber(paragraph)
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + start)
    left = pane.cursorRect(cursor)
    cursor.setPosition(block.position() + end)
    right = pane.cursorRect(cursor)
    image = viewport_image(pane)
    counts = Counter(
        pixel(image, x, y).rgb()
        for x in range(left.right() + 2, right.left() - 1)
        for y in range(left.top() + 1, left.bottom())
    )
    return QColor.fromRgb(counts.most_common(1)[0][0])


def test_the_current_match_is_drawn_distinctly_and_follows_f3(qtbot, theme) -> None:
    window = FindWindow()
    qtbot.addWidget(window)
    window.resize(900, 600)
    window.show()
    qtbot.waitExposed(window)
    bar = window.bar
    bar.open()
    bar.field.setText("cipher")
    qtbot.wait(20)
    right = window.panes[1]
    assert bar.count_label.text() == "1 of 4"
    assert right.current_find_match() == (0, 0, 6)
    qtbot.keyClick(bar.field, Qt.Key.Key_F3)
    assert bar.count_label.text() == "2 of 4"
    current, other = (0, 12, 18), (0, 0, 6)
    assert right.current_find_match() == current
    assert right.textCursor().position() == 18  # the caret, no selection to paint over the mark
    assert not right.textCursor().hasSelection()
    page = pixel(viewport_image(right), right.viewport().width() - 30, 5)
    strong, weak = match_colour(right, current), match_colour(right, other)
    assert distance(weak, page) > 20  # the other matches are marked too
    assert distance(strong, page) > 2 * distance(weak, page)  # the current one far more so
    assert distance(strong, weak) > 150
    qtbot.keyClick(bar.field, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count_label.text() == "1 of 4"
    assert right.current_find_match() == (0, 0, 6)
    bar.field.setText("шифровк")
    qtbot.wait(20)
    assert right.current_find_match() is None  # the current match moved to the other pane
    assert window.panes[0].current_find_match() is not None
    assert not right.textCursor().hasSelection()
    bar.close_bar()
    assert window.panes[0].current_find_match() is None


@pytest.mark.parametrize("name", ["light", "dark"])
def test_a_word_shown_to_the_reader_stays_marked_while_the_focus_is_elsewhere(qtbot, name) -> None:
    from reader.widgets.theme import apply_theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    palette, style_sheet = app.palette(), app.styleSheet()
    try:
        apply_theme(app, name)
        window = FindWindow()
        qtbot.addWidget(window)
        window.resize(900, 600)
        window.show()
        qtbot.waitExposed(window)
        window.bar.open()  # the focus is in the find field, as in the search results
        right = window.panes[1]
        right.show_range(0, 7, 10)  # «one», as a search hit or a note's quote is shown
        assert not right.hasFocus()
        page = pixel(viewport_image(right), right.viewport().width() - 30, 5)
        # As plain as a focused selection (135-165 here); unfocused, pyqtdarktheme's 60-80.
        assert distance(match_colour(right, (0, 7, 10)), page) > 110
    finally:
        app.setStyleSheet(style_sheet)
        app.setPalette(palette)


# -- 16: bookmarks on both sides, and a notice that says what is there ----------------------------


def test_a_paragraph_bookmark_is_flagged_in_both_margins(qtbot, view) -> None:
    pair = bilingual()
    show(qtbot, view, pair)
    assert pair.target is not None
    bookmark = new_paragraph_bookmark("doc", "target", "en", pair.target.paragraphs, 1, 1)
    view.set_annotations([bookmark])
    assert view.right._bookmarked == {1}
    assert view.left._bookmarked == {1}  # beside the Russian counterpart too
    view.swap_sides()
    assert view.left._bookmarked == view.right._bookmarked == {1}


def test_one_language_notices_say_what_the_record_holds(qtbot, view) -> None:
    show(qtbot, view, english_only("transcript"), original_language="English")
    assert view.notice.text() == "This record's original is in English; there is no other language."
    show(qtbot, view, english_only("transcript"))  # a bare record: the text is the document
    assert "original is in English" in view.notice.text()
    show(qtbot, view, english_only("translation"), original_language="Russian")
    assert "only the English translation" in view.notice.text()
    assert "original Russian text is not included" in view.notice.text()
    show(qtbot, view, english_only("translation"))
    assert "original-language text is not included" in view.notice.text()
    russian = Text("ru", "transcript", ("Только русский текст.",))
    show(
        qtbot, view, TextPair(russian, None, Alignment.one_sided(1, 0)), original_language="Russian"
    )
    assert "only the Russian original; no translation is included" in view.notice.text()
