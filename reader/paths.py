"""Folders shipped with the app (the bundled corpus, resources), wherever it is installed.

Where the reader's own data, settings and caches go is decided by :class:`reader.workspace.Workspace`.
"""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _bundled_dir(name: str) -> Path:
    """A folder shipped with the app: inside the package when installed, beside it in a checkout."""
    candidates = [_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name]
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.insert(0, Path(frozen_root) / "reader" / name)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[-1]


def bundled_corpus_dir() -> Path:
    return _bundled_dir("corpus")


def resources_dir() -> Path:
    return _bundled_dir("resources")
