"""``benchmark validate``: every problem in a dataset, not just the first."""

from __future__ import annotations

from benchmark.analysis.editions import merge_spellings
from benchmark.analysis.targets import target_warnings
from benchmark.core.distinct import distinct
from benchmark.core.model import (
    AREA,
    INDICATOR,
    KIND,
    NO_THEME,
    PERIOD,
    POLARITY,
    THEME,
    Dataset,
    Problem,
    is_context,
)
from benchmark.core.periods import has_year
from benchmark.geography import normalise_name


def similar_names(names: list[str]) -> list[list[str]]:
    """Groups of distinct names with one matching key (case, spacing, '&', punctuation, footnote
    markers and trailing suffixes aside: :func:`benchmark.geography.normalise_name`)."""
    groups: dict[str, list[str]] = {}
    for name in dict.fromkeys(names):
        groups.setdefault(normalise_name(name) or name, []).append(name)
    return [group for group in groups.values() if len(group) > 1]


def validate(dataset: Dataset, as_at: str | None = None) -> list[Problem]:
    """Problems found while reading, then checks of the whole dataset (of the periods of the
    ``as_at`` edition and before, when given); errors first."""
    problems = list(dataset.problems)
    if as_at is not None:
        from dataclasses import replace

        from benchmark.analysis.editions import in_edition

        dataset = replace(dataset, observations=dataset.observations[
            in_edition(dataset.observations[PERIOD], as_at)])
    in_data = set(distinct(dataset.observations[INDICATOR]))
    described = dataset.indicators[dataset.indicators[INDICATOR].isin(in_data)]
    kinds = described[KIND] if KIND in described.columns else [None] * len(described)
    for name, polarity, theme, kind in zip(described[INDICATOR], described[POLARITY], described[THEME],
                                           kinds, strict=True):
        if is_context(kind):  # context is never ranked and shown in no theme: nothing to ask for
            continue
        if polarity is None:
            problems.append(Problem("metadata", f"indicator '{name}' has no polarity, so it is not "
                                    "ranked; give it high, low or none in the indicators sheet",
                                    "warning"))
        if theme is None or theme == NO_THEME:
            problems.append(Problem("metadata", f"indicator '{name}' has no theme; give it one in "
                                    "the indicators sheet", "warning"))
    problems += [Problem("target", message, "warning") for message in target_warnings(dataset)]
    for group in similar_names([*distinct(dataset.observations[AREA]), *dataset.areas[AREA]]):
        listed = " and ".join(f"'{name}'" for name in group)
        problems.append(Problem("name", f"areas {listed} look like the same area; use one name "
                                "for it everywhere", "warning"))
    periods = distinct(dataset.observations[PERIOD])
    for period in periods:
        if period and not has_year(period):
            problems.append(Problem("period", f"period '{period}' cannot be read as a time, so it "
                                    "is kept as text and sorted after the others; write it as e.g. "
                                    "2017/18, 2017, 2014-16, Q1 2018 or 31/03/2018", "warning"))
    for message in merge_spellings(dataset.observations)[1]:
        problems.append(Problem("period", message, "warning"))
    return sorted(problems, key=lambda problem: problem.severity != "error")
