"""Help → About: version, licence, corpus credits, the data folder and the button that opens it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel

from reader import APP_NAME, __version__
from reader.core.corpus import load_paths
from reader.core.document import Document
from reader.paths import bundled_corpus_dir
from reader.widgets.about_dialog import AboutDialog, document_credits

PROJECT_DIR = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = PROJECT_DIR / "build" / "screenshots"


@pytest.fixture
def corpus() -> list[Document]:
    return load_paths([bundled_corpus_dir()]).documents


@pytest.fixture
def dialog(qtbot, corpus, tmp_path) -> AboutDialog:
    about = AboutDialog(corpus, tmp_path / "user-data")
    qtbot.addWidget(about)
    about.show()
    qtbot.waitExposed(about)
    return about


def test_shows_name_version_and_licence(dialog) -> None:
    assert dialog.name_label.text() == APP_NAME
    assert __version__ in dialog.version_label.text()
    assert "MIT" in dialog.licence_label.text()
    assert APP_NAME in dialog.windowTitle()


def test_credits_the_archive_and_each_documents_credits_line(dialog) -> None:
    credits = dialog.credits_label.text()
    assert "Wilson Center Digital Archive" in credits
    assert "History and Public Policy Program" in credits
    assert "Leon Levy Foundation (record 117421)" in credits


def test_shows_where_the_data_lives_selectable(dialog, tmp_path) -> None:
    assert dialog.data_path_label.text() == str(tmp_path / "user-data")
    flags = dialog.data_path_label.textInteractionFlags()
    assert flags & Qt.TextInteractionFlag.TextSelectableByMouse


def test_open_data_folder_opens_the_folder(dialog, qtbot, monkeypatch, tmp_path) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    qtbot.mouseClick(dialog.open_data_button, Qt.MouseButton.LeftButton)
    assert [url.toLocalFile() for url in opened] == [str(tmp_path / "user-data")]
    assert (tmp_path / "user-data").is_dir()


def test_document_text_is_shown_as_text(qtbot, tmp_path) -> None:
    hostile = Document(
        id="666", title="x", credits='<img src="http://example.com/x.png"><b>Funded</b> &amp; more'
    )
    about = AboutDialog([hostile], tmp_path)
    qtbot.addWidget(about)
    for label in about.findChildren(QLabel):
        if label is not about.icon_label:
            assert label.textFormat() == Qt.TextFormat.PlainText
    assert (
        '<img src="http://example.com/x.png"><b>Funded</b> &amp; more' in about.credits_label.text()
    )


def test_credits_lines_are_deduplicated_in_order() -> None:
    documents = [
        Document(id="1", title="a", credits="Support  from\nA"),
        Document(id="2", title="b", credits=None),
        Document(id="3", title="c", credits="Support from A"),
        Document(id="4", title="d", credits="Support from B"),
    ]
    assert document_credits(documents) == [
        ("Support from A", ["1", "3"]),
        ("Support from B", ["4"]),
    ]


def test_close_button_closes(dialog, qtbot) -> None:
    with qtbot.waitSignal(dialog.rejected, timeout=1000):
        dialog.buttons.button(dialog.buttons.StandardButton.Close).click()


def test_screenshot(dialog) -> None:
    """A picture to look at: build/screenshots/about.png."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    dialog.adjustSize()
    assert dialog.grab().save(str(SCREENSHOT_DIR / "about.png"))
