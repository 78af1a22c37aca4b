"""Every command's output on the bundled sample and the real-data fixtures, compared with golden
files: standard output, standard error and the exit code, and every written workbook cell by cell.

A refactoring must leave these byte for byte the same. To accept a deliberate change of output:
BENCHMARK_UPDATE_GOLDEN=1 python -m pytest tests/test_command_outputs.py, then review the diff of
tests/golden/commands/ before committing it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, invoke
from tests.test_golden import check_golden

REAL = ROOT / "tests" / "data" / "realdata"
SEED = str(REAL.parent / "seed_csp_per_head_2018_19.csv")
OFLOG = str(REAL / "oflog_asc_measures_2015_2023.csv")
FOCUS = ["--area", "Leicestershire"]

# name -> arguments; "{tmp}" is a fresh folder for files the command writes.
COMMANDS: dict[str, list[str]] = {
    "rank": ["rank"],
    "rank_table": ["rank", *FOCUS, "-f", "table"],
    "rank_theme": ["rank", "--theme", "Adult Social Care"],
    "rank_detail": ["rank", "--detail"],
    "rank_period_all": ["rank", "--period", "all"],
    "rank_themes_average": ["rank", "--overall", "themes", "--ties", "average", "-f", "json"],
    "rank_markdown": ["rank", "-f", "markdown"],
    "rank_group": ["rank", "--group", "counties-2018", "-f", "tsv"],
    "rank_no_theme": ["rank", "--theme", "Nonexistent"],
    "rank_xlsx": ["rank", *FOCUS, "-o", "{tmp}/league.xlsx"],
    "validate": ["validate"],
    # the sample by a relative path: a table laid out around {root} would change with its length
    "validate_table": ["validate", "src/benchmark/data/county_sample.xlsx", "-f", "table"],
    "quartiles": ["quartiles"],
    "quartiles_summary": ["quartiles", *FOCUS, "--summary", "-f", "table"],
    "quartiles_bottom": ["quartiles", *FOCUS, "--bottom"],
    "quartiles_top_bottom": ["quartiles", *FOCUS, "--top", "--bottom", "-f", "table"],
    "quartiles_thresholds": ["quartiles", *FOCUS, "--thresholds", "--method", "percentile"],
    "quartiles_group_summary": ["quartiles", "--summary", "--group", "counties-2018"],
    "trend": ["trend", *FOCUS],
    "trend_summary": ["trend", *FOCUS, "--summary", "-f", "table"],
    "trend_per_area": ["trend", "--summary"],
    "trend_theme": ["trend", *FOCUS, "--theme", "Adult Social Care", "--tolerance", "0.05"],
    "trend_no_theme": ["trend", *FOCUS, "--theme", "Nonexistent"],
    "dashboard": ["dashboard", *FOCUS],
    "dashboard_table": ["dashboard", *FOCUS, "-f", "table"],
    "funding_gap": ["funding-gap", *FOCUS],
    "funding_gap_table": ["funding-gap", *FOCUS, "-f", "table"],
    "funding_gap_seed_vs": ["funding-gap", SEED, *FOCUS, "--population", "682500", "--measure",
                            "csp_per_head_2018_19", "--vs", "Surrey"],
    "funding_gap_seed": ["funding-gap", SEED, *FOCUS, "--population", "682500", "--measure",
                         "csp_per_head_2018_19", "--group", "counties-2018", "-f", "json"],
    "quadrants": ["quadrants", *FOCUS],
    "quadrants_table": ["quadrants", *FOCUS, "-f", "table"],
    "quadrants_all_themes": ["quadrants", *FOCUS, "--all-themes"],
    "report": ["report", *FOCUS, "-o", "{tmp}/summary.xlsx"],
    "profiles": ["profiles"],
    "history": ["history", *FOCUS, "-f", "table"],
    "history_each": ["history", "--basket", "each", "--editions", "2"],
    "rank_as_at": ["rank", "--as-at", "2017/18"],
    "dashboard_as_at": ["dashboard", *FOCUS, "--as-at", "2017/18", "-f", "table"],
    "oflog_rank_spelling": ["rank", OFLOG, "--group", "counties-2018", "-p", "2018/2019"],
    "oflog_rank": ["rank", OFLOG, "--group", "counties-2018"],
    "oflog_quartiles": ["quartiles", OFLOG, "--group", "counties-2018", *FOCUS, "--summary"],
    "oflog_import": ["import", OFLOG, "--group", "counties-2018", "-o", "{tmp}/oflog.xlsx"],
}


def workbook_text(path: Path) -> str:
    """Every sheet's cells (value and number format), merged ranges and charts, as text."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    lines = []
    for sheet in book.worksheets:
        lines.append(f"== sheet {sheet.title} ({sheet.max_row} x {sheet.max_column})")
        lines.append(f"merged: {sorted(str(cells) for cells in sheet.merged_cells.ranges)}")
        lines.append(f"charts: {[type(chart).__name__ for chart in sheet._charts]}")
        lines.append(f"images: {len(sheet._images)}")
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    lines.append(f"{cell.coordinate}\t{cell.value!r}\t{cell.number_format}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_output_is_unchanged(name: str, cli, tmp_path: Path) -> None:
    args = [arg.replace("{tmp}", str(tmp_path)) for arg in COMMANDS[name]]
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = invoke(cli, args)
    finally:
        os.chdir(cwd)
    parts = [f"$ benchmark {' '.join(COMMANDS[name])}", f"exit {result.exit_code}",
             "--- stdout", result.stdout, "--- stderr", result.stderr]
    for path in sorted(tmp_path.glob("*.xlsx")):
        parts += [f"--- {path.name}", workbook_text(path)]
    text = "\n".join(parts).replace(str(tmp_path), "{tmp}").replace(str(ROOT), "{root}")
    text = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", "{time}", text)  # when it was written
    check_golden(f"commands/{name}.txt", text)
