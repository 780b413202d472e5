"""The header above the reading panes: title, date, citation, summary, language and source link."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFont, QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from reader.core.dates import format_date
from reader.core.document import Document
from reader.models.display_text import isolated, shown

SAFE_LINK_SCHEMES = ("http", "https")


def is_safe_link(url: str) -> bool:
    return QUrl(url).scheme().lower() in SAFE_LINK_SCHEMES


def _selectable_label(parent: QWidget, object_name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(object_name)
    label.setTextFormat(Qt.TextFormat.PlainText)  # document text is shown as text, never as markup
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    # Ignored width: a long word (a 5,000-character record id) is cut, never widens the window.
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
    return label


class DocumentHeader(QWidget):
    """Shows one document's metadata. The source link opens in the browser only when clicked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document: Document | None = None
        self.title = _selectable_label(self, "documentTitle")
        title_font = QFont(self.title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.45)
        title_font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(title_font)
        self.details = _selectable_label(self, "documentDetails")  # date · language · record
        self.details.setEnabled(False)
        self.citation = _selectable_label(self, "documentCitation")
        self.summary = _selectable_label(self, "documentSummary")
        self.source_link = QLabel(self)
        self.source_link.setObjectName("sourceLink")
        self.source_link.setTextFormat(Qt.TextFormat.RichText)
        self.source_link.setOpenExternalLinks(False)
        self.source_link.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.source_link.linkActivated.connect(self.open_link)
        self.copy_citation_button = QPushButton(self.tr("Copy Citation"), self)
        self.copy_citation_button.setObjectName("copyCitation")
        self.copy_citation_button.setToolTip(self.tr("Copy the archival citation (Ctrl+Shift+C)"))
        self.copy_citation_button.clicked.connect(self.copy_citation)
        self._build_layout()

    def _build_layout(self) -> None:
        actions = QHBoxLayout()
        actions.setContentsMargins(0, 0, 0, 0)
        actions.addWidget(self.source_link)
        actions.addStretch(1)
        actions.addWidget(self.copy_citation_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 12, 18, 8)
        layout.setSpacing(5)
        layout.addWidget(self.title)
        layout.addWidget(self.details)
        layout.addWidget(self.summary)
        layout.addWidget(self.citation)
        layout.addLayout(actions)

    def show_document(self, document: Document) -> None:
        self._document = document
        self.title.setText(shown(document.title))
        details = [format_date(document.date)]
        if document.original_language:
            details.append(f"Original language: {document.original_language}")
        details.append(f"Record {shown(document.id, 80)}")
        self.details.setText("  ·  ".join(details))
        self.summary.setText(isolated(document.summary or ""))
        self.summary.setVisible(bool(document.summary))
        self.citation.setText(shown(document.citation or "", limit=1000))
        self.citation.setVisible(bool(document.citation))
        self.copy_citation_button.setEnabled(bool(document.citation))
        self._show_link(document.source_url)

    def _show_link(self, url: str | None) -> None:
        if not url or not is_safe_link(url):
            self.source_link.hide()
            return
        escaped = html.escape(url, quote=True)
        self.source_link.setText(f'<a href="{escaped}">View the record in the archive ↗</a>')
        self.source_link.setToolTip(f"<p>{escaped}</p>")  # rich text, escaped: shown literally
        self.source_link.show()

    def open_link(self, url: str) -> None:
        if is_safe_link(url):
            QDesktopServices.openUrl(QUrl(url))

    def copy_citation(self) -> None:
        if self._document and self._document.citation:
            QGuiApplication.clipboard().setText(self._document.citation)
