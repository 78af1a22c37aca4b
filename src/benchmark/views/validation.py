"""The view of ``benchmark validate``'s findings."""

from __future__ import annotations

from benchmark.core.model import AREA, INDICATOR, KIND, Dataset, MeasureKind, Problem
from benchmark.core.text import plural
from benchmark.render.view import TableView


def problems_view(dataset: Dataset, problems: list[Problem]) -> TableView:
    import pandas as pd

    frame = pd.DataFrame(
        [(p.severity, p.kind, p.message) for p in problems], columns=["severity", "kind", "problem"]
    )
    errors = sum(p.severity == "error" for p in problems)
    observations = dataset.observations
    summary = (f"{dataset.source}: {plural(len(observations), 'observation')}, "
               f"{plural(observations[INDICATOR].nunique(), 'indicator')}{_kinds(dataset)}, "
               f"{plural(observations[AREA].nunique(), 'area')}; "
               f"{plural(errors, 'error')}, {plural(len(problems) - errors, 'warning')}")
    return TableView(frame=frame, title="Problems found", caption=[summary])


def _kinds(dataset: Dataset) -> str:
    """' (20 performance, 5 context)' when some indicators in the data are context."""
    indicators = dataset.indicators
    if KIND not in indicators.columns:
        return ""
    in_data = indicators[indicators[INDICATOR].isin(set(dataset.observations[INDICATOR]))]
    context = int((in_data[KIND] == MeasureKind.CONTEXT.value).sum())
    return f" ({len(in_data) - context} performance, {context} context)" if context else ""
