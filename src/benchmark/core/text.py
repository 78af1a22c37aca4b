"""Small helpers for the words in messages and captions, and for text read from cells."""

from __future__ import annotations

import re
from datetime import date

# A wrapped header or name reads as one line: a run of white space holding a line break or tab
# becomes one space. Matched as every run of white space, then kept or replaced: a pattern such
# as r"\s*[\r\n\t]+\s*" retries from each space of a long run without a break (quadratic: a
# 30 KB cell with a tab took 20 s).
WHITE_SPACE = re.compile(r"\s+")


def line_break_as_space(run: re.Match[str]) -> str:
    text = run[0]
    return " " if "\n" in text or "\r" in text or "\t" in text else text

# Control characters (but tab, line feed and carriage return) and invisible formatting characters
# (zero-width spaces and joiners, direction marks and overrides, word joiners, a byte-order mark
# inside the text): never part of a name or a number, and unsafe to echo to a terminal.
INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e"
                       "\u2060-\u2064\u2066-\u2069\ufeff]")


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """'1 indicator', '3 indicators', '2 boxes' (with plural_form)."""
    return f"{count} {noun if count == 1 else plural_form or noun + 's'}"


def some_of(items: list[str], limit: int) -> str:
    """The first ``limit`` items joined by commas, and how many more there are: a list cut short
    says so ('a, b, c and 4 more')."""
    shown = ", ".join(items[:limit])
    return f"{shown} and {len(items) - limit} more" if len(items) > limit else shown


def period_phrase(period: str) -> str:
    """'period 2017/18', or words for data that gives no period."""
    return f"period {period}" if period else "no period given"


def day_words(day: date) -> str:
    """'31 March 2019'."""
    return f"{day.day} {day:%B %Y}"


def printable(text: str) -> str:
    """``text`` with control and invisible characters shown as escapes (a file name from an email
    can hold a line feed or a terminal escape sequence; a message must show it, not obey it)."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def one_line(text: str) -> str:
    """Stripped, with line breaks and tabs inside (a wrapped cell, Alt+Enter in Excel) as one space."""
    text = text.strip()
    if "\n" in text or "\r" in text or "\t" in text:
        return WHITE_SPACE.sub(line_break_as_space, text)
    return text
