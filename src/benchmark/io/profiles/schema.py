"""Layout profiles as data: what a profile TOML file may say, read and checked.

A profile tells, for one source layout (an Oflog export, a Fingertips extract, an MHCLG revenue
outturn table...), which columns give the area, indicator, period and value, and what else to do
to turn it into the canonical long table. The schema is documented in ``docs/profiles.md``;
:func:`load_profile` refuses an unknown key, naming the file and the key and listing the valid ones.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmark.core.errors import DataError
from benchmark.core.text import printable

POLARITIES = ("high", "low", "none")
PERIOD_REWRITES = {
    "financial-year-starting": "2015 -> 2015/16 (the year a financial year starts)",
    "financial-year-ending": "2016 -> 2015/16 (the year a financial year ends)",
    "financial-year": "2015-16, 2015 to 2016 -> 2015/16",
}
_SCHEMA: dict[str, dict[str, str] | str] = {
    "name": "str", "title": "str", "description": "str",
    "detect": {"headers": "list", "sheets": "list", "skip_sheets": "list"},
    "columns": {"area": "columns", "area_code": "columns", "indicator": "columns", "period": "columns",
                "value": "columns", "polarity": "columns", "unit": "columns", "theme": "columns",
                "label": "columns", "source": "columns"},
    "wide": {"header": "str", "columns": "str", "ignore": "list"},
    "constants": {"indicator": "str", "period": "str", "polarity": "str", "unit": "str",
                  "theme": "str", "label": "str", "source": "str", "kind": "str"},
    "names": {"breakdown_format": "table", "rename": "table", "rewrite": "pairs"},
    "period": {"from_title": "str", "rewrite": "str"},
    "polarity": {"map": "table"},
    "rules": "rules",
    "rows": {"keep": "lists", "missing": "list", "missing_when": "lists"},
    "money": {"per_head_scale": "number", "per_head_unit": "str"},
}
_RULE_KEYS = ("match", "polarity", "unit", "theme", "kind")
KINDS = ("performance", "context")


@dataclass(frozen=True)
class Rule:
    """Metadata for the indicators whose name matches ``match`` (a regular expression, searched)."""

    match: str
    polarity: str | None = None
    unit: str | None = None
    theme: str | None = None
    kind: str | None = None  # performance or context


@dataclass(frozen=True)
class Profile:
    """One source layout. Column references are tuples of alternative headers: the first one the
    file has is used. See docs/profiles.md for what each part means."""

    name: str
    title: str
    source: str  # the TOML file it was read from
    description: str = ""
    detect: tuple[str, ...] = ()  # headers the header row must all have
    sheets: tuple[str, ...] = ()  # sheet name patterns to read (fnmatch, any case); () = every sheet
    skip_sheets: tuple[str, ...] = ("notes",)
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)  # canonical -> alternatives
    indicator_columns: tuple[tuple[str, ...], ...] = ()  # the name, then breakdowns (long layout)
    wide_header: str | None = None  # "indicator" or "period": what a melted column's header gives
    wide_columns: str | None = None  # regex selecting the columns to melt (default: all the others)
    wide_ignore: tuple[str, ...] = ()
    constants: dict[str, str] = field(default_factory=dict)
    breakdown_format: dict[str, str] = field(default_factory=dict)
    rename: dict[str, str] = field(default_factory=dict)
    rewrite: tuple[tuple[str, str], ...] = ()
    period_from_title: str | None = None
    period_rewrite: str | None = None
    polarity_map: dict[str, str] = field(default_factory=dict)
    rules: tuple[Rule, ...] = ()
    keep: tuple[tuple[str, tuple[str, ...]], ...] = ()
    missing: tuple[str, ...] = ()
    missing_when: tuple[tuple[str, tuple[str, ...]], ...] = ()
    per_head_scale: float | None = None
    per_head_unit: str | None = None

    @property
    def layout(self) -> str:
        return "long" if self.wide_header is None else f"wide by {self.wide_header}"


def load_profile(path: str | Path) -> Profile:
    """Read and check a profile TOML file; DataError naming the file and key for any mistake."""
    path = Path(path)
    shown = printable(str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(f"{shown}: no such profile file; check the path, or give a shipped "
                        "profile's name (benchmark profiles lists them)") from None
    except (OSError, UnicodeDecodeError) as error:
        raise DataError(f"{shown}: cannot read the profile ({error}); save it as UTF-8 text") from None
    return parse_profile(text, shown)


def parse_profile(text: str, source: str) -> Profile:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DataError(f"{source}: not valid TOML ({error}); see docs/profiles.md for the format") from None
    _check_keys(data, _SCHEMA, source, "")
    for key in ("name", "title"):
        if key not in data:
            raise DataError(f"{source}: the profile has no '{key}'; add {key} = \"...\" at the top")
    columns = {key: _alternatives(value) for key, value in data.get("columns", {}).items()}
    indicator = data.get("columns", {}).get("indicator")
    indicator_columns: tuple[tuple[str, ...], ...] = ()
    if isinstance(indicator, list):
        indicator_columns = tuple((part,) for part in indicator)
        columns.pop("indicator")
    elif indicator is not None:
        indicator_columns = (columns.pop("indicator"),)
    wide = data.get("wide")
    constants = dict(data.get("constants", {}))
    profile = Profile(
        name=data["name"], title=data["title"], source=source,
        description=data.get("description", ""),
        detect=tuple(data.get("detect", {}).get("headers", ())),
        sheets=tuple(data.get("detect", {}).get("sheets", ())),
        skip_sheets=tuple(data.get("detect", {}).get("skip_sheets", ("notes",))),
        columns=columns, indicator_columns=indicator_columns,
        wide_header=None if wide is None else wide.get("header", "indicator"),
        wide_columns=None if wide is None else wide.get("columns"),
        wide_ignore=() if wide is None else tuple(wide.get("ignore", ())),
        constants=constants,
        breakdown_format=dict(data.get("names", {}).get("breakdown_format", {})),
        rename=dict(data.get("names", {}).get("rename", {})),
        rewrite=tuple((pattern, replacement) for pattern, replacement in
                      data.get("names", {}).get("rewrite", ())),
        period_from_title=data.get("period", {}).get("from_title"),
        period_rewrite=data.get("period", {}).get("rewrite"),
        polarity_map={str(key).strip().casefold(): value
                      for key, value in data.get("polarity", {}).get("map", {}).items()},
        rules=tuple(Rule(**rule) for rule in data.get("rules", ())),
        keep=tuple((column, tuple(values)) for column, values in
                   data.get("rows", {}).get("keep", {}).items()),
        missing=tuple(data.get("rows", {}).get("missing", ())),
        missing_when=tuple((column, tuple(values)) for column, values in
                           data.get("rows", {}).get("missing_when", {}).items()),
        per_head_scale=data.get("money", {}).get("per_head_scale"),
        per_head_unit=data.get("money", {}).get("per_head_unit"),
    )
    _check_meaning(profile, source)
    return profile


def _alternatives(value: str | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _check_keys(data: dict[str, Any], schema: dict[str, Any], source: str, prefix: str) -> None:
    for key, value in data.items():
        where = f"{prefix}{key}"
        if key not in schema:
            valid = ", ".join(schema)
            raise DataError(f"{source}: unknown key '{where}'; valid keys"
                            f"{' in [' + prefix.rstrip('.') + ']' if prefix else ''} are {valid} "
                            "(see docs/profiles.md)")
        kind = schema[key]
        if isinstance(kind, dict):
            if not isinstance(value, dict):
                raise DataError(f"{source}: '{where}' must be a table ([{where}])")
            _check_keys(value, kind, source, f"{where}.")
        elif not _is(kind, value):
            raise DataError(f"{source}: '{where}' must be {_KIND_WORDS[kind]}")
        if kind == "rules":
            for rule in value:
                unknown = set(rule) - set(_RULE_KEYS)
                if unknown or "match" not in rule or not all(isinstance(v, str) for v in rule.values()):
                    raise DataError(f"{source}: each [[rules]] entry needs 'match' and may have "
                                    f"{', '.join(_RULE_KEYS[1:])}, all text in quotes; found "
                                    f"{', '.join(sorted(rule))}")


_KIND_WORDS = {"str": "text in quotes", "list": "a list of texts [\"...\", ...]",
               "columns": "a column header, or a list of headers", "table": "a table of texts",
               "pairs": "a list of [pattern, replacement] pairs", "number": "a number",
               "lists": "a table of lists of texts", "rules": "a list of [[rules]] tables"}


def _is(kind: str, value: object) -> bool:
    def texts(items: object) -> bool:
        return isinstance(items, list) and all(isinstance(item, str) for item in items)

    if kind == "str":
        return isinstance(value, str)
    if kind in ("list", "columns"):
        return texts(value) or (kind == "columns" and isinstance(value, str))
    if kind == "table":
        return isinstance(value, dict) and all(isinstance(item, str) for item in value.values())
    if kind == "pairs":
        return isinstance(value, list) and all(texts(pair) and len(pair) == 2 for pair in value)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool) and value > 0
    if kind == "lists":
        return isinstance(value, dict) and all(texts(item) for item in value.values())
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)


def _check_meaning(profile: Profile, source: str) -> None:
    """What the key-by-key check cannot see: the parts that must go together."""
    def fail(message: str) -> None:
        raise DataError(f"{source}: {message} (see docs/profiles.md)")

    if not profile.detect:
        fail("[detect] headers is missing; list the headers that identify this layout")
    if "area" not in profile.columns:
        fail("[columns] area is missing; name the column of area names")
    if profile.wide_header not in (None, "indicator", "period"):
        fail(f"[wide] header is '{profile.wide_header}'; it must be 'indicator' or 'period'")
    has_indicator = bool(profile.indicator_columns) or "indicator" in profile.constants
    if not has_indicator and profile.wide_header != "indicator":
        fail("no indicator: give [columns] indicator, [constants] indicator, or [wide] header = "
             "\"indicator\"")
    if profile.wide_header is None and "value" not in profile.columns:
        fail("[columns] value is missing; a long layout needs the column of values")
    for name in ("polarity",):
        value = profile.constants.get(name)
        if value is not None and value not in POLARITIES:
            fail(f"[constants] polarity is '{value}'; use one of {', '.join(POLARITIES)}")
    for key, value in profile.polarity_map.items():
        if value not in POLARITIES:
            fail(f"[polarity] map gives '{value}' for '{key}'; use one of {', '.join(POLARITIES)}")
    kind = profile.constants.get("kind")
    if kind is not None and kind not in KINDS:
        fail(f"[constants] kind is '{kind}'; use one of {', '.join(KINDS)}")
    for rule in profile.rules:
        if rule.kind is not None and rule.kind not in KINDS:
            fail(f"[[rules]] '{rule.match}' gives kind '{rule.kind}'; use one of {', '.join(KINDS)}")
        if rule.polarity is not None and rule.polarity not in POLARITIES:
            fail(f"[[rules]] '{rule.match}' gives polarity '{rule.polarity}'; use one of "
                 f"{', '.join(POLARITIES)}")
    if profile.period_rewrite is not None and profile.period_rewrite not in PERIOD_REWRITES:
        fail(f"[period] rewrite is '{profile.period_rewrite}'; use one of {', '.join(PERIOD_REWRITES)}")
    for pattern in [profile.wide_columns, profile.period_from_title,
                    *(rule.match for rule in profile.rules), *(p for p, _ in profile.rewrite)]:
        if pattern is None:
            continue
        try:
            re.compile(pattern)
        except re.error as error:
            fail(f"'{pattern}' is not a valid regular expression ({error})")
    for column, template in profile.breakdown_format.items():
        if "{}" not in template:
            fail(f"[names] breakdown_format for '{column}' is '{template}'; put {{}} where the value goes")


def shipped_profiles() -> list[Profile]:
    """The profiles that come with the package, by name."""
    from benchmark.core.data_folder import data_path

    found = [parse_profile(entry.read_text(encoding="utf-8"), f"(shipped) {entry.name}")
             for entry in data_path("profiles").iterdir() if entry.name.endswith(".toml")]
    return sorted(found, key=lambda profile: profile.name)
