"""How much input ``benchmark`` agrees to read: a crafted or broken file is refused before it costs
more time or memory than a genuine one could need.

Two limits apply to each input file separately (the data, and each of ``--indicators``, ``--areas``,
``--targets``):

* **cells**: rows x columns of each table read; for a workbook, the rectangle each sheet spans
  from its first to its last filled cell, summed over the sheets. Default 5,000,000: every
  English council (about 320) with a hundred indicators over ten years, in the long layout, is
  1.6 million. Raise it with ``--max-cells N`` or the environment variable
  ``BENCHMARK_MAX_CELLS``.
* **bytes**: the size of a text file, or of standard input, and the size a workbook unpacks to
  (the sum of its parts' declared sizes). Default 256 MiB. Raise it with the environment variable
  ``BENCHMARK_MAX_BYTES`` (a number of bytes, or with a suffix K, M or G).

A workbook may also hold at most 10,000 parts (an Excel file has a few dozen). docs/security.md
explains the threats these limits answer.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import NamedTuple

from benchmark.core.errors import DataError, UsageError

DEFAULT_MAX_CELLS = 5_000_000
DEFAULT_MAX_BYTES = 256 * 1024**2
MAX_PARTS = 10_000
MAX_COLUMNS = 16_384  # Excel's own limit: column XFD
CELLS_VARIABLE = "BENCHMARK_MAX_CELLS"
BYTES_VARIABLE = "BENCHMARK_MAX_BYTES"

_SIZE = re.compile(r"^\s*(\d+)\s*([kmg]?)i?b?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


class Limits(NamedTuple):
    """The most cells and bytes one input may hold."""

    max_cells: int = DEFAULT_MAX_CELLS
    max_bytes: int = DEFAULT_MAX_BYTES

    @classmethod
    def resolve(cls, max_cells: int | None = None, max_bytes: int | None = None,
                environ: Mapping[str, str] | None = None) -> Limits:
        """Explicit values first, then the environment variables, then the defaults."""
        environ = os.environ if environ is None else environ
        if max_cells is None:
            max_cells = _from_environment(environ, CELLS_VARIABLE, DEFAULT_MAX_CELLS, sizes=False)
        if max_bytes is None:
            max_bytes = _from_environment(environ, BYTES_VARIABLE, DEFAULT_MAX_BYTES, sizes=True)
        if max_cells < 1:
            raise UsageError(f"--max-cells {max_cells}: give a whole number of 1 or more")
        if max_bytes < 1:
            raise UsageError(f"{BYTES_VARIABLE}={max_bytes}: give a number of bytes of 1 or more")
        return cls(max_cells, max_bytes)

    def check_cells(self, cells: int, where: str, what: str) -> None:
        """Refuse ``cells`` above the limit; ``what`` says how they were counted, with the count."""
        if cells > self.max_cells:
            raise DataError(
                f"{where}: {what}, more than the limit of {self.max_cells:,} cells; "
                f"if the file is genuine, raise the limit with --max-cells {_round_up(cells)} "
                f"(or {CELLS_VARIABLE}={_round_up(cells)}), else it may be damaged or crafted"
            )

    def check_bytes(self, size: int, where: str, what: str) -> None:
        """Refuse ``size`` bytes above the limit; ``what`` says what they are, with the size."""
        if size > self.max_bytes:
            raise DataError(
                f"{where}: {what}, more than the limit of "
                f"{byte_size(self.max_bytes)}; if the file is genuine, raise the limit with "
                f"{BYTES_VARIABLE}={_round_up(size)}, else it may be damaged or crafted"
            )


    def refuse_unknown_size(self, where: str, what: str) -> None:
        """Refuse a stream found to hold more than the byte limit, its full size unknown."""
        raise DataError(
            f"{where}: {what} holds more than the limit of {byte_size(self.max_bytes)}; if it is "
            f"genuine, raise the limit with {BYTES_VARIABLE} (for example "
            f"{BYTES_VARIABLE}={_round_up(self.max_bytes * 4)})"
        )


def _from_environment(environ: Mapping[str, str], name: str, default: int, sizes: bool) -> int:
    text = environ.get(name, "").strip()
    if not text:
        return default
    match = _SIZE.match(text) if sizes else re.match(r"^\s*(\d+)()\s*$", text)
    if match is None:
        example = "268435456 or 256M" if sizes else "5000000"
        raise UsageError(f"{name}={text!r} is not a whole number; set it to a number such as {example}, "
                         "or unset it for the default")
    return int(match[1]) * _UNITS[match[2].lower()]


def byte_size(size: int) -> str:
    if size < 1024**2:
        return f"{size:,} bytes"
    return f"{size / 1024**2:,.1f} MiB"


def _round_up(number: int) -> int:
    """A round figure above ``number`` to suggest as the new limit: 17,300,000 -> 20000000."""
    step = 10 ** max(len(str(number)) - 1, 0)
    return (number // step + 1) * step
