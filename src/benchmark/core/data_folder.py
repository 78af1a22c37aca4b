"""Files shipped in the package's ``data`` folder: the sample, profiles, groups and area lookups."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable


def data_path(*parts: str) -> Path | Traversable:
    """``benchmark/data/PARTS``: a file beside this package when the package is installed as files,
    as pip installs it, which spares importing importlib.resources (a few ms on every command);
    through importlib.resources otherwise (a zip import, say)."""
    beside = Path(__file__).parent.parent.joinpath("data", *parts)
    if beside.exists():
        return beside
    from importlib.resources import files

    return files("benchmark").joinpath("data", *parts)
