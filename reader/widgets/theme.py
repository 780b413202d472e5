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
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

_EXTRA_STYLE = """
QSplitter#readingSplitter::handle { background: transparent; }
ParagraphPane:!focus { selection-background-color: %(pane)s; }
TimelineView::item:selected:!active { background: %(timeline)s; }
TimelineView::item:!selected:hover, TimelineView::branch:!selected:hover { background: %(hover)s; }
QMenu::indicator:exclusive { border-radius: 9px; }
"""
# A word the window selects for the reader (a search hit, a note's quote) is often shown while
# the focus stays elsewhere (in the search results): the panes keep pyqtdarktheme's selection
# colour for a focused text area then, instead of its all but invisible unfocused one. The open
# document's row in the timeline, likewise, keeps its selected tint in an inactive window, and
# a hovered row (its branch and its item each tinted, one over the other) is quieter than it:
# with pyqtdarktheme's tints, a row under a resting pointer looked more open than the open one.
_KEPT_SELECTIONS = {
    "light": {
        "pane": "rgba(97, 158, 239, 0.500)",
        "timeline": "rgba(73, 144, 237, 0.350)",
        "hover": "rgba(0, 0, 0, 0.030)",
    },
    "dark": {
        "pane": "rgba(95, 154, 244, 0.400)",
        "timeline": "rgba(66, 136, 242, 0.400)",
        "hover": "rgba(255, 255, 255, 0.040)",
    },
}


# Colours of the reading panes, for light and dark pages alike. pyqtdarktheme's accent (the
# palette's Link role) is a deep blue on light pages and a light one on dark pages; its Highlight
# role is grey or see-through, so the accent is what marks take their tint from.

HIGHLIGHT_COLOURS = {
    "yellow": (244, 208, 63),
    "green": (112, 196, 120),
    "blue": (104, 164, 236),
    "pink": (236, 128, 176),
    "purple": (168, 128, 228),
}
HOVER_MARK_ALPHA = 20  # of the accent: a faint tint of the page
PINNED_MARK_ALPHA = 38  # a gap without counterpart is a grey shade, so the two differ
SENTENCE_MARK_ALPHA = 34  # over a paragraph's tint: the sentence and its counterpart
FIND_MATCH_ALPHA = 70
CURRENT_FIND_BACKGROUND = (255, 176, 46, 235)  # amber with dark text: "you are here" on any page
CURRENT_FIND_TEXT = (24, 24, 24)


def highlight_colour(name: str) -> QColor:
    """Translucent, so the text stays readable on light and dark backgrounds."""
    red, green, blue = HIGHLIGHT_COLOURS.get(name, HIGHLIGHT_COLOURS["yellow"])
    return QColor(red, green, blue, 115)


def paragraph_mark_colour(palette: QPalette, kind: str) -> QColor:
    """The block behind a hovered ("hover") or clicked ("pinned") pair, or a "sentence" and its
    counterpart: the accent, faint, so it stays a shade of the page in either theme rather than
    a block of colour."""
    colour = QColor(palette.color(QPalette.ColorRole.Link))
    alphas = {"pinned": PINNED_MARK_ALPHA, "sentence": SENTENCE_MARK_ALPHA}
    colour.setAlpha(alphas.get(kind, HOVER_MARK_ALPHA))
    return colour


def find_match_colours(palette: QPalette, current: bool) -> tuple[QColor, QColor | None]:
    """(background, text colour or None) of a Find match; the current one stands out."""
    if current:
        return QColor(*CURRENT_FIND_BACKGROUND), QColor(*CURRENT_FIND_TEXT)
    colour = QColor(palette.color(QPalette.ColorRole.Link))
    colour.setAlpha(FIND_MATCH_ALPHA)
    return colour, None


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
    resolved = resolved_theme(theme)
    extra = _EXTRA_STYLE % _KEPT_SELECTIONS[resolved]
    qdarktheme.setup_theme(resolved, corner_shape="rounded", additional_qss=extra)


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
