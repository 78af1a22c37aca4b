#!/usr/bin/env bash
# Two printed pages of the HTML report, for docs/html.md:
# docs/images/report_html_dashboard.png and docs/images/report_html_funding.png.
#
#   bash docs/render_html_pages.sh
#
# Builds `benchmark report --area Leicestershire -o summary.html` from the bundled sample, prints it
# to PDF with headless Chromium (as a browser's "Save as PDF": A4 landscape, each section on a new
# page) and turns two pages into PNGs with poppler.
# Needs: chromium and pdfinfo/pdftoppm/pdftotext (poppler), e.g. on Debian/Ubuntu
#   apt-get install --no-install-recommends chromium poppler-utils
set -euo pipefail

. "$(dirname "$0")/sample_report.sh"
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || { echo "Error: no chromium found; see the comment at the top of $0" >&2; exit 1; }
needs pdfinfo pdftoppm pdftotext
sample_report summary.html
"$browser" --headless --no-sandbox --disable-gpu --no-pdf-header-footer "--user-data-dir=$work/profile" \
    --print-to-pdf=summary.pdf "file://$work/data/summary.html" >/dev/null 2>&1

render() {  # render NAME "Words a line of the page starts with"
    local page
    page=$(page_with "$2")
    pdftoppm -png -r 80 -f "$page" -l "$page" -singlefile summary.pdf "$docs/images/report_html_$1"
    echo "Wrote docs/images/report_html_$1.png (page $page)"
}

render dashboard "Dashboard for"
render funding "Funding per head: Leicestershire is"
