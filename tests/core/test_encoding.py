"""Every encoding an archive export comes in decodes to the same text and the same Document."""

from __future__ import annotations

import codecs
import os
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.document import ParseError
from reader.core.encoding import decode_document, looks_mis_decoded, repair_mojibake
from reader.core.parsing import parse_file

CORPUS_DIR = Path(__file__).resolve().parents[2] / "corpus"
SEED = CORPUS_DIR / "117421.txt"
WILSON_DIR = Path(__file__).resolve().parents[3] / "shared" / "samples" / "wilson"


def _seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


VARIANTS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8-sig": lambda text: text.encode("utf-8-sig"),
    "utf-16 with BOM": lambda text: text.encode("utf-16"),
    "utf-16-be with BOM": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf-16-le without BOM": lambda text: text.encode("utf-16-le"),
    "utf-16-be without BOM": lambda text: text.encode("utf-16-be"),
    "cp1251": lambda text: text.encode("cp1251"),
    "koi8-r": lambda text: text.encode("koi8_r"),
    "crlf": lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    "cr": lambda text: text.replace("\n", "\r").encode("utf-8"),
    "cp1251 crlf": lambda text: text.replace("\n", "\r\n").encode("cp1251"),
}


@pytest.mark.parametrize("variant", VARIANTS)
def test_seed_in_every_encoding_gives_the_same_document(variant: str, tmp_path: Path) -> None:
    # The seed's "N°" exists in both cp1251 and KOI8-R, so no substitution is needed.
    path = tmp_path / "117421.txt"
    path.write_bytes(VARIANTS[variant](_seed_text()))
    expected = parse_file(SEED)
    assert replace(parse_file(path), path=None) == replace(expected, path=None)


@pytest.mark.parametrize("codec", ["cp1251", "koi8_r"])
def test_russian_only_text_is_told_apart(codec: str) -> None:
    # «» are not in KOI8-R: substitute before encoding and compare with the same substitution.
    text = (WILSON_DIR / "110404.txt").read_text(encoding="utf-8")
    text = text.replace("«", '"').replace("»", '"')
    assert decode_document(text.encode(codec), Path("110404.txt")) == text


@pytest.mark.parametrize("codec", ["cp1251", "koi8_r"])
def test_all_capitals_telegram_is_told_apart(codec: str) -> None:
    text = (
        "ТОВАРИЩУ МАО ЦЗЭДУНУ. ВАШУ ШИФРОВКУ ОТ 20 ИЮЛЯ ПОЛУЧИЛИ. МЫ СЧИТАЕМ ПРАВИЛЬНОЙ ВАШУ ТОЧКУ"
    )
    assert decode_document(text.encode(codec), Path("x.txt")) == text


def test_western_single_byte_text_is_not_taken_for_russian() -> None:
    text = "Im März wurde über die Größe der Straße gesprochen. Äußerst schön."
    assert decode_document(text.encode("cp1252"), Path("x.txt")) == text


def test_bom_is_stripped_and_line_ends_normalised() -> None:
    decoded = decode_document(codecs.BOM_UTF8 + b"one\r\ntwo\rthree\n", Path("x.txt"))
    assert decoded == "one\ntwo\nthree\n"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "the file is empty"),
        (b"  \n\r\n ", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n" + os.urandom(2048), "binary data, not a text document"),
        (bytes(range(32)) * 20, "binary data, not a text document"),
    ],
)
def test_bad_bytes_raise_parse_error_naming_file(data: bytes, reason: str) -> None:
    with pytest.raises(ParseError) as caught:
        decode_document(data, Path("bad.txt"))
    assert caught.value.reason == reason
    assert str(caught.value).startswith("bad.txt: ")


def test_broken_utf16_with_bom_is_undecodable() -> None:
    with pytest.raises(ParseError, match="could not be recognised"):
        decode_document(codecs.BOM_UTF16_LE + "text".encode("utf-16-le") + b"\x00\xd8", Path("x"))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_raise_only_parse_error(data: bytes) -> None:
    try:
        text = decode_document(data, Path("fuzz.bin"))
    except ParseError:
        return
    assert "\r" not in text and not text.startswith("\ufeff")


# --- documents from older systems (issue 13) ----------------------------------------------------

OLD_CODECS = ("cp866", "iso8859_5", "mac_cyrillic", "cp1251", "koi8_r")
_ALL_FILES = sorted(CORPUS_DIR.glob("*.txt")) + sorted(WILSON_DIR.glob("*.txt"))
# What a DOS or Mac export of typographic punctuation that its code page lacks looks like.
_ASCII_FOR = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "…": "..."})


def _representable(text: str, codec: str) -> str:
    """``text`` as an export in ``codec`` would hold it: missing characters spelled in ASCII."""
    return "".join(
        char
        if _encodes(char, codec)
        else char.translate(_ASCII_FOR).encode(codec, "replace").decode(codec)
        for char in text
    )


def _encodes(char: str, codec: str) -> bool:
    try:
        char.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


@pytest.mark.parametrize("codec", OLD_CODECS)
@pytest.mark.parametrize("path", _ALL_FILES, ids=lambda path: path.name)
def test_old_code_page_export_parses_like_the_utf8_file(
    codec: str, path: Path, tmp_path: Path
) -> None:
    text = _representable(path.read_text(encoding="utf-8"), codec)
    utf8, legacy = tmp_path / "utf8" / path.name, tmp_path / codec / path.name
    for target, data in ((utf8, text.encode("utf-8")), (legacy, text.encode(codec))):
        target.parent.mkdir()
        target.write_bytes(data)
    assert replace(parse_file(legacy), path=None) == replace(parse_file(utf8), path=None)


@pytest.mark.parametrize("codec", ("cp866", "iso8859_5", "mac_cyrillic"))
def test_russian_text_in_old_code_pages_decodes_exactly(codec: str) -> None:
    for path in (SEED, WILSON_DIR / "110404.txt"):
        text = _representable(path.read_text(encoding="utf-8"), codec)
        assert decode_document(text.encode(codec), path) == text


def test_mac_cyrillic_is_told_from_cp1251_by_its_capitals() -> None:
    text = "Сообщение для ЦК. Вашу шифровку от 20 июля получили. Ясно."
    assert decode_document(text.encode("mac_cyrillic"), Path("x.txt")) == text
    assert decode_document(text.encode("cp1251"), Path("x.txt")) == text


@pytest.mark.parametrize("path", [SEED, WILSON_DIR / "110404.txt"], ids=lambda p: p.name)
def test_mojibake_saved_as_utf8_is_repaired(path: Path) -> None:
    import ftfy.bad_codecs  # noqa: F401  (registers "sloppy-windows-1251")

    text = path.read_text(encoding="utf-8")
    mangled = text.encode("utf-8").decode("sloppy-windows-1251")  # "Р’Р°С€Сѓ" for «Вашу»
    assert "Р’Р°С€Сѓ" in mangled or path != SEED
    assert looks_mis_decoded(mangled)
    assert repair_mojibake(mangled) == text
    assert decode_document(mangled.encode("utf-8"), path) == text


@pytest.mark.parametrize("path", _ALL_FILES, ids=lambda path: path.name)
def test_mojibake_repair_never_changes_clean_text(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not looks_mis_decoded(text)
    assert repair_mojibake(text) is text
