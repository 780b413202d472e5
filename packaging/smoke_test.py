"""Start the built bundle as CI would: smoke test offscreen, then `inspect` the bundled corpus.

    python packaging/smoke_test.py [--bundle dist/parallel-reader]

Fails (exit 1) on a non-zero exit, a missing "smoke-test ok" line, a Python traceback on stderr,
or an `inspect` that does not report every bundled document as parsed. Runs with a temporary
data folder and QT_QPA_PLATFORM=offscreen, so it needs no display and never touches user data.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "parallel-reader"


def executable(bundle: Path) -> Path:
    return bundle / (NAME + (".exe" if sys.platform == "win32" else ""))


def run(
    command: list[str], env: dict[str, str], echo: bool = True
) -> subprocess.CompletedProcess[str]:
    print("smoke_test.py: $", " ".join(command), flush=True)
    result = subprocess.run(
        command, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120
    )
    if echo:
        sys.stdout.write(result.stdout[-2000:])
    sys.stdout.write(result.stderr[-4000:])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / NAME)
    args = parser.parse_args()
    program = executable(args.bundle)
    failures: list[str] = []
    if not program.is_file():
        print(f"smoke_test.py: FAILED: no executable at {program}")
        return 1
    corpus = next((p for p in args.bundle.rglob("corpus") if p.parent.name == "reader"), None)
    if corpus is None:
        print(f"smoke_test.py: FAILED: no reader/corpus folder in {args.bundle}")
        return 1
    documents = sorted(p.name for p in corpus.iterdir() if not p.name.endswith(".alignment.json"))
    corpus_before = sorted(p.name for p in corpus.iterdir())

    with tempfile.TemporaryDirectory(prefix="parallel-reader-ci-") as data:
        env = dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            PARALLEL_READER_DATA_DIR=str(Path(data) / "data"),
            PARALLEL_READER_CACHE_DIR=str(Path(data) / "cache"),
            PYTHONIOENCODING="utf-8",
        )
        smoke = run([str(program), "--smoke-test"], env)
        if smoke.returncode != 0:
            failures.append(f"--smoke-test exited {smoke.returncode}")
        if not any(line.startswith("smoke-test ok") for line in smoke.stdout.splitlines()):
            failures.append('--smoke-test printed no "smoke-test ok" line')
        if "Traceback" in smoke.stderr:
            failures.append("--smoke-test wrote a Python traceback to stderr")
        if ", 0 unreadable" not in smoke.stdout:
            failures.append("--smoke-test could not read every bundled document")

        inspect = run([str(program), "inspect", str(corpus), "--json"], env, echo=False)
        if inspect.returncode != 0:
            failures.append(f"inspect exited {inspect.returncode}")
        if "Traceback" in inspect.stderr:
            failures.append("inspect wrote a Python traceback to stderr")
        try:
            report = json.loads(inspect.stdout)
        except json.JSONDecodeError as error:
            failures.append(f"inspect --json printed invalid JSON ({error})")
        else:
            parsed = sorted(Path(entry["path"]).name for entry in report if entry.get("ok"))
            if parsed != documents or len(report) != len(documents):
                failures.append(f"inspect parsed {parsed}, expected {documents}")
            else:
                print(f"smoke_test.py: inspect parsed all {len(documents)} bundled documents")
            failures += _check_parallel_import(program, env, Path(data) / "to-import")
    if not any(args.bundle.rglob("QtNetwork.*")):
        failures.append("PySide6.QtNetwork is missing (reader/single_instance.py needs it)")
    if sorted(p.name for p in corpus.iterdir()) != corpus_before:
        failures.append("the app wrote into the bundled corpus folder")

    size = sum(
        p.stat().st_size for p in args.bundle.rglob("*") if p.is_file() and not p.is_symlink()
    )
    print(f"smoke_test.py: bundle size {size / 1e6:.1f} MB ({size / 2**20:.1f} MiB)")
    for failure in failures:
        print(f"smoke_test.py: FAILED: {failure}")
    if not failures:
        print("smoke_test.py: ok")
    return 1 if failures else 0


def _check_parallel_import(program: Path, env: dict[str, str], folder: Path) -> list[str]:
    """An import large enough to parse in worker processes: in a frozen app each worker starts
    the executable again, which must run the worker and not a second app."""
    sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))
    from make_corpus import FIRST_ID, document

    folder.mkdir()
    rng, count = random.Random(7), 80
    for number in range(FIRST_ID, FIRST_ID + count):
        (folder / f"{number}.txt").write_text(document(number, rng), encoding="utf-8")
    result = run([str(program), "import", str(folder)], env, echo=False)
    summary = result.stdout.strip().splitlines()[-1:] or [""]
    print(f"smoke_test.py: import of {count} files: {summary[0]}")
    if result.returncode != 0 or not summary[0].startswith(f"{count} imported"):
        return [f"import of {count} files exited {result.returncode}: {summary[0]!r}"]
    if "Traceback" in result.stderr:
        return ["import wrote a Python traceback to stderr"]
    return []


if __name__ == "__main__":
    sys.exit(main())
