"""Paragraph alignment as data: ordered beads pairing groups of source and target paragraphs.

The reading view only reads this structure, so any aligner (computed, curated, corrected by the
user) can stand behind it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class Bead:
    """One aligned unit: source paragraph indices and target paragraph indices (either may be empty)."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    confidence: float = 1.0

    @property
    def is_match(self) -> bool:
        return bool(self.source) and bool(self.target)


class AlignmentError(ValueError):
    """Beads that do not cover both sides exactly once, in order."""


@dataclass(frozen=True)
class Alignment:
    beads: tuple[Bead, ...]
    source_count: int
    target_count: int

    def __post_init__(self) -> None:
        for side, count in (("source", self.source_count), ("target", self.target_count)):
            flat = [i for bead in self.beads for i in getattr(bead, side)]
            if flat != list(range(count)):
                raise AlignmentError(f"{side} paragraphs are not covered once and in order: {flat}")
        if any(not bead.source and not bead.target for bead in self.beads):
            raise AlignmentError("a bead must hold at least one paragraph")

    @classmethod
    def from_pairs(
        cls,
        pairs: Iterable[tuple[Sequence[int], Sequence[int]]],
        source_count: int,
        target_count: int,
    ) -> Alignment:
        beads = tuple(Bead(tuple(s), tuple(t)) for s, t in pairs)
        return cls(beads, source_count, target_count)

    @classmethod
    def one_sided(cls, source_count: int, target_count: int = 0) -> Alignment:
        """Every paragraph alone: used when one language is missing."""
        beads = [Bead((i,), ()) for i in range(source_count)]
        beads += [Bead((), (j,)) for j in range(target_count)]
        return cls(tuple(beads), source_count, target_count)

    def swapped(self) -> Alignment:
        beads = tuple(Bead(b.target, b.source, b.confidence) for b in self.beads)
        return Alignment(beads, self.target_count, self.source_count)

    @cached_property
    def _bead_of_source(self) -> dict[int, int]:
        return {i: n for n, bead in enumerate(self.beads) for i in bead.source}

    @cached_property
    def _bead_of_target(self) -> dict[int, int]:
        return {j: n for n, bead in enumerate(self.beads) for j in bead.target}

    def bead_of(self, side: str, paragraph: int) -> int:
        """Index of the bead holding ``paragraph`` on ``side`` ("source" or "target")."""
        table = self._bead_of_source if side == "source" else self._bead_of_target
        return table[paragraph]

    def counterpart(self, side: str, paragraph: int) -> tuple[int, ...]:
        """Paragraphs on the other side aligned with ``paragraph`` (empty when unmatched)."""
        bead = self.beads[self.bead_of(side, paragraph)]
        return bead.target if side == "source" else bead.source

    def to_json(self) -> dict[str, list[dict[str, list[int]]]]:
        return {"pairs": [{"source": list(b.source), "target": list(b.target)} for b in self.beads]}


def bead_at_offset(bead_tops: Sequence[float], offset: float) -> int:
    """Index of the bead whose extent contains ``offset``, given ascending bead top positions."""
    return max(0, bisect_right(bead_tops, offset) - 1)
