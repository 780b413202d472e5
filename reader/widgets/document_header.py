"""The header above the reading panes: title, date, citation, summary, language and source link."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.document import Document
from reader.core.languages import language_codes
from reader.models.display_text import display_date, isolated, language_label, shown

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


SUMMARY_HEIGHT = 150  # the most the summary and citation take before they scroll


class DocumentHeader(QWidget):
    """Shows one document's metadata. The source link opens in the browser only when clicked.

    Title and the date line always show; the summary, citation and link below them fold away with
    the toggle, and scroll when long, so no record can make the window taller than the screen.
    """

    expanded_changed = Signal(bool)
    citation_requested = Signal()  # Copy Citation was clicked: the window knows the formats

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
        self.copy_citation_button.clicked.connect(self.citation_requested)
        self.toggle = QToolButton(self)
        self.toggle.setObjectName("headerToggle")
        self.toggle.setAutoRaise(True)
        self._expanded: bool = True
        self.toggle.clicked.connect(lambda: self.set_expanded(not self._expanded))
        self.body = QScrollArea(self)
        self.body.setObjectName("headerBody")
        self.body.setFrameShape(QFrame.Shape.NoFrame)
        self.body.setWidgetResizable(True)
        self.body.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body.setMaximumHeight(SUMMARY_HEIGHT)
        self._build_layout()
        self._update_toggle()

    def _build_layout(self) -> None:
        title_row = QHBoxLayout()
        title_row.setContentsMargins(0, 0, 0, 0)
        title_row.addWidget(self.title, 1)
        title_row.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignTop)
        # The link and Copy Citation stay beside the date, never scrolled or folded away with
        # the summary (a two-line title left the link half hidden under the fold).
        # When the date line and the two do not fit in one row, they go under it (see
        # _fit_meta_row) rather than cut the date line's parts ("Original languag").
        self._actions = QHBoxLayout()
        self._actions.setSpacing(12)
        self._actions.addWidget(self.source_link)
        self._actions.addWidget(self.copy_citation_button)
        self._actions.addStretch(1)  # stacked, they keep to the left
        meta_row = self._meta_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        meta_row.setContentsMargins(0, 0, 0, 0)
        meta_row.setSpacing(12)
        meta_row.addWidget(self.details, 1)
        meta_row.addLayout(self._actions)
        content = QWidget(self.body)
        body = QVBoxLayout(content)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(5)
        body.addWidget(self.summary)
        body.addWidget(self.citation)
        body.addStretch(1)  # short text sits at the top, not in the middle of the area
        self.body.setWidget(content)
        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 12, 18, 8)
        layout.setSpacing(5)
        layout.addLayout(title_row)
        layout.addLayout(meta_row)
        layout.addWidget(self.body)

    @property
    def expanded(self) -> bool:
        return self._expanded

    def set_expanded(self, expanded: bool) -> None:
        """Show (or fold away) the summary and citation under the title and date."""
        changed = expanded != self._expanded
        self._expanded = expanded
        self.body.setVisible(expanded)
        self._update_toggle()
        if changed:
            self.expanded_changed.emit(expanded)

    def _update_toggle(self) -> None:
        expanded = self._expanded
        self.toggle.setArrowType(Qt.ArrowType.UpArrow if expanded else Qt.ArrowType.DownArrow)
        self.toggle.setToolTip(
            self.tr("Hide the summary and citation")
            if expanded
            else self.tr("Show the summary and citation")
        )

    def show_document(self, document: Document) -> None:
        self._document = document
        self.title.setText(shown(document.title))
        details = [display_date(document.date)]
        if document.original_language:
            codes = language_codes(document.original_language)
            language = (
                ", ".join(map(language_label, codes)) if codes else document.original_language
            )
            details.append(self.tr("Original language: %1").replace("%1", language))
        details.append(self.tr("Record %1").replace("%1", shown(document.id, 80)))
        # Each part wraps as a whole ("Record 122808", "5 October 1945"), only at the dots.
        self.details.setText("  ·  ".join(part.replace(" ", "\u00a0") for part in details))
        self.summary.setText(isolated(document.summary or ""))
        self.summary.setVisible(bool(document.summary))
        self.citation.setText(shown(document.citation or "", limit=1000))
        self.citation.setVisible(bool(document.citation))
        self.copy_citation_button.setEnabled(bool(document.citation))
        self._show_link(document.source_url)
        self._fit_meta_row()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_meta_row()

    def meta_row_stacked(self) -> bool:
        return self._meta_row.direction() == QBoxLayout.Direction.TopToBottom

    def _fit_meta_row(self) -> None:
        """The link and Copy Citation beside the date line when all of it fits, else under it."""
        margins = self._layout.contentsMargins()
        room = self.width() - margins.left() - margins.right()
        actions = self._actions.sizeHint().width()
        one_row = self.details.fontMetrics().horizontalAdvance(self.details.text())
        fits = one_row + self._meta_row.spacing() + actions <= room
        direction = QBoxLayout.Direction.LeftToRight if fits else QBoxLayout.Direction.TopToBottom
        if self._meta_row.direction() != direction:
            self._meta_row.setDirection(direction)

    def _show_link(self, url: str | None) -> None:
        if not url or not is_safe_link(url):
            self.source_link.hide()
            return
        escaped = html.escape(url, quote=True)
        label = html.escape(self.tr("View the record in the archive ↗"))
        self.source_link.setText(f'<a href="{escaped}">{label}</a>')
        self.source_link.setToolTip(f"<p>{escaped}</p>")  # rich text, escaped: shown literally
        self.source_link.show()

    def open_link(self, url: str) -> None:
        if is_safe_link(url):
            QDesktopServices.openUrl(QUrl(url))
