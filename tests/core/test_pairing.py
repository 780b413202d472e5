"""Which texts face each other and how they pair: curated first, then memory, disk, aligner."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core import aligner, pairing
from reader.core.alignment import Alignment, Bead
from reader.core.document import Document, Text
from reader.core.pairing import text_pair

RU = ("Товарищу МАО ЦЗЭДУНУ.", "Вашу шифровку от 20 июля получили.", "ФИЛИППОВ")
EN = ("SECRET", "To Cde. MAO ZEDONG", "We received your cipher of 20 July.", "FILIPPOV")


@pytest.fixture(autouse=True)
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """An empty memory cache, a known disk cache, and a count of aligner runs."""
    pairing._computed.cache_clear()
    monkeypatch.setenv("PARALLEL_READER_CACHE_DIR", str(tmp_path / "cache"))
    calls: list[int] = []
    real = aligner.align

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(aligner, "align", counting)
    yield calls
    pairing._computed.cache_clear()


def _document(tmp_path: Path, texts: tuple[Text, ...], doc_id: str = "42") -> Document:
    path = tmp_path / "docs" / f"{doc_id}.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_text("stand-in", encoding="utf-8")
    return Document(id=doc_id, title="Telegram", texts=texts, path=path)


def _bilingual(tmp_path: Path, doc_id: str = "42") -> Document:
    return _document(
        tmp_path, (Text("ru", "transcript", RU), Text("en", "translation", EN)), doc_id
    )


def _cache_files(tmp_path: Path) -> list[Path]:
    return list((tmp_path / "cache" / "alignments").glob("*.json"))


def test_computed_alignment_is_cached_in_memory_and_on_disk(
    tmp_path: Path, fresh: list[int]
) -> None:
    pair = text_pair(_bilingual(tmp_path))
    assert pair.is_bilingual and pair.alignment == aligner.load_curated(
        _cache_files(tmp_path)[0], len(RU), len(EN)
    )
    assert len(fresh) == 1
    text_pair(_bilingual(tmp_path))  # same session: memory
    assert len(fresh) == 1
    pairing._computed.cache_clear()  # a restart: only the disk remains
    again = text_pair(_bilingual(tmp_path))
    assert len(fresh) == 1
    assert again.alignment == pair.alignment
    assert len(_cache_files(tmp_path)) == 1


def test_curated_file_wins_over_computed(tmp_path: Path, fresh: list[int]) -> None:
    document = _bilingual(tmp_path, "117")
    curated = Alignment(
        (Bead((0,), (0, 1)), Bead((1,), (2,)), Bead((2,), (3,), 0.5)), len(RU), len(EN)
    )
    aligner.save_alignment(document.path.with_name("117.alignment.json"), curated)
    assert text_pair(document).alignment == curated
    assert fresh == []
    assert _cache_files(tmp_path) == []


def test_curated_file_for_other_paragraphs_falls_back_to_computed(
    tmp_path: Path, fresh: list[int]
) -> None:
    document = _bilingual(tmp_path, "118")
    wrong = Alignment.from_pairs([((0,), (0,))], 1, 1)
    aligner.save_alignment(document.path.with_name("118.alignment.json"), wrong)
    pair = text_pair(document)
    assert pair.alignment.source_count == len(RU) and pair.alignment.target_count == len(EN)
    assert len(fresh) == 1


def test_corrupt_disk_entry_is_recomputed(tmp_path: Path, fresh: list[int]) -> None:
    first = text_pair(_bilingual(tmp_path)).alignment
    _cache_files(tmp_path)[0].write_text("{broken", encoding="utf-8")
    pairing._computed.cache_clear()
    assert text_pair(_bilingual(tmp_path)).alignment == first
    assert len(fresh) == 2


@pytest.mark.parametrize(
    ("texts", "counts"),
    [
        ((Text("ru", "transcript", RU),), (3, 0)),
        ((Text("en", "translation", EN),), (0, 4)),
    ],
)
def test_one_sided_documents_pair_nothing_and_cache_nothing(
    tmp_path: Path, fresh: list[int], texts: tuple[Text, ...], counts: tuple[int, int]
) -> None:
    pair = text_pair(_document(tmp_path, texts))
    assert not pair.is_bilingual
    assert (pair.alignment.source_count, pair.alignment.target_count) == counts
    assert all(not bead.is_match for bead in pair.alignment.beads)
    assert fresh == []
    assert _cache_files(tmp_path) == []


def test_texts_without_roles_show_the_first_alone(tmp_path: Path, fresh: list[int]) -> None:
    document = _document(tmp_path, (Text("de", "transcript", ("Eins.", "Zwei.")),))
    pair = text_pair(document)
    assert pair.source is not None and pair.target is None
    assert pair.alignment == Alignment.one_sided(2, 0)
    assert fresh == []


def test_unwritable_cache_still_aligns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh: list[int]
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    monkeypatch.setenv("PARALLEL_READER_CACHE_DIR", str(blocker))
    pair = text_pair(_bilingual(tmp_path))
    assert pair.alignment.source_count == len(RU)
    assert len(fresh) == 1
