"""The density strip's axis labels: the years that matter, never crowded."""

from __future__ import annotations

import itertools

from reader.widgets.year_axis import axis_labels


def _texts(labels: list[tuple[float, str]]) -> list[str]:
    return [text for _, text in labels]


def test_a_single_year_is_labelled_itself_not_the_decade_beside_it() -> None:
    labels = axis_labels((1946, 1956), (1951, 1951), None, slot_width=21, label_width=30)
    assert "1951" in _texts(labels) and "1950" not in _texts(labels)
    assert (1951.5, "1951") in labels  # under the middle of its bar


def test_the_first_and_last_years_and_a_chosen_range_are_labelled() -> None:
    labels = axis_labels((1945, 1991), (1945, 1991), None, slot_width=5, label_width=30)
    assert _texts(labels)[0] == "1945" and _texts(labels)[-1] == "1991"
    chosen = axis_labels((1945, 1991), (1945, 1991), (1962, 1975), slot_width=5, label_width=30)
    assert {"1962", "1975"} <= set(_texts(chosen))
    positions = [position for position, _ in chosen]
    assert all(b - a >= 6 for a, b in itertools.pairwise(positions))  # no overlap


def test_a_narrow_range_gets_one_label() -> None:
    labels = axis_labels((1945, 1991), (1945, 1991), (1951, 1953), slot_width=5, label_width=30)
    assert "1951–1953" in _texts(labels)


def test_a_round_year_never_touches_the_last_year() -> None:
    labels = axis_labels((1945, 1997), (1945, 1997), None, slot_width=4.5, label_width=30)
    assert _texts(labels)[-1] == "1997" and "1990" not in _texts(labels)
