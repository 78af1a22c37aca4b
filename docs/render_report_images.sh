#!/usr/bin/env bash
# Pictures of the report workbook's main sheets, for docs/excel.md: docs/images/report_<sheet>.png.
#
#   bash docs/render_report_images.sh
#
# Builds `benchmark report --area Leicestershire` from the bundled sample, prints it to PDF with
# LibreOffice (headless; each sheet prints landscape, one page wide, as the workbook sets it) and
# turns the first page of each sheet into a PNG with poppler, trimmed of its blank margin.
# Needs: soffice (LibreOffice Calc) and pdfinfo/pdftoppm/pdftotext (poppler), e.g. on Debian/Ubuntu
#   apt-get install --no-install-recommends libreoffice-calc-nogui poppler-utils
# The pictures show LibreOffice's rendering (its fonts, not Calibri); Excel draws the same cells,
# formats and charts in its own style.
set -euo pipefail

. "$(dirname "$0")/sample_report.sh"
needs soffice pdfinfo pdftoppm pdftotext
sample_report summary.xlsx
soffice --headless --norestore "-env:UserInstallation=file://$work/profile" \
    --convert-to pdf --outdir . summary.xlsx >/dev/null 2>&1

render() {  # render NAME "Title the sheet's first page starts with"
    local page
    page=$(page_with "$2" 1)
    pdftoppm -png -r 120 -f "$page" -l "$page" -singlefile summary.pdf "page_$1"
    "$python" - "page_$1.png" "$docs/images/report_$1.png" <<'PY'
import sys
from PIL import Image, ImageChops

page = Image.open(sys.argv[1]).convert("RGB")
blank = Image.new("RGB", page.size, "white")
left, top, right, bottom = ImageChops.difference(page, blank).getbbox()
margin = 24
box = (max(0, left - margin), max(0, top - margin), min(page.width, right + margin),
       min(page.height, bottom + margin))
page.crop(box).save(sys.argv[2], optimize=True)
PY
    echo "Wrote docs/images/report_$1.png (page $page)"
}

render about "Benchmarking summary"
render league "League table of"
render quartiles "Quartiles:"
render dashboard "Dashboard for"
render funding "Funding per head:"
render spend "Performance against spend"
