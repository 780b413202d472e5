"""Markdown and W3C JSON export, and import of our own and of foreign web annotations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.core.alignment import Alignment
from reader.core.alignment_cache import AlignmentCache
from reader.core.alignment_corrections import CorrectionStore
from reader.core.anchoring import make_selector
from reader.core.annotation_store import AnnotationStore
from reader.core.annotations import (
    Annotation,
    TextPosition,
    new_document_bookmark,
    new_highlight,
    new_paragraph_bookmark,
)
from reader.core.catalog import Catalog
from reader.core.corpus import load_paths
from reader.core.document import Document, Text
from reader.core.library import Library
from reader.core.notes_export import (
    NotesImportError,
    annotation_counts,
    display_quote,
    import_w3c,
    plural,
    record_id,
    to_markdown,
    to_w3c_json,
)
from reader.core.pair_resolver import PairResolver
from reader.core.parsing import parse_file

CORPUS_DIR = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="module")
def documents() -> dict[str, Document]:
    return {d.id: d for d in load_paths([CORPUS_DIR]).documents}


@pytest.fixture(scope="module")
def resolver(tmp_path_factory: pytest.TempPathFactory) -> PairResolver:
    """Pairs as the reader sees them; no test here corrects the corpus documents' alignment."""
    folder = tmp_path_factory.mktemp("resolver")
    return PairResolver(CorrectionStore(folder / "data"), AlignmentCache(folder / "alignments"))


@pytest.fixture
def store(isolated_data_dir: Path) -> AnnotationStore:
    opened = AnnotationStore.open(isolated_data_dir)
    yield opened
    opened.close()


def _quote(
    resolver: PairResolver, document: Document, side: str, paragraph: int, quote: str, **extra
) -> Annotation:
    pair = resolver.pair(document)
    text = pair.source if side == "source" else pair.target
    assert text is not None
    start = text.paragraphs[paragraph].index(quote)
    end = start + len(quote)
    return new_highlight(
        document.id,
        side,  # type: ignore[arg-type]
        text.language,
        make_selector(text.paragraphs, paragraph, start, end),
        TextPosition(paragraph, start, end),
        pair.alignment.bead_of(side, paragraph),
        **extra,
    )


def _sample(documents: dict[str, Document], resolver: PairResolver) -> list[Annotation]:
    cable, telegram = documents["117421"], documents["113013"]
    cable_pair = resolver.pair(cable)
    assert cable_pair.target is not None
    return [
        new_document_bookmark(telegram.id, note="read later"),
        _quote(resolver, telegram, "target", 8, "demarcation line", colour="blue"),
        _quote(
            resolver,
            cable,
            "source",
            1,
            "Вашу шифровку от 20 июля получили",
            note="<script>x</script>",
        ),
        new_paragraph_bookmark(
            cable.id,
            "target",
            "en",
            cable_pair.target.paragraphs,
            4,
            cable_pair.alignment.bead_of("target", 4),
        ),  # type: ignore[union-attr]
        _quote(resolver, cable, "target", 4, "cipher message", tags=["cables", "1951"]),
    ]


def test_markdown_groups_by_document_in_date_order_with_both_languages(
    documents: dict[str, Document],
    resolver: PairResolver,
) -> None:
    text = to_markdown(
        _sample(documents, resolver), documents.get, resolver, generated="2024-05-01"
    )
    cable_at = text.index("## Cable No. 4277")
    telegram_at = text.index("## Ciphered Telegram No. 25902")
    assert cable_at < telegram_at  # July before November 1951
    cable = text[cable_at:telegram_at]
    assert "21 July 1951" in cable and "APRF, f. 45, op. 1, d. 340, ll. 92" in cable
    assert "> Вашу шифровку от 20 июля получили" in cable
    assert "*English, ¶ 5:* We have received your cipher message" in cable
    assert "¶ 2 (Russian transcript)" in cable
    assert "*Russian, ¶ 2:* Вашу шифровку" in cable  # the English quote's counterpart
    assert "Tags: cables, 1951" in cable
    assert "\\<script\\>x\\</script\\>" in cable and "<script>" not in cable
    telegram = text[telegram_at:]
    assert "**Bookmark** (whole document)" in telegram and "read later" in telegram
    assert "**Highlight**, blue, ¶ 9 (English translation)" in telegram


def test_markdown_keeps_annotations_of_unknown_or_unplaced_places(
    documents: dict[str, Document],
    resolver: PairResolver,
) -> None:
    lost = _sample(documents, resolver)[2].moved(placed=False)
    orphan = new_document_bookmark("999999", note="from elsewhere")
    text = to_markdown([lost, orphan], documents.get, resolver)
    assert "unplaced" in text and "Вашу шифровку" in text
    assert "## Record 999999 (not in the library)" in text and "from elsewhere" in text


