"""The pages' styles: quiet tables that read on a screen and print on A4 landscape, each section
on a new page, table headers repeated on every printed page, no chart cut in two. The meanings'
colours (quartiles, directions, flags, the focus row) come from :mod:`benchmark.render.meanings`."""

from __future__ import annotations

from benchmark.render.meanings import DIRECTIONS, FLAGS, FOCUS_ROW_FILL, QUARTILES, css

_BASE = """\
:root { color: #222; background: #fff; }
body { font: 10.5pt/1.4 "DejaVu Sans", "Segoe UI", Arial, sans-serif; margin: 1.5rem auto;
  max-width: 75rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
h2 { font-size: 1.3rem; margin: 0 0 .6rem; border-bottom: 2px solid #1f4e79; color: #1f4e79; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .2rem; }
section { margin-top: 2.5rem; }
.caption { color: #595959; font-style: italic; margin: 0 0 .5rem; }
.warning { color: #9c5700; margin: 0 0 .5rem; }
table { border-collapse: collapse; margin: .3rem 0 1rem; font-size: 9pt; }
th, td { padding: .15rem .5rem; border-bottom: 1px solid #ddd; vertical-align: top; text-align: left; }
thead th { background: #d9e1f2; border-bottom: 1px solid #808080; vertical-align: bottom; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.focus td { font-weight: bold; }
figure.chart { margin: 1rem 0; }
figure.chart svg { max-width: 100%; height: auto; display: block; }
figcaption { color: #595959; font-size: 9pt; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 9.5pt; }
  section { break-before: page; margin-top: 0; }
  thead { display: table-header-group; }
  tr, figure.chart, h3 + .caption { break-inside: avoid; }
  h2, h3, .caption { break-after: avoid; }
  figure.chart { break-before: page; }
  figure.chart svg { max-height: 175mm; width: auto; }
  nav a { color: inherit; text-decoration: none; }
}
"""


def css_class(word: str) -> str:
    """A meaning's word as a class name: 'no change' -> 'no-change'."""
    return word.replace(" ", "-")


def _meanings() -> str:
    rules = [f"tr.focus td {{ background: {css(FOCUS_ROW_FILL)}; }}"]
    rules += [f"td.q{number} {{ background: {css(band.fill)}; color: {css(band.text)};"
              f"{' font-weight: bold;' if band.bold else ''} text-align: center; }}"
              for number, band in QUARTILES.items()]
    rules += [f"td.{css_class(word)} {{ color: {css(direction.colour)};"
              f"{' font-weight: bold;' if direction.strong else ''} white-space: nowrap; }}"
              for word, direction in DIRECTIONS.items()]
    rules += [f"td.{css_class(word)} {{ background: {css(flag.fill)}; color: {css(flag.text)}; }}"
              for word, flag in FLAGS.items()]
    rules.append("@media print { td, tr.focus td { -webkit-print-color-adjust: exact; "
                 "print-color-adjust: exact; } }")
    return "\n".join(rules) + "\n"


STYLES = _BASE + _meanings()
