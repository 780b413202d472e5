"""Library-scale benchmark: import and index, catalog, search, opening, memory, responsiveness.

    python tests/benchmarks/make_corpus.py /tmp/pr-bench/c10k --count 10000
    python tests/benchmarks/bench_library.py /tmp/pr-bench/c10k [--work /tmp/pr-bench/work] [--runs 5]
    python tests/benchmarks/bench_library.py /tmp/pr-bench/c10k --library-startup [--runs 5]

Everything is written under ``--work`` (a data dir and a cache dir per run), never the user's
folders. Figures are medians of several runs, with the machine noted. Targets (issue 5): import
and index >= 200 documents/s; search p95 <= 100 ms over the 50 fixed queries below; opening a
document <= 50 ms; resident memory with the catalog entries loaded <= 250 MB; the longest time a
waiting GUI thread is blocked during import or search <= 100 ms.

The same at 100,000 documents (about 1 GB of text, some minutes to generate and import):

    python tests/benchmarks/make_corpus.py /tmp/pr-bench/c100k --count 100000
    python tests/benchmarks/bench_library.py /tmp/pr-bench/c100k --runs 3

``--library-startup`` times process start to first painted window with the imported library (the
app prints ``first-paint`` when PARALLEL_READER_REPORT_STARTUP is set; it reads the catalog, so a
warm start parses no document).
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_startup import machine, time_startup

from reader.core.catalog import Catalog, load_document
from reader.core.search_index import SearchIndex
from reader.core.user_library import (
    Outcome,
    import_paths,
    library_dir,
    library_folders,
)
from reader.paths import bundled_corpus_dir
from reader.workspace import Workspace

QUERIES = [
    "шифровка", "шифровку", "переговоры", "переговорах", "правительство", "делегации",
    "соглашение", "перемирие", "граница", "помощью", "оружие", "конференции", "телеграмму",
    "посол", "министру", "уголь", "нефти", "договор", "союзом", "пленных", "Сталин", "Мао Цзэдун",
    "Молотов", "Пекин", "Москва", '"военной помощи"', "шифр*", "перег*", "кредит OR заем",
    "Хрущёв NOT Пекин", "negotiation", "negotiations", "agreement", "armistice", "delegation",
    "government", "treaty", "troops", "ambassador", "prisoners", "Stalin", "Mao", "Zhou Enlai",
    '"military assistance"', "negot*", "cipher*", "coal OR oil", "Korea NOT Beijing",
    "(Stalin OR Molotov) AND treaty", "Havana",
]  # fmt: skip
assert len(QUERIES) == 50


def rss_mb() -> float:
    """Resident memory now (VmRSS), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def median_ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.1f} ms"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def fresh(work: Path, name: str) -> tuple[Path, Path]:
    """An empty portable data folder under ``work`` (``--data-dir``), and its cache folder."""
    base = work / name
    shutil.rmtree(base, ignore_errors=True)
    workspace = Workspace.create(base)
    workspace.ensure()
    return workspace.data_dir, workspace.cache_dir


class Gaps:
    """The longest gap between progress callbacks: the longest step a waiting GUI never sees."""

    def __init__(self) -> None:
        self.last = time.perf_counter()
        self.longest = 0.0

    def __call__(self, done: int, total: int, path: str) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now


def run_import(files: list[Path], data: Path, cache: Path, gaps: Gaps | None = None) -> float:
    """Import and index ``files``; returns documents per second."""
    catalog, index = Catalog.open(cache), SearchIndex.open(cache / "search.sqlite3")
    started = time.perf_counter()
    report = import_paths(files, library_dir(data), catalog=catalog, index=index, progress=gaps)
    elapsed = time.perf_counter() - started
    catalog.close()
    index.close()
    assert report.count(Outcome.IMPORTED) == len(files), report.summary()
    return len(files) / elapsed


def main_thread_stall(work: Callable[[], object]) -> tuple[float, float]:
    """Run ``work`` in a thread while this thread ticks every 5 ms, as a GUI event loop would.

    Returns (longest stall beyond the tick, the work's duration): the GIL is what a Python
    worker can starve the GUI of.
    """
    thread = threading.Thread(target=work)
    longest, started = 0.0, time.perf_counter()
    thread.start()
    while thread.is_alive():
        before = time.perf_counter()
        time.sleep(0.005)
        longest = max(longest, time.perf_counter() - before - 0.005)
    return longest, time.perf_counter() - started