def test_w3c_json_follows_the_web_annotation_model(
    documents: dict[str, Document], resolver: PairResolver
) -> None:
    data = to_w3c_json(_sample(documents, resolver), documents.get)
    assert data["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection" and data["total"] == 5
    items = data["first"]["items"]
    assert all(
        item["type"] == "Annotation" and item["id"].startswith("urn:uuid:") for item in items
    )
    bookmark, highlight, note, _, tagged = items
    assert bookmark["motivation"] == "bookmarking" and "selector" not in bookmark["target"]
    assert bookmark["target"]["source"].endswith("/document/113013")
    assert highlight["motivation"] == "highlighting"
    quote, position = highlight["target"]["selector"]
    assert quote["type"] == "TextQuoteSelector" and quote["exact"] == "demarcation line"
    assert position["type"] == "TextPositionSelector"
    assert position["end"] - position["start"] == len("demarcation line")
    assert highlight["parallelReader"]["paragraph"] == 8
    assert highlight["parallelReader"]["colour"] == "blue"
    assert note["motivation"] == "commenting"
    assert note["body"][0] == {
        "type": "TextualBody",
        "value": "<script>x</script>",
        "format": "text/plain",
        "purpose": "commenting",
    }
    assert {"type": "TextualBody", "value": "1951", "purpose": "tagging"} in tagged["body"]
    json.dumps(data)  # serialisable as is


def test_export_then_import_round_trips_and_is_idempotent(
    documents: dict[str, Document], store: AnnotationStore, tmp_path: Path, resolver: PairResolver
) -> None:
    sample = _sample(documents, resolver)
    exported = json.dumps(to_w3c_json(sample, documents.get), ensure_ascii=False)
    with AnnotationStore.open(tmp_path / "other") as other:
        first = import_w3c(exported, other, documents.get, resolver)
        assert len(first.added) == 5 and not first.updated and not first.skipped
        assert {a.id: a for a in other.all()} == {a.id: a for a in sample}
        again = import_w3c(exported, other, documents.get, resolver)
        assert not again.added and not again.updated and len(again.skipped) == 5
        assert other.count() == 5


def test_import_updates_only_with_a_newer_copy(
    documents: dict[str, Document], store: AnnotationStore, resolver: PairResolver
) -> None:
    original = _sample(documents, resolver)[2]
    store.add(original)
    newer = original.edited(note="newer text")
    report = import_w3c(to_w3c_json([newer], documents.get), store, documents.get, resolver)
    assert report.updated == [original.id] and store.get(original.id).note == "newer text"  # type: ignore[union-attr]
    older = to_w3c_json([original], documents.get)
    report = import_w3c(older, store, documents.get, resolver)
    assert report.skipped and store.get(original.id).note == "newer text"  # type: ignore[union-attr]


def _foreign(source: object, exact: str, **extra: object) -> dict:
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "https://hypothes.is/a/AbC123",
        "type": "Annotation",
        "created": "2023-02-01T10:00:00Z",
        "body": [
            {"type": "TextualBody", "value": "Compare with the Russian", "purpose": "commenting"},
            {"type": "TextualBody", "value": "Korea", "purpose": "tagging"},
        ],
        "target": [
            {
                "source": source,
                "selector": [
                    {"type": "TextPositionSelector", "start": 5000, "end": 5030},
                    {"type": "TextQuoteSelector", "exact": exact, "prefix": "the ", "suffix": ""},
                ],
            }
        ],
        **extra,
    }


def test_foreign_web_annotation_is_placed_by_its_quote(
    documents: dict[str, Document], store: AnnotationStore, resolver: PairResolver
) -> None:
    url = "https://digitalarchive.wilsoncenter.org/document/117421?lang=en"
    item = _foreign(url, "American reluctance to expedite the matter of peace")
    report = import_w3c(json.dumps(item), store, documents.get, resolver)
    (placed,) = store.all()
    assert report.added == [placed.id]
    assert placed.document_id == "117421" and placed.placed
    assert placed.side == "target" and placed.language == "en" and placed.paragraph == 4
    assert placed.kind == "note" and placed.note == "Compare with the Russian"
    assert placed.tags == ("Korea",) and placed.created == "2023-02-01T10:00:00Z"
    assert placed.bead == resolver.pair(documents["117421"]).alignment.bead_of("target", 4)
    again = import_w3c(json.dumps(item), store, documents.get, resolver)
    assert not again.added and store.count() == 1


def test_foreign_russian_quote_and_bare_record_id(
    documents: dict[str, Document], store: AnnotationStore, resolver: PairResolver
) -> None:
    item = _foreign("117421", "не настаивать больше на включении", id="tag:x,2024:1")
    import_w3c([item], store, documents.get, resolver)
    (placed,) = store.all()
    assert placed.side == "source" and placed.language == "ru" and placed.placed


