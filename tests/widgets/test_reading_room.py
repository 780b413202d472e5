"""The reading panes keep a readable width when side panels open or the window narrows."""

from __future__ import annotations

from reader.widgets.main_window import MainWindow
from reader.widgets.paragraph_pane import DOCUMENT_MARGIN
from reader.widgets.reading_view import COMFORTABLE_MEASURE_CHARS, READABLE_CHARS


def _characters_a_line(window: MainWindow) -> list[float]:
    view = window.reading_view
    per_char = view.single_text_measure() / COMFORTABLE_MEASURE_CHARS
    return [(p.viewport().width() - 2 * DOCUMENT_MARGIN) / per_char for p in view.panes]


def _readable(window: MainWindow, slack: float = 0.5) -> bool:
    """Lines of READABLE_CHARS (``slack`` fewer: "about forty" where a narrow window cannot
    give the panel its usable minimum and the panes their full forty at once)."""
    return min(_characters_a_line(window)) >= READABLE_CHARS - slack


def _sized(
    qtbot, reader_window, tmp_path, width: int, height: int, restored: bool = False
) -> MainWindow:
    """The window at ``width`` x ``height``; ``restored``: with the last run's layout."""
    window = reader_window(tmp_path)
    if restored:
        window.restore_layout()
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width, timeout=2000)
    qtbot.wait(50)
    return window


def _with_search(qtbot, reader_window, tmp_path, width: int, height: int) -> MainWindow:
    """The window at ``width`` x ``height`` with the search panel open, arranged."""
    window = _sized(qtbot, reader_window, tmp_path, width, height)
    window.show_search()
    qtbot.waitUntil(lambda: window.search_dock.isVisible(), timeout=2000)
    qtbot.wait(50)
    return window


def test_a_panel_on_a_small_screen_folds_the_timeline_and_keeps_forty_characters(
    qtbot, reader_window, tmp_path
) -> None:
    window = _sized(qtbot, reader_window, tmp_path, 1024, 640)
    window.show_search()
    qtbot.waitUntil(lambda: _readable(window, 2), timeout=2000)
    assert window.sidebar.isHidden()
    assert window.search_dock.isVisible()
    assert not window.menus.toggle_timeline_action.isChecked()
    assert "F9" in window.statusBar().currentMessage()  # says where it went
    dock = window.search_dock  # narrowed, but not below what shows a snippet's words
    assert dock.width() >= dock.fontMetrics().averageCharWidth() * 30
    assert window.width() <= 1024  # made room inside the window, not by growing it
    window.search_dock.close()
    qtbot.waitUntil(lambda: window.sidebar.isVisible(), timeout=2000)  # the timeline is back
    assert window.menus.toggle_timeline_action.isChecked()


def test_a_wide_window_keeps_the_timeline_beside_the_panel(qtbot, reader_window, tmp_path) -> None:
    window = _with_search(qtbot, reader_window, tmp_path, 1440, 900)
    assert window.sidebar.isVisible()
    assert _readable(window)


def test_narrowing_and_widening_the_window_takes_and_gives_back_the_room(
    qtbot, reader_window, tmp_path
) -> None:
    window = _with_search(qtbot, reader_window, tmp_path, 1440, 900)
    panel_width = window.search_dock.width()
    window.resize(1024, 640)
    qtbot.waitUntil(lambda: window.sidebar.isHidden() and _readable(window, 2), timeout=2000)
    window.resize(1440, 900)
    qtbot.waitUntil(lambda: window.sidebar.isVisible(), timeout=2000)
    qtbot.waitUntil(lambda: abs(window.search_dock.width() - panel_width) <= 2, timeout=2000)
    assert _readable(window)


def test_without_a_panel_the_timeline_narrows_but_stays(qtbot, reader_window, tmp_path) -> None:
    window = _sized(qtbot, reader_window, tmp_path, 1024, 640)
    narrowest = window.sidebar.minimumSizeHint().width()
    # The column gives what it can (about forty characters a line, from 36) and stays.
    qtbot.waitUntil(lambda: _readable(window) or window.sidebar.width() == narrowest, timeout=2000)
    assert window.sidebar.isVisible()


