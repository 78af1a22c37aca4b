"""Excel error cells: the older codes (#REF!, #VALUE!, ...) were read as missing without a word,
the newer ones (#SPILL!, #CALC!, ...) refused the whole workbook with advice that could not help.
Now each is an unreadable value naming its cell and code, in rank and validate, and --lenient
counts them as missing. Real CLI, bounded child."""

from __future__ import annotations

from pathlib import Path

import pytest
from bounded import child
from generate import GOOD_ROWS, sheet_rows, sheet_xml, workbook_parts, zipped
from test_hostile import assert_clean_error

CODES = ["#REF!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#DIV/0!", "#SPILL!", "#CALC!", "#FIELD!"]


def with_errors(value_code: str, area_code: str | None = None) -> bytes:
    """The good rows, then Devon with an error cell as its value (and, if given, as its area),
    and Dorset whose value is the text '#SPILL!' typed in (not an error cell)."""
    def text(reference: str, words: str) -> str:
        return f'<c r="{reference}" t="inlineStr"><is><t>{words}</t></is></c>'

    area = f'<c r="A5" t="e"><v>{area_code}</v></c>' if area_code else text("A5", "Devon")
    rows = sheet_rows(GOOD_ROWS) + (
        f'<row r="5">{area}{text("B5", "Jobs")}<c r="C5" t="e"><f>1/0</f><v>{value_code}</v></c>'
        f'{text("D5", "high")}</row>')
    return zipped(workbook_parts([("data", sheet_xml(rows))]))


@pytest.mark.parametrize("code", CODES)
def test_an_error_cell_is_named_not_lost(tmp_path: Path, code: str) -> None:
    (tmp_path / "book.xlsx").write_bytes(with_errors(code))
    done = child(["rank", "book.xlsx", "-o", "out.csv"], tmp_path)
    assert_clean_error(done.returncode, done.stdout, done.stderr, 1,
                       (f"book.xlsx, sheet 'data', row 5, column C (value): the cell holds the error "
                        f"{code} (a formula that failed in Excel)", "--lenient"))
    assert not (tmp_path / "out.csv").exists()


def test_validate_lists_them_and_lenient_counts_them_as_missing(tmp_path: Path) -> None:
    (tmp_path / "book.xlsx").write_bytes(with_errors("#SPILL!"))
    listed = child(["validate", "book.xlsx", "-f", "csv"], tmp_path)
    assert listed.returncode == 1
    assert "row 5, column C (value): the cell holds the error #SPILL!" in listed.stdout.decode()
    lenient = child(["rank", "book.xlsx", "--lenient", "-f", "csv"], tmp_path)
    assert lenient.returncode == 0, lenient.stderr.decode()
    assert "1 unreadable value treated as missing (--lenient)" in lenient.stderr.decode()
    assert lenient.stdout.decode().splitlines()[1:] == ["1,Surrey,1.0,1,1.0", "2,Essex,2.0,1,2.0",
                                                        "3,Kent,3.0,1,3.0", ",Devon,,0,"]


def test_an_error_cell_as_a_name_is_refused(tmp_path: Path) -> None:
    (tmp_path / "book.xlsx").write_bytes(with_errors("#REF!", area_code="#CALC!"))
    done = child(["rank", "book.xlsx"], tmp_path)
    assert_clean_error(done.returncode, done.stdout, done.stderr, 1,
                       ("book.xlsx, sheet 'data', cell A5: the cell holds the error #CALC!",))
