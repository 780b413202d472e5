"""One answer to "which paragraphs face each other": corrected, then curated, then computed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reader.core import aligner
from reader.core.alignment import Alignment, Bead
from reader.core.alignment_cache import AlignmentCache
from reader.core.alignment_corrections import CorrectionStore
from reader.core.document import Document, Text
from reader.core.pair_resolver import PairResolver, curated_path

RU = ("Товарищу МАО ЦЗЭДУНУ.", "Вашу шифровку от 20 июля получили.", "ФИЛИППОВ")
EN = ("SECRET", "To Cde. MAO ZEDONG", "We received your cipher of 20 July.", "FILIPPOV")
# Pairs the paragraphs as no aligner would: the reader's own reading.
CORRECTION = Alignment.from_pairs([((0,), (0,)), ((1,), (1,)), ((2,), (2, 3))], len(RU), len(EN))
CURATED = Alignment((Bead((0,), (0, 1)), Bead((1,), (2,)), Bead((2,), (3,), 0.5)), len(RU), len(EN))

Resolver = Callable[[], PairResolver]


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A count of aligner runs (the real alignment is still computed)."""
    calls: list[int] = []
    real = aligner.align

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(aligner, "align", counting)
    return calls


@pytest.fixture
def new_resolver(tmp_path: Path, runs: list[int]) -> Resolver:
    """A resolver over the same folders each time: a second one stands for a restart."""

    def make(cache: Path = tmp_path / "cache" / "alignments") -> PairResolver:
        return PairResolver(CorrectionStore(tmp_path / "data"), AlignmentCache(cache))

    return make


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int, int]]:
    """Every read of a correction file, through CorrectionStore.load."""
    calls: list[tuple[str, int, int]] = []
    real = CorrectionStore.load

    def counting(self: CorrectionStore, document_id: str, source: int, target: int):
        calls.append((document_id, source, target))
        return real(self, document_id, source, target)

    monkeypatch.setattr(CorrectionStore, "load", counting)
    return calls


def _document(tmp_path: Path, texts: tuple[Text, ...], doc_id: str = "42") -> Document:
    path = tmp_path / "docs" / f"{doc_id}.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_text("stand-in", encoding="utf-8")
    return Document(id=doc_id, title="Telegram", texts=texts, path=path)


def _bilingual(tmp_path: Path, doc_id: str = "42", ru: tuple[str, ...] = RU) -> Document:
    return _document(
        tmp_path, (Text("ru", "transcript", ru), Text("en", "translation", EN)), doc_id
    )


def _cache_files(tmp_path: Path) -> list[Path]:
    return list((tmp_path / "cache" / "alignments").glob("*.json"))


def _curate(document: Document, alignment: Alignment) -> None:
    path = curated_path(document)
    assert path is not None and path.name == f"{document.id}.alignment.json"
    aligner.save_alignment(path, alignment)


# -- computed ------------------------------------------------------------------------------------


def test_computed_alignment_is_cached_in_memory_and_on_disk(
    tmp_path: Path, new_resolver: Resolver, runs: list[int]
) -> None:
    resolver = new_resolver()
    pair = resolver.pair(_bilingual(tmp_path))
    assert pair.is_bilingual and pair.alignment == aligner.load_curated(
        _cache_files(tmp_path)[0], len(RU), len(EN)
    )
    assert len(runs) == 1
    resolver.pair(_bilingual(tmp_path))  # same session: memory
    assert len(runs) == 1
    again = new_resolver().pair(_bilingual(tmp_path))  # a restart: only the disk remains
    assert len(runs) == 1
    assert again.alignment == pair.alignment
    assert len(_cache_files(tmp_path)) == 1


def test_corrupt_disk_entry_is_recomputed(
    tmp_path: Path, new_resolver: Resolver, runs: list[int]
) -> None:
    first = new_resolver().pair(_bilingual(tmp_path)).alignment
    _cache_files(tmp_path)[0].write_text("{broken", encoding="utf-8")
    assert new_resolver().pair(_bilingual(tmp_path)).alignment == first
    assert len(runs) == 2


@pytest.mark.parametrize(
    ("texts", "counts"),
    [
        ((Text("ru", "transcript", RU),), (3, 0)),
        ((Text("en", "translation", EN),), (0, 4)),
    ],
)
def test_one_sided_documents_pair_nothing_and_cache_nothing(
    tmp_path: Path,
    new_resolver: Resolver,
    runs: list[int],
    texts: tuple[Text, ...],
    counts: tuple[int, int],
) -> None:
    resolver = new_resolver()
    document = _document(tmp_path, texts)
    pair = resolver.pair(document)
    assert not pair.is_bilingual
    assert (pair.alignment.source_count, pair.alignment.target_count) == counts
    assert all(not bead.is_match for bead in pair.alignment.beads)
    assert resolver.automatic(document) == pair and not resolver.is_corrected(document)
    assert runs == []
    assert _cache_files(tmp_path) == []


def test_texts_without_roles_show_the_first_alone(
    tmp_path: Path, new_resolver: Resolver, runs: list[int]
) -> None:
    document = _document(tmp_path, (Text("de", "transcript", ("Eins.", "Zwei.")),))
    pair = new_resolver().pair(document)
    assert pair.source is not None and pair.target is None
    assert pair.alignment == Alignment.one_sided(2, 0)
    assert runs == []


