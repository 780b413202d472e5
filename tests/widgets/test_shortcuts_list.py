"""The shortcuts list (F1): grouped by menu, in the platform's names, find bar keys included."""

from __future__ import annotations

from reader.widgets import notices


def test_shortcuts_are_grouped_by_menu_without_odd_keys(reader_window, tmp_path) -> None:
    window = reader_window(tmp_path / "data")
    groups = dict(notices.shortcut_groups(window.menuBar().actions()))
    assert {"File", "Edit", "View", "Go", "Notes", "Alignment", "Help"} <= set(groups)
    edit = dict(groups["Edit"])
    assert edit["Undo"].startswith("Ctrl+Z") and "Undo" not in edit["Undo"]  # no F14, no Undo key
    find_next = notices._find_bar_keys(*notices.FIND_BAR_KEYS[0][1:])
    assert find_next.startswith("F3") and "Ctrl+G" in find_next and find_next.endswith("Enter")
    every = [keys for rows in groups.values() for _name, keys in rows]
    assert not any("F14" in keys for keys in every)
