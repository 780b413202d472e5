"""The window's file dialogs, each opening where the last one of its kind was left."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from reader.widgets.ui_settings import UiSettings

translate = QCoreApplication.translate


def document_filters() -> list[str]:
    return [
        translate("FileDialogs", "Documents (*.txt *.md)"),
        translate("FileDialogs", "All files (*)"),
    ]


class FileDialogs:
    def __init__(self, parent: QWidget, settings: UiSettings) -> None:
        self._parent = parent
        self._settings = settings

    def _remember(self, purpose: str, chosen: list[Path]) -> list[Path]:
        if chosen:
            first = chosen[0]
            self._settings.set_last_folder(purpose, first if first.is_dir() else first.parent)
        return chosen

    def documents_to_open(self) -> list[Path]:
        files, _ = QFileDialog.getOpenFileNames(
            self._parent,
            translate("FileDialogs", "Open Archive Documents"),
            str(self._settings.last_folder("open")),
            ";;".join(document_filters()),
        )
        return self._remember("open", [Path(f) for f in files])

    def documents_to_import(self) -> list[Path]:
        dialog = QFileDialog(self._parent, translate("FileDialogs", "Import Documents"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setDirectory(str(self._settings.last_folder("import")))
        dialog.setNameFilters(document_filters())
        chosen = [Path(f) for f in dialog.selectedFiles()] if dialog.exec() else []
        return self._remember("import", chosen)

    def folder_to_import(self) -> list[Path]:
        folder = QFileDialog.getExistingDirectory(
            self._parent,
            translate("FileDialogs", "Import a Folder of Documents"),
            str(self._settings.last_folder("import")),
        )
        return self._remember("import", [Path(folder)] if folder else [])

    def notes_export_target(self) -> tuple[Path, str] | None:
        """Where to export the notes, and the format ("md" or "json")."""
        start = self._settings.last_folder("notes") / "notes.md"
        path, chosen = QFileDialog.getSaveFileName(
            self._parent,
            translate("FileDialogs", "Export Notes"),
            str(start),
            translate("FileDialogs", "Markdown (*.md);;W3C Web Annotations JSON (*.json)"),
        )
        if not path:
            return None
        self._remember("notes", [Path(path)])
        return Path(path), "json" if path.endswith(".json") or "JSON" in chosen else "md"

    def citation_target(self, name: str) -> Path | None:
        """Where to write citations; the format follows the file type chosen."""
        filters = {
            "RIS (*.ris)": ".ris",
            "BibTeX (*.bib)": ".bib",
            "CSL-JSON (*.json)": ".json",
            translate("FileDialogs", "Chicago notes (*.txt)"): ".txt",
        }
        start = self._settings.last_folder("citations") / f"{name}.ris"
        path, chosen = QFileDialog.getSaveFileName(
            self._parent, translate("FileDialogs", "Export Citation"), str(start), ";;".join(filters)
        )
        if not path:
            return None
        target = Path(path)
        if target.suffix.lower() not in filters.values():
            target = target.with_suffix(filters.get(chosen, ".ris"))
        self._remember("citations", [target])
        return target

    def notes_to_import(self) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(
            self._parent,
            translate("FileDialogs", "Import Notes"),
            str(self._settings.last_folder("notes")),
            translate("FileDialogs", "W3C Web Annotations (*.json *.jsonld);;All files (*)"),
        )
        return self._remember("notes", [Path(path)])[0] if path else None
