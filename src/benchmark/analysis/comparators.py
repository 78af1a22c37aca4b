"""Which areas are compared: a --group (a column of the area metadata, or a shipped group found
by code or name), an --area found among them, and what the user should know about them (members
missing, a reorganised area beside its successor, one area under two names)."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from benchmark.core.distinct import distinct
from benchmark.core.errors import UsageError
from benchmark.core.headers import normalise_header
from benchmark.core.model import AREA, AREA_CODE, GROUP, PERIOD, VALUE, Dataset
from benchmark.core.text import some_of
from benchmark.core.values import clean_text
from benchmark.geography import (
    AreaMatcher,
    ComparatorGroup,
    comparator_group,
    group_member,
    mixed_reorganisations,
    normalise_name,
    present_pairs,
    shipped_groups,
)

if TYPE_CHECKING:
    import pandas as pd


class Comparators(NamedTuple):
    """The areas a ``--group`` picks out of a dataset, and what the user should know about it."""

    areas: list[str]  # the data's own names, in data order
    text: str  # "all 27 areas in the data", "counties-2018 (27 areas)", "region=S (2 areas)"
    warnings: tuple[str, ...] = ()  # members missing from the data, rows left out
    excluded: tuple[tuple[str, str], ...] = ()  # (area, code) rows of a member's name that are
    # another area by their code: 'Dorset' with E06000059 is Dorset Council, not the county


def comparators(dataset: Dataset, group: str | None) -> Comparators:
    """The areas compared: every area in the data, or those of ``--group``, which is one of

    * ``COLUMN=VALUE``: areas whose area-metadata column COLUMN is VALUE (any case);
    * ``NAME``: areas whose ``group`` column is NAME; failing that, the members of the shipped
      comparator group NAME (``counties-2018``), found in any data by code or name. The data's
      own column comes first, so a user's ``group`` value may reuse a shipped group's name.
    """
    if group is None:
        in_data = distinct(dataset.observations[AREA])
        return Comparators(in_data, f"all {len(in_data)} areas in the data")
    areas = dataset.areas
    column_name, _, wanted = group.rpartition("=") if "=" in group else (GROUP, "", group)
    columns = {normalise_header(c): c for c in areas.columns if c != AREA}
    column = columns.get(normalise_header(column_name))
    shipped = None if "=" in group else comparator_group(group)
    cells = [clean_text(cell) for cell in areas[column]] if column is not None else []
    matched = [] if column is None else [
        area for area, cell in zip(areas[AREA], cells, strict=True)
        if cell is not None and cell.casefold() == wanted.strip().casefold()]
    if matched:
        return Comparators(matched, f"{column}={wanted} ({len(matched)} areas)")
    if shipped is not None:
        return _shipped_comparators(dataset, shipped, group)
    hint = _shipped_hint(group) if "=" not in group else ""
    if column is None:
        available = ", ".join(sorted(str(c) for c in columns.values())) or "none"
        raise UsageError(f"--group {group}: the area metadata has no '{column_name}' column "
                         f"(columns: {available}); supply an areas sheet or --areas file with it, "
                         f"or use --group COLUMN=VALUE{hint}")
    values = some_of(sorted({c for c in cells if c is not None}), 20) or "none"
    raise UsageError(f"--group {group}: no area has {column} = '{wanted}'; values found: {values}{hint}")


def _shipped_hint(group: str) -> str:
    import difflib

    names = [shipped.name for shipped in shipped_groups()]
    near = difflib.get_close_matches(group.strip().casefold(), names, n=1, cutoff=0.6)
    return (f"; or a shipped group: {', '.join(names)}"
            + (f" (did you mean {near[0]}?)" if near else ""))


def _shipped_comparators(dataset: Dataset, shipped: ComparatorGroup, asked: str) -> Comparators:
    """The members of a shipped group found in the data, by code or any spelling of the name."""
    member = group_member(shipped)
    names: list[str] = []
    covered: set[str] = set()
    others: list[tuple[str, str]] = []  # (name, code) pairs that are no member
    for source in (dataset.observations, dataset.areas):
        codes = source[AREA_CODE] if AREA_CODE in source.columns else None
        found = [(name, code) for name, code, _ in present_pairs(source[AREA], codes) if name is not None]
        in_order = {name: number for number, name in enumerate(distinct(source[AREA]))}
        for name, code in sorted(found, key=lambda pair: in_order[pair[0]]):
            area = member(name, code)
            if area is None:
                others.append((name, code or ""))
                continue
            covered.add(area)
            if name not in names:
                names.append(name)
    if not names:
        raise UsageError(f"--group {asked}: none of the {len(shipped.members)} areas of "
                         f"{shipped.name} ({shipped.title}) is in the data, by name or ONS code; "
                         "check the area names, or choose another --group")
    matcher = AreaMatcher.shipped()
    excluded = tuple(dict.fromkeys((name, code) for name, code in others if name in names and code))
    warnings = []
    missing = [name for name in shipped.members if name not in covered]
    if missing:
        warnings.append(f"{shipped.name}: {len(covered)} of {len(shipped.members)} areas in the data; "
                        f"missing: {', '.join(missing)}")
    if excluded:
        warnings.append(f"{shipped.name}: left out rows whose code is an area outside the group: "
                        + "; ".join(f"'{name}' with {code} ({matcher.match(name, code)})"
                                    for name, code in excluded))
    return Comparators(names, f"{shipped.name} ({len(names)} areas)", tuple(warnings), excluded)


def compared_area_warnings(frame: pd.DataFrame, by_period: bool = False) -> list[str]:
    """Warnings about the areas with a value in ``frame``: a reorganised area beside its
    successor (within one period when ``by_period``), and one area under two names."""
    with_value = frame[VALUE].notna().to_numpy()
    if not with_value.any():
        return []
    codes = frame[AREA_CODE] if AREA_CODE in frame.columns else None
    found = present_pairs(frame[AREA], codes, rows=with_value)
    matcher = AreaMatcher.shipped()
    known = {area for name, code, _ in found if (area := matcher.match(name, code)) is not None}
    if by_period and mixed_reorganisations(known, matcher):
        # A county and its successor are both in the data: are they in one period together?
        found = present_pairs(frame[AREA], codes, rows=with_value, by=frame[PERIOD])
    canonical = {(name, code): matcher.match(name, code) for name, code, _ in found}
    periods: dict[str | None, set[str]] = {}
    spellings: dict[str, list[str]] = {}
    for name, code, period in found:
        area = canonical[name, code]
        if area is not None and name is not None:
            periods.setdefault(period, set()).add(area)
            if name not in spellings.setdefault(area, []):
                spellings[area].append(name)
    warnings = [message for areas in periods.values() for message in mixed_reorganisations(areas, matcher)]
    for area, names in spellings.items():
        if len(names) > 1:
            listed = " and ".join(f"'{name}'" for name in names)
            warnings.append(f"{listed} are one area ({area}) under {len(names)} names, compared as "
                            f"{len(names)} areas; give them one name in the data")
    return list(dict.fromkeys(warnings))


def find_area(name: str, areas: list[str], option: str = "--area") -> str:
    """The area called ``name``: as written (any case), else the one area whose normalised name
    is the same ("Leicestershire County Council" finds "Leicestershire"); otherwise a usage error
    suggesting areas whose normalised names are near."""
    import difflib

    for area in areas:
        if area.casefold() == name.strip().casefold():
            return area
    by_key: dict[str, list[str]] = {}
    for area in areas:
        by_key.setdefault(normalise_name(area), []).append(area)
    key = normalise_name(name)
    same = by_key.get(key, [])
    if len(same) == 1:
        return same[0]
    if same:
        raise UsageError(f"{option} {name}: {len(same)} compared areas go by that name ("
                         f"{' and '.join(repr(area) for area in same)}); give one as written")
    known = _known_as(name, areas)
    if known is not None:
        return known
    near = [area for found in difflib.get_close_matches(key, list(by_key), n=3, cutoff=0.5)
            for area in by_key[found]]
    hint = f"; did you mean {' or '.join(repr(n) for n in near)}?" if near else ""
    raise UsageError(f"{option} {name}: no such area among the {len(areas)} compared{hint}")


def _known_as(name: str, areas: list[str]) -> str | None:
    """The one compared area the shipped lookup knows ``name`` as: by ONS or DfE code
    (E10000018, 855) or a spelling it lists ("Leicestershire CC")."""
    matcher = AreaMatcher.shipped()
    canonical = matcher.match(name, name.strip())
    if canonical is None:
        return None
    found = [area for area in areas if matcher.match(area) == canonical]
    return found[0] if len(found) == 1 else None
