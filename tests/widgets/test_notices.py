"""Message boxes show file names, document fields and note text literally, never as markup."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from reader.core.document import ParseError
from reader.core.parsing import parse_file
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


def test_import_details_and_unreadable_files_speak_the_interface_language(
    qapp, tmp_path: Path
) -> None:
    from reader.core.user_library import import_paths
    from reader.widgets.translations import install_translators

    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    report = import_paths([tmp_path / "empty.txt", tmp_path / "binary.txt"], tmp_path / "data")
    try:
        parse_file(tmp_path / "missing.txt")
    except ParseError as error:
        missing = error
    parent = QWidget()
    install_translators(qapp, "ru")
    try:
        details = notices.show_import_report(parent, report).detailedText().splitlines()
        unreadable = notices.show_unreadable(parent, [missing]).detailedText()
    finally:
        install_translators(qapp, "en")
    assert details == [
        f"пропущен  {tmp_path / 'empty.txt'}: не документ: файл пуст",
        f"пропущен  {tmp_path / 'binary.txt'}: не документ: двоичные данные, а не текстовый документ",
    ]
    assert unreadable == "• missing.txt: файл не найден"
    # The command line keeps the English.
    assert report.items[0].describe().endswith("empty.txt: not a document: the file is empty")
    assert notices.show_unreadable(parent, [missing]).detailedText() == "• missing.txt: no such file"
