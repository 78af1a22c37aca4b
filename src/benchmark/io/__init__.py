"""Readers: spreadsheets and text files in, a canonical :class:`~benchmark.core.model.Dataset` out."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from benchmark.core.values import parse_value
    from benchmark.io.dataset import read_dataset, require_clean

# Imported on first use, so that importing one reader module (benchmark.core.headers, for the
# command line's options) does not import them all.
_HOME = {"read_dataset": "benchmark.io.dataset", "require_clean": "benchmark.io.dataset",
         "parse_value": "benchmark.core.values"}


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module 'benchmark.io' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOME[name]), name)
    globals()[name] = value
    return value


__all__ = ["parse_value", "read_dataset", "require_clean"]
