"""Light, dark or system theme through pyqtdarktheme, with the reading-view extras it lacks."""

from __future__ import annotations

import qdarktheme
from PySide6.QtWidgets import QApplication

# Quiet captions and notices read better slightly smaller and without the disabled-look contrast.
_EXTRA_STYLE = """
QLabel#paneCaption, QLabel#missingTextNotice, QLabel#documentDetails { padding-top: 2px; }
QSplitter#readingSplitter::handle { background: transparent; }
"""


def apply_theme(app: QApplication, theme: str) -> None:
    """``theme`` is "light", "dark" or "auto" (follow the system)."""
    qdarktheme.setup_theme(theme, corner_shape="rounded", additional_qss=_EXTRA_STYLE)
