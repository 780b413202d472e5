"""Window first, then the library: the catalog is read in the background and merged in."""

from __future__ import annotations

import shutil
from pathlib import Path

from reader.core.catalog import RefreshReport
from reader.services.composition import Services
from reader.services.notes import NotesService
from reader.workspace import Workspace

WEB_PAGE = Path(__file__).resolve().parents[3] / "shared" / "samples" / "wilson" / "300237.txt"


def _library_of(workspace: Workspace, copies: int) -> None:
    """``copies`` records in the reader's library, as an import leaves them."""
    workspace.ensure()
    workspace.library_dir.mkdir(exist_ok=True)
    text = WEB_PAGE.read_text(encoding="utf-8")
    for number in range(copies):
        record = f"9{number:05d}"
        (workspace.library_dir / f"{record}.txt").write_text(
            text.replace("Record ID\n300237", f"Record ID\n{record}"), encoding="utf-8"
        )


def test_an_empty_cache_starts_from_the_bundled_corpus_and_fills_in(qtbot, tmp_path) -> None:
    workspace = Workspace.create(tmp_path / "portable")
    _library_of(workspace, 40)
    quick = workspace.quick_library()
    assert set(quick.ids()) == {"117421", "113013"}  # nothing of the library read yet
    services = Services.create(workspace, quick, NotesService(None))
    found: list[int] = []
    services.loader.found.connect(lambda entries: found.append(len(entries)))
    with qtbot.waitSignal(services.loader.finished, timeout=30_000) as finished:
        assert services.loader.start()
    assert isinstance(finished.args[0], RefreshReport)
    assert len(services.session.library) == 42 and found[-1] == 42
    assert "900039" in services.session.library
    services.close()
    # The next start shows the whole library at once, from the catalog.
    assert len(workspace.quick_library()) == 42


def test_records_whose_files_went_leave_and_opened_files_stay(qtbot, tmp_path) -> None:
    workspace = Workspace.create(tmp_path / "portable")
    _library_of(workspace, 3)
    services = Services.create(workspace, workspace.quick_library(), NotesService(None))
    with qtbot.waitSignal(services.loader.finished, timeout=30_000):
        services.loader.start()
    opened = tmp_path / "opened.txt"
    shutil.copy(WEB_PAGE, opened)
    services.session.open_files([opened])
    (workspace.library_dir / "900001.txt").unlink()
    with qtbot.waitSignal(services.loader.finished, timeout=30_000):
        services.loader.start()
    library = services.session.library
    assert "900001" not in library and "900000" in library and "300237" in library
    services.close()


def test_the_window_opens_the_document_read_last_once_the_library_is_in(qtbot, tmp_path) -> None:
    from reader.widgets.main_window import MainWindow
    from reader.widgets.ui_settings import UiSettings

    workspace = Workspace.create(tmp_path / "portable")
    _library_of(workspace, 3)
    settings = UiSettings(workspace.settings_file)
    settings.last_document = "900002"
    library = workspace.quick_library()
    window = MainWindow(Services.create(workspace, library, NotesService(None)), settings)
    qtbot.addWidget(window)
    window.open_document(library.ids()[0], by_default=True)
    window.show()
    with qtbot.waitSignal(window.services.loader.finished, timeout=30_000):
        window.services.loader.start()
    assert window.current_id == "900002"
    assert "900002" in window.timeline_model.document_ids_in_order()


def test_a_large_catalog_opens_with_the_last_document_and_fills_in(
    qtbot, tmp_path, monkeypatch
) -> None:
    from reader import workspace as workspace_module

    workspace = Workspace.create(tmp_path / "portable")
    _library_of(workspace, 5)
    warm = Services.create(workspace, workspace.quick_library(), NotesService(None))
    with qtbot.waitSignal(warm.loader.finished, timeout=30_000):
        warm.loader.start()
    warm.close()
    monkeypatch.setattr(workspace_module, "QUICK_ENTRIES", 3)  # 7 records count as large here
    quick = workspace.quick_library(keep="900003")
    assert quick.partial and quick.ids() == ["900003"]  # only the record to open is read
    assert not workspace.quick_library(keep="no-such-record").ids()
    services = Services.create(workspace, quick, NotesService(None))
    with qtbot.waitSignal(services.loader.finished, timeout=30_000):
        services.loader.start()
    library = services.session.library
    assert len(library) == 7 and not library.partial
    assert library.ids() == sorted(library.ids(), key=lambda i: library.entry(i).date_sort_key)  # type: ignore[union-attr]
    services.close()
