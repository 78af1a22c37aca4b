"""The shipped lookup of areas (``benchmark/data/geography/areas.csv``) and the matcher over it.

A row of the data is matched to an area by, in order:

1. its ONS (GSS) code or MHCLG E-code, when the lookup knows it: a code wins over the name, so
   "Dorset" with E06000059 is Dorset Council and "North Yorkshire" with E10000022 (the code the
   MHCLG 2017-18 outturn files use) is the county;
2. its name, written exactly as a canonical name or a listed variant (compared by the strict key
   of :func:`normalise_name`, suffixes kept): "Dorset Council" is the 2019 unitary;
3. its name with suffixes removed (the full key): "Dorset County Council", "Dorset (Cty)" and a
   bare "Dorset" are the 2018 county, because a county's key is taken before a successor's;
4. its DfE local-authority number (825), only when the name gave no match: a bare number in a
   code column might be some other numbering, and DfE kept some numbers across reorganisations
   (825 is Buckinghamshire before and after 2020), so a number never overrides a name.

A code the lookup does not know (E06000005, Darlington) is no evidence either way: the name decides.
"""

from __future__ import annotations

import csv
import difflib
import functools
from collections.abc import Iterable, Iterator
from datetime import date
from typing import NamedTuple

from benchmark.core.data_folder import data_path
from benchmark.geography.names import DFE_CODE, normalise_code, normalise_name

AREAS_FILE = "areas.csv"
OTHER_AREAS_FILE = "other_areas.csv"  # every other English authority of 2021, by name


class Area(NamedTuple):
    """One row of ``areas.csv``."""

    name: str  # canonical
    kind: str  # "county" or "unitary"
    ons_code: str
    other_codes: tuple[str, ...]  # other ONS codes seen for it (E10000022 for North Yorkshire)
    mhclg_ecode: str | None
    dfe_code: str | None
    region: str
    variants: tuple[str, ...]  # other spellings seen in real files
    predecessors: tuple[str, ...]  # for a successor: the areas it replaced
    successors: tuple[str, ...]  # for a reorganised area: the areas that replaced it
    reorganised: date | None  # the day the successors began (the predecessor ended the day before)


def geography_file(*parts: str) -> str:
    """The text of a shipped data file under ``benchmark/data/geography``."""
    return data_path("geography", *parts).read_text(encoding="utf-8")


def read_areas_file(text: str) -> list[Area]:
    """Parse the ``areas.csv`` format: lists inside a cell are separated by ';'."""

    def listed(cell: str) -> tuple[str, ...]:
        return tuple(part.strip() for part in cell.split(";") if part.strip())

    areas = []
    for row in csv.DictReader(text.splitlines()):
        when = row["reorganised"].strip()
        areas.append(Area(
            name=row["area"].strip(), kind=row["kind"].strip(), ons_code=row["ons_code"].strip(),
            other_codes=listed(row["other_codes"]), mhclg_ecode=row["mhclg_ecode"].strip() or None,
            dfe_code=row["dfe_code"].strip() or None, region=row["region"].strip(),
            variants=listed(row["variants"]), predecessors=listed(row["predecessors"]),
            successors=listed(row["successors"]),
            reorganised=date.fromisoformat(when) if when else None,
        ))
    return areas


class AreaMatcher:
    """Matches names and codes as written in data to the canonical names of a lookup."""

    def __init__(self, areas: list[Area], others: Iterable[str] = ()) -> None:
        self.areas = {area.name: area for area in areas}
        self._other_names = others  # read when a suggestion is first asked for
        self._codes: dict[str, str] = {}
        self._dfe: dict[str, str] = {}
        self._strict: dict[str, str] = {}
        self._full: dict[str, str] = {}
        for area in areas:
            for code in (area.ons_code, *area.other_codes, area.mhclg_ecode):
                if code:
                    self._codes.setdefault(code.upper(), area.name)
            if area.dfe_code:
                self._dfe.setdefault(area.dfe_code, area.name)
            for name in (area.name, *area.variants):
                self._strict.setdefault(normalise_name(name, suffixes=False), area.name)
        # Counties first: the full key "dorset" is the county, not "Dorset Council".
        for area in sorted(areas, key=lambda a: a.kind != "county"):
            for name in (area.name, *area.variants):
                self._full.setdefault(normalise_name(name), area.name)

    @classmethod
    @functools.cache
    def shipped(cls) -> AreaMatcher:
        """The matcher over the shipped ``areas.csv`` (read once)."""
        return cls(read_areas_file(geography_file(AREAS_FILE)), _other_area_names())

    @functools.cached_property
    def _others(self) -> frozenset[str]:
        """Names of other real authorities: never taken for a misspelling of a known area."""
        return frozenset(normalise_name(name) for name in self._other_names)

    def match(self, name: str | None, code: str | None = None) -> str | None:
        """The canonical name of the area with this name and/or code, or None when unknown."""
        code_key = normalise_code(code)
        if code_key is not None and code_key in self._codes:
            return self._codes[code_key]
        if name is not None and str(name).strip():
            found = (self._strict.get(normalise_name(name, suffixes=False))
                     or self._full.get(normalise_name(name)))
            if found is not None:
                return found
        if code_key is not None and DFE_CODE.match(code_key):
            return self._dfe.get(code_key)
        return None

    def code(self, canonical: str) -> str:
        """The ONS code of a canonical area."""
        try:
            return self.areas[canonical].ons_code
        except KeyError:
            raise KeyError(f"{canonical!r} is not a canonical area name of the lookup") from None

    def suggest(self, name: str, n: int = 3) -> list[str]:
        """Canonical names ``name`` is probably a misspelling of, nearest first.

        Candidates are the known names' full keys scored by difflib's ratio; one counts only if
        the keys are also within a typing slip of each other: at most one edit (insertion,
        deletion, substitution or swap of neighbours) per six characters, and at least one. So
        "Leicestershre" suggests Leicestershire, while Darlington, or Nottingham (a real city,
        five letters short of Nottinghamshire), suggests nothing; nor does the name of another
        English authority (``other_areas.csv``): Herefordshire is not a misspelt Hertfordshire.
        """
        if normalise_name(name) in self._others:
            return []
        scored = []
        # The full keys, then the strict ones ("dorset councl" is near Dorset Council's).
        for key, known_keys in ((normalise_name(name), self._full),
                                (normalise_name(name, suffixes=False), self._strict)):
            allowed = max(1, len(key) // 6)
            for known, canonical in known_keys.items():
                # The length difference alone is a lower bound on the edits: most keys end there.
                if (key and known != key and abs(len(key) - len(known)) <= allowed
                        and _edits(key, known, allowed) <= allowed):
                    scored.append((difflib.SequenceMatcher(None, key, known).ratio(), canonical))
        ordered = sorted(scored, key=lambda pair: -pair[0])
        return list(dict.fromkeys(canonical for _, canonical in ordered))[:n]


def _other_area_names() -> Iterator[str]:
    """The names in ``other_areas.csv``; a generator, so the file is read only when iterated."""
    for row in csv.DictReader(geography_file(OTHER_AREAS_FILE).splitlines()):
        yield row["area"]


def _edits(a: str, b: str, limit: int | None = None) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps.
    With ``limit``, any distance above it may be given as limit + 1 (found sooner: once a whole
    row of the table is above the limit, nothing later can come back under it)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, left in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, right in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (left != right))
            if i > 1 and j > 1 and left == b[j - 2] and a[i - 2] == right:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if limit is not None and min(current) > limit and (i < 2 or min(previous) > limit):
            return limit + 1
        previous2, previous = previous, current
    return previous[len(b)]
