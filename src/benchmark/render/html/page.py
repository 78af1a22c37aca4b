"""Whole pages: a document of sections (the report), or one command's table. Everything is
inline (styles, charts as SVG): the page makes no request of any kind and needs no script.
Every text from the data is escaped; a name like '=SUM(A1)' shows as written."""

from __future__ import annotations

from html import escape
from pathlib import Path
from string import Template

from benchmark.render.html.figures import section_figures
from benchmark.render.html.styles import STYLES
from benchmark.render.html.tables import table_html
from benchmark.render.plan import Document, Section
from benchmark.render.view import TableView

_PAGE = Template("""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="$author">
<title>$title</title>
<style>
$styles</style>
</head>
<body>
$body
</body>
</html>
""")


def document_html(document: Document) -> str:
    """The document as one page: a title, a list of its sections, then each section in turn
    (each starting a new printed page)."""
    created = document.created.isoformat(timespec="seconds")
    contents = "\n".join(f'<li><a href="#{_anchor(section.name)}">{escape(section.name)}</a></li>'
                         for section in document.sections)
    header = (f'<header>\n<h1>{escape(document.title)}</h1>\n<p class="caption">{escape(document.author)}'
              f' · generated {escape(created)}</p>\n<nav aria-label="Sections">\n<h2>Sections</h2>\n'
              f"<ol>\n{contents}\n</ol>\n</nav>\n</header>")
    sections = [_section_html(section, document.source) for section in document.sections]
    return _page(document.title, document.author, "\n".join([header, *sections]))


def table_html_page(view: TableView, author: str = "benchmark") -> str:
    """One command's table as a page of its own, in the report's styles."""
    return _page(view.title, author, f"<main>\n{table_html(view, heading='h1')}\n</main>")


def write_document(document: Document, path: Path) -> None:
    """The document's page written to ``path`` atomically (the previous file survives a failure)."""
    from benchmark.core.output import write_text_atomic

    write_text_atomic(path, document_html(document))


def _page(title: str, author: str, body: str) -> str:
    return _PAGE.substitute(title=escape(title), author=escape(author), styles=STYLES, body=body)


def _section_html(section: Section, source: str) -> str:
    parts = [f'<section id="{_anchor(section.name)}" aria-labelledby="{_anchor(section.name)}-title">',
             f'<h2 id="{_anchor(section.name)}-title">{escape(section.name)}</h2>']
    figures = section_figures(section, source)
    for number, view in enumerate(section.tables):
        parts.append(table_html(view))
        if section.chart is not None and number == section.chart.table:  # the chart under its table
            parts += figures
    parts.append("</section>")
    return "\n".join(parts)


def _anchor(name: str) -> str:
    return "section-" + "-".join("".join(c if c.isalnum() else " " for c in name.lower()).split())
