"""The zip archive and XML parts of a workbook, checked before calamine sees them.

Every check that keeps a crafted archive from costing unbounded time or memory is made here:

* the zip's central directory is read with :mod:`zipfile`: at most ``MAX_PARTS`` parts, no
  encrypted parts, no compression method Excel never writes, no two parts of one name, and the
  sizes the parts declare must add up to no more than the byte limit (a zip bomb declares
  gigabytes; it is refused before anything is unpacked);
* every XML part is unpacked here, stopping one byte past its declared size: a part that unpacks
  to more than it declares is refused (calamine would unpack all of it before complaining);
* an XML part with a document type declaration (``<!DOCTYPE``, ``<!ENTITY``) is refused: Excel
  never writes one, and it is how entity expansion ("billion laughs") and external entities (XXE)
  are smuggled in. calamine does not expand entities either (it stops at the first one), so this
  only turns its error into a clear message.

Each sheet's extent is then measured by :mod:`benchmark.io.xlsx.scan`.
"""

from __future__ import annotations

import io
import posixpath
import re
import struct
import zipfile
import zlib

from benchmark.core.errors import DataError
from benchmark.core.text import printable
from benchmark.io.limits import MAX_PARTS, Limits, byte_size

_LARGEST_INDEX_PART = 16 * 1024**2  # workbook.xml and its relationships: a few KB in real files
_DOCUMENT_TYPE = re.compile(rb"<!(?i:doctype|entity)")
INDEX_PARTS = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")


def looks_like_xml(data: bytes, info: zipfile.ZipInfo) -> bool:
    """Whether a part starts like XML, from its first bytes only."""
    header = data[info.header_offset: info.header_offset + 30]
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        return True  # let unpack say it is damaged
    name_length, extra_length = struct.unpack_from("<HH", header, 26)
    start = info.header_offset + 30 + name_length + extra_length
    packed = data[start: start + min(info.compress_size, 4096)]
    if info.compress_type == zipfile.ZIP_STORED:
        head = packed
    else:
        try:
            head = zlib.decompressobj(-zlib.MAX_WBITS).decompress(packed, 64)
        except zlib.error:
            return True
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def open_archive(data: bytes, name: str, limits: Limits) -> zipfile.ZipFile:
    """The workbook's zip archive, its central directory checked (the first point above), and
    refused if it is some other kind of archive (.xlsb, .ods, a Word document...)."""
    entries = _declared_entries(data)
    if entries is not None and entries > MAX_PARTS:
        raise DataError(f"{name}: the workbook holds {entries:,} parts, more than the {MAX_PARTS:,} "
                        "any real workbook needs; it is damaged or crafted")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, struct.error,
            NotImplementedError):  # a version field past what zipfile knows: damage, most likely
        raise DataError(f"{name}: the workbook is damaged or incomplete (perhaps cut short in a "
                        "download or an email); get a fresh copy, or open it in Excel and save it "
                        "again as .xlsx") from None
    seen: set[str] = set()
    for info in infos:
        if info.flag_bits & 0x1:
            raise DataError(f"{name}: the workbook's zip parts are encrypted; open it in Excel, "
                            "remove the password and save it again as .xlsx")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise DataError(f"{name}: the workbook uses a compression method Excel never writes "
                            f"(method {info.compress_type}); open it in Excel and save it again as .xlsx")
        if info.filename.lower() in seen:
            raise DataError(f"{name}: the workbook holds two parts named "
                            f"'{printable(info.filename)}'; it is damaged or crafted")
        seen.add(info.filename.lower())
    total = sum(info.file_size for info in infos)
    if infos:
        largest = max(infos, key=lambda info: info.file_size)
        limits.check_bytes(total, name, f"the workbook unpacks to {byte_size(total)} (the largest "
                           f"part, {printable(largest.filename)}, to {byte_size(largest.file_size)})")
    _refuse_other_archives(seen, name)
    return archive


