"""Views of a ranking: the league table and the per-indicator detail."""

from __future__ import annotations

from benchmark.analysis.ranking import Overall, Ranking, Ties
from benchmark.analysis.selection import Selection
from benchmark.core.text import plural
from benchmark.render.columns import Kind
from benchmark.render.view import TableView

TIE_WORDS = {
    Ties.MIN: "ties share the best rank (min: 1, 2, 2, 4)",
    Ties.AVERAGE: "ties share the mean rank (average: 1, 2.5, 2.5, 4)",
    Ties.MAX: "ties share the worst rank (max: 1, 3, 3, 4)",
    Ties.DENSE: "ties share a rank with no gaps (dense: 1, 2, 2, 3)",
}
OVERALL_WORDS = {
    Overall.INDICATORS: "overall = mean rank over all ranked indicators",
    Overall.THEMES: "overall = mean of the theme average ranks",
}


def describe(selection: Selection, ranking: Ranking, ties: Ties, overall: Overall) -> list[str]:
    """The caption: what was ranked and by which rules."""
    themes = len(ranking.themes)
    words = [
        f"{plural(ranking.ranked_indicators, 'indicator')} in {plural(themes, 'theme')}",
        selection.period,
        selection.group,
        TIE_WORDS[Ties(ties)],
        OVERALL_WORDS[Overall(overall)],
    ]
    if ranking.unranked_indicators:
        count = len(ranking.unranked_indicators)
        words.append(f"{plural(count, 'indicator')} not ranked "
                     "(no polarity, or no values)")
    return words


def league_view(selection: Selection, ranking: Ranking, ties: Ties, overall: Overall,
                highlight: str | None = None) -> TableView:
    areas = int(ranking.table["area"].nunique())
    return TableView(
        frame=ranking.table,
        title=f"League table of {areas} areas by average rank (1 = best)",
        caption=describe(selection, ranking, ties, overall),
        warnings=[*selection.warnings, *ranking.warnings],
        kinds={theme: Kind.AVERAGE_RANK for theme in ranking.themes},
        highlight=highlight,
    )


def detail_view(selection: Selection, ranking: Ranking, ties: Ties, overall: Overall,
                highlight: str | None = None) -> TableView:
    kinds = {"rank": Kind.AVERAGE_RANK} if Ties(ties) is Ties.AVERAGE else {}
    return TableView(
        frame=ranking.detail,
        title="Ranks by indicator (1 = best)",
        caption=describe(selection, ranking, ties, overall)[:4],
        warnings=[*selection.warnings, *ranking.warnings],
        kinds=kinds,
        highlight=highlight,
    )
