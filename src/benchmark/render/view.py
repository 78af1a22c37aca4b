"""A :class:`TableView`: what a command shows, independent of the format it is shown in."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from benchmark.render.columns import Kind, kind_of

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True, eq=False, repr=False)  # holds frames: compared and shown by identity
class TableView:
    """A table plus the words around it.

    ``caption`` says what was computed (shown under a Rich table, on stderr in plain formats);
    ``warnings`` need the reader's attention; ``highlight`` is an area whose row stands out.
    On a terminal, ``group_by`` splits the table into one per value of that column, and
    ``screen_hidden`` columns (spelled out in the caption) are left out.
    """

    frame: pd.DataFrame
    title: str
    caption: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    kinds: dict[str, Kind] = field(default_factory=dict)
    highlight: str | None = None
    group_by: str | None = None
    screen_hidden: tuple[str, ...] = ()

    def kind(self, column: str) -> Kind:
        return kind_of(column, self.kinds)
