"""Readers: spreadsheets and text files in, a canonical :class:`~benchmark.model.Dataset` out."""

from benchmark.io.dataset import read_dataset, require_clean
from benchmark.io.values import parse_value

__all__ = ["parse_value", "read_dataset", "require_clean"]