def test_unplaceable_and_unusable_foreign_annotations(
    documents: dict[str, Document], store: AnnotationStore, resolver: PairResolver
) -> None:
    missing = _foreign("https://example.org/document/117421", "words found nowhere in this text")
    elsewhere = _foreign("https://example.org/document/555", "a record not in the library")
    elsewhere["id"] = "urn:x:2"
    no_record = _foreign("https://example.org/page/1", "whatever")
    no_record["id"] = "urn:x:3"
    page = {"type": "AnnotationPage", "items": [missing, elsewhere, no_record]}
    report = import_w3c(page, store, documents.get, resolver)
    assert len(report.added) == 2
    assert [reason for _, reason in report.skipped] == [
        "its target names no archive record (expected …/document/NNN or a record id)"
    ]
    unplaced = {a.document_id: a for a in store.unplaced()}
    assert set(unplaced) == {"117421", "555"}
    assert unplaced["117421"].quote == "words found nowhere in this text"
    assert unplaced["117421"].note == "Compare with the Russian"


@pytest.mark.parametrize(
    "bad",
    [
        "not json {",
        "42",
        '{"type": "Something"}',
        '{"type": "AnnotationCollection", "total": 2, "first": "https://x/page1"}',
        '[{"type": "Annotation"}, "not an object"]',
    ],
)
def test_malformed_files_raise_and_import_nothing(
    bad: str, documents: dict[str, Document], store: AnnotationStore, resolver: PairResolver
) -> None:
    with pytest.raises(NotesImportError):
        import_w3c(bad, store, documents.get, resolver)
    assert store.count() == 0


def test_record_ids_are_read_from_any_host() -> None:
    assert record_id("https://digitalarchive.wilsoncenter.org/document/117421") == "117421"
    assert record_id("http://mirror.example/ru/document/113013/") == "113013"
    assert record_id("urn:parallel-reader:document:abc") == "abc"
    assert record_id(" 117421 ") == "117421"
    assert record_id("https://example.org/documents/117421x") is None


# -- exports follow the pair the reader sees, and parse only what they need ---------------------

RU = ("Товарищу МАО ЦЗЭДУНУ.", "Вашу шифровку от 20 июля получили.", "ФИЛИППОВ")
EN = (
    "To Cde. MAO ZEDONG",
    "We have received your cipher message of 20 July.",
    "Copy No. 1",
    "FILIPPOV",
)


def _telegram(tmp_path: Path) -> Document:
    path = tmp_path / "docs" / "900001.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_text("stand-in", encoding="utf-8")  # a file, but no curated alignment beside it
    return Document(
        id="900001",
        title="Telegram",
        date="1951-07-21",
        citation="APRF, f. 45",
        texts=(Text("ru", "transcript", RU), Text("en", "translation", EN)),
        path=path,
    )


def test_markdown_quotes_the_counterpart_of_the_corrected_alignment(
    tmp_path: Path, store: AnnotationStore
) -> None:
    resolver = PairResolver(
        CorrectionStore(tmp_path / "data"), AlignmentCache(tmp_path / "alignments")
    )
    document = _telegram(tmp_path)
    automatic = resolver.pair(document).alignment
    assert automatic.counterpart("source", 1) == (1,)  # the cipher sentence, as computed
    # The reader pairs the Russian sentence with the copy mark instead (an odd reading, but
    # theirs), and leaves the English sentence alone.
    corrected = Alignment.from_pairs(
        [((0,), (0,)), ((), (1,)), ((1,), (2,)), ((2,), (3,))], len(RU), len(EN)
    )
    resolver.save_correction(document.id, corrected)
    note = _quote(resolver, document, "source", 1, "Вашу шифровку")
    lookup = {document.id: document}.get

    text = to_markdown([note], lookup, resolver)
    assert "*English, ¶ 3:* Copy No. 1" in text
    assert "We have received" not in text

    # Import places a quote in the same corrected pair.
    exported = to_w3c_json([note.moved(bead=None)], lookup)
    import_w3c(exported, store, lookup, resolver)
    placed = store.get(note.id)
    assert placed is not None and placed.bead == corrected.bead_of("source", 1) == 2


