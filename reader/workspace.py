"""Where everything lives: one value built once at start and handed to whatever needs a folder.

Without ``--data-dir`` the platform's folders are used (XDG on Linux, through platformdirs). With
``--data-dir DIR`` the install is portable: data, settings, state and caches all go under DIR, and
nothing is written to the home folder or the XDG folders. A relative DIR is resolved once, here,
so a later change of working directory cannot move it.

No Qt here: the command line builds a workspace without loading the window's libraries.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from reader.core.messages import QT_TRANSLATE_NOOP, Message
from reader.paths import bundled_corpus_dir

if TYPE_CHECKING:
    from reader.core.annotation_store import AnnotationStore
    from reader.core.catalog import Catalog
    from reader.core.document import ParseError
    from reader.core.library import Library
    from reader.core.pair_resolver import PairResolver
    from reader.core.search_index import SearchIndex

APP_DIR_NAME = "parallel-reader"
OWNER_ONLY = 0o700  # notes, and caches and indexes that hold their text, are private
SEARCH_INDEX_FILE = "search.sqlite3"
SETTINGS_FILE = "settings.ini"
STATE_FILE = "state.ini"
NO_SUCH_FOLDER = Message(QT_TRANSLATE_NOOP("CoreMessages", "no such folder"))
# A catalog this large is read after the first paint: the window opens with the last document.
QUICK_ENTRIES = 20_000


@dataclass(frozen=True)
class Workspace:
    data_dir: Path  # notes, alignment corrections, the user's library of imported documents
    config_dir: Path  # settings.ini: preferences (theme, text size)
    state_dir: Path  # state.ini (window layout, reading positions); unsaved notes at the worst
    cache_dir: Path  # catalog, search index, computed alignments, theme icons: all rebuildable
    corpus_dir: Path  # the bundled corpus, or --corpus for one session
    portable: bool = False  # True with --data-dir: nothing may be written outside it

    @classmethod
    def create(
        cls, data_dir: str | os.PathLike[str] | None, corpus: str | None = None
    ) -> Workspace:
        """The workspace for these options; relative paths are resolved against the current one."""
        corpus_dir = Path(corpus).resolve() if corpus else bundled_corpus_dir()
        if data_dir:
            root = Path(data_dir).expanduser().resolve()
            return cls(root, root / "config", root / "state", root / "cache", corpus_dir, True)
        return cls(
            Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False)),
            Path(platformdirs.user_config_dir(APP_DIR_NAME, appauthor=False)),
            Path(platformdirs.user_state_dir(APP_DIR_NAME, appauthor=False)),
            Path(platformdirs.user_cache_dir(APP_DIR_NAME, appauthor=False)),
            corpus_dir,
        )

    # -- folders ---------------------------------------------------------------------------------

    @property
    def library_dir(self) -> Path:
        """Documents the reader imported (or opened), copied here so they outlive the session."""
        return self.data_dir / "library"

    @property
    def library_folders(self) -> list[Path]:
        """Where documents come from, in order: the corpus, then the reader's library."""
        return [self.corpus_dir, self.library_dir]

    def existing_library_folders(self) -> list[Path]:
        """The library folders there are (the reader's library appears with the first import)."""
        return [folder for folder in self.library_folders if folder.is_dir()]

    @property
    def settings_file(self) -> Path:
        return self.config_dir / SETTINGS_FILE

    @property
    def state_file(self) -> Path:
        """Window layout, reading positions, the last document: state, not preference."""
        return self.state_dir / STATE_FILE

    @property
    def search_index_file(self) -> Path:
        return self.cache_dir / SEARCH_INDEX_FILE

    @property
    def theme_cache_dir(self) -> Path:
        """pyqtdarktheme's icon cache, kept with ours instead of in ~/.cache."""
        return self.cache_dir / "qdarktheme"

    @property
    def alignment_cache_dir(self) -> Path:
        return self.cache_dir / "alignments"

    def ensure(self, *folders: Path) -> None:
        """Create folders owner-only; an existing one is narrowed to the owner as well."""
        for folder in folders or (self.data_dir, self.config_dir, self.state_dir, self.cache_dir):
            folder.mkdir(parents=True, exist_ok=True, mode=OWNER_ONLY)
            try:
                if folder.stat().st_mode & 0o077:
                    folder.chmod(OWNER_ONLY)
            except OSError:
                pass  # a folder we do not own: reading still works, writing will say why

    def problem(self) -> str | None:
        """Why the workspace's folders cannot be used (one is a file, say), naming the folder;
        None when they can. Creates the folders that are missing."""
        for folder in (self.data_dir, self.config_dir, self.state_dir, self.cache_dir):
            try:
                self.ensure(folder)
            except OSError as error:
                reason = "it is a file, not a folder" if folder.is_file() else error.strerror
                return f"cannot use the folder {folder}: {reason or error}"
            if not folder.is_dir():
                return f"cannot use the folder {folder}: it is not a folder"
        return None

    def migrate_settings(self) -> None:
        """Settings used to live in the data folder; move them where the workspace keeps them."""
        old = self.data_dir / SETTINGS_FILE
        if old.is_file() and not self.settings_file.exists():
            self.ensure(self.config_dir)
            with suppress(OSError):  # a failed move only costs the old window layout
                old.replace(self.settings_file)

    # -- stores ----------------------------------------------------------------------------------

    def open_annotations(self) -> AnnotationStore:
        """The notes database; raises AnnotationStoreError with a message for the user."""
        from reader.core.annotation_store import AnnotationStore

        return AnnotationStore.open(self.data_dir)

    def open_catalog(self) -> Catalog:
        from reader.core.catalog import Catalog

        self.ensure(self.cache_dir)
        return Catalog.open(self.cache_dir)

    def open_search_index(self) -> SearchIndex:
        from reader.core.search_index import SearchIndex

        self.ensure(self.cache_dir)
        return SearchIndex.open(self.search_index_file)

    @contextmanager
    def catalog(self) -> Iterator[Catalog]:
        catalog = self.open_catalog()
        try:
            yield catalog
        finally:
            catalog.close()

    @contextmanager
    def search_index(self) -> Iterator[SearchIndex]:
        index = self.open_search_index()
        try:
            yield index
        finally:
            index.close()

    def pair_resolver(self) -> PairResolver:
        """Which texts face each other and how they align: curated > corrected > computed."""
        from reader.core.alignment_cache import AlignmentCache
        from reader.core.alignment_corrections import CorrectionStore
        from reader.core.pair_resolver import PairResolver

        return PairResolver(
            CorrectionStore(self.data_dir), AlignmentCache(self.alignment_cache_dir)
        )

    def quick_library(self, keep: str | None = None) -> Library:
        """What the window can show at once: the catalog as it was left (no file is read), or,
        when the cache is empty, the bundled corpus. The rest arrives from LibraryLoader.

        A catalog of more than QUICK_ENTRIES records is not read before the first paint (100,000
        entries take seconds): only ``keep``, the record to open, is; see ``is_partial``.
        """
        from reader.core.corpus import load_paths
        from reader.core.library import Library

        roots = tuple(str(folder) + os.sep for folder in self.library_folders)
        with self.catalog() as catalog:
            if catalog.holds_more_than(QUICK_ENTRIES):
                wanted = catalog.entry(keep) if keep else None
                kept = [wanted] if wanted is not None and wanted.file.startswith(roots) else []
                return Library(kept, partial=True)
            entries = [entry for entry in catalog.entries() if entry.file.startswith(roots)]
        if entries:
            return Library(entries)
        bundled = bundled_corpus_dir()
        small = self.corpus_dir == bundled and bundled.is_dir()  # --corpus may be the archive
        return Library(load_paths([bundled]).documents if small else [])

    def load_library(self) -> tuple[Library, list[ParseError]]:
        """Every document the reader can open, from the catalog (only new or changed files are
        parsed; texts are read when a document is opened), and the files that could not be read."""
        from reader.core.document import ParseError
        from reader.core.library import Library

        folders = self.existing_library_folders()
        missing = (
            [] if self.corpus_dir.is_dir() else [ParseError(self.corpus_dir, NO_SUCH_FOLDER)]
        )
        with self.catalog() as catalog:
            report = catalog.refresh(folders)
            return Library(catalog.entries()), missing + report.errors
