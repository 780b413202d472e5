"""FacetBar: combos filled from the library, user changes emit the filter, programmatic ones do
not, the density strip by mouse and keys, and screenshots in both themes to look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from reader.core.document import Document
from reader.core.facets import FacetFilter
from reader.widgets.facet_bar import DensityStrip, FacetBar
from reader.widgets.theme import apply_theme

PROJECT_DIR = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = PROJECT_DIR / "build" / "screenshots"

LANGUAGES = ("Russian", "Russian", "English", "Chinese")
PEOPLE = ("Joseph Stalin", "Mao Zedong", "Kim Il Sung", "Nikita Khrushchev", "John F. Kennedy")
PLACES = ("Moscow", "Beijing", "Korea", "Berlin", "Cuba")
SUBJECTS = ("Korean War", "Armistice", "Berlin Crisis", "Cuban Missile Crisis")


def fake_documents(count: int = 40) -> list[Document]:
    """Spread over 1945–1991, denser in the early 1950s and around 1962, and one undated."""
    years = [1945, 1991] + [1950 + i % 4 for i in range(14)] + [1961, 1962, 1962, 1962, 1963]
    years += [1945 + (i * 7) % 47 for i in range(count - len(years) - 1)]
    documents = [
        Document(
            f"doc-{i:02d}",
            f"Document {i}",
            f"{year}-{1 + i % 12:02d}-{1 + i % 28:02d}",
            original_language=LANGUAGES[i % len(LANGUAGES)],
            people=(PEOPLE[i % len(PEOPLE)],),
            places=(PLACES[i % len(PLACES)],),
            subjects=(SUBJECTS[i % len(SUBJECTS)],),
        )
        for i, year in enumerate(years)
    ]
    return [*documents, Document("undated", "Undated fragment", None, original_language="German")]


@pytest.fixture
def bar(qtbot) -> FacetBar:
    widget = FacetBar()
    qtbot.addWidget(widget)
    widget.resize(320, 140)
    widget.set_documents(fake_documents())
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def items(combo) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def test_set_documents_fills_combos_and_strip(bar: FacetBar) -> None:
    # Most frequent first, "any" on top.
    assert items(bar.language_combo) == ["Any language", "Russian", "English", "Chinese", "German"]
    assert sorted(items(bar.person_combo)) == sorted(PEOPLE)
    assert sorted(items(bar.place_combo)) == sorted(PLACES)
    assert sorted(items(bar.subject_combo)) == sorted(SUBJECTS)
    assert bar.person_combo.currentText() == ""
    assert bar.strip.span() == (1945, 1991)
    assert bar.strip.counts()[1962] >= 3
    assert bar.facet() == FacetFilter()
    assert not bar.clear_button.isEnabled()


def test_choosing_a_language_emits_the_filter(qtbot, bar: FacetBar) -> None:
    index = bar.language_combo.findText("English")
    with qtbot.waitSignal(bar.facet_changed) as blocker:
        # What a pick in the popup does: the index moves, then activated is sent.
        bar.language_combo.setCurrentIndex(index)
        bar.language_combo.activated.emit(index)
    assert blocker.args == [FacetFilter(original_language="English")]
    assert bar.clear_button.isEnabled()


def test_choosing_a_language_with_the_keyboard(qtbot, bar: FacetBar) -> None:
    bar.language_combo.setFocus()
    with qtbot.waitSignal(bar.facet_changed) as blocker:
        qtbot.keyClick(bar.language_combo, Qt.Key.Key_Down)  # a closed combo steps and activates
    assert blocker.args == [FacetFilter(original_language="Russian")]


def test_typing_a_person_is_debounced_and_takes_the_known_spelling(qtbot, bar: FacetBar) -> None:
    emitted: list[FacetFilter] = []
    bar.facet_changed.connect(emitted.append)
    qtbot.keyClicks(bar.person_combo.lineEdit(), "mao zedong")
    assert emitted == []  # nothing while typing
    qtbot.waitUntil(lambda: len(emitted) == 1, timeout=2000)
    assert emitted == [FacetFilter(person="Mao Zedong")]


def test_place_and_subject_and_notes_combine(qtbot, bar: FacetBar) -> None:
    bar.place_combo.setEditText("Korea")
    bar.subject_combo.setEditText("korean war")
    with qtbot.waitSignal(bar.facet_changed) as blocker:
        qtbot.mouseClick(bar.notes_check, Qt.MouseButton.LeftButton)
    assert blocker.args == [FacetFilter(place="Korea", subject="Korean War", with_notes=True)]


def test_dragging_on_the_strip_selects_years(qtbot, bar: FacetBar) -> None:
    strip = bar.strip
    start = strip.year_rect(1950).center().toPoint()
    end = strip.year_rect(1953).center().toPoint()
    emitted: list[FacetFilter] = []
    bar.facet_changed.connect(emitted.append)
    # Drag right to left: the range is ordered whichever way the reader drags.
    qtbot.mousePress(strip, Qt.MouseButton.LeftButton, pos=end)
    qtbot.mouseMove(strip, strip.year_rect(1951).center().toPoint())
    qtbot.mouseMove(strip, start)
    assert strip.year_range() == (1950, 1953)
    assert emitted == []  # one change per drag, on release
    qtbot.mouseRelease(strip, Qt.MouseButton.LeftButton, pos=start)
    expected = FacetFilter(year_from=1950, year_to=1953, include_undated=False)
    assert emitted == [expected]
    assert bar.facet() == expected
    assert strip.accessibleDescription() == "1950–1953"


def test_double_click_and_the_cross_clear_the_range(qtbot, bar: FacetBar) -> None:
    strip = bar.strip
    point = strip.year_rect(1962).center().toPoint()
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=point)
    assert strip.year_range() == (1962, 1962)
    with qtbot.waitSignal(bar.facet_changed) as blocker:
        qtbot.mouseDClick(strip, Qt.MouseButton.LeftButton, pos=point)
    assert blocker.args == [FacetFilter()]
    bar.set_facet(FacetFilter(year_from=1950, year_to=1955))
    close = QPoint(strip.width() - 8, 8)
    assert "Clear" in strip.tooltip_at(close.x(), close.y())
    with qtbot.waitSignal(bar.facet_changed) as blocker:
        qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=close)
    assert blocker.args == [FacetFilter()]


def test_keyboard_moves_start_and_end(qtbot, bar: FacetBar) -> None:
    strip = bar.strip
    strip.setFocus()
    emitted: list[FacetFilter] = []
    bar.facet_changed.connect(emitted.append)
    for _ in range(5):
        qtbot.keyClick(strip, Qt.Key.Key_Right)
    assert strip.year_range() == (1950, 1991)  # from the whole span, the start moves in
    qtbot.keyClick(strip, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(strip, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert strip.year_range() == (1950, 1989)
    # Auto-repeat is coalesced: one change once the keys pause.
    qtbot.waitUntil(lambda: len(emitted) == 1, timeout=2000)
    assert emitted[-1] == FacetFilter(year_from=1950, year_to=1989, include_undated=False)
    qtbot.keyClick(strip, Qt.Key.Key_Escape)
    assert strip.year_range() is None
    assert emitted[-1] == FacetFilter()


def test_keyboard_range_stays_ordered_and_inside_the_span() -> None:
    strip = DensityStrip()
    strip.set_counts({1950: 1, 1952: 3})
    strip.set_range((1951, 1951))
    assert strip._stepped(+1, moves_end=False) == (1951, 1951)  # start never passes the end
    assert strip._stepped(-1, moves_end=True) == (1951, 1951)
    strip.set_range((1950, 1952))
    assert strip._stepped(-1, moves_end=False) == (1950, 1952)
    assert strip._stepped(+1, moves_end=True) == (1950, 1952)


def test_tooltip_names_the_year_and_count(bar: FacetBar) -> None:
    centre = bar.strip.year_rect(1962).center()
    count = bar.strip.counts()[1962]
    assert bar.strip.tooltip_at(centre.x(), centre.y()) == f"1962: {count} documents"
    centre = bar.strip.year_rect(1946).center()
    assert bar.strip.tooltip_at(centre.x(), centre.y()).startswith("1946: ")


def test_set_facet_and_clear_do_not_emit(qtbot, bar: FacetBar) -> None:
    facet = FacetFilter(
        year_from=1950,
        year_to=1953,
        original_language="Chinese",
        person="Kim Il Sung",
        place="Korea",
        subject="Armistice",
        with_notes=True,
        include_undated=False,
    )
    with qtbot.assertNotEmitted(bar.facet_changed, wait=300):
        bar.set_facet(facet)
        assert bar.facet() == facet
        assert bar.clear_button.isEnabled()
        bar.clear()
        assert bar.facet() == FacetFilter()


def test_set_facet_with_an_open_bound_and_undated_kept(bar: FacetBar) -> None:
    bar.set_facet(FacetFilter(year_from=1960))
    assert bar.strip.year_range() == (1960, 1991)
    assert bar.facet() == FacetFilter(year_from=1960, year_to=1991, include_undated=True)


def test_clear_button_clears_and_emits(qtbot, bar: FacetBar) -> None:
    bar.set_facet(FacetFilter(original_language="Russian", person="Joseph Stalin"))
    with qtbot.waitSignal(bar.facet_changed) as blocker:
        qtbot.mouseClick(bar.clear_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [FacetFilter()]
    assert bar.person_combo.currentText() == ""
    assert bar.language_combo.currentIndex() == 0


def test_set_documents_keeps_choices_still_present(bar: FacetBar) -> None:
    bar.set_facet(FacetFilter(original_language="English", person="Mao Zedong", place="Cuba"))
    bar.set_documents(
        [Document("a", "A", "1970", original_language="English", people=("Mao Zedong",))]
    )
    assert bar.facet() == FacetFilter(original_language="English", person="Mao Zedong")
    assert bar.strip.span() == (1970, 1970)


def test_empty_library(qtbot) -> None:
    widget = FacetBar()
    qtbot.addWidget(widget)
    widget.set_documents([])
    widget.show()
    qtbot.keyClick(widget.strip, Qt.Key.Key_Right)  # nothing to move: no error
    assert widget.facet() == FacetFilter()
    assert widget.strip.accessibleDescription() == "No dated documents"
    widget.grab()  # paints the empty state


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshot(qtbot, theme: str) -> None:
    """Pictures to look at: build/screenshots/facet-bar-{light,dark}.png."""
    app = QApplication.instance()
    apply_theme(app, theme)
    try:
        widget = FacetBar()
        qtbot.addWidget(widget)
        widget.resize(320, 150)
        widget.set_documents(fake_documents())
        widget.set_facet(FacetFilter(year_from=1950, year_to=1953, original_language="Russian"))
        widget.show()
        qtbot.waitExposed(widget)
        widget.strip.setFocus()
        qtbot.wait(50)
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        assert widget.grab().save(str(SCREENSHOT_DIR / f"facet-bar-{theme}.png"))
    finally:
        apply_theme(app, "light")


def test_a_single_year_is_drawn_as_one_bar_in_a_decade_not_a_block() -> None:
    strip = DensityStrip()
    strip.resize(260, 44)
    strip.set_counts({1951: 2})
    slot = strip.year_rect(1951)
    assert slot.width() < strip.width() / 5  # one narrow bar, with room for the decade's labels
    assert strip.year_at(0) == 1951  # picking still stays on the years that hold documents



def test_an_empty_strip_says_the_library_is_being_read_rather_than_undated(qtbot) -> None:
    bar = FacetBar()
    qtbot.addWidget(bar)
    bar.set_documents([], reading=True)
    assert bar.strip.accessibleDescription() == "Reading your library…"
    bar.set_documents([])
    assert bar.strip.accessibleDescription() == "No dated documents"
