"""Spend against performance: each area's average rank against its spend per head (or deprivation).

y = the area's average rank (performance on a theme, or overall, from :mod:`benchmark.analysis.ranking`);
x = the rank of its spend per head among the group, 1 = the lowest spend (or the rank of its
deprivation, 1 = the most deprived). Reference lines through the group's mean (or median) of each
axis cut the plane into four quadrants. A point exactly on a line (to 9 decimal places) falls on
the less favourable side: "high performance" needs an average rank strictly below the line, and
"low spend" (or "high deprivation") a comparator rank strictly below the line. The rules are in
``docs/methodology.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from benchmark.analysis.attributes import area_values
from benchmark.analysis.comparators import find_area
from benchmark.analysis.ranking import AVERAGE_RANK, POSITION, Overall, Ties, rank
from benchmark.analysis.selection import Selection, is_all_periods
from benchmark.core.errors import DataError, UsageError
from benchmark.core.methods import Against, Split
from benchmark.core.model import AREA, DEPRIVATION_RANK, PERIOD, POLARITY, SPEND_PER_HEAD, VALUE, Polarity

if TYPE_CHECKING:
    import pandas as pd

PERFORMANCE_RANK = "performance_rank"
COMPARATOR_VALUE = "comparator_value"
COMPARATOR_RANK = "comparator_rank"
QUADRANT = "quadrant"
QUADRANT_COLUMNS = (AREA, AVERAGE_RANK, PERFORMANCE_RANK, COMPARATOR_VALUE, COMPARATOR_RANK, QUADRANT)
THEME_COLUMN = "theme"
OVERALL = "overall"
_LINE_DECIMALS = 9  # as ranking's ties: float noise in a mean never moves a point off its line


COMPARATOR_COLUMNS = {Against.SPEND: SPEND_PER_HEAD, Against.DEPRIVATION: DEPRIVATION_RANK}
# The two sides of the comparator axis: (comparator rank below the line, on or above it).
SIDES = {Against.SPEND: ("low spend", "high spend"),
         Against.DEPRIVATION: ("high deprivation", "low deprivation")}
# What the comparator axis is, in words: "Performance against spend per head".
AXIS_WORDS = {Against.SPEND: "spend per head", Against.DEPRIVATION: "deprivation"}


def quadrant_names(against: Against) -> list[str]:
    """The four names, top-right first: high performance with the favourable side of x."""
    low_rank_side, high_rank_side = SIDES[Against(against)]
    return [f"{performance} performance, {side}" for performance in ("high", "low")
            for side in (low_rank_side, high_rank_side)]


@dataclass(frozen=True, eq=False, repr=False)  # holds frames: compared and shown by identity
class Quadrants:
    """Every placed area's performance, comparator and quadrant, for one theme or overall."""

    table: pd.DataFrame  # QUADRANT_COLUMNS, by performance rank then area
    against: Against
    split: Split
    performance_line: float  # the reference average rank
    comparator_line: float  # the reference comparator rank
    theme: str | None  # None = overall
    ranked: int  # areas with a performance rank
    with_comparator: int  # areas with a comparator value
    indicators: int  # ranked indicators behind the averages
    group: str
    period: str
    excluded: list[str] = field(default_factory=list)  # "Dorset (no deprivation_rank)"
    warnings: tuple[str, ...] = ()  # the selection's (benchmark.analysis.selection.Selection.warnings)
    comparator: str = ""  # the indicator and period the comparator came from; "" = the areas column

    def find(self, name: str) -> str:
        """The placed area called ``name`` (as :func:`find_area` finds it), or a usage error: it is
        left out, or no area is called that (naming near matches)."""
        left_out = {reason.rsplit(" (", 1)[0]: reason for reason in self.excluded}
        area = find_area(name, [*self.table[AREA], *left_out])
        if area in left_out:
            raise UsageError(f"--area {name}: {left_out[area].replace(' (', ' is left out (', 1)}, so it "
                             "has no quadrant")
        return area

    def row(self, area: str) -> pd.Series:
        return self.table[self.table[AREA] == self.find(area)].iloc[0]


@dataclass(frozen=True, eq=False, repr=False)  # holds frames: compared and shown by identity
class FocusQuadrants:
    """One area's quadrant on every theme and overall (``--all-themes``)."""

    table: pd.DataFrame  # theme, average_rank, performance_rank, ranked, comparator_value, ...
    focus: str
    against: Against
    split: Split
    skipped: list[str]  # themes with no ranked indicator
    warnings: list[str]
    comparator: str = ""  # as Quadrants.comparator; each theme's own where they differ
    placed: tuple[Quadrants, ...] = ()  # every area's quadrants, overall then each theme shown


