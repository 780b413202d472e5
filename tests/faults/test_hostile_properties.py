"""From any input at all, the document parser, the query parser and the W3C importer either give a
result or raise the project's own error (ParseError, QueryError, NotesImportError), quickly;
never anything else."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from conftest import ENGLISH
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.annotation_store import AnnotationStore
from reader.core.document import Document, ParseError
from reader.core.encoding import decode_document
from reader.core.notes_export import NotesImportError, import_w3c
from reader.core.pair_resolver import PairResolver
from reader.core.parsing import parse_text
from reader.core.search_query import QueryError, compile_query

FAST = settings(
    max_examples=150,
    deadline=1_000,  # milliseconds per example: a hang or a quadratic blow-up fails
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
NAME = Path("hypothesis.txt")

# Text built from the pieces archive files are made of, so the parser's deeper paths are reached.
_PIECES = st.sampled_from(
    [
        "**November 14, 1951**", "**Citation:**", "Record ID", "300241", "Summary", "[...]",
        "Original Language:", "Russian", "Contents:", "Transcript - Russian", "Translation",
        "Вашу шифровку от 20 июля получили.", "The armistice negotiations.", "# ", "* ", "1.",
        "<https://example.org/document/113013>", "\u200b", "\u202e", "\ufeff", "\x00", "\r",
        "Title: x", "Date: 1951", "—", "-----", "    ", "\t", "[1]", "Language", "English",
    ]
)  # fmt: skip
ARCHIVE_LIKE = st.lists(st.one_of(_PIECES, st.text(max_size=40)), max_size=60).map(
    lambda parts: "\n".join(parts)
)


def _parse_bytes(data: bytes) -> Document | None:
    try:
        return parse_text(decode_document(data, NAME), NAME)
    except ParseError as error:
        assert error.reason
        return None


@FAST
@given(st.binary(max_size=4_000))
def test_the_parser_takes_any_bytes(data: bytes) -> None:
    _parse_bytes(data)


@FAST
@given(st.one_of(ARCHIVE_LIKE, st.text(max_size=2_000)))
def test_the_parser_takes_any_text(text: str) -> None:
    for encoded in (text.encode("utf-8", "surrogatepass"), text.encode("utf-16", "surrogatepass")):
        document = _parse_bytes(encoded)
        if document is not None:
            assert document.id and document.texts


_QUERY_PIECES = st.sampled_from(
    ["(", ")", '"', "AND", "OR", "NOT", "*", "treaty", "шифровка", "a", "-", "\u200b", " "]
)


@FAST
@given(st.one_of(st.lists(_QUERY_PIECES, max_size=300).map(" ".join), st.text(max_size=400)))
def test_the_query_parser_takes_any_text(query: str) -> None:
    try:
        compiled = compile_query(query, frozenset({"english", "russian"}))
    except QueryError as error:
        assert str(error)
        return
    assert compiled.tree[0] in ("leaf", "and", "or", "not")


_JSON_LEAF = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
    st.sampled_from(["Annotation", "AnnotationPage", "AnnotationCollection", "TextQuoteSelector",
                     "TextPositionSelector", "113013", "armistice", "target", "source"]),
)  # fmt: skip
_KEYS = st.one_of(
    st.sampled_from(
        ["type", "id", "target", "source", "selector", "exact", "prefix", "suffix", "start",
         "end", "body", "bodyValue", "value", "purpose", "motivation", "items", "first", "total",
         "parallelReader", "side", "paragraph", "bead", "colour", "kind", "created", "modified"]
    ),
    st.text(max_size=8),
)  # fmt: skip
_JSON = st.recursive(
    _JSON_LEAF,
    lambda children: st.one_of(
        st.lists(children, max_size=5), st.dictionaries(_KEYS, children, max_size=6)
    ),
    max_leaves=40,
)


def _annotation_like(target: Any, selector: Any, extension: Any) -> dict[str, Any]:
    return {
        "type": "Annotation",
        "target": {"source": "https://x.org/document/113013", "selector": selector}
        if target is None
        else target,
        "parallelReader": extension,
    }


@settings(FAST, max_examples=120)
@given(
    data=st.one_of(
        _JSON,
        st.builds(_annotation_like, st.one_of(st.none(), _JSON), _JSON, _JSON),
        st.lists(st.builds(_annotation_like, st.none(), _JSON, _JSON), max_size=4),
    ),
    as_text=st.booleans(),
)
def test_the_importer_takes_any_json(
    data: Any,
    as_text: bool,
    store: AnnotationStore,
    documents: dict[str, Document],
    resolver: PairResolver,
) -> None:
    payload: Any = json.dumps(data) if as_text else data
    try:
        report = import_w3c(payload, store, documents.get, resolver)
    except NotesImportError as error:
        assert str(error)
        return
    assert len(report.added) + len(report.updated) + len(report.skipped) >= 0


@settings(FAST, max_examples=60)
@given(data=st.binary(max_size=2_000))
def test_the_importer_takes_any_bytes(
    data: bytes,
    store: AnnotationStore,
    documents: dict[str, Document],
    resolver: PairResolver,
) -> None:
    with contextlib.suppress(NotesImportError):
        import_w3c(data, store, documents.get, resolver)


def test_the_corpus_document_still_parses() -> None:
    assert _parse_bytes(ENGLISH.read_bytes()) is not None
