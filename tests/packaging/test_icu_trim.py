"""The ICU data trimmer: the package format round-trips, and the right items are kept."""

from __future__ import annotations

import importlib.util
import struct
from pathlib import Path

import pytest

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"
_spec = importlib.util.spec_from_file_location("icu_trim", PACKAGING / "icu_trim.py")
assert _spec is not None and _spec.loader is not None
icu_trim = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(icu_trim)


def fake_header() -> bytes:
    info = struct.pack("<HHBBBB4s4s4s", 20, 0, 0, 0, 2, 0, b"CmnD", b"\1\0\0\0", b"\3\0\0\0")
    header = struct.pack("<HBB", 32, 0xDA, 0x27) + info
    return header + b"\0" * (32 - len(header))


def test_package_round_trips() -> None:
    items = [
        ("icudt73l/en.res", b"E" * 40),
        ("icudt73l/ru.res", b"R" * 17),
        ("icudt73l/x.icu", b""),
    ]
    header, read_back = icu_trim.read_package(icu_trim.write_package(fake_header(), items))
    assert header == fake_header()
    assert [name for name, _ in read_back] == [name for name, _ in items]
    for (_, original), (_, copy) in zip(items, read_back, strict=True):
        assert copy[: len(original)] == original and len(copy) % 16 == 0


def test_rejects_other_data() -> None:
    with pytest.raises(ValueError):
        icu_trim.read_package(b"\x20\x00\x00\x00" + b"\0" * 60)


@pytest.mark.parametrize(
    ("name", "size", "kept"),
    [
        ("icudt73l/root.res", 9000, True),
        ("icudt73l/en_GB.res", 9000, True),
        ("icudt73l/ru.res", 9000, True),
        ("icudt73l/de.res", 9000, False),
        ("icudt73l/coll/ru.res", 9000, True),
        ("icudt73l/coll/zh.res", 700_000, False),
        ("icudt73l/coll/ucadata.icu", 570_000, True),
        ("icudt73l/pool.res", 160_000, True),
        ("icudt73l/zoneinfo64.res", 150_000, True),
        ("icudt73l/metaZones.res", 40_000, True),
        ("icudt73l/brkitr/cjdict.dict", 2_000_000, False),
        ("icudt73l/brkitr/word.brk", 30_000, True),
        ("icudt73l/translit/root.res", 1_000_000, False),
        ("icudt73l/ibm-5347_P100-1998.cnv", 2_000, True),
        ("icudt73l/gb18030.cnv", 230_000, False),
    ],
)
def test_keeps_root_english_russian_and_shared_tables(name: str, size: int, kept: bool) -> None:
    assert icu_trim.wanted(name, size) is kept
