"""Computed alignments kept on disk, so opening a document never waits on the aligner twice.

Entries are JSON files (the format of curated ``*.alignment.json`` files, written by
:func:`reader.core.aligner.alignment_to_json` and read back by
:func:`reader.core.aligner.load_curated`) in the directory the caller names (the workspace's
``<cache>/alignments``); nothing here looks a folder up by itself.

An entry's name is the SHA-256 of the aligner's :data:`~reader.core.aligner.VERSION`, both
languages and every paragraph of both texts, so it can only be found again for the same input and
the same aligner. A missing, unreadable or corrupt entry is ignored and the alignment recomputed;
entries are written to a temporary file and renamed into place, so a reader never sees half a
file; when the directory cannot be created or written (read-only), nothing is cached.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

from reader.core import aligner
from reader.core.alignment import Alignment
from reader.core.atomic_files import write_text_atomically


def cache_key(
    source: Sequence[str], target: Sequence[str], source_language: str, target_language: str
) -> str:
    """SHA-256 hex digest of the aligner version, the languages and the paragraphs."""
    data = [aligner.VERSION, source_language, target_language, list(source), list(target)]
    encoded = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


class AlignmentCache:
    """Alignments on disk, one file per aligned pair of texts, in ``directory``."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    def path(
        self,
        source: Sequence[str],
        target: Sequence[str],
        source_language: str,
        target_language: str,
    ) -> Path:
        key = cache_key(source, target, source_language, target_language)
        return self.directory / f"{key}.json"

    def get(
        self,
        source: Sequence[str],
        target: Sequence[str],
        source_language: str,
        target_language: str,
    ) -> Alignment | None:
        """The cached alignment, or None when there is none usable."""
        path = self.path(source, target, source_language, target_language)
        return aligner.load_curated(path, len(source), len(target))

    def put(
        self,
        source: Sequence[str],
        target: Sequence[str],
        source_language: str,
        target_language: str,
        alignment: Alignment,
    ) -> bool:
        """Store ``alignment`` atomically; False (and nothing stored) when the disk refuses."""
        path = self.path(source, target, source_language, target_language)
        text = json.dumps(aligner.alignment_to_json(alignment), ensure_ascii=False)
        try:
            write_text_atomically(path, text)
        except OSError:
            return False
        return True

    def align(
        self,
        source: Sequence[str],
        target: Sequence[str],
        source_language: str = "ru",
        target_language: str = "en",
    ) -> Alignment:
        """The cached alignment when there is one; otherwise computed, stored and returned."""
        cached = self.get(source, target, source_language, target_language)
        if cached is not None:
            return cached
        alignment = aligner.align(source, target, source_language, target_language)
        self.put(source, target, source_language, target_language, alignment)
        return alignment
