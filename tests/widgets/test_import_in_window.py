"""Importing documents from the window: off the GUI thread, reported per file, joining the timeline."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from reader.core.user_library import Outcome
from reader.paths import bundled_corpus_dir
from reader.widgets.main_window import MainWindow

WILSON_DIR = Path(__file__).resolve().parents[3] / "shared" / "samples" / "wilson"


@pytest.fixture
def window(reader_window, qtbot, isolated_data_dir) -> MainWindow:
    return reader_window(isolated_data_dir)


@pytest.fixture
def folder(tmp_path) -> Path:
    source = tmp_path / "downloads"
    source.mkdir()
    for name in ("300237.txt", "111240.txt"):
        shutil.copy(WILSON_DIR / name, source)
    (source / "notes.txt").write_text("!!! ??? ...\n", encoding="utf-8")  # not a document
    (source / "117421.txt").write_bytes((bundled_corpus_dir() / "117421.txt").read_bytes())
    return source


def test_a_folder_import_reports_every_file_and_joins_the_timeline(
    qtbot, window, folder, isolated_data_dir
) -> None:
    with qtbot.waitSignal(window.import_finished, timeout=20_000) as finished:
        assert window.import_documents([folder])
    report = finished.args[0]
    outcomes = {item.path.name: item.outcome for item in report.items}
    assert outcomes == {
        "300237.txt": Outcome.IMPORTED,
        "111240.txt": Outcome.IMPORTED,
        "notes.txt": Outcome.SKIPPED,
        "117421.txt": Outcome.SKIPPED,
    }
    assert (isolated_data_dir / "library" / "300237.txt").read_bytes() == (
        folder / "300237.txt"
    ).read_bytes()
    assert not (bundled_corpus_dir() / "300237.txt").exists()  # never into the bundled corpus
    ids = window.timeline_model.document_ids_in_order()
    assert "300237" in ids and "111240" in ids
    assert "notes.txt" in window.last_notice_box.detailedText()


def test_importing_again_updates_nothing_and_says_so(qtbot, window, folder) -> None:
    with qtbot.waitSignal(window.import_finished, timeout=20_000):
        window.import_documents([folder / "300237.txt"])
    with qtbot.waitSignal(window.import_finished, timeout=20_000) as finished:
        window.import_documents([folder / "300237.txt"])
    [item] = finished.args[0].items
    assert item.outcome is Outcome.SKIPPED
    assert "unchanged" in item.reason


def test_dropping_files_on_the_window_imports_them(qtbot, window, folder) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(folder / "300237.txt"))])
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.import_finished, timeout=20_000) as finished:
        window.dropEvent(event)
    assert finished.args[0].count(Outcome.IMPORTED) == 1


def test_the_window_keeps_responding_during_an_import_and_it_can_be_cancelled(
    qtbot, window, tmp_path
) -> None:
    many = tmp_path / "many"
    many.mkdir()
    text = (WILSON_DIR / "300237.txt").read_text(encoding="utf-8")
    for number in range(300):
        (many / f"9{number:05d}.txt").write_text(
            text.replace("Record ID\n300237", f"Record ID\n9{number:05d}"), encoding="utf-8"
        )
    ticks: list[int] = []
    with qtbot.waitSignal(window.import_finished, timeout=60_000) as finished:
        window.import_documents([many])
        qtbot.waitUntil(lambda: window._import_progress is not None)
        for _ in range(5):
            qtbot.wait(10)  # the event loop runs while the import works
            ticks.append(1)
        window.services.imports.cancel()
    report = finished.args[0]
    assert len(ticks) == 5
    assert report.cancelled
    assert report.not_processed > 0


def test_an_import_that_fails_says_so_and_the_next_one_can_start(
    qtbot, window, folder, monkeypatch
) -> None:
    from reader.services import jobs

    def broken(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(jobs, "import_paths", broken)
    with qtbot.waitSignal(window.services.imports.finished, timeout=20_000):
        window.import_documents([folder])
    assert "No space left on device" in window.last_notice_box.text()
    monkeypatch.undo()
    with qtbot.waitSignal(window.import_finished, timeout=20_000) as finished:
        assert window.import_documents([folder / "300237.txt"])
    assert finished.args[0].count(Outcome.IMPORTED) == 1
