"""Citations for reference managers: fields parsed from the archive's citation, and each writer."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import bibtexparser
import pytest
import rispy

from reader.core.citations import (
    FORMATS,
    Holding,
    citation_fields,
    format_citations,
    parse_holdings,
    to_bibtex,
    to_chicago_note,
    to_csl_json,
    to_ris,
)
from reader.core.corpus import load_paths
from reader.core.document import Document

PROJECT_DIR = Path(__file__).resolve().parents[2]
WILSON_DIR = PROJECT_DIR.parent / "shared" / "samples" / "wilson"
ACCESSED = dt.date(2025, 1, 31)


def _load(path: Path) -> Document:
    if not path.is_file():
        pytest.skip(f"sample {path.name} is not here")
    return load_paths([path]).documents[0]


@pytest.fixture
def cable() -> Document:
    return _load(PROJECT_DIR / "corpus" / "117421.txt")


CABLE_URL = "https://wilson-center-digital-archive.dvincitest.com/document/117421"
CABLE_TITLE = "Cable No. 4277, Filippov [Stalin] to Cde. Mao Zedong"


def test_cable_ris(cable: Document) -> None:
    assert to_ris(cable, accessed=ACCESSED) == (
        "TY  - MANSCPT\n"
        f"TI  - {CABLE_TITLE}\n"
        "DA  - 1951/07/21/\n"
        "PY  - 1951\n"
        "DB  - APRF\n"
        "AN  - f. 45, op. 1, d. 340, ll. 92\n"
        "DP  - Wilson Center Digital Archive\n"
        f"UR  - {CABLE_URL}\n"
        "Y2  - 2025/01/31/\n"
        "ER  - \n"
    )


def test_cable_ris_reads_back(cable: Document) -> None:
    (entry,) = rispy.loads(to_ris(cable, accessed=ACCESSED))
    assert entry["type_of_reference"] == "MANSCPT"
    assert entry["title"] == CABLE_TITLE
    assert entry["name_of_database"] == "APRF"  # DB: Zotero's "Archive"
    assert entry["accession_number"] == "f. 45, op. 1, d. 340, ll. 92"  # AN: "Loc. in Archive"
    assert entry["urls"] == [CABLE_URL]


def test_cable_bibtex(cable: Document) -> None:
    assert to_bibtex(cable, accessed=ACCESSED) == (
        "@unpublished{wcda:117421,\n"
        f"  title = {{{CABLE_TITLE}}},\n"
        "  date = {1951-07-21},\n"
        "  year = {1951},\n"
        "  howpublished = {Wilson Center Digital Archive},\n"
        "  note = {APRF, f. 45, op. 1, d. 340, ll. 92},\n"
        f"  url = {{{CABLE_URL}}},\n"
        "  urldate = {2025-01-31},\n"
        "}\n"
    )


def _read_bibtex(text: str) -> dict[str, str]:
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    (entry,) = library.entries
    assert entry.entry_type == "unpublished"
    return {"key": entry.key} | {field.key: field.value for field in entry.fields}


def test_cable_bibtex_reads_back(cable: Document) -> None:
    fields = _read_bibtex(to_bibtex(cable, accessed=ACCESSED))
    assert fields["key"] == "wcda:117421"
    assert fields["title"] == CABLE_TITLE
    assert fields["date"] == "1951-07-21" and fields["year"] == "1951"
    assert fields["url"] == CABLE_URL
    assert fields["note"] == "APRF, f. 45, op. 1, d. 340, ll. 92"


def test_cable_csl_json(cable: Document) -> None:
    assert to_csl_json(cable, accessed=ACCESSED) == {
        "id": "117421",
        "type": "manuscript",
        "title": CABLE_TITLE,
        "issued": {"date-parts": [[1951, 7, 21]]},
        "archive": "APRF",
        "archive_location": "f. 45, op. 1, d. 340, ll. 92",
        "source": "Wilson Center Digital Archive",
        "URL": CABLE_URL,
        "accessed": {"date-parts": [[2025, 1, 31]]},
    }


def test_cable_chicago(cable: Document) -> None:
    assert to_chicago_note(cable) == (
        f"“{CABLE_TITLE},” July 21, 1951, APRF, f. 45, op. 1, d. 340, ll. 92, "
        f"Wilson Center Digital Archive, {CABLE_URL}."
    )


def test_web_page_layout_sample() -> None:
    """300237 is a saved web page: its citation comes from "Source" and "Original Archive"."""
    document = _load(WILSON_DIR / "300237.txt")
    url = "https://digitalarchive.wilsoncenter.org/document/300237"
    title = (
        "The Chancellor's [Helmut Kohl's] Telephone Conversation with Polish President "
        "Kwasniewski on Thursday, 12 September 1996, 9.30 hours"
    )
    assert to_ris(document, accessed=ACCESSED) == (
        f"TY  - MANSCPT\nTI  - {title}\nDA  - 1996/09/12/\nPY  - 1996\n"
        "DB  - German Federal Archives (BArch)\nAN  - B 136/59748, 297-301\n"
        f"DP  - Wilson Center Digital Archive\nUR  - {url}\nY2  - 2025/01/31/\nER  - \n"
    )
    assert to_bibtex(document, accessed=ACCESSED) == (
        "@unpublished{wcda:300237,\n"
        f"  title = {{{title}}},\n"
        "  date = {1996-09-12},\n"
        "  year = {1996},\n"
        "  howpublished = {Wilson Center Digital Archive},\n"
        "  note = {German Federal Archives (BArch), B 136/59748, 297-301},\n"
        f"  url = {{{url}}},\n"
        "  urldate = {2025-01-31},\n"
        "}\n"
    )
    assert _read_bibtex(to_bibtex(document))["title"] == title
    assert to_csl_json(document, accessed=ACCESSED) == {
        "id": "300237",
        "type": "manuscript",
        "title": title,
        "issued": {"date-parts": [[1996, 9, 12]]},
        "archive": "German Federal Archives (BArch)",
        "archive_location": "B 136/59748, 297-301",
        "source": "Wilson Center Digital Archive",
        "URL": url,
        "accessed": {"date-parts": [[2025, 1, 31]]},
    }
    assert to_chicago_note(document) == (
        f"“{title},” September 12, 1996, German Federal Archives (BArch), B 136/59748, 297-301, "
        f"Wilson Center Digital Archive, {url}."
    )


def test_pdf_export_sample() -> None:
    """111240 spells the units out ("fond (f.) 45") under the archive's older name."""
    document = _load(WILSON_DIR / "111240.txt")
    url = "http://digitalarchive.wilsoncenter.org/document/111240"
    title = (
        "Record of Conversation between I.V. Stalin and Chairman of the Central People's "
        "Government of the People's Republic of China Mao Zedong on 16 December 1949"
    )
    archive = "Archive of the President, Russian Federation (APRF)"
    location = "f. 45, op. 1, d. 329, ll. 9-17"
    assert to_ris(document, accessed=ACCESSED) == (
        f"TY  - MANSCPT\nTI  - {title}\nDA  - 1949/12/16/\nPY  - 1949\n"
        f"DB  - {archive}\nAN  - {location}\n"
        f"DP  - Wilson Center Digital Archive\nUR  - {url}\nY2  - 2025/01/31/\nER  - \n"
    )
    assert to_bibtex(document, accessed=ACCESSED) == (
        "@unpublished{wcda:111240,\n"
        f"  title = {{{title}}},\n"
        "  date = {1949-12-16},\n"
        "  year = {1949},\n"
        "  howpublished = {Wilson Center Digital Archive},\n"
        f"  note = {{{archive}, {location}}},\n"
        f"  url = {{{url}}},\n"
        "  urldate = {2025-01-31},\n"
        "}\n"
    )
    assert _read_bibtex(to_bibtex(document))["note"] == f"{archive}, {location}"
    item = to_csl_json(document, accessed=ACCESSED)
    assert (item["archive"], item["archive_location"]) == (archive, location)
    assert item["issued"] == {"date-parts": [[1949, 12, 16]]}
    assert item["source"] == "Wilson Center Digital Archive"  # not its old name
    assert to_chicago_note(document) == (
        f"“{title},” December 16, 1949, {archive}, {location}, Wilson Center Digital Archive, {url}."
    )


