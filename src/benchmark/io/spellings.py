"""One name, one spelling: indicators and themes written two ways are one, and a name that mixes
alphabets is said, not ranked in silence.

"Jobs" and "jobs", or "Economy" and "economy ", are the same indicator or theme: they are read as
the first spelling met, with one warning. A name that mixes Latin letters with Cyrillic or Greek
look-alikes ("Кent" with a Cyrillic К) is another name to the computer but the same to a reader:
it is kept apart and warned about, so that it is never ranked as a separate area in silence.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from benchmark.core.distinct import distinct
from benchmark.core.model import AREA, INDICATOR, THEME, Problem

if TYPE_CHECKING:
    import pandas as pd

_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                         "\u2212": "-"})
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))  # soft hyphen, zero-width
_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")


def name_key(name: object) -> str:
    """The key two spellings of one name share: compatibility form (NFKC), case, dashes, invisible
    characters and runs of spaces aside."""
    text = unicodedata.normalize("NFKC", str(name)).translate(_INVISIBLE).translate(_DASHES)
    return " ".join(text.casefold().split())


def one_spelling(observations: pd.DataFrame,
                 indicators: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, list[Problem]]:
    """Observations and indicator metadata with each indicator and theme under one spelling (the
    first in the metadata, else in the data), and warnings for what was merged or looks mixed."""
    problems: list[Problem] = []
    names = [*indicators[INDICATOR].tolist(), *distinct(observations[INDICATOR])]
    renames = _renames(names, "indicators", problems)
    if renames:
        observations = observations.assign(**{INDICATOR: _renamed(observations[INDICATOR], renames)})
        indicators = indicators.assign(**{INDICATOR: indicators[INDICATOR].replace(renames)})
        indicators = indicators.drop_duplicates(INDICATOR).reset_index(drop=True)
    themes = _renames([theme for theme in indicators[THEME].tolist() if isinstance(theme, str)],
                      "themes", problems)
    if themes:
        indicators = indicators.assign(**{THEME: indicators[THEME].replace(themes)})
    named = (("area", distinct(observations[AREA])), ("indicator", indicators[INDICATOR].tolist()))
    for what, found in named:
        problems += [Problem("spelling", f"{what} '{name}' mixes {' and '.join(scripts)} letters, which look "
                             "alike but are different names; write it in one alphabet", "warning")
                     for name in found if len(scripts := _scripts(str(name))) > 1]
    return observations, indicators, problems


def _renames(names: list[object], what: str, problems: list[Problem]) -> dict[object, object]:
    """Each spelling to the first spelling of its key, for keys with more than one."""
    first: dict[str, object] = {}
    renames: dict[object, object] = {}
    for name in dict.fromkeys(names):
        if name is None or name != name:  # missing
            continue
        kept = first.setdefault(name_key(name), name)
        if kept != name:
            renames[name] = kept
    for spelling, kept in renames.items():
        problems.append(Problem("spelling", f"{what} '{kept}' and '{spelling}' are written two ways and read "
                                f"as one, '{kept}'; write it one way everywhere", "warning"))
    return renames


def _renamed(column: pd.Series, renames: dict[object, object]) -> pd.Series:
    """The column with spellings replaced; a categorical stays categorical (its categories merge)."""
    import pandas as pd

    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.astype(object).replace(renames).astype("category")
    return column.replace(renames)


def _scripts(name: str) -> list[str]:
    """The alphabets (Latin, Cyrillic, Greek) whose letters ``name`` holds, in that order."""
    found = {script for character in name if character.isalpha()
             for script in _SCRIPTS if unicodedata.name(character, "").startswith(script)}
    return [script.title() for script in _SCRIPTS if script in found]
