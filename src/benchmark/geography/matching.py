"""Matching a table's areas to canonical names, and finding a comparator group's members in data.

Work is done once per distinct (name, code) pair, never per row: a ten-million-row table of 150
areas costs two integer factorisations and 150 look-ups.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from benchmark.core.distinct import codes as integer_codes
from benchmark.core.distinct import combined_codes
from benchmark.core.model import AREA, AREA_CODE
from benchmark.geography.groups import ComparatorGroup
from benchmark.geography.lookup import AreaMatcher
from benchmark.geography.names import ONS_CODE, normalise_name

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

NO_NAME = "(no name or code)"


class Pairs(NamedTuple):
    """The distinct (name, code) pairs of two columns."""

    pair_of_row: np.ndarray  # per row, the position of its pair below
    names: list[str | None]  # per pair, in order of first appearance; None = missing
    codes: list[str | None]

    def rows(self) -> np.ndarray:
        """How many rows hold each pair."""
        import numpy as np

        return np.bincount(self.pair_of_row, minlength=len(self.names))


def distinct_pairs(names: pd.Series, codes: pd.Series | None = None) -> Pairs:
    """The distinct (name, code) pairs, found on integer codes (categories for a categorical)."""
    import numpy as np
    import pandas as pd

    name_index, name_values = _factorise(names)
    name_index = name_index.astype(np.int64)
    code_values: list[str | None] = []
    if codes is None:
        code_index = np.full(len(names), -1, dtype=np.int64)
    else:
        code_index, code_values = _factorise(codes)
        code_index = code_index.astype(np.int64)
    width = len(code_values) + 1
    key = (name_index + 1) * width + (code_index + 1)
    index, keys = pd.factorize(key)
    keys = np.asarray(keys, dtype=np.int64)
    pair_names = [None if k // width == 0 else name_values[k // width - 1] for k in keys.tolist()]
    pair_codes = [None if k % width == 0 else code_values[k % width - 1] for k in keys.tolist()]
    return Pairs(np.asarray(index, dtype=np.int64), pair_names, pair_codes)


def present_pairs(names: pd.Series, codes: pd.Series | None = None, *, rows: np.ndarray | None = None,
                  by: pd.Series | None = None) -> list[tuple[str | None, str | None, str | None]]:
    """The distinct (name, code, by) triples among ``rows`` (a boolean mask; None = all rows),
    in category order. Cheaper than :func:`distinct_pairs` (no per-row index, no hashing on
    categoricals: one bincount), for questions such as "which areas have a value"."""
    import numpy as np

    columns = [_factorise(column) if column is not None else None for column in (names, codes, by)]
    size = 1
    for column in columns:
        size *= 1 if column is None else len(column[1]) + 1
    # The key in the narrowest integer that holds it: int32 for any real table (half the memory
    # traffic of int64 over ten million rows). Rows not asked about take one more key, left out,
    # which is cheaper than picking the rows out of every column.
    given = [column for column in columns if column is not None]
    key = combined_codes([column[0] for column in given], [len(column[1]) + 1 for column in given],
                         np.int32 if size < 2**31 else np.int64)
    if rows is not None:
        key[~rows] = size
    if size <= 50_000_000:
        seen = np.zeros(size + 1, dtype=bool)  # flags, not np.bincount, which copies int32 keys to int64
        seen[key] = True
        present = np.flatnonzero(seen[:size])
    else:
        present = np.unique(key if rows is None else key[rows])
    found = []
    for number in present.tolist():
        parts: list[str | None] = []
        for column in reversed(columns):
            values = [] if column is None else column[1]
            number, position = divmod(number, len(values) + 1)
            parts.append(None if position == 0 else values[position - 1])
        found.append((parts[2], parts[1], parts[0]))
    return found


def _factorise(series: pd.Series) -> tuple[np.ndarray, list[str | None]]:
    """Integer codes (-1 = missing) of the rows, and the value of each code as text."""
    index, values = integer_codes(series)
    return index, [None if _missing(value) else str(value) for value in values]


def _missing(value: object) -> bool:
    import pandas as pd

    return value is None or bool(pd.isna(value)) or not str(value).strip()


@dataclass(frozen=True, eq=False, repr=False)  # holds frames: compared and shown by identity
class AreaMatch:
    """A table with its areas matched to canonical names, and what could not be matched."""

    frame: pd.DataFrame  # matched rows: canonical area and ONS code; unmatched rows unchanged
    matched: list[str]  # canonical areas found, in order of first appearance
    unmatched: dict[str, list[str]]  # name as written -> suggestions ([] when none is near)
    rows_matched: int
    rows_unmatched: int
    # A code of one known area beside the name of another, unrelated one ("Essex" with Kent's
    # code): the code wins the match, and these say so.
    conflicts: tuple[str, ...] = ()

    @property
    def summary(self) -> str:
        """One line: how many rows were matched, and which names were not (with suggestions)."""
        line = (f"{self.rows_matched:,} rows matched to {len(self.matched)} known areas; "
                f"{self.rows_unmatched:,} rows not matched")
        if not self.unmatched:
            return line
        names = [f"'{name}'" + (f" (did you mean {' or '.join(near)}?)" if near else "")
                 for name, near in self.unmatched.items()]
        shown = "; ".join(names[:10]) + (f"; and {len(names) - 10} more" if len(names) > 10 else "")
        return f"{line} ({len(names)} names: {shown})"


def match_areas(frame: pd.DataFrame, matcher: AreaMatcher | None = None) -> AreaMatch:
    """Give every row whose area is known its canonical name and ONS code.

    ``frame`` has an ``area`` column and optionally ``area_code`` (categorical, text or missing).
    A categorical column stays categorical (categories sorted); any other becomes object.
    Unmatched rows keep their area and code as they were, and are reported with suggestions for
    names that look like misspellings of a known area (:meth:`AreaMatcher.suggest`).
    """
    import numpy as np
    import pandas as pd

    matcher = matcher or AreaMatcher.shipped()
    codes = frame[AREA_CODE] if AREA_CODE in frame.columns else None
    pairs = distinct_pairs(frame[AREA], codes)
    canonical = [matcher.match(name, code) for name, code in zip(pairs.names, pairs.codes, strict=True)]
    counts = pairs.rows()
    out_names = [found or name for found, name in zip(canonical, pairs.names, strict=True)]
    out_codes = [matcher.code(found) if found else code
                 for found, code in zip(canonical, pairs.codes, strict=True)]
    result = frame.copy()
    result[AREA] = _expand(out_names, pairs.pair_of_row, frame[AREA], len(frame))
    if codes is not None:
        result[AREA_CODE] = _expand(out_codes, pairs.pair_of_row, codes, len(frame))
    else:
        result[AREA_CODE] = pd.Series(np.asarray(out_codes, dtype=object)[pairs.pair_of_row] if len(frame)
                                      else [], index=frame.index, dtype=object)
    unmatched: dict[str, list[str]] = {}
    for found, name, code in zip(canonical, pairs.names, pairs.codes, strict=True):
        if found is None:
            label = name or code or NO_NAME
            if label not in unmatched:
                # A row with an ONS code is another area (a county's code would have matched).
                coded = code is not None and ONS_CODE.match(code.strip().upper()) is not None
                unmatched[label] = matcher.suggest(name) if name and not coded else []
    is_matched = np.array([found is not None for found in canonical], dtype=bool)
    conflicts = tuple(dict.fromkeys(
        conflict for name, code in zip(pairs.names, pairs.codes, strict=True)
        if (conflict := _conflict(matcher, name, code)) is not None))
    return AreaMatch(
        frame=result,
        matched=list(dict.fromkeys(found for found in canonical if found is not None)),
        unmatched=unmatched,
        rows_matched=int(counts[is_matched].sum()),
        rows_unmatched=int(counts[~is_matched].sum()),
        conflicts=conflicts,
    )


def _conflict(matcher: AreaMatcher, name: str | None, code: str | None) -> str | None:
    """Words for a row whose code and name are two known areas that are not one body before
    and after a reorganisation ("Dorset" with Dorset Council's code is the same place renamed)."""
    if not name or not code:
        return None
    by_code, by_name = matcher.match(None, code), matcher.match(name)
    if by_code is None or by_name is None or by_code == by_name:
        return None
    if by_code in matcher.areas[by_name].successors or by_name in matcher.areas[by_code].successors:
        return None
    return f"'{name}' with the code {code}, which is {by_code}'s"


def _expand(values: list[str | None], index: np.ndarray, like: pd.Series, rows: int) -> pd.Series:
    """Per-pair values spread back to the rows, categorical when ``like`` is."""
    import numpy as np
    import pandas as pd

    if isinstance(like.dtype, pd.CategoricalDtype):
        categories = sorted({value for value in values if value is not None})
        position = {value: number for number, value in enumerate(categories)}
        remap = np.array([-1 if value is None else position[value] for value in values] + [-1],
                         dtype=np.int64)
        codes = remap[index] if rows else np.array([], dtype=np.int64)
        return pd.Series(pd.Categorical.from_codes(codes, categories=categories), index=like.index)
    lookup = np.array([*values, None], dtype=object)
    return pd.Series(lookup[index] if rows else [], index=like.index, dtype=object)


def group_member(group: ComparatorGroup,
                 matcher: AreaMatcher | None = None) -> Callable[[str | None, str | None], str | None]:
    """A function (name, code) -> the member of ``group`` that row is, or None.

    Members known to the matcher are found by code or any spelling; other members by the
    normalised name (:func:`normalise_name`).
    """
    matcher = matcher or AreaMatcher.shipped()
    known = {member for member in group.members if member in matcher.areas}
    others = {normalise_name(member): member for member in group.members if member not in known}

    def member(name: str | None, code: str | None) -> str | None:
        found = matcher.match(name, code)
        if found is not None:
            return found if found in known else None
        return others.get(normalise_name(name)) if name else None

    return member


def group_areas(group: ComparatorGroup, areas: pd.DataFrame,
                matcher: AreaMatcher | None = None) -> tuple[list[str], list[str]]:
    """The data's own area names that are members of ``group`` (in data order), and the members
    found nowhere in the data (in the group's order). ``areas`` has ``area`` and optionally
    ``area_code``; repeated rows are fine."""
    member = group_member(group, matcher)
    codes = areas[AREA_CODE] if AREA_CODE in areas.columns else None
    pairs = distinct_pairs(areas[AREA], codes)
    names: list[str] = []
    covered: set[str] = set()
    for name, code in zip(pairs.names, pairs.codes, strict=True):
        found = member(name, code)
        if found is not None and name is not None:
            covered.add(found)
            if name not in names:
                names.append(name)
    return names, [member_name for member_name in group.members if member_name not in covered]
