"""Rendered tables compared with golden files, width and colour pinned.

To accept a deliberate change of output: BENCHMARK_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
then review the diff of tests/golden/ before committing it.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from rich.console import Console

from benchmark import Overall, Ties, rank, read_dataset, sample_path, select
from benchmark.render.formats import OutputFormat, render_text
from benchmark.render.rich_table import to_rich_table
from benchmark.views.league import detail_view, league_view

GOLDEN = Path(__file__).resolve().parent / "golden"


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("BENCHMARK_UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"missing {path}: run with BENCHMARK_UPDATE_GOLDEN=1 to create it"
    assert actual == path.read_text(encoding="utf-8")


def rich_text(renderable: object, width: int = 120) -> str:
    buffer = io.StringIO()
    Console(file=buffer, width=width, no_color=True, color_system=None, legacy_windows=False,
            force_terminal=False).print(renderable)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def sample_views():
    selection = select(read_dataset(sample_path()))
    ranking = rank(selection)
    return (league_view(selection, ranking, Ties.MIN, Overall.INDICATORS, highlight="Leicestershire"),
            detail_view(selection, ranking, Ties.MIN, Overall.INDICATORS))


def test_sample_league_table_rich(sample_views) -> None:
    check_golden("sample_league_table.txt", rich_text(to_rich_table(sample_views[0])))


def test_sample_league_table_markdown(sample_views) -> None:
    check_golden("sample_league_table.md", render_text(sample_views[0], OutputFormat.MARKDOWN))


def test_sample_detail_csv(sample_views) -> None:
    check_golden("sample_detail.csv", render_text(sample_views[1], OutputFormat.CSV))
