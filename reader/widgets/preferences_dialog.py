"""Edit → Preferences (the application menu on macOS): theme, interface language, reading font and
text size.

The theme, the font and the size apply at once, as the reader changes them; the language is stored
and applies at the next start (the dialog says so). ``attach(window)`` is all the main window
calls: it gives the reading panes the stored font and opens the dialog from its action.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFontComboBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from reader.widgets.paragraph_pane import READING_FONT_FAMILIES
from reader.widgets.ui_settings import MAX_POINT_SIZE, MIN_POINT_SIZE, UiSettings
from reader.widgets.window_actions import theme_labels

if TYPE_CHECKING:
    from reader.widgets.main_window import MainWindow


class PreferencesDialog(QDialog):
    """The four preferences. A change of theme, font or size calls the matching callback at once
    (each stores the setting by default); Close closes."""

    def __init__(
        self,
        settings: UiSettings,
        parent: QWidget | None = None,
        *,
        apply_theme: Callable[[str], None] | None = None,
        apply_font: Callable[[str], None] | None = None,
        apply_size: Callable[[float], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.apply_theme = apply_theme or (lambda theme: setattr(settings, "theme", theme))
        self.apply_font = apply_font or (lambda family: setattr(settings, "reading_font", family))
        self.apply_size = apply_size or (lambda size: setattr(settings, "point_size", size))
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self._settings = settings
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.theme_combo = QComboBox(self)
        for key, label in theme_labels().items():
            self.theme_combo.addItem(label.replace("&", ""), key)
        self.theme_combo.setCurrentIndex(max(0, self.theme_combo.findData(settings.theme)))
        form.addRow(self.tr("&Theme:"), self.theme_combo)

        self.language_combo = QComboBox(self)
        self.language_combo.addItem(self.tr("System language"), "system")
        self.language_combo.addItem("English", "en")  # each language in its own name
        self.language_combo.addItem("Русский", "ru")
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(settings.language)))
        form.addRow(self.tr("&Interface language:"), self.language_combo)
        self.restart_note = QLabel(
            self.tr("A new interface language applies when you restart Parallel Reader."), self
        )
        self.restart_note.setWordWrap(True)
        self.restart_note.setEnabled(False)  # the theme's quiet text colour
        form.addRow("", self.restart_note)

        self.font_combo = QFontComboBox(self)
        self.font_combo.setCurrentFont(QFont(settings.reading_font or READING_FONT_FAMILIES[0]))
        form.addRow(self.tr("Reading &font:"), self.font_combo)

        self.size_spin = QDoubleSpinBox(self)
        self.size_spin.setRange(MIN_POINT_SIZE, MAX_POINT_SIZE)
        self.size_spin.setDecimals(1)
        self.size_spin.setSingleStep(1.0)
        self.size_spin.setSuffix(self.tr(" pt"))
        self.size_spin.setValue(settings.point_size)
        form.addRow(self.tr("Text &size:"), self.size_spin)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

        self.theme_combo.currentIndexChanged.connect(
            lambda _index: self.apply_theme(str(self.theme_combo.currentData()))
        )
        self.language_combo.currentIndexChanged.connect(
            lambda _index: self.apply_language(str(self.language_combo.currentData()))
        )
        self.font_combo.currentFontChanged.connect(lambda font: self.apply_font(font.family()))
        self.size_spin.valueChanged.connect(self.apply_size)

    def apply_language(self, language: str) -> None:
        self._settings.language = language  # read at the next start


def open_preferences(window: MainWindow) -> PreferencesDialog:
    """The dialog over ``window``, applying each change to it as it is made."""

    def apply_font(family: str) -> None:
        window.settings.reading_font = family
        window.reading_view.set_reading_font_family(family)

    def apply_size(size: float) -> None:
        window.zoom(size / window.settings.point_size)

    dialog = PreferencesDialog(
        window.settings,
        window,
        apply_theme=window.set_theme,
        apply_font=apply_font,
        apply_size=apply_size,
    )
    dialog.setModal(True)
    dialog.show()
    return dialog


def attach(window: MainWindow) -> None:
    """Give the reading panes the stored font, and open Preferences from its action."""
    window.reading_view.set_reading_font_family(window.settings.reading_font)
    window.menus.preferences_action.triggered.connect(lambda: open_preferences(window))