def bench_import(corpus: Path, work: Path, runs: int) -> tuple[Path, Path]:
    files = sorted(corpus.glob("*.txt"))
    data, cache = fresh(work, "full")
    gaps = Gaps()
    full = run_import(files, data, cache, gaps)
    sample = random.Random(7).sample(files, min(1000, len(files)))
    rates = [full]
    for run in range(runs - 1):
        rates.append(run_import(sample, *fresh(work, f"sample{run}")))
    print(
        f"import + index: {full:.0f} docs/s for all {len(files)}; median {statistics.median(rates):.0f} "
        f"docs/s over {runs} runs (the others on 1,000 of them) [target >= 200]"
    )
    print(f"  longest gap between progress callbacks (full import): {gaps.longest * 1000:.1f} ms")
    stall, _ = main_thread_stall(lambda: run_import(sample, *fresh(work, "stall")))
    print(
        f"  longest stall of a ticking main thread while importing: {stall * 1000:.1f} ms [<= 100]"
    )
    size = sum(p.stat().st_size for p in cache.glob("*.sqlite3*")) / 2**20
    print(f"  cache size after the full import: {size:.0f} MB (catalog + search index)")
    return data, cache


def bench_catalog(data: Path, cache: Path, runs: int) -> list:
    folders = library_folders(bundled_corpus_dir(), data)
    refreshes, loads = [], []
    Catalog.open(cache).refresh(folders)  # the app's first start adds the bundled corpus
    for _ in range(runs):
        started = time.perf_counter()
        catalog = Catalog.open(cache)
        report = catalog.refresh(folders)
        refreshes.append(time.perf_counter() - started)
        started = time.perf_counter()
        entries = catalog.entries()
        loads.append(time.perf_counter() - started)
        catalog.close()
        assert not report.added and not report.updated, "the catalog was not warm"
    print(
        f"catalog open + refresh, warm, no changes: median {median_ms(refreshes)} ({len(entries)} documents)"
    )
    print(f"catalog entries() load: median {median_ms(loads)}")
    return entries


def bench_memory(data: Path, cache: Path) -> None:
    """RSS of a fresh process that imports the core, refreshes the catalog and loads the entries."""
    script = (
        "import sys, time; t = time.perf_counter()\n"
        "from pathlib import Path\n"
        "from reader.core.catalog import Catalog\n"
        "from reader.core.user_library import library_folders\n"
        "from reader.paths import bundled_corpus_dir\n"
        f"c = Catalog.open(Path({str(cache)!r}))\n"
        f"c.refresh(library_folders(bundled_corpus_dir(), Path({str(data)!r})))\n"
        "entries = c.entries()\n"
        "elapsed = time.perf_counter() - t\n"
        "rss = next(l for l in open('/proc/self/status') if l.startswith('VmRSS:')).split()[1]\n"
        "print(len(entries), int(rss) / 1024, elapsed)\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout.split()
    count, rss, elapsed = int(output[0]), float(output[1]), float(output[2])
    print(
        f"resident memory, fresh process with {count} catalog entries loaded: {rss:.0f} MB "
        f"[<= 250; no Qt]; imports + refresh + entries took {elapsed * 1000:.0f} ms"
    )


def bench_timeline(data: Path, cache: Path, runs: int) -> None:
    """A fresh process as the window's warm start has it: Qt, the catalog's entries and the
    timeline model built from them; its time (median of ``runs``) and resident memory."""
    script = (
        "import os, sys, time\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from pathlib import Path\n"
        "from PySide6.QtGui import QGuiApplication\n"
        "from reader.core.catalog import Catalog\n"
        "from reader.models.timeline_model import TimelineModel\n"
        "app = QGuiApplication([])\n"
        "t = time.perf_counter()\n"
        f"entries = Catalog.open(Path({str(cache)!r})).entries()\n"
        "loaded = time.perf_counter() - t\n"
        "model = TimelineModel(entries)\n"
        "built = time.perf_counter() - t - loaded\n"
        "rss = next(l for l in open('/proc/self/status') if l.startswith('VmRSS:')).split()[1]\n"
        "print(len(entries), int(rss) / 1024, loaded, built, model.rowCount())\n"
    )
    results = [
        subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True
        ).stdout.split()
        for _ in range(runs)
    ]
    count, rss = int(results[0][0]), statistics.median(float(r[1]) for r in results)
    loaded = [float(r[2]) for r in results]
    built = [float(r[3]) for r in results]
    print(
        f"timeline of {count} entries: catalog entries {median_ms(loaded)}, model built "
        f"{median_ms(built)}; resident memory with Qt {rss:.0f} MB [<= 400 at 100,000]"
    )


