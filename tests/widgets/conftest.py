"""A main window on the bundled corpus (or given files), for the window-level tests."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from reader.core.alignment_corrections import CorrectionStore
from reader.core.corpus import load_paths
from reader.core.library import Library
from reader.models.annotation_service import AnnotationService
from reader.paths import bundled_corpus_dir
from reader.widgets.main_window import MainWindow
from reader.widgets.ui_settings import UiSettings


def open_reader_window(
    qtbot,
    data: Path,
    *,
    paths: Sequence[Path] = (),
    annotations: AnnotationService | None = None,
    document_id: str = "117421",
) -> MainWindow:
    """The window with its data in ``data``, showing ``document_id``."""
    library = Library(load_paths([bundled_corpus_dir(), *paths]).documents)
    window = MainWindow(
        library,
        UiSettings(data / "settings.ini"),
        corrections=CorrectionStore(data),
        annotations=annotations,
    )
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.open_document(document_id)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def reader_window(qtbot) -> Callable[..., MainWindow]:
    """``reader_window(data, paths=..., annotations=..., document_id=...)``."""
    return lambda data, **options: open_reader_window(qtbot, data, **options)