def _document(**fields: object) -> Document:
    values: dict[str, object] = {"id": "x1", "title": "Note on the Harvest"} | fields
    return Document(**values)  # type: ignore[arg-type]


def test_year_only_date() -> None:
    document = _document(
        date="1967",
        citation='"Note on the Harvest", 1967, Wilson Center Digital Archive, RGANI, f. 5, '
        "op. 30, d. 1, l. 3.",
        source_url="https://digitalarchive.wilsoncenter.org/document/1",
    )
    assert to_csl_json(document, accessed=ACCESSED)["issued"] == {"date-parts": [[1967]]}
    ris = to_ris(document, accessed=ACCESSED)
    assert "DA  - 1967///\nPY  - 1967\n" in ris
    assert rispy.loads(ris)[0]["year"] == "1967"
    bibtex = _read_bibtex(to_bibtex(document))
    assert (bibtex["date"], bibtex["year"]) == ("1967", "1967")
    assert to_chicago_note(document) == (
        "“Note on the Harvest,” 1967, RGANI, f. 5, op. 30, d. 1, l. 3, "
        "Wilson Center Digital Archive, https://digitalarchive.wilsoncenter.org/document/1."
    )


def test_month_only_date() -> None:
    document = _load(WILSON_DIR / "300638.txt")
    assert to_csl_json(document)["issued"] == {"date-parts": [[1967, 11]]}
    assert "DA  - 1967/11//\n" in to_ris(document)
    assert ",” November 1967, Diplomatic Archives of the Ministry" in to_chicago_note(document)


