"""The document header: its date line never cuts a part, however narrow the header."""

from __future__ import annotations

from reader.core.parsing import parse_file
from reader.paths import bundled_corpus_dir
from reader.widgets.document_header import DocumentHeader


def _header(qtbot, width: int) -> DocumentHeader:
    header = DocumentHeader()
    qtbot.addWidget(header)
    header.show_document(parse_file(bundled_corpus_dir() / "117421.txt"))
    header.resize(width, 300)
    header.show()
    qtbot.waitExposed(header)
    qtbot.wait(20)
    return header


def _widest_part(header: DocumentHeader) -> int:
    metrics = header.details.fontMetrics()
    return max(metrics.horizontalAdvance(part) for part in header.details.text().split("  ·  "))


def test_a_wide_header_keeps_the_link_and_copy_citation_beside_the_date(qtbot) -> None:
    header = _header(qtbot, 1000)
    assert not header.meta_row_stacked()
    assert header.source_link.geometry().top() < header.details.geometry().bottom()


def test_a_narrow_header_puts_them_under_the_date_instead_of_cutting_it(qtbot) -> None:
    header = _header(qtbot, 480)  # the forced timeline beside a panel at 1024 px
    assert header.meta_row_stacked()
    qtbot.waitUntil(
        lambda: header.source_link.geometry().top() >= header.details.geometry().bottom()
    )
    assert header.details.width() >= _widest_part(header)  # "Original language: Russian" whole
    header.resize(1000, 300)
    qtbot.waitUntil(lambda: not header.meta_row_stacked())
