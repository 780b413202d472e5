"""The sentence under the mouse (else at the caret) and its counterpart, marked as one block."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage

from reader.core.alignment import Alignment
from reader.core.document import Text
from reader.core.pairing import TextPair
from reader.widgets.paragraph_pane import ParagraphPane
from reader.widgets.reading_view import ReadingView

RU = (
    "Товарищу МАО ЦЗЭДУНУ.",
    "Вашу шифровку от 20 июля получили. Мы считаем правильной Вашу точку зрения по вопросу о "
    "перемирии и о работе комиссии. Теперь можно отложить этот пункт, т.е. не включать его в "
    "повестку дня. " * 3,
)
EN = (
    "To Cde. MAO ZEDONG.",
    "We have received your cipher message of 20 July. We consider your point of view on the "
    "armistice and on the commission's work correct. Now the item can be put off, i.e. not "
    "included in the agenda. " * 3,
)


def pair() -> TextPair:
    source, target = Text("ru", "transcript", RU), Text("en", "translation", EN)
    return TextPair(source, target, Alignment.from_pairs([((0,), (0,)), ((1,), (1,))], 2, 2))


def english_only() -> TextPair:
    return TextPair(None, Text("en", "translation", EN), Alignment.one_sided(0, 2))


@pytest.fixture
def view_of(qtbot, shown_reading_view) -> Callable[[TextPair], ReadingView]:
    """``view_of(pair)``: a reading view showing ``pair``, laid out and levelled."""

    def of(shown: TextPair) -> ReadingView:
        view = shown_reading_view(1100, 700)
        view.show_pair(shown)
        qtbot.wait(120)  # lazy layout and the debounced re-levelling
        return view

    return of


def point_of(pane: ParagraphPane, paragraph: int, offset: int) -> QPoint:
    """Viewport point over character ``offset`` of ``paragraph``."""
    block = pane.document().findBlockByNumber(paragraph)
    line = block.layout().lineForTextPosition(offset)
    x = line.cursorToX(offset)[0] + block.layout().position().x() + 2
    y = block.layout().position().y() + line.y() + line.height() / 2
    return QPoint(round(x), round(y - pane.verticalScrollBar().value()))


def sentences_of(pane: ParagraphPane) -> list[str]:
    return [pane.paragraphs[p][s:e] for p, s, e in pane.marked_sentences()]


def test_hovering_a_sentence_marks_it_and_its_counterpart(qtbot, view_of) -> None:
    view = view_of(pair())
    where = RU[1].index("точку")
    qtbot.mouseMove(view.left.viewport(), point_of(view.left, 1, where))
    qtbot.waitUntil(lambda: bool(view.right.marked_sentences()))
    assert sentences_of(view.left)[0].startswith("Мы считаем правильной")
    assert sentences_of(view.right) == [EN[1].split(". ")[1] + "."]
    # From the other side, the same link; off the text, the marks go.
    where = EN[1].index("agenda", 200)
    qtbot.mouseMove(view.right.viewport(), point_of(view.right, 1, where))
    qtbot.waitUntil(lambda: sentences_of(view.left)[0].startswith("Теперь"))
    assert view.left.marked_sentences()[0][1] > 200  # the third repetition, not the first
    qtbot.mouseMove(view.right.viewport(), QPoint(view.right.viewport().width() - 2, 2))
    qtbot.waitUntil(lambda: not view.left.marked_sentences())


def test_the_caret_keeps_its_sentence_marked_and_follows_the_keys(qtbot, view_of) -> None:
    view = view_of(pair())
    pane = view.right
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=point_of(pane, 1, 3))
    qtbot.mouseMove(pane.viewport(), QPoint(pane.viewport().width() - 2, 2))  # off the text
    qtbot.waitUntil(lambda: bool(view.left.marked_sentences()))
    assert sentences_of(view.left) == ["Вашу шифровку от 20 июля получили."]
    for _ in range(len("We have received your cipher message of 20 July. We")):
        qtbot.keyClick(pane, Qt.Key.Key_Right)
    assert sentences_of(view.left)[0].startswith("Мы считаем")


def test_swapped_sides_and_one_sentence_pairs(qtbot, view_of) -> None:
    view = view_of(pair())
    view.set_swapped(True)  # English left now
    qtbot.wait(120)
    qtbot.mouseMove(view.left.viewport(), point_of(view.left, 1, 3))
    qtbot.waitUntil(lambda: bool(view.right.marked_sentences()))
    assert sentences_of(view.right) == ["Вашу шифровку от 20 июля получили."]
    # A pair of one sentence a side: the paragraph mark says it all.
    qtbot.mouseMove(view.left.viewport(), point_of(view.left, 0, 4))
    qtbot.waitUntil(lambda: view.right.marked("hover") == (0,))
    assert view.left.marked_sentences() == view.right.marked_sentences() == ()


def test_no_sentence_marks_on_a_one_language_record(qtbot, view_of) -> None:
    view = view_of(english_only())
    pane = view.right
    qtbot.mouseMove(pane.viewport(), point_of(pane, 1, 3))
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=point_of(pane, 1, 3))
    qtbot.wait(50)
    assert pane.marked_sentences() == ()


def _image(pane: ParagraphPane) -> QImage:
    pane.viewport().repaint()
    return pane.viewport().grab().toImage()


def test_a_sentence_mark_is_one_block_over_its_lines(qtbot, view_of) -> None:
    view = view_of(pair())
    view.resize(700, 700)  # narrow panes: the second sentence runs over several lines
    qtbot.wait(120)
    pane = view.right
    before = _image(pane)
    qtbot.mouseMove(view.left.viewport(), point_of(view.left, 1, RU[1].index("точку")))
    qtbot.waitUntil(lambda: bool(pane.marked_sentences()))
    paragraph, start, end = pane.marked_sentences()[0]
    layout = pane.document().findBlockByNumber(paragraph).layout()
    first, last = layout.lineForTextPosition(start), layout.lineForTextPosition(end - 1)
    assert last.lineNumber() - first.lineNumber() >= 2  # a whole line inside it
    # Just left of the text on the whole lines the sentence covers: one tint, no stripes.
    whole = layout.lineAt(first.lineNumber() + 1)
    x = round(layout.position().x() - 2)  # inside the mark, clear of any glyph
    top = layout.position().y() + whole.y() - pane.verticalScrollBar().value()
    image, ratio = _image(pane), pane.viewport().devicePixelRatio()
    column = {
        image.pixelColor(round(x * ratio), round(y * ratio)).rgb()
        for y in range(
            round(top),
            round(
                top + whole.height() * (last.lineNumber() - first.lineNumber() - 1) + whole.height()
            ),
        )
    }
    page = before.pixelColor(round(x * ratio), round(top * ratio)).rgb()
    assert len(column) == 1 and page not in column
