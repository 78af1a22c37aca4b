"""The view of ``benchmark validate``'s findings."""

from __future__ import annotations

from benchmark.core.model import AREA, INDICATOR, Dataset, Problem
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
               f"{plural(observations[INDICATOR].nunique(), 'indicator')}, "
               f"{plural(observations[AREA].nunique(), 'area')}; "
               f"{plural(errors, 'error')}, {plural(len(problems) - errors, 'warning')}")
    return TableView(frame=frame, title="Problems found", caption=[summary])