def test_the_readers_own_choice_of_timeline_wins_and_is_kept(
    qtbot, reader_window, tmp_path
) -> None:
    window = _with_search(qtbot, reader_window, tmp_path, 1024, 640)
    assert window.sidebar.isHidden()
    window.menus.toggle_timeline_action.trigger()  # F9: the reader wants it back
    assert window.sidebar.isVisible()
    assert "F9" not in window.statusBar().currentMessage()  # no stale word of the fold
    window.resize(1030, 640)
    qtbot.wait(50)
    assert window.sidebar.isVisible()  # not folded again while the same panel is open
    window.menus.toggle_timeline_action.trigger()  # and hidden on purpose
    window.search_dock.close()
    qtbot.wait(50)
    assert window.sidebar.isHidden()  # a timeline the reader hid does not come back by itself
    window.save_layout()
    assert window.settings.timeline_visible is False


def test_a_folded_timeline_is_still_wanted_at_the_next_start(
    qtbot, reader_window, tmp_path
) -> None:
    window = _with_search(qtbot, reader_window, tmp_path, 1024, 640)
    assert window.sidebar.isHidden()
    window.save_layout()
    assert window.settings.timeline_visible is True


def test_larger_text_makes_room_again(qtbot, reader_window, tmp_path) -> None:
    window = _with_search(qtbot, reader_window, tmp_path, 1440, 900)
    assert window.sidebar.isVisible()
    window.zoom(1.3)
    qtbot.waitUntil(lambda: window.sidebar.isHidden() and _readable(window), timeout=2000)


def _closed_and_reopened(
    qtbot, reader_window, tmp_path, window: MainWindow, width: int, height: int
):
    window.save_layout()
    window.close()
    return _sized(qtbot, reader_window, tmp_path, width, height, restored=True)


def test_a_restart_with_the_panel_open_folds_the_timeline_again(
    qtbot, reader_window, tmp_path
) -> None:
    window = _with_search(qtbot, reader_window, tmp_path, 1024, 640)
    assert window.sidebar.isHidden()
    again = _closed_and_reopened(qtbot, reader_window, tmp_path, window, 1024, 640)
    assert again.search_dock.isVisible()
    qtbot.waitUntil(lambda: again.sidebar.isHidden() and _readable(again, 2), timeout=2000)
    assert not again.menus.toggle_timeline_action.isChecked()


def test_the_next_start_keeps_the_widths_the_reader_gave(qtbot, reader_window, tmp_path) -> None:
    window = _with_search(qtbot, reader_window, tmp_path, 1440, 900)
    timeline, panel = window.sidebar.width(), window.search_dock.width()
    window.resize(1024, 640)  # squeezed: the column folds, the panel narrows
    qtbot.waitUntil(lambda: window.sidebar.isHidden() and _readable(window, 2), timeout=2000)
    window.search_dock.close()
    qtbot.waitUntil(lambda: window.sidebar.isVisible(), timeout=2000)
    again = _closed_and_reopened(qtbot, reader_window, tmp_path, window, 1440, 900)
    assert abs(again.sidebar.width() - timeline) <= 2
    again.show_search()
    qtbot.waitUntil(lambda: abs(again.search_dock.width() - panel) <= 2, timeout=2000)


def test_the_notes_panel_leaves_the_panes_about_forty_characters_too(
    qtbot, reader_window, tmp_path
) -> None:
    window = _sized(qtbot, reader_window, tmp_path, 1024, 640)
    window.notes_dock.show()
    qtbot.waitUntil(lambda: window.sidebar.isHidden(), timeout=2000)
    qtbot.wait(50)
    # 37 characters: the filters sit two a row (three in a row kept the panel at 314 px: 34).
    assert _readable(window, 4)


def test_a_column_the_reader_narrows_is_not_widened_back(qtbot, reader_window, tmp_path) -> None:
    window = _sized(qtbot, reader_window, tmp_path, 1024, 640)  # the column gave width here
    window.resize(1600, 900)
    qtbot.waitUntil(lambda: window.width() == 1600, timeout=2000)
    qtbot.wait(50)
    splitter = window.main_splitter
    total = sum(splitter.sizes())
    splitter.setSizes([230, total - 230])
    splitter.splitterMoved.emit(230, 1)  # as a drag of the handle reports it
    window.resize(1610, 900)  # any later arrangement
    qtbot.wait(80)
    assert abs(window.sidebar.width() - 230) <= 2
