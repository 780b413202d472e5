"""The aligner's gold set: hand-aligned cases, the shared ru-en news pairs, and perturbed variants.

The news texts stay in ``../shared`` (they are not ours to commit); perturbed variants are built
from them at run time with fixed seeds, so every run sees the same cases. See README.md.
"""

from __future__ import annotations

import csv
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

GOLD_DIR = Path(__file__).resolve().parent
PROJECT_DIR = GOLD_DIR.parents[2]
NEWS_DIR = PROJECT_DIR.parent / "shared" / "samples" / "alignment-ru-en"

Pairs = list[tuple[tuple[int, ...], tuple[int, ...]]]


@dataclass(frozen=True)
class GoldCase:
    id: str
    subset: str  # "seed", "news", "news-perturbed", "news-long", "handmade"
    split: str  # "tuned" (looked at while setting the weights) or "heldout" (never looked at)
    source_language: str
    target_language: str
    source: list[str]
    target: list[str]
    pairs: Pairs


# One-sided lines that archive translations and originals carry (headers, stamps, copy numbers).
_HEADERS = {
    "en": ["SECRET", "Copy No. 3", "TOP SECRET", "[Stamp: Received 12 May 1952]", "Translation",
           "[signature]", "Authenticated: Captain Orlov", "Page 2", "CC CPSU General Department"],
    "ru": ["СЕКРЕТНО", "Экз. № 2", "СОВ. СЕКРЕТНО", "[Штамп: Получено 14.05]", "Перевод",
           "[подпись]", "Верно: капитан Орлов", "Стр. 2", "Общий отдел ЦК КПСС"],
}  # fmt: skip
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZА-ЯЁ«\"“])")


def _read_paragraphs(path: Path) -> list[str]:
    blocks = re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))
    return [" ".join(b.split()) for b in blocks if b.strip()]


def _pairs_from_groups(groups: list[tuple[list[str], list[str]]]) -> tuple[list, list, Pairs]:
    source, target, pairs = [], [], []
    for src, tgt in groups:
        pairs.append(
            (
                tuple(range(len(source), len(source) + len(src))),
                tuple(range(len(target), len(target) + len(tgt))),
            )
        )
        source += src
        target += tgt
    return source, target, pairs


def news_documents() -> list[tuple[str, list[str], list[str]]]:
    """The ten shared news pairs, (doc id, ru paragraphs, en paragraphs), 1:1 per the TSV."""
    with (NEWS_DIR / "gold_paragraph_alignment.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    documents = []
    for doc_id in sorted({row["doc_id"] for row in rows}):
        ru = _read_paragraphs(NEWS_DIR / f"{doc_id}.ru.txt")
        en = _read_paragraphs(NEWS_DIR / f"{doc_id}.en.txt")
        # The TSV lists a trailing empty paragraph (no segments) that the texts do not have.
        links = [(int(r["ru_para_index"]), int(r["en_para_index"])) for r in rows
                 if r["doc_id"] == doc_id and r["seg_ids"].strip()]  # fmt: skip
        assert links == [(k, k) for k in range(len(ru))] and len(ru) == len(en), doc_id
        documents.append((doc_id, ru, en))
    return documents


def _split_sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(text) if s]


def perturb(groups: list[tuple[list[str], list[str]]], rng: random.Random, operations: int):
    """Apply merges, splits, 2:2 regroupings, header insertions and deletions to 1:1 groups."""
    groups = [(list(s), list(t)) for s, t in groups]
    for _ in range(operations):
        kind = rng.choice(["merge", "split", "cross", "header", "delete", "merge3"])
        side = rng.randrange(2)
        k = rng.randrange(len(groups))
        _apply(groups, kind, side, k, rng)
    return groups


def _is_plain(group: tuple[list[str], list[str]]) -> bool:
    return len(group[0]) == 1 and len(group[1]) == 1


