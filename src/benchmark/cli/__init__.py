"""The command-line interface."""

from __future__ import annotations

from benchmark.cli.app import app


def main() -> None:
    """Console-script entry point."""
    app(prog_name="benchmark")


__all__ = ["app", "main"]
