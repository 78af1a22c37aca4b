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

from benchmark.core.errors import BenchmarkError, ExitCode
from benchmark.core.text import plural
from benchmark.render.formats import OutputFormat, render_text, resolve_format
from benchmark.render.view import TableView

F = TypeVar("F", bound=Callable[..., Any])


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
        except KeyboardInterrupt:
            say("Interrupted.")
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except BrokenPipeError:
            # The reader of our stdout went away (`benchmark rank | head -3`): end quietly.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(int(ExitCode.OK)) from None

    signature = inspect.signature(command, eval_str=True)
    listed = [*signature.parameters.values(),
              inspect.Parameter("debug", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=Debug)]
    guarded.__signature__ = signature.replace(parameters=listed)  # type: ignore[attr-defined]
    guarded.__annotations__ = {parameter.name: parameter.annotation for parameter in listed}
    return guarded  # type: ignore[return-value]


def emit(view: TableView, requested: OutputFormat, output: Path | None) -> None:
    """Show a view: a Rich table, plain text on stdout, or a file written atomically."""
    output_format = resolve_format(requested, output, sys.stdout.isatty())
    if output_format is OutputFormat.TABLE:
        from rich.console import Console

        from benchmark.render.rich_table import to_rich_tables

        console = Console(file=sys.stdout)
        for table in to_rich_tables(view, width=console.width):
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
            sys.stdout.write(text)
            sys.stdout.flush()
        else:
            from benchmark.core.output import write_text_atomic

            write_text_atomic(output, text)
            say(f"Wrote {plural(len(view.frame), 'row')} to {output}")
    for message in view.warnings:
        warn(message)
