"""Startup and document-open benchmark.

    python tests/benchmarks/bench_startup.py [--runs 7] [--command "dist/parallel-reader/parallel-reader"]

Startup is process start to the first painted window with a document open (the app prints the
moment of its first paint when PARALLEL_READER_REPORT_STARTUP is set). Opening a document is timed
in-process over the bundled corpus. Prints medians with the machine noted; target: startup <= 0.5 s.
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    return f"{platform.system()} {platform.release()}, {os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}"


def time_startup(command: list[str], data_dir: str) -> float:
    env = dict(os.environ, PARALLEL_READER_REPORT_STARTUP="1", QT_QPA_PLATFORM="offscreen")
    started = time.time()
    process = subprocess.Popen(
        [*command, "--data-dir", data_dir],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("first-paint "):
                return float(line.split()[1]) - started
        raise RuntimeError(f"{command} exited without painting a window")
    finally:
        process.kill()
        process.wait()


def time_document_opens(runs: int) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from reader.core.corpus import load_paths
    from reader.core.library import Library
    from reader.paths import bundled_corpus_dir
    from reader.services.composition import Services
    from reader.widgets.main_window import MainWindow
    from reader.widgets.ui_settings import UiSettings
    from reader.workspace import Workspace

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as data:
        library = Library(load_paths([bundled_corpus_dir()]).documents)
        services = Services.create(Workspace.create(data), library)
        window = MainWindow(services, UiSettings(Path(data) / "s.ini"))
        window.resize(1280, 820)
        window.show()
        app.processEvents()
        timings: dict[str, list[float]] = {doc_id: [] for doc_id in window.library.ids()}
        for _ in range(runs):
            for doc_id in timings:
                started = time.perf_counter()
                window.open_document(doc_id)
                window.repaint()
                timings[doc_id].append(time.perf_counter() - started)
        window.close()
    return {doc_id: statistics.median(values) for doc_id, values in timings.items()}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--command", default=f"{shlex.quote(sys.executable)} -m reader", help="how to start the app"
    )
    args = parser.parse_args()
    command = shlex.split(args.command)
    print(f"machine: {machine()}")
    print(f"command: {args.command}")
    with tempfile.TemporaryDirectory() as data:
        time_startup(command, data)  # warm the file cache once, as a second launch would be
        startups = [time_startup(command, data) for _ in range(args.runs)]
    print(
        f"startup to first painted window: median {statistics.median(startups) * 1000:.0f} ms "
        f"(min {min(startups) * 1000:.0f}, max {max(startups) * 1000:.0f}, {args.runs} runs; target 500 ms)"
    )
    for doc_id, seconds in time_document_opens(args.runs).items():
        print(f"open document {doc_id}: median {seconds * 1000:.1f} ms")


if __name__ == "__main__":
    main()
