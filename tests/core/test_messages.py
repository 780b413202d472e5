"""Core messages: English text that the window can say again in the interface language."""

from __future__ import annotations

import pickle

from reader.core.messages import QT_TRANSLATE_NOOP, Message, from_json, localized, to_json

RUSSIAN = {
    "not a document: %1": "не документ: %1",
    "the file is empty": "файл пуст",
    "%1 needs a word on both sides.": "Для %1 нужны слова с обеих сторон.",
}


def _translate(context: str, text: str) -> str:
    assert context == "CoreMessages"
    return RUSSIAN.get(text, "")  # Qt gives "" for a text it has no translation of


def test_a_message_is_its_english_text() -> None:
    reason = Message("not a document: %1", Message("the file is empty"))
    assert reason == "not a document: the file is empty"
    assert reason.startswith("not a document")
    assert f"b.txt: {reason}" == "b.txt: not a document: the file is empty"


def test_nested_messages_are_translated_and_plain_arguments_kept() -> None:
    reason = Message("not a document: %1", Message("the file is empty"))
    assert localized(reason, _translate) == "не документ: файл пуст"
    assert localized(Message("%1 needs a word on both sides.", "AND"), _translate) == (
        "Для AND нужны слова с обеих сторон."
    )
    assert localized("plain text", _translate) == "plain text"
    # No translation: the English template, filled in.
    assert localized(Message("unreadable: %1", "x"), _translate) == "unreadable: x"


def test_an_argument_holding_a_placeholder_stays_as_it_is() -> None:
    assert Message("%1 and %2", "%2", "b") == "%2 and b"


def test_the_marker_returns_its_text() -> None:
    assert QT_TRANSLATE_NOOP("CoreMessages", "no such file") == "no such file"


def test_messages_cross_processes_and_the_cache() -> None:
    reason = Message("not a document: %1", Message("the file is empty"))
    for copy in (pickle.loads(pickle.dumps(reason)), from_json(to_json(reason))):
        assert isinstance(copy, Message)
        assert copy == reason
        assert localized(copy, _translate) == "не документ: файл пуст"
    assert from_json(to_json("plain")) == "plain"
    # Reasons a cache stored before messages were kept as JSON come back as they were.
    for legacy in ("no readable text found", "12", '{"other": 1}', "[1, 2]"):
        assert from_json(legacy) == legacy
