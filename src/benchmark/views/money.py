"""Views for the money commands: the funding gap and spend against performance."""

from __future__ import annotations

from benchmark.analysis.funding import (
    ADDITIONAL,
    DIFFERENCE,
    MAXIMUM,
    MEAN,
    MEDIAN,
    PER_HEAD,
    UPPER_QUARTILE,
    FundingGap,
    FundingGapOverTime,
)
from benchmark.analysis.quadrants import (
    AXIS_WORDS,
    COMPARATOR_RANK,
    COMPARATOR_VALUE,
    PERFORMANCE_RANK,
    QUADRANT,
    SIDES,
    Against,
    FocusQuadrants,
    Quadrants,
    quadrant_names,
)
from benchmark.core.text import plural
from benchmark.render.columns import Kind, display
from benchmark.render.view import TableView

MONEY_KINDS = {PER_HEAD: Kind.MONEY, DIFFERENCE: Kind.MONEY, ADDITIONAL: Kind.MONEY_LARGE}


def ordinal(number: int) -> str:
    """1 -> '1st', 2 -> '2nd', 11 -> '11th', 23 -> '23rd'."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def money(amount: float) -> str:
    """£1,160: pounds per head, as people write them."""
    return display(amount, Kind.MONEY)


def money_large(amount: float) -> str:
    """£99.6m: totals, as people write them."""
    return display(amount, Kind.MONEY_LARGE)


def position_words(gap: FundingGap) -> str:
    """Where the focus stands among the compared, by per head: 'lowest of 27', '5th highest of 27'."""
    higher, lower, n = gap.position - 1, gap.areas_lower, gap.compared
    joint = "joint " if n - higher - lower > 1 else ""
    if n == 1:
        return "the only area with a value"
    if lower == 0:
        return f"{joint}lowest of {n}"
    if higher == 0:
        return f"{joint}highest of {n}"
    if higher < lower:
        return f"{joint}{ordinal(higher + 1)} highest of {n}"
    return f"{joint}{ordinal(lower + 1)} lowest of {n}"


def vs_sentence(gap: FundingGap, other: str) -> str:
    """'Leicestershire would receive £99.6m a year more if funded per head like Surrey
    (£823 vs £677 per head)'."""
    row = gap.row(other).iloc[0]
    amount = float(row[ADDITIONAL])
    change = (f"{money_large(amount)} a year more" if amount > 0
              else f"{money_large(-amount)} a year less" if amount < 0 else "the same")
    return (f"{gap.focus} would receive {change} if funded per head like {row['area']} "
            f"({money(row[PER_HEAD])} vs {money(gap.focus_per_head)} per head)")


def benchmark_words(gap: FundingGap) -> str:
    """The gap at the group's mean, median, upper quartile and maximum, in one sentence."""
    rows = {row.statistic: row for row in gap.benchmarks.itertuples(index=False)}
    mean, median = rows[MEAN], rows[MEDIAN]
    upper, top = rows[UPPER_QUARTILE], rows[MAXIMUM]
    return (f"funded at the group's mean of {money(mean.per_head)} per head, {gap.focus} would "
            f"receive {_signed(mean.additional_funding)} a year; at the median {money(median.per_head)}: "
            f"{_signed(median.additional_funding)}, the upper quartile {money(upper.per_head)} "
            f"(QUARTILE.INC): {_signed(upper.additional_funding)}, the maximum {money(top.per_head)} "
            f"({top.area}): {_signed(top.additional_funding)}")


def _signed(amount: float) -> str:
    return f"+{money_large(amount)}" if amount > 0 else money_large(amount)


def _focus_words(gap: FundingGap, with_period: bool = False) -> str:
    when = f"{gap.period}: " if gap.period and with_period else ""
    return (f"{when}{gap.focus} {money(gap.focus_per_head)} per head, {position_words(gap)}, "
            f"population {gap.population:,.0f}")


def _excluded_warning(gap: FundingGap) -> list[str]:
    if not gap.excluded:
        return []
    when = f" in {gap.period}" if gap.period else ""
    return [f"{plural(len(gap.excluded), 'area')} with no {gap.measure} value{when} left out: "
            + ", ".join(gap.excluded)]


def funding_view(gap: FundingGap, vs: str | None = None, summary: bool = False) -> TableView:
    """One row per area, highest per head first (or the --vs row, or the --summary table)."""
    frame = gap.benchmarks if summary else gap.row(vs) if vs else gap.table
    caption = [gap.measure + (f", period {gap.period}" if gap.period else ""), gap.group,
               _focus_words(gap), benchmark_words(gap)]
    if vs:
        caption.append(vs_sentence(gap, vs))
    return TableView(
        frame=frame,
        title=(f"Funding gap at the group's averages: {gap.focus}" if summary
               else f"Funding per head: {gap.focus} compared with {plural(gap.compared - 1, 'area')}"),
        caption=caption,
        warnings=[*gap.warnings, *_excluded_warning(gap)],
        kinds=MONEY_KINDS,
        highlight=gap.focus,
    )


