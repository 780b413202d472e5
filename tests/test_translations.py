"""The Russian interface: the committed .ts files hold every string, translated, and the committed
.qm files are built from them; Russian dates; the bundle carries the translations."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent
TRANSLATIONS = PROJECT_DIR / "resources" / "translations"
BIN = Path(sys.executable).parent
LUPDATE_OPTIONS = ["-extensions", "py", "-source-language", "en", "-locations", "none", "-no-obsolete"]


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {
        (str(context.findtext("name")), str(message.findtext("source"))): message
        for context in root.iter("context")
        for message in context.iter("message")
    }


def _lupdate(tmp_path: Path, language: str, *extra: str) -> Path:
    """lupdate over the package into a copy of the committed .ts: what it would change."""
    ts = tmp_path / f"parallel-reader_{language}.ts"
    shutil.copy(TRANSLATIONS / ts.name, ts)
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), *LUPDATE_OPTIONS, "-target-language", language, *extra,
         "reader", "-ts", str(ts)],
        cwd=PROJECT_DIR, check=True, capture_output=True,
    )  # fmt: skip
    return ts


def test_the_russian_ts_has_every_string_translated(tmp_path: Path) -> None:
    fresh = _messages(_lupdate(tmp_path, "ru"))
    committed = _messages(TRANSLATIONS / "parallel-reader_ru.ts")
    assert set(fresh) == set(committed), "run pyside6-lupdate (see reader/widgets/translations.py)"
    unfinished = [key for key, m in fresh.items() if m.find("translation").get("type")]  # type: ignore[union-attr]
    assert not unfinished
    for (context, source), message in fresh.items():
        translation = message.find("translation")
        assert translation is not None
        forms = [f.text or "" for f in translation.iter("numerusform")]
        texts = forms if message.get("numerus") == "yes" else [translation.text or ""]
        if message.get("numerus") == "yes":
            assert len(forms) == 3, (context, source)  # one, few, many
        for text in texts:
            assert text.strip(), (context, source)
            for placeholder in set(re.findall(r"%\d", source)):
                assert placeholder in text, (context, source, text)
            if "%n" in source:
                assert "%n" in text, (context, source, text)


def test_the_english_ts_has_every_plural_form(tmp_path: Path) -> None:
    fresh = _messages(_lupdate(tmp_path, "en", "-pluralonly"))
    assert set(fresh) == set(_messages(TRANSLATIONS / "parallel-reader_en.ts"))
    for message in fresh.values():
        forms = [f.text for f in message.iter("numerusform")]
        assert len(forms) == 2 and all(forms)


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_committed_qm_is_built_from_the_ts(tmp_path: Path, language: str) -> None:
    name = f"parallel-reader_{language}"
    built = tmp_path / f"{name}.qm"
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), str(TRANSLATIONS / f"{name}.ts"), "-qm", str(built)],
        check=True, capture_output=True,
    )  # fmt: skip
    assert built.read_bytes() == (TRANSLATIONS / f"{name}.qm").read_bytes(), "run pyside6-lrelease"


def test_qt_ships_its_own_russian_strings() -> None:
    from reader.widgets.translations import qt_translations_dirs

    assert any((folder / "qtbase_ru.qm").is_file() for folder in qt_translations_dirs())


def test_the_bundle_carries_the_translations() -> None:
    spec = (PROJECT_DIR / "packaging" / "parallel-reader.spec").read_text(encoding="utf-8")
    assert '"resources" / "translations"' in spec
    assert "qtbase_ru.qm" in spec


def test_russian_dates_take_the_right_case(qapp) -> None:
    from reader.models.display_text import display_date, month_name, set_display_language

    assert month_name(11) == "November"  # asked before the switch: the name is remembered
    set_display_language("ru")
    try:
        assert display_date("1951-07-21") == "21 июля 1951 г."
        assert display_date("1951-11-02") == "2 ноября 1951 г."
        assert display_date("1951-07") == "июль 1951"  # a month alone: nominative
        assert display_date("1951") == "1951"
        assert month_name(11) == "Ноябрь"
    finally:
        set_display_language("en")
    assert display_date("1951-07-21") == "21 July 1951"
    assert display_date("1951-07") == "July 1951"
    assert month_name(11) == "November"


def test_the_command_line_dates_stay_english(qapp) -> None:
    from reader.core.dates import format_date
    from reader.widgets.translations import install_translators

    install_translators(qapp, "ru")
    try:
        assert format_date("1951-11-02") == "2 November 1951"
    finally:
        install_translators(qapp, "en")


def test_the_system_locale_picks_the_language() -> None:
    from PySide6.QtCore import QLocale

    from reader.widgets.translations import resolve_language

    assert resolve_language("system", QLocale(QLocale.Language.Russian)) == "ru"
    assert resolve_language("system", QLocale(QLocale.Language.German)) == "en"
    assert resolve_language("en", QLocale(QLocale.Language.Russian)) == "en"
    assert resolve_language("ru", QLocale(QLocale.Language.English)) == "ru"
