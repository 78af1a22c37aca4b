"""The matching key of an area name, and the shapes of area codes.

Real files spell one council many ways: "Dorset", "Dorset (Cty)", "Dorset County Council",
"Staffordshire (e)", "Bath & North East Somerset UA". :func:`normalise_name` turns each spelling
into one key, so that names are compared by key, never as written.
"""

from __future__ import annotations

import re
import unicodedata

# Apostrophes vanish ("King's Lynn" -> "kings lynn"); any other punctuation separates words.
_APOSTROPHES = re.compile(r"['\u2019\u2018`]")
_AMPERSAND = re.compile(r"&|\+")
_PUNCTUATION = re.compile(r"[^\w\s]|_")
_SPACES = re.compile(r"\s+")
# A trailing footnote marker: "(e)", "[x]", "(1)", "[note 3]", "*", "†".
_FOOTNOTE = re.compile(r"\s*(?:[(\[]\s*(?:note\s*)?[a-z0-9]{1,2}\s*[)\]]|[*\u2020\u2021]+)\s*$",
                       re.IGNORECASE)
# Trailing words that say what kind of body an area is, not which area; longest first.
_FOOTNOTE_TAIL = 40  # characters: the longest marker, "[ note 12 ]" with spaces about, is far shorter
SUFFIXES = ("county council", "unitary authority", "council", "county of", "city of", "ua", "cty",
            "cc", "county")

ONS_CODE = re.compile(r"^[ENSW]\d{8}$")  # a GSS code: E10000002, E06000059
MHCLG_ECODE = re.compile(r"^E\d{4}$")  # MHCLG's "E-code" in revenue outturn files: E0421
DFE_CODE = re.compile(r"^\d{3}$")  # a DfE local-authority number: 825


def normalise_name(name: str, *, suffixes: bool = True) -> str:
    """The key two spellings of one area's name share. Rules, in order:

    1. Unicode compatibility form (NFKC), then case folded: "KENT" and "Kent" are one.
    2. Trailing footnote markers removed, repeatedly: "(e)", "[x]", "(1)", "[note 3]", "*".
       A bracketed group longer than two characters (other than "note N") is not a footnote:
       "(Cty)" is handled as a suffix below.
    3. "&" (and "+") become "and": "Bath & North East Somerset" = "Bath and North East Somerset".
    4. Apostrophes are dropped ("King's Lynn" = "Kings Lynn"); any other punctuation, hyphens
       and underscores become spaces ("Stoke-on-Trent" = "Stoke on Trent").
    5. Runs of spaces become one space; leading and trailing spaces go.
    6. With ``suffixes`` (the default), trailing words naming the kind of body are removed,
       repeatedly: "County Council", "Unitary Authority", "Council", "County of", "City of",
       "UA", "Cty" (from "(Cty)"), "CC", "County". Only trailing words: a leading word is part
       of the name, so "County Durham" stays "county durham" while "Durham County Council"
       becomes "durham". The last word is never removed ("Council" stays "council").

    ``suffixes=False`` gives the stricter key used to tell "Dorset Council" (the 2019 unitary)
    from "Dorset County Council" (the county), whose full keys are both "dorset".
    """
    text = unicodedata.normalize("NFKC", str(name)).casefold().strip()
    while True:
        # Looked for in the last few characters only: a search anchored at the end still tries
        # every start, and over a long run of spaces each try ran to the end (quadratic: a
        # 20 KB name took half a minute).
        head, tail = text[:-_FOOTNOTE_TAIL], text[-_FOOTNOTE_TAIL:]
        shorter = head + _FOOTNOTE.sub("", tail)
        if shorter == text or not shorter.strip():
            break
        text = shorter.rstrip()
    text = _AMPERSAND.sub(" and ", text)
    text = _APOSTROPHES.sub("", text)
    text = _PUNCTUATION.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    if not suffixes:
        return text
    removed = True
    while removed:
        removed = False
        for suffix in SUFFIXES:
            if text.endswith(" " + suffix):
                text = text[: -len(suffix) - 1].rstrip()
                removed = True
                break
    return text


def normalise_code(code: object) -> str | None:
    """An area code as compared: stripped and upper-cased; a number read as 825.0 becomes "825";
    blank or missing is None."""
    if code is None or (isinstance(code, float) and code != code):
        return None
    text = str(code).strip().upper()
    if re.fullmatch(r"\d+\.0+", text):
        text = text.split(".")[0]
    return text or None
