"""Finding a profile's table in a source: which sheets, which row is the header row (below any
title rows and hidden reference rows), and which columns the profile's references resolve to."""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass

from benchmark.core.headers import normalise_header
from benchmark.core.values import NoSavedValue, clean_text
from benchmark.io.profiles.schema import Profile
from benchmark.io.raw import RawTable, column_letter

SEARCH_ROWS = 30  # a header row is looked for this far down


@dataclass(frozen=True)
class Found:
    """A source table with its header row found: ``table`` holds the rows below it under its
    headers (row numbers the file's); ``title`` is the text of the rows above."""

    table: RawTable
    title: str


def considered(tables: list[RawTable], profile: Profile) -> list[RawTable]:
    """The visible tables a profile would read: its sheets, less notes sheets."""
    def wanted(sheet: str | None) -> bool:
        if sheet is None:
            return True
        name = sheet.casefold()
        if any(fnmatch.fnmatchcase(name, pattern.casefold()) for pattern in profile.skip_sheets):
            return False
        return not profile.sheets or any(fnmatch.fnmatchcase(name, p.casefold()) for p in profile.sheets)

    hidden = [t for t in tables if t.hidden and profile.sheets and wanted(t.sheet)]
    if hidden:
        from benchmark.io.xlsx.read import refuse_hidden

        refuse_hidden(hidden)
    return [t for t in tables if not t.hidden and not t.frame.empty and wanted(t.sheet)]


def find(tables: list[RawTable], profile: Profile,
         seen: dict[int, list[set[str]]] | None = None) -> list[Found]:
    """The tables the profile fits, each with its header row found. ``seen`` keeps each table's
    candidate header rows (normalised) while several profiles are tried on the same tables."""
    found = []
    for table in considered(tables, profile):
        position = header_position(table, profile, seen)
        if position is None:
            continue
        candidate = rehead(table, position)
        if unresolved(candidate.table, profile) is None and (
                profile.wide_header is None or melted_columns(candidate.table, profile)):
            found.append(candidate)
    return found


def cells(row: list[object], table: RawTable) -> list[str]:
    """A row's cells as one-line text; '' for blanks (and for the reader's 'column X' names)."""
    texts = []
    for index, cell in enumerate(row):
        if cell is None or (isinstance(cell, float) and cell != cell) or cell == "" or isinstance(
                cell, NoSavedValue):  # a formula without its result: refused where it is read
            texts.append("")
            continue
        text = clean_text(cell) or ""
        texts.append("" if text.startswith("column ") and
                     text == f"column {column_letter(table.first_column + index)}" else text)
    return texts


def header_position(table: RawTable, profile: Profile,
                    seen: dict[int, list[set[str]]] | None = None) -> int | None:
    """0 when the table's own headers are the header row, p when it is the frame's row p - 1."""
    seen = {} if seen is None else seen
    if id(table) not in seen:
        rows = [list(table.frame.columns)] + table.frame.iloc[:SEARCH_ROWS].to_numpy().tolist()
        seen[id(table)] = [{normalise_header(cell) for cell in cells(row, table)} for row in rows]
    wanted = {normalise_header(header) for header in profile.detect}
    return next((position for position, row in enumerate(seen[id(table)]) if wanted <= row), None)


def rehead(table: RawTable, position: int) -> Found:
    if position == 0:
        raw, body, numbers, above = list(table.frame.columns), table.frame, table.row_numbers, []
    else:
        raw = table.frame.iloc[position - 1].tolist()
        body = table.frame.iloc[position:]
        numbers = table.row_numbers[position:]
        above = [list(table.frame.columns)] + table.frame.iloc[: position - 1].to_numpy().tolist()
    headers, seen = [], set()
    for index, text in enumerate(cells(raw, table)):
        letter = column_letter(table.first_column + index)
        name = " ".join(text.split()) or f"column {letter}"
        if name.casefold() in seen:  # RA budgets repeat a line's label under two services
            name = f"{name} (column {letter})"
        seen.add(name.casefold())
        headers.append(name)
    body = body.set_axis(headers, axis=1).reset_index(drop=True)
    title = " ".join(cell for row in above for cell in cells(row, table) if cell)
    return Found(RawTable(table.file, table.sheet, body, list(numbers), table.first_column), title)


def resolve(table: RawTable, alternatives: tuple[str, ...]) -> str | None:
    headers = {normalise_header(header): header for header in table.frame.columns}
    for alternative in alternatives:
        if normalise_header(alternative) in headers:
            return headers[normalise_header(alternative)]
    return None


def unresolved(table: RawTable, profile: Profile) -> str | None:
    """What a profile needs that the table lacks ('column Value'), or None."""
    needed = [("area", profile.columns["area"])]
    if profile.wide_header is None:
        needed.append(("value", profile.columns["value"]))
    needed += [("row filter", (column,)) for column, _ in profile.keep]
    for what, alternatives in needed:
        if resolve(table, alternatives) is None:
            return f"{what} column ({' or '.join(repr(a) for a in alternatives)})"
    if "indicator" not in profile.constants and profile.wide_header != "indicator" and not any(
            resolve(table, part) for part in profile.indicator_columns):
        return "indicator column (" + " or ".join(repr(p[0]) for p in profile.indicator_columns) + ")"
    return None


def melted_columns(table: RawTable, profile: Profile) -> list[str]:
    """A wide table's columns of values: those the profile's pattern selects, else every column
    that is not a key, metadata, ignored or blank-headed."""
    used = {resolve(table, alternatives) for alternatives in profile.columns.values()}
    used |= {resolve(table, part) for part in profile.indicator_columns}
    used |= {resolve(table, (column,)) for column, _ in (*profile.keep, *profile.missing_when)}
    used |= {resolve(table, (column,)) for column in profile.wide_ignore}
    pattern = re.compile(profile.wide_columns) if profile.wide_columns else None
    chosen = []
    for index, header in enumerate(table.frame.columns):
        if header in used or header == f"column {column_letter(table.first_column + index)}":
            continue
        if pattern is None or pattern.search(header):
            chosen.append(header)
    return chosen


