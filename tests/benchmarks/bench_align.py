"""Aligner benchmark: accuracy on the gold set, speed and memory. Run: python tests/benchmarks/bench_align.py

Prints strict bead F1 (a bead counts only if both its groups match exactly, empty sides included)
and link F1 (source-target paragraph links) for the aligner and the Gale–Church baseline on every
gold subset, tuned and held-out apart; then the median time to align a 500- and a 5,000-paragraph
pair and the peak memory for both (tracemalloc slows the aligner many times over: its times are
not speeds).
"""

from __future__ import annotations

import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "data" / "gold"))

from gold import all_cases, news_documents, perturb

from reader.core.aligner import align, gale_church
from reader.core.alignment import Alignment
from reader.core.sentences import align_document_sentences

Counts = list[int]  # [true positives, predicted, gold] for beads, then for links


def _beads(pairs) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    return {(tuple(s), tuple(t)) for s, t in pairs}


def _links(beads) -> set[tuple[int, int]]:
    return {(i, j) for s, t in beads for i in s for j in t}


def _count(predicted: Alignment, gold_pairs) -> Counts:
    got = _beads((b.source, b.target) for b in predicted.beads)
    want = _beads(gold_pairs)
    got_links, want_links = _links(got), _links(want)
    return [len(got & want), len(got), len(want),
            len(got_links & want_links), len(got_links), len(want_links)]  # fmt: skip


def _f1(tp: int, predicted: int, gold: int) -> float:
    if predicted == 0 and gold == 0:
        return 1.0
    return 2 * tp / (predicted + gold) if predicted + gold else 0.0


def one_to_one(n: int, m: int) -> Alignment:
    """The naive baseline: paragraph k with paragraph k, the rest alone."""
    pairs = [((k,), (k,)) for k in range(min(n, m))]
    pairs += [((k,), ()) for k in range(m, n)] + [((), (k,)) for k in range(n, m)]
    return Alignment.from_pairs(pairs, n, m)


def accuracy_table() -> None:
    totals: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0] * 6)
    cases = list(all_cases())
    for case in cases:
        ours = align(case.source, case.target, case.source_language, case.target_language)
        baseline = gale_church(case.source, case.target)
        naive = one_to_one(len(case.source), len(case.target))
        for name, result in (("aligner", ours), ("gale-church", baseline), ("one-to-one", naive)):
            counts = _count(result, case.pairs)
            for key in ((case.subset, case.split, name), ("ALL", case.split, name)):
                totals[key] = [a + b for a, b in zip(totals[key], counts, strict=True)]
    print(f"gold set: {len(cases)} cases")
    print(f"{'subset':<16}{'split':<9}{'beads':>6}  {'aligner bead/link F1':>22}  "
          f"{'Gale-Church bead/link F1':>26}  {'1:1 bead F1':>11}")  # fmt: skip
    keys = sorted({(s, sp) for s, sp, _ in totals}, key=lambda k: (k[0] == "ALL", k))
    for subset, split in keys:
        ours, base = totals[subset, split, "aligner"], totals[subset, split, "gale-church"]
        naive = totals[subset, split, "one-to-one"]
        print(f"{subset:<16}{split:<9}{ours[2]:>6}  "
              f"{_f1(*ours[:3]):>12.3f} / {_f1(*ours[3:]):.3f}  "
              f"{_f1(*base[:3]):>16.3f} / {_f1(*base[3:]):.3f}  "
              f"{_f1(*naive[:3]):>11.3f}")  # fmt: skip


def synthetic_pair(paragraphs: int, seed: int = 7) -> tuple[list[str], list[str]]:
    """A long ru-en pair made of the news texts, perturbed like the gold set (headers, merges…)."""
    rng = random.Random(seed)
    documents = news_documents()
    groups: list[tuple[list[str], list[str]]] = []
    while len(groups) < paragraphs:
        _, ru, en = documents[rng.randrange(len(documents))]
        groups += [([r], [e]) for r, e in zip(ru, en, strict=True)]
    groups = perturb(groups[:paragraphs], rng, paragraphs // 10)
    source = [p for s, _ in groups for p in s]
    target = [p for _, t in groups for p in t]
    return source, target


def _median_ms(function, runs: int) -> float:
    return _median_and_min_ms(function, runs)[0]


def _median_and_min_ms(function, runs: int) -> tuple[float, float]:
    """Median and fastest run, in ms: on a shared machine the fastest run is the one least
    slowed by neighbours, so both are printed."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, min(times) * 1000


def targets() -> None:
    """The issue's speed targets: 500 x 500 in-process, 2,000 x 2,000 for the whole command,
    and what sentence alignment adds. Real paragraphs (the shared news texts, perturbed)."""
    source, target = synthetic_pair(500)
    ms, fastest = _median_and_min_ms(lambda: align(source, target), 15)
    print(f"target 500x500 in-process ({len(source)} x {len(target)}): median {ms:.1f} ms, "
          f"fastest {fastest:.1f} ms (limit 50 ms)")  # fmt: skip
    both = _median_ms(lambda: align_document_sentences(align(source, target), source, target), 9)
    print(f"  with sentence alignment: median {both:.1f} ms "
          f"(+{(both / ms - 1) * 100:.0f}%, limit +20%)")  # fmt: skip
    source, target = synthetic_pair(2000)
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder) / "ru.txt", Path(folder) / "en.txt"]
        for path, paragraphs in zip(paths, (source, target), strict=True):
            path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        base = [sys.executable, "-m", "reader", "align", *map(str, paths), "--json"]
        for label, command in (("", base), (" --sentences", [*base, "--sentences"])):
            ms = _median_ms(lambda c=command: subprocess.run(c, check=True, capture_output=True), 5)
            print(f"target 2000x2000 command{label} ({len(source)} x {len(target)}): "
                  f"median {ms:.0f} ms over 5 runs (limit 1000 ms)")  # fmt: skip


def timing() -> None:
    source, target = synthetic_pair(500)
    runs = []
    for _ in range(9):
        start = time.perf_counter()
        align(source, target)
        runs.append(time.perf_counter() - start)
    print(f"align 500 paragraphs ({len(source)} ru x {len(target)} en): "
          f"median {statistics.median(runs) * 1000:.1f} ms over {len(runs)} runs "
          f"(min {min(runs) * 1000:.1f}, max {max(runs) * 1000:.1f})")  # fmt: skip
    start = time.perf_counter()
    gale_church(source, target)
    print(f"gale_church 500 paragraphs (full n x m): {(time.perf_counter() - start) * 1000:.0f} ms")
    source, target = synthetic_pair(5000)
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        align(source, target)
        runs.append(time.perf_counter() - start)
    print(f"align 5000 paragraphs ({len(source)} ru x {len(target)} en): "
          f"median {statistics.median(runs) * 1000:.0f} ms over {len(runs)} runs")  # fmt: skip
    for size in (500, 5000):
        source, target = synthetic_pair(size)
        tracemalloc.start()
        start = time.perf_counter()
        align(source, target)
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"align {size} paragraphs: peak traced memory {peak / 2**20:.2f} MiB "
              f"(time under tracemalloc {elapsed * 1000:.0f} ms)")  # fmt: skip


def main() -> None:
    print(f"machine: {platform.platform()}, {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} CPUs, Python {platform.python_version()}")  # fmt: skip
    accuracy_table()
    targets()
    if "--full" in sys.argv:
        timing()


if __name__ == "__main__":
    main()
