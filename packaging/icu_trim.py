"""Shrink Qt's ICU data library (libicudata, 31 MB) to what a reader in English and Russian needs.

Qt links ICU for collation, time zones, case mapping and legacy text codecs. The full data carries
every locale of the world, Chinese/Japanese/Thai word-break dictionaries, transliterators and
hundreds of CJK code pages. This keeps the root, English and Russian locale data, every non-locale
table (time zones, plural rules, likely subtags, normalization, Unicode properties), the
break-iterator rules without the dictionaries, and the small single-byte code pages; other locales
fall back to root, as ICU does for any locale it lacks.

Linux only: the trimmed data is assembled into a new libicudata.so.NN with the system C compiler
(cc). Used by parallel-reader.spec; `python packaging/icu_trim.py LIB OUT` runs it alone.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

KEEP_LANGUAGES = {"root", "en", "ru"}
DROP_TREES = {"translit", "rbnf"}  # transliterators; spelled-out numbers
MAX_CODEPAGE_BYTES = 40_000  # single-byte code pages are a few kB; CJK tables are 100-500 kB
_LOCALE = re.compile(r"^([a-z]{2,3})(_[A-Za-z0-9]+)*$")


def _symbol_blob(library: Path) -> tuple[str, bytes]:
    """The name and bytes of the icudtNN_dat symbol in an ICU data library."""
    symbols = subprocess.run(
        ["objdump", "-T", str(library)], capture_output=True, text=True, check=True
    ).stdout
    for line in symbols.splitlines():
        fields = line.split()
        if fields and re.fullmatch(r"icudt\d+_dat", fields[-1]):
            name, address, size = fields[-1], int(fields[0], 16), int(fields[-2], 16)
            break
    else:
        raise ValueError(f"{library}: no icudtNN_dat symbol")
    sections = subprocess.run(
        ["objdump", "-h", str(library)], capture_output=True, text=True, check=True
    ).stdout
    for line in sections.splitlines():
        fields = line.split()
        if len(fields) >= 6 and fields[1] == ".rodata":
            vma, file_offset = int(fields[3], 16), int(fields[5], 16)
            start = address - vma + file_offset
            return name, library.read_bytes()[start : start + size]
    raise ValueError(f"{library}: no .rodata section")


def read_package(blob: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """ICU common data ("CmnD"): a header, a table of contents, then the items in name order."""
    header_size = struct.unpack_from("<H", blob, 0)[0]
    if blob[2:4] != b"\xda\x27" or blob[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package")
    toc = blob[header_size:]
    (count,) = struct.unpack_from("<I", toc, 0)
    entries = [struct.unpack_from("<II", toc, 4 + 8 * i) for i in range(count)]
    items = []
    for index, (name_offset, data_offset) in enumerate(entries):
        name = toc[name_offset : toc.index(b"\0", name_offset)].decode("ascii")
        end = entries[index + 1][1] if index + 1 < count else len(toc)
        items.append((name, toc[data_offset:end]))
    return blob[:header_size], items


def write_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    table_size = 4 + 8 * len(items)
    data_start = (table_size + len(names) + 15) & ~15
    table, name_offset, data_offset, body = [len(items)], table_size, data_start, b""
    for name, data in items:
        table += [name_offset, data_offset]
        name_offset += len(name) + 1
        padded = data + b"\0" * (-len(data) % 16)
        body += padded
        data_offset += len(padded)
    toc = struct.pack(f"<{len(table)}I", *table) + names
    return header + toc + b"\0" * (data_start - len(toc)) + body


def wanted(name: str, size: int) -> bool:
    parts = name.split("/")[1:]  # drop the "icudt73l" prefix
    tree, file = (parts[0], parts[-1]) if len(parts) > 1 else ("", parts[0])
    if tree in DROP_TREES or file.endswith(".dict"):
        return False
    if file.endswith(".cnv"):
        return size <= MAX_CODEPAGE_BYTES
    stem, _, extension = file.rpartition(".")
    locale = _LOCALE.match(stem)
    if extension == "res" and locale:
        return locale.group(1) in KEEP_LANGUAGES
    return True


def trim_library(library: Path, output: Path) -> tuple[int, int]:
    """Write a trimmed copy of an ICU data library; returns (old, new) data sizes in bytes."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        raise RuntimeError("no C compiler (cc) to assemble the trimmed ICU data")
    symbol, blob = _symbol_blob(library)
    header, items = read_package(blob)
    kept = [(name, data) for name, data in items if wanted(name, len(data))]
    package = write_package(header, kept)
    soname = re.search(
        r"SONAME\s+(\S+)",
        subprocess.run(
            ["objdump", "-p", str(library)], capture_output=True, text=True, check=True
        ).stdout,
    ).group(1)
    with tempfile.TemporaryDirectory() as work:
        data_file = Path(work) / "icudata.dat"
        data_file.write_bytes(package)
        source = Path(work) / "icudata.S"
        source.write_text(
            f"\t.section .rodata\n\t.globl {symbol}\n\t.type {symbol}, @object\n"
            f'\t.balign 16\n{symbol}:\n\t.incbin "{data_file}"\n'
            f'\t.size {symbol}, .-{symbol}\n\t.section .note.GNU-stack,"",@progbits\n'
        )
        output.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                compiler,
                "-shared",
                "-nostdlib",
                f"-Wl,-soname,{soname}",
                "-o",
                str(output),
                str(source),
            ],
            check=True,
        )
    return len(blob), len(package)


if __name__ == "__main__":
    old, new = trim_library(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"ICU data {old / 1e6:.1f} MB -> {new / 1e6:.1f} MB")
