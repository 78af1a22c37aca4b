"""Options shared by several commands, defined once."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated, Any

import typer

from benchmark.core.methods import Overall, QuartileMethod, Ties
from benchmark.render.formats import OutputFormat


def read_number(text: str, example: str = "682,500") -> float:
    """An option's number, read as the data reader reads a value: '682,500', '£682,500', '1.2m'."""
    from benchmark.core.values import UnreadableValue, parse_value

    if text.strip().lower().lstrip("+-") in ("inf", "infinity", "nan"):
        return float(text)  # a float, but out of any range: the command says what range it takes
    try:
        number = parse_value(text)
    except UnreadableValue as problem:
        raise typer.BadParameter(f"{problem}; give a number such as {example}") from None
    if math.isnan(number):
        raise typer.BadParameter(f"'{text}' marks a missing value; give a number such as {example}")
    return number


def read_whole_number(text: str) -> int:
    """A count of at least 1, read as :func:`read_number` reads a number: '5,000,000'."""
    number = read_number(text, example="5,000,000")
    if number < 1 or not number.is_integer():
        raise typer.BadParameter(f"'{text}' is not a whole number of at least 1")
    return int(number)


Source = Annotated[
    str | None,
    typer.Argument(help="Workbook (.xlsx) or CSV/TSV file of indicators; '-' reads standard "
                   "input. Omit it to use the bundled sample of the 27 counties.", show_default=False),
]
Indicators = Annotated[
    str | None,
    typer.Option("--indicators", help="File of indicator metadata (indicator, theme, polarity...); "
                 "overrides the workbook's 'indicators' sheet.", show_default=False),
]
Areas = Annotated[
    str | None,
    typer.Option("--areas", help="File of area metadata (area, population, group...); "
                 "overrides the workbook's 'areas' sheet.", show_default=False),
]


def _period(words: str) -> Any:
    """--period, whose help says what the command does with it (and with 'all', if anything)."""
    return typer.Option("--period", "-p", help=f"{words} Default: each indicator's latest period.",
                        show_default=False)


Period = Annotated[str | None, _period("Rank this period only, or 'all' for one league table per period.")]
QuartilesPeriod = Annotated[str | None, _period("Use this period only, or 'all' for the quartiles in every "
                                                "period (a period column).")]
OnePeriod = Annotated[str | None, _period("Rank this period only.")]
AsAt = Annotated[
    str | None,
    typer.Option("--as-at", help="The edition of PERIOD: each indicator's latest period ending by "
                 "the end of it (--as-at 2018/19 takes 2018/19, calendar 2018, 2016-18, 31/03/2019), "
                 "and nothing later, for direction of travel too.", metavar="PERIOD",
                 show_default=False),
]
Theme = Annotated[str | None, typer.Option("--theme", "-t", help="Rank on one theme only.",
                                              show_default=False)]
Group = Annotated[
    str | None,
    typer.Option("--group", "-g", help="Compare only areas whose 'group' column is NAME, or whose "
                 "COLUMN=VALUE, or the members of a shipped group such as counties-2018 (the 27 "
                 "two-tier counties of 2018, found by name or ONS code in any data; see "
                 "docs/areas.md). Default: every area in the data.", show_default=False,
                 metavar="NAME|COLUMN=VALUE"),
]
Area = Annotated[str | None, typer.Option("--area", "-a", help="Focus area: highlighted in tables.",
                                             show_default=False)]
Format = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="auto = a table on a terminal, CSV when piped; xlsx needs "
                 "-o PATH.xlsx.",
                 case_sensitive=False),
]
Output = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to this file; the format follows its suffix "
                 "(.csv, .tsv, .json, .md, .xlsx).", show_default=False, dir_okay=False),
]
Lenient = Annotated[bool, typer.Option("--lenient", help="Treat unreadable values as missing "
                                       "(counted in one warning) instead of stopping.")]
Verbose = Annotated[bool, typer.Option("--verbose", "-v", help="Say how the input was read "
                                       "(sheets, layout, rows).")]
Debug = Annotated[bool, typer.Option("--debug", help="Show the full traceback on errors.")]
Targets = Annotated[
    str | None,
    typer.Option("--targets", help="File of targets (area, indicator, period, target); overrides "
                 "the workbook's 'targets' sheet.", show_default=False),
]
FocusArea = Annotated[str, typer.Option("--area", "-a", help="The council whose performance is shown.",
                                        show_default=False)]
