"""Which years the density strip labels, and where: a pure function, tested without painting."""

from __future__ import annotations

YearRange = tuple[int, int]


def axis_labels(
    view: YearRange,
    span: YearRange,
    chosen: YearRange | None,
    slot_width: float,
    label_width: float,
) -> list[tuple[float, str]]:
    """The labels under the strip, as (position in years from the view's start edge, text).

    The years that matter come first, under the middle of their bars: the chosen range's ends,
    else the data's first and last year (one label when they would touch). Round years fill the
    room left, never crowding those.
    """
    ends = chosen or span
    first, last = max(ends[0], view[0]), min(ends[1], view[1])
    if first == last:
        labels = [(first + 0.5, str(first))]
    elif (last - first) * slot_width < label_width:
        labels = [((first + last + 1) / 2, f"{first}–{last}")]
    else:
        labels = [(first + 0.5, str(first)), (last + 0.5, str(last))]
    step = 10
    while step * slot_width < label_width:  # thin the round years when the span is long
        step *= 2
    taken = list(labels)
    for year in range(view[0] + (-view[0]) % step, view[1] + 1, step):
        # A label of n characters is about n/4 of a four-digit one wide; a quarter more keeps
        # neighbours apart.
        if all(
            abs(year + 0.5 - position) * slot_width >= label_width * (1.5 + len(text) / 4) / 2
            for position, text in taken
        ):
            labels.append((year + 0.5, str(year)))
    return sorted(labels)
