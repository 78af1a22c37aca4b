"""Output formats, how ``-o PATH`` implies one, and rendering a view to text."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from benchmark.errors import UsageError
from benchmark.render.view import TableView


class OutputFormat(str, Enum):
    AUTO = "auto"  # a Rich table on a terminal, CSV otherwise
    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"
    MARKDOWN = "markdown"


SUFFIX_FORMATS = {
    ".csv": OutputFormat.CSV,
    ".tsv": OutputFormat.TSV,
    ".txt": OutputFormat.TSV,
    ".json": OutputFormat.JSON,
    ".md": OutputFormat.MARKDOWN,
    ".markdown": OutputFormat.MARKDOWN,
}


def resolve_format(requested: OutputFormat, output: Path | None, terminal: bool) -> OutputFormat:
    """The format to write: the explicit one, else the output file's suffix, else by terminal."""
    if output is not None:
        implied = SUFFIX_FORMATS.get(output.suffix.lower())
        if requested is OutputFormat.TABLE:
            raise UsageError(f"-o {output}: a Rich table is for the terminal; "
                             "write csv, tsv, json or markdown to a file")
        if requested is not OutputFormat.AUTO:
            return requested
        if implied is None:
            if output.suffix.lower() == ".xlsx":
                raise UsageError(f"-o {output}: Excel output is not available yet; "
                                 "write .csv and open it in Excel")
            known = ", ".join(SUFFIX_FORMATS)
            raise UsageError(f"-o {output}: cannot tell the format from '{output.suffix}'; "
                             f"use one of {known} or give --format")
        return implied
    if requested is OutputFormat.AUTO:
        return OutputFormat.TABLE if terminal else OutputFormat.CSV
    return requested


def render_text(view: TableView, output_format: OutputFormat) -> str:
    """A plain format as text (every format but TABLE)."""
    from benchmark.render import plain

    if output_format is OutputFormat.CSV:
        return plain.to_delimited(view, ",")
    if output_format is OutputFormat.TSV:
        return plain.to_delimited(view, "\t")
    if output_format is OutputFormat.JSON:
        return plain.to_json(view)
    if output_format is OutputFormat.MARKDOWN:
        return plain.to_markdown(view)
    raise ValueError(f"{output_format} is not a text format")
