"""Shared pieces of the fault and hostile-input suite: the corpus, a pair resolver, a store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.alignment_cache import AlignmentCache
from reader.core.alignment_corrections import CorrectionStore
from reader.core.annotation_store import AnnotationStore
from reader.core.corpus import load_paths
from reader.core.document import Document
from reader.core.pair_resolver import PairResolver

PROJECT_DIR = Path(__file__).resolve().parents[2]
CORPUS_DIR = PROJECT_DIR / "corpus"
RUSSIAN = CORPUS_DIR / "117421.txt"  # «Вашу шифровку от 20 июля получили»
ENGLISH = CORPUS_DIR / "113013.txt"  # English only: armistice negotiations


@pytest.fixture(scope="session")
def documents() -> dict[str, Document]:
    return {document.id: document for document in load_paths([CORPUS_DIR]).documents}


@pytest.fixture(scope="session")
def resolver(tmp_path_factory: pytest.TempPathFactory) -> PairResolver:
    folder = tmp_path_factory.mktemp("resolver")
    return PairResolver(CorrectionStore(folder / "data"), AlignmentCache(folder / "alignments"))


@pytest.fixture
def store(isolated_data_dir: Path) -> Iterator[AnnotationStore]:
    opened = AnnotationStore.open(isolated_data_dir)
    yield opened
    opened.close()