def classify(average_rank: pd.Series, comparator_rank: pd.Series, split: Split = Split.MEAN,
             against: Against = Against.SPEND) -> tuple[pd.Series, float, float]:
    """The quadrant of each point, and the two reference lines (average rank, comparator rank).

    Both series are aligned and complete. Lower is better on both axes: an average rank below
    the line is high performance; a comparator rank below the line is low spend (or high
    deprivation). A point on a line goes to the other side.
    """
    import pandas as pd

    statistic = "mean" if Split(split) is Split.MEAN else "median"
    performance_line = float(getattr(average_rank.astype("float64"), statistic)())
    comparator_line = float(getattr(comparator_rank.astype("float64"), statistic)())
    high = average_rank.astype("float64").round(_LINE_DECIMALS) < round(performance_line, _LINE_DECIMALS)
    low_side = comparator_rank.astype("float64").round(_LINE_DECIMALS) < round(comparator_line,
                                                                                 _LINE_DECIMALS)
    top_right, top_left, bottom_right, bottom_left = quadrant_names(against)
    names = [(top_right if right else top_left) if good else (bottom_right if right else bottom_left)
             for good, right in zip(high, low_side, strict=True)]
    return pd.Series(names, index=average_rank.index, dtype=object), performance_line, comparator_line


def comparator_ranks(values: pd.Series) -> pd.Series:
    """Rank 1 = the smallest value (lowest spend; deprivation rank 1, the most deprived);
    ties share the best rank (1, 2, 2, 4); missing values get no rank."""
    return values.rank(method="min", ascending=True).astype("Int64")


def quadrants(selection: Selection, *, against: Against = Against.SPEND, split: Split = Split.MEAN,
              ties: Ties = Ties.MIN, overall: Overall = Overall.INDICATORS,
              comparator: str | None = None) -> Quadrants:
    """Spend (or deprivation) against performance on the selection's theme (or overall).

    The comparator is the areas' ``spend_per_head`` (or ``deprivation_rank``) column, or the
    indicator of the data named ``comparator``: spend per head, or a deprivation score (higher
    = more deprived, such as the IMD average score), in the selection's period where it has one.
    """
    _one_period(selection)
    return _quadrants(selection, Against(against), Split(split), ties, overall, comparator)


def _one_period(selection: Selection) -> None:
    if is_all_periods(selection.asked_period):  # an average over every period compares nothing
        raise UsageError("--period all: quadrants set one period's performance against spend; give "
                         "one --period, an --as-at edition, or leave --period out for the latest")


def theme_quadrants(selection: Selection, area: str, *, against: Against = Against.SPEND,
                    split: Split = Split.MEAN, ties: Ties = Ties.MIN,
                    overall: Overall = Overall.INDICATORS, comparator: str | None = None,
                    theme_comparators: dict[str, str] | None = None) -> FocusQuadrants:
    """The quadrant of ``area`` overall and on every theme of the selection that has a ranked
    indicator (the comparator as in :func:`quadrants`; ``theme_comparators`` gives a theme its
    own, such as adult social care spend per head for Adult Social Care)."""
    import pandas as pd

    _one_period(selection)
    every = selection.with_theme(None) if selection.theme is not None else selection
    focus = find_area(area, every.areas)
    own = {_theme_named(name, every.themes): indicator
           for name, indicator in (theme_comparators or {}).items()}
    rows, skipped, warnings, results = [], [], list(every.warnings), []
    for theme in [None, *every.themes]:
        try:
            chosen = every if theme is None else every.with_theme(theme)
        except UsageError:  # this theme has no data in the chosen --period
            skipped.append(str(theme))
            continue
        if not _rankable(chosen):
            skipped.append(str(theme))
            continue
        result = _quadrants(chosen, Against(against), Split(split), ties, overall,
                            own.get(str(theme), comparator))
        results.append(result)
        placed = result.table[result.table[AREA] == focus]
        name = OVERALL if theme is None else theme
        if placed.empty:
            warnings.append(f"{focus} is not placed on {name}: "
                            + "; ".join(e for e in result.excluded if e.startswith(focus + " ")))
            rows.append({THEME_COLUMN: name, "ranked": result.ranked})
            continue
        row = placed.iloc[0]
        rows.append({THEME_COLUMN: name, AVERAGE_RANK: row[AVERAGE_RANK],
                     PERFORMANCE_RANK: row[PERFORMANCE_RANK], "ranked": result.ranked,
                     COMPARATOR_VALUE: row[COMPARATOR_VALUE], COMPARATOR_RANK: row[COMPARATOR_RANK],
                     "with_comparator": result.with_comparator, QUADRANT: row[QUADRANT]})
    columns = [THEME_COLUMN, AVERAGE_RANK, PERFORMANCE_RANK, "ranked", COMPARATOR_VALUE,
               COMPARATOR_RANK, "with_comparator", QUADRANT]
    table = pd.DataFrame(rows).reindex(columns=columns)
    for column in (PERFORMANCE_RANK, "ranked", COMPARATOR_RANK, "with_comparator"):
        table[column] = table[column].astype("Int64")
    table[AVERAGE_RANK] = table[AVERAGE_RANK].astype("float64")
    table[COMPARATOR_VALUE] = table[COMPARATOR_VALUE].astype("float64")
    table[QUADRANT] = table[QUADRANT].astype(object).where(table[QUADRANT].notna(), None)
    words = "; ".join(f"{result.theme or OVERALL}: {result.comparator}" for result in results) if own else (
        _comparator_values(every, Against(against), comparator)[1] if comparator is not None else "")
    return FocusQuadrants(table, focus, Against(against), Split(split), skipped, warnings, words,
                          tuple(results))


