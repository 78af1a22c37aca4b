"""Renderers: a :class:`TableView` in, a Rich table or text out. They never print."""

from benchmark.render.formats import OutputFormat, render_text, resolve_format
from benchmark.render.view import TableView

__all__ = ["OutputFormat", "TableView", "render_text", "resolve_format"]
