"""Notes panel benchmark. Run: python tests/benchmarks/bench_notes_panel.py [--runs 7]

10,000 annotations in a temporary AnnotationStore (50 documents of 200: highlights, notes,
paragraph and document bookmarks, a few unplaced). Prints the median of ``--runs`` for:

* opening the panel: construct it, ``set_source``, show it (which reads) and first paint (events processed
  and the widget grabbed, which paints every visible row), with the store's cache warm (every
  open after the first) and cold (the first open after starting the app, reading every row);
* each filter change (text, colour, tag, document, kind, unplaced, back to everything) from the
  change to painted. The text filter's 150 ms typing pause is deliberate and not counted: the
  timer is skipped by calling ``refresh`` at once.

Target (issue 4): ≤ 100 ms each. Runs offscreen unless QT_QPA_PLATFORM says otherwise.
"""

from __future__ import annotations

import argparse
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

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6 import __version__ as pyside_version
from PySide6.QtWidgets import QApplication

from reader.core.annotation_store import AnnotationStore
from reader.core.annotations import (
    COLOURS,
    Annotation,
    TextPosition,
    TextQuoteSelector,
    new_document_bookmark,
    new_highlight,
    new_paragraph_bookmark,
)
from reader.widgets.notes_panel import NotesPanel

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_notes import TAGS, WORDS_EN, WORDS_RU  # one vocabulary for both notes benchmarks

DOCUMENTS, PER_DOCUMENT = 50, 200


def _sentence(rng: random.Random, words: list[str], count: int) -> str:
    return " ".join(rng.choice(words) for _ in range(count)).capitalize()


def _highlight(rng: random.Random, document_id: str, paragraph: int) -> Annotation:
    russian = rng.random() < 0.5
    quote = _sentence(rng, WORDS_RU if russian else WORDS_EN, rng.randrange(3, 14))
    note = _sentence(rng, WORDS_EN, rng.randrange(2, 25)) if rng.random() < 0.5 else ""
    annotation = new_highlight(
        document_id,
        "source" if russian else "target",
        "ru" if russian else "en",
        TextQuoteSelector(quote, "before ", " after"),
        TextPosition(paragraph, 0, len(quote)),
        paragraph,
        colour=rng.choice(COLOURS),
        note=note,
        tags=rng.sample(TAGS, rng.randrange(0, 3)),
    )
    return annotation.moved(placed=False) if rng.random() < 0.01 else annotation


def _document_annotations(rng: random.Random, number: int) -> list[Annotation]:
    document_id = f"{100000 + number}"
    paragraphs = [_sentence(rng, WORDS_RU, 40) for _ in range(120)]
    made = [new_document_bookmark(document_id, note="Read again")]
    for _ in range(4):
        paragraph = rng.randrange(len(paragraphs))
        made.append(new_paragraph_bookmark(document_id, "source", "ru", paragraphs, paragraph, 0))
    while len(made) < PER_DOCUMENT:
        made.append(_highlight(rng, document_id, rng.randrange(len(paragraphs))))
    return made


def _fill(store: AnnotationStore) -> None:
    rng = random.Random(1951)
    for number in range(DOCUMENTS):
        store.save_many(_document_annotations(rng, number))


def _median_ms(action: Callable[[], object], runs: int, before: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        before()
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _painted(panel: NotesPanel) -> None:
    QApplication.processEvents()
    panel.grab()


class Bench:
    def __init__(self, store: AnnotationStore, runs: int) -> None:
        self.store = store
        self.runs = runs
        self.titles = {f"{100000 + n}": f"Document {n}, {1 + n % 28} July 1951" for n in range(50)}
        self.panel: NotesPanel | None = None

    def open_panel(self) -> None:
        if self.panel is not None:
            self.panel.deleteLater()
            QApplication.processEvents()
        panel = self.panel = NotesPanel()
        panel.resize(380, 900)
        panel.set_document_titles(self.titles)
        panel.set_current_document("100007")
        panel.set_source(self.store.query, self.store.tags, self.store.unplaced)
        panel.show()  # reads here: a panel reads when first shown
        _painted(panel)

    def report_open(self) -> None:
        self.store.all()
        warm = _median_ms(self.open_panel, self.runs, lambda: None)
        cold = _median_ms(self.open_panel, self.runs, self._drop_cache)
        assert self.panel is not None
        rows = self.panel.model.rowCount()
        print(f"open panel, store cache warm   {warm:7.1f} ms  ({rows} rows)")
        print(f"open panel, cold (first open)  {cold:7.1f} ms")

    def _drop_cache(self) -> None:
        self.store._cache = None  # as when the app has just started: nothing read yet

    def report_filters(self) -> None:
        panel = self.panel
        assert panel is not None
        cases: dict[str, tuple[Callable[[], None], Callable[[], None]]] = {
            "text 'negotiations'": (lambda: _type(panel, "negotiations"), lambda: _type(panel, "")),
            "text 'переговоры'": (lambda: _type(panel, "переговоры"), lambda: _type(panel, "")),
            "colour green": (lambda: _pick(panel.colour_combo, "Green"), lambda: _reset(panel)),
            "tag topic-3": (lambda: _pick(panel.tag_combo, "topic-3"), lambda: _reset(panel)),
            "this document only": (
                lambda: panel.document_only.setChecked(True),
                lambda: panel.document_only.setChecked(False),
            ),
            "kind notes": (lambda: _pick(panel.kind_combo, "Notes"), lambda: _reset(panel)),
            "kind unplaced": (lambda: _pick(panel.kind_combo, "Unplaced"), lambda: _reset(panel)),
            "back to everything": (lambda: _reset(panel), lambda: _pick(panel.kind_combo, "Notes")),
        }
        for label, (change, undo) in cases.items():
            ms = _median_ms(lambda change=change: _then_paint(panel, change), self.runs, undo)
            rows = panel.model.rowCount()
            print(f"filter {label:<23} {ms:7.1f} ms  ({rows} rows)")
            undo()


def _then_paint(panel: NotesPanel, change: Callable[[], None]) -> None:
    change()
    _painted(panel)


def _type(panel: NotesPanel, text: str) -> None:
    panel.filter_field.setText(text)
    panel.refresh()  # what the 150 ms typing pause then runs


def _pick(combo: object, text: str) -> None:
    combo.setCurrentIndex(combo.findText(text))  # type: ignore[attr-defined]


def _reset(panel: NotesPanel) -> None:
    for combo in (panel.colour_combo, panel.kind_combo, panel.tag_combo):
        combo.setCurrentIndex(0)


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    return (
        f"{platform.platform()}; {cpu}; {os.cpu_count()} CPUs; Python "
        f"{platform.python_version()}; PySide6 {pyside_version}; SQLite {sqlite3.sqlite_version}; "
        f"QPA {os.environ.get('QT_QPA_PLATFORM')}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)  # kept alive until the end
    with (
        tempfile.TemporaryDirectory(prefix="bench-notes-panel-") as folder,
        AnnotationStore.open(Path(folder)) as store,
    ):
        start = time.perf_counter()
        _fill(store)
        print(f"machine: {_machine()}")
        print(f"setup: {store.count()} annotations in {time.perf_counter() - start:.1f} s; "
              f"median of {args.runs} runs, each to painted\n")  # fmt: skip
        bench = Bench(store, args.runs)
        bench.report_open()
        bench.report_filters()
        if bench.panel is not None:
            bench.panel.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
