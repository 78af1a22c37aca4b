"""The error boundary and the one place that prints: data to stdout, words to stderr."""

from __future__ import annotations

import functools
import os
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import typer

from benchmark.core.errors import BenchmarkError, DataError, ExitCode, UsageError
from benchmark.core.text import plural
from benchmark.render.formats import OutputFormat, render_text, resolve_format
from benchmark.render.view import TableView

F = TypeVar("F", bound=Callable[..., Any])


class Stopped(BaseException):
    """A signal asked us to stop (SIGTERM, SIGHUP): raised where the program is, so that a file
    being written is removed on the way out as for Ctrl-C."""

    def __init__(self, signal_number: int) -> None:
        super().__init__(signal_number)
        self.signal_number = signal_number


def stop_on_signals() -> None:
    """Turn SIGTERM and SIGHUP into :class:`Stopped` (SIGINT is already KeyboardInterrupt)."""
    import signal

    def stop(signal_number: int, _frame: Any) -> None:
        raise Stopped(signal_number)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop)


@functools.cache
def stderr_console() -> Any:
    """One Rich console for stderr; it looks up sys.stderr at each write."""
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def say(message: str, style: str | None = None) -> None:
    """A message for the person at the terminal, on stderr: styled on a terminal, plain text
    otherwise (which also spares a script the cost of importing Rich's console)."""
    if sys.stderr.isatty():
        stderr_console().print(message, style=style, markup=False)
    else:
        sys.stderr.write(message + "\n")


def warn(message: str) -> None:
    say(f"Warning: {message}", style="yellow")


PROGRESS_DELAY = 1.0  # seconds of work before its progress is shown


@contextmanager
def progress(description: str, *, delay: float | None = None, console: Any = None) -> Iterator[None]:
    """Name the work being done ("Reading big.csv (312 MB)") beside a spinner on stderr, once the
    block has run for ``delay`` seconds (default PROGRESS_DELAY), and clear it when it ends.

    Quick work shows nothing; stdout is never touched; when stderr is not a terminal nothing is
    shown and Rich is not even imported (``console`` stands in for the terminal in tests).
    """
    if console is None:
        if not sys.stderr.isatty():
            yield
            return
        console = stderr_console()
    lock = threading.Lock()
    shown: list[Any] = []
    ended = False

    def show() -> None:
        from rich.live import Live
        from rich.spinner import Spinner
        from rich.text import Text

        with lock:
            if ended:
                return
            # Not redirecting stdout or stderr: this runs on the timer's thread.
            live = Live(Spinner("dots", Text(f"{description}\u2026")), console=console,
                        transient=True, redirect_stdout=False, redirect_stderr=False)
            live.start()
            shown.append(live)

    timer = threading.Timer(PROGRESS_DELAY if delay is None else delay, show)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            ended = True
            for live in shown:
                live.stop()


def quiet_finalisers() -> None:
    """After a stop, what the interrupted work leaves behind is collected silently: a writer
    stopped while it was being made (a zip archive half-way through its constructor) fails in
    its finaliser, which Python would print as 'Exception ignored in ...' after our one word.
    Written files are already severed or removed (core.output), so nothing is lost by it."""
    sys.unraisablehook = lambda unraisable: None


def boundary(command: F) -> F:
    """Give a command --debug, and turn user errors into 'Error: ...' with their exit code; no
    traceback unless --debug."""
    import inspect

    from benchmark.cli.options import Debug

    @functools.wraps(command)
    def guarded(*args: Any, debug: bool = False, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except BenchmarkError as error:
            if debug:
                raise
            say(f"Error: {error}", style="red")
            raise typer.Exit(int(error.exit_code)) from None
        except MemoryError:
            if debug:
                raise
            say("Error: ran out of memory; the input is too large for this machine (raise the "
                "memory available, or split the file)", style="red")
            raise typer.Exit(int(ExitCode.BAD_DATA)) from None
        except KeyboardInterrupt:
            quiet_finalisers()
            say("Interrupted.")
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except Stopped as stopped:
            quiet_finalisers()
            say("Stopped.")
            raise typer.Exit(128 + stopped.signal_number) from None
        except BrokenPipeError:
            # The reader of our stdout went away (`benchmark rank | head -3`): end quietly.
            quiet_stdout()
            raise typer.Exit(int(ExitCode.OK)) from None

    signature = inspect.signature(command, eval_str=True)
    listed = [*signature.parameters.values(),
              inspect.Parameter("debug", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=Debug)]
    guarded.__signature__ = signature.replace(parameters=listed)  # type: ignore[attr-defined]
    guarded.__annotations__ = {parameter.name: parameter.annotation for parameter in listed}
    return guarded  # type: ignore[return-value]


def quiet_stdout() -> None:
    """Point stdout at the null device, so that Python's last flush at exit has nowhere to fail."""
    if sys.stdout is not None:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - stdout for the rest of the run
        finally:
            os.close(devnull)


@contextmanager
def writing_stdout() -> Iterator[Any]:
    """Standard output for data, with its failures as errors: closed (`benchmark rank >&-`), or a
    write that fails (a full disk). A reader that goes away is left to the boundary (quiet)."""
    if sys.stdout is None:
        raise UsageError("standard output is closed; give -o FILE, or run with a standard output")
    try:
        yield sys.stdout
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        quiet_stdout()
        raise DataError(f"cannot write to standard output ({reason}); "
                        "free some space or write to a file with -o FILE") from None


def emit(view: TableView, requested: OutputFormat, output: Path | None) -> None:
    """Show a view: a Rich table, plain text on stdout, or a file written atomically."""
    if output is None and sys.stdout is None:
        with writing_stdout():  # refuses, before a word is said
            pass
    output_format = resolve_format(requested, output, sys.stdout is not None and sys.stdout.isatty())
    if output_format is OutputFormat.TABLE:
        from rich.console import Console

        from benchmark.render.rich_table import least_width, to_rich_tables

        class DataConsole(Console):
            def on_broken_pipe(self) -> None:  # Rich exits 1 here; the boundary ends quietly
                self.quiet = True
                raise BrokenPipeError

        with writing_stdout() as stdout:
            console = DataConsole(file=stdout)
            tables = to_rich_tables(view, width=console.width)
            needed = max(least_width(table) for table in tables)
            if needed > console.width:  # never squeezed until names vanish (COLUMNS=20, or 0)
                warn(f"the terminal is {console.width} columns wide and the table needs {needed}: "
                     "its lines wrap; widen the terminal, or use -f csv")
                console.width = needed
            for table in tables:
                console.print(table)
    elif output_format is OutputFormat.XLSX:
        from benchmark.render.excel import write_view

        if view.caption:
            say("; ".join(view.caption), style="dim")
        assert output is not None  # resolve_format refuses a workbook on stdout
        write_view(view, output)
        say(f"Wrote {plural(len(view.frame), 'row')} to {output}")
    else:
        if view.caption:
            say("; ".join(view.caption), style="dim")
        text = render_text(view, output_format)
        if output is None:
            with writing_stdout() as stdout:
                stdout.write(text)
        else:
            from benchmark.core.output import write_text_atomic

            write_text_atomic(output, text)
            say(f"Wrote {plural(len(view.frame), 'row')} to {output}")
    for message in view.warnings:
        warn(message)
