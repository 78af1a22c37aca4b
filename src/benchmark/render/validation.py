"""The view of ``benchmark validate``'s findings."""

from __future__ import annotations

from benchmark.model import AREA, INDICATOR, Dataset, Problem
from benchmark.render.view import TableView


def problems_view(dataset: Dataset, problems: list[Problem]) -> TableView:
    import pandas as pd

    frame = pd.DataFrame(
        [(p.severity, p.kind, p.message) for p in problems], columns=["severity", "kind", "problem"]
    )
    errors = sum(p.severity == "error" for p in problems)
    summary = (f"{dataset.source}: {len(dataset.observations)} observations, "
               f"{dataset.observations[INDICATOR].nunique()} indicators, "
               f"{dataset.observations[AREA].nunique()} areas; "
               f"{errors} error{'s' if errors != 1 else ''}, {len(problems) - errors} warnings")
    return TableView(frame=frame, title="Problems found", caption=[summary])