def test_unwritable_cache_still_aligns(
    tmp_path: Path, new_resolver: Resolver, runs: list[int]
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    pair = new_resolver(blocker / "alignments").pair(_bilingual(tmp_path))
    assert pair.alignment.source_count == len(RU)
    assert len(runs) == 1


# -- corrected > curated > computed --------------------------------------------------------------


def test_curated_file_wins_over_computed(
    tmp_path: Path, new_resolver: Resolver, runs: list[int]
) -> None:
    document = _bilingual(tmp_path, "117")
    _curate(document, CURATED)
    assert new_resolver().pair(document).alignment == CURATED
    assert runs == []
    assert _cache_files(tmp_path) == []


def test_curated_file_for_other_paragraphs_falls_back_to_computed(
    tmp_path: Path, new_resolver: Resolver, runs: list[int]
) -> None:
    document = _bilingual(tmp_path, "118")
    _curate(document, Alignment.from_pairs([((0,), (0,))], 1, 1))
    pair = new_resolver().pair(document)
    assert pair.alignment.source_count == len(RU) and pair.alignment.target_count == len(EN)
    assert len(runs) == 1


def test_correction_beats_curated_beats_computed(tmp_path: Path, new_resolver: Resolver) -> None:
    """The reader's own fix wins: a curated file is the project's best guess, not the reader's."""
    resolver = new_resolver()
    document = _bilingual(tmp_path)
    computed = resolver.pair(document).alignment
    assert computed != CORRECTION and computed != CURATED

    _curate(document, CURATED)
    assert new_resolver().pair(document).alignment == CURATED
    assert not new_resolver().is_corrected(document)

    resolver = new_resolver()
    resolver.save_correction(document.id, CORRECTION)
    assert resolver.pair(document).alignment == CORRECTION
    assert new_resolver().pair(document).alignment == CORRECTION  # kept across a restart
    assert new_resolver().is_corrected(document)
    assert new_resolver().automatic(document).alignment == CURATED  # what a reset goes back to


def test_automatic_ignores_the_correction(tmp_path: Path, new_resolver: Resolver) -> None:
    resolver = new_resolver()
    document = _bilingual(tmp_path)
    computed = resolver.pair(document)
    resolver.save_correction(document.id, CORRECTION)
    assert resolver.pair(document).alignment == CORRECTION
    assert resolver.automatic(document) == computed

    curated = _bilingual(tmp_path, "117")
    _curate(curated, CURATED)
    assert resolver.automatic(curated).alignment == CURATED


def test_a_correction_for_other_paragraph_counts_is_ignored(
    tmp_path: Path, new_resolver: Resolver
) -> None:
    resolver = new_resolver()
    older = _bilingual(tmp_path, ru=RU[:2])  # the text before a re-import added a paragraph
    older_correction = Alignment.from_pairs([((0,), (0, 1)), ((1,), (2, 3))], 2, len(EN))
    resolver.save_correction(older.id, older_correction)
    assert new_resolver().pair(older).alignment == older_correction

    current = _bilingual(tmp_path)
    fresh = new_resolver()
    assert fresh.pair(current).alignment == fresh.automatic(current).alignment
    assert not fresh.is_corrected(current)


# -- is_corrected and its memory -----------------------------------------------------------------


def test_is_corrected_reads_the_disk_once_and_follows_save_and_reset(
    tmp_path: Path, new_resolver: Resolver, loads: list[tuple[str, int, int]]
) -> None:
    resolver = new_resolver()
    document = _bilingual(tmp_path)
    for _ in range(100):  # the window asks on every cursor move
        assert not resolver.is_corrected(document)
    resolver.pair(document)
    assert loads == [("42", len(RU), len(EN))]

    # Saving and resetting may read the file themselves (to keep a stale one aside); asking after
    # them must not: what was saved or reset is known without reading it back.
    resolver.save_correction(document.id, CORRECTION)
    before = len(loads)
    for _ in range(100):
        assert resolver.is_corrected(document)
    assert resolver.pair(document).alignment == CORRECTION
    assert len(loads) == before

    resolver.reset_correction(document.id, len(RU), len(EN))
    before = len(loads)
    for _ in range(100):
        assert not resolver.is_corrected(document)
    assert resolver.pair(document).alignment == resolver.automatic(document).alignment
    assert len(loads) == before
    assert new_resolver().pair(document).alignment != CORRECTION  # the reset reached the disk


def test_forget_reads_the_disk_again(
    tmp_path: Path, new_resolver: Resolver, loads: list[tuple[str, int, int]]
) -> None:
    resolver = new_resolver()
    document = _bilingual(tmp_path)
    assert not resolver.is_corrected(document)
    new_resolver().save_correction(document.id, CORRECTION)  # another copy of the app
    assert not resolver.is_corrected(document)  # remembered
    before = len(loads)
    resolver.forget(document.id)
    assert resolver.is_corrected(document)
    assert len(loads) == before + 1


def test_a_correction_that_cannot_be_saved_raises_and_is_not_remembered(
    tmp_path: Path, new_resolver: Resolver
) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "alignments").write_text("a file, not a folder", encoding="utf-8")
    resolver = new_resolver()
    document = _bilingual(tmp_path)
    with pytest.raises(OSError):
        resolver.save_correction(document.id, CORRECTION)
    assert not resolver.is_corrected(document)
    assert resolver.pair(document).alignment != CORRECTION
