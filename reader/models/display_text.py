"""Document text as the screen shows it: on one line, and isolated when it carries bidi content.

Titles, quotes and notes come from documents and readers, so they may hold right-to-left text or
directional controls (an unclosed U+202E RIGHT-TO-LEFT OVERRIDE). Set inside a line of our own
("Title · ¶ 4 · tags"), such text would reorder the rest of the line. Wrapped in U+2068 FIRST
STRONG ISOLATE … U+2069 POP DIRECTIONAL ISOLATE it stays in its place, and the isolate's end closes
whatever the text left open. Plain Latin or Cyrillic text is returned unchanged.
"""

from __future__ import annotations

import re

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
