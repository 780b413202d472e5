"""Search: word forms in both languages, query syntax, snippets with spans, freshness, notes."""

from __future__ import annotations

import contextlib
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from reader.core.catalog import Catalog
from reader.core.parsing import parse_file
from reader.core.search_index import INDEX_FILE, QueryError, SearchIndex

PROJECT_DIR = Path(__file__).resolve().parents[2]
SEED = PROJECT_DIR / "corpus" / "117421.txt"  # «Вашу шифровку от 20 июля получили»
OTHER = PROJECT_DIR / "corpus" / "113013.txt"  # English only: armistice negotiations


@pytest.fixture
def index(tmp_path: Path) -> SearchIndex:
    opened = SearchIndex.open(tmp_path / INDEX_FILE)
    opened.add_document(parse_file(SEED))
    opened.add_document(parse_file(OTHER))
    opened.commit()
    yield opened
    opened.close()


def _ids(index: SearchIndex, query: str, **options) -> list[str]:
    return [result.document_id for result in index.search(query, **options)]


def test_russian_forms_find_each_other(index: SearchIndex) -> None:
    [result] = index.search("шифровка")
    [hit] = [h for h in result.hits if h.kind == "text"]
    assert (result.document_id, hit.language, hit.side) == ("117421", "ru", "transcript")
    start, end = hit.spans[0]
    assert hit.snippet[start:end] == "шифровку"


def test_english_forms_find_each_other(index: SearchIndex) -> None:
    assert "113013" in _ids(index, "negotiation")
    [result] = [r for r in index.search("negotiations") if r.document_id == "113013"]
    text_hits = [hit for hit in result.hits if hit.kind == "text"]
    assert all(hit.spans for hit in text_hits)
    assert {hit.snippet[s:e].casefold() for hit in text_hits for s, e in hit.spans} <= {
        "negotiations", "negotiation", "negotiating",
    }  # fmt: skip


def test_metadata_is_searchable(index: SearchIndex) -> None:
    [result] = index.search("Filippov AND Cable")
    assert result.document_id == "117421"
    assert "title" in {hit.kind for hit in result.hits}


def test_phrases_prefixes_and_boolean_operators(index: SearchIndex) -> None:
    assert _ids(index, '"demarcation line"') == ["113013"]
    assert _ids(index, '"line demarcation"') == []
    assert _ids(index, "шифр*") == ["117421"]
    assert set(_ids(index, "шифровку OR demarcation")) == {"117421", "113013"}
    assert _ids(index, "Mao NOT demarcation") == ["117421"]  # NOT and AND work per document
    assert _ids(index, "шифровку Kaesong") == []
    assert _ids(index, "Kaesong Sweden") == ["113013"]  # in different paragraphs
    assert _ids(index, "(шифровку OR demarcation) Kaesong") == ["113013"]


@pytest.mark.parametrize("query", ['"open', "NOT x", "a AND", "(a", "a)", "", "  ", "..."])
def test_invalid_queries_raise_a_clear_error(index: SearchIndex, query: str) -> None:
    with pytest.raises(QueryError) as error:
        index.search(query)
    assert str(error.value)


def test_fts_syntax_in_the_query_is_taken_literally(index: SearchIndex) -> None:
    for query in ["NEAR(a b)", "stems : x", "^Mao", "a + b", '"', "'; DROP TABLE rows; --"]:
        with contextlib.suppress(QueryError):  # a message for the user is fine; a crash is not
            index.search(query)


def test_per_document_cap_and_document_hits(index: SearchIndex) -> None:
    [result] = [
        r for r in index.search("negotiations", per_document=2) if r.document_id == "113013"
    ]
    assert len(result.hits) == 2 and result.total_hits > 2
    every = index.document_hits("negotiations", "113013")
    assert len(every) == result.total_hits
    assert [h.paragraph for h in every if h.kind == "text"] == sorted(
        h.paragraph for h in every if h.kind == "text"
    )
    assert index.document_hits("negotiations NOT Kaesong", "113013") == []


