"""The text of a CSV or TSV file: its encoding given or detected, invisible characters removed,
line breaks counted."""

from __future__ import annotations

import codecs
from typing import NamedTuple

from benchmark.core.errors import DataError, UsageError
from benchmark.core.text import INVISIBLE, printable


def check_encoding(encoding: str) -> None:
    """Refuse an --encoding that Python does not know, or that is not a text encoding (base64)."""
    try:
        known = codecs.lookup(encoding)
    except LookupError:
        known = None
    if known is None or not getattr(known, "_is_text_encoding", True):
        raise UsageError(f"--encoding {printable(encoding)}: not a text encoding this tool knows; "
                         "use utf-8, utf-16, cp1252 (Windows), latin-1 or mac-roman, for example")


def decode_text(data: bytes, name: str, encoding: str | None = None) -> str:
    """The text of a file. With ``encoding`` given, that encoding. Otherwise: by a byte-order mark
    (UTF-8, UTF-16, UTF-32) if there is one, else UTF-8 if the bytes are valid UTF-8, else
    Windows-1252 (what Excel's plain "CSV" writes, where '£' is the one byte 0xA3)."""
    if encoding is not None:
        return _decode(data, encoding, name, f"--encoding {encoding}").removeprefix("\ufeff")
    for bom, detected in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                          (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            label = detected.removesuffix("-sig").upper()
            return _decode(data, detected, name, f"{label} (it starts with a {label} byte-order mark)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode(data, "cp1252", name, "UTF-8 or Windows-1252 text")


def _decode(data: bytes, encoding: str, name: str, label: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].decode(encoding, errors="replace").count("\n") + 1
        byte = data[error.start: error.start + 1].hex() or "end of file"
        raise DataError(f"{name}, line {line}: byte 0x{byte} cannot be read as {label}; save the "
                        "file as \"CSV UTF-8\" from Excel, or give its encoding with --encoding "
                        "(for example --encoding latin-1)") from None
    except ValueError as error:  # a codec that refuses the data outright (idna, punycode)
        raise DataError(f"{name}: cannot be read as {label} ({error}); give the file's encoding "
                        "with --encoding") from None


_UTF8_NAMES = frozenset({"utf-8", "utf-8-sig", "ascii"})


def utf8_payload(data: bytes, name: str, encoding: str | None) -> tuple[bytes, LineBreaks]:
    """The file's text as UTF-8 bytes without a byte-order mark, invisible characters removed,
    and its line breaks counted.

    Plain ASCII (most large exports) is checked in a pass or two and used as it is: decoding
    it, searching it for invisible characters and encoding it again would change nothing."""
    plain = encoding is None or codecs.lookup(encoding).name in _UTF8_NAMES
    if plain:
        breaks = LineBreaks.of(data)
        if breaks.plain:
            return data, breaks
    text = decode_text(data, name, encoding)
    if INVISIBLE.search(text):
        text = INVISIBLE.sub("", text)
    payload = text.encode("utf-8", "surrogatepass")
    return payload, LineBreaks.of(payload)


class LineBreaks(NamedTuple):
    """How many line feeds and carriage returns a text has, and whether it is plain: printable
    ASCII, tabs and line breaks, with no other control character and nothing to decode."""

    feeds: int
    returns: int
    plain: bool

    @classmethod
    def of(cls, data: bytes) -> LineBreaks:
        """Counted by numpy a megabyte at a time, in a pass or two: bytes.count, isascii and
        translate would take a pass each, and four times as long."""
        import numpy as np

        view = np.frombuffer(data, dtype=np.uint8)
        returns_in, tabs_in = b"\r" in data, b"\t" in data  # 'in' is a fast memchr
        feeds = returns = tabs = unprintable = 0
        for start in range(0, len(view), 1 << 20):
            chunk = view[start:start + (1 << 20)]
            feeds += int(np.count_nonzero(chunk == 10))
            unprintable += int(np.count_nonzero((chunk < 32) | (chunk > 126)))
            returns += int(np.count_nonzero(chunk == 13)) if returns_in else 0
            tabs += int(np.count_nonzero(chunk == 9)) if tabs_in else 0
        return cls(feeds, returns, unprintable == feeds + returns + tabs)
