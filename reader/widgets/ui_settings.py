"""Window and UI state between runs (QSettings, INI file in the user's data folder).

Only presentation state lives here: geometry, splitters, theme, zoom, the last document and where
the reader was in each document. User content (notes) never goes into QSettings.
"""

from __future__ import annotations

from pathlib import Path
from typing import SupportsFloat, SupportsIndex

from PySide6.QtCore import QByteArray, QSettings

THEMES = ("auto", "light", "dark")
LANGUAGES = ("system", "en", "ru")
DEFAULT_POINT_SIZE = 12.0
MIN_POINT_SIZE, MAX_POINT_SIZE = 7.0, 32.0


# What is state rather than preference: where the reader was and how the window was laid out.
# It goes to the state folder; preferences (theme, text size) stay in the config folder.
STATE_GROUPS = ("layout", "positions", "session", "folders")


class UiSettings:
    """Preferences in ``path`` and window state in ``state_path`` (the same file if not given)."""

    def __init__(self, path: Path, state_path: Path | None = None) -> None:
        self._store = QSettings(str(path), QSettings.Format.IniFormat)
        self._state = (
            QSettings(str(state_path), QSettings.Format.IniFormat)
            if state_path is not None
            else self._store
        )
        if state_path is not None and not state_path.exists():
            self._move_state_from_preferences()

    def _move_state_from_preferences(self) -> None:
        """Older versions kept window state with the preferences: carry it over once."""
        for key in self._store.allKeys():
            if key.split("/", 1)[0] in STATE_GROUPS:
                self._state.setValue(key, self._store.value(key))
                self._store.remove(key)

    def sync(self) -> None:
        self._store.sync()
        self._state.sync()

    @property
    def theme(self) -> str:
        value = str(self._store.value("view/theme", "auto"))
        return value if value in THEMES else "auto"

    @theme.setter
    def theme(self, value: str) -> None:
        self._store.setValue("view/theme", value if value in THEMES else "auto")

    @property
    def language(self) -> str:
        """The interface language: "system" (the system's locale), "en" or "ru"."""
        value = str(self._store.value("view/language", "system"))
        return value if value in LANGUAGES else "system"

    @language.setter
    def language(self, value: str) -> None:
        self._store.setValue("view/language", value if value in LANGUAGES else "system")

    @property
    def reading_font(self) -> str:
        """The reading panes' font family; "" for the default serifs."""
        value = self._store.value("view/reading_font", "")
        return value.strip() if isinstance(value, str) else ""

    @reading_font.setter
    def reading_font(self, family: str) -> None:
        self._store.setValue("view/reading_font", family.strip())

    @property
    def point_size(self) -> float:
        stored = self._store.value("view/point_size", DEFAULT_POINT_SIZE)
        if not isinstance(stored, str | SupportsFloat | SupportsIndex):
            return DEFAULT_POINT_SIZE  # a list, say, from a hand-edited file
        try:
            value = float(stored)
        except (TypeError, ValueError):
            return DEFAULT_POINT_SIZE
        return min(max(value, MIN_POINT_SIZE), MAX_POINT_SIZE)

    @point_size.setter
    def point_size(self, value: float) -> None:
        self._store.setValue("view/point_size", float(value))

    @property
    def swapped(self) -> bool:
        return str(self._store.value("view/swapped", "false")).lower() == "true"

    @swapped.setter
    def swapped(self, value: bool) -> None:
        self._store.setValue("view/swapped", "true" if value else "false")

    @property
    def timeline_visible(self) -> bool:
        return str(self._store.value("view/timeline_visible", "true")).lower() == "true"

    @timeline_visible.setter
    def timeline_visible(self, value: bool) -> None:
        self._store.setValue("view/timeline_visible", "true" if value else "false")

    @property
    def header_expanded(self) -> bool:
        return str(self._store.value("view/header_expanded", "true")).lower() == "true"

    @header_expanded.setter
    def header_expanded(self, value: bool) -> None:
        self._store.setValue("view/header_expanded", "true" if value else "false")

    @property
    def last_document(self) -> str | None:
        value = self._state.value("session/last_document")
        return str(value) if value else None

    @last_document.setter
    def last_document(self, document_id: str | None) -> None:
        self._state.setValue("session/last_document", document_id or "")

    def reading_position(self, document_id: str) -> tuple[int, float]:
        """(bead, fraction) the reader was at in a document; the start if never opened."""
        value = str(self._state.value(f"positions/{document_id}", "0:0"))
        try:
            bead, fraction = value.split(":")
            return max(int(bead), 0), min(max(float(fraction), 0.0), 1.0)
        except ValueError:
            return 0, 0.0

    def set_reading_position(self, document_id: str, bead: int, fraction: float) -> None:
        self._state.setValue(f"positions/{document_id}", f"{bead}:{fraction:.4f}")

    def last_folder(self, purpose: str) -> Path:
        """Where a file dialog for ``purpose`` ("open", "import", "notes") opened last: the
        home folder (its Documents folder if there is one) the first time."""
        stored = str(self._state.value(f"folders/{purpose}", "") or "")
        if stored and Path(stored).is_dir():
            return Path(stored)
        documents = Path.home() / "Documents"
        return documents if documents.is_dir() else Path.home()

    def set_last_folder(self, purpose: str, folder: Path) -> None:
        self._state.setValue(f"folders/{purpose}", str(folder))

    def state(self, key: str) -> QByteArray | None:
        value = self._state.value(f"layout/{key}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_state(self, key: str, value: QByteArray) -> None:
        self._state.setValue(f"layout/{key}", value)