def bench_search(cache: Path, runs: int) -> None:
    index = SearchIndex.open(cache / "search.sqlite3")
    for query in QUERIES:  # warm the page cache, as a second search would be
        index.search(query, limit=50)
    timings: dict[str, list[float]] = {query: [] for query in QUERIES}
    again: list[float] = []
    for order in ("relevance", "date"):
        for _ in range(runs):
            for query in QUERIES:
                index.forget_scores()  # a first search: its words are scored
                started = time.perf_counter()
                index.search(query, limit=50, order=order)
                timings[query].append(time.perf_counter() - started)
                started = time.perf_counter()  # then the other order, as the reader switches
                index.search(query, limit=50, order="date" if order == "relevance" else order)
                again.append(time.perf_counter() - started)
    every = [value for values in timings.values() for value in values]
    slowest = max(timings, key=lambda q: statistics.median(timings[q]))
    print(
        f"search (50 queries x {runs} runs x 2 orders, limit 50 documents): p50 "
        f"{percentile(every, 0.5) * 1000:.1f} ms, p95 {percentile(every, 0.95) * 1000:.1f} ms, "
        f"max {max(every) * 1000:.1f} ms [p95 <= 100]; slowest query {slowest!r}"
    )
    print(
        f"  the same query again in the other order (its words already scored): p50 "
        f"{percentile(again, 0.5) * 1000:.1f} ms, p95 {percentile(again, 0.95) * 1000:.1f} ms"
    )
    stall, _ = main_thread_stall(lambda: [index_in_thread(cache, query) for query in QUERIES])
    print(f"  longest stall of a ticking main thread while searching: {stall * 1000:.1f} ms")
    index.close()


def index_in_thread(cache: Path, query: str) -> None:
    index = SearchIndex.open(cache / "search.sqlite3")
    index.search(query, limit=50)
    index.close()


def bench_open(entries: list, data: Path, runs: int) -> None:
    """load_document + the resolver's pair (parse and align) for documents over the library."""
    chosen = random.Random(3).sample(entries, min(30 * runs, len(entries)))
    resolver = Workspace.create(data).pair_resolver()
    timings = []
    for entry in chosen:
        started = time.perf_counter()
        resolver.pair(load_document(entry))
        timings.append(time.perf_counter() - started)
    print(
        f"open a document (load_document + pair), {len(chosen)} different documents: "
        f"median {median_ms(timings)}, p95 {percentile(timings, 0.95) * 1000:.1f} ms, "
        f"max {max(timings) * 1000:.1f} ms [<= 50]"
    )


def library_startup(data: Path, cache: Path, runs: int) -> None:
    del cache  # the app finds it in the data folder, as --data-dir makes it
    command = [sys.executable, "-m", "reader"]
    time_startup(command, str(data))
    startups = [time_startup(command, str(data)) for _ in range(runs)]
    print(f"startup to first paint with the library: median {median_ms(startups)} [<= 1000]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="a folder from make_corpus.py")
    parser.add_argument("--work", type=Path, default=Path("/tmp/pr-bench/work"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--library-startup", action="store_true", help="time the GUI start only")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    print(f"corpus: {args.corpus} ({sum(1 for _ in args.corpus.glob('*.txt'))} files)")
    if args.library_startup:
        library_startup(args.work / "full", args.work / "full" / "cache", args.runs)
        return
    data, cache = bench_import(args.corpus, args.work, args.runs)
    entries = bench_catalog(data, cache, args.runs)
    bench_memory(data, cache)
    bench_timeline(data, cache, args.runs)
    bench_search(cache, args.runs)
    bench_open(entries, data, args.runs)


if __name__ == "__main__":
    main()
