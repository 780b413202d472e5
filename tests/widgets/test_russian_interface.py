"""The window in Russian: menus, labels, pane names and dates; access keys unique in each menu;
the Preferences dialog."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from reader.widgets.preferences_dialog import PreferencesDialog, open_preferences
from reader.widgets.translations import install_translators
from reader.widgets.ui_settings import UiSettings


@pytest.fixture
def russian(qapp):
    install_translators(qapp, "ru")
    yield
    install_translators(qapp, "en")


def _access_key(text: str) -> str | None:
    match = re.search(r"&([^&])", text)
    return match.group(1).casefold() if match else None


def _clashes(menu_actions: list[QAction]) -> list[str]:
    keys = [_access_key(a.text()) for a in menu_actions if not a.isSeparator()]
    found = [k for k in keys if k]
    return sorted({k for k in found if found.count(k) > 1})


def _check_access_keys(window) -> None:
    bar = window.menuBar().actions()
    assert not _clashes(bar), [a.text() for a in bar]
    for top in bar:
        menu = top.menu()
        assert isinstance(menu, QMenu)
        assert not _clashes(menu.actions()), (top.text(), [a.text() for a in menu.actions()])


def test_access_keys_are_unique_within_each_menu(reader_window, tmp_path: Path) -> None:
    _check_access_keys(reader_window(tmp_path))


def test_access_keys_are_unique_in_russian_too(reader_window, tmp_path: Path, russian) -> None:
    _check_access_keys(reader_window(tmp_path))


def test_the_window_reads_russian(reader_window, tmp_path: Path, russian) -> None:
    window = reader_window(tmp_path)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[:3] == ["&Файл", "&Правка", "&Вид"]
    assert window.menus.open_action.text() == "&Открыть документ…"
    assert window.menus.preferences_action.text() == "&Настройки…"
    assert window.notes_dock.windowTitle() == "Заметки"
    assert window.find_bar.field.placeholderText() == "Найти в документе"
    names = [pane.accessibleName() for pane in window.reading_view.panes]
    assert names == ["Русский оригинал", "Английский перевод"]
    details = window.header.details.text().replace("\xa0", " ")
    assert details.startswith("21 июля 1951 г.")  # the header: genitive month, "г."
    assert "Язык оригинала: Русский" in details
    model = window.timeline_model
    year = model.index(0, 0)
    months = [model.data(model.index(row, 0, year)) for row in range(model.rowCount(year))]
    assert months[0].startswith("Июль")  # a month heading: nominative
    assert "1 документ" in model.data(year, 3) or "2 документа" in model.data(year, 3)


def test_the_panes_have_english_names_in_english(reader_window, tmp_path: Path) -> None:
    window = reader_window(tmp_path)
    names = [pane.accessibleName() for pane in window.reading_view.panes]
    assert names == ["Russian transcript", "English translation"]


def test_preferences_action_has_its_role_and_keys(reader_window, tmp_path: Path) -> None:
    action = reader_window(tmp_path).menus.preferences_action
    assert action.menuRole() == QAction.MenuRole.PreferencesRole
    assert QKeySequence("Ctrl+,") in action.shortcuts()


def test_preferences_are_kept(qtbot, tmp_path: Path) -> None:
    settings = UiSettings(tmp_path / "settings.ini")
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("dark"))
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("ru"))
    dialog.size_spin.setValue(15.0)
    dialog.apply_font("DejaVu Sans")
    again = UiSettings(tmp_path / "settings.ini")
    assert (again.theme, again.language, again.point_size, again.reading_font) == (
        "dark", "ru", 15.0, "DejaVu Sans"
    )
    assert "restart" in dialog.restart_note.text()


def test_preferences_reach_the_reading_panes(reader_window, tmp_path: Path) -> None:
    window = reader_window(tmp_path)
    dialog = open_preferences(window)
    dialog.font_combo.setCurrentText("DejaVu Sans")
    dialog.apply_font("DejaVu Sans")
    assert window.settings.reading_font == "DejaVu Sans"
    assert window.reading_view.panes[0].font().families()[0] == "DejaVu Sans" or (
        "DejaVu Sans" in window.reading_view.panes[0].document().defaultFont().families()
    )
    dialog.size_spin.setValue(16.0)
    assert window.settings.point_size == pytest.approx(16.0)
    dialog.close()
