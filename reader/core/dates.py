"""Dates: read from the archive's wording to ISO 8601 at the precision given, and back for people."""

from __future__ import annotations

import calendar
import datetime
import re


def format_date(iso: str | None) -> str:
    """ "1951-07-21" -> "21 July 1951", "1967-11" -> "November 1967", "1967" -> "1967"."""
    if not iso:
        return "Undated"
    parts = iso.split("-")
    try:
        numbers = [int(part) for part in parts]
    except ValueError:
        return iso
    if len(numbers) == 1:
        return str(numbers[0])
    month = calendar.month_name[numbers[1]] if 1 <= numbers[1] <= 12 else "?"
    if len(numbers) == 2:
        return f"{month} {numbers[0]}"
    return f"{numbers[2]} {month} {numbers[0]}"


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"([A-Za-z]{3,9})\.?"
_DATE_PATTERNS = (
    (re.compile(rf"^{_MONTH}\s+(\d{{1,2}}),?\s+(\d{{4}})$"), ("month", "day", "year")),
    (re.compile(rf"^(\d{{1,2}})\s+{_MONTH},?\s+(\d{{4}})$"), ("day", "month", "year")),
    (re.compile(rf"^{_MONTH},?\s+(\d{{4}})$"), ("month", "year")),
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), ("year", "month", "day")),
    (re.compile(r"^(\d{4})-(\d{2})$"), ("year", "month")),
    (re.compile(r"^(\d{4})$"), ("year",)),
)


def parse_date(text: str) -> str | None:
    """ISO 8601 at the precision given: "July 21, 1951" -> "1951-07-21", "1967" -> "1967"."""
    text = " ".join(text.split())
    for pattern, names in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            return _iso_date(dict(zip(names, match.groups(), strict=True)))
    return None


def leading_date(value: str) -> str | None:
    """The longest run of leading words that reads as a date ("27 July 1949 Source: ...")."""
    words = value.split()
    for count in range(min(len(words), 4), 0, -1):
        candidate = " ".join(words[:count])
        if parse_date(candidate):
            return candidate
    return None


def _iso_date(parts: dict[str, str]) -> str | None:
    year = int(parts["year"])
    month_text = parts.get("month")
    if month_text is None:
        return f"{year:04d}" if 1000 <= year <= 2999 else None
    month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text.casefold())
    if month is None or not 1 <= month <= 12 or not 1000 <= year <= 2999:
        return None
    if "day" not in parts:
        return f"{year:04d}-{month:02d}"
    try:
        return datetime.date(year, month, int(parts["day"])).isoformat()
    except ValueError:
        return None
