"""What a file is, from its bytes rather than its name.

A zip archive is a workbook (read by :mod:`benchmark.io.xlsx`) and text is CSV or TSV (read by
:mod:`benchmark.io.delimited`); an empty file and other formats (old .xls, encrypted workbooks,
PDF, web pages saved as .xls) are refused with a message saying what the file is and how to save
it instead.
"""

from __future__ import annotations

import codecs

from benchmark.core.errors import DataError

_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SNIFF_BYTES = 65536
_WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")


def is_workbook(data: bytes, name: str, suffix: str, encoding: str | None) -> bool:
    """True for a zip archive (a workbook, checked further as it is read), False for text to read
    as CSV or TSV; anything else is refused with a DataError saying what it is."""
    blank = not data[:_SNIFF_BYTES].strip(b" \t\r\n") and not data.strip(b" \t\r\n")  # no big copy
    if blank or data in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        raise DataError(f"{name}: the file is empty; it needs a header row and at least one data row")
    if data.startswith((_ZIP_MAGIC, _EMPTY_ZIP_MAGIC)):
        return True
    known, refusal = _not_a_table(data, encoding, suffix)
    if suffix in _WORKBOOK_SUFFIXES and not known:
        if refusal is not None and suffix == ".xls":
            raise DataError(f"{name}: this is not a workbook that can be read (the old binary .xls "
                            "format is not supported, and this one may be damaged); open it in "
                            "Excel and save it as .xlsx (Excel Workbook)")
        if refusal is not None:
            raise DataError(f"{name}: this is not an Excel workbook: neither a zip archive, as .xlsx "
                            "files are, nor text; it is damaged or in another format: open it in "
                            "Excel and save it as .xlsx")
        raise DataError(f"{name}: this is not an Excel {suffix} workbook but text; if it is a CSV "
                        "file, rename it .csv, else open it in Excel and save it as .xlsx")
    if refusal is not None:
        raise DataError(f"{name}: {refusal}")
    return False


def _not_a_table(data: bytes, encoding: str | None, suffix: str) -> tuple[bool, str | None]:
    """Whether the content is a format we recognise, and why it cannot be read (None for text)."""
    kind = _known_format(data, suffix)
    if kind is not None:
        return True, kind
    head = data[:_SNIFF_BYTES]
    if encoding is None and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False, _binary(head, data)
    return False, None


def _known_format(data: bytes, suffix: str) -> str | None:
    if data.startswith(_OLE_MAGIC[:4]):
        return _ole_kind(data, suffix)
    if data.startswith(b"%PDF-"):
        return ("this is a PDF document, not a spreadsheet; export the table from its source as "
                ".xlsx or CSV")
    if data.startswith(b"\x1f\x8b"):
        return "this is a gzip-compressed file; decompress it first (gunzip) and read the result"
    if data.startswith(b"{\\rtf"):
        return "this is a rich-text (RTF) document, not a spreadsheet; save the table as .xlsx or CSV"
    head = data[:_SNIFF_BYTES]
    lowered = _sniff_text(head).lstrip().lower()
    if lowered.startswith(("<!doctype html", "<html")) or (lowered.startswith("<") and "<table" in lowered):
        return ("this is a web page (HTML), not a spreadsheet, though some systems export tables "
                "this way; open it in Excel and save it as .xlsx (Excel Workbook), or export CSV")
    if lowered.startswith("<?xml"):
        if "urn:schemas-microsoft-com:office:spreadsheet" in lowered:
            return ("this is an Excel 2003 XML spreadsheet; open it in Excel and save it as "
                    ".xlsx (Excel Workbook)")
        return "this is an XML document, not a spreadsheet; save the table as .xlsx or CSV"
    return None


def _sniff_text(head: bytes) -> str:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", errors="replace")
    return head.removeprefix(codecs.BOM_UTF8).decode("latin-1")


def _ole_kind(data: bytes, suffix: str) -> str:
    """An OLE compound file: an encrypted workbook, an old .xls, or some other Office file."""
    def holds(stream: str) -> bool:
        return stream.encode("utf-16-le") in data

    if holds("EncryptedPackage") or holds("EncryptionInfo"):
        return ("the workbook is password-protected (encrypted); open it in Excel, remove the "
                "password (File > Info > Protect Workbook) and save it, or save an unprotected copy")
    if holds("Workbook") or holds("Book") or suffix == ".xls":
        return ("this is an old binary Excel .xls workbook (whatever its name); open it in Excel "
                "and save it as .xlsx (Excel Workbook)")
    return ("this is an old Microsoft Office file (a compound document), not an .xlsx workbook "
            "or CSV; save the table as .xlsx or CSV")


def _binary(head: bytes, data: bytes) -> str | None:
    """Why a file without a byte-order mark cannot be text, or None if it may be."""
    if b"\x00" in data:
        zeros_even, zeros_odd = head[0::2].count(0), head[1::2].count(0)
        if max(zeros_even, zeros_odd) > len(head) / 4 and min(zeros_even, zeros_odd) < len(head) / 50:
            order = "utf-16-le" if zeros_odd > zeros_even else "utf-16-be"
            return (f"this looks like UTF-16 text without a byte-order mark; give its encoding "
                    f"with --encoding {order}")
        return ("this is not a text file (it holds NUL bytes) nor a workbook, so it cannot be read "
                "as CSV; export the data again as .xlsx or CSV")
    controls = sum(head.count(byte) for byte in (*range(1, 9), 11, 12, *range(14, 32), 127))
    if controls > max(16, len(head) / 100):  # a stray escape in a text file is removed, not refused
        return ("this is not a text file (it holds binary data) nor a workbook, so it cannot be read "
                "as CSV; export the data again as .xlsx or CSV")
    return None
