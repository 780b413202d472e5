"""The disk cache of computed alignments: keys, round trip, corrupt entries, read-only folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core import aligner, atomic_files
from reader.core.alignment_cache import AlignmentCache, cache_key

SOURCE = ["Товарищу МАО ЦЗЭДУНУ.", "Вашу шифровку от 20 июля получили.", "ФИЛИППОВ"]
TARGET = ["SECRET", "To Cde. MAO ZEDONG", "We received your cipher of 20 July.", "FILIPPOV"]


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts calls to aligner.align (still computing the real alignment)."""
    counted: list[int] = []
    real = aligner.align

    def counting(*args, **kwargs):
        counted.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(aligner, "align", counting)
    return counted


def test_only_the_directory_given_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, calls: list[int]
) -> None:
    """No hidden folder: the environment and the user cache directory play no part."""
    monkeypatch.setenv("PARALLEL_READER_CACHE_DIR", str(tmp_path / "env"))
    cache = AlignmentCache(tmp_path / "given")
    cache.align(SOURCE, TARGET, "ru", "en")
    cache.align(SOURCE, TARGET, "ru", "en")
    assert len(calls) == 1
    assert len(list((tmp_path / "given").glob("*.json"))) == 1
    assert not (tmp_path / "env").exists() and not (tmp_path / "xdg-cache").exists()


def test_key_depends_on_everything_that_changes_the_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    key = cache_key(SOURCE, TARGET, "ru", "en")
    assert key == cache_key(tuple(SOURCE), tuple(TARGET), "ru", "en")
    assert len(key) == 64
    assert key != cache_key(SOURCE, TARGET, "ru", "de")
    assert key != cache_key(SOURCE, TARGET, "uk", "en")
    assert key != cache_key(SOURCE[:2], TARGET, "ru", "en")
    assert key != cache_key([SOURCE[0] + " ", *SOURCE[1:]], TARGET, "ru", "en")
    # Paragraph boundaries count: the same characters split differently are another input.
    assert cache_key(["ab", "c"], ["x"], "ru", "en") != cache_key(["a", "bc"], ["x"], "ru", "en")
    monkeypatch.setattr(aligner, "VERSION", aligner.VERSION + 1)
    assert key != cache_key(SOURCE, TARGET, "ru", "en")


def test_computed_once_then_read_from_disk(tmp_path: Path, calls: list[int]) -> None:
    cache = AlignmentCache(tmp_path / "alignments")
    first = cache.align(SOURCE, TARGET, "ru", "en")
    assert len(calls) == 1
    assert cache.path(SOURCE, TARGET, "ru", "en").is_file()
    # A new instance stands for a restart: nothing in memory, the file is still there.
    second = AlignmentCache(tmp_path / "alignments").align(SOURCE, TARGET, "ru", "en")
    assert len(calls) == 1
    assert second == first
    assert [b.confidence for b in second.beads] == [b.confidence for b in first.beads]
    assert not [p for p in (tmp_path / "alignments").iterdir() if p.suffix == ".tmp"]


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not json",
        b'{"pairs": 3}',
        b'{"version": 1, "pairs": [{"source": [0], "target": [0]}]}',  # wrong counts
        b"\xff\xfe\x00bad",
    ],
)
def test_corrupt_entry_is_recomputed_and_replaced(
    tmp_path: Path, calls: list[int], content: bytes
) -> None:
    cache = AlignmentCache(tmp_path)
    expected = cache.align(SOURCE, TARGET, "ru", "en")
    path = cache.path(SOURCE, TARGET, "ru", "en")
    path.write_bytes(content)
    assert cache.get(SOURCE, TARGET, "ru", "en") is None
    assert cache.align(SOURCE, TARGET, "ru", "en") == expected
    assert len(calls) == 2
    assert cache.get(SOURCE, TARGET, "ru", "en") == expected  # rewritten


def test_unusable_directory_does_not_crash(tmp_path: Path, calls: list[int]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    cache = AlignmentCache(blocker / "alignments")
    assert cache.put(SOURCE, TARGET, "ru", "en", aligner.align(SOURCE, TARGET)) is False
    assert cache.align(SOURCE, TARGET, "ru", "en").source_count == len(SOURCE)
    assert cache.align(SOURCE, TARGET, "ru", "en").target_count == len(TARGET)
    assert len(calls) == 3  # nothing could be cached


@pytest.mark.parametrize("refused", ["mkstemp", "replace"])
def test_refused_write_aligns_anyway_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, calls: list[int], refused: str
) -> None:
    """What a read-only cache folder does even to root: creating or renaming the file fails."""

    def refuse(*_args, **_kwargs):
        raise PermissionError("read-only file system")

    module = atomic_files.tempfile if refused == "mkstemp" else atomic_files.os
    monkeypatch.setattr(module, refused, refuse)
    cache = AlignmentCache(tmp_path)
    assert cache.put(SOURCE, TARGET, "ru", "en", aligner.align(SOURCE, TARGET)) is False
    assert cache.align(SOURCE, TARGET, "ru", "en").source_count == len(SOURCE)
    assert len(calls) == 2
    leftovers = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert leftovers == []
