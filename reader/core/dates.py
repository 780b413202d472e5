"""Human-readable forms of the ISO dates the parser keeps at their given precision."""

from __future__ import annotations

import calendar


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
