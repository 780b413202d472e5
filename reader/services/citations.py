"""Citing what the reader reads: the open document, a quoted passage, or the filtered timeline.

Formats come from :mod:`reader.core.citations` (RIS, BibTeX, CSL-JSON, Chicago note), the same
writers the ``cite`` command uses, so the window and the command line cite alike.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject

from reader.core.atomic_files import write_text_atomically
from reader.core.citations import (
    FILE_SUFFIXES,
    Format,
    format_citations,
    to_chicago_note,
    to_csl_json,
)
from reader.core.document import Document, ParseError
from reader.core.languages import language_name
from reader.core.library import Entry
from reader.core.parsing import parse_file
from reader.core.sides import Side
from reader.services.jobs import BackgroundJob, Progress
from reader.services.messages import MessageBridge, counted
from reader.services.reading_session import ReadingSession

CSL_JSON_MIME = "application/vnd.citationstyles.csl+json"  # what reference managers paste


def format_for(path: Path) -> Format:
    """The citation format a file name asks for (.ris, .bib, .json; anything else: Chicago)."""
    by_suffix = {suffix: fmt for fmt, suffix in FILE_SUFFIXES.items()}
    return by_suffix.get(path.suffix.lower(), "chicago")


def _whole(entries: Sequence[Entry]) -> Callable[[Progress, Callable[[], bool]], object]:
    """Work for the background job: the whole documents of ``entries`` (their files parsed)."""

    def work(progress: Progress, cancelled: Callable[[], bool]) -> object:
        documents: list[Document] = []
        for done, entry in enumerate(entries):
            if cancelled():
                break
            if isinstance(entry, Document):
                documents.append(entry)
            elif entry.path is not None:
                with suppress(ParseError):  # a file gone bad since: cite the rest
                    documents.append(parse_file(entry.path))
            progress(done + 1, len(entries), entry.id)
        return documents

    return work


class CitationService(QObject):
    def __init__(
        self, session: ReadingSession, messages: MessageBridge, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._messages = messages
        self.job = BackgroundJob(self)
        self._target: Path | None = None
        self.job.finished.connect(self._documents_read)

    def clipboard(self, where: tuple[Side, int, int, int] | None) -> tuple[str, str] | None:
        """(plain text, CSL-JSON) for the clipboard: the selected passage as a quote with its
        paragraph and the document's Chicago note, or the note alone; None with no document."""
        document, pair = self._session.document, self._session.pair
        if document is None:
            return None
        note = to_chicago_note(document)
        csl = json.dumps([to_csl_json(document)], ensure_ascii=False, indent=2)
        text = pair.text_on(where[0]) if pair is not None and where is not None else None
        if where is None or text is None or where[3] <= where[2]:
            return note, csl
        _side, paragraph, start, end = where
        quote = " ".join(text.paragraphs[paragraph][start:end].split())
        language = language_name(text.language)
        return f"“{quote}” (¶ {paragraph + 1}, {language} {text.role})\n{note}", csl

    def export_entries(self, path: Path, entries: Sequence[Entry]) -> bool:
        """Cite every entry (the filtered timeline) into ``path``; their files are read in the
        background. False while an export runs."""
        self._target = path
        return self.job.start(_whole(list(entries)))

    def _documents_read(self, result: object) -> None:
        if self._target is not None and isinstance(result, list):
            self.export(self._target, result)
        elif isinstance(result, Exception):
            self._messages.warn(
                QCoreApplication.translate(
                    "CitationService", "The citations could not be exported: %1"
                ).replace("%1", str(result))
            )
        self._target = None

    def close(self) -> None:
        self.job.shut()

    def export(self, path: Path, documents: Iterable[Document]) -> int | None:
        """Write the citations of ``documents`` in the format ``path`` names; how many, or None."""
        chosen = list(documents)
        try:
            write_text_atomically(path, format_citations(chosen, format_for(path)), durable=True)
        except OSError as error:
            self._messages.warn(
                QCoreApplication.translate("CitationService", "Could not write %1: %2")
                .replace("%1", str(path))
                .replace("%2", str(error.strerror or error))
            )
            return None
        count = len(chosen)
        self._messages.show_status(
            counted.citations_exported(count, str(path)),
            8000,
        )
        return count
