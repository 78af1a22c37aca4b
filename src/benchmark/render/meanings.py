"""What colours and marks mean, declared once: the terminal, the workbook and the charts all read
these tables, so a 1st quartile is green and the focus area orange wherever it is shown.

Colours are RGB hex without '#', as Excel takes them (:func:`css` gives matplotlib's spelling);
``terminal`` is the colour's name in Rich's palette, the nearest a terminal shows.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Band:
    """A status shown as a coloured cell: a quartile, or a flag on the dashboard."""

    fill: str  # the cell's background in a workbook
    text: str  # the text's colour in a workbook
    terminal: str  # the text's colour on a terminal
    bold: bool

    @property
    def rich_style(self) -> str:
        return f"bold {self.terminal}" if self.bold else self.terminal


@dataclass(frozen=True)
class Direction:
    """A direction of travel: the arrow shown for the word, and its colour."""

    arrow: str
    colour: str  # in a workbook
    terminal: str  # Rich style on a terminal
    strong: bool  # a real movement (or none), shown bold in a workbook; not for 'not comparable'


# Quartiles, 1st (best) green ... 4th red, in Excel's usual "good / neutral / bad" palette.
QUARTILES: dict[int, Band] = {
    1: Band(fill="C6EFCE", text="006100", terminal="green", bold=True),
    2: Band(fill="E2EFDA", text="375623", terminal="green", bold=False),
    3: Band(fill="FFEB9C", text="9C5700", terminal="dark_orange", bold=False),
    4: Band(fill="FFC7CE", text="9C0006", terminal="red", bold=True),
}

# Direction of travel: the data holds the word (as CSV does); screens show its arrow.
DIRECTIONS: dict[str, Direction] = {
    "improved": Direction("↑", colour="006100", terminal="green", strong=True),
    "no change": Direction("→", colour="9C5700", terminal="yellow", strong=True),
    "worse": Direction("↓", colour="9C0006", terminal="red", strong=True),
    "not comparable": Direction("–", colour="808080", terminal="dim", strong=False),
}

# The dashboard's flags.
FLAGS: dict[str, Band] = {
    "performance issue": Band(fill="FFC7CE", text="9C0006", terminal="red", bold=True),
    "exceptional": Band(fill="C6EFCE", text="006100", terminal="green", bold=True),
}

# The focus area: its row in a table, its bar or point in a chart.
FOCUS_ROW_FILL = "FFF2CC"  # pale yellow behind the focus area's row in a workbook
FOCUS_ROW_STYLE = "bold reverse"  # the focus area's row on a terminal
FOCUS_COLOUR = "C8511B"  # orange: the focus area in a chart
OTHER_COLOUR = "8C9BAB"  # grey-blue: everyone else
LINE_COLOUR = "1F4E79"  # dark blue: means and reference lines


def part_colour(meaning: str) -> str:
    """A stacked bar's part by its meaning: 'q1' to 'q4' in the quartile's text colour (strong
    enough to carry a white count), a direction in its colour; anything else grey."""
    if meaning.startswith("q") and meaning[1:].isdigit() and int(meaning[1:]) in QUARTILES:
        return QUARTILES[int(meaning[1:])].text
    if meaning in DIRECTIONS:
        return DIRECTIONS[meaning].colour
    return DIRECTIONS["not comparable"].colour


def css(colour: str) -> str:
    """'C8511B' -> '#c8511b', the spelling matplotlib and HTML take."""
    return f"#{colour.lower()}"
