"""Indicator and area metadata tables, with polarity in the spellings people use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from benchmark.errors import DataError
from benchmark.io.headers import map_headers, normalise_header
from benchmark.io.tables import RawTable, text_column
from benchmark.io.values import parse_values
from benchmark.model import (
    AREA,
    AREA_CODE,
    DEPRIVATION_RANK,
    FUNDING_PER_HEAD,
    INDICATOR,
    INDICATOR_COLUMNS,
    LABEL,
    POLARITY,
    POPULATION,
    SOURCE,
    SPEND_PER_HEAD,
    THEME,
    UNIT,
    WEIGHT,
    Polarity,
    Problem,
)

if TYPE_CHECKING:
    import pandas as pd

POLARITY_SPELLINGS: dict[str, Polarity] = {
    **dict.fromkeys(("high", "higher", "higher is better", "high is good", "up", "+"), Polarity.HIGH),
    **dict.fromkeys(("low", "lower", "lower is better", "low is good", "down", "-"), Polarity.LOW),
    **dict.fromkeys(("none", "na", "n/a", "context", "neither"), Polarity.NONE),
}
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
    if WEIGHT in result:
        weights, bad = parse_values(result[WEIGHT])
        if bad:
            where = table.where(rows[bad[0].position], columns[WEIGHT])
            raise DataError(f"{where}: weight '{bad[0].text}' is not a number; use a number such as 1")
        result[WEIGHT] = weights.fillna(1.0).to_numpy()
    duplicated = result[INDICATOR].duplicated(keep="first")
    if duplicated.any():
        position = rows[int(duplicated.to_numpy().argmax())]
        name = result[INDICATOR].iloc[int(duplicated.to_numpy().argmax())]
        raise DataError(f"{table.where(position, columns[INDICATOR])}: indicator '{name}' is "
                        "described twice; keep one row per indicator")
    return complete_indicator_columns(result.reset_index(drop=True)), problems


def complete_indicator_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Add any missing canonical indicator column with its default, in canonical order."""
    for name in INDICATOR_COLUMNS:
        if name not in frame:
            frame[name] = 1.0 if name == WEIGHT else None
    frame[WEIGHT] = frame[WEIGHT].astype("float64")
    return frame[list(INDICATOR_COLUMNS)]


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
    frame = table.frame.rename(columns=renamed)
    problems: list[Problem] = []
    result = pd.DataFrame({AREA: text_column(frame[AREA])})
    for column in frame.columns:
        if column == AREA:
            continue
        if column in NUMERIC_AREA_COLUMNS:
            numbers, bad = parse_values(frame[column])
            problems.extend(
                Problem("value", f"{table.where(cell.position, columns[column])}: {cell.reason}; "
                        "use a number or leave the cell blank")
                for cell in bad
            )
            result[column] = numbers.to_numpy()
        else:
            result[column] = text_column(frame[column]).to_numpy()
    result = result[result[AREA].notna()].reset_index(drop=True)
    if AREA_CODE not in result:
        result.insert(1, AREA_CODE, None)
    return result, problems


def _listed(table: RawTable) -> str:
    return ", ".join(f"'{column}'" for column in table.frame.columns) or "no columns"
