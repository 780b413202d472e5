"""Writing command output."""

from __future__ import annotations

import sys


def write_utf8(text: str) -> None:
    """UTF-8 whatever the console's locale, so Cyrillic never raises UnicodeEncodeError."""
    encoding = (getattr(sys.stdout, "encoding", None) or "").replace("-", "").lower()
    buffer = getattr(sys.stdout, "buffer", None)
    if encoding == "utf8" or buffer is None:
        sys.stdout.write(text)
    else:
        sys.stdout.flush()
        buffer.write(text.encode("utf-8"))
    sys.stdout.flush()
