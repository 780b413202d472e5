"""Commands at the same time on one fresh cache: two searches and an import queue on SQLite's lock
instead of failing with "database is locked" or a UNIQUE constraint."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from conftest import CORPUS_DIR, PROJECT_DIR

from reader.core.search_index import INDEX_FILE, SearchIndex

# Each child waits for the same moment, then does what a command does with the cache.
_CHILD = """
import sys, time
from pathlib import Path
from reader.core.catalog import Catalog
from reader.core.search_index import SearchIndex
from reader.core.user_library import import_paths

role, start, cache, corpus, library, sources = sys.argv[1:7]
while time.time() < float(start):
    time.sleep(0.001)
catalog = Catalog.open(Path(cache))
index = SearchIndex.open(Path(cache) / "search.sqlite3")
if role == "search":
    catalog.refresh([Path(corpus), Path(library)])
    index.ensure_fresh(catalog)
    found = [result.document_id for result in index.search("Filippov")]
    assert "117421" in found, found
else:
    report = import_paths([Path(sources)], Path(library), catalog=catalog, index=index)
    assert not report.failed, report.summary()
    for number in range(20):
        index.save_note(f"note-{number}", "113013", f"a note on the armistice {number}")
catalog.close()
index.close()
print("ok")
"""


def _sources(tmp_path: Path) -> Path:
    """Copies of a corpus document under new record ids."""
    folder = tmp_path / "sources"
    folder.mkdir()
    text = (CORPUS_DIR / "113013.txt").read_text(encoding="utf-8")
    assert "/document/113013>" in text
    for number in range(12):
        copy = text.replace("/document/113013>", f"/document/{900000 + number}>")
        (folder / f"{900000 + number}.txt").write_text(copy, encoding="utf-8")
    return folder


def _folders(*folders: Path) -> list[str]:
    return [str(folders[0]), str(CORPUS_DIR), *map(str, folders[1:])]


def test_two_searches_and_an_import_at_once_on_a_fresh_cache(tmp_path: Path) -> None:
    sources = _sources(tmp_path)
    for round_number in range(2):
        cache = tmp_path / f"cache-{round_number}"
        library = tmp_path / f"library-{round_number}"
        start = time.time() + 1.0  # all three are running by then
        children = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    _CHILD,
                    role,
                    str(start),
                    *_folders(cache, library, sources),
                ],
                cwd=PROJECT_DIR,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for role in ("search", "search", "import")
        ]
        for child in children:
            out, err = child.communicate(timeout=60)
            assert child.returncode == 0 and out.strip() == "ok", err
        index = SearchIndex.open(cache / INDEX_FILE)
        try:
            keys = index._db.execute("SELECT count(*), count(DISTINCT key) FROM keys").fetchone()
            assert keys[0] == keys[1] == 2 + 12
            assert len(index.search("armistice", limit=100)) == 14
            assert index._db.execute("SELECT count(*) FROM notes").fetchone()[0] == 20
            integrity = index._db.execute(
                "INSERT INTO fts (fts, rank) VALUES ('integrity-check', 0)"
            )
            assert integrity is not None  # raises sqlite3.DatabaseError if FTS5 is damaged
        finally:
            index.close()


def test_keys_are_taken_without_a_race(tmp_path: Path) -> None:
    """Two connections give keys to new documents alternately: none is refused or shared."""
    first = SearchIndex.open(tmp_path / INDEX_FILE)
    second = SearchIndex.open(tmp_path / INDEX_FILE)
    try:
        for number in range(10):
            for index in (first, second):
                index._key(f"doc-{number}-{id(index)}")
                index.commit()
        rows = first._db.execute("SELECT count(*), count(DISTINCT key) FROM keys").fetchone()
        assert rows == (20, 20)
    finally:
        first.close()
        second.close()
    assert sqlite3.connect(tmp_path / INDEX_FILE).execute("PRAGMA integrity_check").fetchone()
