"""The HTML report printed to PDF by a real headless browser (Chromium, as a user's "Save as
PDF"), read back with poppler: each section starts a page, a long table's header is repeated on
the pages it runs onto, and a chart stays on one page. Skipped, saying why, only where no
browser or no poppler is installed (.ci/run installs both)."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from conftest import invoke
from test_html import FOCUS, SECTIONS
from typer.testing import CliRunner

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def browser() -> str | None:
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> list[str]:
    """The text of each printed page."""
    program = browser()
    if program is None:
        pytest.skip(f"no headless browser to print with: install one of {', '.join(BROWSERS)} "
                    "(apt-get install chromium)")
    if not (shutil.which("pdftotext") and shutil.which("pdfinfo")):
        pytest.skip("pdftotext and pdfinfo not found: apt-get install poppler-utils")
    folder = tmp_path_factory.mktemp("pdf")
    page = folder / "compendium.html"
    result = invoke(CliRunner(), ["report", "--area", FOCUS, "-o", str(page)])
    assert result.exit_code == 0, result.stderr
    pdf = folder / "compendium.pdf"
    subprocess.run([program, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--user-data-dir={folder / 'profile'}", f"--print-to-pdf={pdf}", page.as_uri()],
                   check=True, capture_output=True, timeout=180)
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    count = int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    printed = text.split("\f")
    assert printed[-1].strip() == ""  # pdftotext ends every page with a form feed
    assert len(printed) - 1 == count
    assert "A4" in info or "841.89 x 595.28" in info or "842 x 595" in info  # A4 landscape
    return printed[:-1]


def first_line(page: str) -> str:
    return next((line.strip() for line in page.splitlines() if line.strip()), "")


def test_each_section_starts_a_page_in_order(pages: list[str]) -> None:
    assert first_line(pages[0]) == f"Benchmarking summary: {FOCUS}"
    starts = [number for section in SECTIONS for number, page in enumerate(pages)
              if first_line(page) == section]
    assert len(starts) == len(SECTIONS) and starts == sorted(starts) and starts[0] == 1
    # the title page, a page or more per section, and each chart on a page of its own
    assert len(SECTIONS) + 1 + 2 <= len(pages) <= 40


def test_a_long_table_repeats_its_header_on_every_page(pages: list[str]) -> None:
    starts = [number for number, page in enumerate(pages) if first_line(page) in ("Themes", "Quartiles")]
    themes = pages[starts[0]:starts[1]]
    assert len(themes) >= 3  # 135 rows do not fit on one A4 page
    for page in themes:
        header = next(line for line in page.splitlines() if line.strip().startswith("Theme "))
        assert header.split() == ["Theme", "Position", "Area", "Average", "rank", "Indicators"]


def test_each_chart_is_whole_on_one_page(pages: list[str]) -> None:
    [funding] = [page for page in pages if "Funding per head: Leicestershire is lowest of 27" in page]
    assert "Cumbria" in funding and "£864" in funding and "£677" in funding  # first and last bars
    assert "Source: county_sample.xlsx;" in funding
    [spend] = [page for page in pages if first_line(page).startswith("Performance against spend per head")]
    assert "High performance," in spend and "Low performance," in spend  # the corners, on two lines
    assert "North Yorkshire" in spend and FOCUS in spend  # the points' labels
