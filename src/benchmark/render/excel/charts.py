"""Native Excel charts beside a sheet's first table, drawn from the cells the tables landed in:
bars of one column (the focus area's bar in the focus colour), or areas as points with dashed
reference lines."""

from __future__ import annotations

import math
from typing import Any

from benchmark.render.columns import EXCEL_FORMATS
from benchmark.render.excel.sheet import Placed
from benchmark.render.meanings import FOCUS_COLOUR, LINE_COLOUR, OTHER_COLOUR, part_colour
from benchmark.render.plan import BarChartPlan, ScatterPlan, StackedBarPlan


def add_chart(sheet: Any, plan: BarChartPlan | ScatterPlan | StackedBarPlan, placed: list[Placed]) -> None:
    from openpyxl.utils import get_column_letter

    block = placed[plan.table]
    if block.last_row < block.first_row:
        return
    if isinstance(plan, BarChartPlan):
        chart = _bar_chart(sheet, plan, block)
    elif isinstance(plan, StackedBarPlan):
        chart = _stacked_chart(sheet, plan, block)
    else:
        chart = _scatter_chart(sheet, plan, block,
                               placed[plan.lines_table] if plan.lines_table is not None else None)
    right = max(len(item.columns) for item in placed) + 2
    sheet.add_chart(chart, f"{get_column_letter(right)}{placed[0].header_row}")


def _column(block: Placed, name: str) -> int:
    return block.columns.index(name) + 1


def _bar_chart(sheet: Any, plan: BarChartPlan, block: Placed) -> Any:
    """Horizontal bars, first row at the top; the highlighted category in the focus colour."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.chart.marker import DataPoint

    chart = BarChart()
    chart.type = "bar"
    chart.title = plan.title
    chart.legend = None
    chart.gapWidth = 40
    values = Reference(sheet, min_col=_column(block, plan.values), min_row=block.header_row,
                       max_row=block.last_row)
    categories = Reference(sheet, min_col=_column(block, plan.categories), min_row=block.first_row,
                           max_row=block.last_row)
    chart.add_data(values, titles_from_data=True)
    chart.set_categories(categories)
    series = chart.series[0]
    series.graphicalProperties.solidFill = OTHER_COLOUR
    series.graphicalProperties.line.noFill = True
    number_format = EXCEL_FORMATS[block.view.kind(plan.values)]
    series.dLbls = _values_shown(number_format)
    labels = list(block.view.frame[plan.categories])
    if plan.focus in labels:
        point = DataPoint(idx=labels.index(plan.focus))
        point.graphicalProperties.solidFill = FOCUS_COLOUR
        point.graphicalProperties.line.noFill = True
        series.dPt.append(point)
    chart.x_axis.scaling.orientation = "maxMin"  # the table's first row at the top
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.y_axis.crosses = "max"  # with the categories reversed, keep the value axis at the bottom
    chart.y_axis.numFmt = number_format
    chart.y_axis.title = plan.axis_title
    chart.y_axis.majorGridlines = None
    chart.width = 18
    chart.height = max(8.0, 0.55 * len(labels) + 3)
    return chart


def _stacked_chart(sheet: Any, plan: StackedBarPlan, block: Placed) -> Any:
    """A tally's rows as stacked bars, first at the top (its closing 'Total' row left out), each
    part in its meaning's colour, named in the legend and with its count on it."""
    from openpyxl.chart import BarChart, Reference, Series
    from openpyxl.chart.series import SeriesLabel

    categories = list(block.view.frame[plan.categories])
    last = block.last_row - (categories[-1:] == ["Total"])
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap, chart.gapWidth = "bar", "stacked", 100, 50
    chart.title = plan.title
    for column, words, meaning in plan.segments:
        if column not in block.columns:
            continue
        values = Reference(sheet, min_col=_column(block, column), min_row=block.first_row, max_row=last)
        series = Series(values, title_from_data=False)
        series.tx = SeriesLabel(v=words)
        series.graphicalProperties.solidFill = part_colour(meaning)
        series.dLbls = _values_shown()
        chart.series.append(series)
    chart.set_categories(Reference(sheet, min_col=_column(block, plan.categories), min_row=block.first_row,
                                   max_row=last))
    chart.x_axis.scaling.orientation = "maxMin"
    chart.x_axis.delete = chart.y_axis.delete = False
    chart.y_axis.crosses = "max"
    chart.y_axis.title = plan.axis_title
    chart.y_axis.majorGridlines = None
    chart.legend.position = "b"
    chart.width, chart.height = 18, max(7.0, 1.0 * (last - block.first_row + 1) + 4)
    return chart


