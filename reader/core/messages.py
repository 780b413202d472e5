"""What the core tells the user, in English, with what a translation needs to say it again.

A :class:`Message` is a ``str``: its value is the English text, which the command line prints
and callers compare and compose as before. It also keeps its template and arguments, so the
window can show it in the interface language (``Message.localized``). Templates are marked for
``pyside6-lupdate`` with :func:`QT_TRANSLATE_NOOP` in the ``CoreMessages`` context; the core
itself never imports Qt. An argument may be a Message too ("not a document: %1" around "the file
is empty"), and is translated in turn.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

CONTEXT = "CoreMessages"
_PLACEHOLDER = re.compile(r"%([1-9])")

Translate = Callable[[str, str], str]  # (context, English template) -> template in the language


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name pyside6-lupdate looks for
    """Mark ``text`` for translation in ``context``; the text itself is returned unchanged."""
    return text


def _fill(template: str, values: list[str]) -> str:
    """``%1``… replaced in one pass, so an argument holding "%2" stays as it is."""
    return _PLACEHOLDER.sub(
        lambda match: (
            values[int(match.group(1)) - 1]
            if int(match.group(1)) <= len(values)
            else match.group(0)
        ),
        template,
    )


class Message(str):
    """English text that remembers its template (marked for translation) and arguments."""

    template: str
    args: tuple[str, ...]

    def __new__(cls, template: str, *args: str) -> Message:
        message = super().__new__(cls, _fill(template, [str(arg) for arg in args]))
        message.template = template
        message.args = args
        return message

    def __reduce__(self) -> tuple[type[Message], tuple[str, ...]]:
        # Import workers send reasons across processes: rebuild from template and arguments.
        return (Message, (self.template, *self.args))

    def localized(self, translate: Translate) -> str:
        values = [localized(arg, translate) for arg in self.args]
        return _fill(translate(CONTEXT, self.template) or self.template, values)


def localized(text: str, translate: Translate) -> str:
    """``text`` in the interface language when it is a Message; any other text as it is."""
    return text.localized(translate) if isinstance(text, Message) else text


def to_json(text: str) -> str:
    """``text`` as JSON that keeps a Message's template and arguments (see from_json)."""
    return json.dumps(_plain(text), ensure_ascii=False)


def from_json(stored: str) -> str:
    """The text to_json stored, a Message again where it was one; text stored before messages
    were kept this way comes back as it is."""
    try:
        return _rebuilt(json.loads(stored))
    except (ValueError, TypeError, KeyError):
        return stored


def _plain(text: str) -> object:
    if isinstance(text, Message):
        return {"template": text.template, "args": [_plain(arg) for arg in text.args]}
    return str(text)


def _rebuilt(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value["template"], str):
        return Message(value["template"], *(_rebuilt(arg) for arg in value["args"]))
    raise TypeError("not a stored message")
