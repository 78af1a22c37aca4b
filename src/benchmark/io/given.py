"""Metadata given on the command line for every indicator of one source: ``import --kind
imd.csv=context --theme imd.csv=Deprivation``, checked as an indicators sheet's cells are."""

from __future__ import annotations

from pathlib import Path

from benchmark.core.errors import UsageError
from benchmark.core.model import KIND, POLARITY, THEME
from benchmark.io.metadata import UnknownPolarity, parse_kind, parse_polarity


def given_fields(sources: list[str], given: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """source -> field -> value, from field -> file -> value; a file that is none of the sources
    (as given, or by its name) or a value that is no kind or polarity is a usage error."""
    by_source: dict[str, dict[str, str]] = {}
    for field, files in given.items():
        for file, value in files.items():
            source = _source(sources, file, field)
            by_source.setdefault(source, {})[field] = _checked(field, file, value)
    return by_source


def _source(sources: list[str], file: str, field: str) -> str:
    named = [source for source in sources if source == file or Path(source).name == file]
    if len(named) != 1:
        why = "is none of the sources" if not named else "names more than one source"
        listed = ", ".join(Path(source).name for source in sources)
        raise UsageError(f"--{field} {file}=...: {file} {why} ({listed}); give the file as in the "
                         "list of sources")
    return named[0]


def _checked(field: str, file: str, value: str) -> str:
    try:
        if field == KIND:
            kind = parse_kind(value)
            if kind is not None:
                return kind.value
        elif field == POLARITY:
            polarity = parse_polarity(value)
            if polarity is not None:
                return polarity.value
        elif field == THEME:
            return value
    except (KeyError, UnknownPolarity):
        pass
    words = {KIND: "performance or context", POLARITY: "high, low or none"}[field]
    raise UsageError(f"--{field} {file}={value}: use {words}")
