"""Awkward input that is read, not refused, and the pieces of the defences, in process."""

from __future__ import annotations

import math
import os
import threading
from pathlib import Path

import pandas as pd
import pytest
from generate import GOOD_CSV, cell, sheet_rows, sheet_xml, workbook_parts, zipped
from openpyxl import Workbook
from typer.testing import CliRunner

import benchmark
from benchmark import DataError, UsageError, read_dataset
from benchmark.cli import app
from benchmark.core.text import printable
from benchmark.core.values import UnreadableValue, parse_value, parse_values
from benchmark.io import require_clean
from benchmark.io.limits import DEFAULT_MAX_BYTES, DEFAULT_MAX_CELLS, Limits
from benchmark.io.xlsx.scan import scan_sheet


def invoke(args: list[str]):
    return CliRunner().invoke(app, args, env={"NO_COLOR": "1", "COLUMNS": "120"})


# --- workbooks -----------------------------------------------------------------------------------

def test_merged_cells_below_the_header_are_read_as_excel_shows_them(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "data"
    for row in (["area", "period", "Jobs", "Pay"], ["Kent", "2017", 1, 5], [None, "2018", 2, 6],
                ["Essex", "2017", 3, 7], [None, "2018", 4, 8]):
        sheet.append(row)
    sheet.merge_cells("A2:A3")
    sheet.merge_cells("A4:A5")
    sheet.merge_cells("C1:D1")  # in the header row: left alone, so D is headed after its letter
    book.save(tmp_path / "merged.xlsx")
    dataset = read_dataset(tmp_path / "merged.xlsx")
    assert dataset.observations["area"].astype(str).tolist()[:4] == ["Kent", "Kent", "Essex", "Essex"]
    assert sorted(dataset.observations["indicator"].astype(str).unique()) == ["Jobs", "column D"]


def test_hidden_sheets_are_skipped_unless_named_for_reading(tmp_path: Path) -> None:
    rows = sheet_xml(sheet_rows([["area", "Jobs"], ["Kent", 1], ["Essex", 2]]))
    path = tmp_path / "hidden.xlsx"
    path.write_bytes(zipped(workbook_parts([("Q3 figures", rows), ("lookup", rows)], hidden=("lookup",))))
    dataset = read_dataset(path)  # without the hidden sheet, 'Q3 figures' is the only candidate
    assert dataset.notes[0] == f"{path}: no sheet named 'data'; read sheet 'Q3 figures'"
    path.write_bytes(zipped(workbook_parts([("Q3", rows), ("Areas", rows)], hidden=("Areas",))))
    with pytest.raises(DataError, match=r"the sheet 'Areas' is hidden, so you cannot see what would be read"):
        read_dataset(path)


def test_formulas_are_read_by_their_saved_results(tmp_path: Path) -> None:
    rows = sheet_rows([["area", "indicator", "value", "polarity"], ["Kent", "Jobs", 1, "high"]])
    rows += ('<row r="3"><c r="A3" t="str"><f>A2&amp;"x"</f><v>Kentx</v></c>' + cell("B3", "Jobs")
             + '<c r="C3"><f>C2*2</f><v>2</v></c>' + cell("D3", "high") + "</row>")
    path = tmp_path / "saved.xlsx"
    path.write_bytes(zipped(workbook_parts([("data", sheet_xml(rows))])))
    observations = read_dataset(path).observations
    assert observations["area"].astype(str).tolist() == ["Kent", "Kentx"]
    assert observations["value"].tolist() == [1.0, 2.0]


def test_a_formula_without_its_result_is_an_unreadable_value(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "data"
    for row in (["area", "indicator", "value", "polarity"], ["Kent", "Jobs", 1, "high"],
                ["Essex", "Jobs", "=C2*2", "high"]):
        sheet.append(row)
    book.save(tmp_path / "openpyxl.xlsx")  # openpyxl writes formulas without results
    dataset = read_dataset(tmp_path / "openpyxl.xlsx")
    assert [problem.message.split(";")[0] for problem in dataset.problems] == [
        f"{tmp_path / 'openpyxl.xlsx'}, sheet 'data', row 3, column C (value): the formula =C2*2 has "
        "no saved result (the workbook was saved by a program that does not calculate formulas)"]
    with pytest.raises(DataError, match="has no saved result"):
        require_clean(dataset)
    assert "1 unreadable value treated as missing" in require_clean(dataset, lenient=True)[0]
    assert math.isnan(dataset.observations["value"].tolist()[1])


def test_control_characters_in_cells_are_removed(tmp_path: Path) -> None:
    rows = sheet_rows([["area", "indicator", "value", "polarity"], ["Ke_x001B_nt", "Jo&#7;bs", 1, "high"],
                       ["Essex\u200b", "Jobs", 2, "high"]])
    path = tmp_path / "controls.xlsx"
    path.write_bytes(zipped(workbook_parts([("data", sheet_xml(rows))])))
    observations = read_dataset(path).observations
    assert observations["area"].astype(str).tolist() == ["Kent", "Essex"]
    assert observations["indicator"].astype(str).tolist() == ["Jobs", "Jobs"]
    text = tmp_path / "controls.csv"
    text.write_text("area,indicator,value\nKe\x1b[31mnt,Jobs,1\nKent\u202e,Jobs,1\n", encoding="utf-8")
    observations = read_dataset(text).observations  # the same row twice once cleaned: one kept
    assert observations["area"].astype(str).tolist() == ["Ke[31mnt", "Kent"]


def test_line_breaks_inside_headers_and_names_read_as_spaces(tmp_path: Path) -> None:
    source = tmp_path / "wrapped.csv"
    source.write_text('area,"Median\nweekly pay"\n"Kent\r\nCounty",500\n', encoding="utf-8")
    observations = read_dataset(source).observations
    assert observations["indicator"].astype(str).tolist() == ["Median weekly pay"]
    assert observations["area"].astype(str).tolist() == ["Kent County"]


def test_a_zip_version_past_what_zipfile_knows_is_damage(tmp_path: Path) -> None:
    rows = sheet_xml(sheet_rows([["area", "Jobs"], ["Kent", 1]]))
    data = bytearray(zipped(workbook_parts([("data", rows)])))
    central = data.find(b"PK\x01\x02")
    data[central + 6] = 230  # version needed to extract: 23.0, which zipfile refuses to read
    (tmp_path / "version.xlsx").write_bytes(bytes(data))
    with pytest.raises(DataError, match="the workbook is damaged or incomplete"):
        read_dataset(tmp_path / "version.xlsx")


@pytest.mark.parametrize("declaration", ["<!DOCTYPE worksheet>", "<!doctype worksheet>",
                                         '<!ENTITY x "y">'])
def test_any_document_type_declaration_is_refused(tmp_path: Path, declaration: str) -> None:
    rows = sheet_rows([["area", "Jobs"], ["Kent", 1]])
    path = tmp_path / "declared.xlsx"
    path.write_bytes(zipped(workbook_parts([("data", sheet_xml(rows, prolog=declaration + "\n"))])))
    with pytest.raises(DataError, match=r"sheet1.xml declares a document type \(<!DOCTYPE>\)"):
        read_dataset(path)


def test_scanning_finds_the_extent_calamine_will_allocate() -> None:
    canonical = sheet_xml('<row r="3"><c r="B3"><v>1</v></c><c r="AA10"><v>2</v></c></row>').encode()
    fast = scan_sheet(canonical)
    assert (fast.top, fast.left, fast.bottom, fast.right, fast.extent) == (2, 1, 9, 26, "B3:AA10")
    # No references: the rows and the most cells in one row bound it (calamine: A1:E2).
    plain = sheet_xml("<row>" + "<c><v>1</v></c>" * 5 + "</row><row><c><v>2</v></c></row>").encode()
    assert scan_sheet(plain).extent == "A1:E2"  # exact: nothing named
    # A prefix, single quotes, spaces, a row named far down: bounded from A1 past all of it.
    odd = (b"<x:worksheet xmlns:x='m'><x:sheetData><x:row><x:c><x:v>1</x:v></x:c><x:c/><x:c><x:v>2"
           b"</x:v></x:c></x:row><x:row r = '7'><x:c r='D7'><x:v>3</x:v></x:c></x:row></x:sheetData>"
           b"</x:worksheet>")
    scan = scan_sheet(odd)
    assert (scan.top, scan.left) == (0, 0) and scan.bottom >= 6 and scan.right >= 3
    assert scan.extent.startswith("at most A1:")
    assert scan_sheet(sheet_xml('<row r="1"><c><v>1</v></c></row><row r="1048576"><c><v>2</v></c>'
                                '</row>').encode()).bottom >= 1048575


def test_scanning_finds_formulas_without_saved_results() -> None:
    unsaved = scan_sheet(sheet_xml('<row r="1"><c r="C1"><f>SUM(A1:B1)</f><v/></c>'
                                   '<c r="D1" t="str"><f>""</f><v></v></c>'
                                   '<c r="E1"><f t="shared" si="0"/></c><c r="F1"><f>1</f><v>1</v></c>'
                                   "</row>").encode())
    # A formula whose result is "" is saved; a shared formula's cell has no text of its own.
    assert unsaved.unsaved == {(0, 2): "=SUM(A1:B1)", (0, 4): "(a shared formula)"}
    sequential = scan_sheet(b"<worksheet><sheetData><row><c><v>1</v></c><c><f>A1*2</f></c></row>"
                            b"<row><c><f>A1&amp;B1</f><v>x</v></c></row></sheetData></worksheet>")
    assert sequential.unsaved == {(0, 1): "=A1*2"}


# --- text ----------------------------------------------------------------------------------------

SPEND = "area,indicator,value,polarity\nKent,Spend,£677,low\n"


@pytest.mark.parametrize(
    ("data", "options"),
    [
        (SPEND.encode("utf-16-le"), ["--encoding", "utf-16-le"]),
        (SPEND.encode("utf-16-be"), ["--encoding", "utf-16-be"]),
        (SPEND.encode("cp1252"), []),
        (SPEND.encode("latin-1"), ["--encoding", "latin-1"]),
        (SPEND.encode("utf-32"), []),
        (b"\xef\xbb\xbf" + SPEND.encode(), ["--encoding", "utf-8"]),
    ],
    ids=["utf-16-le", "utf-16-be", "cp1252-detected", "latin-1", "utf-32-bom", "utf-8-bom-forced"],
)
def test_encodings_detected_or_given(tmp_path: Path, data: bytes, options: list[str]) -> None:
    source = tmp_path / "spend.csv"
    source.write_bytes(data)
    result = invoke(["rank", str(source), "--detail", "-f", "csv", *options])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1] == "Spend,(no theme),,Kent,677.0,1,1"
    encoding = options[1] if options else None
    assert read_dataset(source, encoding=encoding).observations["value"].tolist() == [677.0]


def test_a_wrong_encoding_names_the_line_and_byte(tmp_path: Path) -> None:
    source = tmp_path / "windows.csv"
    source.write_bytes("area,indicator,value\nKent,Spend,£677\n".encode("cp1252"))
    with pytest.raises(DataError, match=r"windows.csv, line 2: byte 0xa3 cannot be read as --encoding "
                                        r"utf-8; save the file as \"CSV UTF-8\""):
        read_dataset(source, encoding="utf-8")
    with pytest.raises(UsageError, match="--encoding rot13: not a text encoding"):
        read_dataset(source, encoding="rot13")


def test_a_pipe_is_read_like_standard_input(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)
    writer = threading.Thread(target=lambda: pipe.write_text(GOOD_CSV), daemon=True)
    writer.start()
    try:
        dataset = read_dataset(pipe)
    finally:
        writer.join(timeout=10)
    assert dataset.observations["value"].tolist() == [1.0, 2.0, 3.0]


def test_running_out_of_memory_is_a_clean_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import benchmark.io.tables as tables

    def exhausted(*args: object) -> None:
        raise MemoryError

    monkeypatch.setattr(tables, "_read_bytes", exhausted)
    source = tmp_path / "good.csv"
    source.write_text(GOOD_CSV)
    with pytest.raises(DataError, match="ran out of memory reading the file; it is too large"):
        read_dataset(source)


# --- values --------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "reason"),
    [("1e999", "'1e999' is too large to be a number"),
     ("£1e999999999999", "'£1e999999999999' is too large to be a number"),
     ("9" * 90 + "e300", "is too large to be a number"),
     ("9" * 101, "(101 characters) as a number"),
     ("a\x1bb", "cannot read 'a\\x1bb' as a number")],
)
def test_values_too_large_or_too_long_are_unreadable(text: str, reason: str) -> None:
    with pytest.raises(UnreadableValue) as caught:
        parse_value(text)
    assert reason in str(caught.value)


