"""Rewrite the parser's golden expectations: run it, then CHECK THE DIFF BY EYE against the files.

    /tmp/venv/bin/python tests/core/golden/regenerate.py

Seeds (ours, in corpus/) are stored whole. The shared samples are not ours to copy, so for them
only a digest is kept: counts, and the first 40 characters of the first and last paragraphs.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

GOLDEN_DIR = Path(__file__).resolve().parent
PROJECT_DIR = GOLDEN_DIR.parents[2]
CORPUS_DIR = PROJECT_DIR / "corpus"
WILSON_DIR = PROJECT_DIR.parent / "shared" / "samples" / "wilson"
SEEDS = ("117421", "113013")
PREFIX = 40

if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

from reader.core.corpus import document_to_json  # noqa: E402
from reader.core.document import Document  # noqa: E402
from reader.core.parsing import parse_file  # noqa: E402


def digest(doc: Document) -> dict[str, Any]:
    """What a sample's golden holds: enough to catch a regression, no whole paragraphs."""
    return {
        "id": doc.id,
        "title": doc.title,
        "date": doc.date,
        "original_language": doc.original_language,
        "source_url": doc.source_url,
        "has_citation": doc.citation is not None,
        "has_summary": doc.summary is not None,
        "people": len(doc.people),
        "places": len(doc.places),
        "subjects": len(doc.subjects),
        "texts": [
            {
                "language": text.language,
                "role": text.role,
                "paragraph_count": len(text.paragraphs),
                "first_paragraph_prefix": text.paragraphs[0][:PREFIX],
                "last_paragraph_prefix": text.paragraphs[-1][:PREFIX],
            }
            for text in doc.texts
        ],
    }


def wilson_digests() -> dict[str, dict[str, Any]]:
    return {path.name: digest(parse_file(path)) for path in sorted(WILSON_DIR.glob("*.txt"))}


def _dump(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def main() -> None:
    for seed in SEEDS:
        _dump(GOLDEN_DIR / f"{seed}.json", document_to_json(parse_file(CORPUS_DIR / f"{seed}.txt")))
    _dump(GOLDEN_DIR / "wilson.json", wilson_digests())
    print(f"wrote goldens to {GOLDEN_DIR}")


if __name__ == "__main__":
    main()
