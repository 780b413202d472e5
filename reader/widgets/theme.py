"""Light, dark or system theme through pyqtdarktheme.

"Follow system" is resolved with Qt's own colour-scheme hint rather than pyqtdarktheme's "auto":
that mode starts a ``gsettings monitor`` child process on Linux which outlives the app and holds
its output pipes open.
"""

from __future__ import annotations

from pathlib import Path

import qdarktheme
import qdarktheme._style_loader
import qdarktheme._template.filter
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

_EXTRA_STYLE = """
QSplitter#readingSplitter::handle { background: transparent; }
"""


def keep_icons_in(folder: Path) -> None:
    """Make pyqtdarktheme write its icon cache under ``folder`` instead of ``~/.cache``.

    It builds the path from ``Path.home()`` in a helper that two of its modules import by name,
    and offers no setting for it; replacing that helper is the one way to honour the workspace
    (``--data-dir`` and ``XDG_CACHE_HOME``).
    """

    def cache_root(version: str) -> Path:
        return folder / f"v{version}"

    qdarktheme._style_loader.get_cash_root_path = cache_root
    qdarktheme._template.filter.get_cash_root_path = cache_root


def resolved_theme(theme: str) -> str:
    """ "light" or "dark" for a setting of "light", "dark" or "auto"."""
    if theme in ("light", "dark"):
        return theme
    scheme = QGuiApplication.styleHints().colorScheme()
    return "dark" if scheme == Qt.ColorScheme.Dark else "light"


def apply_theme(app: QApplication, theme: str) -> None:
    del app  # pyqtdarktheme styles the running application
    qdarktheme.setup_theme(
        resolved_theme(theme), corner_shape="rounded", additional_qss=_EXTRA_STYLE
    )


class ThemeController(QObject):
    """Applies the chosen theme, and follows the system's light/dark switch while set to "auto"."""

    def __init__(self, app: QApplication, theme: str) -> None:
        super().__init__(app)
        self._app = app
        self.theme = theme
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_changed)
        apply_theme(app, theme)

    def set_theme(self, theme: str) -> None:
        self.theme = theme
        apply_theme(self._app, theme)

    def _system_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self.theme == "auto":
            apply_theme(self._app, "auto")