def test_exports_and_imports_parse_only_the_documents_named(
    tmp_path: Path, store: AnnotationStore, resolver: PairResolver
) -> None:
    catalog = Catalog.open(tmp_path / "cache")
    catalog.refresh([CORPUS_DIR])
    parsed: list[str] = []

    def counting_loader(entry) -> Document:
        parsed.append(entry.id)
        return parse_file(entry.path)

    library = Library(catalog.entries(), loader=counting_loader)
    catalog.close()
    assert len(library) == 2 and parsed == []
    url = "https://digitalarchive.wilsoncenter.org/document/117421"
    first = _foreign(url, "American reluctance to expedite the matter of peace")
    second = _foreign(url, "не настаивать больше на включении", id="tag:x,2024:2")
    elsewhere = _foreign("https://example.org/document/555", "a record not in the library")
    elsewhere["id"] = "urn:x:2"
    asked: list[str] = []

    def lookup(document_id: str) -> Document | None:
        asked.append(document_id)
        return library.lookup(document_id)

    report = import_w3c([first, second, elsewhere], store, lookup, resolver)
    assert len(report.added) == 3
    assert parsed == ["117421"]  # not 113013, which no annotation names
    assert sorted(asked) == ["117421", "555"]  # each document asked for once

    asked.clear()
    to_markdown(store.all(), lookup, resolver)
    assert sorted(asked) == ["117421", "555"]
    asked.clear()
    to_w3c_json(store.all(), lookup)
    assert sorted(asked) == ["117421", "555"]
    assert parsed == ["117421"]  # the library keeps what it parsed


# --- Markdown polish (issue 12.10) ---------------------------------------------------------------


def test_markdown_counts_use_proper_plurals(
    documents: dict[str, Document], resolver: PairResolver
) -> None:
    one = [_quote(resolver, documents["117421"], "target", 4, "cipher message")]
    assert "1 highlight in 1 document." in to_markdown(one, documents.get, resolver)
    text = to_markdown(_sample(documents, resolver), documents.get, resolver)
    assert "1 note, 2 highlights and 2 bookmarks in 2 documents." in text
    assert annotation_counts([]) == "no annotations"
    assert plural(1, "note") == "1 note" and plural(2, "note") == "2 notes"


def test_markdown_keeps_no_trailing_spaces_and_cuts_quotes_at_words(
    documents: dict[str, Document], resolver: PairResolver
) -> None:
    text = to_markdown(_sample(documents, resolver), documents.get, resolver)
    assert all(line == line.rstrip() for line in text.splitlines())
    # The paragraph bookmark keeps its paragraph's first 60 characters: cut at a word, with "…".
    cable = documents["117421"].translation
    assert cable is not None
    opening = cable.paragraphs[4][:60]
    quote = next(line for line in text.splitlines() if line.startswith("  > We have received"))
    shown = quote.removeprefix("  > ")
    assert shown.endswith("…") and not shown.endswith(" …")
    assert opening.startswith(shown.removesuffix("…"))
    assert cable.paragraphs[4].split()[: len(shown.split())] == shown.removesuffix("…").split()


def test_display_quote_cuts_partial_words_and_strips_spaces(
    documents: dict[str, Document], resolver: PairResolver
) -> None:
    cable = documents["117421"]
    highlight = _quote(resolver, cable, "target", 4, "ceived your cipher message ")
    assert display_quote(highlight) == "…your cipher message"
    whole = _quote(resolver, cable, "target", 4, "cipher message")
    assert display_quote(whole) == "cipher message"


def test_paragraph_numbers_are_one_based_in_markdown(
    documents: dict[str, Document], resolver: PairResolver
) -> None:
    first = _quote(resolver, documents["117421"], "target", 0, "COPY")
    text = to_markdown([first], documents.get, resolver)
    assert "¶ 1 (English translation)" in text and "¶ 0" not in text


LONG_RU = (
    "Товарищу МАО ЦЗЭДУНУ.",
    "Вашу шифровку от 20 июля получили. Мы считаем правильной Вашу точку зрения по вопросу о "
    "перемирии. Теперь можно отложить этот пункт, т.е. не включать его в повестку дня.",
)
LONG_EN = (
    "To Cde. MAO ZEDONG",
    "We have received your cipher message of 20 July. We consider your point of view on the "
    "armistice correct. Now the item can be put off, i.e. not included in the agenda.",
)


def test_markdown_quotes_the_sentence_facing_a_highlight_not_its_paragraph(
    tmp_path: Path,
) -> None:
    resolver = PairResolver(
        CorrectionStore(tmp_path / "data"), AlignmentCache(tmp_path / "alignments")
    )
    document = Document(
        id="900002",
        title="Telegram",
        date="1951-07-21",
        citation="APRF, f. 45",
        texts=(Text("ru", "transcript", LONG_RU), Text("en", "translation", LONG_EN)),
    )
    lookup = {document.id: document}.get
    middle = _quote(resolver, document, "source", 1, "правильной Вашу точку")
    text = to_markdown([middle], lookup, resolver)
    assert "*English, ¶ 2:* We consider your point of view on the armistice correct.\n" in text
    assert "received" not in text and "agenda" not in text
    # A quote over two sentences gets both of their counterparts.
    both = _quote(resolver, document, "target", 1, "armistice correct. Now")
    text = to_markdown([both], lookup, resolver)
    assert "Мы считаем" in text and "повестку дня." in text and "Вашу шифровку" not in text
