"""Language names and codes: one table for the parser and the reading view."""

from __future__ import annotations

import pytest

from reader.core.languages import (
    CYRILLIC_LANGUAGES,
    NON_LATIN_LANGUAGES,
    language_code,
    language_codes,
    language_name,
)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Russian", "ru"),
        ("english", "en"),
        ("  CHINESE ", "zh"),
        ("Farsi", "fa"),
        ("Persian", "fa"),
        ("Slovak", "sk"),
        ("Klingon", None),
        ("", None),
    ],
)
def test_language_code(name: str, code: str | None) -> None:
    assert language_code(name) == code


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("ru", "Russian"),
        ("en", "English"),
        ("fa", "Persian"),  # the first of its names, not the alias "Farsi"
        ("und", "Unknown language"),
        ("xx", "xx"),
    ],
)
def test_language_name(code: str, name: str) -> None:
    assert language_name(code) == name


def test_every_code_round_trips_through_its_name() -> None:
    for code in {"ru", "en", "zh", "de", "ja", "fr", "ko", "pl", "uk", "mn", "fa", "he"}:
        assert language_code(language_name(code)) == code


@pytest.mark.parametrize(
    ("names", "codes"),
    [
        ("Russian", ["ru"]),
        ("Russian, English", ["ru", "en"]),
        ("Russian and Chinese", ["ru", "zh"]),
        ("Russian/English; German & French", ["ru", "en", "de", "fr"]),
        ("Russian, Klingon", ["ru"]),
        ("", []),
        (None, []),
    ],
)
def test_language_codes(names: str | None, codes: list[str]) -> None:
    assert language_codes(names) == codes


def test_script_sets() -> None:
    assert {"ru", "uk", "bg", "sr", "mn"} <= CYRILLIC_LANGUAGES
    assert CYRILLIC_LANGUAGES <= NON_LATIN_LANGUAGES
    assert {"zh", "ja", "ko"} <= NON_LATIN_LANGUAGES
    assert not {"en", "de", "fr", "pl", "cs", "hu"} & NON_LATIN_LANGUAGES
    assert all(language_name(code) != code for code in NON_LATIN_LANGUAGES)