def _theme_named(name: str, themes: list[str]) -> str:
    for theme in themes:
        if theme.casefold() == name.strip().casefold():
            return theme
    raise UsageError(f"--theme-spend {name}=...: no such theme; themes: "
                     + ", ".join(f"'{theme}'" for theme in themes))


def _comparator_values(selection: Selection, against: Against,
                       comparator: str | None) -> tuple[pd.Series, str, str]:
    """Each compared area's comparator value and rank (1 = the lowest spend, or the most
    deprived), words for where they came from ("" for the areas column), and what an area
    without one lacks."""
    import pandas as pd

    dataset = selection.dataset
    if comparator is not None:
        option = "--spend" if against is Against.SPEND else "--deprivation"
        found = area_values(dataset, comparator, selection.areas, option=option,
                            period=_single_period(selection), as_at=selection.as_at)
        return found.values, found.words, f"no {found.indicator} value in {found.period}"
    column = COMPARATOR_COLUMNS[against]
    if column not in dataset.areas.columns:
        option = "--spend" if against is Against.SPEND else "--deprivation"
        raise DataError(f"{dataset.source}: the area metadata has no '{column}' column, needed for "
                        f"--against {against.value}; add it to the areas sheet or an --areas file"
                        + (" (net revenue expenditure per head, £)" if against is Against.SPEND
                           else " (1 = the most deprived)")
                        + f", or name an indicator of the data with {option}")
    values = pd.to_numeric(dataset.areas.drop_duplicates(AREA).set_index(AREA)[column],
                           errors="coerce").astype("float64").reindex(selection.areas)
    return values, "", f"no {column}"


def _single_period(selection: Selection) -> str | None:
    periods = list(dict.fromkeys(selection.frame[PERIOD].dropna().astype(str)))
    return periods[0] if len(periods) == 1 else None


def _quadrants(selection: Selection, against: Against, split: Split, ties: Ties,
               overall: Overall, comparator: str | None = None) -> Quadrants:
    import pandas as pd

    ranking = rank(selection, ties=ties, overall=overall)
    values, words, lacking = _comparator_values(selection, against, comparator)
    # A deprivation score from the data: higher is more deprived, and rank 1 the most deprived.
    ranked_by = -values if comparator is not None and against is Against.DEPRIVATION else values
    league = ranking.table.set_index(AREA).reindex(selection.areas)
    frame = pd.DataFrame({
        AREA: selection.areas,
        AVERAGE_RANK: league[AVERAGE_RANK].astype("float64").to_numpy(),
        PERFORMANCE_RANK: pd.array(league[POSITION], dtype="Int64"),
        COMPARATOR_VALUE: values.to_numpy(),
        COMPARATOR_RANK: pd.array(comparator_ranks(ranked_by), dtype="Int64"),
    })
    no_rank = frame[AVERAGE_RANK].isna()
    no_value = frame[COMPARATOR_VALUE].isna()
    excluded = [f"{name} ({'no ranked indicator' if unranked else lacking})"
                for name, unranked, missing in zip(frame[AREA], no_rank, no_value, strict=True)
                if unranked or missing]
    placed = frame[~no_rank & ~no_value].copy()
    if placed.empty:
        source = words or f"the {COMPARATOR_COLUMNS[against]} column of the area metadata"
        raise DataError(f"no area has both an average rank and a comparator value; check {source}")
    names, performance_line, comparator_line = classify(placed[AVERAGE_RANK], placed[COMPARATOR_RANK],
                                                        split, against)
    placed[QUADRANT] = names
    placed = placed.sort_values([PERFORMANCE_RANK, AREA], kind="stable").reset_index(drop=True)
    return Quadrants(
        table=placed[list(QUADRANT_COLUMNS)], against=against, split=split,
        performance_line=performance_line, comparator_line=comparator_line,
        theme=selection.theme,
        ranked=int(frame[PERFORMANCE_RANK].notna().sum()), with_comparator=int((~no_value).sum()),
        indicators=ranking.ranked_indicators, group=selection.group, period=selection.period,
        excluded=excluded, warnings=(*selection.warnings, *ranking.warnings), comparator=words,
    )


def _rankable(selection: Selection) -> bool:
    frame = selection.frame
    rankable = frame[POLARITY].isin([Polarity.HIGH.value, Polarity.LOW.value]) & frame[VALUE].notna()
    return bool(rankable.any())