def over_time_view(gaps: FundingGapOverTime, vs: str | None = None, summary: bool = False) -> TableView:
    """The gap in every period: one row per period and area (or the --vs rows, or --summary)."""
    first = gaps.gaps[0]
    frame = gaps.benchmarks if summary else gaps.table
    other = gaps.find(vs) if vs else None
    if other and not summary:
        frame = frame[frame["area"] == other].reset_index(drop=True)
    caption = [first.measure if len(gaps.gaps) == 1 else f"{plural(len(gaps.gaps), 'period')} of per-head "
               "funding", first.group]
    for gap in gaps.gaps:
        caption.append(_focus_words(gap, with_period=True))
        caption.append(f"{gap.period}: {benchmark_words(gap)}")
        if other and other in set(gap.table["area"]):
            caption.append(f"{gap.period}: {vs_sentence(gap, other)}")
    warnings = [*first.warnings, *(message for gap in gaps.gaps for message in _excluded_warning(gap))]
    return TableView(
        frame=frame,
        title=f"Funding per head over time: {first.focus} compared with the group",
        caption=caption,
        warnings=warnings,
        kinds=MONEY_KINDS,
        highlight=first.focus,
    )


def _axis_words(against: Against, comparator: str = "") -> str:
    if against is Against.SPEND:
        return (f"comparator = {comparator or 'net spend per head (spend_per_head)'}, comparator rank "
                "1 = the lowest spend")
    if comparator:
        return f"comparator = {comparator} (higher = more deprived), comparator rank 1 = the most deprived"
    return "comparator = deprivation_rank, comparator rank 1 = the most deprived"


def _line_words(split: str, against: Against, performance_line: float, comparator_line: float) -> str:
    high_side = SIDES[against][1]
    return (f"reference lines at the group {split}: average rank {performance_line:.2f}, "
            f"comparator rank {comparator_line:.2f}; an area exactly on a line counts as "
            f"low performance or {high_side}")


def focus_words(result: Quadrants, area: str) -> str:
    """'Leicestershire: 20th of 27 on performance, 1st of 27 lowest on net spend per head: ...'."""
    row = result.row(area)
    side = ("lowest on net spend per head" if result.against is Against.SPEND
            else "most deprived")
    return (f"{row['area']}: {ordinal(int(row[PERFORMANCE_RANK]))} of {result.ranked} on performance, "
            f"{ordinal(int(row[COMPARATOR_RANK]))} of {result.with_comparator} {side}: {row[QUADRANT]}")


def quadrants_view(result: Quadrants, focus: str | None = None) -> TableView:
    counts = result.table[QUADRANT].value_counts()
    tally = ", ".join(f"{name}: {int(counts.get(name, 0))}" for name in quadrant_names(result.against))
    caption = [
        f"performance = average rank over {plural(result.indicators, 'indicator')}"
        + (f" of theme {result.theme}" if result.theme else ", all themes"),
        result.period, result.group, _axis_words(result.against, result.comparator),
        _line_words(result.split.value, result.against, result.performance_line, result.comparator_line),
        tally,
    ]
    if focus:
        caption.append(focus_words(result, focus))
    warnings = [*result.warnings] + ([f"left out ({plural(len(result.excluded), 'area')}): "
                                      + ", ".join(result.excluded)] if result.excluded else [])
    what = AXIS_WORDS[result.against]
    return TableView(
        frame=result.table,
        title=f"Performance against {what}: {result.theme or 'overall'}",
        caption=caption,
        warnings=warnings,
        kinds=_quadrant_kinds(result.against, result.comparator),
        highlight=focus,
    )


def focus_quadrants_view(result: FocusQuadrants) -> TableView:
    caption = [f"{result.focus} on every theme", _axis_words(result.against, result.comparator),
               f"reference lines at the group {result.split.value} of each theme; an area "
               "on a line counts as the less favourable side"]
    if result.skipped:
        caption.append("no ranked indicator, so no quadrant: " + ", ".join(result.skipped))
    what = AXIS_WORDS[result.against]
    return TableView(
        frame=result.table,
        title=f"{result.focus}: performance against {what} by theme",
        caption=caption,
        warnings=result.warnings,
        kinds={**_quadrant_kinds(result.against, result.comparator), "ranked": Kind.COUNT,
               "with_comparator": Kind.COUNT},
    )


def _quadrant_kinds(against: Against, comparator: str = "") -> dict[str, Kind]:
    value_kind = Kind.MONEY if against is Against.SPEND else Kind.NUMBER if comparator else Kind.RANK
    return {PERFORMANCE_RANK: Kind.RANK, COMPARATOR_RANK: Kind.RANK, COMPARATOR_VALUE: value_kind}
