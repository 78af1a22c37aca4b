"""Writing output files atomically: the previous file survives any failure."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from benchmark.core.errors import BenchmarkError, UsageError


def output_folder(path: Path, option: str = "-o") -> Path:
    """The folder ``path`` would be written in, refused if it is missing or is a file."""
    directory = path.parent if str(path.parent) else Path(".")
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"{option} {path}: {directory} is a file, not a folder; "
                         "choose another output path")
    if not directory.is_dir():
        raise UsageError(f"{option} {path}: the folder {directory} does not exist; create it first")
    return directory


def _temporary_beside(path: Path, option: str) -> tuple[int, str]:
    """A new private file in the folder of ``path`` (so that a rename replaces ``path`` at once)."""
    directory = output_folder(path, option)
    try:
        return tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as error:
        raise UsageError(f"{option} {path}: cannot write in {directory} ({error.strerror}); "
                         "choose a folder you can write to") from None


def write_binary_atomic(path: Path, write: Callable[[BinaryIO], object], option: str = "-o") -> None:
    """Call ``write`` with a binary file beside ``path``, then rename it into place: a failure at
    any point leaves no partial file and the previous ``path`` untouched. The file gets the
    usual permissions (mkstemp's are private)."""
    handle, temporary = _temporary_beside(path, option)
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


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8, line ends as given) atomically, as write_binary_atomic."""
    write_binary_atomic(path, lambda stream: stream.write(text.encode("utf-8")))


def refuse_overwriting_inputs(output: Path, inputs: list[str | Path | None]) -> None:
    """An output path that is one of the inputs would destroy the data: refuse it. Refuse too an
    output in a folder that is missing or cannot be written, before any work is done."""
    check_output_folder(output)
    for source in inputs:
        if source is None or str(source) == "-":
            continue
        if output.exists() and Path(source).exists() and (
                output.resolve() == Path(source).resolve() or os.path.samefile(output, source)):
            # samefile also catches a hard link, and another spelling on a case-blind disk
            raise UsageError(f"-o {output}: that is an input file; choose another output path")


def check_output_folder(path: Path) -> None:
    """The folder of ``path`` must exist and take a new file: a file is created there and
    removed at once, so that a read-only or forbidden folder is reported before the work is done
    (and before anything is printed), not after."""
    handle, probe = _temporary_beside(path, "-o")
    os.close(handle)
    Path(probe).unlink(missing_ok=True)
