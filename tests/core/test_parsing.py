"""The parser against every sample layout, the seeds' exact paragraphs, and hostile input."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.corpus import document_to_json
from reader.core.document import ParseError
from reader.core.encoding import decode_document
from reader.core.layouts import canonical_person, derive_people, read_metadata
from reader.core.paragraphs import blocks, body_segments, rejoin_hyphens
from reader.core.parsing import MAX_FILE_BYTES, parse_date, parse_file, parse_text

PROJECT_DIR = Path(__file__).resolve().parents[2]
CORPUS_DIR = PROJECT_DIR / "corpus"
GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
SAMPLES_DIR = PROJECT_DIR.parent / "shared" / "samples"
WILSON_DIR = SAMPLES_DIR / "wilson"
OTHER_DIR = SAMPLES_DIR / "other-layouts"
MARKERS = {"[...]", "[…]", "[ … ]", "[ ... ]"}


def _golden_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("golden_regenerate", GOLDEN_DIR / "regenerate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GOLDEN = _golden_module()
WILSON_GOLDEN = json.loads((GOLDEN_DIR / "wilson.json").read_text(encoding="utf-8"))


# --- goldens -----------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", ["117421", "113013"])
def test_seed_matches_golden(seed: str) -> None:
    expected = json.loads((GOLDEN_DIR / f"{seed}.json").read_text(encoding="utf-8"))
    assert document_to_json(parse_file(CORPUS_DIR / f"{seed}.txt")) == expected


def test_every_wilson_sample_has_a_golden() -> None:
    assert sorted(WILSON_GOLDEN) == sorted(path.name for path in WILSON_DIR.glob("*.txt"))
    assert len(WILSON_GOLDEN) == 35


@pytest.mark.parametrize("name", sorted(WILSON_GOLDEN))
def test_wilson_sample_matches_golden(name: str) -> None:
    assert GOLDEN.digest(parse_file(WILSON_DIR / name)) == WILSON_GOLDEN[name]


# --- the seeds, exactly as the spec and the aligner need them ----------------------------------

ENGLISH_117421 = [
    "COPY OF AN OUTGOING TELEGRAM",
    "Copy N° 1",
    "CABLE N° 4277",
    "to Cde. MAO ZEDONG",
    "We have received your cipher message of 20 July.",
    "21 July 1951 FILIPPOV",
    "One copy printed - to Cde. Stalin",
    "Printed by Lavreshina 22 July 1951 N° 1238",
    "Authenticated: Major [signature] Chikarev",
    "22 July 1951",
    "[Stamp: SUBJECT TO RETURN to the IV Unit of the OS [Special Department]]",
    "VKP(b) CC Incoming N° 546/2491/shs 22 July 1951]",
]


def test_117421_two_texts_with_fixed_paragraphs() -> None:
    doc = parse_file(CORPUS_DIR / "117421.txt")
    assert doc.transcript is not None and doc.translation is not None
    assert (doc.transcript.language, doc.translation.language) == ("ru", "en")
    russian = doc.transcript.paragraphs
    assert len(russian) == 3
    assert russian[0] == "Товарищу МАО ЦЗЭДУНУ." and russian[2] == "ФИЛИППОВ"
    english = doc.translation.paragraphs
    assert len(english) == 12
    assert english[4].startswith(ENGLISH_117421[4])
    assert [p for i, p in enumerate(english) if i != 4] == ENGLISH_117421[:4] + ENGLISH_117421[5:]


def test_117421_metadata() -> None:
    doc = parse_file(CORPUS_DIR / "117421.txt")
    assert doc.id == "117421"
    assert doc.title == "Cable No. 4277, Filippov [Stalin] to Cde. Mao Zedong"
    assert doc.date == "1951-07-21"
    assert doc.original_language == "Russian"
    assert doc.contents == ("Original Scan", "Transcript - Russian", "Translation - English")
    assert doc.source_url == "https://wilson-center-digital-archive.dvincitest.com/document/117421"
    assert doc.citation is not None and doc.citation.endswith("ll. 92.")


def test_113013_markdown_layout_and_page_break_joins() -> None:
    doc = parse_file(CORPUS_DIR / "113013.txt")
    assert (
        doc.title
        == "Ciphered Telegram No. 25902 from Beijing, Mao Zedong to Cde. Filippov [Stalin]"
    )
    assert doc.date == "1951-11-14"
    assert doc.citation is not None and "\n" not in doc.citation and "  " not in doc.citation
    assert doc.citation.endswith("and RGASPI, f. 558, op. 11, d. 342, ll. 0016-0019.")
    assert [(t.language, t.role) for t in doc.texts] == [("en", "translation")]
    paragraphs = doc.texts[0].paragraphs
    assert paragraphs[0] == "SECOND MAIN ADMINISTRATION OF THE GENERAL STAFF OF THE SOVIET ARMY"
    assert any(p.endswith("This time it also was done with his agreement.") for p in paragraphs)
    assert any("reduction of the bureaucracy, introduction" in p for p in paragraphs)
    assert "agreement." not in paragraphs
    assert paragraphs[-1] == "No. 5631 14.11.51"
    assert not any("**" in p or p.startswith("#") for p in paragraphs)


def test_113013_numbered_list_on_consecutive_lines_is_one_paragraph_per_item() -> None:
    paragraphs = parse_file(CORPUS_DIR / "113013.txt").texts[0].paragraphs
    first = next(i for i, p in enumerate(paragraphs) if p.startswith("1. Convening"))
    assert paragraphs[first - 1].endswith("three variants are possible:")
    items = paragraphs[first : first + 3]
    assert [p[:13] for p in items] == ["1. Convening ", "2. Convening ", "3. Convening "]
    assert items[0].endswith("(It is possible that America will propose this variant.)")
    assert paragraphs[first + 3].startswith("I ask you, proceeding from")


# --- layouts -----------------------------------------------------------------------------------


def test_pdf_export_drops_banner_and_reads_labels() -> None:
    doc = parse_file(WILSON_DIR / "111240.txt")
    first = doc.texts[0].paragraphs[0]
    assert first == '[Classification level blacked out: "NOT SECRET" Stamped]'
    assert doc.contents == ("English Translation", "Scan of Original Document")
    assert all(p != "Digital Archive" for p in doc.texts[0].paragraphs)


def test_web_layout_fields() -> None:
    doc = parse_file(WILSON_DIR / "300638.txt")
    assert doc.date == "1967-11"
    assert doc.original_language == "Japanese"
    assert (
        doc.credits
        == "This document was made possible with support from Chun & Jane Chiu Family Foundation"
    )
    assert doc.summary is not None and doc.summary.startswith("Nakajima Kenzo, a leading figure")
    assert doc.people == (
        "Chiang, Ching-kuo (Jiang Jingguo)",
        "Chiang, Kai-shek (Jiang Jieshi)",
        "Satō, Eisaku",
    )
    assert doc.places == ("Japan", "Taiwan", "China", "United States")
    assert len(doc.subjects) == 5
    assert doc.citation is not None and "Diplomatic Archives of the Ministry" in doc.citation
    paragraphs = doc.texts[0].paragraphs
    assert doc.title not in paragraphs  # the repeated title line is dropped
    assert doc.texts[0].role == "translation"  # English text of a Japanese original


def test_web_layout_footnote_is_a_body_paragraph() -> None:
    doc = parse_file(WILSON_DIR / "300237.txt")
    assert doc.texts[0].paragraphs[-1] == "[1] BArch, B 136/59748, 297-301."
    assert doc.id == "300237"


def test_web_layout_summary_is_the_last_paragraph_only() -> None:
    doc = parse_file(WILSON_DIR / "300647.txt")
    assert doc.summary is not None and doc.summary.startswith("Aiken’s speech invoked")
    assert doc.texts[0].paragraphs[-1].startswith("Aiken’s first step")


def test_bare_transcript() -> None:
    doc = parse_file(WILSON_DIR / "110404.txt")
    assert doc.id == "110404" and doc.date is None and doc.original_language is None
    assert [(t.language, t.role) for t in doc.texts] == [("ru", "transcript")]
    assert len(doc.title) <= 80 and doc.title.endswith("…")
    assert doc.title.startswith("По указанию министра")


@pytest.mark.parametrize("path", sorted(OTHER_DIR.glob("*.txt")), ids=lambda p: p.name)
def test_other_layouts_degrade_to_bare_text_titled_by_title_label(path: Path) -> None:
    doc = parse_file(path)
    label = next(
        line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("Title:")
    )
    assert doc.title == label.removeprefix("Title:").strip()
    assert [(t.language, t.role) for t in doc.texts] == [("en", "transcript")]
    assert all(
        not p.startswith(("Title:", "Author:", "Description:")) for p in doc.texts[0].paragraphs
    )


def test_other_layout_date_is_read_when_it_leads_the_date_label() -> None:
    assert parse_file(OTHER_DIR / "liu-shaoqi-stalin-1949-07-27.txt").date == "1949-07-27"


# --- paragraphs, markers, markup ---------------------------------------------------------------

HEADER = (
    "July 21, 1951\n\n**A Title**\n\nOriginal Language:\n\nRussian\n\n"
    "Contents:\n\nTranscript - Russian\n\nTranslation - English\n\n"
)


def test_markup_in_body_stays_literal() -> None:
    text = (
        HEADER
        + '[...]\n\nThe agent wrote <script>alert(1)</script> and <img src="http://x"> here.\n'
    )
    doc = parse_text(text, Path("1.txt"))
    assert doc.texts[0].paragraphs == (
        'The agent wrote <script>alert(1)</script> and <img src="http://x"> here.',
    )


def test_adjacent_segments_of_one_language_are_one_text() -> None:
    text = (
        HEADER
        + "[...]\n\nПервый абзац текста.\n\n[…]\n\nВторой абзац текста.\n\n"
        + "[ … ]\n\nThe English text here.\n"
    )
    doc = parse_text(text, Path("1.txt"))
    assert [(t.language, t.role, len(t.paragraphs)) for t in doc.texts] == [
        ("ru", "transcript", 2),
        ("en", "translation", 1),
    ]


def test_star_separator_is_dropped_not_a_paragraph() -> None:
    doc = parse_text(
        "A first paragraph of prose.\n\n***\n\nA second paragraph of prose.\n", Path("7.txt")
    )
    assert doc.texts[0].paragraphs == (
        "A first paragraph of prose.",
        "A second paragraph of prose.",
    )


def test_short_lines_do_not_join_but_prose_does() -> None:
    text = (
        "Copies: Stalin\n\nto Cde. Mao\n\n"
        "The long sentence of prose that breaks at the page\n\nend of the page.\n"
    )
    doc = parse_text(text, Path("7.txt"))
    assert doc.texts[0].paragraphs == (
        "Copies: Stalin",
        "to Cde. Mao",
        "The long sentence of prose that breaks at the page end of the page.",
    )


@pytest.mark.parametrize(
    "items",
    [
        ["1. First point of the plan.", "2. Second point of the plan.", "3. Third point."],
        ["1) First point of the plan.", "2) Second point of the plan."],
        ["a) economic policy in the USSR", "b) the structure of the ministry"],
        ["(a) economic policy in the USSR", "(b) the structure of the ministry"],
        ["I. Economic questions.", "II. Military questions.", "III. Other questions."],
        ["iv. Economic questions.", "v. Military questions."],
        ["- economic policy in the USSR", "- the structure of the ministry"],
        ["• economic policy in the USSR", "• the structure of the ministry"],
        ["а) экономическая политика СССР", "б) структура министерства"],
    ],
)
def test_list_on_consecutive_lines_is_one_paragraph_per_item(items: list[str]) -> None:
    text = "Three variants are possible:\n" + "\n".join(items) + "\n\nI ask you to choose.\n"
    paragraphs = parse_text(text, Path("7.txt")).texts[0].paragraphs
    assert paragraphs == ("Three variants are possible:", *items, "I ask you to choose.")


def test_list_item_keeps_its_wrapped_lines() -> None:
    text = (
        "1. Convening a conference of political representatives\n"
        "of both sides which are presently conducting negotiations.\n"
        "2. Convening a conference of four states.\n"
    )
    assert parse_text(text, Path("7.txt")).texts[0].paragraphs == (
        "1. Convening a conference of political representatives"
        " of both sides which are presently conducting negotiations.",
        "2. Convening a conference of four states.",
    )


@pytest.mark.parametrize(
    "lines",
    [
        # prose wrapped so that one line starts with a number and a full stop
        ["The exchange of prisoners will be by the ratio of 2 to", "1. This we cannot accept."],
        # initials of a name at the start of a line
        ["The telegram was signed by Cde.", "I. V. Stalin and sent the same day."],
        # a dash that ends a wrapped sentence of prose
        ["The delegation agreed with the proposal", "- with the exception of point four."],
    ],
)
def test_single_list_marker_line_inside_prose_does_not_split(lines: list[str]) -> None:
    paragraphs = parse_text("\n".join(lines) + "\n", Path("7.txt")).texts[0].paragraphs
    assert paragraphs == (" ".join(lines),)


def test_list_item_in_lower_case_is_not_joined() -> None:
    text = "- The structure of the ministry and its departments\n\nb) economic policy in the USSR\n"
    assert len(parse_text(text, Path("7.txt")).texts[0].paragraphs) == 2


# --- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("July 21, 1951", "1951-07-21"),
        ("February 03, 1949", "1949-02-03"),
        ("November 1967", "1967-11"),
        ("1967", "1967"),
        ("27 July 1949", "1949-07-27"),
        ("Sept. 4, 1958", "1958-09-04"),
        ("February 30, 1949", None),
        ("Circa 1950", None),
        ("Digital Archive", None),
    ],
)
def test_parse_date(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "... !!! ??? --- 123 456 (789) [...]\n\n---\n",
        '{"id": 1, "x": [1, 2, 3], "y": {"z": null}}',
        "<div><span></span><br/></div><p>1</p>",
        "[...]\n\n[…]\n",
    ],
)
def test_no_readable_text(text: str) -> None:
    with pytest.raises(ParseError, match="no readable text found"):
        parse_text(text, Path("noise.txt"))


def test_file_errors_name_the_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(ParseError, match=r"^empty\.txt: the file is empty$"):
        parse_file(empty)
    with pytest.raises(ParseError, match=r"^missing\.txt: no such file$"):
        parse_file(tmp_path / "missing.txt")
    with pytest.raises(ParseError, match="a folder"):
        parse_file(tmp_path)


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:  # sparse: costs no disk
        handle.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(ParseError, match="too large"):
        parse_file(huge)


def test_parsing_never_writes(tmp_path: Path) -> None:
    path = tmp_path / "117421.txt"
    data = (CORPUS_DIR / "117421.txt").read_bytes()
    path.write_bytes(data)
    before = path.stat().st_mtime_ns
    parse_file(path)
    assert path.read_bytes() == data and path.stat().st_mtime_ns == before
    assert sorted(tmp_path.iterdir()) == [path]


# --- property ----------------------------------------------------------------------------------

_LINES = st.sampled_from(
    ["[...]", "[…]", "***", "**", "## x", "", "Citation:", "Contents:", "July 21, 1951", "Title: t",
     "Associated Places", "Document Information", "Language", "[", "(", "Ы", "text words here"]
)  # fmt: skip
_TEXT = st.one_of(st.text(), st.lists(st.one_of(_LINES, st.text(max_size=30))).map("\n".join))


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_parse_text_only_raises_parse_error_and_paragraphs_are_clean(text: str) -> None:
    try:
        doc = parse_text(text, Path("fuzz.txt"))
    except ParseError:
        return
    assert doc.texts
    for version in doc.texts:
        assert version.paragraphs
        for paragraph in version.paragraphs:
            assert paragraph.strip() == paragraph and paragraph
            assert paragraph not in MARKERS


# --- people from the title, the citation and Cde. forms (issue 12.7) ----------------------------


_WILSON = sorted(WILSON_DIR.glob("*.txt")) if WILSON_DIR.is_dir() else []
_CORPUS = sorted(CORPUS_DIR.glob("*.txt"))


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Filippov [Stalin]", "Stalin, Joseph"),
        ("FILIPPOV", "Stalin, Joseph"),
        ("Fyn Si", "Stalin, Joseph"),
        ("I.V. Stalin", "Stalin, Joseph"),
        ("Mao Zedong", "Mao, Zedong"),
        ("MAO ZEDONG", "Mao, Zedong"),
        ("Mao Tse-tung", "Mao, Zedong"),
        ("Zhou Enlai", "Zhou, Enlai"),
        ("Kim Il Sung", "Kim, Il Sung"),
        ("Anastas Mikoyan", "Mikoyan, Anastas"),
        ("Andreev [Mikoyan]", "Mikoyan, Anastas"),
        ("Thomas J. Kieran", "Kieran, Thomas J."),
        ("Helmut Kohl's", "Kohl, Helmut"),
        ("Kovalev", "Kovalev"),
        ("the CCP Central Committee", None),
        ("All Provincial Premiers", None),
    ],
)
def test_names_are_put_in_surname_given_form(written: str, canonical: str | None) -> None:
    assert canonical_person(written) == canonical


@pytest.mark.parametrize(
    ("title", "people"),
    [
        ("Cable No. 4277, Filippov [Stalin] to Cde. Mao Zedong", {"Stalin, Joseph", "Mao, Zedong"}),
        ("Cable, Terebin to Stalin [via Kuznetsov]", {"Terebin", "Stalin, Joseph", "Kuznetsov"}),
        (
            "Ciphered Telegram No. 25902 from Beijing, Mao Zedong to Cde. Filippov [Stalin]",
            {"Mao, Zedong", "Stalin, Joseph"},
        ),
        (
            "Record of Conversation between I.V. Stalin and Chairman of the Central People's "
            "Government of the People's Republic of China Mao Zedong on 16 December 1949",
            {"Stalin, Joseph", "Mao, Zedong"},
        ),
        (
            "Record of Conversation between Soviet Ambassador in China Apollon Petrov and Mao "
            "Zedong, Zhou Enlai and Wang Ruofei",
            {"Petrov, Apollon", "Mao, Zedong", "Zhou, Enlai", "Wang, Ruofei"},
        ),
        (
            "Report, Peng Dehuai to Mao Zedong and the CCP Central Committee (Excerpt)",
            {"Peng, Dehuai", "Mao, Zedong"},
        ),
        ("Letter, Jawaharlal Nehru to All Provincial Premiers", {"Nehru, Jawaharlal"}),
        ("Anastas Mikoyan’s Recollections of his Trip to China", {"Mikoyan, Anastas"}),
        (
            "The Chancellor's [Helmut Kohl's] Meeting with British PM Blair on 20 October 1997",
            {"Kohl, Helmut", "Blair"},
        ),
        ("Democratic Parties and Groups in the Preparatory Committee", set()),
    ],
)
def test_title_names_sender_recipient_and_parties(title: str, people: set[str]) -> None:
    assert set(derive_people(title, None, [])) == people


def test_layout_people_come_first_and_are_not_repeated() -> None:
    listed = ["Yeltsin, Boris", "Satō, Eisaku"]
    title = "Meeting with Russian President Yeltsin and Prime Minister Sato"
    assert derive_people(title, None, [], listed) == ("Yeltsin, Boris", "Satō, Eisaku")


def test_cde_and_tovarishch_forms_in_the_texts_name_people() -> None:
    paragraphs = ["Comrade FILIPPOV [Stalin]!", "Товарищу МАО ЦЗЭДУНУ.", "Cde. Zhu De said: no."]
    assert derive_people("", None, paragraphs) == ("Stalin, Joseph", "Mao, Zedong", "Zhu, De")


@pytest.mark.parametrize("path", _CORPUS + _WILSON, ids=lambda path: path.name)
def test_every_sample_keeps_its_listed_people_and_names_no_junk(path: Path) -> None:
    document = parse_file(path)
    folded = [person.casefold() for person in document.people]
    assert len(folded) == len(set(folded))
    for person in document.people:
        assert person == person.strip() and person[:1].isupper(), person
        assert not person.casefold().startswith(("the ", "all ", "cc", "ccp")), person
    layout = parse_text_people(path)
    assert document.people[: len(layout)] == layout


def parse_text_people(path: Path) -> tuple[str, ...]:
    """The layout's own "Associated People" list, read without the derivation."""
    fields, _ = read_metadata(blocks(decode_document(path.read_bytes(), path)))
    return tuple(fields.lists.get("people", ()))


