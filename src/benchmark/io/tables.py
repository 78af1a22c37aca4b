"""Raw tables from files: CSV, TSV, xlsx workbooks, named pipes and standard input.

Every input is read in full into memory first, within the byte limit of
:class:`~benchmark.io.limits.Limits`, and recognised by its content rather than its name
(:mod:`benchmark.io.sniff`): a workbook goes to :mod:`benchmark.io.xlsx`, text to
:mod:`benchmark.io.delimited`.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from benchmark.core.errors import DataError, UsageError
from benchmark.core.text import printable
from benchmark.io.delimited.decode import check_encoding
from benchmark.io.delimited.read import read_delimited
from benchmark.io.limits import Limits, byte_size
from benchmark.io.raw import RawTable
from benchmark.io.sniff import is_workbook

STDIN = "-"


def read_tables(source: str | Path, stdin: BinaryIO | None = None, *, encoding: str | None = None,
                limits: Limits | None = None, defer_hidden: bool = False) -> list[RawTable]:
    """Every table in a source: the sheets of a workbook, or the one table of a CSV/TSV.

    ``encoding`` forces the text encoding of a CSV/TSV (default: detected, see
    :func:`~benchmark.io.delimited.decode.decode_text`); ``limits`` bounds the bytes and cells
    read (default: :meth:`Limits.resolve`, from the environment). A hidden sheet with a name that is read by
    name ('data', 'areas'...) is refused, unless ``defer_hidden``: then it comes back unread, as an
    empty table marked ``hidden``, for the caller to refuse if it would read it
    (:func:`~benchmark.io.xlsx.read.refuse_hidden`).
    """
    limits = limits if limits is not None else Limits.resolve()
    if encoding is not None:
        check_encoding(encoding)
    if str(source) == STDIN:
        data, name, suffix = _read_stdin(stdin, limits), "<stdin>", ""
    else:
        path = Path(source)
        name, suffix = printable(str(path)), path.suffix.lower()
        data = _read_file(path, name, limits)
    try:
        return _read_bytes(data, name, suffix, encoding, limits, defer_hidden)
    except MemoryError:
        raise DataError(f"{name}: ran out of memory reading the file; it is too large for this "
                        "machine (lower --max-cells to be told sooner, or split the file)") from None


def _read_file(path: Path, name: str, limits: Limits) -> bytes:
    try:
        status = path.stat()
    except FileNotFoundError:
        raise UsageError(f"{name}: no such file; check the path and spelling") from None
    except OSError as error:
        raise DataError(f"{name}: cannot read the file ({error.strerror}); check the path and "
                        "its permissions") from None
    if stat.S_ISDIR(status.st_mode):
        raise UsageError(f"{name} is a directory; give the path of a .xlsx, .csv or .tsv file")
    if stat.S_ISREG(status.st_mode):
        limits.check_bytes(status.st_size, name, f"the file is {byte_size(status.st_size)}")
    elif not stat.S_ISFIFO(status.st_mode):
        raise UsageError(f"{name} is a device or socket, not a file; give the path of a .xlsx, "
                         "CSV or TSV file, or '-' to read standard input")
    try:
        if stat.S_ISFIFO(status.st_mode):
            data = _read_pipe(path, limits.max_bytes + 1)
        else:
            with path.open("rb") as handle:
                data = _read_at_most(handle.read, limits.max_bytes + 1, status.st_size + 1)
    except OSError as error:
        raise DataError(f"{name}: cannot read the file ({error.strerror}); check its permissions") from None
    if len(data) > limits.max_bytes:
        limits.refuse_unknown_size(name, "the file")
    return data


def _read_at_most(read: Callable[[int], bytes], most: int, first: int = 1 << 20) -> bytes:
    """Read until the end or ``most`` bytes, a chunk at a time: ``read(most)`` would set aside
    ``most`` bytes of memory at once, however little there is to read."""
    chunks, size, wanted = [], 0, min(first, most)
    while size < most:
        chunk = read(wanted)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        wanted = min(1 << 20, most - size)
    return b"".join(chunks)


_PIPE_WRITER_WAIT = 2.0  # seconds for a writer to come to a named pipe that has none yet


def _read_pipe(path: Path, most: int) -> bytes:
    """A named pipe, as from `benchmark rank <(cut ...)`, read like standard input.

    Opened without blocking, so that a pipe nothing writes to cannot hang the command: if no
    writer comes within a couple of seconds, it reads as empty. A writer that is there but slow
    to start is waited for, as `cat` would.
    """
    import select

    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with open(descriptor, "rb", buffering=0) as handle:
        try:
            first = os.read(descriptor, 65536)
        except BlockingIOError:  # a writer, nothing written yet
            first = None
        if first == b"":  # no writer yet: give one a moment to open the pipe
            ready, _, _ = select.select([descriptor], [], [], _PIPE_WRITER_WAIT)
            if not ready:
                return b""
            first = None
        os.set_blocking(descriptor, True)
        return (first or b"") + _read_at_most(handle.read, most - len(first or b""))


def _read_stdin(stdin: BinaryIO | None, limits: Limits) -> bytes:
    stream = stdin if stdin is not None else sys.stdin.buffer
    if stream.isatty():
        raise UsageError("'-' reads standard input, but nothing is piped in; "
                         "pipe a file in (benchmark rank - < data.csv) or give a file path")
    data = _read_at_most(stream.read, limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        limits.refuse_unknown_size("<stdin>", "standard input")
    return data


def _read_bytes(data: bytes, name: str, suffix: str, encoding: str | None,
                limits: Limits, defer_hidden: bool = False) -> list[RawTable]:
    if is_workbook(data, name, suffix, encoding):
        from benchmark.io.xlsx.read import read_workbook

        return read_workbook(data, name, limits, defer_hidden)
    return [read_delimited(data, name, suffix, encoding, limits)]
