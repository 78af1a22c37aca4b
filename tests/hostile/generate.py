"""Build hostile and broken input files for ``benchmark``: bombs, disguises, damage, bad text.

    python tests/hostile/generate.py DIR      # writes the files into DIR (created if needed)

Every file is generated from code, so no bomb is ever committed as a blob; the largest file
written is about a megabyte. tests/hostile/test_hostile.py runs the real CLI on each of them and
says what each must produce. Workbooks are assembled part by part with :mod:`zipfile` (and,
for the bombs, by hand), so that each defect is exactly the one named.
"""

from __future__ import annotations

import io
import os
import random
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
GOOD_ROWS: list[list[object]] = [
    ["area", "indicator", "value", "polarity"],
    ["Kent", "Jobs", 1, "high"],
    ["Essex", "Jobs", 2, "high"],
    ["Surrey", "Jobs", 3, "high"],
]
GOOD_CSV = "area,indicator,value,polarity\nKent,Jobs,1,high\nEssex,Jobs,2,high\nSurrey,Jobs,3,high\n"


# --- workbooks, part by part -------------------------------------------------------------------

def cell(reference: str, value: object) -> str:
    if isinstance(value, str):
        return f'<c r="{reference}" t="inlineStr"><is><t>{value}</t></is></c>'
    return f'<c r="{reference}"><v>{value}</v></c>'


def sheet_rows(rows: list[list[object]], first_row: int = 1) -> str:
    xml = []
    for index, row in enumerate(rows):
        number = first_row + index
        cells = "".join(cell(f"{chr(65 + column)}{number}", value) for column, value in enumerate(row))
        xml.append(f'<row r="{number}">{cells}</row>')
    return "".join(xml)


def sheet_xml(rows_xml: str, after: str = "", prolog: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{prolog}'
            f'<worksheet xmlns="{MAIN}"><sheetData>{rows_xml}</sheetData>{after}</worksheet>')


def workbook_parts(sheets: list[tuple[str, str]], hidden: tuple[str, ...] = (),
                   shared_strings: str | None = None) -> dict[str, bytes]:
    """The parts of a minimal .xlsx: each sheet is (name, worksheet XML)."""
    listed = "".join(
        f'<sheet name="{name}" sheetId="{index + 1}" r:id="rId{index + 1}"'
        + (' state="hidden"' if name in hidden else "") + "/>"
        for index, (name, _) in enumerate(sheets))
    relations = "".join(
        f'<Relationship Id="rId{index + 1}" Type="{RELATIONSHIPS}/worksheet" '
        f'Target="worksheets/sheet{index + 1}.xml"/>' for index in range(len(sheets)))
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{index + 1}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for index in range(len(sheets)))
    if shared_strings is not None:
        relations += (f'<Relationship Id="rId{len(sheets) + 1}" Type="{RELATIONSHIPS}/sharedStrings" '
                      'Target="sharedStrings.xml"/>')
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.'
            'openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType='
            '"application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="'
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            f'{overrides}</Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://'
            'schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
            f'{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{MAIN}" '
            f'xmlns:r="{RELATIONSHIPS}"><sheets>{listed}</sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://'
            f'schemas.openxmlformats.org/package/2006/relationships">{relations}</Relationships>'),
    }
    for index, (_, xml) in enumerate(sheets):
        parts[f"xl/worksheets/sheet{index + 1}.xml"] = xml
    if shared_strings is not None:
        parts["xl/sharedStrings.xml"] = shared_strings
    return {name: text.encode("utf-8") for name, text in parts.items()}


def zipped(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def good_workbook() -> bytes:
    return zipped(workbook_parts([("data", sheet_xml(sheet_rows(GOOD_ROWS)))]))


def raw_zip(entries: list[tuple[str, bytes, int, int, int, int]]) -> bytes:
    """A zip written by hand: (name, packed bytes, crc, declared size, method, flags) per part.
    The declared size is whatever the caller says, true or not."""
    body, directory = bytearray(), bytearray()
    for name, packed, crc, size, method, flags in entries:
        encoded = name.encode()
        offset = len(body)
        body += struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, flags, method, 0, 0x21, crc,
                            len(packed), size, len(encoded), 0) + encoded + packed
        directory += struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, flags, method, 0, 0x21,
                                 crc, len(packed), size, len(encoded), 0, 0, 0, 0, 0, offset) + encoded
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(directory),
                      len(body), 0)
    return bytes(body + directory + end)


