"""Alignments the reader corrected, kept in the user's data folder (never in the corpus).

One JSON file per document, in the same format as a curated alignment. A correction that no longer
fits the document (its paragraph counts changed after a re-import) is ignored, not deleted, so the
reader's work can still be recovered by hand.
"""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path

from reader.core.aligner import alignment_to_json, load_curated
from reader.core.alignment import Alignment
from reader.core.atomic_files import write_text_atomically


class CorrectionStore:
    def __init__(self, data_dir: Path) -> None:
        self.folder = data_dir / "alignments"

    def _path(self, document_id: str) -> Path:
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in document_id)
        if safe != document_id:  # keep ids that differ only in unsafe characters apart
            safe += "-" + hashlib.sha256(document_id.encode("utf-8")).hexdigest()[:8]
        return self.folder / f"{safe}.json"

    def load(self, document_id: str, source_count: int, target_count: int) -> Alignment | None:
        return load_curated(self._path(document_id), source_count, target_count)

    def save(self, document_id: str, alignment: Alignment) -> None:
        """A crash while saving leaves the old correction or the new one, never half of one."""
        self._keep_if_stale(document_id, alignment.source_count, alignment.target_count)
        text = json.dumps(alignment_to_json(alignment), ensure_ascii=False, indent=1) + "\n"
        write_text_atomically(self._path(document_id), text, durable=True)

    def reset(self, document_id: str, source_count: int, target_count: int) -> None:
        """Forget the correction for these texts; one made for an older text is kept aside."""
        if not self._keep_if_stale(document_id, source_count, target_count):
            self._path(document_id).unlink(missing_ok=True)

    def has_correction(self, document_id: str, source_count: int, target_count: int) -> bool:
        """A correction that fits these texts (one for an older text does not count)."""
        return self.load(document_id, source_count, target_count) is not None

    def _keep_if_stale(self, document_id: str, source_count: int, target_count: int) -> bool:
        """Move a correction that does not fit these texts aside instead of overwriting it."""
        path = self._path(document_id)
        if not path.exists() or self.load(document_id, source_count, target_count) is not None:
            return False
        path.rename(path.with_name(f"{path.stem}.stale-{time.strftime('%Y%m%d-%H%M%S')}.json"))
        return True
