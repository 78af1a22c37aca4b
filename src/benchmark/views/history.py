"""Views of a history: positions edition by edition, as a table and as a line chart."""

from __future__ import annotations

from benchmark.analysis.history import AVERAGE_RANK, EDITION, Basket, History
from benchmark.analysis.selection import Selection
from benchmark.core.model import AREA
from benchmark.core.text import plural
from benchmark.render.chart_specs import Line, LineChart, Role
from benchmark.render.columns import Kind
from benchmark.render.view import TableView
from benchmark.views.league import OVERALL_WORDS, TIE_WORDS
from benchmark.views.money import ordinal


def basket_words(found: History) -> str:
    """'basket: the 2 indicators ranked in every edition (A; B)', or each edition's own."""
    if found.basket is Basket.COMMON:
        return (f"basket: the {plural(len(found.indicators), 'indicator')} ranked in every edition "
                f"({'; '.join(found.indicators)})")
    return "basket: each edition's own indicators (counted in the indicators column)"


def history_view(found: History, selection: Selection, ties: object, overall: object,
                 area: str | None = None) -> TableView:
    table = found.table if area is None else found.table[found.table[AREA] == area]
    first, last = found.editions[0], found.editions[-1]
    return TableView(
        frame=table.reset_index(drop=True),
        title=f"Position edition by edition, {first} to {last} (1 = best)",
        caption=[f"editions {', '.join(found.editions)} (each indicator's latest period ending by the "
                 "end of the financial year)", basket_words(found), "theme columns: position on the theme",
                 selection.group,
                 TIE_WORDS[ties], OVERALL_WORDS[overall]],  # type: ignore[index]
        warnings=list(selection.warnings),
        kinds={AVERAGE_RANK: Kind.AVERAGE_RANK, **{theme: Kind.RANK for theme in found.themes}},
        highlight=area,
        group_by=EDITION if area is None else None,
    )


def history_chart(found: History, area: str) -> LineChart:
    """The area's overall position in each edition, 1st at the top."""
    rows = found.table[found.table[AREA] == area]
    positions = tuple(float(position) for position in rows["position"])
    areas = found.table.groupby(EDITION, sort=False)[AREA].size().max()
    return LineChart(
        steps=tuple(rows[EDITION]),
        lines=(Line(area, positions, tuple(ordinal(int(p)) for p in positions), Role.FOCUS),),
        title=f"{area}: overall position of {areas}, edition by edition",
        subtitle=basket_words(found), step_title="Edition (financial year)",
        value_title="Position (1 = best)", best_at_top=True,
    )