def deflated(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return packer.compress(data) + packer.flush()


def repeated_deflate(head: bytes, unit: bytes, count: int, tail: bytes) -> tuple[bytes, int, int]:
    """A raw deflate stream of ``head + unit * count + tail``, built without ever holding the
    whole: after a full flush a deflate block depends on nothing before it, so the packed ``unit``
    can be repeated. Returns (packed, crc32, size)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    start = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(unit) + packer.flush(zlib.Z_FULL_FLUSH)
    end = packer.compress(tail) + packer.flush()
    crc = zlib.crc32(head)
    for _ in range(count):
        crc = zlib.crc32(unit, crc)
    crc = zlib.crc32(tail, crc)
    return start + block * count + end, crc, len(head) + len(unit) * count + len(tail)


def bomb(declared: int | None = None) -> bytes:
    """A workbook whose sheet unpacks to 1 GiB of spaces from about a megabyte. With
    ``declared``, the zip says the sheet is only that many bytes (the crc fits those bytes)."""
    parts = workbook_parts([("data", sheet_xml(sheet_rows(GOOD_ROWS)))])
    head, rest = parts.pop("xl/worksheets/sheet1.xml").split(b"<sheetData>")
    head += b"<sheetData>"
    packed, crc, size = repeated_deflate(head, b" " * (1 << 20), 1024, rest)
    if declared is not None:
        size, crc = declared, zlib.crc32((head + b" " * declared)[:declared])
    entries = [(name, deflated(data), zlib.crc32(data), len(data), 8, 0) for name, data in parts.items()]
    entries.append(("xl/worksheets/sheet1.xml", packed, crc, size, 8, 0))
    return raw_zip(entries)


def bzip2_workbook(xml: str) -> bytes:
    """A workbook whose parts are compressed with bzip2, which zip allows and Excel never writes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_BZIP2) as archive:
        for name, data in workbook_parts([("data", xml)]).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def too_many_parts(xml: str) -> bytes:
    """A good workbook with 10,001 empty extra parts."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in workbook_parts([("data", xml)]).items():
            archive.writestr(name, data)
        for index in range(10_001):
            archive.writestr(f"xl/media/p{index}.bin", b"")
    return buffer.getvalue()


def laughs(levels: int = 9) -> str:
    """The classic 'billion laughs' document type: ten times more at each level."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">' for level in range(1, levels + 1)]
    return f'<!DOCTYPE worksheet [{"".join(entities)}]>\n'


# --- OLE compound files (old .xls, encrypted workbooks, .doc) ----------------------------------

