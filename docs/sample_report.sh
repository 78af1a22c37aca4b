# Sourced by docs/render_*.sh: the tools check and the report of the bundled sample they picture.
#
#   needs TOOL...           stop with an error naming the first tool not installed
#   page_with WORDS [LINES] the first page of summary.pdf with a line starting with WORDS, among
#                           its first LINES lines (default: any line)
#   sample_report NAME.EXT  write `benchmark report --area Leicestershire -o NAME.EXT` from a copy
#                           of the sample (so that About names the file as a user would see it),
#                           in a temporary folder that is the current one until the script ends

docs=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$docs")
python=${PYTHON:-$root/.venv/bin/python}

needs() {
    local tool
    for tool in "$@"; do
        command -v "$tool" >/dev/null || { echo "Error: $tool not found; see the comment at the top of $0" >&2; exit 1; }
    done
}

sample_report() {
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    cd "$work"
    "$python" -m benchmark sample data >/dev/null 2>&1
    cd data
    "$python" -m benchmark report county_sample.xlsx --area Leicestershire -o "$1"
}

page_with() {
    local page pages
    pages=$(pdfinfo summary.pdf | awk '/^Pages:/ {print $2}')
    for page in $(seq 1 "$pages"); do
        if pdftotext -f "$page" -l "$page" summary.pdf - | head -n "${2:-1000000}" | grep -q "^ *$1"; then
            echo "$page"
            return
        fi
    done
    echo "Error: no page has a line starting '$1'" >&2
    exit 1
}
