"""The window's layout between runs: geometry, dock state, splitters, the timeline's visibility.

A saved geometry larger than the screen it opens on (a window once forced wide by a long title,
a monitor since unplugged) is not restored: the window opens at its default size instead.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDockWidget, QMainWindow, QSplitter, QWidget

from reader.widgets.ui_settings import UiSettings


def dock(window: QMainWindow, name: str, title: str, child: QWidget) -> QDockWidget:
    """A closable, movable side panel holding ``child``, hidden until asked for; Esc inside it
    closes it (a child that wants Esc for itself, to clear a field, takes it first)."""
    panel = QDockWidget(title, window)
    panel.setObjectName(name)  # saveState() finds it by name
    panel.setWidget(child)
    panel.setFeatures(
        QDockWidget.DockWidgetFeature.DockWidgetClosable
        | QDockWidget.DockWidgetFeature.DockWidgetMovable
    )
    # Shown from the menu, a panel tabbed with another comes to the front.
    panel.toggleViewAction().triggered.connect(lambda shown: panel.raise_() if shown else None)
    closing = QShortcut(QKeySequence(Qt.Key.Key_Escape), panel, panel.close)
    closing.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    panel.hide()
    return panel


def restore_layout(
    window: QMainWindow, settings: UiSettings, splitters: dict[str, QSplitter]
) -> None:
    geometry = settings.state("geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
        screen = window.screen().availableGeometry() if window.screen() else None
        if screen is not None and (
            window.width() > screen.width() or window.height() > screen.height()
        ):
            window.resize(
                min(window.width(), screen.width()), min(window.height(), screen.height())
            )
    state = settings.state("window")
    if state is not None:
        window.restoreState(state)
    for key, splitter in splitters.items():
        saved = settings.state(key)
        if saved is not None:
            splitter.restoreState(saved)


def save_layout(window: QMainWindow, settings: UiSettings, splitters: dict[str, QSplitter]) -> None:
    settings.set_state("geometry", window.saveGeometry())
    settings.set_state("window", window.saveState())
    for key, splitter in splitters.items():
        settings.set_state(key, splitter.saveState())