def compound_file(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE2 compound file (version 3, 512-byte sectors) holding ``streams``.

    Each stream is padded to 4,096 bytes so that it lives in ordinary sectors (smaller ones
    would belong in the mini stream, which this writer does not build).
    """
    sector = 512
    data = [stream.ljust(max(4096, -(-len(stream) // sector) * sector), b"\0") for stream in streams.values()]
    starts, next_free = [], 2  # sector 0: the FAT, sector 1: the directory
    for stream in data:
        starts.append(next_free)
        next_free += len(stream) // sector
    fat = [0xFFFFFFFD, 0xFFFFFFFE]  # FAT sector marker, end of the directory chain
    for start, stream in zip(starts, data, strict=True):
        count = len(stream) // sector
        fat += [start + i + 1 for i in range(count - 1)] + [0xFFFFFFFE]
    fat += [0xFFFFFFFF] * (sector // 4 - len(fat))

    def entry(name: str, kind: int, start: int, size: int, child: int = 0xFFFFFFFF,
              right: int = 0xFFFFFFFF) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return (encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
                + struct.pack("<III", 0xFFFFFFFF, right, child) + b"\0" * 16 + b"\0" * 4 + b"\0" * 16
                + struct.pack("<IIHH", start, size, 0, 0)[:8] + b"\0" * 4)

    names = list(streams)
    directory = entry("Root Entry", 5, 0xFFFFFFFE, 0, child=1)
    for index, (name, start, stream) in enumerate(zip(names, starts, streams.values(), strict=True)):
        right = index + 2 if index + 1 < len(names) else 0xFFFFFFFF
        directory += entry(name, 2, start, len(stream), right=right)
    directory = directory.ljust(sector, b"\0")
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIII", 0, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE)
              + struct.pack("<I", 0) + struct.pack("<I", 0xFFFFFFFF) * 108)
    return header + struct.pack(f"<{len(fat)}I", *fat) + directory + b"".join(data)


# --- the files ---------------------------------------------------------------------------------

def files() -> dict[str, Callable[[], bytes]]:
    """File name -> a function building its content."""
    rows = sheet_rows(GOOD_ROWS)
    wrapped = lambda xml: zipped(workbook_parts([("data", xml)]))  # noqa: E731
    seeded = random.Random(6)
    garbage = bytes(seeded.getrandbits(8) for _ in range(4096))
    truncated = good_workbook()
    unsaved_value = rows.replace("<v>2</v>", "<f>SUM(C2:C2)</f>")
    unsaved_area = rows.replace('<c r="A3" t="inlineStr"><is><t>Essex</t></is></c>',
                                '<c r="A3"><f>A2&amp;"x"</f><v/></c>')
    bad_crc = bytearray(good_workbook())
    sheet_at = bytes(bad_crc).find(b"xl/worksheets/sheet1.xml") + len("xl/worksheets/sheet1.xml") + 4
    bad_crc[sheet_at] ^= 0xFF
    encrypted_parts = bytearray(good_workbook())
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        position = encrypted_parts.find(signature)
        while position >= 0:
            encrypted_parts[position + flag_at] |= 1
            position = encrypted_parts.find(signature, position + 4)
    return {
        # not what it says
        "empty.xlsx": lambda: b"",
        "empty.csv": lambda: b"",
        "blank_lines.csv": lambda: b"\r\n\n   \n",
        "old_binary.xls": lambda: compound_file({"Workbook": b"\x09\x08" + b"\0" * 200}),
        "old_binary_renamed.xlsx": lambda: compound_file({"Workbook": b"\x09\x08" + b"\0" * 200}),
        "encrypted.xlsx": lambda: compound_file({"EncryptionInfo": b"\x04\x00\x04\x00" + b"\0" * 64,
                                                 "EncryptedPackage": garbage}),
        "word_document.xlsx": lambda: compound_file({"WordDocument": b"\xec\xa5" + b"\0" * 100}),
        "web_page.xls": lambda: b"<html><body><table><tr><td>area</td><td>value</td></tr></table></body>",
        "web_page.xlsx": lambda: b"\xef\xbb\xbf<!DOCTYPE html>\n<html><table><tr><td>area</td></tr></table>",
        "excel_2003.xls": lambda: (b'<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
                                   b'<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'
                                   b'</Workbook>'),
        "csv_named.xlsx": lambda: GOOD_CSV.encode(),
        "document.xlsx": lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
        "garbage.xlsx": lambda: garbage,
        "garbage.csv": lambda: garbage,
        "word.xlsx": lambda: zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}),
        "spreadsheet.ods": lambda: zipped({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
                                           "content.xml": b"<office:document-content/>"}),
        "plain.zip.xlsx": lambda: zipped({"notes.txt": b"not a workbook"}),
        # damaged
        "truncated.xlsx": lambda: truncated[: len(truncated) * 2 // 3],
        "bad_crc.xlsx": lambda: bytes(bad_crc),
        "encrypted_parts.xlsx": lambda: bytes(encrypted_parts),
        "duplicate_parts.xlsx": lambda: raw_zip(
            [(name, deflated(data), zlib.crc32(data), len(data), 8, 0)
             for name, data in workbook_parts([("data", sheet_xml(rows))]).items()]
            + [("xl/worksheets/sheet1.xml", deflated(b"<x/>"), zlib.crc32(b"<x/>"), 4, 8, 0)]),
        "bzip2_parts.xlsx": lambda: bzip2_workbook(sheet_xml(rows)),
        "utf16_part.xlsx": lambda: zipped({**workbook_parts([("data", "")]),
                                           "xl/worksheets/sheet1.xml": sheet_xml(rows).replace(
                                               'encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")}),
        "empty_zip.xlsx": lambda: zipped({}),
        # bombs
        "zip_bomb.xlsx": lambda: bomb(),
        "lying_zip_bomb.xlsx": lambda: bomb(declared=len(sheet_xml(rows))),
        "sparse_bomb.xlsx": lambda: wrapped(sheet_xml(
            '<row r="1"><c r="A1" t="inlineStr"><is><t>area</t></is></c></row>'
            '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')),
        "beyond_xfd.xlsx": lambda: wrapped(sheet_xml(
            '<row r="1"><c r="A1" t="inlineStr"><is><t>area</t></is></c><c r="ZZZZ1"><v>1</v></c></row>')),
        "too_many_parts.xlsx": lambda: too_many_parts(sheet_xml(rows)),
        "billion_laughs.xlsx": lambda: wrapped(sheet_xml(
            rows + '<row r="5"><c r="A5" t="inlineStr"><is><t>&lol9;</t></is></c></row>', prolog=laughs())),
        "laughs_in_strings.xlsx": lambda: zipped(workbook_parts(
            [("data", sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'))],
            shared_strings=(f'<?xml version="1.0"?>\n{laughs()}<sst xmlns="{MAIN}"><si><t>&lol9;</t>'
                            '</si></sst>'))),
        "external_entity.xlsx": lambda: wrapped(sheet_xml(
            rows + '<row r="5"><c r="A5" t="inlineStr"><is><t>&xxe;</t></is></c></row>',
            prolog='<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n')),
        # shape
        "no_sheets.xlsx": lambda: zipped(workbook_parts([])),
        "hidden_data.xlsx": lambda: zipped(workbook_parts(
            [("Summary", sheet_xml(rows)), ("data", sheet_xml(rows))], hidden=("data",))),
        "formula_without_value.xlsx": lambda: wrapped(sheet_xml(unsaved_value)),
        "formula_area_without_value.xlsx": lambda: wrapped(sheet_xml(unsaved_area)),
        "header_only.csv": lambda: b"area,indicator,value,polarity\n",
        "ragged.csv": lambda: GOOD_CSV.replace("Essex,Jobs,2,high", "Essex,Jobs,2,high,oops").encode(),
        "unclosed_quote.csv": lambda: GOOD_CSV.replace("Essex,Jobs", 'Essex,"Jobs').encode(),
        "duplicate_headers.csv": lambda: b"area,value,Value\nKent,1,2\n",
        "no_area_column.csv": lambda: GOOD_CSV.replace("area,", "place,", 1).encode(),
        "no_value_column.csv": lambda: GOOD_CSV.replace(",value,", ",amount,", 1).encode(),
        "too_many_columns.csv": lambda: ",".join(["area"] + [f"i{n}" for n in range(20_000)]).encode(),
        # text encodings
        "undecodable.csv": lambda: GOOD_CSV.replace("Kent", "K\x81nt").encode("latin-1"),
        "utf16_without_bom.csv": lambda: GOOD_CSV.encode("utf-16-le"),
        "binary_nul.csv": lambda: GOOD_CSV.replace("Kent", "Ke\0nt").encode(),
        # content
        "infinite.csv": lambda: GOOD_CSV.replace(",2,", ",inf,").encode(),
        "too_large.csv": lambda: GOOD_CSV.replace(",2,", ",£1e999999999,").encode(),
        "long_number.csv": lambda: GOOD_CSV.replace(",2,", "," + "9" * 5000 + ",").encode(),
        "all_missing.csv": lambda: GOOD_CSV.replace(",1,", ",N/A,").replace(",2,", ",..,")
        .replace(",3,", ",,").encode(),
        "conflicting_duplicates.csv": lambda: (GOOD_CSV + "Kent,Jobs,9,high\n").encode(),
        "unknown_polarity.csv": lambda: GOOD_CSV.replace("high", "sideways").encode(),
        "blank_area.csv": lambda: GOOD_CSV.replace("Essex", "").encode(),
        "escape\x1b[2J.csv": lambda: b"place,value\nKent,1\n",
        "line\nbreak.csv": lambda: b"place,value\nKent,1\n",
        # well-formed, for the cases about options, limits and output
        "good.csv": lambda: GOOD_CSV.encode(),
        "good.xlsx": good_workbook,
    }


def build(directory: Path) -> dict[str, Path]:
    """Write every file into ``directory``; also a folder and a named pipe with nothing
    writing to it. Returns name -> path."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, make in files().items():
        paths[name] = directory / name
        paths[name].write_bytes(make())
    paths["a_folder.csv"] = directory / "a_folder.csv"
    paths["a_folder.csv"].mkdir(exist_ok=True)
    if hasattr(os, "mkfifo"):
        paths["pipe_nobody_writes.csv"] = directory / "pipe_nobody_writes.csv"
        if not paths["pipe_nobody_writes.csv"].exists():
            os.mkfifo(paths["pipe_nobody_writes.csv"])
    return paths


def main(arguments: list[str]) -> int:
    if len(arguments) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    paths = build(Path(arguments[0]))
    for name, path in paths.items():
        size = path.stat().st_size if path.is_file() else 0
        print(f"{size:>10,}  {name!r}")
    print(f"{len(paths)} files in {arguments[0]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
