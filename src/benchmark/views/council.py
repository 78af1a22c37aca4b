"""Views of the council's own performance: quartiles, direction of travel, dashboards."""

from __future__ import annotations

from typing import TYPE_CHECKING

from benchmark.analysis.quartiles import METHOD_WORDS, QuartileMethod, Quartiles
from benchmark.analysis.selection import Selection
from benchmark.render.columns import Kind
from benchmark.render.view import TableView

if TYPE_CHECKING:
    import pandas as pd

VALUE_KINDS = {name: Kind.NUMBER for name in ("value", "p25", "median", "p75", "previous", "current",
                                              "change")}


def method_words(method: QuartileMethod) -> str:
    return f"quartile method: {QuartileMethod(method).value} ({METHOD_WORDS[QuartileMethod(method)]})"


def quartiles_title(area: str | None, summary: bool, extreme: int | tuple[int, ...] | None) -> str:
    if extreme is not None:
        names = {1: "top (1st)", 4: "bottom (4th)"}
        which = " and ".join(names[q] for q in ((extreme,) if isinstance(extreme, int) else extreme))
        return f"{which.capitalize()} quartile indicators by theme: {area}"
    if summary:
        return f"Quartiles by theme: {area}" if area else "Quartiles per area"
    return f"Quartiles: {area}" if area else "Quartiles of every area"


def quartiles_view(frame: pd.DataFrame, result: Quartiles, selection: Selection, area: str | None,
                   *, summary: bool = False, extreme: int | tuple[int, ...] | None = None) -> TableView:
    """Quartile rows, tallies or lists; every one names the method (a ``method`` field in
    machine formats, the caption on screen)."""
    return TableView(
        frame=frame.assign(method=result.method.value),
        title=quartiles_title(area, summary, extreme),
        caption=[method_words(result.method), selection.period, selection.group],
        warnings=[*selection.warnings, *result.warnings],
        kinds={**VALUE_KINDS, **{c: Kind.COUNT for c in ("q1", "q2", "q3", "q4", "none", "total")}},
        highlight=area,
        screen_hidden=("method",),
    )


def trend_view(frame: pd.DataFrame, area: str | None, tolerance: float, title: str,
               edition: str | None = None) -> TableView:
    """An area's direction of travel or its tallies by theme, or (no area) every area's tallies;
    ``edition``: the --as-at words, said first when there is one."""
    counts = {c: Kind.COUNT for c in ("improved", "no change", "worse", "not comparable", "total")}
    return TableView(
        frame=frame,
        title=f"{title}: {area}" if area is not None else title,
        caption=[*([edition] if edition else []),
                 f"no change = a relative change of at most {tolerance:.2%} (--tolerance, or the "
                 "indicator's own tolerance)", "not comparable = no previous value, no polarity, "
                 "or comparable=no"],
        kinds={**VALUE_KINDS, **counts, "change_pct": Kind.PERCENT},
    )


def dashboard_view(frame: pd.DataFrame, area: str, method: QuartileMethod, selection: Selection,
                   tolerance: float) -> TableView:
    return TableView(
        warnings=list(selection.warnings),
        frame=frame,
        title=f"Dashboard for {area}",
        caption=[method_words(method),
                 *([selection.period] if selection.as_at or selection.asked_period else []),
                 selection.group,
                 f"direction: latest value against the one before, no change within {tolerance:.2%}",
                 "performance issue = 4th quartile and worse, or target not met; "
                 "exceptional = 1st quartile and improved"],
        kinds=VALUE_KINDS,
        group_by="theme",
    )
