"""The command-line interface: the Typer app and its commands, one module per topic."""

from __future__ import annotations

from benchmark.cli import council, importer, money, profiles, rank, report  # noqa: F401  (registers)
from benchmark.cli.app import app


def main() -> None:
    """Console-script entry point."""
    app(prog_name="benchmark")


__all__ = ["app", "main"]
