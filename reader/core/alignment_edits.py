"""Corrections a reader makes to an alignment: link, unlink, merge and split pairs.

Each edit returns a new Alignment that still covers both sides once and in order; edited beads
get full confidence, because a person decided them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from math import ceil

from reader.core.alignment import Alignment, Bead

USER_CONFIDENCE = 1.0


def _restricted(
    beads: Iterable[Bead], keep_source: Callable[[int], bool], keep_target: Callable[[int], bool]
) -> list[Bead]:
    """Beads cut down to the paragraphs the predicates keep; beads left empty disappear."""
    result = []
    for bead in beads:
        source = tuple(i for i in bead.source if keep_source(i))
        target = tuple(j for j in bead.target if keep_target(j))
        if source or target:
            changed = (source, target) != (bead.source, bead.target)
            result.append(Bead(source, target, USER_CONFIDENCE if changed else bead.confidence))
    return result


def link(alignment: Alignment, source: int, target: int) -> Alignment:
    """Pair source paragraph ``source`` with target paragraph ``target`` (one to one).

    Everything before both stays before, everything after both stays after: paragraphs that an
    old bead held across the new link are cut loose from it rather than reordered.
    """
    beads = alignment.beads
    before = _restricted(beads, lambda i: i < source, lambda j: j < target)
    after = _restricted(beads, lambda i: i > source, lambda j: j > target)
    linked = Bead((source,), (target,), USER_CONFIDENCE)
    return Alignment((*before, linked, *after), alignment.source_count, alignment.target_count)


def unlink(alignment: Alignment, bead_index: int) -> Alignment:
    """Every paragraph of a bead stands alone: its source paragraphs first, then its targets."""
    bead = alignment.beads[bead_index]
    alone = [Bead((i,), (), USER_CONFIDENCE) for i in bead.source]
    alone += [Bead((), (j,), USER_CONFIDENCE) for j in bead.target]
    beads = (*alignment.beads[:bead_index], *alone, *alignment.beads[bead_index + 1 :])
    return Alignment(beads, alignment.source_count, alignment.target_count)


def merge_with_next(alignment: Alignment, bead_index: int) -> Alignment:
    """One bead from this one and the next (say a 1:1 and a 0:1 become a 1:2)."""
    if bead_index + 1 >= len(alignment.beads):
        return alignment
    first, second = alignment.beads[bead_index], alignment.beads[bead_index + 1]
    merged = Bead(first.source + second.source, first.target + second.target, USER_CONFIDENCE)
    beads = (*alignment.beads[:bead_index], merged, *alignment.beads[bead_index + 2 :])
    return Alignment(beads, alignment.source_count, alignment.target_count)


def split(alignment: Alignment, side: str, paragraph: int) -> Alignment:
    """Split the bead holding ``paragraph`` so that ``paragraph`` starts a new bead.

    The other side is cut at the same relative place (a 2:2 becomes two 1:1s); when the chosen
    paragraph already starts its bead, its first paragraph on each side is split off instead.
    """
    bead_index = alignment.bead_of(side, paragraph)
    bead = alignment.beads[bead_index]
    own, other = (bead.source, bead.target) if side == "source" else (bead.target, bead.source)
    cut = own.index(paragraph) or 1
    other_cut = ceil(len(other) * cut / len(own))
    first_own, second_own = own[:cut], own[cut:]
    first_other, second_other = other[:other_cut], other[other_cut:]
    if not (second_own or second_other):
        return alignment  # nothing to split off (a lone paragraph on the chosen side)
    if side == "source":
        parts = [(first_own, first_other), (second_own, second_other)]
    else:
        parts = [(first_other, first_own), (second_other, second_own)]
    new = [Bead(s, t, USER_CONFIDENCE) for s, t in parts if s or t]
    beads = (*alignment.beads[:bead_index], *new, *alignment.beads[bead_index + 1 :])
    return Alignment(beads, alignment.source_count, alignment.target_count)
