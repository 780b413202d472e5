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
