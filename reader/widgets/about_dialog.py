"""Help → About: the version, the licence, whose documents these are, and where the user's data lives."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QFont, QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from reader import APP_NAME, __version__
from reader.core.document import Document
from reader.paths import resources_dir

LICENCE = "MIT"
ARCHIVE_CREDIT = (
    "Documents from the Wilson Center Digital Archive, "
    "History and Public Policy Program, Woodrow Wilson International Center for Scholars."
)


def document_credits(documents: Iterable[Document]) -> list[tuple[str, list[str]]]:
    """Each distinct Credits line of the documents, with the records that carry it, in first-seen order."""
    credits: dict[str, list[str]] = {}
    for document in documents:
        line = " ".join((document.credits or "").split())
        if line:
            credits.setdefault(line, []).append(document.id)
    return list(credits.items())


def _text_label(parent: QWidget, object_name: str, text: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName(object_name)
    label.setTextFormat(Qt.TextFormat.PlainText)  # document text is shown as text, never as markup
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    return label


def _heading(parent: QWidget, text: str) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = QFont(label.font())
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    return label


class AboutDialog(QDialog):
    """Modal About box. The "Open Data Folder" button shows the data folder in the file manager."""

    def __init__(
        self, documents: Iterable[Document], data_dir: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About %1").replace("%1", APP_NAME))
        self.data_dir = Path(data_dir)

        self.icon_label = QLabel(self)
        self.icon_label.setObjectName("aboutIcon")
        icon = QIcon(str(resources_dir() / "icons" / "parallel-reader.svg"))
        self.icon_label.setPixmap(icon.pixmap(72, 72))
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignTop)

        self.name_label = _text_label(self, "aboutName", APP_NAME)
        name_font = QFont(self.name_label.font())
        name_font.setPointSizeF(name_font.pointSizeF() * 1.6)
        name_font.setWeight(QFont.Weight.DemiBold)
        self.name_label.setFont(name_font)
        self.version_label = _text_label(
            self, "aboutVersion", self.tr("Version %1").replace("%1", __version__)
        )
        self.description_label = _text_label(
            self,
            "aboutDescription",
            self.tr("Archival documents in two languages, side by side."),
        )
        self.licence_label = _text_label(
            self,
            "aboutLicence",
            self.tr("Licence: %1. Built with Qt %2 and PySide6 %3.")
            .replace("%1", LICENCE)
            .replace("%2", qVersion())
            .replace("%3", pyside_version),
        )

        for short in (self.name_label, self.version_label, self.description_label):
            short.setWordWrap(False)  # one line each; wrapping labels reserve height for two

        credits = document_credits(documents)
        lines = [ARCHIVE_CREDIT]
        for line, ids in credits:
            records = ", ".join(ids)
            lines.append(f"{line} (record{'s' if len(ids) > 1 else ''} {records})")
        self.credits_label = _text_label(self, "aboutCredits", "\n\n".join(lines))

        self.data_path_label = _text_label(self, "aboutDataPath", str(self.data_dir))
        self.data_path_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.data_path_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.data_path_label.setContentsMargins(6, 4, 6, 4)
        self.open_data_button = QPushButton(self.tr("Open Data Folder"), self)
        self.open_data_button.setObjectName("openDataFolder")
        self.open_data_button.setToolTip(self.tr("Show the folder in the file manager"))
        self.open_data_button.setAutoDefault(False)
        self.open_data_button.clicked.connect(self.open_data_folder)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        self.buttons.accepted.connect(self.accept)
        self._build_layout()
        self.setMinimumWidth(520)

    def _build_layout(self) -> None:
        text = QVBoxLayout()
        text.setSpacing(4)
        text.addWidget(self.name_label)
        text.addWidget(self.version_label)
        text.addSpacing(6)
        text.addWidget(self.description_label)
        text.addWidget(self.licence_label)
        text.addSpacing(12)
        text.addWidget(_heading(self, self.tr("Documents")))
        text.addWidget(self.credits_label)
        text.addSpacing(12)
        text.addWidget(_heading(self, self.tr("Your notes and settings are kept in")))
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.data_path_label, 1)
        folder_row.addWidget(self.open_data_button)
        text.addLayout(folder_row)
        text.addStretch(1)  # spare height goes below the text, not between its lines

        top = QHBoxLayout()
        top.setSpacing(18)
        top.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 14)
        layout.addLayout(top)
        layout.addSpacing(8)
        layout.addWidget(self.buttons)

    def open_data_folder(self) -> bool:
        """Open the data folder in the system's file manager (it is created if missing)."""
        self.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir)))