def test_date_order_and_limit(index: SearchIndex) -> None:
    assert _ids(index, "Mao", order="date") == ["117421", "113013"]
    assert len(index.search("Mao", limit=1)) == 1


def test_long_paragraph_snippet_is_cut_around_the_hit(index: SearchIndex) -> None:
    [result] = index.search("Seoul")
    [hit] = result.hits
    assert len(hit.snippet) < 260 and hit.snippet.startswith("…")
    start, end = hit.spans[0]
    assert hit.snippet[start:end] == "Seoul"


def test_remove_and_reindex_document(index: SearchIndex) -> None:
    index.remove_document("117421")
    assert _ids(index, "шифровку") == []
    index.add_document(parse_file(SEED))
    index.add_document(parse_file(SEED))  # re-adding replaces, never duplicates
    [result] = index.search("шифровку")
    assert result.total_hits == 1


def test_notes_are_searchable_and_replaceable(index: SearchIndex) -> None:
    index.index_notes([("note-1", "117421", "Compare with the memoirs of 1974")])
    [result] = index.search("memoir")
    assert [(h.kind, h.annotation_id) for h in result.hits] == [("note", "note-1")]
    index.index_notes([("note-1", "117421", "Cited in chapter three")])
    assert _ids(index, "memoirs") == [] and _ids(index, "chapter") == ["117421"]
    index.replace_notes([])
    assert _ids(index, "chapter") == []


def test_a_note_changes_alone_and_every_copy_sees_it(index: SearchIndex) -> None:
    index.replace_notes(
        [("note-1", "117421", "Compare with the memoirs of 1974"), ("note-2", "113013", "Kaesong")]
    )
    index.save_note("note-3", "117421", "Cited in chapter three")
    other = SearchIndex.open(index.path)  # another thread's connection: only commits reach it
    try:
        [result] = other.search("chapter")
        assert [(h.kind, h.annotation_id) for h in result.hits] == [("note", "note-3")]
        index.save_note("note-3", "117421", "Quoted in the preface")  # edited
        assert _ids(other, "chapter") == [] and _ids(other, "preface") == ["117421"]
        index.remove_note("note-1")  # deleted
        assert _ids(other, "memoirs") == [] and _ids(index, "memoirs") == []
        index.save_note("note-3", "117421", "  ")  # emptied: gone as well
        assert _ids(other, "preface") == []
        index.remove_note("never-indexed")  # nothing to do, and no error
        notes = [
            h.annotation_id for r in index.search("Kaesong") for h in r.hits if h.kind == "note"
        ]
        assert notes == ["note-2"]  # the others' notes were left alone
    finally:
        other.close()


def test_notes_rank_and_show_with_their_document(index: SearchIndex) -> None:
    index.save_note("note-1", "117421", "Kaesong, said the cable")
    assert set(_ids(index, "Kaesong")) == {"117421", "113013"}
    assert _ids(index, "Kaesong cable") == ["117421"]  # the note's words count for its document
    hits = index.document_hits("Kaesong", "117421")
    assert [(h.kind, h.annotation_id) for h in hits] == [("note", "note-1")]
    [result] = [
        r for r in index.search("Filippov OR Kaesong", per_document=50) if r.document_id == "117421"
    ]
    kinds = [h.kind for h in result.hits]
    note = kinds.index("note")  # metadata first, then notes, then paragraphs
    assert kinds[0] == "title" and set(kinds[:note]) <= {"title", "summary", "citation", "people"}
    assert set(kinds[note + 1 :]) == {"text"}


