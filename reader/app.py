"""Starting the window: Qt application, theme, corpus, last session restored."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from reader import APP_NAME, __version__
from reader.paths import DATA_DIR_ENV, bundled_corpus_dir, data_dir, resources_dir, settings_file

STARTUP_REPORT_ENV = "PARALLEL_READER_REPORT_STARTUP"


def _prepare_smoke_test() -> None:
    """The smoke test runs anywhere: no display, and never the user's real data."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if not os.environ.get(DATA_DIR_ENV):
        os.environ[DATA_DIR_ENV] = tempfile.mkdtemp(prefix="parallel-reader-smoke-")


def run_gui(args: argparse.Namespace) -> int:
    if args.smoke_test:
        _prepare_smoke_test()
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from reader.core.corpus import load_paths
    from reader.core.library import Library
    from reader.core.user_library import library_dir
    from reader.widgets.first_paint import FirstPaintWatcher
    from reader.widgets.main_window import MainWindow
    from reader.widgets.theme import ThemeController
    from reader.widgets.ui_settings import UiSettings

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("parallel-reader")
    icon_path = resources_dir() / "icons" / "parallel-reader.svg"
    if icon_path.exists():
        app.setWindowIcon(QIcon(str(icon_path)))

    settings = UiSettings(settings_file(data_dir()))
    themes = ThemeController(app, settings.theme)
    # The bundled corpus (or --corpus) first, then the documents the reader imported: metadata
    # from the catalog (only new or changed files are parsed), texts when a document is opened.
    corpus_dir = Path(args.corpus) if args.corpus else bundled_corpus_dir()
    entries, corpus_errors = _catalog_entries([corpus_dir, library_dir(data_dir())])
    opened = load_paths([Path(f) for f in args.files])
    library = Library(entries)
    annotations, notes_message = _open_annotations()
    window = MainWindow(library, settings, themes.set_theme, annotations=annotations)
    window.add_documents(opened.documents)
    window.restore_layout()
    first = _first_document(library, opened.documents, settings.last_document)
    if first is not None:
        window.open_document(first)
    window.show()
    window.report_errors(corpus_errors + opened.errors)
    if notes_message:
        window.tell(notes_message)

    watcher = FirstPaintWatcher(window)
    # New or changed documents reach the search index in the background after the first paint.
    watcher.painted.connect(
        lambda: window.update_search_index([corpus_dir, library_dir(data_dir())])
    )
    if annotations.store is not None:
        # Read every note once while the reader looks at the first page, so the notes panel
        # opens without that wait later.
        watcher.painted.connect(lambda: QTimer.singleShot(150, annotations.store.all))
    if os.environ.get(STARTUP_REPORT_ENV):
        watcher.painted.connect(lambda: print(f"first-paint {time.time():.6f}", flush=True))
    if args.smoke_test:
        watcher.painted.connect(
            lambda: QTimer.singleShot(0, lambda: _finish_smoke_test(window, app))
        )
    return app.exec()


def _catalog_entries(folders):
    """Document summaries for the timeline, and the files that could not be read."""
    from reader.core.catalog import Catalog
    from reader.core.document import ParseError

    missing = [ParseError(folders[0], "no such folder")] if not folders[0].is_dir() else []
    catalog = Catalog.open()
    try:
        report = catalog.refresh([folder for folder in folders if folder.is_dir()])
        return catalog.entries(), missing + report.errors
    finally:
        catalog.close()


def _open_annotations():
    """The notes database, or no notes with a message saying why and what to do."""
    from reader.core.annotation_store import AnnotationStore, AnnotationStoreError
    from reader.models.annotation_service import AnnotationService

    try:
        store = AnnotationStore.open(data_dir())
    except AnnotationStoreError as error:
        message = f"Notes are not available in this session: {error}"
        return AnnotationService(None, str(error)), message
    return AnnotationService(store), store.recovery_notice or ""


def _first_document(library, opened, last: str | None) -> str | None:
    if opened:
        return opened[0].id
    if last and last in library:
        return last
    ids = library.ids()
    return ids[0] if ids else None


def _finish_smoke_test(window, app) -> None:
    """Check what a user would see: a document, its text, a painted window; then exit."""
    view = window.reading_view
    shown = sum(len(pane.paragraphs) for pane in view.panes)
    image = window.grab()
    ok = window.current_id is not None and shown > 0 and not image.isNull()
    print(
        f"smoke-test {'ok' if ok else 'FAILED'}: {len(window.library)} documents, "
        f"open {window.current_id!r} with {shown} paragraphs, window {image.width()}x{image.height()}, "
        f"{len(window.load_errors)} unreadable",
        flush=True,
    )
    window.close()
    app.exit(0 if ok else 1)
