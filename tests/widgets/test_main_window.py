"""The main window as a reader meets it: corpus, timeline, header, reading view, restored state."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication

from reader.core.corpus import load_paths
from reader.core.library import Library
from reader.paths import bundled_corpus_dir
from reader.services.composition import Services
from reader.services.notes import NotesService
from reader.widgets.main_window import MainWindow
from reader.widgets.theme import apply_theme
from reader.widgets.ui_settings import DEFAULT_POINT_SIZE, UiSettings
from reader.workspace import Workspace

PROJECT_DIR = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = PROJECT_DIR / "build" / "screenshots"
SEED_CABLE = "117421"
SEED_TELEGRAM = "113013"


def make_window(qtbot, settings_path: Path, theme_calls: list[str] | None = None) -> MainWindow:
    library = Library(load_paths([bundled_corpus_dir()]).documents)
    settings = UiSettings(settings_path)
    recorder = theme_calls.append if theme_calls is not None else (lambda _theme: None)
    workspace = Workspace.create(settings_path.parent / "portable")
    window = MainWindow(Services.create(workspace, library, NotesService(None)), settings, recorder)
    qtbot.addWidget(window)
    window.restore_layout()
    window.open_document(settings.last_document or library.ids()[0])
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def settings_path(tmp_path) -> Path:
    return tmp_path / "settings.ini"


@pytest.fixture
def window(qtbot, settings_path) -> MainWindow:
    return make_window(qtbot, settings_path)


def test_opens_on_the_first_document_in_date_order(window) -> None:
    assert window.current_id == SEED_CABLE
    assert (
        window.windowTitle()
        == "Parallel Reader — Cable No. 4277, Filippov [Stalin] to Cde. Mao Zedong"
    )
    assert window.timeline.selected_document_id() == SEED_CABLE
    assert window.reading_view.left.paragraphs[0] == "Товарищу МАО ЦЗЭДУНУ."
    assert window.reading_view.right.paragraphs[3] == "to Cde. MAO ZEDONG"


def test_the_curated_alignment_levels_the_address_lines(qtbot, window) -> None:
    qtbot.wait(100)
    view = window.reading_view
    assert view.left.block_top(0) == pytest.approx(view.right.block_top(3), abs=3)
    assert view.left.block_top(2) == pytest.approx(view.right.block_top(5), abs=3)


def test_next_and_previous_follow_date_order(qtbot, window) -> None:
    window.menus.next_action.trigger()
    assert window.current_id == SEED_TELEGRAM
    assert window.timeline.selected_document_id() == SEED_TELEGRAM
    assert not window.menus.next_action.isEnabled()
    window.menus.previous_action.trigger()
    assert window.current_id == SEED_CABLE


def test_a_one_language_record_says_which_text_it_lacks(qtbot, window) -> None:
    window.open_document(SEED_TELEGRAM)
    view = window.reading_view
    assert view.notice.isVisibleTo(window)
    assert "only the English translation" in view.notice.text()
    assert [column.isVisibleTo(window) for column in view.columns] == [False, True]
    assert not window.menus.swap_action.isEnabled()


def test_header_shows_metadata_and_copies_the_citation(window) -> None:
    header = window.header
    assert header.title.text().startswith("Cable No. 4277")
    assert "21 July 1951" in header.details.text().replace("\xa0", " ")  # parts wrap whole
    assert "Russian" in header.details.text()
    assert header.summary.text().startswith("Stalin agrees with Mao")
    window.menus.copy_citation_action.trigger()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("“Cable No. 4277, Filippov [Stalin] to Cde. Mao Zedong,” July 21, 1951")
    assert "APRF, f. 45, op. 1, d. 340, ll. 92" in copied


def test_the_archive_link_and_copy_citation_stay_in_view_when_the_header_folds(window) -> None:
    header = window.header
    header.set_expanded(False)
    assert not header.body.isVisibleTo(header)
    assert header.source_link.isVisibleTo(header)
    assert header.copy_citation_button.isVisibleTo(header)
    header.set_expanded(True)
    # Beside the date, not in the summary's scrolling area.
    assert not header.body.isAncestorOf(header.source_link)


def test_copy_citation_with_a_selection_quotes_it_with_its_paragraph(window) -> None:
    pane = window.reading_view.right
    text = window.reading_view.text_of("target").paragraphs[4]
    start = text.index("withdrawal of foreign troops")
    pane.show_range(4, start, start + len("withdrawal of foreign troops"))
    window.reading_view._last_selected_pane = 1
    window.header.copy_citation_button.click()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("“withdrawal of foreign troops” (¶ 5, English translation)")
    assert "APRF, f. 45" in copied.splitlines()[1]


def test_copy_citation_as_csl_json_gives_zotero_the_record(window) -> None:
    import json

    window.menus.copy_csl_action.trigger()
    records = json.loads(QGuiApplication.clipboard().text())
    assert records[0]["type"] == "manuscript"
    assert records[0]["issued"] == {"date-parts": [[1951, 7, 21]]}
    assert records[0]["archive"] == "APRF"
    edit = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    assert window.menus.copy_csl_action in edit.actions()


def test_citations_of_the_filtered_timeline_are_exported(qtbot, window, tmp_path) -> None:
    target = tmp_path / "cables.bib"
    with qtbot.waitSignal(window.services.citations.job.finished, timeout=20_000):
        window.services.citations.export_entries(target, window.session.visible_entries())
    text = target.read_text(encoding="utf-8")
    assert text.count("@unpublished{") == 2 and "wcda:117421" in text
    assert "Exported 2 citations" in window.statusBar().currentMessage()


def test_source_link_opens_only_http_links_and_only_on_click(window, monkeypatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened.append(QUrl(url).toString())
    )
    assert opened == []  # showing a document opens nothing
    window.header.open_link("javascript:alert(1)")
    window.header.open_link("file:///etc/passwd")
    window.header.open_link("https://wilson-center-digital-archive.dvincitest.com/document/117421")
    assert opened == ["https://wilson-center-digital-archive.dvincitest.com/document/117421"]


def test_zoom_keys_change_the_reading_size_and_it_is_remembered(
    qtbot, window, settings_path
) -> None:
    window.menus.zoom_in_action.trigger()
    window.menus.zoom_in_action.trigger()
    assert window.settings.point_size > DEFAULT_POINT_SIZE
    enlarged = window.settings.point_size
    assert window.reading_view.left.document().defaultFont().pointSizeF() == pytest.approx(enlarged)
    window.close()
    reopened = make_window(qtbot, settings_path)
    assert reopened.settings.point_size == pytest.approx(enlarged)
    assert reopened.reading_view.left.document().defaultFont().pointSizeF() == pytest.approx(
        enlarged
    )
    reopened.menus.zoom_reset_action.trigger()
    assert reopened.settings.point_size == DEFAULT_POINT_SIZE


def test_restart_restores_document_position_layout_and_theme(qtbot, settings_path) -> None:
    themes: list[str] = []
    first = make_window(qtbot, settings_path, themes)
    first.open_document(SEED_TELEGRAM)
    screen = first.screen().availableGeometry()
    size = (screen.width() - 50, screen.height() - 60)  # restoreGeometry() keeps windows on screen
    first.resize(*size)
    size = (first.width(), first.height())  # within the window's minimum size
    first.main_splitter.setSizes([240, size[0] - 240])
    qtbot.wait(100)
    splitter_sizes = first.main_splitter.sizes()
    first.reading_view.restore_position(12, 0.0)
    first.set_theme("dark")
    assert themes == ["dark"]
    position = first.reading_view.position()
    first.close()

    second = make_window(qtbot, settings_path)
    qtbot.wait(100)
    assert second.current_id == SEED_TELEGRAM
    assert second.settings.theme == "dark"
    assert (second.size().width(), second.size().height()) == size
    assert second.main_splitter.sizes() == splitter_sizes
    assert second.reading_view.position()[0] == position[0] == 12


def test_swapping_sides_is_remembered(qtbot, window, settings_path) -> None:
    window.menus.swap_action.trigger()
    assert window.reading_view.left.paragraphs[0] == "COPY OF AN OUTGOING TELEGRAM"
    window.close()
    reopened = make_window(qtbot, settings_path)
    assert reopened.reading_view.swapped
    assert reopened.reading_view.left.paragraphs[0] == "COPY OF AN OUTGOING TELEGRAM"


def test_opening_a_file_adds_it_to_the_timeline(qtbot, window, tmp_path) -> None:
    document = tmp_path / "999001.txt"
    document.write_text(
        "March 5, 1953\n\nA test record\n\nThe first paragraph of the body text here.\n"
    )
    window.open_files([document])
    assert window.current_id == "999001"
    assert window.timeline.selected_document_id() == "999001"
    assert "999001" in window.timeline_model.document_ids_in_order()


def test_an_opened_file_is_kept_in_the_library_and_is_there_after_a_restart(
    qtbot, window, tmp_path
) -> None:
    document = tmp_path / "elsewhere" / "999002.txt"
    document.parent.mkdir()
    document.write_text(
        "March 6, 1953\n\nA kept record\n\nThe first paragraph of the body text here.\n"
    )
    with qtbot.waitSignal(window.services.imports.kept, timeout=20_000):
        window.open_files([document])
    assert "Kept 1 opened document" in window.statusBar().currentMessage()
    document.unlink()  # the reader's copy no longer depends on the original
    library, errors = window.services.workspace.load_library()
    assert "999002" in library and errors == []
    assert library.get("999002").title == "A kept record"


def test_a_bad_file_gets_a_message_naming_it_and_the_rest_still_open(
    qtbot, window, tmp_path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    window.open_files([empty])
    box = window.last_error_box
    assert "empty.txt" in box.detailedText()
    assert "empty" in box.detailedText().split("empty.txt", 1)[1]
    assert window.current_id == SEED_CABLE
    box.close()


def test_every_bundled_document_opens_and_screenshots_in_both_themes(qtbot, window) -> None:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance()
    window.resize(1400, 900)
    for theme in ("light", "dark"):
        apply_theme(app, theme)
        window.reading_view.refresh_colours()
        for document_id in window.library.ids():
            window.open_document(document_id)
            qtbot.wait(60)
            shown = sum(len(pane.paragraphs) for pane in window.reading_view.panes)
            assert shown > 0
            image = window.grab()
            path = SCREENSHOT_DIR / f"{document_id}-{theme}.png"
            assert image.save(str(path))
            assert path.stat().st_size > 10_000
    apply_theme(app, "light")


def test_an_endless_title_or_record_id_does_not_widen_the_window(qtbot, tmp_path) -> None:
    from reader.core.corpus import load_paths as read

    text = (bundled_corpus_dir() / "113013.txt").read_text(encoding="utf-8")
    title = text.splitlines()[0]
    endless = tmp_path / "endless.txt"
    endless.write_text(text.replace(title, "Telegram" + "X" * 5000, 1), encoding="utf-8")
    [document] = read([endless]).documents
    workspace = Workspace.create(tmp_path / "portable")
    library = Library([document])
    window = MainWindow(Services.create(workspace, library, NotesService(None)), UiSettings(tmp_path / "s.ini"))
    qtbot.addWidget(window)
    window.open_document(document.id)
    window.show()
    window.resize(1024, 640)
    qtbot.waitExposed(window)
    qtbot.wait(50)
    assert window.width() <= 1024 and window.height() <= 640
    assert window.minimumSizeHint().width() < 1024
    assert len(window.windowTitle()) < 200


def test_a_long_summary_never_makes_the_window_taller_and_folds_away(qtbot, tmp_path) -> None:
    import dataclasses

    from reader.core.corpus import load_paths as read

    [cable] = read([bundled_corpus_dir() / "117421.txt"]).documents
    long = dataclasses.replace(
        cable, summary="Stalin agrees with Mao. " * 120, citation="APRF, f. 45, op. 1. " * 60
    )
    settings = UiSettings(tmp_path / "s.ini")
    services = Services.create(Workspace.create(tmp_path / "p"), Library([long]), NotesService(None))
    window = MainWindow(services, settings)
    qtbot.addWidget(window)
    window.open_document(long.id)
    window.resize(1024, 640)
    window.show()
    qtbot.waitExposed(window)
    assert window.minimumSizeHint().height() <= 640
    assert window.height() <= 640
    assert window.header.height() <= 640 * 0.45
    window.header.toggle.click()
    assert not window.header.body.isVisible()
    qtbot.waitUntil(lambda: window.header.height() < 120, timeout=2000)  # title and date only
    assert not settings.header_expanded  # remembered for the next start


def test_preferences_and_window_state_live_apart_and_old_state_moves_over(tmp_path) -> None:
    config, state = tmp_path / "config" / "settings.ini", tmp_path / "state" / "state.ini"
    old = UiSettings(config)  # an older version kept everything in one file
    old.theme, old.last_document = "dark", "113013"
    old.set_reading_position("113013", 4, 0.5)
    old.sync()
    settings = UiSettings(config, state)
    settings.sync()
    assert settings.theme == "dark" and settings.last_document == "113013"
    assert settings.reading_position("113013") == (4, 0.5)
    assert "113013" not in config.read_text(encoding="utf-8")
    assert "113013" in state.read_text(encoding="utf-8")
