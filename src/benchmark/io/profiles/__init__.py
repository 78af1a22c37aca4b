"""Read a published layout through its profile: recognise it, then turn it into the canonical
long table.

:func:`choose_profile` recognises a shipped layout by its headers (``--profile auto``), or takes one
by name or from a TOML file (:mod:`benchmark.io.profiles.schema`); :func:`apply_profile` finds each
table's header row (:mod:`benchmark.io.profiles.headers`), keeps and drops rows, composes names,
periods and metadata (:mod:`benchmark.io.profiles.rows`), and returns one canonical long table whose
row numbers are the source file's own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from benchmark.core.errors import DataError, UsageError
from benchmark.core.model import Problem
from benchmark.core.text import printable
from benchmark.io.profiles.headers import cells, considered, find, header_position, rehead, unresolved
from benchmark.io.profiles.schema import Profile, load_profile, shipped_profiles
from benchmark.io.raw import RawTable

__all__ = ["AUTO", "NONE", "Profile", "ProfiledTable", "apply_profile", "choose_profile",
           "load_profile", "shipped_profiles"]

AUTO, NONE = "auto", "none"


@dataclass(frozen=True)
class ProfiledTable:
    """A source read through a profile: ``table`` is one canonical long table (area, area_code,
    indicator, period, value, and the polarity/unit/theme/label/source the profile gives) with the
    source's row numbers; ``note`` says how it was read; ``dropped`` counts the rows left out, by
    reason; ``problems`` are unreadable values, each naming its cell in the source."""

    table: RawTable
    note: str
    dropped: dict[str, int]
    problems: tuple[Problem, ...] = field(default=())


def choose_profile(tables: list[RawTable], spec: str | None = AUTO) -> Profile | None:
    """The profile to read ``tables`` with. ``"auto"``: the shipped profile whose headers the tables
    have, else None (the canonical layout); ``"none"`` or None: None; otherwise a shipped profile's
    name (any case) or the path of a .toml file, which must fit the tables (else DataError)."""
    if spec is None or spec.strip().casefold() == NONE:
        return None
    if spec.strip().casefold() == AUTO:
        seen: dict[int, list[set[str]]] = {}
        matches = [profile for profile in shipped_profiles() if find(tables, profile, seen)]
        # The shipped profiles never overlap on the real files (tested); the most specific wins.
        return max(matches, key=lambda profile: len(profile.detect), default=None)
    profile = _named(spec)
    if not find(tables, profile):
        raise DataError(_mismatch(tables, profile))
    return profile


def _named(spec: str) -> Profile:
    if spec.strip().lower().endswith(".toml") or "/" in spec or "\\" in spec:
        return load_profile(spec)
    shipped = shipped_profiles()
    for profile in shipped:
        if profile.name.casefold() == spec.strip().casefold():
            return profile
    names = ", ".join(profile.name for profile in shipped)
    raise UsageError(f"--profile {printable(spec)}: no shipped profile has that name; use auto, none, "
                     f"one of {names}, or the path of a profile .toml file")


def _mismatch(tables: list[RawTable], profile: Profile) -> str:
    """Why a named profile does not fit: the headers it looks for and those the file has."""
    readable = considered(tables, profile)
    if not readable:
        return (f"{tables[0].file}: no sheet to read with profile {profile.name} (it reads "
                f"{', '.join(profile.sheets) or 'every sheet but notes'}); check the file")
    for table in readable:
        position = header_position(table, profile)
        if position is not None:
            lacking = unresolved(rehead(table, position).table, profile) or "columns of values"
            return (f"{table.where()}: has the headers of {profile.title} (profile {profile.name}) "
                    f"but no {lacking}; check the file, or the profile's [columns] and [wide]")
    table = readable[0]
    expected = ", ".join(f"'{header}'" for header in profile.detect)
    found = ", ".join(f"'{header}'" for header in cells(list(table.frame.columns), table)[:12] if header)
    return (f"{table.where()}: this is not {profile.title} (profile {profile.name}): it needs a row "
            f"of headers with {expected}; found {found or 'no headers'}. Use --profile auto to "
            "recognise the layout, or --profile none to read it as the canonical layout")


def apply_profile(tables: list[RawTable], profile: Profile) -> ProfiledTable:
    """One canonical long table from every table the profile fits (a workbook's sheets in order)."""
    import numpy as np
    import pandas as pd

    from benchmark.io.profiles.rows import observations

    found = find(tables, profile)
    if not found:
        raise DataError(_mismatch(tables, profile))
    frames, numbers, problems = [], [], []
    dropped: dict[str, int] = {}
    for candidate in found:
        frame, kept_numbers, found_problems = observations(candidate, profile, dropped)
        frames.append(frame)
        numbers.append(kept_numbers)
        problems.extend(found_problems)
    combined = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    first = found[0].table
    table = RawTable(first.file, first.sheet if len(found) == 1 else None, combined,
                     np.concatenate(numbers).tolist())
    rows = sum(len(candidate.table.frame) for candidate in found)
    where = first.where() if len(found) == 1 else f"{first.file} ({len(found)} sheets)"
    reasons = "; ".join(f"{count:,} {reason}" if len(dropped) > 1 else reason
                        for reason, count in dropped.items())
    note = (f"{where}: read as {profile.title} (profile {profile.name}): {rows:,} rows; "
            f"kept {rows - sum(dropped.values()):,}"
            + (f"; dropped {sum(dropped.values()):,} ({reasons})" if dropped else "")
            + (f"; {len(combined):,} observations" if profile.wide_header else ""))
    return ProfiledTable(table, note, dropped, tuple(problems))
