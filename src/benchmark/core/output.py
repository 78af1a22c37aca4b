"""Writing output files atomically: the previous file survives any failure, and only a new
path or a regular file is ever written (never a device, a dangling link or a read-only file)."""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

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


def writable_target(path: Path, option: str = "-o") -> Path:
    """The file ``path`` names, refused unless it is new or a regular file we may replace. A
    symbolic link to a regular file is followed (the file it points to is replaced, the link
    kept); any other link, a device, a folder, a pipe or a read-only file is refused."""
    output_folder(path, option)
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    if path.is_symlink() and not target.exists():
        raise UsageError(f"{option} {path}: a symbolic link to {target}, which does not exist; "
                         "give the path of a new or regular file")
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return target
    except OSError as error:
        raise UsageError(f"{option} {path}: cannot check it ({error.strerror}); "
                         "choose another output path") from None
    if not stat.S_ISREG(mode):
        what = "a folder" if stat.S_ISDIR(mode) else "a device, pipe or socket"
        raise UsageError(f"{option} {path}: that is {what}, not a regular file; "
                         "give the path of a new or regular file")
    if not mode & 0o222 or not os.access(target, os.W_OK):
        raise UsageError(f"{option} {path}: the file is read-only; make it writable first, "
                         "or choose another output path")
    return target


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
    any point (an error, Ctrl-C, a signal the CLI turns into an exception) leaves no partial file
    and the previous ``path`` untouched. The file gets the usual permissions (mkstemp's are
    private). A symbolic link to a regular file is followed (see :func:`writable_target`)."""
    path = writable_target(path, option)
    with _signals_held():  # a signal between creating the file and the try below would leave it
        handle, temporary = _temporary_beside(path, option)
        stream = _Severable(os.fdopen(handle, "wb"))
    try:
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)
        write(stream)  # type: ignore[arg-type]
        stream.close()
        os.replace(temporary, path)
    except OSError as error:
        stream.sever()
        Path(temporary).unlink(missing_ok=True)
        raise BenchmarkError(f"cannot write {path} ({error.strerror}); "
                             "the previous file, if any, is unchanged") from None
    except BaseException:
        stream.sever()
        Path(temporary).unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold back Ctrl-C, SIGTERM and SIGHUP for the moment a temporary file is made and owned:
    one arriving in between would leave the file behind. They arrive as soon as this ends."""
    held = {signal.SIGINT, signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])}
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


class _Severable:
    """A binary file that can be cut off: once severed, writes go nowhere (the position still
    moves, as a writer's arithmetic expects). A writer stopped half-way (a zip archive) still
    tries to finish its file when it is collected; cut off, it neither touches the removed file
    nor fails a second time ('Exception ignored in ZipFile.__del__', after Ctrl-C)."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream: BinaryIO | None = stream
        self._position = 0

    def sever(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            with contextlib.suppress(OSError, ValueError):
                self._position = stream.tell()
                stream.close()

    def write(self, data: bytes) -> int:
        if self._stream is not None:
            return self._stream.write(data)
        self._position += len(data)
        return len(data)

    def seek(self, offset: int, whence: int = 0) -> int:
        if self._stream is not None:
            return self._stream.seek(offset, whence)
        self._position = offset if whence == 0 else self._position + offset
        return self._position

    def tell(self) -> int:
        return self._stream.tell() if self._stream is not None else self._position

    def __getattr__(self, name: str) -> Any:
        if self._stream is None:
            return lambda *args, **kwargs: None
        return getattr(self._stream, name)


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8, line ends as given) atomically, as write_binary_atomic."""
    write_binary_atomic(path, lambda stream: stream.write(text.encode("utf-8")))


def refuse_overwriting_inputs(output: Path, inputs: list[str | Path | None]) -> None:
    """An output path that is one of the inputs would destroy the data: refuse it. Refuse too an
    output in a folder that is missing or cannot be written, or that is no regular file, before
    any work is done."""
    check_output_folder(writable_target(output))
    for source in inputs:
        if source is None or str(source) == "-":
            continue
        if output.exists() and Path(source).exists() and (
                output.resolve() == Path(source).resolve() or os.path.samefile(output, source)):
            # samefile also catches a hard link, and another spelling on a case-blind disk
            raise UsageError(f"-o {output}: that is an input file; choose another output path")


def check_output_folder(path: Path, option: str = "-o") -> None:
    """The folder of ``path`` must exist and take a new file: a file is created there and
    removed at once, so that a read-only or forbidden folder is reported before the work is done
    (and before anything is printed), not after."""
    with _signals_held():
        handle, probe = _temporary_beside(path, option)
        os.close(handle)
        Path(probe).unlink(missing_ok=True)