def _apply(groups, kind: str, side: int, k: int, rng: random.Random) -> None:
    if kind == "header":
        language = "ru" if side == 0 else "en"
        line = rng.choice(_HEADERS[language])
        groups.insert(k, ([line], []) if side == 0 else ([], [line]))
    elif kind == "delete" and _is_plain(groups[k]):
        groups[k][1 - side].clear()
    elif kind in ("merge", "merge3"):
        size = 2 if kind == "merge" else 3
        chunk = groups[k : k + size]
        if len(chunk) == size and all(_is_plain(g) for g in chunk):
            merged = " ".join(g[side][0] for g in chunk)
            others = [g[1 - side][0] for g in chunk]
            groups[k : k + size] = [([merged], others) if side == 0 else (others, [merged])]
    elif kind == "split" and _is_plain(groups[k]):
        sentences = _split_sentences(groups[k][side][0])
        if len(sentences) >= 2:
            cut = rng.randrange(1, len(sentences))
            groups[k][side][:] = [" ".join(sentences[:cut]), " ".join(sentences[cut:])]
    elif kind == "cross" and k + 1 < len(groups) and _is_plain(groups[k]):
        following = groups[k + 1]
        if _is_plain(following):
            sentences = _split_sentences(following[side][0])
            if len(sentences) >= 2:
                first = groups[k][side][0] + " " + sentences[0]
                texts = [first, " ".join(sentences[1:])]
                others = [groups[k][1 - side][0], following[1 - side][0]]
                groups[k : k + 2] = [(texts, others) if side == 0 else (others, texts)]


def _case(case_id, subset, split, groups, languages=("ru", "en")) -> GoldCase:
    source, target, pairs = _pairs_from_groups(groups)
    return GoldCase(case_id, subset, split, *languages, source, target, pairs)


def _json_case(data: dict, subset: str) -> GoldCase:
    source_language, target_language = data["pair"].split("-")
    pairs = [(tuple(s), tuple(t)) for s, t in data["pairs"]]
    return GoldCase(
        data["id"], subset, data["split"], source_language, target_language,
        data["source"], data["target"], pairs,
    )  # fmt: skip


def gold_cases() -> Iterator[GoldCase]:
    yield _json_case(json.loads((GOLD_DIR / "seed_117421.json").read_text("utf-8")), "seed")
    for data in json.loads((GOLD_DIR / "handmade.json").read_text("utf-8"))["cases"]:
        yield _json_case(data, "handmade")
    documents = news_documents()
    by_split: dict[str, list] = {"tuned": [], "heldout": []}
    for index, (doc_id, ru, en) in enumerate(documents):
        # Alternate documents between the splits; held-out variants use their own seeds too.
        split = "tuned" if index % 2 == 0 else "heldout"
        groups = [([r], [e]) for r, e in zip(ru, en, strict=True)]
        by_split[split].append(groups)
        yield _case(doc_id, "news", split, groups)
        for variant in range(3):
            seed = variant if split == "tuned" else 1000 + variant
            rng = random.Random(f"{doc_id}/{seed}")
            yield _case(f"{doc_id}~{seed}", "news-perturbed", split, perturb(groups, rng, 4))
    for split, docs in by_split.items():
        joined = [g for groups in docs for g in groups]
        for variant in range(2):
            seed = variant if split == "tuned" else 1000 + variant
            rng = random.Random(f"long/{seed}")
            groups = perturb(joined, rng, len(joined) // 3)
            yield _case(f"long~{seed}", "news-long", split, groups)


def pattern_cases() -> Iterator[GoldCase]:
    """The ``patterns`` and ``lists`` subsets (see patterns.py): real texts, pattern perturbations."""
    from patterns import list_run, pattern_variant

    documents = news_documents()
    headlines = [(ru[0], en[0]) for _, ru, en in documents if len(ru[0]) <= 100]
    for index, (doc_id, ru, en) in enumerate(documents):
        split = "tuned" if index % 2 == 0 else "heldout"
        groups = [([r], [e]) for r, e in zip(ru, en, strict=True)][1:]  # the headline opens runs
        others = [h for h in headlines if h[0] != ru[0]]
        for variant in range(4):
            seed = variant if split == "tuned" else 1000 + variant
            rng = random.Random(f"patterns/{doc_id}/{seed}")
            yield _case(f"{doc_id}#p{seed}", "patterns", split,
                        pattern_variant(groups, others, rng, 4))  # fmt: skip
    for run in range(12):
        split = "tuned" if run % 2 == 0 else "heldout"
        seed = run if split == "tuned" else 1000 + run
        rng = random.Random(f"lists/{seed}")
        # A list sits between two real paragraphs, as in a document.
        _, ru, en = documents[run % len(documents)]
        groups = [([ru[1]], [en[1]]), *list_run(run, rng), ([ru[2]], [en[2]])]
        yield _case(f"list~{seed}", "lists", split, groups)


def all_cases() -> Iterator[GoldCase]:
    """Every gold case: ``gold_cases()`` then the pattern subsets."""
    yield from gold_cases()
    yield from pattern_cases()