def test_tiny_exponents_are_refused_and_nan_is_missing() -> None:
    """A value too small to tell from 0 was once read as 0 without a word (issue 17)."""
    with pytest.raises(UnreadableValue, match="too small to be told from 0"):
        parse_value("£1e-999999999999")
    assert math.isnan(parse_value("nan")) and math.isnan(parse_value("NaN"))
    numbers, bad = parse_values(pd.Series(["inf", "-inf", "1e999", "nan", "2"], dtype=object))
    assert [cell.position for cell in bad] == [0, 1, 2]
    assert [cell.reason for cell in bad] == ["not a finite number", "not a finite number",
                                             "'1e999' is too large to be a number"]
    assert math.isnan(numbers[3]) and numbers[4] == 2.0


# --- ranking what is left --------------------------------------------------------------------------

def test_one_area_only_ranks_first_of_one(tmp_path: Path) -> None:
    source = tmp_path / "one.csv"
    source.write_text("area,indicator,value,polarity\nKent,Jobs,1,high\n")
    result = invoke(["rank", str(source), "-f", "csv"])
    assert result.exit_code == 0
    assert result.stdout == "position,area,average_rank,indicators,(no theme)\n1,Kent,1.0,1,1.0\n"


def test_an_indicator_where_every_value_ties_gives_everyone_rank_one(tmp_path: Path) -> None:
    source = tmp_path / "tied.csv"
    source.write_text("area,indicator,value,polarity\nKent,Jobs,5,high\nEssex,Jobs,5,high\nSurrey,Jobs,5,high\n")
    ranking = benchmark.rank(benchmark.select(read_dataset(source)))
    assert ranking.table["position"].tolist() == [1, 1, 1]
    assert ranking.table["average_rank"].tolist() == [1.0, 1.0, 1.0]