def test_no_citation_date_or_url() -> None:
    document = _document()
    assert to_ris(document, accessed=ACCESSED) == (
        "TY  - MANSCPT\nTI  - Note on the Harvest\nDP  - Wilson Center Digital Archive\nER  - \n"
    )
    assert to_csl_json(document, accessed=ACCESSED) == {
        "id": "x1",
        "type": "manuscript",
        "title": "Note on the Harvest",
        "source": "Wilson Center Digital Archive",
    }
    assert to_bibtex(document) == (
        "@unpublished{wcda:x1,\n  title = {Note on the Harvest},\n"
        "  howpublished = {Wilson Center Digital Archive},\n}\n"
    )
    assert set(_read_bibtex(to_bibtex(document))) == {"key", "title", "howpublished"}
    assert (
        to_chicago_note(document) == "“Note on the Harvest,” n.d., Wilson Center Digital Archive."
    )


def test_sample_without_citation() -> None:
    document = _load(WILSON_DIR / "110404.txt")
    assert document.citation is None and document.source_url is None
    assert to_chicago_note(document).endswith(",” n.d., Wilson Center Digital Archive.")
    assert "AN  -" not in to_ris(document) and "UR  -" not in to_ris(document)


@pytest.mark.parametrize(
    ("citation", "expected"),
    [
        (
            '"T", July 21, 1951, Wilson Center Digital Archive, APRF, f. 45, op. 1, d. 340, ll. 92.',
            (Holding("APRF", "f. 45, op. 1, d. 340, ll. 92"),),
        ),
        (  # Russian abbreviations stay Russian
            "«Т», 1951, Wilson Center Digital Archive, АП РФ, ф. 45, оп. 1, д. 340, л. 92.",
            (Holding("АП РФ", "ф. 45, оп. 1, д. 340, л. 92"),),
        ),
        (  # capitals, a colon, the ranges of sheets
            "“T,” 1949, History and Public Policy Program Digital Archive, APRF: F. 39, Op. 1, "
            "D. 31, Ll. 54-58. Reprinted in Andrei Ledovskii (Moscow, 2005), pp. 11-14.",
            (Holding("APRF", "f. 39, op. 1, d. 31, ll. 54-58"),),
        ),
        (  # spelt out, with a papka
            "“T,” 1945, History and Public Policy Program Digital Archive, AVPRF: fond 0100, "
            "opis 40, delo 7, papka 248, listy 120-123. Translated by Sergey Radchenko.",
            (Holding("AVPRF", "f. 0100, op. 40, d. 7, p. 248, ll. 120-123"),),
        ),
        (  # two archives
            '"T", 1951, Wilson Center Digital Archive, APRF, f. 45, op. 1, d. 342, ll. 16-19, '
            "and RGASPI, f. 558, op. 11, d. 342, ll. 0016-0019.",
            (
                Holding("APRF", "f. 45, op. 1, d. 342, ll. 16-19"),
                Holding("RGASPI", "f. 558, op. 11, d. 342, ll. 0016-0019"),
            ),
        ),
        (  # another archive's shelf mark, and its full name given at the end
            "“T,” 1996, Wilson Center Digital Archive, BArch, B 136/59748, 297-301. Contributed "
            "by Stephan Kieninger. Original archive: German Federal Archives (BArch).",
            (Holding("German Federal Archives (BArch)", "B 136/59748, 297-301"),),
        ),
        (  # "File No." is not the end of a sentence
            "“T,” 1949, Wilson Center Digital Archive, Nehru Memorial Museum and Library, File No. "
            "JNSG, vol. 21-1. Original archive: Nehru Memorial Museum and Library (NMML).",
            (Holding("Nehru Memorial Museum and Library (NMML)", "File No. JNSG, vol. 21-1"),),
        ),
        (
            "“T,” 1957, Wilson Center Digital Archive, National Archives of Ireland, Department of "
            'Foreign Affairs/5/313/3D, published in "Documents on Irish Foreign Policy," Volume XI.',
            (Holding("National Archives of Ireland", "Department of Foreign Affairs/5/313/3D"),),
        ),
        ("“T,” 1958, Wilson Center Digital Archive, Provided to the Archive by S. Mikoyan.", ()),
        ("no source named here", ()),
    ],
)
def test_holdings(citation: str, expected: tuple[Holding, ...]) -> None:
    assert parse_holdings(citation)[0] == expected


