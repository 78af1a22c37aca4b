"""Excel workbooks: one command's table (``-o PATH.xlsx``), or a document of sections (the
report), each section a sheet. Numbers stay numbers with their kind's number format, text stays
text (never a formula), and the meanings the terminal shows in colour are conditional formats.

``cells`` (values, text cells, widths), ``sheet`` (a sheet of tables), ``charts`` (native
charts) and ``workbook`` (the entry points) do the work.
"""

from benchmark.render.excel.sheet import sheet_name
from benchmark.render.excel.workbook import write_document, write_view, write_workbook

__all__ = ["sheet_name", "write_document", "write_view", "write_workbook"]
