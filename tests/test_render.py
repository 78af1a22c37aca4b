"""How each column kind is shown to a person (Rich and Markdown); machine formats stay raw."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from benchmark.render.columns import Kind, display, format_number
from benchmark.render.formats import OutputFormat, render_text
from benchmark.render.view import TableView


@pytest.mark.parametrize(
    ("value", "kind", "shown"),
    [
        (3, Kind.RANK, "3"),
        (1234, Kind.COUNT, "1,234"),
        (7 / 3, Kind.AVERAGE_RANK, "2.33"),
        (1160.0, Kind.NUMBER, "1,160"),
        (83.2, Kind.NUMBER, "83.2"),
        (0.23456, Kind.NUMBER, "0.2346"),
        (-0.28, Kind.NUMBER, "-0.28"),
        (2, Kind.QUARTILE, "2"),
        (0.015, Kind.PERCENT, "1.5%"),
        (-0.2, Kind.PERCENT, "-20%"),
        (1160.0, Kind.MONEY, "£1,160"),
        (-12.4, Kind.MONEY, "-£12"),
        (796.5, Kind.MONEY, "£797"),  # half up, as Excel rounds money
        (119.5, Kind.MONEY, "£120"),
        (99_650_000.0, Kind.MONEY_LARGE, "£99.7m"),
        (99_645_000.0, Kind.MONEY_LARGE, "£99.6m"),
        (329_647_500.0, Kind.MONEY_LARGE, "£329.6m"),
        (-24_200_000_000.0, Kind.MONEY_LARGE, "-£24.2bn"),
        (950_000.0, Kind.MONEY_LARGE, "£950k"),
        (2_000_000.0, Kind.MONEY_LARGE, "£2m"),
        (870.0, Kind.MONEY_LARGE, "£870"),
        (0.0, Kind.MONEY_LARGE, "£0"),
        (None, Kind.MONEY, ""),
        (math.nan, Kind.NUMBER, ""),
        (pd.NA, Kind.RANK, ""),
        (float("inf"), Kind.MONEY, "inf"),
        (float("-inf"), Kind.NUMBER, "-inf"),
    ],
)
def test_display(value: object, kind: Kind, shown: str) -> None:
    assert display(value, kind) == shown


def test_format_number_keeps_about_four_significant_digits() -> None:
    assert [format_number(x) for x in (12345.678, 12.345678, 0.00012345)] == ["12,345.7", "12.35", "0.000123"]


def test_machine_formats_keep_raw_numbers() -> None:
    view = TableView(pd.DataFrame({"area": ["Surrey"], "gap": [99_645_000.5]}), "t",
                     kinds={"gap": Kind.MONEY_LARGE})
    assert render_text(view, OutputFormat.CSV) == "area,gap\nSurrey,99645000.5\n"
    assert '"gap": 99645000.5' in render_text(view, OutputFormat.JSON)
    assert "£99.6m" in render_text(view, OutputFormat.MARKDOWN)
