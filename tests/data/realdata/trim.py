"""How the files here were made from the real files (realdata/, described in its SOURCES.md):
header and title lines byte for byte, then only the data lines of the 27 counties and a few others.

    python tests/data/realdata/trim.py PATH/TO/realdata
"""

from __future__ import annotations

import csv
import io
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

SRC = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("realdata")
DST = Path(__file__).parent
OTHERS = {"Darlington", "Enfield", "Leicester", "Camden", "Rutland", "Barking and Dagenham"}


def counties() -> tuple[set[str], set[str]]:
    with open(SRC / "county_codes_lookup_2018_set.csv", encoding="utf-8") as handle:
        lookup = list(csv.DictReader(handle))
    return {row["ons_code"] for row in lookup} | {"E10000022"}, {row["county"] for row in lookup}


CODES, NAMES = counties() if __name__ == "__main__" else (set(), set())


def trim(name: str, header_lines: int, keep: Callable[[list[str]], bool], stop: int | None = None) -> Path:
    data = (SRC / name).read_bytes()
    lines = data.split(b"\n")
    kept = lines[:header_lines]
    for line in lines[header_lines:stop]:
        fields = next(csv.reader([line.decode("utf-8-sig", errors="replace")]), [])
        if fields and keep(fields):
            kept.append(line)
    body = b"\n".join(kept)
    if data.endswith(b"\n") and not body.endswith(b"\n"):
        body += b"\n"
    target = DST / Path(name).name
    target.write_bytes(body)
    return target


def sdg(area_column: int, years: set[str], names: set[str]) -> Callable[[list[str]], bool]:
    """Two years' rows of the named authorities and of the regions and England (no authority)."""
    return lambda f: f[0] in years and (f[area_column] == "" or f[area_column] in names)


def header_line(name: str) -> int:
    """The line after the header record (whose wrapped cells span several lines)."""
    lines = (SRC / name).read_bytes().split(b"\n")
    rows = list(csv.reader(io.StringIO((SRC / name).read_text(encoding="utf-8-sig"))))
    record = next(row for row in rows if row and row[0] == "E-code")
    start = next(i for i, line in enumerate(lines) if line.lstrip(b"\xef\xbb\xbf").startswith(b"E-code,"))
    return start + sum(cell.count("\n") for cell in record) + 1


def mhclg(name: str) -> None:
    """Title and header lines, the counties, Leicester and England; for RSX also the start of the
    second table below (its header record and two rows)."""
    lines = (SRC / name).read_bytes().split(b"\n")
    starts = [i for i, line in enumerate(lines) if line.lstrip(b"\xef\xbb\xbf").startswith(b"E-code,")]
    second = starts[1] if len(starts) > 1 else None
    target = trim(name, header_line(name), lambda f: len(f) > 2 and (
        f[1] in CODES or f[2] in ("Leicester UA", "Leicester", "ENGLAND")), stop=second)
    if second is not None:
        extra, records, quotes = [], 0, 0
        for line in lines[second:]:  # three whole records: a record ends where its quotes balance
            extra.append(line)
            quotes += line.count(b'"')
            if quotes % 2 == 0:
                records += 1
                if records == 3:
                    break
        target.write_bytes(target.read_bytes().rstrip(b"\n") + b"\n" + b"\n".join(extra) + b"\n")


def rs_workbook() -> None:
    """Every sheet kept, with its visibility and position; the data sheet keeps its title and
    header rows and the counties, Leicester and the notes; other sheets their first 12 rows."""
    from openpyxl import Workbook
    from python_calamine import CalamineWorkbook, SheetVisibleEnum

    source = CalamineWorkbook.from_path(str(SRC / "RS_2017-18_data_by_LA.xlsx"))
    book = Workbook()
    book.remove(book.active)
    for meta in source.sheets_metadata:
        sheet = source.get_sheet_by_name(meta.name)
        rows = sheet.to_python(skip_empty_area=True)
        top, left = sheet.start or (0, 0)
        kept = rows[:12]
        if meta.name == "RS LA Data 2017-18":
            kept = rows[:7] + [r for r in rows[7:] if r[1] in CODES or r[2] == "Leicester UA"
                               or str(r[0]).startswith("(")]
        target = book.create_sheet(meta.name)
        if meta.visible != SheetVisibleEnum.Visible:
            target.sheet_state = "hidden"
        for i, row in enumerate(kept):
            for j, cell in enumerate(row):
                if cell != "":
                    target.cell(row=top + i + 1, column=left + j + 1, value=cell)
    book.save(DST / "RS_2017-18_data_by_LA.xlsx")


def main() -> None:
    shutil.copyfile(SRC / "county_codes_lookup_2018_set.csv", DST / "county_codes_lookup_2018_set.csv")
    trim("oflog_asc_measures_2015_2023.csv", 1,
         lambda f: f[1] in CODES or f[2] in ("Darlington", "Enfield"))
    fingertips = lambda f: f[0] in CODES or f[1] in ("England", "Greater Manchester", "Camden")  # noqa: E731
    trim("fingertips_utla/healthy_life_expectancy_at_birth.csv", 1, fingertips)
    trim("fingertips_utla/neets.csv", 1, fingertips)
    waste = {name + " County Council" for name in NAMES} | {
        "Dorset Waste Partnership", "Somerset Waste Partnership", "Buckinghamshire Council",
        "Dorset Council", "Leicester City Council", "Rutland County Council"}
    trim("ons_sdg/indicator_11-6-1.csv", 1, sdg(4, {"2019/20", "2020/21"}, waste))
    trim("ons_sdg/indicator_4-2-1.csv", 1, sdg(3, {"2018/19", "2021/22"}, NAMES | OTHERS))
    trim("ons_sdg/indicator_4-2-2.csv", 1, sdg(3, {"2022", "2023"}, NAMES | OTHERS))
    trim("ons_sdg/indicator_4-c-1.csv", 1, sdg(3, {"2021 to 2022", "2022 to 2023"}, NAMES | OTHERS))
    shutil.copyfile(SRC / "imd2019_utla/imd2019_utla_imd.csv", DST / "imd2019_utla_imd.csv")
    imd = "File_11_-_IoD2019_Local_Authority_District_Summaries__upper-tier__.xlsx"
    shutil.copyfile(SRC / "imd2019_utla" / imd, DST / "imd2019_utla_file_11.xlsx")
    trim("ro_rs_2017_18_all_authorities.csv", 1,
         lambda f: f[1] in CODES or f[2] == "Leicester UA" or f[0].startswith("("))
    mhclg("mhclg_ra_rsx/RSX_2023-24_data_by_LA.csv")
    mhclg("mhclg_ra_rsx/RA_2021-22_data_by_LA.csv")
    rs_workbook()
    trim("ro_summary_net_expenditure_2015_16_2016_17.csv", 1,
         lambda f: f[2] in CODES or f[3] == "Leicester UA")
    trim("spending_power_millions_2011_2021.csv", 1,
         lambda f: f[0] in CODES or f[1] in ("Camden", "Leicester", "Rutland"))
    trim("csp_components_long_2015_2020.csv", 1, lambda f: f[0] in CODES or f[1] in ("Camden", "Leicester"))
    trim("population_2020_snpp2018_england.csv", 1, lambda f: f[0] in CODES or f[0] in (
        "E92000001", "E06000052-3") or f[1] in ("Leicester", "Camden", "Blaby", "Charnwood"))


if __name__ == "__main__":
    main()
