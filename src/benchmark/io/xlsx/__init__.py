"""Reading .xlsx workbooks without trusting them, and writing the dataset workbook.

A workbook is a zip archive of XML parts, parsed by calamine (Rust). Before calamine sees it,
every check that keeps a crafted file from costing unbounded time or memory is made:
the archive and its XML in :mod:`~benchmark.io.xlsx.archive`, each sheet's extent (and its formulas
without a saved result) in :mod:`~benchmark.io.xlsx.scan`; :mod:`~benchmark.io.xlsx.read` then has
calamine read the sheets. :mod:`~benchmark.io.xlsx.write` writes the canonical dataset workbook.
"""
