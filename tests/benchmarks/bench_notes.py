"""Notes storage benchmark. Run: python tests/benchmarks/bench_notes.py

10,000 annotations in one database (50 documents of 200). Prints the median of 9 runs for the
notes panel's queries (all, by document, colour, tag, text) and for opening a document with 200
annotations: loading them (``for_document``) and reconciling them with an unchanged text (the
fast path every document open takes). A changed text (full re-anchoring) is timed for reference.
Core targets: filter ≤ 20 ms, per-document load + reconcile ≤ 5 ms. The store keeps every
annotation in memory after a full read (``all()``), so only the panel's first read pays for
building 10,000 objects; that figure is printed apart.
"""

from __future__ import annotations

import os
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from reader.core.alignment import Alignment
from reader.core.anchoring import make_selector
from reader.core.annotation_store import AnnotationStore
from reader.core.annotations import COLOURS, Annotation, TextPosition, new_highlight
from reader.core.document import Document, Text
from reader.core.pairing import TextPair

RUNS = 9
DOCUMENTS, PER_DOCUMENT, PARAGRAPHS = 50, 200, 120
WORDS_RU = [
    "товарищ",
    "шифровка",
    "войска",
    "переговоры",
    "пункт",
    "повестка",
    "мир",
    "линия",
    "фронт",
    "сторона",
]
WORDS_EN = [
    "comrade",
    "cipher",
    "troops",
    "negotiations",
    "point",
    "agenda",
    "peace",
    "line",
    "front",
    "side",
]
TAGS = [f"topic-{n}" for n in range(30)]


def _paragraphs(rng: random.Random, words: list[str], seed_word: str) -> tuple[str, ...]:
    return tuple(
        f"{seed_word} {n}. " + " ".join(rng.choice(words) for _ in range(60))
        for n in range(PARAGRAPHS)
    )


def _document(number: int, rng: random.Random) -> tuple[Document, TextPair]:
    ru = _paragraphs(rng, WORDS_RU, "Абзац")
    en = _paragraphs(rng, WORDS_EN, "Paragraph")
    document = Document(
        id=f"{100000 + number}",
        title=f"Document {number}",
        date=f"1951-{1 + number % 12:02d}-01",
        texts=(Text("ru", "transcript", ru), Text("en", "translation", en)),
    )
    alignment = Alignment.from_pairs(
        [([i], [i]) for i in range(PARAGRAPHS)], PARAGRAPHS, PARAGRAPHS
    )
    return document, TextPair(document.texts[0], document.texts[1], alignment)


def _annotations(document: Document, rng: random.Random) -> list[Annotation]:
    made = []
    for _ in range(PER_DOCUMENT):
        side = rng.choice(("source", "target"))
        text = document.texts[0 if side == "source" else 1]
        paragraph = rng.randrange(PARAGRAPHS)
        start = rng.randrange(0, 200)
        end = start + rng.randrange(10, 120)
        note = " ".join(rng.choice(WORDS_EN) for _ in range(rng.randrange(0, 30)))
        made.append(
            new_highlight(
                document.id,
                side,  # type: ignore[arg-type]
                text.language,
                make_selector(text.paragraphs, paragraph, start, end),
                TextPosition(paragraph, start, end),
                paragraph,
                colour=rng.choice(COLOURS),
                note=note,
                tags=rng.sample(TAGS, rng.randrange(0, 3)),
            )
        )
    return made


def _median_ms(action: Callable[[], object]) -> tuple[float, object]:
    times, result = [], None
    for _ in range(RUNS):
        start = time.perf_counter()
        result = action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def _machine() -> str:
    return (
        f"{platform.platform()}; {platform.machine()}; {os.cpu_count()} CPUs; "
        f"Python {platform.python_version()}; SQLite {sqlite3.sqlite_version}"
    )


def main() -> int:
    rng = random.Random(1951)
    folder = Path(tempfile.mkdtemp(prefix="bench-notes-"))
    documents = [_document(n, rng) for n in range(DOCUMENTS)]
    with AnnotationStore.open(folder) as store:
        start = time.perf_counter()
        for document, _ in documents:
            store.save_many(_annotations(document, rng))
        print(f"machine: {_machine()}")
        print(f"setup: {store.count()} annotations written in {time.perf_counter() - start:.1f} s")
        print(f"database: {store.path.stat().st_size / 1e6:.1f} MB; median of {RUNS} runs\n")
        _time_queries(store, documents[7][0].id)
        _time_document_open(store, *documents[7])
    return 0


def _cold_all(store: AnnotationStore) -> list[Annotation]:
    store._cache = None  # as when the panel first opens: nothing read yet
    return store.all()


def _time_queries(store: AnnotationStore, document_id: str) -> None:
    ms, found = _median_ms(lambda: _cold_all(store))
    print(f"query all, first read (cold) {ms:7.2f} ms  ({len(found)} annotations)")  # type: ignore[arg-type]
    print("after that (the cache is kept current by this copy's writes):")
    cases = {
        "all": {},
        "by document": {"document_id": document_id},
        "by colour": {"colour": "green"},
        "by tag": {"tag": "topic-3"},
        "by text": {"text": "negotiations peace"},
        "text + colour": {"text": "cipher", "colour": "blue"},
    }
    for label, filters in cases.items():
        ms, found = _median_ms(lambda filters=filters: store.query(**filters))
        print(f"query {label:<20} {ms:7.2f} ms  ({len(found)} annotations)")  # type: ignore[arg-type]
    ms, _ = _median_ms(store.tags)
    print(f"{'tags()':<26} {ms:7.2f} ms")
    ms, _ = _median_ms(store.documents_with_annotations)
    print(f"{'documents_with_annotations()':<26} {ms:5.2f} ms")


def _time_document_open(store: AnnotationStore, document: Document, pair: TextPair) -> None:
    store.reconcile(document, pair)  # the first open records the text's fingerprint
    store._cache = None  # a document opened before the notes panel ever was: no cache
    load_ms, loaded = _median_ms(lambda: store.for_document(document.id))
    reconcile_ms, result = _median_ms(lambda: store.reconcile(document, pair))
    print(f"\nopen a document with {len(loaded)} annotations:")  # type: ignore[arg-type]
    print(f"  for_document            {load_ms:7.2f} ms")
    print(f"  reconcile, same text    {reconcile_ms:7.2f} ms  (changed: {len(result.changed)})")  # type: ignore[union-attr]
    print(f"  total                   {load_ms + reconcile_ms:7.2f} ms")
    ru = ("Новый первый абзац.", *(p.replace(" мир ", " мира ") for p in pair.source.paragraphs))  # type: ignore[union-attr]
    changed = Document(document.id, document.title, document.date, texts=(
        Text("ru", "transcript", ru), pair.target))  # type: ignore[arg-type]  # fmt: skip
    n = len(ru)
    alignment = Alignment.from_pairs(
        [([0], [])] + [([i], [i - 1]) for i in range(1, n)], n, PARAGRAPHS
    )
    start = time.perf_counter()
    result = store.reconcile(changed, TextPair(changed.texts[0], pair.target, alignment))
    elapsed = (time.perf_counter() - start) * 1000
    print(
        f"  reconcile, corrected transcript (one run): {elapsed:.0f} ms, "
        f"{len(result.changed)} moved, {len(result.newly_unplaced)} unplaced"
    )


if __name__ == "__main__":
    sys.exit(main())
