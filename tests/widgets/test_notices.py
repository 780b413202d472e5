"""Message boxes show file names, document fields and note text literally, never as markup."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from reader.core.document import ParseError
from reader.core.user_library import ImportItem, ImportReport, Outcome
from reader.services.messages import Level
from reader.widgets import notices

# A file name holds no slash, so the markup a hostile name can carry has none either.
MARKUP = '<h1><b>x <a href="http:example.invalid">y<img src="http:example.invalid">.json'


def test_every_box_is_plain_text(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    boxes = [
        notices.show_notice(parent, f"Could not import {MARKUP}: bad", Level.WARNING),
        notices.show_unreadable(parent, [ParseError(Path(MARKUP), "not a document")]),
        notices.show_import_report(
            parent, ImportReport([ImportItem(Path(MARKUP), Outcome.FAILED, reason="binary file")])
        ),
        notices.show_import_report(parent, OSError(f"cannot read {MARKUP}")),
    ]
    for box in boxes:
        assert box.textFormat() == Qt.TextFormat.PlainText
    assert MARKUP in boxes[0].text()
    assert MARKUP in boxes[1].detailedText()
    assert MARKUP in boxes[2].detailedText()
    assert MARKUP in boxes[3].text()


def _report(cancelled_left: int = 0) -> ImportReport:
    items = [
        ImportItem(Path("a.txt"), Outcome.IMPORTED, "1"),
        ImportItem(Path("b.txt"), Outcome.SKIPPED, reason="not a document: empty"),
    ]
    return ImportReport(items, not_processed=cancelled_left, cancelled=bool(cancelled_left))


def test_the_import_summary_speaks_the_interface_language(qapp) -> None:
    from reader.widgets.translations import install_translators

    assert notices.import_summary(_report()) == "1 imported, 0 updated, 1 skipped, 0 failed"
    assert notices.import_summary(_report(1)).endswith("; cancelled with 1 file not processed")
    install_translators(qapp, "ru")
    try:
        summary = notices.import_summary(_report(3))
        assert summary.startswith("импортировано: 1, обновлено: 0, пропущено: 1, с ошибкой: 0")
        assert summary.endswith("не обработаны 3 файла")
    finally:
        install_translators(qapp, "en")
