"""A main window on the bundled corpus (or given files), and a bare reading view, for the widget tests."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from reader.core.corpus import load_paths
from reader.core.library import Library
from reader.paths import bundled_corpus_dir
from reader.services.composition import Services
from reader.services.notes import NotesService
from reader.widgets.main_window import MainWindow
from reader.widgets.reading_view import ReadingView
from reader.widgets.ui_settings import UiSettings
from reader.workspace import Workspace


def open_reader_window(
    qtbot,
    data: Path,
    *,
    paths: Sequence[Path] = (),
    annotations: NotesService | None = None,
    document_id: str = "117421",
) -> MainWindow:
    """The window with its data in ``data`` (a portable workspace), showing ``document_id``.

    Without ``annotations`` the window has no notes database, as when it cannot be opened.
    """
    workspace = Workspace.create(data)
    library = Library(load_paths([bundled_corpus_dir(), *paths]).documents)
    notes = annotations if annotations is not None else NotesService(None)
    window = MainWindow(Services.create(workspace, library, notes), UiSettings(data / "settings.ini"))
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.open_document(document_id)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def shown_reading_view(qtbot) -> Callable[[int, int], ReadingView]:
    """``shown_reading_view(width, height)``: a reading view on screen, with nothing in it yet."""

    def shown(width: int, height: int) -> ReadingView:
        view = ReadingView()
        qtbot.addWidget(view)
        view.resize(width, height)
        view.show()
        qtbot.waitExposed(view)
        return view

    return shown


@pytest.fixture
def reader_window(qtbot) -> Callable[..., MainWindow]:
    """``reader_window(data, paths=..., annotations=..., document_id=...)``."""
    return lambda data, **options: open_reader_window(qtbot, data, **options)


@pytest.fixture(autouse=True)
def english_interface(qapp):
    """The English translator (its plural forms: "1 document", "2 documents"), as at start."""
    from reader.widgets.translations import install_translators

    install_translators(qapp, "en")
    yield
    install_translators(qapp, "en")
