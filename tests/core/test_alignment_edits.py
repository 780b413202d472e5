"""Link, unlink, merge and split keep an alignment valid and do what the reader asked."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.core.alignment import Alignment
from reader.core.alignment_edits import link, merge_with_next, split, unlink


def pairs(alignment: Alignment) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(bead.source, bead.target) for bead in alignment.beads]


def seed_like() -> Alignment:
    # Three Russian paragraphs among six English ones, aligned one step off.
    raw = [((), (0,)), ((0,), (1,)), ((1,), (2,)), ((2,), (3,)), ((), (4,)), ((), (5,))]
    return Alignment.from_pairs(raw, 3, 6)


def test_link_pairs_two_paragraphs_and_frees_what_crossed_the_link() -> None:
    fixed = link(link(link(seed_like(), 0, 2), 1, 3), 2, 4)
    assert pairs(fixed) == [
        ((), (0,)),
        ((), (1,)),
        ((0,), (2,)),
        ((1,), (3,)),
        ((2,), (4,)),
        ((), (5,)),
    ]
    assert all(bead.confidence == 1.0 for bead in fixed.beads if bead.is_match)


def test_unlink_leaves_every_paragraph_alone() -> None:
    alignment = Alignment.from_pairs([((0, 1), (0,)), ((2,), (1, 2))], 3, 3)
    assert pairs(unlink(alignment, 0)) == [((0,), ()), ((1,), ()), ((), (0,)), ((2,), (1, 2))]


def test_merge_with_next_makes_one_to_two() -> None:
    alignment = Alignment.from_pairs([((0,), (0,)), ((), (1,)), ((1,), (2,))], 2, 3)
    assert pairs(merge_with_next(alignment, 0)) == [((0,), (0, 1)), ((1,), (2,))]
    assert merge_with_next(alignment, 2) is alignment  # nothing after the last bead


def test_split_two_to_two_into_one_to_ones() -> None:
    alignment = Alignment.from_pairs([((0, 1), (0, 1))], 2, 2)
    assert pairs(split(alignment, "target", 1)) == [((0,), (0,)), ((1,), (1,))]
    assert pairs(split(alignment, "source", 1)) == [((0,), (0,)), ((1,), (1,))]


def test_split_one_to_two_on_the_longer_side() -> None:
    alignment = Alignment.from_pairs([((0,), (0, 1))], 1, 2)
    assert pairs(split(alignment, "target", 1)) == [((0,), (0,)), ((), (1,))]
    assert split(alignment, "source", 0) is alignment  # a lone paragraph cannot be split


@st.composite
def alignments(draw) -> Alignment:
    shapes = draw(
        st.lists(
            st.sampled_from([(1, 1), (1, 0), (0, 1), (1, 2), (2, 1), (2, 2)]),
            min_size=1,
            max_size=12,
        )
    )
    raw, s, t = [], 0, 0
    for ns, nt in shapes:
        raw.append((tuple(range(s, s + ns)), tuple(range(t, t + nt))))
        s, t = s + ns, t + nt
    return Alignment.from_pairs(raw, s, t)


@given(alignments(), st.data())
def test_every_edit_keeps_the_alignment_valid(alignment: Alignment, data) -> None:
    # Alignment() validates coverage and order on construction, so building the result is the check.
    if alignment.source_count and alignment.target_count:
        source = data.draw(st.integers(0, alignment.source_count - 1))
        target = data.draw(st.integers(0, alignment.target_count - 1))
        linked = link(alignment, source, target)
        assert target in linked.counterpart("source", source)
    bead = data.draw(st.integers(0, len(alignment.beads) - 1))
    unlink(alignment, bead)
    merge_with_next(alignment, bead)
    side = data.draw(st.sampled_from(["source", "target"]))
    count = alignment.source_count if side == "source" else alignment.target_count
    if count:
        split(alignment, side, data.draw(st.integers(0, count - 1)))


def test_a_correction_for_an_older_text_is_kept_aside_not_overwritten(tmp_path) -> None:
    from reader.core.alignment_corrections import CorrectionStore

    store = CorrectionStore(tmp_path)
    old = Alignment.from_pairs([((0,), (0,)), ((1,), (1,))], 2, 2)
    store.save("117421", old)
    assert store.has_correction("117421", 2, 2)
    assert not store.has_correction("117421", 3, 2)  # the text now has three paragraphs
    new = Alignment.from_pairs([((0,), (0,)), ((1, 2), (1,))], 3, 2)
    store.save("117421", new)
    assert store.load("117421", 3, 2) == new
    [stale] = list((tmp_path / "alignments").glob("117421.stale-*.json"))
    assert "pairs" in stale.read_text(encoding="utf-8")


def test_ids_that_differ_only_in_unsafe_characters_get_their_own_files(tmp_path) -> None:
    from reader.core.alignment_corrections import CorrectionStore

    store = CorrectionStore(tmp_path)
    first = Alignment.from_pairs([((0,), (0,))], 1, 1)
    second = Alignment.from_pairs([((0,), ()), ((), (0,))], 1, 1)
    store.save("a/b", first)
    store.save("a_b", second)
    assert store.load("a/b", 1, 1) == first
    assert store.load("a_b", 1, 1) == second
