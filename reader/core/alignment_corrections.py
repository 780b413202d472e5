"""Alignments the reader corrected, kept in the user's data folder (never in the corpus).

One JSON file per document, in the same format as a curated alignment. A correction that no longer
fits the document (its paragraph counts changed after a re-import) is ignored, not deleted, so the
reader's work can still be recovered by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

from reader.core.aligner import alignment_to_json, load_curated
from reader.core.alignment import Alignment
from reader.core.atomic_files import write_text_atomically


class CorrectionStore:
    def __init__(self, data_dir: Path) -> None:
        self.folder = data_dir / "alignments"

    def _path(self, document_id: str) -> Path:
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in document_id)
        return self.folder / f"{safe}.json"

    def load(self, document_id: str, source_count: int, target_count: int) -> Alignment | None:
        return load_curated(self._path(document_id), source_count, target_count)

    def save(self, document_id: str, alignment: Alignment) -> None:
        """A crash while saving leaves the old correction or the new one, never half of one."""
        text = json.dumps(alignment_to_json(alignment), ensure_ascii=False, indent=1) + "\n"
        write_text_atomically(self._path(document_id), text, durable=True)

    def reset(self, document_id: str) -> None:
        self._path(document_id).unlink(missing_ok=True)

    def has_correction(self, document_id: str) -> bool:
        return self._path(document_id).exists()