def _declared_entries(data: bytes) -> int | None:
    """The number of parts the zip's end record declares, read before :mod:`zipfile` builds an
    object for each of them."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or len(data) < end + 22:
        return None
    entries: int = struct.unpack_from("<H", data, end + 10)[0]
    locator = end - 20
    if entries == 0xFFFF and locator >= 0 and data[locator: locator + 4] == b"PK\x06\x07":
        offset = struct.unpack_from("<Q", data, locator + 8)[0]
        if data[offset: offset + 4] == b"PK\x06\x06" and len(data) >= offset + 40:
            entries = struct.unpack_from("<Q", data, offset + 32)[0]
    return entries


def _refuse_other_archives(parts: set[str], name: str) -> None:
    if "xl/workbook.xml" in parts:
        return
    if "xl/workbook.bin" in parts:
        what = "an Excel binary workbook (.xlsb); open it in Excel and save it as .xlsx (Excel Workbook)"
    elif "content.xml" in parts:
        what = ("an OpenDocument file (.ods); open it in LibreOffice or Excel and save it as .xlsx "
                "(Excel 2007-365)")
    elif "word/document.xml" in parts:
        what = "a Word document, not a spreadsheet; copy its table into Excel and save that as .xlsx"
    elif "ppt/presentation.xml" in parts:
        what = "a PowerPoint presentation, not a spreadsheet; save the table as .xlsx or CSV"
    elif not parts:
        what = "an empty zip archive, not a workbook; check you have the right file"
    else:
        what = ("a zip archive but not an Excel workbook (it has no xl/workbook.xml); unzip it and "
                "give the .xlsx or CSV file inside, or re-save the workbook as .xlsx")
    raise DataError(f"{name}: this is {what}")


def unpack(data: bytes, info: zipfile.ZipInfo, name: str) -> bytes:
    """One part's bytes, refused if they are more (or fewer) than the part declares."""
    damaged = DataError(f"{name}: the workbook is damaged (its part {printable(info.filename)} cannot "
                        "be unpacked); get a fresh copy, or open it in Excel and save it again")
    header = data[info.header_offset: info.header_offset + 30]
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise damaged
    name_length, extra_length = struct.unpack_from("<HH", header, 26)
    start = info.header_offset + 30 + name_length + extra_length
    packed = memoryview(data)[start: start + info.compress_size]
    if len(packed) < info.compress_size:
        raise damaged
    if info.compress_type == zipfile.ZIP_STORED:
        unpacked = bytes(packed)
    else:
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        try:
            unpacked = inflater.decompress(packed, info.file_size + 1)
        except zlib.error:
            raise damaged from None
        if len(unpacked) > info.file_size or inflater.unconsumed_tail:
            raise DataError(f"{name}: the workbook's part {printable(info.filename)} unpacks to more "
                            f"than the {info.file_size:,} bytes it declares; the file is damaged or "
                            "crafted (a zip bomb), so it is not read")
        if not inflater.eof:
            raise damaged
    if len(unpacked) != info.file_size or zlib.crc32(unpacked) != info.CRC:
        raise damaged
    return unpacked


def refuse_unsafe_xml(xml: bytes, name: str, part: str) -> None:
    """Refuse an XML part with a document type declaration, or not in UTF-8."""
    if _DOCUMENT_TYPE.search(xml):
        raise DataError(f"{name}: the workbook's part {printable(part)} declares a document type "
                        "(<!DOCTYPE>), which Excel never writes and which is how XML attacks "
                        "(entity expansion, external entities) are made; the file is not read. "
                        "If you trust it, open it in Excel and save it again as .xlsx")
    if xml.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in xml[:4]:
        raise DataError(f"{name}: the workbook's part {printable(part)} is not UTF-8 XML, as Excel "
                        "writes; open the file in Excel and save it again as .xlsx")


def sheet_and_string_parts(index: dict[str, bytes], parts: dict[str, zipfile.ZipInfo],
                           name: str) -> tuple[dict[str, str], set[str]]:
    """Sheet name -> its part, and the shared strings parts (lower case), from xl/workbook.xml
    and its relationships."""
    texts = [index.get("xl/workbook.xml", b""), index.get("xl/_rels/workbook.xml.rels", b"")]
    if any(len(text) > _LARGEST_INDEX_PART for text in texts):
        raise DataError(f"{name}: the workbook's list of sheets is larger than any real workbook's; "
                        "it is damaged or crafted")
    strings = {part for part in parts if part.endswith("sharedstrings.xml")}
    try:
        book, relations = (_elements(texts[0], "sheet"), _elements(texts[1], "Relationship"))
    except Exception:  # malformed XML or a document type declaration: calamine will say more
        return {}, strings
    targets = {}
    for attributes in relations:
        target = attributes.get("Target", "").replace("\\", "/")
        target = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        targets[attributes.get("Id")] = posixpath.normpath(target).lower()
        if attributes.get("Type", "").endswith("/sharedStrings"):
            strings.add(targets[attributes.get("Id")])
    sheets = {}
    for attributes in book:
        relation = next((value for key, value in attributes.items() if key.endswith("}id")), None)
        part = targets.get(relation)
        if part in parts:
            sheets[attributes.get("name", "")] = part
    return sheets, strings


def _elements(xml: bytes, local_name: str) -> list[dict[str, str]]:
    """The attributes of each element named ``local_name`` (in any namespace), with namespaced
    attributes as 'uri}name'. Parsed with expat as ElementTree would be (about 15 ms less to
    import than defusedxml's ElementTree), refusing a document type declaration as defusedxml does
    (refuse_unsafe_xml has refused one already): no entity is ever declared, so none is expanded."""
    from xml.parsers import expat

    found: list[dict[str, str]] = []

    def start(tag: str, attributes: dict[str, str]) -> None:
        if tag.rsplit("}", 1)[-1] == local_name:
            found.append(attributes)

    def refuse(*_: object) -> None:
        raise ValueError("a document type or entity declaration")

    if xml:
        parser = expat.ParserCreate(namespace_separator="}")
        parser.StartElementHandler = start
        parser.StartDoctypeDeclHandler = refuse
        parser.EntityDeclHandler = refuse
        parser.Parse(xml, True)
    return found
