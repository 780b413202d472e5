"""Writing command output."""

from __future__ import annotations

import json
import re
import sys

# Control characters but newline and tab: in a document's title or a note they could retitle the
# terminal, clear it or move the cursor (ESC ] 0 ; … BEL, ESC [2J).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What json.dumps(ensure_ascii=False) leaves raw: DEL and the C1 controls (C0 it escapes itself).
_JSON_RAW_CONTROL = re.compile(r"[\x7f-\x9f]")


def escape_controls(text: str) -> str:
    """``text`` with control characters shown as ``\\xNN`` instead of acting on the terminal."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def json_text(data: object) -> str:
    """``data`` as indented JSON with no raw control character: still exact, as JSON escapes are."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _JSON_RAW_CONTROL.sub(lambda match: f"\\u{ord(match.group()):04x}", text) + "\n"


def write_utf8(text: str) -> None:
    """UTF-8 whatever the console's locale, so Cyrillic never raises UnicodeEncodeError.

    Control characters are escaped: what a document or a note holds never acts on the terminal
    (JSON from :func:`json_text` holds none, so it passes unchanged).
    """
    text = escape_controls(text)
    encoding = (getattr(sys.stdout, "encoding", None) or "").replace("-", "").lower()
    buffer = getattr(sys.stdout, "buffer", None)
    if encoding == "utf8" or buffer is None:
        sys.stdout.write(text)
    else:
        sys.stdout.flush()
        buffer.write(text.encode("utf-8"))
    sys.stdout.flush()


def warn(text: str) -> None:
    """A message on standard error, control characters escaped like the rest of the output."""
    print(escape_controls(text), file=sys.stderr, flush=True)