@pytest.mark.skipif(not _WILSON, reason="../shared samples not present")
def test_stalin_mao_cables_name_both_in_every_layout() -> None:
    for name in ("113353.txt", "113377.txt", "113379.txt", "113789.txt"):
        people = parse_file(WILSON_DIR / name).people
        assert {"Stalin, Joseph", "Mao, Zedong"} <= set(people), name
    for seed in ("117421", "113013"):
        people = parse_file(CORPUS_DIR / f"{seed}.txt").people
        assert {"Stalin, Joseph", "Mao, Zedong"} <= set(people), seed


# --- PDF extraction artifacts (issue 12.17) ------------------------------------------------------


@pytest.mark.parametrize(
    ("extracted", "rejoined"),
    [
        ("Chiang Kai- shek's troops", "Chiang Kai-shek's troops"),
        ("the Soviet- American talks", "the Soviet-American talks"),
        ("Commander-in- Chief", "Commander-in-Chief"),
        ("Китай-ской Народной Республики", "Китайской Народной Республики"),
        ("Китай- ской Народной", "Китайской Народной"),
        ("Советско- Американский", "Советско-Американский"),
        # Real hyphens stay:
        ("Soviet-American", "Soviet-American"),
        ("pro- and anti-Soviet", "pro- and anti-Soviet"),
        ("лево- и правоцентристы", "лево- и правоцентристы"),
        ("по-прежнему", "по-прежнему"),
        ("Народно-освободительной", "Народно-освободительной"),
        ("кто-то", "кто-то"),
        ("Мао Цзэ-дун", "Мао Цзэ-дун"),
        ("1991- 1992", "1991- 1992"),
    ],
)
def test_hyphenated_line_breaks_are_rejoined(extracted: str, rejoined: str) -> None:
    assert rejoin_hyphens(extracted) == rejoined


