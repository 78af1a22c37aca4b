"""Comparator groups shipped as data: ``benchmark/data/geography/groups/NAME.toml``.

A group file has a ``title`` and a list of ``members``: canonical names from ``areas.csv`` (matched
in the data by code or any known spelling), or any other area names (matched by their normalised
form). The file name, without ``.toml``, is the group's name.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from benchmark.core.data_folder import data_path

GROUPS_FOLDER = "groups"


class ComparatorGroup(NamedTuple):
    """A named list of areas to compare."""

    name: str  # "counties-2018"
    title: str  # "The 27 two-tier county councils of 2018"
    members: tuple[str, ...]  # canonical names, in the file's order


def parse_group(name: str, text: str) -> ComparatorGroup:
    """A group from the text of its TOML file; a ValueError says what is wrong with it."""
    import tomllib  # only when a shipped group is read: a few ms to import

    try:
        content = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"group {name}: not valid TOML ({error})") from None
    title, members = content.get("title"), content.get("members")
    if not isinstance(title, str) or not isinstance(members, list) or not members \
            or not all(isinstance(member, str) and member.strip() for member in members):
        raise ValueError(f"group {name}: needs title = \"...\" and members = [\"Area\", ...]")
    return ComparatorGroup(name, title, tuple(member.strip() for member in members))


def shipped_groups() -> list[ComparatorGroup]:
    """Every shipped group, by name."""
    return list(_shipped())


@functools.cache
def _shipped() -> tuple[ComparatorGroup, ...]:
    folder = data_path("geography", GROUPS_FOLDER)
    files = sorted((entry for entry in folder.iterdir() if entry.name.endswith(".toml")),
                   key=lambda entry: entry.name)
    return tuple(parse_group(entry.name.removesuffix(".toml"), entry.read_text(encoding="utf-8"))
                 for entry in files)


def comparator_group(name: str) -> ComparatorGroup | None:
    """The shipped group called ``name`` (any case, surrounding spaces ignored), or None."""
    wanted = name.strip().casefold()
    return next((group for group in _shipped() if group.name.casefold() == wanted), None)
