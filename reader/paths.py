"""Every path the app reads or writes, in one place.

User data goes to the platform's data directory unless ``--data-dir`` or the
``PARALLEL_READER_DATA_DIR`` environment variable moves it (tests and portable installs do).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

DATA_DIR_ENV = "PARALLEL_READER_DATA_DIR"
_APP_DIR_NAME = "parallel-reader"
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


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The user's private data folder, created owner-only on first use."""
    chosen = override or os.environ.get(DATA_DIR_ENV)
    path = (
        Path(chosen) if chosen else Path(platformdirs.user_data_dir(_APP_DIR_NAME, appauthor=False))
    )
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def settings_file(data: Path) -> Path:
    """Window and UI state (QSettings in INI format), kept with the rest of the user's data."""
    return data / "settings.ini"
