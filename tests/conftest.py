"""Test configuration: offscreen Qt, user data in tmp_path, and paths to the shared samples."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Set before any Qt import, so no test needs a display.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

PROJECT_DIR = Path(__file__).resolve().parent.parent
SHARED_DIR = PROJECT_DIR.parent / "shared"
CORPUS_DIR = PROJECT_DIR / "corpus"
SAMPLES_DIR = SHARED_DIR / "samples"
WILSON_DIR = SAMPLES_DIR / "wilson"


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test touches the real user data directory."""
    data = tmp_path / "user-data"
    monkeypatch.setenv("PARALLEL_READER_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    return data
