"""Find in the open document, across the Russian and the English pane."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from reader.widgets.find_bar import NO_MATCHES_TEXT, FindBar, find_in_text, fold

RUSSIAN = [
    "Товарищ Мао Цзэдун! Вашу шифровку от 20 июля получили.",
    "Ещё раз: шифровку о перемирии передать немедленно. Еще одна ШИФРОВКА.",
]
ENGLISH = [
    "Comrade Mao Zedong! We received your cipher telegram of 20 July.",
    "Once more: send the cipher on the armistice at once. <b>Not bold</b> Cipher.",
]


class Window(QWidget):
    """Two reading panes and the bar under them, as the main window lays them out."""

    def __init__(self) -> None:
        super().__init__()
        self.left, self.right = QTextBrowser(self), QTextBrowser(self)
        self.left.setPlainText("\n".join(RUSSIAN))  # one paragraph per block, as the panes do
        self.right.setPlainText("\n".join(ENGLISH))
        self.bar = FindBar(self)
        layout = QVBoxLayout(self)
        for widget in (self.left, self.right, self.bar):
            layout.addWidget(widget)
        self.bar.set_targets([self.left, self.right])
        self.bar.hide()


def at(paragraphs: list[str], paragraph: int, text: str) -> tuple[int, int, int]:
    start = paragraphs[paragraph].index(text)
    return (paragraph, start, start + len(text))


@pytest.fixture
def window(qtbot) -> Window:
    shown = Window()
    qtbot.addWidget(shown)
    shown.resize(700, 500)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_fold_keeps_offsets_and_ignores_case_yo_and_accents() -> None:
    assert fold("ЁЖ Ещё Café") == "еж еще cafe"
    assert len(fold("İstanbul")) == len("İstanbul")
    assert find_in_text("Ещё раз, ещё", fold("еще")) == [(0, 3), (9, 12)]
    assert fold("й") != fold("и")  # different letters, not accents


def test_counts_matches_in_both_panes(qtbot, window: Window) -> None:
    bar = window.bar
    bar.open()
    with qtbot.waitSignal(bar.matches_changed) as blocker:
        bar.field.setText("шифровк")
    expected = [at(RUSSIAN, 0, "шифровк"), at(RUSSIAN, 1, "шифровк"), at(RUSSIAN, 1, "ШИФРОВК")]
    assert blocker.args[0] == {0: expected, 1: []}
    assert bar.count_label.text() == "1 of 3"
    with qtbot.waitSignal(bar.matches_changed) as blocker:
        bar.field.setText("CIPHER")
    expected = [at(ENGLISH, 0, "cipher"), at(ENGLISH, 1, "cipher"), at(ENGLISH, 1, "Cipher")]
    assert blocker.args[0] == {0: [], 1: expected}
    bar.field.setText("ещё")  # ё/е: «Ещё» and «Еще» both
    assert bar.matches() == {0: [at(RUSSIAN, 1, "Ещё"), at(RUSSIAN, 1, "Еще")], 1: []}
    bar.field.setText("20")
    assert bar.matches() == {0: [at(RUSSIAN, 0, "20")], 1: [at(ENGLISH, 0, "20")]}
    assert bar.count_label.text() == "2 of 2"  # the first from where the reader was («Ещё»)


def test_markup_is_found_as_literal_text(window: Window) -> None:
    window.bar.open()
    window.bar.field.setText("<b>not")
    assert window.bar.matches()[1] == [at(ENGLISH, 1, "<b>Not")]


def test_next_and_previous_cycle_across_panes_and_wrap(qtbot, window: Window) -> None:
    bar = window.bar
    bar.open()
    bar.field.setText("20 ")  # one in each pane
    left, right = at(RUSSIAN, 0, "20 "), at(ENGLISH, 0, "20 ")
    seen = []
    bar.current_match.connect(lambda *args: seen.append(args))
    bar.find_next()
    assert seen[-1] == (1, *right)
    assert window.right.textCursor().selectedText() == "20 "
    assert bar.count_label.text() == "2 of 2"
    bar.find_next()  # wraps to the left pane
    assert seen[-1] == (0, *left)
    assert window.left.textCursor().selectedText() == "20 "
    assert bar.count_label.text() == "1 of 2"
    bar.find_previous()  # and back the other way
    assert seen[-1] == (1, *right)


def test_keys_enter_shift_enter_f3(qtbot, window: Window) -> None:
    bar = window.bar
    bar.open()
    qtbot.keyClicks(bar.field, "cipher")
    assert bar.current_index() == 0
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.current_index() == 1
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.current_index() == 0
    qtbot.keyClick(bar.field, Qt.Key.Key_F3)
    assert bar.current_index() == 1
    window.left.setFocus()
    qtbot.keyClick(window.left, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.current_index() == 0  # F3 works from the panes too


def test_the_platforms_find_next_keys_work_from_the_panes(qtbot, window: Window) -> None:
    bar = window.bar
    bar.open()
    qtbot.keyClicks(bar.field, "cipher")
    window.left.setFocus()
    qtbot.keyClick(window.left, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert bar.current_index() == 1  # Ctrl+G: Find Next on Linux and Windows
    shift_control = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.left, Qt.Key.Key_G, shift_control)
    assert bar.current_index() == 0


def test_no_matches_state(window: Window) -> None:
    bar = window.bar
    bar.open()
    bar.field.setText("treaty")
    assert bar.count_label.text() == NO_MATCHES_TEXT
    bar.find_next()  # nothing to go to: nothing happens
    assert bar.current_index() == -1
    bar.field.setText("")
    assert bar.count_label.text() == ""


def test_typing_more_stays_near_the_current_match(window: Window) -> None:
    bar = window.bar
    bar.open()
    bar.field.setText("c")
    while bar.current().pane == 0:
        bar.find_next()
    bar.field.setText("ci")
    assert bar.current().pane == 1  # not back to the top of the left pane


def test_escape_hides_and_clears_the_matches(qtbot, window: Window) -> None:
    bar = window.bar
    bar.open()
    bar.field.setText("20")
    with qtbot.waitSignals([bar.matches_changed, bar.closed]) as blocker:
        qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert bar.matches() == {0: [], 1: []}
    del blocker
    bar.open()  # opens with the last text selected, ready to type over
    assert bar.field.selectedText() == "20"
    assert bar.match_count() == 2


def test_follows_a_pane_that_loads_another_document(qtbot, window: Window) -> None:
    bar = window.bar
    bar.open()
    bar.field.setText("mao")
    with qtbot.waitSignal(bar.matches_changed) as blocker:
        window.right.setPlainText("Mao, Mao and Mao.")
    assert blocker.args[0][1] == [(0, 0, 3), (0, 5, 8), (0, 13, 16)]


def test_a_hidden_pane_is_not_searched(window: Window) -> None:
    window.left.hide()  # a one-language document gives the other pane no room
    window.bar.open()
    window.bar.field.setText("mao")
    assert window.bar.matches() == {0: [], 1: [at(ENGLISH, 0, "Mao")]}
