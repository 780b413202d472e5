"""All the services of one window, built from a workspace and wired to each other once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QUndoStack

from reader.core.annotation_store import AnnotationStoreError
from reader.core.catalog import RefreshReport
from reader.core.document import ParseError
from reader.core.library import Library
from reader.core.user_library import ImportReport, Outcome
from reader.services.alignment import AlignmentService
from reader.services.citations import CitationService
from reader.services.library import ImportService, LibraryLoader
from reader.services.messages import MessageBridge, counted
from reader.services.notes import NotesService
from reader.services.reading_session import ReadingSession
from reader.services.search import SearchService
from reader.workspace import NO_SUCH_FOLDER, Workspace


def open_notes(workspace: Workspace) -> tuple[NotesService, str]:
    """The notes service, and what the reader must be told about the database ("" if nothing)."""
    try:
        store = workspace.open_annotations()
    except AnnotationStoreError as error:
        unavailable = QCoreApplication.translate("Services", "Notes are not available in this session: %1")
        return NotesService(None, str(error)), unavailable.replace("%1", str(error))
    # Restored from a backup, open read-only, or a backup that failed: each is worth a word.
    said = (store.recovery_notice, store.read_only_reason, store.backup_error)
    return NotesService(store), "\n\n".join(text for text in said if text)


def _say_kept(messages: MessageBridge, report: ImportReport | Exception) -> None:
    if isinstance(report, Exception):
        messages.warn(
            QCoreApplication.translate(
                "Services", "The opened document could not be kept in your library: %1"
            ).replace("%1", str(report))
        )
        return
    copied = report.count(Outcome.IMPORTED) + report.count(Outcome.UPDATED)
    if copied:
        messages.show_status(
            counted.documents_kept(copied),
            8000,
        )
    failed = [item.describe() for item in report.items if item.outcome is Outcome.FAILED]
    if failed:
        messages.warn(
            QCoreApplication.translate("Services", "Could not keep in your library:")
            + "\n"
            + "\n".join(failed)
        )


def _library_read(
    session: ReadingSession,
    search: SearchService,
    corpus: Path,
    report: RefreshReport | Exception,
) -> None:
    """The library is read: say which files could not be, then let search catch up."""
    if isinstance(report, Exception):
        session.report_unreadable(
            [
                ParseError(
                    corpus,
                    QCoreApplication.translate("Services", "could not be read: %1").replace(
                        "%1", str(report)
                    ),
                )
            ]
        )
        return
    missing = [] if corpus.is_dir() else [ParseError(corpus, NO_SUCH_FOLDER)]
    session.report_unreadable(missing + report.errors)
    search.update_documents()


@dataclass
class Services:
    workspace: Workspace
    messages: MessageBridge
    undo_stack: QUndoStack
    session: ReadingSession
    notes: NotesService
    alignment: AlignmentService
    search: SearchService
    imports: ImportService
    loader: LibraryLoader
    citations: CitationService

    @classmethod
    def create(
        cls,
        workspace: Workspace,
        library: Library,
        notes: NotesService | None = None,
        parent: QObject | None = None,
    ) -> Services:
        messages = MessageBridge(parent)
        undo_stack = QUndoStack(parent)
        notes = notes if notes is not None else open_notes(workspace)[0]
        notes.setParent(parent)
        resolver = workspace.pair_resolver()
        session = ReadingSession(library, resolver, notes, messages, parent)
        notes.attach(session.lookup, resolver, undo_stack, messages)
        alignment = AlignmentService(resolver, session.lookup, undo_stack, messages, parent)
        search = SearchService(workspace, notes, parent)
        imports = ImportService(workspace, session, parent)
        loader = LibraryLoader(workspace, messages, parent)
        citations = CitationService(session, messages, parent)
        # One direction: the services tell each other through signals, never through widgets.
        alignment.applied.connect(lambda document_id, _alignment: session.reload_pair(document_id))
        session.texts_replaced.connect(undo_stack.clear)
        notes.changed.connect(lambda _document_id: session.notes_changed())
        imports.finished.connect(lambda _report: search.index_updated.emit())
        session.files_opened.connect(imports.keep)
        loader.found.connect(session.merge_catalog)
        loader.finished.connect(
            lambda report: _library_read(session, search, workspace.corpus_dir, report)
        )
        imports.kept.connect(lambda report: _say_kept(messages, report))
        return cls(
            workspace,
            messages,
            undo_stack,
            session,
            notes,
            alignment,
            search,
            imports,
            loader,
            citations,
        )

    def adopt(self, owner: QObject) -> None:
        """Give every service an owner (the window), so they go when it goes."""
        for service in (
            self.messages,
            self.undo_stack,
            self.session,
            self.notes,
            self.alignment,
            self.search,
            self.imports,
            self.loader,
            self.citations,
        ):
            service.setParent(owner)

    def close(self) -> None:
        """Finish background work and close the index; the notes database stays for the caller."""
        self.loader.close()
        self.citations.close()
        self.imports.close()
        self.search.close()
