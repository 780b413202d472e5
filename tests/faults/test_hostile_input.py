"""Hostile input meets a clear error, never a crash or a hang: deep nesting, huge numbers, long
quotes, invisible characters and folders that loop back on themselves."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import ENGLISH, RUSSIAN

from reader.core import anchoring
from reader.core.anchoring import bounded_find, locate
from reader.core.annotation_store import AnnotationStore
from reader.core.annotations import MAX_INDEX, Annotation, TextPosition, TextQuoteSelector
from reader.core.catalog import Catalog
from reader.core.corpus import iter_document_files, load_paths
from reader.core.document import Document
from reader.core.notes_export import NotesImportError, import_w3c, read_notes_file
from reader.core.pair_resolver import PairResolver
from reader.core.parsing import parse_file
from reader.core.search_index import INDEX_FILE, SearchIndex
from reader.core.search_query import MAX_QUERY_DEPTH, QueryError, compile_query

# -- deep nesting -----------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [70, 2_000, 100_000])
def test_deeply_nested_json_is_refused_with_a_message(
    depth: int, store: AnnotationStore, documents: dict[str, Document], resolver: PairResolver
) -> None:
    nested = '{"a":' * depth + "1" + "}" * depth
    wrapped = '{"type": "AnnotationPage", "items": [' + nested + "]}"
    for text in (nested, wrapped, "[" * depth + "]" * depth):
        with pytest.raises(NotesImportError, match="nested too deeply"):
            import_w3c(text, store, documents.get, resolver)
    assert store.count() == 0


def test_deeply_nested_values_handed_in_directly_are_refused(
    store: AnnotationStore, documents: dict[str, Document], resolver: PairResolver
) -> None:
    value: Any = "leaf"
    for _ in range(5_000):
        value = {"body": value}  # built without recursion; json.dumps of it would overflow
    item = {"type": "Annotation", "target": "117421", "motivation": "bookmarking", "x": value}
    with pytest.raises(NotesImportError, match="nested too deeply"):
        import_w3c([item], store, documents.get, resolver)


def test_notes_files_that_are_pipes_or_huge_are_refused(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    with pytest.raises(NotesImportError, match="not a regular file"):
        read_notes_file(pipe)  # would block forever if it were opened
    with pytest.raises(NotesImportError, match="not a regular file"):
        read_notes_file(Path("/dev/zero"))
    with pytest.raises(NotesImportError, match="cannot be read"):
        read_notes_file(tmp_path / "missing.json")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("(" * 300 + "treaty" + ")" * 300, "parentheses too deeply"),
        ("(" * (MAX_QUERY_DEPTH + 1) + "a" + ")" * (MAX_QUERY_DEPTH + 1), "too deeply"),
        ("treaty " + "NOT korea " * 1_000, "too long"),
        ("treaty " + "NOT k " * 300, "too many words"),
        (" ".join(["w"] * 500), "too many words"),
        ("x" * 100_000, "too long"),
    ],
)
def test_deep_or_long_queries_raise_query_error(query: str, message: str, tmp_path: Path) -> None:
    with pytest.raises(QueryError, match=message):
        compile_query(query)
    index = SearchIndex.open(tmp_path / INDEX_FILE)
    try:
        with pytest.raises(QueryError, match=message):
            index.search(query)
    finally:
        index.close()


def test_chained_nots_within_the_limits_are_flat_and_still_exclude(tmp_path: Path) -> None:
    index = SearchIndex.open(tmp_path / INDEX_FILE)
    index.add_document(parse_file(RUSSIAN))
    index.add_document(parse_file(ENGLISH))
    index.commit()
    try:
        nots = " ".join(f"NOT zz{n}" for n in range(60))
        tree = compile_query(f"armistice {nots}").tree
        assert tree[0] == "not" and len(tree[1]) == 2  # one level, not sixty
        found = [r.document_id for r in index.search("armistice")]
        assert "113013" in found
        assert [r.document_id for r in index.search(f"armistice {nots}")] == found
        excluded = [r.document_id for r in index.search("armistice NOT zz1 NOT ceasefire")]
        assert excluded == [d for d in found if d not in _ids(index, "ceasefire")]
        assert "113013" not in _ids(index, "armistice NOT zz1 NOT negotiations NOT zz2")
    finally:
        index.close()


def test_evaluating_a_tree_deeper_than_any_query_raises_query_error(tmp_path: Path) -> None:
    index = SearchIndex.open(tmp_path / INDEX_FILE)
    try:
        tree: Any = ("leaf", 'stems : "a"')
        for _ in range(5_000):
            tree = ("not", [tree, ("leaf", 'stems : "b"')])
        with pytest.raises(QueryError, match="too deeply"):
            index._evaluate(tree, {}, [], {})
        with pytest.raises(QueryError):
            index._evaluate(("and", []), {}, [], {})
    finally:
        index.close()


def _ids(index: SearchIndex, query: str) -> list[str]:
    return [result.document_id for result in index.search(query)]


# -- huge numbers -----------------------------------------------------------------------------


def _w3c(number: int, quote: str, **extension: object) -> dict[str, Any]:
    selectors: list[dict[str, Any]] = [{"type": "TextQuoteSelector", "exact": quote}]
    if "start" in extension:
        start = extension.pop("start")
        selectors.append({"type": "TextPositionSelector", "start": start, "end": start})
    return {
        "type": "Annotation",
        "id": f"urn:uuid:00000000-0000-4000-8000-{number:012d}",
        "target": {"source": "https://archive.example/document/113013", "selector": selectors},
        "parallelReader": {"side": "target", **extension},
    }


@pytest.mark.parametrize(
    ("extension", "reason"),
    [
        ({"start": 10**30}, "start"),
        ({"start": -1}, "start"),
        ({"paragraph": 2**63}, "paragraph"),
        ({"paragraph": -4}, "paragraph"),
        ({"paragraph": 1.5}, "paragraph"),
        ({"bead": 2**63}, "pair"),
        ({"bead": -1}, "pair"),
        ({"bead": 1e300}, "pair"),
    ],
)
def test_out_of_range_numbers_skip_that_item_only(
    extension: dict[str, object],
    reason: str,
    store: AnnotationStore,
    documents: dict[str, Document],
    resolver: PairResolver,
) -> None:
    good = _w3c(1, "armistice")
    bad = _w3c(2, "armistice", **extension)
    report = import_w3c(json.dumps([bad, good]), store, documents.get, resolver)
    assert len(report.added) == 1 and len(report.skipped) == 1
    label, why = report.skipped[0]
    assert label == bad["id"] and reason in why
    [stored] = store.all()
    assert stored.paragraph is not None and 0 <= stored.paragraph < 1000


def test_annotations_refuse_out_of_range_numbers() -> None:
    quote = TextQuoteSelector("quote")
    for position, bead in (
        (TextPosition(-4, 0, 1), None),
        (TextPosition(0, 5, 2), None),
        (TextPosition(MAX_INDEX + 1, 0, 1), None),
        (TextPosition(0, 0, 1), 2**63),
    ):
        with pytest.raises(ValueError, match=r"pair|paragraph|offset"):
            Annotation("x", "highlight", "d", "source", None, bead, quote, position)


def test_numbers_out_of_range_in_database_rows_are_not_shown(store: AnnotationStore) -> None:
    """A row written by something else (another tool, a damaged copy) cannot show "¶ -4"."""
    store.add(
        Annotation(
            "a1", "highlight", "113013", "target", "en", 1, TextQuoteSelector("armistice"),
            TextPosition(1, 0, 9), "yellow",
        )
    )  # fmt: skip
    raw = sqlite3.connect(store.path)
    with raw:
        raw.execute("UPDATE annotations SET paragraph = -4, bead = ? WHERE id = 'a1'", (2**63 - 1,))
    raw.close()
    store._cache = None
    [loaded] = store.all()
    assert loaded.position is None and loaded.bead is None and not loaded.placed
    assert loaded.quote == "armistice"  # its quote places it again when the document opens


# -- long quotes ------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [400_000, 2_000_000])
def test_a_huge_quote_imports_in_well_under_a_second(
    size: int, store: AnnotationStore, documents: dict[str, Document], resolver: PairResolver
) -> None:
    paragraph = resolver.pair(documents["113013"]).target.paragraphs[0]  # type: ignore[union-attr]
    quote = (paragraph + " ") * (size // (len(paragraph) + 1) + 1)
    item = _w3c(1, quote[:size])
    item["target"]["selector"][0].update(prefix=quote[: size // 4], suffix=quote[: size // 4])
    started = time.perf_counter()
    report = import_w3c(json.dumps(item), store, documents.get, resolver)
    elapsed = time.perf_counter() - started
    assert len(report.added) == 1 and elapsed < 1.0, elapsed
    assert not store.all()[0].placed  # nothing that long is in the document


def test_bounded_fuzzy_search_still_finds_a_long_edited_quote() -> None:
    words = [f"word{n}" for n in range(3_000)]
    quote = " ".join(words[500:2_500])  # ~15,000 characters, far over MAX_FUZZY_QUOTE
    edited = quote.replace("word700 ", "WORD700 ").replace("word2400", "w2400")
    lead = " ".join(words[:500]) + " "
    paragraphs = ["an unrelated opening paragraph", lead + edited + " and the end"]
    started = time.perf_counter()
    match = locate(TextQuoteSelector(quote), None, paragraphs)
    assert time.perf_counter() - started < 0.5
    assert match is not None and match.paragraph == 1 and not match.exact
    assert abs(match.start - len(lead)) <= 2 and abs(match.end - len(lead + edited)) <= 8
    assert bounded_find("abcdefgh" * 200, "zzzz" * 10, 10) is None


def test_fuzzy_search_scans_a_bounded_window_of_a_huge_paragraph() -> None:
    filler = "lorem ipsum dolor sit amet " * 40_000  # ~1 MB paragraph
    target = "the quick brown fox jumps over the lazy dog near the river bank"
    text = filler[:500_000] + target.replace("lazy", "lasy") + filler[:500_000]
    started = time.perf_counter()
    near = locate(TextQuoteSelector(target), TextPosition(0, 500_000, 500_063), [text])
    assert time.perf_counter() - started < 1.0
    assert near is not None and near.start == 500_000
    assert len(text) > anchoring.MAX_FUZZY_TEXT


# -- invisible characters ---------------------------------------------------------------------


@pytest.mark.parametrize("invisible", ["\u200b", "\u200c", "\u200d", "\u00ad", "\u2060", "\ufeff"])
def test_invisible_characters_inside_words_do_not_hide_them_from_search(
    invisible: str, tmp_path: Path
) -> None:
    document = parse_file(ENGLISH)
    paragraphs = (f"Pope Inno{invisible}cent wrote of the arm{invisible}istice.",)
    texts = tuple(
        text.__class__(text.language, text.role, paragraphs) for text in document.texts[:1]
    )
    planted = document.__class__(**{**document.__dict__, "id": "planted", "texts": texts})
    index = SearchIndex.open(tmp_path / INDEX_FILE)
    try:
        index.add_document(planted)
        index.save_note("n1", "planted", f"Inno{invisible}cent in a note")
        for query in ("Innocent", "innocent*", '"Pope Innocent"', f"Inno{invisible}cent"):
            [result] = index.search(query)
            assert result.document_id == "planted", query
        hits = index.document_hits("Innocent", "planted")
        assert {hit.kind for hit in hits} == {"text", "note"}
        text_hit = next(hit for hit in hits if hit.kind == "text")
        start, end = text_hit.spans[0]
        assert text_hit.snippet[start:end] == f"Inno{invisible}cent"
    finally:
        index.close()


# -- folders that loop ------------------------------------------------------------------------


def _looping_folder(tmp_path: Path) -> Path:
    top = tmp_path / "corpus"
    (top / "inner").mkdir(parents=True)
    (top / "a.txt").write_bytes(RUSSIAN.read_bytes())
    (top / "inner" / "b.txt").write_bytes(ENGLISH.read_bytes())
    (top / "self").symlink_to(top, target_is_directory=True)
    (top / "inner" / "up").symlink_to(top, target_is_directory=True)
    (top / "inner" / "again").symlink_to(top / "inner", target_is_directory=True)
    (top / "link.txt").symlink_to(top / "a.txt")
    return top


def test_folders_that_link_to_themselves_are_walked_once(tmp_path: Path) -> None:
    top = _looping_folder(tmp_path)
    started = time.perf_counter()
    files = iter_document_files([top, top / "inner", top / "a.txt"])
    assert time.perf_counter() - started < 1.0
    assert sorted(path.name for path in files) == ["a.txt", "b.txt"]
    load = load_paths([top])
    assert sorted(document.id for document in load.documents) == ["113013", "117421"]


def test_the_catalog_walks_a_looping_folder_once(tmp_path: Path) -> None:
    top = _looping_folder(tmp_path)
    parsed: list[str] = []
    catalog = Catalog.open(tmp_path / "cache")
    try:
        report = catalog.refresh([top], on_parsed=lambda document: parsed.append(document.id))
    finally:
        catalog.close()
    assert sorted(parsed) == ["113013", "117421"]
    assert sorted(report.added) == ["113013", "117421"]


# -- too many notes ---------------------------------------------------------------------------


def test_note_rowids_beyond_a_documents_range_never_meet_document_rows(tmp_path: Path) -> None:
    """After 2**19 notes on one document, note rowids once ran into the next document's range.
    Notes now live in their own tables: a note rowid far past every document's range (as after
    millions of notes) sits beside documents without a clash, and deleting it is immediate."""
    index = SearchIndex.open(tmp_path / INDEX_FILE)
    try:
        index.add_document(parse_file(RUSSIAN))
        index.commit()
        key = index._existing_key("117421")
        assert key is not None
        # The next note takes the rowid of the next document's first paragraph under the old
        # scheme, and the one after reaches past 2**40 (2**20 notes on each of 2**20 documents).
        index._db.execute(
            "INSERT INTO notes (rowid, annotation_id, doc_key, text) VALUES (?, 'seed', ?, '')",
            (((key + 1) << 20) - 1, key),
        )
        index.save_note("n-1", "117421", "armistice in the margin")
        index._db.execute("UPDATE notes SET rowid = ? WHERE annotation_id = 'seed'", (2**40,))
        index.save_note("n-2", "117421", "armistice again")
        index.add_document(parse_file(ENGLISH))  # takes key + 1: its rows start at (key+1) << 20
        index.commit()
        results = {r.document_id: r for r in index.search("armistice", limit=10)}
        assert {"117421", "113013"} <= set(results)
        notes = {h.annotation_id for h in index.document_hits("armistice", "117421")}
        assert {"n-1", "n-2"} <= notes
        index.remove_note("n-1")
        notes = {h.annotation_id for h in index.document_hits("armistice", "117421")}
        assert "n-1" not in notes and "n-2" in notes
    finally:
        index.close()
