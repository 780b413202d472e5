"""One vocabulary for the two sides of a document: its transcript and its translation.

The values are the strings stored in the notes database and in exports ("source", "target"), so a
``Side`` compares equal to what older files hold. Which pane shows which side is the reading view's
business alone.
"""

from __future__ import annotations

from enum import StrEnum


class Side(StrEnum):
    TRANSCRIPT = "source"
    TRANSLATION = "target"

    @property
    def other(self) -> Side:
        return Side.TRANSLATION if self is Side.TRANSCRIPT else Side.TRANSCRIPT

    @classmethod
    def parse(cls, value: object) -> Side | None:
        """The side a stored or imported value names, or None for anything else."""
        if not isinstance(value, str):
            return None
        try:
            return cls(value)
        except ValueError:
            return None
