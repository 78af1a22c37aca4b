"""The rows of a profiled table, turned canonical: rows kept and dropped, composite indicator
names, periods, values parsed where they stand, metadata. Whole columns at a time; names (which
repeat on thousands of rows) are worked out once per distinct name."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from benchmark.core.model import (
    AREA,
    AREA_CODE,
    INDICATOR,
    KIND,
    LABEL,
    PERIOD,
    POLARITY,
    SOURCE,
    THEME,
    UNIT,
    VALUE,
    Problem,
)
from benchmark.core.values import clean_text
from benchmark.io.observations import value_problem
from benchmark.io.profiles.headers import Found, melted_columns, resolve
from benchmark.io.profiles.schema import Profile
from benchmark.io.raw import RawTable

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

METADATA = (POLARITY, UNIT, THEME, LABEL, SOURCE, KIND)


def observations(found: Found, profile: Profile,
                 dropped: dict[str, int]) -> tuple[pd.DataFrame, np.ndarray, list[Problem]]:
    """The canonical columns of one table and the file row of each; counts go into ``dropped``."""
    import numpy as np
    import pandas as pd

    table = found.table
    body = table.frame
    keep = np.ones(len(body), dtype=bool)

    def drop(mask: np.ndarray, reason: str) -> None:
        nonlocal keep
        count = int((keep & mask).sum())
        if count:
            dropped[reason] = dropped.get(reason, 0) + count
        keep &= ~mask

    # A row that repeats the header row (files joined end to end) is left out; one that repeats
    # only its first header starts a second table (RSX by class of authority): not this one's.
    headers = [h for h in (resolve(table, (header,)) for header in profile.detect) if h is not None]
    again = _among(body[headers[0]], (headers[0],))
    if again.any():
        repeated = again.copy()
        for header in headers[1:]:
            repeated &= _among(body[header], (header,))
        drop(repeated, "a repeated header row")
        if (again & ~repeated).any():
            start = int((again & ~repeated).argmax())
            drop(np.arange(len(body)) >= start, f"a second table starting at row {table.row_numbers[start]}")
    for column, values in profile.keep:
        kept_header = resolve(table, (column,))
        drop(~_among(body[kept_header], values), f"{kept_header} is not {' or '.join(values)}")
    area_header = resolve(table, profile.columns[AREA])
    areas = texts(body[area_header])
    drop(areas.isna().to_numpy(), f"{area_header} is blank")
    names = None
    if profile.wide_header != "indicator":
        names, indicator_header = indicator_names(table, profile)
        drop(names.isna().to_numpy(), f"{indicator_header or 'indicator'} is blank")
        names = names[keep].reset_index(drop=True)
    body = body[keep].reset_index(drop=True)
    numbers: np.ndarray = np.asarray(table.row_numbers, dtype=np.int64)[keep]
    located = RawTable(table.file, table.sheet, body, numbers.tolist(), table.first_column)

    keys = {AREA: areas[keep].reset_index(drop=True)}
    code = resolve(located, profile.columns.get(AREA_CODE, ()))
    if code is not None:
        keys[AREA_CODE] = texts(body[code])
    flagged = np.zeros(len(body), dtype=bool)
    for column, values in profile.missing_when:
        flag_header = resolve(located, (column,))
        if flag_header is not None:
            flagged |= _among(body[flag_header], values)
    if profile.wide_header is None:
        value_header = resolve(located, profile.columns[VALUE])
        assert value_header is not None  # find() checked the profile's columns are there
        headers = [value_header]
        cells: np.ndarray = body[value_header].to_numpy()
        frame = pd.DataFrame({**keys, INDICATOR: names, PERIOD: periods(located, profile, found.title)})
    else:
        headers = melted_columns(located, profile)
        cells = np.asarray(body[headers], dtype=object).ravel(order="F")
        count = len(headers)
        frame = pd.DataFrame({name: np.tile(column.to_numpy(), count) for name, column in keys.items()})
        if profile.wide_header == "indicator":
            frame[INDICATOR] = np.repeat(np.array(_column_names(headers, profile), dtype=object), len(body))
            frame[PERIOD] = np.tile(periods(located, profile, found.title).to_numpy(), count)
        else:
            assert names is not None  # a period per column: names come from [constants]/[columns]
            frame[INDICATOR] = np.tile(names.to_numpy(), count)
            frame[PERIOD] = np.repeat(np.array([rewrite_period(header, profile.period_rewrite)
                                                for header in headers], dtype=object), len(body))
        numbers = np.tile(numbers, count)
    parsed, problems = parse(located, cells, np.tile(flagged, len(headers)), list(headers),
                             profile.missing)
    frame[VALUE] = parsed
    _add_metadata(frame, located, profile, len(headers) if profile.wide_header else 1)
    return frame, numbers, problems


def _column_names(headers: list[str], profile: Profile) -> list[str]:
    """Indicator names from column headers, renamed; where a rewrite makes two the same ('750:
    Interest ...' and '952: Interest ...' without their line numbers) both keep their header."""
    names = [rename(header, profile) or header for header in headers]
    return [name if names.count(name) == 1 else header for name, header in zip(names, headers, strict=True)]


def _among(series: pd.Series, values: tuple[str, ...]) -> np.ndarray:
    """Which cells are one of ``values`` (any case, surrounding space ignored)."""
    wanted = {value.strip().casefold() for value in values}
    return by_name(series, lambda text: text is not None and str(text).casefold() in wanted,
                   clean=True).to_numpy(dtype=bool)


def texts(series: pd.Series) -> pd.Series:
    """Cells as one-line text (object), None where blank; each distinct cell is cleaned once."""
    return by_name(series, lambda text: text, clean=True)


def by_name(series: pd.Series, transform: Callable[[object], object], clean: bool = False) -> pd.Series:
    """``transform`` applied once to each distinct cell (cleaned to text first if ``clean``);
    a missing cell gives None."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    mapped = [transform(clean_text(unique) if clean else unique) for unique in uniques]
    table = np.empty(len(mapped) + 1, dtype=object)
    table[:-1] = mapped
    table[-1] = transform(None) if clean else None
    return pd.Series(table[codes], index=series.index, dtype=object)


def indicator_names(table: RawTable, profile: Profile) -> tuple[pd.Series, str | None]:
    """Composite names: the name, then the breakdowns present in brackets ('Healthy life expectancy
    at birth (Female)'), blank ones left out; and the header the name comes from. Each distinct
    combination of cells is named once."""
    import numpy as np
    import pandas as pd

    headers = [h for h in (resolve(table, part) for part in profile.indicator_columns) if h]
    constant = profile.constants.get(INDICATOR)
    base_header = None if constant is not None else headers[0]
    breakdowns = headers if constant is not None else headers[1:]
    if not headers:
        return pd.Series([rename(constant, profile)] * len(table.frame), dtype=object), None
    factorized = [pd.factorize(table.frame[header], use_na_sentinel=True) for header in headers]
    if len(factorized) == 1:
        codes, combinations = factorized[0][0], [(code,) for code in range(len(factorized[0][1]))]
    else:
        codes, unique = pd.factorize(pd.MultiIndex.from_arrays([c for c, _ in factorized]))
        combinations = list(unique)
    formats = [profile.breakdown_format.get(header, "{}") for header in breakdowns]

    def name(combination: tuple[int, ...]) -> str | None:
        cells = [clean_text(uniques[code]) if code >= 0 else None
                 for code, (_, uniques) in zip(combination, factorized, strict=True)]
        base = constant if constant is not None else cells.pop(0)
        parts = [form.replace("{}", cell) for form, cell in zip(formats, cells, strict=True) if cell]
        if base is None:
            return None
        return rename(f"{base} ({', '.join(parts)})" if parts else base, profile)

    named = np.empty(len(combinations) + 1, dtype=object)
    named[:-1] = [name(tuple(combination)) for combination in combinations]
    named[-1] = name((-1,) * len(headers))  # (one column) a missing cell
    return pd.Series(named[codes], index=table.frame.index, dtype=object), base_header


def rename(name: object, profile: Profile) -> str | None:
    if name is None:
        return None
    text = " ".join(str(name).split())
    for pattern, replacement in profile.rewrite:
        text = re.sub(pattern, replacement, text)
    return profile.rename.get(text, text)


def periods(table: RawTable, profile: Profile, title: str) -> pd.Series:
    """Each row's period: from the period column when the file has it, else from the title rows,
    else the profile's constant (else blank)."""
    import pandas as pd

    header = resolve(table, profile.columns.get(PERIOD, ()))
    if header is not None:
        return by_name(table.frame[header], lambda text: rewrite_period(text, profile.period_rewrite)
                       or "", clean=True)
    period = profile.constants.get(PERIOD, "")
    if profile.period_from_title:
        match = re.search(profile.period_from_title, title)
        if match is not None:
            period = rewrite_period(match[0], profile.period_rewrite) or ""
    return pd.Series([period] * len(table.frame), dtype=object)


_RANGE = re.compile(r"^(\d{4})\s*(?:-|/|to|\u2013)\s*(\d{2}|\d{4})$")


def rewrite_period(text: object, rule: str | None) -> str | None:
    """'2015' -> '2015/16' (financial-year-starting) or '2014/15' (financial-year-ending); under
    any rule a financial year written '2015-16' or '2015 to 2016' -> '2015/16'. Anything else (a
    calendar year under 'financial-year', '2009-11' for three years pooled) is left as it is."""
    if text is None:
        return None
    text = str(text).strip()
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    if rule is None:
        return text
    if re.fullmatch(r"\d{4}", text) and rule != "financial-year":
        year = int(text) - (rule == "financial-year-ending")
        return f"{year}/{(year + 1) % 100:02d}"
    match = _RANGE.match(text)
    if match and int(match[2][-2:]) == (int(match[1]) + 1) % 100:
        return f"{match[1]}/{match[2][-2:]}"
    return text


def parse(located: RawTable, cells: np.ndarray, flagged: np.ndarray, headers: list[str],
          markers: tuple[str, ...]) -> tuple[np.ndarray, list[Problem]]:
    """Values parsed exactly, with the source's own missing markers and flagged rows missing.
    ``cells`` are the columns ``headers`` one after another; a problem names the source cell."""
    import numpy as np
    import pandas as pd

    from benchmark.core.values import parse_values

    series = pd.Series(np.asarray(cells, dtype=object))
    missing = flagged.copy()
    if markers:
        missing |= _among(series, markers)
    series = series.where(~missing, None)
    values, bad = parse_values(series)
    rows = max(len(located.frame), 1)
    problems = [value_problem(located, cell.position % rows, headers[cell.position // rows], cell.text,
                              cell.reason) for cell in bad]
    return values.to_numpy(), problems


def _add_metadata(frame: pd.DataFrame, located: RawTable, profile: Profile, repeat: int) -> None:
    """Polarity, unit, theme, label, source and kind: a column's cell (polarity through the profile's
    map), else the first rule whose pattern the indicator matches, else the profile's constant."""
    import numpy as np
    import pandas as pd

    for name in METADATA:
        header = resolve(located, profile.columns.get(name, ()))
        rules = [rule for rule in profile.rules if getattr(rule, name, None) is not None]
        constant = profile.constants.get(name)
        if header is None and not rules and constant is None:
            continue
        column = pd.Series([None] * len(frame), dtype=object)
        if header is not None:
            cells = texts(located.frame[header])
            if name == POLARITY and profile.polarity_map:
                cells = by_name(cells, lambda text: None if text is None else
                                profile.polarity_map.get(str(text).casefold(), text))
            column = pd.Series(np.tile(cells.to_numpy(), repeat), dtype=object)
        if rules:
            def first_rule(indicator: object, rules: list = rules, name: str = name) -> object:
                return next((getattr(rule, name) for rule in rules
                             if re.search(rule.match, str(indicator))), None)

            column = column.where(column.notna(), by_name(frame[INDICATOR], first_rule).to_numpy())
        if constant is not None:
            column = column.where(column.notna(), constant)
        frame[name] = column.astype("string")  # text columns: read back without a per-cell loop