# --- limits and messages ---------------------------------------------------------------------------

def test_limits_come_from_the_arguments_then_the_environment_then_the_defaults() -> None:
    assert Limits.resolve(environ={}) == Limits(DEFAULT_MAX_CELLS, DEFAULT_MAX_BYTES)
    environ = {"BENCHMARK_MAX_CELLS": " 1000 ", "BENCHMARK_MAX_BYTES": "64M"}
    assert Limits.resolve(environ=environ) == Limits(1000, 64 * 1024**2)
    assert Limits.resolve(20, environ=environ) == Limits(20, 64 * 1024**2)
    assert Limits.resolve(environ={"BENCHMARK_MAX_BYTES": "2g"}).max_bytes == 2 * 1024**3
    with pytest.raises(UsageError, match="BENCHMARK_MAX_BYTES='lots' is not a whole number"):
        Limits.resolve(environ={"BENCHMARK_MAX_BYTES": "lots"})
    with pytest.raises(UsageError, match="--max-cells 0: give a whole number of 1 or more"):
        Limits.resolve(0, environ={})
    with pytest.raises(DataError, match=r"x: the sheet \(12 cells\), more than the limit of 10 cells; "
                                        r"if the file is genuine, raise the limit with --max-cells 20"):
        Limits(10, 100).check_cells(12, "x", "the sheet (12 cells)")


def test_names_in_messages_show_control_characters_as_escapes() -> None:
    assert printable("data.csv") == "data.csv"
    assert printable("a\nb\x1b[2J\u202e.csv") == "a\\nb\\x1b[2J\\u202e.csv"