def test_parser_rejoins_broken_words_in_paragraphs_and_titles(tmp_path: Path) -> None:
    path = tmp_path / "1.txt"
    path.write_text(
        "July 21, 1951\n**Cable on Chiang Kai-\nshek**\n\n"
        "Генерал Чан Кай-ши и правительство Китай-\nской Республики встретились сегодня.\n",
        encoding="utf-8",
    )
    document = parse_file(path)
    assert document.title == "Cable on Chiang Kai-shek"
    assert (
        document.texts[0].paragraphs[0].startswith("Генерал Чан Кай-ши и правительство Китайской")
    )


@pytest.mark.skipif(not _WILSON, reason="../shared samples not present")
def test_samples_keep_no_broken_words() -> None:
    broken = re.compile(r"[^\W\d_]- [^\W\d_]")
    for name in ("122808.txt", "112436.txt", "300647.txt"):
        for text in parse_file(WILSON_DIR / name).texts:
            for paragraph in text.paragraphs:
                assert not broken.search(paragraph.replace("pro- and", "")), (name, paragraph)
    russian = parse_file(WILSON_DIR / "110404.txt").texts[0]
    assert any("Китайской Народной" in p for p in russian.paragraphs)


def test_heading_split_mid_phrase_is_joined_but_address_lines_stay_apart() -> None:
    segments = body_segments(
        [
            ["Friday, 19 September, 1958,"],
            ["at 4.45 p.m."],
            ["Record of"],
            ["the meeting"],
            ["CABLE N° 4277"],
            ["to Cde. MAO ZEDONG"],
        ]
    )
    assert segments == [
        [
            "Friday, 19 September, 1958, at 4.45 p.m.",
            "Record of the meeting",
            "CABLE N° 4277",
            "to Cde. MAO ZEDONG",
        ]
    ]
