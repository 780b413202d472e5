"""Gold cases for the error patterns of long real translations, built at run time from shared texts.

Every text comes from ``../shared`` (the ru-en news pairs, the English and Russian documents in
``samples/wilson``) or from the seed; nothing is copied into the project. Perturbations:

* ``runin``: a short paragraph of the material (a headline, at most 100 characters) is run into
  the paragraph it opens on one side, and kept apart on the other (gold 2:1 or 1:2);
* ``colon``: a line ending in a colon before a list ("… the following:", taken from the wilson
  documents, or from the Russian transcript there) is added on one side only (gold 1:0 / 0:1);
* ``stamp``: a short header line of the wilson documents ("(Blomeyer)", "Посол СССР в Китае",
  "M e m o r a n d u m") on one side only;
* ``gaps``: a one-sided line on each side next to each other (gold 1:0 then 0:1, never 1:1);
* ``split``: a paragraph split at a sentence end on one side (gold 1:2 / 2:1);
* ``longdel``: a paragraph of 150+ characters deleted on one side (gold 1:0 / 0:1);
* ``list``: a run of look-alike entries (archival references in the seed's citation format,
  scan file names built from the wilson record numbers) inserted on both sides, with one or two
  entries dropped on one side.

Split rule (fixed, seeded): a news document is held out when its index in sorted order is odd
(the rule ``gold.py`` uses); the list runs are held out when their run number is odd; held-out
variants use seeds 1000+, tuned ones 0+. Only held-out totals were ever looked at.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

GOLD_DIR = Path(__file__).resolve().parent
WILSON_DIR = GOLD_DIR.parents[2].parent / "shared" / "samples" / "wilson"

Groups = list[tuple[list[str], list[str]]]
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZА-ЯЁ«\"“])")


def _wilson_lines() -> dict[str, dict[str, list[str]]]:
    """Short one-sided lines of the wilson documents: colon lines and header-like lines."""
    lines: dict[str, dict[str, list[str]]] = {
        "en": {"colon": [], "stamp": []},
        "ru": {"colon": [], "stamp": []},
    }
    for path in sorted(WILSON_DIR.glob("*.txt")):
        language = "ru" if path.stem == "110404" else "en"
        for raw in path.read_text(encoding="utf-8").splitlines():
            line = " ".join(raw.split())
            if not line or "http" in line or line.startswith(("*", "#", "Citation")):
                continue
            if 30 <= len(line) <= 160 and line.endswith(":") and not line.startswith("["):
                lines[language]["colon"].append(line)
            elif (
                4 <= len(line) <= 40
                and not re.search(r"[.!?:;,]$", line)
                and (language == "ru" or re.match(r"^[(\[A-Z]", line))
            ):
                lines[language]["stamp"].append(line)
    for sides in lines.values():
        for kind in sides:
            sides[kind] = sorted(set(sides[kind]))
    return lines


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(text) if s]


def _plain(group: tuple[list[str], list[str]]) -> bool:
    return len(group[0]) == 1 and len(group[1]) == 1


def _one_sided(line: str, side: int) -> tuple[list[str], list[str]]:
    return ([line], []) if side == 0 else ([], [line])


def pattern_variant(
    groups: Groups, headlines: list[tuple[str, str]], rng: random.Random, operations: int
) -> Groups:
    """Apply ``operations`` pattern perturbations to 1:1 groups of one document."""
    lines = _wilson_lines()
    groups = [(list(s), list(t)) for s, t in groups]
    kinds = ["runin", "colon", "stamp", "gaps", "split", "longdel"]
    for _ in range(operations):
        kind = rng.choice(kinds)
        side = rng.randrange(2)
        language = "ru" if side == 0 else "en"
        k = rng.randrange(1, len(groups)) if len(groups) > 1 else 0
        if kind == "runin" and _plain(groups[k]):
            ru_head, en_head = rng.choice(headlines)
            head = (ru_head, en_head)[side]
            other = (ru_head, en_head)[1 - side]
            joined = head.rstrip(".") + ". " + groups[k][side][0]
            texts = [joined], [other, groups[k][1 - side][0]]
            groups[k] = (texts[0], texts[1]) if side == 0 else (texts[1], texts[0])
        elif kind == "colon":
            groups.insert(k, _one_sided(rng.choice(lines[language]["colon"]), side))
        elif kind == "stamp":
            groups.insert(k, _one_sided(rng.choice(lines[language]["stamp"]), side))
        elif kind == "gaps":
            ru_line = rng.choice(lines["ru"]["stamp"])
            en_line = rng.choice(lines["en"]["colon"] + lines["en"]["stamp"])
            groups[k:k] = [([ru_line], []), ([], [en_line])][:: 1 if side == 0 else -1]
        elif kind == "split" and _plain(groups[k]):
            sentences = _sentences(groups[k][side][0])
            if len(sentences) >= 2:
                cut = rng.randrange(1, len(sentences))
                groups[k][side][:] = [" ".join(sentences[:cut]), " ".join(sentences[cut:])]
        elif kind == "longdel":
            long_ones = [i for i, g in enumerate(groups) if _plain(g) and len(g[1 - side][0]) >= 150]
            if long_ones:
                groups[rng.choice(long_ones)][side].clear()
    return groups


def list_run(run: int, rng: random.Random) -> Groups:
    """A run of look-alike entries on both sides, one or two entries dropped on one side."""
    records = sorted(p.stem for p in WILSON_DIR.glob("*.txt"))
    size = rng.randrange(6, 11)
    fond = rng.choice([(45, 1), (3, 65), (558, 11)])
    delo = rng.randrange(300, 400)
    groups: Groups = []
    style = run % 3
    for k in range(1, size + 1):
        sheet = 90 + k * rng.randrange(1, 4)
        if style == 0:
            ru = f"{k}. АПРФ, ф. {fond[0]}, оп. {fond[1]}, д. {delo}, л. {sheet}."
            en = f"{k}. APRF, f. {fond[0]}, op. {fond[1]}, d. {delo}, l. {sheet}."
        elif style == 1:
            record = rng.choice(records)
            ru = f"Файл scan_{record}_p{k:02d}.jpg — копия оригинала, {sheet} КБ"
            en = f"File scan_{record}_p{k:02d}.jpg — copy of the original, {sheet} KB"
        else:
            record = rng.choice(records)
            ru = f"— документ № {record}, лист {k}, гриф «секретно»;"
            en = f"— document No. {record}, sheet {k}, classified “secret”;"
        groups.append(([ru], [en]))
    side = rng.randrange(2)
    for _ in range(rng.randrange(1, 3)):
        k = rng.randrange(1, len(groups) - 1)
        if _plain(groups[k]):
            groups[k][side].clear()
    return groups