def test_note_keys_never_meet_document_rows(index: SearchIndex) -> None:
    """Notes used to take rowids from their document's range; 524,288 notes on one document ran
    into the next document's rows. Now a note's key is its own, even when it equals a row's."""
    [(taken, kind, text)] = index._db.execute(
        "SELECT rowid, kind, text FROM rows ORDER BY rowid DESC LIMIT 1"
    ).fetchall()
    index._db.execute(  # the next note gets the very number a document's row already has
        "INSERT INTO notes (rowid, annotation_id, doc_key, text) VALUES (?, 'filler', 1, '')",
        (taken - 1,),
    )
    index.save_note("note-1", "117421", "memoirs of a clerk")
    [(rowid,)] = index._db.execute("SELECT rowid FROM notes WHERE annotation_id = 'note-1'")
    assert rowid == taken
    word = max(re.findall(r"[^\W\d_]+", text), key=len)
    assert _ids(index, "memoirs") == ["117421"] and "113013" in _ids(index, word)
    index.remove_note("note-1")
    assert _ids(index, "memoirs") == []
    [result] = [r for r in index.search(word) if r.document_id == "113013"]
    assert kind in {h.kind for h in result.hits}  # the row that shares the number is intact


def test_ensure_fresh_follows_the_catalog(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(SEED, folder)
    catalog = Catalog.open(tmp_path / "cache")
    catalog.refresh([folder])
    index = SearchIndex.open(tmp_path / "cache" / INDEX_FILE)
    assert index.ensure_fresh(catalog) == 1
    assert index.ensure_fresh(catalog) == 0  # nothing changed, nothing parsed
    shutil.copy(OTHER, folder)
    (folder / "117421.txt").unlink()
    catalog.refresh([folder])
    assert index.ensure_fresh(catalog) == 1
    assert _ids(index, "шифровку") == [] and _ids(index, "Kaesong") == ["113013"]


def test_corrupt_index_is_rebuilt_silently(tmp_path: Path) -> None:
    path = tmp_path / INDEX_FILE
    path.write_bytes(b"\x00garbage" * 4096)
    index = SearchIndex.open(path)
    index.add_document(parse_file(SEED))
    assert _ids(index, "шифровку") == ["117421"]


def test_markup_is_indexed_as_literal_text(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8").replace(
        "ФИЛИППОВ",
        'ФИЛИППОВ <script>alert("x")</script> <img src="http://example.com/t.png"> <style>p{}</style>',
    )
    path = tmp_path / "117421.txt"
    path.write_text(text, encoding="utf-8")
    index = SearchIndex.open(tmp_path / INDEX_FILE)
    index.add_document(parse_file(path))
    [result] = index.search("script")
    [hit] = result.hits
    assert '<script>alert("x")</script>' in hit.snippet
    assert '<img src="http://example.com/t.png">' in hit.snippet
    assert [hit.snippet[s:e] for s, e in hit.spans] == ["script", "script"]


# --- snippets centred on the hit (issue 12.6) ----------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from reader.core.search_index import snippet_with_spans  # noqa: E402

_WORDS = st.lists(
    st.sampled_from(["alpha", "beta", "gamma", "шифровка", "Seoul", "x"]), max_size=120
)


@settings(max_examples=200, deadline=None)
@given(before=_WORDS, after=_WORDS)
def test_snippet_holds_the_first_hit_whole_with_context_both_sides(
    before: list[str], after: list[str]
) -> None:
    text = " ".join([*before, "armistice", *after])
    start = len(" ".join(before)) + (1 if before else 0)
    spans = [(start, start + len("armistice"))]
    snippet, moved = snippet_with_spans(text, spans, width=80)
    assert moved and snippet[moved[0][0] : moved[0][1]] == "armistice"
    hit_start, hit_end = moved[0]
    body = snippet.removeprefix("…").removesuffix("…")
    assert len(body) <= 80 or body == text
    assert body in text  # cut only at its ends
    if before and len(text) > 80:
        # Context before the hit whenever the text has some, and after it likewise.
        assert hit_start > 0
    if after and len(text) > 80:
        assert hit_end < len(snippet)


def test_snippet_centres_the_hit_in_a_long_paragraph() -> None:
    text = " ".join(["word"] * 100 + ["Seoul"] + ["more"] * 100)
    at = text.index("Seoul")
    snippet, spans = snippet_with_spans(text, [(at, at + 5)])
    start, end = spans[0]
    assert snippet[start:end] == "Seoul"
    assert abs(start - (len(snippet) - end)) < 12  # about as much context before as after
    near_end = text.index("more", len(text) - 12)
    snippet, spans = snippet_with_spans(text, [(near_end, near_end + 4)])
    assert snippet.endswith("more") and len(snippet) > 200  # the window slid back to fill


# --- prefixes over a stems-only index (issue 14) ------------------------------------------------


def _english_copy(folder: Path, record: str, word: str) -> Path:
    """The English-only seed as another record, with ``word`` in its summary."""
    text = OTHER.read_text(encoding="utf-8").replace("113013", record)
    path = folder / f"{record}.txt"
    path.write_text(text.replace("ongoing", word), encoding="utf-8")
    return path


def test_a_prefix_finds_exactly_the_words_it_names(tmp_path: Path) -> None:
    index = SearchIndex.open(tmp_path / INDEX_FILE)
    index.add_document(parse_file(_english_copy(tmp_path, "900001", "zorb")))
    index.add_document(parse_file(_english_copy(tmp_path, "900002", "zorbing")))
    # «zorb» and «zorbing» share the stem "zorb": the prefix "zorbi" must still tell them apart.
    assert _ids(index, "zorbi*") == ["900002"]
    assert sorted(_ids(index, "zorb*")) == ["900001", "900002"]
    assert _ids(index, "zorbz*") == []
    [result] = index.search("zorbi*")
    assert [hit.snippet[s:e] for hit in result.hits for s, e in hit.spans] == ["zorbing"]
    assert index.document_hits("zorbi*", "900001") == []


def test_a_prefix_ignores_words_of_removed_documents_and_notes(tmp_path: Path) -> None:
    index = SearchIndex.open(tmp_path / INDEX_FILE)
    index.add_document(parse_file(_english_copy(tmp_path, "900001", "zorb")))
    index.add_document(parse_file(_english_copy(tmp_path, "900002", "zorbing")))
    index.remove_document("900002")
    assert _ids(index, "zorbi*") == []  # the word is still in the vocabulary, the text is gone
    index.index_notes([("n-1", "900001", "zorbs again"), ("n-2", "900001", "zorbed")])
    [result] = index.search("zorbe*")
    assert [(hit.kind, hit.annotation_id) for hit in result.hits] == [("note", "n-2")]
    index.replace_notes([])
    assert _ids(index, "zorbe*") == []


def test_a_prefix_with_many_stems_still_finds_every_word(tmp_path: Path) -> None:
    index = SearchIndex.open(tmp_path / INDEX_FILE)
    words = [f"qx{number:04d}word" for number in range(400)]  # more stems than are listed
    index.index_notes([(f"n-{n}", "113013", word) for n, word in enumerate(words)])
    index.index_notes([("other", "113013", "qy")])
    [result] = index.search("qx*", per_document=1000)
    assert len(result.hits) == 400
    [result] = index.search("qx01*", per_document=1000)
    assert sorted(hit.snippet for hit in result.hits) == words[100:200]


def _synthetic_library(folder: Path, count: int) -> list[Path]:
    """``count`` documents from the scale benchmark's generator (two languages, ~10 kB each)."""
    import importlib.util
    import random

    spec = importlib.util.spec_from_file_location(
        "make_corpus", PROJECT_DIR / "tests" / "benchmarks" / "make_corpus.py"
    )
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    rng = random.Random(1951)
    folder.mkdir()
    paths = [folder / f"{number}.txt" for number in range(count)]
    for number, path in enumerate(paths):
        path.write_text(generator.document(number, rng), encoding="utf-8")
    return paths


def test_the_index_is_smaller_than_the_text_it_holds(tmp_path: Path) -> None:
    paths = _synthetic_library(tmp_path / "library", 100)
    index = SearchIndex.open(tmp_path / "cache" / INDEX_FILE)
    for path in paths:
        index.add_document(parse_file(path))
    index.commit()
    index.close()
    with contextlib.closing(sqlite3.connect(tmp_path / "cache" / INDEX_FILE)) as db:
        db.execute("VACUUM")
    text = sum(path.stat().st_size for path in paths)
    assert (tmp_path / "cache" / INDEX_FILE).stat().st_size <= 1.2 * text
    assert _ids(SearchIndex.open(tmp_path / "cache" / INDEX_FILE), "шифровкой", limit=1000)


def test_a_stored_text_damaged_on_disk_is_no_crash_and_the_index_rebuilds(
    tmp_path: Path,
) -> None:
    index = SearchIndex.open(tmp_path / INDEX_FILE)
    index.add_document(parse_file(SEED))
    index.commit()
    damaged = index._db.execute(
        "UPDATE rows SET text = x'789c0000dead' WHERE typeof(text) = 'blob'"
    ).rowcount
    index.commit()
    assert damaged > 0
    [result] = index.search("шифровку")  # found by its stems; the damaged text shows empty
    assert result.document_id == "117421"
    assert _ids(index, "шифр*") == ["117421"]  # prefixes and their text check run too
    index.remove_document("117421")  # its terms cannot be recomputed: no crash either
    index.close()
    reopened = SearchIndex.open(tmp_path / INDEX_FILE)
    assert reopened._db.execute("SELECT count(*) FROM rows").fetchone()[0] == 0  # rebuilt
    reopened.close()


def test_a_filter_applies_before_the_limit(tmp_path: Path) -> None:
    index = SearchIndex.open(tmp_path / INDEX_FILE)
    records = [f"9000{number:02d}" for number in range(12)]
    for record in records:
        index.add_document(parse_file(_english_copy(tmp_path, record, "zorb")))
    index.commit()
    last = _ids(index, "zorb")[-1]  # the one a limit of 5 would leave out
    assert last not in _ids(index, "zorb", limit=5)
    assert _ids(index, "zorb", limit=5, allowed={last}) == [last]
    assert _ids(index, "zorb", limit=5, order="date", allowed={last, "none"}) == [last]


def _scoring_queries(index: SearchIndex, action) -> int:
    """How many statements that score a word (by document, GROUP BY) ``action`` runs."""
    seen: list[str] = []
    index._db.set_trace_callback(seen.append)
    try:
        action()
    finally:
        index._db.set_trace_callback(None)
    return sum("GROUP BY" in statement for statement in seen)


def test_the_same_words_again_are_not_scored_again_until_the_index_changes(tmp_path: Path) -> None:
    index = SearchIndex.open(tmp_path / INDEX_FILE)
    index.add_document(parse_file(SEED))
    index.commit()
    first = index.search("Mao OR шифровку")
    # The other order, a facet changed, a result's hits: scored once, shown again at once.
    again = lambda: index.search("Mao OR шифровку", order="date", allowed={"117421"})  # noqa: E731
    assert _scoring_queries(index, again) == 0
    assert [r.document_id for r in index.search("Mao OR шифровку")] == [
        r.document_id for r in first
    ]
    index.add_document(parse_file(OTHER))  # this connection writes: scored anew
    index.commit()
    assert _ids(index, "Mao", order="date") == ["117421", "113013"]
    other = SearchIndex.open(tmp_path / INDEX_FILE)  # another connection writes: scored anew
    other.remove_document("113013")
    other.commit()
    other.close()
    assert _ids(index, "Mao") == ["117421"]
    index.forget_scores()
    assert _scoring_queries(index, lambda: index.search("Mao")) > 0


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(st.integers(0, 60), st.sampled_from([0.5, 1.0, 1.0, 2.25, 3.0]), max_size=40),
    st.permutations(list(range(0, 61, 2))),
    st.integers(0, 45),
)
def test_the_first_documents_are_the_best_then_by_key_or_the_earliest(
    tmp_path_factory, scores, dated, limit
) -> None:
    index = SearchIndex.open(tmp_path_factory.mktemp("first") / INDEX_FILE)
    index._by_date = dated  # odd keys: documents not indexed (notes only)
    ranks = {key: rank for rank, key in enumerate(dated)}
    best = sorted(scores, key=lambda k: (-scores[k], k))[:limit]
    earliest = sorted(scores, key=lambda k: (ranks.get(k, len(dated)), k))[:limit]
    assert index._first(scores, limit, "relevance") == best
    assert index._first(scores, limit, "date") == earliest
    index.close()
