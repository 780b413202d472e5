"""Services on the bundled corpus, with every folder in tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.annotation_store import AnnotationStore
from reader.core.corpus import load_paths
from reader.core.library import Library
from reader.paths import bundled_corpus_dir
from reader.services.composition import Services
from reader.services.notes import NotesService
from reader.workspace import Workspace

CABLE, TELEGRAM = "117421", "113013"  # a two-language cable, an English-only telegram


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return Workspace.create(tmp_path / "portable")


@pytest.fixture
def store(workspace: Workspace) -> Iterator[AnnotationStore]:
    opened = workspace.open_annotations()
    yield opened
    opened.close()


@pytest.fixture
def services(qapp, workspace: Workspace, store: AnnotationStore) -> Iterator[Services]:
    library = Library(load_paths([bundled_corpus_dir()]).documents)
    built = Services.create(workspace, library, NotesService(store))
    yield built
    built.close()
    built.notes.stop_retrying()
