"""A council's position over the years: the league table edition by edition (each edition a
financial year, ``--as-at`` that year), on a stated basket of indicators."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from benchmark.analysis.league import AVERAGE_RANK, INDICATORS, POSITION, TIE_DECIMALS
from benchmark.analysis.ranking import rank
from benchmark.core.distinct import distinct
from benchmark.core.errors import DataError, UsageError
from benchmark.core.methods import Basket, Overall, Ties
from benchmark.core.model import AREA, INDICATOR, PERIOD, POLARITY, Polarity
from benchmark.core.periods import PeriodKind, parse_period

if TYPE_CHECKING:
    import pandas as pd

    from benchmark.analysis.selection import Selection

EDITION = "edition"


@dataclass(frozen=True, eq=False, repr=False)  # holds a frame
class History:
    table: pd.DataFrame  # edition, position, area, average_rank, indicators, <theme position>...
    editions: list[str]  # oldest first
    themes: list[str]
    basket: Basket
    indicators: list[str]  # the common basket (every indicator ranked, for Basket.EACH)


def edition_of(period: object) -> str | None:
    """The first financial-year edition a period is in: the year ending on or after its end
    ('2018' and '2016-18' are in 2018/19; '31/03/2019' too; '01/04/2019' in 2019/20), and an
    academic year's own (as ``--as-at`` takes it)."""
    parsed = parse_period(period)
    if parsed is None:
        return None
    end = parsed.end
    first = end.year - 1 if (end.month, end.day) <= (3, 31) else end.year
    if parsed.kind is PeriodKind.ACADEMIC_YEAR:
        first = parsed.start.year
    return f"{first}/{(first + 1) % 100:02d}"


def history(selection: Selection, *, editions: int = 6, basket: Basket = Basket.COMMON,
            ties: Ties = Ties.MIN, overall: Overall = Overall.INDICATORS) -> History:
    """Overall and theme positions of every compared area in each of the last ``editions``
    editions of the selection's data (up to its --as-at edition, if any)."""
    import pandas as pd

    if editions < 1:
        raise UsageError(f"--editions {editions}: give 1 or more")
    basket = Basket(basket)
    observed = selection.history if selection.history is not None else selection.frame
    ranked = observed[observed[POLARITY].isin([Polarity.HIGH.value, Polarity.LOW.value])]
    found = sorted({edition for period in distinct(ranked[PERIOD]) if (edition := edition_of(period))})
    chosen = found[-editions:]
    if not chosen:
        raise DataError("no period in the data can be put in time, so there are no editions; write "
                        "periods as e.g. 2017/18, 2017 or 2014-16")
    narrowed = {edition: selection.in_edition(edition) for edition in chosen}
    rankings = {edition: rank(chosen_selection, ties=ties, overall=overall)
                for edition, chosen_selection in narrowed.items()}
    common = [name for name in selection.indicators
              if all(name in ranking.ranked for ranking in rankings.values())]
    if basket is Basket.COMMON:
        if not common:
            raise DataError(f"no indicator is ranked in every one of the editions {', '.join(chosen)}; "
                            "use --basket each, or fewer --editions")
        rankings = {edition: rank(_only(narrowed[edition], common), ties=ties, overall=overall)
                    for edition in chosen}
    frames = [_positions(edition, ranking.table, selection.themes) for edition, ranking in rankings.items()]
    table = pd.concat(frames, ignore_index=True)
    themes = [theme for theme in selection.themes if theme in table.columns]
    names = common if basket is Basket.COMMON else list(dict.fromkeys(
        name for ranking in rankings.values() for name in ranking.ranked))
    return History(table, chosen, themes, basket, names)


def _only(selection: Selection, indicators: list[str]) -> Selection:
    kept = selection.frame[selection.frame[INDICATOR].isin(indicators)]
    return replace(selection, frame=kept, indicators=[n for n in selection.indicators if n in indicators])


def _positions(edition: str, league: pd.DataFrame, themes: list[str]) -> pd.DataFrame:
    """One edition's rows: overall position and average, and each theme's position."""
    table = league[[POSITION, AREA, AVERAGE_RANK, INDICATORS]].copy()
    table.insert(0, EDITION, edition)
    for theme in (theme for theme in themes if theme in league.columns):
        table[theme] = league[theme].round(TIE_DECIMALS).rank(method="min").astype("Int64")
    return table
