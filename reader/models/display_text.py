"""Document text as the screen shows it: on one line, and isolated when it carries bidi content.

Titles, quotes and notes come from documents and readers, so they may hold right-to-left text or
directional controls (an unclosed U+202E RIGHT-TO-LEFT OVERRIDE). Set inside a line of our own
("Title · ¶ 4 · tags"), such text would reorder the rest of the line. Wrapped in U+2068 FIRST
STRONG ISOLATE … U+2069 POP DIRECTIONAL ISOLATE it stays in its place, and the isolate's end closes
whatever the text left open. Plain Latin or Cyrillic text is returned unchanged.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale

from reader.core.languages import language_codes, language_name

FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE = "\u2068", "\u2069"
# Right-to-left scripts (Hebrew to Syriac, Thaana, NKo, presentation forms) and every bidi control.
_BIDI = re.compile(
    "[\u0590-\u08ff\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufb1d-\ufdff\ufe70-\ufefc]"
)
# Where the window's title and the header stop: a 5,000-character record id or title with no
# place to break must not make the window 32,767 px wide.
LONGEST_LINE = 300


def one_line(text: str) -> str:
    """Whitespace (newlines included) collapsed: rows have one fixed height."""
    return " ".join(text.split())


def isolated(text: str) -> str:
    """``text`` that cannot reorder what stands around it."""
    if not _BIDI.search(text):
        return text
    return FIRST_STRONG_ISOLATE + text + POP_DIRECTIONAL_ISOLATE


def shown(text: str, limit: int = LONGEST_LINE) -> str:
    """One line of document text for a label or a row: collapsed, cut at ``limit``, isolated."""
    line = one_line(text)
    if len(line) > limit:
        line = line[: limit - 1].rstrip() + "…"
    return isolated(line)


# ----- the interface language's dates and labels ------------------------------------------------
#
# The window speaks the language of the installed translation; the command line and the exports
# keep reader.core.dates.format_date, which is the same English everywhere.

_locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
_month_names: dict[int, str] = {}  # of _locale: the timeline asks once per document


def set_display_language(language: str) -> None:
    """Show dates the way ``language`` ("en" or "ru") writes them (set with the translators)."""
    global _locale
    _month_names.clear()
    if language == "ru":
        _locale = QLocale(QLocale.Language.Russian, QLocale.Country.Russia)
    else:
        _locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def display_locale() -> QLocale:
    return _locale


def _is_russian() -> bool:
    return _locale.language() == QLocale.Language.Russian


def month_name(month: int) -> str:
    """A month as a heading says it, in the nominative: "July", "Июль"."""
    name = _month_names.get(month)
    if name is None:
        name = _locale.standaloneMonthName(month, QLocale.FormatType.LongFormat)
        name = _month_names[month] = name[:1].upper() + name[1:]
    return name


def undated_label() -> str:
    return QCoreApplication.translate("DisplayText", "Undated")


def display_date(iso: str | None) -> str:
    """An ISO date at its precision as the reader's language writes it.

    English: "21 July 1951", "July 1951", "1951". Russian: "21 июля 1951 г." (the day takes the
    month in the genitive), "июль 1951" (a month alone, nominative), "1951". None: "Undated".
    A date that cannot be read is shown as it is.
    """
    if not iso:
        return undated_label()
    parts = iso.split("-")
    if not all(part.isdigit() for part in parts) or not 1 <= len(parts) <= 3:
        return iso
    numbers = [int(part) for part in parts]
    if len(numbers) == 1:
        return str(numbers[0])
    if not 1 <= numbers[1] <= 12:
        return iso
    if len(numbers) == 2:
        name = _locale.standaloneMonthName(numbers[1], QLocale.FormatType.LongFormat)
        return f"{name} {numbers[0]}"
    date = QDate(numbers[0], numbers[1], numbers[2])
    if not date.isValid():
        return iso
    return _locale.toString(date, "d MMMM yyyy 'г.'" if _is_russian() else "d MMMM yyyy")


def colour_label(colour: str) -> str:
    """A highlight colour's name in the interface language."""
    labels = {
        "yellow": QCoreApplication.translate("DisplayText", "Yellow"),
        "green": QCoreApplication.translate("DisplayText", "Green"),
        "blue": QCoreApplication.translate("DisplayText", "Blue"),
        "pink": QCoreApplication.translate("DisplayText", "Pink"),
        "purple": QCoreApplication.translate("DisplayText", "Purple"),
    }
    return labels.get(colour, colour.title())