Tolerance = Annotated[
    float,
    typer.Option("--tolerance", help="A relative change at or below this is 'no change' (0.01 = 1%); "
                 "an indicator's own tolerance column overrides it.", min=0.0),
]
TiesRule = Annotated[Ties, typer.Option("--ties", help="How tied values rank.", case_sensitive=False)]
OverallMode = Annotated[Overall, typer.Option("--overall", help="Overall average over all indicators, "
                                              "or the mean of the theme averages.",
                                              case_sensitive=False)]
Encoding = Annotated[
    str | None,
    typer.Option("--encoding", help="Text encoding of CSV/TSV input (utf-8, utf-16, cp1252, "
                 "latin-1...). Default: detected (a byte-order mark, else UTF-8, else Windows-1252).",
                 show_default=False),
]
MaxCells = Annotated[
    int | None,
    typer.Option("--max-cells", help="Refuse an input file holding more cells than this (rows x "
                 "columns; default 5,000,000, or $BENCHMARK_MAX_CELLS). See docs/security.md.",
                 parser=read_whole_number, metavar="INTEGER", show_default=False),
]


def _shipped_profile_names() -> str:
    """The shipped profiles' names, from their file names (no TOML parsed for --help)."""
    from benchmark.core.data_folder import data_path

    return ", ".join(sorted(entry.name.removesuffix(".toml") for entry in data_path("profiles").iterdir()
                            if entry.name.endswith(".toml")))


Profile = Annotated[
    str,
    typer.Option("--profile", help="Layout of the source: auto recognises a published layout by its "
                 "headers (else reads the canonical layout), none always reads the canonical layout; "
                 f"or a shipped profile ({_shipped_profile_names()}) or a profile .toml file. See "
                 "benchmark profiles and docs/profiles.md.", metavar="auto|none|NAME|FILE.toml"),
]
Chart = Annotated[
    Path | None,
    typer.Option("--chart", help="Also draw a chart to this file (.png or .svg).", show_default=False,
                 dir_okay=False),
]
PerPage = Annotated[
    int,
    typer.Option("--per-page", min=0, help="With --chart: at most this many bars to a chart; a longer "
                 "one is drawn as NAME-1.svg, NAME-2.svg... on one scale (0: one chart however long)."),
]
Method = Annotated[QuartileMethod, typer.Option("--method", "-m", case_sensitive=False,
                                                help="Quartile rule: rank (ceil(4 x rank / n), the "
                                                "report's), percentile or ntile.")]

# Area attributes taken from an indicator of the data instead of a column of the areas table.
Funding = Annotated[
    str | None,
    typer.Option("--funding", help="An indicator of the data to use as funding per head (e.g. "
                 "'Spending power per head' from benchmark import) instead of the areas table's "
                 "funding_per_head column.", show_default=False, metavar="INDICATOR"),
]
Spend = Annotated[
    str | None,
    typer.Option("--spend", help="An indicator of the data to use as spend per head (e.g. 'NET "
                 "REVENUE EXPENDITURE per head' from benchmark import) instead of the areas table's "
                 "spend_per_head column.", show_default=False, metavar="INDICATOR"),
]
Deprivation = Annotated[
    str | None,
    typer.Option("--deprivation", help="An indicator of the data to use as deprivation, higher = "
                 "more deprived (e.g. 'IMD - Average score'), instead of the areas table's "
                 "deprivation_rank column; implies --against deprivation.", show_default=False,
                 metavar="INDICATOR"),
]


def pairs(option: str, given: list[str] | None, form: str) -> dict[str, str]:
    """'NAME=VALUE' texts of a repeated option as a mapping; a text without '=' is a usage error."""
    from benchmark.core.errors import UsageError

    found = {}
    for text in given or []:
        name, equals, value = text.partition("=")
        if not equals or not name.strip() or not value.strip():
            raise UsageError(f"{option} {text}: write {form}")
        found[name.strip()] = value.strip()
    return found


def per_file(option: str, what: str) -> object:
    """A repeatable import option FILE=VALUE that sets ``what`` for one source's indicators."""
    return typer.Option(option, help=f"FILE=VALUE: the {what} of every indicator of that source "
                        "(FILE as given or its name), over what the file and its profile say; "
                        "--metadata still wins. Repeat it for each file.", show_default=False,
                        metavar="FILE=VALUE")
