"""Exec to a visible window, timed from outside the process as a user waits for it.

    DISPLAY=:99 python tests/benchmarks/bench_window.py [--runs 7] [--library DIR] [--vs bibletime]
        [--bundle dist/parallel-reader/parallel-reader]

Each run starts the app as a fresh process and polls the X server every 20 ms (xdotool) until a
window with the app's title is mapped; that includes Python's imports, Qt's start, the X round
trips and the first layout, which timers inside the process miss. With ``--vs`` another program
is timed the same way, run by run, in the same session (BibleTime, a Qt parallel-text reader, is
the one to beat). Needs an X server with a window manager (Xvfb + openbox) and xdotool.

``--bundle EXE`` also times the built app (packaging/build.py), run by run with the source one.

``--library DIR`` starts with a data folder holding DIR's documents in its library, with a warm
cache (one start first) and with an empty one (the cache removed before every run).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_startup import machine

POLL_SECONDS = 0.02
TIMEOUT_SECONDS = 60.0
APP = [sys.executable, "-m", "reader"]


def visible_after(command: list[str], title: str, env: dict[str, str] | None = None) -> float:
    """Seconds from exec to a mapped window whose name contains ``title``."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    try:
        while time.perf_counter() - started < TIMEOUT_SECONDS:
            found = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--name", title],
                capture_output=True,
                text=True,
            )
            if found.stdout.strip():
                return time.perf_counter() - started
            if process.poll() is not None:
                raise RuntimeError(f"{command[0]} exited before showing a window")
            time.sleep(POLL_SECONDS)
        raise RuntimeError(f"no window titled {title!r} within {TIMEOUT_SECONDS:.0f} s")
    finally:
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def app_start(data: Path, cold: bool, app: list[str] = APP) -> float:
    if cold:
        shutil.rmtree(data / "cache", ignore_errors=True)
    return visible_after([*app, "--data-dir", str(data)], "Parallel Reader")


def library_folder(source: Path, work: Path) -> Path:
    """A data folder whose library holds the documents of ``source`` (as an import leaves it)."""
    data = work / "library-data"
    if not (data / "library").is_dir():
        (data / "library").mkdir(parents=True)
        for path in source.glob("*.txt"):
            shutil.copy(path, data / "library" / path.name)
    return data


def median_ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.0f} ms (min {min(values) * 1000:.0f}, max {max(values) * 1000:.0f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--library", type=Path, help="a folder of documents (make_corpus.py)")
    parser.add_argument("--vs", default="", help="another program to time, e.g. bibletime")
    parser.add_argument("--vs-title", default="BibleTime", help="its window title")
    parser.add_argument("--bundle", type=Path, help="the built executable, timed alongside")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        print("bench_window.py: needs an X server (DISPLAY)", file=sys.stderr)
        return 2
    print(f"machine: {machine()}, display {os.environ['DISPLAY']}")
    with tempfile.TemporaryDirectory() as work_dir:
        work = Path(work_dir)
        bundled = work / "bundled-data"
        app_start(bundled, cold=False)  # the first start fills the cache and the theme icons
        ours, built, theirs = [], [], []
        for _ in range(args.runs):
            ours.append(app_start(bundled, cold=False))
            if args.bundle:
                built.append(app_start(bundled, cold=False, app=[str(args.bundle)]))
            if args.vs:
                theirs.append(visible_after([args.vs], args.vs_title))
        print(f"bundled corpus, warm: {median_ms(ours)} over {args.runs} runs")
        if built:
            print(f"the built app, same session: {median_ms(built)}")
        if theirs:
            print(f"{args.vs}, same session:  {median_ms(theirs)}")
        if args.library:
            data = library_folder(args.library, work)
            count = sum(1 for _ in (data / "library").glob("*.txt"))
            cold = [app_start(data, cold=True) for _ in range(max(args.runs // 2, 1))]
            print(f"library of {count} documents, empty cache: {median_ms(cold)}")
            app_start(data, cold=False)
            warm = [app_start(data, cold=False) for _ in range(args.runs)]
            print(f"library of {count} documents, warm cache:  {median_ms(warm)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