# The names reader.core.languages gives, as the interface language says them (nominative).
_LANGUAGE_NAMES: dict[str, object] = {
    "Russian": QT_TRANSLATE_NOOP("Languages", "Russian"),
    "English": QT_TRANSLATE_NOOP("Languages", "English"),
    "Chinese": QT_TRANSLATE_NOOP("Languages", "Chinese"),
    "German": QT_TRANSLATE_NOOP("Languages", "German"),
    "Japanese": QT_TRANSLATE_NOOP("Languages", "Japanese"),
    "French": QT_TRANSLATE_NOOP("Languages", "French"),
    "Korean": QT_TRANSLATE_NOOP("Languages", "Korean"),
    "Polish": QT_TRANSLATE_NOOP("Languages", "Polish"),
    "Spanish": QT_TRANSLATE_NOOP("Languages", "Spanish"),
    "Italian": QT_TRANSLATE_NOOP("Languages", "Italian"),
    "Portuguese": QT_TRANSLATE_NOOP("Languages", "Portuguese"),
    "Czech": QT_TRANSLATE_NOOP("Languages", "Czech"),
    "Slovak": QT_TRANSLATE_NOOP("Languages", "Slovak"),
    "Hungarian": QT_TRANSLATE_NOOP("Languages", "Hungarian"),
    "Romanian": QT_TRANSLATE_NOOP("Languages", "Romanian"),
    "Bulgarian": QT_TRANSLATE_NOOP("Languages", "Bulgarian"),
    "Ukrainian": QT_TRANSLATE_NOOP("Languages", "Ukrainian"),
    "Belarusian": QT_TRANSLATE_NOOP("Languages", "Belarusian"),
    "Serbian": QT_TRANSLATE_NOOP("Languages", "Serbian"),
    "Croatian": QT_TRANSLATE_NOOP("Languages", "Croatian"),
    "Vietnamese": QT_TRANSLATE_NOOP("Languages", "Vietnamese"),
    "Mongolian": QT_TRANSLATE_NOOP("Languages", "Mongolian"),
    "Arabic": QT_TRANSLATE_NOOP("Languages", "Arabic"),
    "Persian": QT_TRANSLATE_NOOP("Languages", "Persian"),
    "Hindi": QT_TRANSLATE_NOOP("Languages", "Hindi"),
    "Albanian": QT_TRANSLATE_NOOP("Languages", "Albanian"),
    "Finnish": QT_TRANSLATE_NOOP("Languages", "Finnish"),
    "Swedish": QT_TRANSLATE_NOOP("Languages", "Swedish"),
    "Norwegian": QT_TRANSLATE_NOOP("Languages", "Norwegian"),
    "Danish": QT_TRANSLATE_NOOP("Languages", "Danish"),
    "Dutch": QT_TRANSLATE_NOOP("Languages", "Dutch"),
    "Greek": QT_TRANSLATE_NOOP("Languages", "Greek"),
    "Turkish": QT_TRANSLATE_NOOP("Languages", "Turkish"),
    "Hebrew": QT_TRANSLATE_NOOP("Languages", "Hebrew"),
    "Georgian": QT_TRANSLATE_NOOP("Languages", "Georgian"),
    "Armenian": QT_TRANSLATE_NOOP("Languages", "Armenian"),
    "Latvian": QT_TRANSLATE_NOOP("Languages", "Latvian"),
    "Lithuanian": QT_TRANSLATE_NOOP("Languages", "Lithuanian"),
    "Estonian": QT_TRANSLATE_NOOP("Languages", "Estonian"),
    "Unknown language": QT_TRANSLATE_NOOP("Languages", "Unknown language"),
}


def paragraph_place(language: str | None, paragraph: int | None) -> str:
    """Where a paragraph sits, in a few characters: "RU ¶ 4" (1-based), as every list says."""
    code = (language or "").split("-")[0].upper()
    number = f"¶ {paragraph + 1}" if paragraph is not None else ""
    return " ".join(part for part in (code, number) if part)


def language_label(code: str) -> str:
    """A language's name in the interface language: "ru" -> "Russian" / "Русский"."""
    english = language_name(code)
    if english not in _LANGUAGE_NAMES:
        return english
    return QCoreApplication.translate("Languages", english)


def archive_language_label(name: str) -> str:
    """A language as the archive writes it ("Russian") in the interface language; names of several
    languages, or unknown ones, as they are."""
    codes = language_codes(name)
    return language_label(codes[0]) if len(codes) == 1 else name
