"""Small workbooks crafted so that what calamine would build from them is huge: a long shared
string referenced by many cells, a shared-strings table that declares far more strings than it
holds, and one cell of hundreds of megabytes. Built in memory from code (see generate.py)."""

from __future__ import annotations

from generate import GOOD_ROWS, sheet_rows, sheet_xml, workbook_parts, zipped

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _strings(items: list[str], declared: int | None = None) -> str:
    count = len(items) if declared is None else declared
    body = "".join(f"<si><t>{item}</t></si>" for item in items)
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{MAIN}" '
            f'count="{count}" uniqueCount="{count}">{body}</sst>')


def shared_string_fanout(length: int = 1_000_000, references: int = 5_000) -> bytes:
    """One string of ``length`` characters, referenced by ``references`` cells: a megabyte that
    expands to gigabytes of cell text."""
    rows = sheet_rows(GOOD_ROWS)
    fan = "".join(f'<row r="{row}"><c r="E{row}" t="s"><v>0</v></c></row>'
                  for row in range(len(GOOD_ROWS) + 1, len(GOOD_ROWS) + 1 + references))
    return zipped(workbook_parts([("data", sheet_xml(rows + fan))], shared_strings=_strings(["A" * length])))


def declared_strings(declared: int = 2_000_000_000) -> bytes:
    """A shared-strings table that says it holds two billion strings and holds one."""
    return zipped(workbook_parts([("data", sheet_xml(sheet_rows(GOOD_ROWS)))],
                                 shared_strings=_strings(["Kent"], declared)))


def giant_cell(length: int = 200_000_000) -> bytes:
    """One inline cell of ``length`` characters (inside the byte limit)."""
    cell = f'<c r="A9" t="inlineStr"><is><t>{"A" * length}</t></is></c>'
    rows = sheet_rows(GOOD_ROWS) + f'<row r="9">{cell}</row>'
    return zipped(workbook_parts([("data", sheet_xml(rows))]))
