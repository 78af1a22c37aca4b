"""Workbooks: one command's table (``-o PATH.xlsx``), or a document of sections (the report), a
sheet per section. openpyxl is imported inside the functions that write, and the file is
replaced atomically."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmark.render.excel.charts import add_chart
from benchmark.render.excel.sheet import sheet_name, write_tables
from benchmark.render.plan import Document, Section
from benchmark.render.view import TableView


def write_view(view: TableView, path: Path) -> None:
    """One command's table as a workbook of one sheet, written atomically."""
    write_workbook(path, [Section(sheet_name(view.title), [view])])


def write_document(document: Document, path: Path, progress: Callable[[str], None] | None = None) -> None:
    """A document as a workbook, a sheet per section, with its title, author and time of making
    in the workbook's properties."""
    write_workbook(path, document.sections, progress,
                   {"title": document.title, "creator": document.author,
                    "created": document.created.replace(tzinfo=None)})


def write_workbook(path: Path, sections: list[Section], progress: Callable[[str], None] | None = None,
                   properties: dict[str, Any] | None = None) -> None:
    """Write the sections, a sheet each in order, to ``path`` atomically (the previous file
    survives a failure)."""
    from openpyxl import Workbook

    from benchmark.core.output import write_binary_atomic

    workbook = Workbook(write_only=True)
    for key, value in (properties or {}).items():
        setattr(workbook.properties, key, value)
    for section in sections:
        if progress is not None:
            progress(f"Writing {section.name}")
        sheet, placed = write_tables(workbook, section)
        if section.chart is not None:
            add_chart(sheet, section.chart, placed)
    write_binary_atomic(path, workbook.save)
