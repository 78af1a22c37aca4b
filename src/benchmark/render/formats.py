"""Output formats, how ``-o PATH`` implies one, and rendering a view to text."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from benchmark.core.errors import UsageError
from benchmark.render.view import TableView


class OutputFormat(str, Enum):
    AUTO = "auto"  # a Rich table on a terminal, CSV otherwise
    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"  # a page of its own: the report's styles, nothing fetched
    XLSX = "xlsx"  # a workbook: only to a file (-o PATH.xlsx)


SUFFIX_FORMATS = {
    ".csv": OutputFormat.CSV,
    ".tsv": OutputFormat.TSV,
    ".txt": OutputFormat.TSV,
    ".json": OutputFormat.JSON,
    ".md": OutputFormat.MARKDOWN,
    ".markdown": OutputFormat.MARKDOWN,
    ".html": OutputFormat.HTML,
    ".htm": OutputFormat.HTML,
    ".xlsx": OutputFormat.XLSX,
}


def resolve_format(requested: OutputFormat, output: Path | None, terminal: bool) -> OutputFormat:
    """The format to write: the explicit one, else the output file's suffix, else by terminal."""
    if output is not None:
        implied = SUFFIX_FORMATS.get(output.suffix.lower())
        if requested is OutputFormat.TABLE:
            raise UsageError(f"-o {output}: a Rich table is for the terminal; "
                             "write csv, tsv, json, markdown or html to a file")
        if requested is OutputFormat.XLSX and implied is not OutputFormat.XLSX:
            raise UsageError(f"-o {output}: --format xlsx writes an Excel workbook; "
                             "end the file name with .xlsx")
        if implied is OutputFormat.XLSX and requested not in (OutputFormat.AUTO, OutputFormat.XLSX):
            raise UsageError(f"-o {output}: a .xlsx file holds an Excel workbook, not "
                             f"{requested.value}; drop --format {requested.value} or choose "
                             "another file name")
        if requested is not OutputFormat.AUTO:
            return requested
        if implied is None:
            known = ", ".join(SUFFIX_FORMATS)
            raise UsageError(f"-o {output}: cannot tell the format from '{output.suffix}'; "
                             f"use one of {known} or give --format")
        return implied
    if requested is OutputFormat.XLSX:
        raise UsageError("--format xlsx: an Excel workbook cannot go to standard output; "
                         "give -o PATH.xlsx")
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
    if output_format is OutputFormat.HTML:
        from benchmark.render.html import table_html_page

        return table_html_page(view)
    raise ValueError(f"{output_format} is not a text format")
