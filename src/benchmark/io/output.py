"""Writing output files atomically: the previous file survives any failure."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from benchmark.errors import BenchmarkError, UsageError


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path``, then rename it into place."""
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise UsageError(f"-o {path}: the folder {directory} does not exist; create it first")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as error:
        raise UsageError(f"-o {path}: cannot write in {directory} ({error.strerror})") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise BenchmarkError(f"cannot write {path} ({error.strerror}); "
                             "the previous file, if any, is unchanged") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_binary_atomic(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Call ``write`` with a binary file beside ``path`` (a workbook, say), then rename it into
    place: a failure at any point leaves no partial file and the previous ``path`` untouched.
    The file gets the usual permissions (mkstemp's are private)."""
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise UsageError(f"-o {path}: the folder {directory} does not exist; create it first")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as error:
        raise UsageError(f"-o {path}: cannot write in {directory} ({error.strerror})") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            mask = os.umask(0)
            os.umask(mask)
            os.chmod(temporary, 0o666 & ~mask)
            write(stream)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise BenchmarkError(f"cannot write {path} ({error.strerror}); "
                             "the previous file, if any, is unchanged") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def refuse_overwriting_inputs(output: Path, inputs: list[str | Path | None]) -> None:
    """An output path that is one of the inputs would destroy the data: refuse it."""
    for source in inputs:
        if source is None or str(source) == "-":
            continue
        if output.exists() and Path(source).exists() and output.resolve() == Path(source).resolve():
            raise UsageError(f"-o {output}: that is an input file; choose another output path")
