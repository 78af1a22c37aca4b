"""Small helpers for the words in messages and captions."""

from __future__ import annotations


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """'1 indicator', '3 indicators', '2 boxes' (with plural_form)."""
    return f"{count} {noun if count == 1 else plural_form or noun + 's'}"


def period_phrase(period: str) -> str:
    """'period 2017/18', or words for data that gives no period."""
    return f"period {period}" if period else "no period given"
