"""HTML: one self-contained page per document or table, readable without a script or a network
(inline CSS, charts as inline SVG), printing to clean A4 pages."""

from benchmark.render.html.page import document_html, table_html_page, write_document

__all__ = ["document_html", "table_html_page", "write_document"]
