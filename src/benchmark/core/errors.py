"""Errors a user can cause, and the exit codes scripts can rely on.

Every message says what went wrong, where (file, sheet, row, column) and how to fix it.
The CLI prints ``Error: <message>`` and exits with the error's ``exit_code``.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes, documented in the README for scripts."""

    OK = 0
    BAD_DATA = 1
    BAD_USAGE = 2
    INTERRUPTED = 130


class BenchmarkError(Exception):
    """Base class: a problem the user can fix, reported without a traceback."""

    exit_code: ExitCode = ExitCode.BAD_DATA


class DataError(BenchmarkError):
    """The input data is unreadable, inconsistent or incomplete."""

    exit_code = ExitCode.BAD_DATA


class UsageError(BenchmarkError):
    """The command line asks for something impossible (unknown area, bad option value...)."""

    exit_code = ExitCode.BAD_USAGE
