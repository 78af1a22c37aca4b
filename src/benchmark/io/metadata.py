"""Indicator and area metadata tables, with polarity in the spellings people use."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from benchmark.core.errors import DataError
from benchmark.core.headers import map_headers, normalise_header
from benchmark.core.model import (
    AREA,
    AREA_CODE,
    COMPARABLE,
    DEPRIVATION_RANK,
    FUNDING_PER_HEAD,
    INDICATOR,
    INDICATOR_COLUMNS,
    KIND,
    PERIOD,
    POLARITY,
    POPULATION,
    SPEND_PER_HEAD,
    TARGET,
    TARGET_COLUMNS,
    TOLERANCE,
    WEIGHT,
    MeasureKind,
    Polarity,
    Problem,
)
from benchmark.core.values import parse_values, text_column
from benchmark.io.raw import RawTable

if TYPE_CHECKING:
    import pandas as pd

POLARITY_SPELLINGS: dict[str, Polarity] = {
    **dict.fromkeys(("high", "higher", "higher is better", "high is good", "up", "+"), Polarity.HIGH),
    **dict.fromkeys(("low", "lower", "lower is better", "low is good", "down", "-"), Polarity.LOW),
    **dict.fromkeys(("none", "na", "n/a", "context", "neither"), Polarity.NONE),
}


def polarity_word(text: str) -> str:
    """'Higher is better' -> 'high'; a spelling we do not know comes back folded."""
    cleaned = " ".join(text.split()).lower()
    known = POLARITY_SPELLINGS.get(cleaned)
    return known.value if known is not None else cleaned
NUMERIC_AREA_COLUMNS = (POPULATION, SPEND_PER_HEAD, FUNDING_PER_HEAD, DEPRIVATION_RANK)


class UnknownPolarity(ValueError):
    pass


def parse_polarity(text: object) -> Polarity | None:
    """'Higher is better' -> Polarity.HIGH; blank -> None (missing). Raises UnknownPolarity."""
    if text is None or (isinstance(text, float) and text != text):
        return None
    cleaned = " ".join(str(text).split()).lower()
    if not cleaned:
        return None
    try:
        return POLARITY_SPELLINGS[cleaned]
    except KeyError:
        raise UnknownPolarity(text) from None


KIND_SPELLINGS: dict[str, MeasureKind] = {
    **dict.fromkeys(("performance", "perf", "ranked", "outcome"), MeasureKind.PERFORMANCE),
    **dict.fromkeys(("context", "contextual", "background", "not ranked"), MeasureKind.CONTEXT),
}


def parse_kind(text: object) -> MeasureKind | None:
    """'Context' -> MeasureKind.CONTEXT; blank -> None (decided by polarity). Raises KeyError."""
    if text is None or (isinstance(text, float) and text != text):
        return None
    cleaned = " ".join(str(text).split()).lower()
    return KIND_SPELLINGS[cleaned] if cleaned else None


def indicator_metadata(table: RawTable) -> tuple[pd.DataFrame, list[Problem]]:
    """The indicators table in canonical columns; unknown polarities come back as problems."""
    import pandas as pd

    columns = map_headers(list(table.frame.columns), INDICATOR_COLUMNS)
    if INDICATOR not in columns:
        raise DataError(f"{table.where()}: no indicator column; found {_listed(table)}. "
                        "Name the column 'indicator' (or Indicator Name, Measure)")
    result = pd.DataFrame({name: text_column(table.frame[header]) for name, header in columns.items()})
    missing_name = result[INDICATOR].isna()
    result = result[~missing_name]
    rows = [p for p, blank in enumerate(missing_name) if not blank]
    problems: list[Problem] = []
    if POLARITY in result:
        polarities = []
        for position, text in zip(rows, result[POLARITY], strict=True):
            try:
                polarity = parse_polarity(text)
                polarities.append(None if polarity is None else polarity.value)
            except UnknownPolarity:
                polarities.append(None)
                problems.append(Problem("polarity", f"{table.where(position, columns[POLARITY])}: "
                                        f"unknown polarity '{text}'; use high (higher is better), "
                                        "low (lower is better) or none (not ranked)"))
        result[POLARITY] = polarities
    if KIND in result:
        kinds = []
        for position, text in zip(rows, result[KIND], strict=True):
            try:
                kind = parse_kind(text)
            except KeyError:
                kind = None
                problems.append(Problem("kind", f"{table.where(position, columns[KIND])}: unknown kind "
                                        f"'{text}'; use performance (ranked) or context (never ranked)"))
            kinds.append(None if kind is None else kind.value)
        result[KIND] = kinds
    if WEIGHT in result:
        result[WEIGHT] = _numbers(table, rows, result[WEIGHT], columns[WEIGHT], lambda w: w > 0,
                                  "weight", "a positive number; use a number above 0 such as 1, "
                                  "or leave it blank for 1")
    if TOLERANCE in result:
        result[TOLERANCE] = _numbers(table, rows, result[TOLERANCE], columns[TOLERANCE],
                                     lambda t: t >= 0, "tolerance", "a number of 0 or more; use e.g. "
                                     "0.01 (1%), or leave it blank for the default")
    if COMPARABLE in result:
        result[COMPARABLE] = [_yes_no(table, position, columns[COMPARABLE], text)
                              for position, text in zip(rows, result[COMPARABLE], strict=True)]
    duplicated = result[INDICATOR].duplicated(keep="first")
    if duplicated.any():
        position = rows[int(duplicated.to_numpy().argmax())]
        name = result[INDICATOR].iloc[int(duplicated.to_numpy().argmax())]
        raise DataError(f"{table.where(position, columns[INDICATOR])}: indicator '{name}' is "
                        "described twice; keep one row per indicator")
    return result.reset_index(drop=True), problems


def _numbers(table: RawTable, rows: list[int], cells: pd.Series, header: str,
             allowed: Callable[[float], bool], name: str, requirement: str) -> list[float]:
    """A metadata column of numbers (blank = NaN); the first cell that is not one is an error."""
    numbers, bad = parse_values(cells)
    wrong = [cell.position for cell in bad]
    wrong += [p for p, number in enumerate(numbers) if number == number and not allowed(number)]
    if wrong:
        position = min(wrong)
        raise DataError(f"{table.where(rows[position], header)}: {name} '{cells.iloc[position]}' "
                        f"is not {requirement}")
    return numbers.tolist()


_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}


def _yes_no(table: RawTable, position: int, header: str, text: str | None) -> bool | None:
    if text is None:
        return None
    if text.casefold() in _YES | _NO:
        return text.casefold() in _YES
    raise DataError(f"{table.where(position, header)}: '{text}' is not yes or no; write yes, no, "
                    "or leave it blank")


def merge_indicator_metadata(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """One row per indicator in first-seen order; for each field the first frame that gives it
    wins (an indicators sheet over a long table's own columns), then the defaults."""
    import numpy as np
    import pandas as pd

    fields = [name for name in INDICATOR_COLUMNS if name != INDICATOR]
    merged: dict[object, dict[str, object]] = {}  # plain Python: a few ms, where pandas took ~20
    for frame in frames:
        rows = [merged.setdefault(name, {}) for name in frame[INDICATOR].tolist()]
        for field in fields:
            if field not in frame.columns:
                continue
            column = frame[field]
            for row, value, missing in zip(rows, column.tolist(), column.isna().tolist(), strict=True):
                if not missing and field not in row:
                    row[field] = value
    columns: dict[str, Any] = {INDICATOR: pd.Index(list(merged))}
    for field in fields:
        values = [row.get(field) for row in merged.values()]
        if field == WEIGHT:
            columns[field] = np.array([1.0 if v is None else v for v in values], dtype="float64")
        elif field == TOLERANCE:
            columns[field] = np.array([np.nan if v is None else v for v in values], dtype="float64")
        else:
            columns[field] = pd.Series(values, dtype=object)
    return pd.DataFrame(columns)  # one frame, built once


def area_metadata(table: RawTable) -> tuple[pd.DataFrame, list[Problem]]:
    """The areas table: canonical names for known columns, other columns kept as headed."""
    import pandas as pd

    known = (AREA, AREA_CODE, *NUMERIC_AREA_COLUMNS)
    columns = map_headers(list(table.frame.columns), known)
    for header in table.frame.columns:
        canonical = normalise_header(header).replace(" ", "_")
        if canonical in known and canonical not in columns:
            columns[canonical] = header
    if AREA not in columns:
        raise DataError(f"{table.where()}: no area column; found {_listed(table)}. "
                        "Name the column 'area' (or Area Name, Authority, Local Authority)")
    renamed = {header: name for name, header in columns.items()}
    area = text_column(table.frame[columns[AREA]])
    kept = area.notna().to_numpy()  # rows without an area name are left out
    built: dict[str, Any] = {AREA: area[kept].reset_index(drop=True)}
    read_from = {AREA: columns[AREA]}  # the header each column was read from
    problems: list[Problem] = []
    for header in table.frame.columns:
        column = renamed.get(header, header)
        if header == columns[AREA]:
            continue
        if column in read_from:
            raise DataError(f"{table.where()}: columns '{read_from[column]}' and '{header}' are both "
                            f"read as '{column}'; keep one of them, or rename the other")
        read_from[column] = header
        if column in NUMERIC_AREA_COLUMNS:
            numbers, bad = parse_values(table.frame[header])
            problems.extend(
                Problem("value", f"{table.where(cell.position, header)}: {cell.reason}; "
                        "use a number or leave the cell blank")
                for cell in bad
            )
            built[column] = numbers.to_numpy()[kept]
        else:
            built[column] = text_column(table.frame[header]).to_numpy()[kept]
    if AREA_CODE not in built:
        built = {AREA: built.pop(AREA), AREA_CODE: pd.Series([None] * int(kept.sum()), dtype=object), **built}
    return pd.DataFrame(built), problems  # one frame, built once: each column set costs ~0.2 ms


def _listed(table: RawTable) -> str:
    return ", ".join(f"'{column}'" for column in table.frame.columns) or "no columns"


def target_table(table: RawTable) -> pd.DataFrame:
    """A targets table: area, indicator, optional period, target as written."""
    import pandas as pd

    columns = map_headers(list(table.frame.columns), (AREA, INDICATOR, PERIOD, TARGET))
    missing = [name for name in (AREA, INDICATOR, TARGET) if name not in columns]
    if missing:
        raise DataError(f"{table.where()}: no {' or '.join(missing)} column; found {_listed(table)}. "
                        "A targets table has columns area, indicator, period (optional) and target")
    frame = pd.DataFrame({name: text_column(table.frame[header]) for name, header in columns.items()})
    if PERIOD not in frame:
        frame[PERIOD] = ""
    frame[PERIOD] = frame[PERIOD].fillna("")
    return frame.dropna(subset=[AREA, INDICATOR, TARGET])[list(TARGET_COLUMNS)].reset_index(drop=True)
