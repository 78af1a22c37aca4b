"""The analyses: each a pure function of one :class:`~benchmark.analysis.selection.Selection`
(made once per command, once per report), returning results that hold frames and numbers.

Imports the core and geography only: no reader, view, renderer or command-line code.
"""
