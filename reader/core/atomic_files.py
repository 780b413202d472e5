"""Writing a file so that a crash leaves either the old content or the new, never half of it.

Everything written here is private whatever the umask: files are 0600 and the folders created
for them 0700 (owner only), because what the app writes (notes, exports, corrections, library
copies) is the reader's own.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


def make_private_dirs(folder: Path) -> None:
    """Create ``folder`` and any missing parents, each owner-only (0700) whatever the umask.

    Folders that already exist are left as they are: their modes are their owner's choice.
    Raises OSError (FileExistsError when a file stands in the way) like ``Path.mkdir``.
    """
    folder = Path(folder)
    missing: list[Path] = []
    for level in (folder, *folder.parents):
        if level.is_dir():
            break
        missing.append(level)
    for level in reversed(missing):
        try:
            level.mkdir(mode=PRIVATE_FOLDER)
        except FileExistsError:
            if not level.is_dir():
                raise
            continue  # made meanwhile by another process: theirs to set
        # mkdir's mode is reduced by the umask only, so a lax umask cannot widen it; a strict
        # one may have narrowed it, which chmod puts back to exactly owner-only.
        with contextlib.suppress(OSError):
            os.chmod(level, PRIVATE_FOLDER)


def write_atomically(
    path: Path, data: bytes, *, durable: bool = False, mode: int | None = None
) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``.

    ``durable`` also flushes to disk before the rename, for user data that must survive a power
    cut; caches skip it. ``mode`` sets the file's permissions before it appears under its name
    (owner-only, 0600, when not given). Missing folders are created owner-only. Raises OSError
    when the folder cannot be written.
    """
    make_private_dirs(path.parent)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{path.stem[:16]}-", suffix=".tmp", dir=path.parent
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            os.chmod(temporary, PRIVATE_FILE if mode is None else mode)
            stream.write(data)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def write_text_atomically(
    path: Path, text: str, *, durable: bool = False, mode: int | None = None
) -> None:
    write_atomically(path, text.encode("utf-8"), durable=durable, mode=mode)
