"""`parallel-reader align SRC TGT`: align the paragraphs of a text with those of its translation."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.aligner import align
from reader.core.alignment import Alignment
from reader.core.sentences import SentenceSpan, align_document_sentences

if TYPE_CHECKING:
    from reader.workspace import Workspace

NAME = "align"
HELP = "align the paragraphs of two text files (blank lines separate paragraphs)"

_COLUMN = 38


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="SRC", type=Path, help="original text (UTF-8)")
    parser.add_argument("target", metavar="TGT", type=Path, help="translation (UTF-8)")
    parser.add_argument("--json", action="store_true", help='print {"pairs": [...]} as JSON')
    parser.add_argument(
        "--sentences",
        action="store_true",
        help='with --json, add "sentences": the sentence links inside every pair',
    )
    parser.add_argument("--source-language", default="ru", help="language of SRC (default ru)")
    parser.add_argument("--target-language", default="en", help="language of TGT (default en)")


def read_paragraphs(path: Path) -> list[str]:
    """Paragraphs separated by blank lines; the lines of a paragraph joined with spaces."""
    text = path.read_text(encoding="utf-8-sig")
    blocks = re.split(r"\n[ \t\r\f\v]*\n", text.replace("\r\n", "\n"))
    return [" ".join(block.split()) for block in blocks if block.strip()]


def _shorten(texts: list[str]) -> str:
    text = " / ".join(texts) if texts else "—"
    return text if len(text) <= _COLUMN else text[: _COLUMN - 1] + "…"


def _numbers(indices: tuple[int, ...]) -> str:
    return ",".join(str(k) for k in indices) or "-"


def _print_table(alignment: Alignment, source: list[str], target: list[str]) -> None:
    for bead in alignment.beads:
        left = _shorten([source[i] for i in bead.source])
        right = _shorten([target[j] for j in bead.target])
        marker = " " if bead.confidence >= 0.5 else "?"
        print(
            f"{_numbers(bead.source):>7} {left:<{_COLUMN}} {marker} "
            f"{_numbers(bead.target):>7} {right}"
        )


def _sentence_json(
    alignment: Alignment, source: list[str], target: list[str], pair: tuple[str, str]
) -> list[dict[str, object]]:
    """One entry per sentence link: its pair (bead) and [paragraph, start, end] per side, with
    document paragraph indices and character offsets in those paragraphs."""
    links = align_document_sentences(alignment, source, target, pair)

    def spans(indices: tuple[int, ...], side: tuple[SentenceSpan, ...]) -> list[list[int]]:
        return [[indices[s.paragraph], s.start, s.end] for s in side]

    return [
        {"pair": k, "source": spans(bead.source, link.source),
         "target": spans(bead.target, link.target)}
        for k, (bead, bead_links) in enumerate(zip(alignment.beads, links, strict=True))
        for link in bead_links
    ]  # fmt: skip


def run(args: argparse.Namespace, workspace: Workspace | None = None) -> int:
    del workspace  # reads only the files it is given and writes nothing
    texts = []
    for path in (args.source, args.target):
        try:
            texts.append(read_paragraphs(Path(path)))
        except (OSError, UnicodeError) as error:
            reason = (
                "not valid UTF-8 text"
                if isinstance(error, UnicodeError)
                else error.strerror or str(error)
            )
            print(f"align: cannot read {path}: {reason}", file=sys.stderr)
            return 2
    source, target = texts
    alignment = align(source, target, args.source_language, args.target_language)
    if args.json:
        output: dict[str, object] = dict(alignment.to_json())
        if getattr(args, "sentences", False):
            output["sentences"] = _sentence_json(
                alignment, source, target, (args.source_language, args.target_language)
            )
        print(json.dumps(output))
    else:
        _print_table(alignment, source, target)
    return 0