def _scatter_chart(sheet: Any, plan: ScatterPlan, block: Placed, lines: Placed | None) -> Any:
    """Areas as points, the focus in its own colour, reference lines dashed; rank 1 at the top
    and at the right on both axes, as the quadrants chart draws them."""
    from openpyxl.chart import Reference, ScatterChart, Series
    from openpyxl.chart.shapes import GraphicalProperties
    from openpyxl.drawing.line import LineProperties

    chart = ScatterChart()
    chart.title = plan.title
    chart.style = 13
    xs = Reference(sheet, min_col=_column(block, plan.x), min_row=block.first_row, max_row=block.last_row)
    ys = Reference(sheet, min_col=_column(block, plan.y), min_row=block.first_row, max_row=block.last_row)
    chart.series.append(_points(Series(ys, xs, title="Areas"), OTHER_COLOUR, 6))
    areas = list(block.view.frame["area"]) if "area" in block.columns else []
    chart.series[0].dLbls = _name_labels([str(area) for area in areas])
    if plan.focus in areas:
        row = block.first_row + areas.index(plan.focus)
        focus_x = Reference(sheet, min_col=_column(block, plan.x), min_row=row, max_row=row)
        focus_y = Reference(sheet, min_col=_column(block, plan.y), min_row=row, max_row=row)
        chart.series.append(_points(Series(focus_y, focus_x, title=plan.focus), FOCUS_COLOUR, 9))
    if lines is not None:
        names = list(lines.view.frame[lines.columns[0]])
        for name in dict.fromkeys(names):
            start = lines.first_row + names.index(name)
            count = names.count(name)
            line_x = Reference(sheet, min_col=_column(lines, plan.x), min_row=start,
                               max_row=start + count - 1)
            line_y = Reference(sheet, min_col=_column(lines, plan.y), min_row=start,
                               max_row=start + count - 1)
            series = Series(line_y, line_x, title=name)
            series.marker.symbol = "none"
            series.graphicalProperties = GraphicalProperties(
                ln=LineProperties(solidFill=LINE_COLOUR, prstDash="dash", w=12700))
            series.smooth = False
            chart.series.append(series)
    chart.x_axis.title = plan.x_title
    chart.y_axis.title = plan.y_title
    for axis in (chart.x_axis, chart.y_axis):
        axis.scaling.orientation = "maxMin"
        axis.delete = False
        axis.majorGridlines = None
    chart.x_axis.crosses = "max"  # with both axes reversed, the axes sit at the bottom and left
    chart.y_axis.crosses = "max"
    xs_values = block.view.frame[plan.x].astype("float64")
    ys_values = block.view.frame[plan.y].astype("float64")
    chart.x_axis.scaling.min, chart.x_axis.scaling.max = 0, math.ceil(xs_values.max()) + 1
    chart.y_axis.scaling.min = max(0, math.floor(ys_values.min()) - 1)
    chart.y_axis.scaling.max = math.ceil(ys_values.max()) + 1
    chart.x_axis.majorUnit = 5
    chart.legend.position = "b"
    chart.width = 20
    chart.height = 14
    return chart


def _points(series: Any, colour: str, size: int) -> Any:
    from openpyxl.chart.shapes import GraphicalProperties

    series.marker.symbol = "circle"
    series.marker.size = size
    series.marker.graphicalProperties = GraphicalProperties(solidFill=colour)
    series.marker.graphicalProperties.line.solidFill = "FFFFFF"
    series.graphicalProperties.line.noFill = True
    series.smooth = False
    return series


def _values_shown(number_format: str | None = None) -> Any:
    """Data labels showing each bar's value only."""
    from openpyxl.chart.label import DataLabelList

    return DataLabelList(showVal=True, numFmt=number_format, showSerName=False, showCatName=False,
                         showLegendKey=False, showPercent=False)


def _name_labels(names: list[str]) -> Any:
    """A data label per point giving its name: the chart XML allows a label's own text (c:tx),
    which openpyxl's DataLabel leaves out, so a subclass writes it."""
    from openpyxl.chart.label import DataLabel, DataLabelList
    from openpyxl.chart.text import RichText, Text
    from openpyxl.descriptors import Typed
    from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties, RegularTextRun

    # openpyxl's serialiser reads each element's descriptor from the class itself: repeat them.
    own = {name: vars(DataLabel)[name] for name in DataLabel.__elements__ if name in vars(DataLabel)}
    named_label = type("NamedLabel", (DataLabel,), {
        **own, "tx": Typed(expected_type=Text, allow_none=True),
        "__elements__": ("idx", "tx", *DataLabel.__elements__[1:])})

    small = CharacterProperties(sz=700)
    labels = DataLabelList(showVal=False, showSerName=False, showCatName=False, showLegendKey=False,
                           showPercent=False)
    for index, name in enumerate(names):
        label = named_label(idx=index, dLblPos="r", showVal=True, showSerName=False, showCatName=False,
                           showLegendKey=False, showPercent=False)
        label.tx = Text(rich=RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=small),
                                                   r=[RegularTextRun(rPr=small, t=name)])]))
        labels.dLbl.append(label)
    return labels