def test_published_source_is_a_note() -> None:
    document = _document(
        date="1958-06-05",
        citation="“T,” June 05, 1958, History and Public Policy Program Digital Archive, Mao "
        "Zedong waijiao wenxuan (Beijing: Zhongyang wenxian chubanshe, 1994), 634.",
    )
    fields = citation_fields(document)
    assert fields.archive is None
    assert (
        fields.published_source
        == "Mao Zedong waijiao wenxuan (Beijing: Zhongyang wenxian chubanshe, 1994), 634"
    )
    assert "archive" not in to_csl_json(document)
    assert to_csl_json(document)["note"].startswith("Original source: Mao Zedong")
    assert to_chicago_note(document) == (
        "“Note on the Harvest,” June 5, 1958, Mao Zedong waijiao wenxuan (Beijing: Zhongyang "
        "wenxian chubanshe, 1994), 634, Wilson Center Digital Archive."
    )


def test_second_archive_goes_to_the_note() -> None:
    document = _load(PROJECT_DIR / "corpus" / "113013.txt")
    item = to_csl_json(document)
    assert (item["archive"], item["archive_location"]) == (
        "APRF",
        "f. 45, op. 1, d. 342, ll. 16-19",
    )
    assert item["note"] == "Also held at RGASPI, f. 558, op. 11, d. 342, ll. 0016-0019."
    assert "N1  - Also held at RGASPI" in to_ris(document)
    assert ", ll. 16-19, and RGASPI, f. 558," in to_chicago_note(document)


def test_bibtex_escapes_special_characters() -> None:
    title = "Costs & {budget} 100% #1 of $5 a_b ~x ^y \\z"
    document = _document(title=title, source_url="https://example.org/a%20b#c")
    text = to_bibtex(document, accessed=ACCESSED)
    assert r"Costs \& \{budget\} 100\% \#1 of \$5 a\_b \textasciitilde{}x" in text
    fields = _read_bibtex(text)
    assert fields["title"].startswith(r"Costs \& \{budget\}")  # one balanced field
    assert fields["url"] == "https://example.org/a%2520b%23c"


def test_ris_values_stay_on_one_line() -> None:
    document = _document(title="Line one\nTY  - JOUR\r\nline\u2028three\x1b]0;x\x07")
    text = to_ris(document)
    assert text.count("TY  - ") == 1
    assert "TI  - Line one TY - JOUR line three]0;x\n" in text
    assert len(rispy.loads(text)) == 1


def test_invalid_dates_are_left_out() -> None:
    for date in ("1951-13-01", "July 1951", ""):
        assert "issued" not in to_csl_json(_document(date=date))


def test_access_date_defaults_to_today() -> None:
    document = _document(source_url="https://example.org/1")
    today = dt.date.today()
    assert to_csl_json(document)["accessed"] == {
        "date-parts": [[today.year, today.month, today.day]]
    }


def test_several_records(cable: Document) -> None:
    other = _document()
    items = json.loads(format_citations([cable, other], "csl-json", accessed=ACCESSED))
    assert [item["id"] for item in items] == ["117421", "x1"]
    assert all(item["type"] == "manuscript" for item in items)
    assert len(rispy.loads(format_citations([cable, other], "ris"))) == 2
    assert len(bibtexparser.parse_string(format_citations([cable, other], "bibtex")).entries) == 2
    assert format_citations([cable, other], "chicago").count("\n") == 2
    assert FORMATS == ("ris", "bibtex", "csl-json", "chicago")
