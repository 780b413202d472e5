"""What the reading panes say about themselves: captions, accessible names, the one-language notice.

In the interface language: "Russian · transcript", "Русский · оригинал".
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from reader.core.document import Text
from reader.core.languages import language_codes
from reader.models.display_text import language_label

translate = QCoreApplication.translate


def caption(text: Text) -> str:
    role = (
        translate("ReadingView", "transcript")
        if text.role == "transcript"
        else translate("ReadingView", "translation")
    )
    return f"{language_label(text.language)} · {role}"


def pane_name(text: Text | None) -> str:
    """The pane's accessible name: "Russian transcript", "English translation"."""
    if text is None:
        return ""
    if text.role == "transcript":
        if text.language == "ru":
            return translate("ReadingView", "Russian transcript")
        return translate("ReadingView", "Transcript (%1)").replace(
            "%1", language_label(text.language)
        )
    if text.language == "en":
        return translate("ReadingView", "English translation")
    return translate("ReadingView", "Translation (%1)").replace("%1", language_label(text.language))


def notice_text(present: Text, original_language: str | None) -> str:
    """One quiet line saying what a one-language record holds, without implying a loss where
    there is none (an English original lacks nothing)."""
    name = language_label(present.language)
    originals = language_codes(original_language)
    is_original = present.language in originals or (not originals and present.role != "translation")
    if is_original and present.language == "en":
        return translate(
            "ReadingView", "This record's original is in English; there is no other language."
        )
    if is_original:
        return translate(
            "ReadingView", "This record has only the %1 original; no translation is included."
        ).replace("%1", name)
    original = next((language_label(c) for c in originals if c != present.language), None)
    if original:
        return (
            translate(
                "ReadingView",
                "This record has only the %1 translation; the original %2 text is not included.",
            )
            .replace("%1", name)
            .replace("%2", original)
        )
    return translate(
        "ReadingView",
        "This record has only the %1 translation; the original-language text is not included.",
    ).replace("%1", name)
