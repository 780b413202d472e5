"""Starting the window: Qt application, theme, library, services, last session restored."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from reader import APP_NAME, __version__
from reader.paths import resources_dir
from reader.workspace import Workspace

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from reader.core.library import Library
    from reader.single_instance import SingleInstance
    from reader.widgets.main_window import MainWindow

STARTUP_REPORT_ENV = "PARALLEL_READER_REPORT_STARTUP"
HANDED_OVER = "handed over"  # another window runs on this workspace and took the files
# The reverse-DNS app ID the desktop file, the icon and the metainfo are named after.
APP_ID = "io.github.parallel_reader.ParallelReader"


def contain_dependencies(workspace: Workspace) -> None:
    """A portable workspace keeps what Qt and its libraries write (fontconfig's cache, Qt's own
    settings) under the data folder too: they find their folders through the XDG variables."""
    if not workspace.portable:
        return
    os.environ["XDG_CACHE_HOME"] = str(workspace.cache_dir)
    os.environ["XDG_CONFIG_HOME"] = str(workspace.config_dir)
    os.environ["XDG_STATE_HOME"] = str(workspace.state_dir)
    os.environ["XDG_DATA_HOME"] = str(workspace.data_dir / "xdg")


def run_gui(args: argparse.Namespace, workspace: Workspace) -> int:
    if args.smoke_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # the smoke test runs anywhere
    problem = workspace.problem()
    contain_dependencies(workspace)
    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from reader.services.composition import Services, open_notes
    from reader.widgets.first_paint import FirstPaintWatcher
    from reader.widgets.main_window import MainWindow
    from reader.widgets.theme import ThemeController, keep_icons_in
    from reader.widgets.translations import install_translators
    from reader.widgets.ui_settings import UiSettings

    # "-name" sets X11's WM_CLASS, which the desktop file's StartupWMClass matches.
    app = QApplication.instance() or QApplication([*sys.argv[:1], "-name", APP_ID])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    if problem:
        return _refuse_to_start(problem)
    instance = None if args.smoke_test else _claim_instance(workspace, args.files)
    if instance == HANDED_OVER:
        return 0  # a running window took the files and came to the front
    workspace.migrate_settings()
    icon_path = resources_dir() / "icons" / "parallel-reader.svg"
    if icon_path.exists():
        app.setWindowIcon(QIcon(str(icon_path)))

    settings = UiSettings(workspace.settings_file, workspace.state_file)
    install_translators(app, settings.language)  # Preferences' choice, else the system's
    keep_icons_in(workspace.theme_cache_dir)
    themes = ThemeController(app, settings.theme)
    # Nothing that grows with the library runs before the first paint: the catalog as it was
    # (or the bundled corpus), and the library is read in the background once the window is up.
    library = workspace.quick_library(keep=settings.last_document)
    notes, notes_message = open_notes(workspace)
    services = Services.create(workspace, library, notes)
    window = MainWindow(services, settings, themes.set_theme)
    first, by_default = _first_document(
        window, [Path(f) for f in args.files], settings.last_document
    )
    window.restore_layout()
    if first is not None:
        window.open_document(first, by_default=by_default)
    window.show()
    if instance is not None and not isinstance(instance, str):
        instance.setParent(window)
        instance.files_received.connect(lambda files: _come_forward(window, files))
    if notes_message:
        window.tell(notes_message)
    if library.partial:  # a large library: the timeline fills in once it is read
        services.messages.show_status(QCoreApplication.translate("App", "Reading your library…"), 0)
        services.loader.finished.connect(lambda _report: services.messages.show_status("", 1))

    watcher = FirstPaintWatcher(window)
    # The library is read, then the search index catches up, in the background after the paint.
    watcher.painted.connect(services.loader.start)
    if notes.store is not None:
        # Read every note once while the reader looks at the first page, so the notes panel
        # opens without that wait later.
        watcher.painted.connect(lambda: QTimer.singleShot(150, notes.query))
    if os.environ.get(STARTUP_REPORT_ENV):
        watcher.painted.connect(lambda: print(f"first-paint {time.time():.6f}", flush=True))
    if args.smoke_test:  # what the reader sees once the library is read
        services.loader.finished.connect(
            lambda _report: QTimer.singleShot(0, lambda: _finish_smoke_test(window, app))
        )
    return app.exec()


def _claim_instance(workspace: Workspace, files: list[str]) -> SingleInstance | str:
    """This process's claim to the workspace: the instance to listen with, or HANDED_OVER when a
    window already runs on it and took ``files`` (two processes never share a settings file)."""
    from reader.single_instance import AlreadyRunningError, SingleInstance, single_instance_key

    instance = SingleInstance(single_instance_key(workspace.data_dir))
    paths = [str(Path(file).resolve()) for file in files]
    if instance.hand_over(paths):
        return HANDED_OVER
    try:
        instance.listen()
    except AlreadyRunningError:  # two starts raced and the other won: give it the files
        instance.hand_over(paths)
        return HANDED_OVER
    return instance


def _come_forward(window: MainWindow, files: list[str]) -> None:
    """Another start handed its files over: open them, and bring the window to the front."""
    from PySide6.QtCore import Qt

    if files:
        window.open_files([Path(file) for file in files])
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


def _refuse_to_start(problem: str) -> int:
    """The workspace cannot be used: say which folder and why, in a box (there may be no
    terminal), and on standard error for scripts."""
    from reader.widgets import notices

    print(f"parallel-reader: {problem}", file=sys.stderr)
    notices.fail_to_start(
        f"Parallel Reader cannot start: {problem}. Choose another folder with --data-dir, or move the file away."
    )
    return 2


def _first_document(
    window: MainWindow, files: list[Path], last: str | None
) -> tuple[str | None, bool]:
    """The first file named on the command line, else the document open last, else the first
    (opened by default: the last one replaces it if it is found when the library is read)."""
    library: Library = window.library
    if files:
        opened = window.session.open_files(files)
        if opened is not None:
            return opened, False
    if last and last in library:
        return last, False
    ids = library.ids()
    return (ids[0], True) if ids else (None, True)


def _finish_smoke_test(window: MainWindow, app: QApplication) -> None:
    """Check what a user would see: a document, its text, a painted window; then exit."""
    view = window.reading_view
    shown = sum(len(pane.paragraphs) for pane in view.panes)
    image = window.grab()
    ok = window.current_id is not None and shown > 0 and not image.isNull()
    print(
        f"smoke-test {'ok' if ok else 'FAILED'}: {len(window.library)} documents, "
        f"open {window.current_id!r} with {shown} paragraphs, window {image.width()}x{image.height()}, "
        f"{len(window.session.load_errors)} unreadable",
        flush=True,
    )
    window.close()
    app.exit(0 if ok else 1)
