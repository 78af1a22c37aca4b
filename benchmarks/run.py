"""Measure `benchmark` against baselines on this machine, side by side in one run.

Run:  python benchmarks/run.py [--sizes help,sample,report,workbook,1m,10m,areas] [--repeats 5]

Generated data is cached in benchmarks/.data/ (ignored by git). Every goal is a ratio against a
baseline measured in the same run, with runs interleaved so that a noisy neighbour slows both
sides alike; the figures printed are medians. Peak memory is the child's maximum resident set
size (os.wait4). DuckDB is a benchmark-only dependency: pip install -e '.[bench]'.

Goals (issue 7): --help and --version <= 1.2x a minimal Typer app's --help; `benchmark rank` on
the sample <= 1.2x `python -c "import pandas, rich, typer"`; reading a 400x2000 workbook <= 1.2x a
bare pandas.read_excel(engine="calamine"); ranking 10M rows with --period all <= 1.0x DuckDB's
time for the same job, identical positions, peak memory <= 1.5x DuckDB's. Issue 17: each command
grows near-linearly from 1,000 to 10,000 areas (--sizes areas).

benchmark pauses Python's cyclic collector while it starts up and freezes what it loaded
(src/benchmark/cli/collector.py), which a bare import does not. Rows marked "like for like" time
the same baseline doing so too, to show what is left of our own work; they are not goals.
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / ".data"
SOURCES = HERE.parent / "src"  # time this checkout's code, whatever copy is installed
PYTHON = sys.executable
BENCHMARK = [PYTHON, "-m", "benchmark"]
THEMES = 10


# --- data ---------------------------------------------------------------------------------


def indicators_file(count: int) -> Path:
    path = DATA / f"indicators_{count}.csv"
    if not path.exists():
        with path.open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["indicator", "theme", "polarity"])
            for index in range(count):
                writer.writerow([f"ind{index:04d}", f"Theme {index % THEMES}",
                                 "high" if index % 2 == 0 else "low"])
    return path


def long_csv(areas: int, indicators: int, periods: int) -> Path:
    """areas x indicators x periods rows; integer-ish values (many ties), 5% missing."""
    import numpy as np
    import pandas as pd

    rows = areas * indicators * periods
    path = DATA / f"long_{areas}x{indicators}x{periods}.csv"
    if path.exists():
        return path
    rng = np.random.default_rng(20181127)
    chunk_periods = max(1, 1_000_000 // (areas * indicators))
    with path.open("w", newline="") as handle:
        handle.write("area,indicator,period,value\n")
        for start in range(0, periods, chunk_periods):
            count = min(chunk_periods, periods - start)
            size = areas * indicators * count
            values = rng.integers(0, 200, size).astype("float64") / 2  # halves: ties are common
            values[rng.random(size) < 0.05] = np.nan
            frame = pd.DataFrame({
                "area": np.tile(np.repeat([f"Area {a:03d}" for a in range(areas)], indicators), count),
                "indicator": np.tile([f"ind{i:04d}" for i in range(indicators)], areas * count),
                "period": np.repeat([str(2010 + start + p) for p in range(count)], areas * indicators),
                "value": values,
            })
            frame.to_csv(handle, header=False, index=False, lineterminator="\n")
    print(f"  generated {path.name}: {rows:,} rows", file=sys.stderr)
    return path


def wide_workbook(areas: int, indicators: int) -> Path:
    path = DATA / f"wide_{areas}x{indicators}.xlsx"
    if path.exists():
        return path
    import numpy as np
    from openpyxl import Workbook

    rng = np.random.default_rng(400)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("data")
    sheet.append(["area", *(f"ind{i:04d}" for i in range(indicators))])
    for area in range(areas):
        sheet.append([f"Area {area:03d}", *rng.integers(0, 1000, indicators).tolist()])
    workbook.save(path)
    print(f"  generated {path.name}", file=sys.stderr)
    return path


def minimal_typer_app(collector_paused: bool = False) -> Path:
    """A one-option Typer app; ``collector_paused``: handling Python's collector as benchmark's
    main() does (paused while it starts up, what is loaded frozen before exit), like for like."""
    app = ("import typer\n\napp = typer.Typer()\n\n\n@app.command()\n"
           "def main(name: str = 'x') -> None:\n    print(name)\n\n\n")
    if collector_paused:
        path = DATA / "minimal_typer_paused.py"
        path.write_text("import gc\n\ngc.disable()\n" + app + "if __name__ == '__main__':\n"
                        "    try:\n        app()\n    finally:\n        gc.freeze()\n")
    else:
        path = DATA / "minimal_typer.py"
        path.write_text(app + "if __name__ == '__main__':\n    app()\n")
    return path


# --- measuring ----------------------------------------------------------------------------


def run_child(command: list[str]) -> tuple[float, float]:
    """Wall time (s) and peak resident memory (MiB) of one child process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}\n"
                         f"{process.stderr.read().decode() if process.stderr else ''}")
    return elapsed, usage.ru_maxrss / 1024


def compare(name: str, ours: list[str] | Callable[[], None], baseline: list[str] | Callable[[], None],
            repeats: int, goal: float | None, baseline_name: str) -> dict[str, object]:
    """Interleave runs of ours and the baseline; report medians, the ratio and peak memory
    (``goal`` None: a comparison shown for information, not one of issue 7's goals)."""
    times: dict[str, list[float]] = {"ours": [], "base": []}
    memory: dict[str, float] = {"ours": 0.0, "base": 0.0}
    for job in (ours, baseline):  # warm-up: caches, compiled bytecode
        job() if callable(job) else run_child(job)
    for _ in range(repeats):
        for key, job in (("ours", ours), ("base", baseline)):
            if callable(job):
                start = time.perf_counter()
                job()
                times[key].append(time.perf_counter() - start)
            else:
                elapsed, peak = run_child(job)
                times[key].append(elapsed)
                memory[key] = max(memory[key], peak)
    ours_median, base_median = statistics.median(times["ours"]), statistics.median(times["base"])
    ratio = ours_median / base_median
    met = None if goal is None else ratio <= goal
    row = {"job": name, "ours_s": ours_median, "baseline": baseline_name, "baseline_s": base_median,
           "ratio": ratio, "goal": goal, "met": met,
           "ours_mib": memory["ours"], "baseline_mib": memory["base"]}
    verdict = "(not a goal)" if met is None else f"(goal <= {goal}) {'met' if met else 'NOT met'}"
    print(f"{name:<34} {ours_median:8.3f} s  vs {baseline_name:<28} {base_median:8.3f} s  "
          f"ratio {ratio:5.2f} {verdict}"
          + (f"  peak {memory['ours']:.0f} MiB vs {memory['base']:.0f} MiB" if memory["ours"] else ""))
    return row


# --- the jobs -----------------------------------------------------------------------------


DUCKDB_JOB = """
import sys, duckdb
data, indicators, out = sys.argv[1:4]
duckdb.sql(f'''
COPY (
  WITH obs AS (
    SELECT o.area, o.indicator, o.period, o.value, i.theme, i.polarity
    FROM read_csv('{data}', header=true, columns={{'area':'VARCHAR','indicator':'VARCHAR',
                  'period':'VARCHAR','value':'DOUBLE'}}) o
    JOIN read_csv('{indicators}', header=true) i USING (indicator)
    WHERE o.value IS NOT NULL AND i.polarity IN ('high', 'low')),
  ranked AS (
    SELECT *, rank() OVER (PARTITION BY indicator, period
                           ORDER BY CASE WHEN polarity = 'high' THEN -value ELSE value END) AS r
    FROM obs),
  themes AS (SELECT period, area, theme, avg(r) AS theme_rank FROM ranked GROUP BY ALL),
  overall AS (SELECT period, area, avg(r) AS average_rank, count(*) AS indicators
              FROM ranked GROUP BY ALL)
  SELECT period, rank() OVER (PARTITION BY period ORDER BY round(average_rank, 9)) AS position,
         area, average_rank, indicators
  FROM overall ORDER BY period, position, area
) TO '{out}' (HEADER, DELIMITER ',')''')
"""


def positions(path: Path) -> dict[tuple[str, str], str]:
    with path.open() as handle:
        return {(row["period"], row["area"]): row["position"] for row in csv.DictReader(handle)}


def scale_job(rows: str, repeats: int) -> dict[str, object]:
    periods = 1 if rows == "1m" else 10
    data, indicators = long_csv(500, 2000, periods), indicators_file(2000)
    ours_out, duck_out = DATA / f"ours_{rows}.csv", DATA / f"duckdb_{rows}.csv"
    script = DATA / "duckdb_job.py"
    script.write_text(DUCKDB_JOB)
    # 10M rows of 4 columns is over the default limit of 5,000,000 cells: raise it, as a user would.
    ours = [*BENCHMARK, "rank", str(data), "--indicators", str(indicators), "--period", "all",
            "--format", "csv", "-o", str(ours_out), "--max-cells", str(5 * 500 * 2000 * periods)]
    duck = [PYTHON, str(script), str(data), str(indicators), str(duck_out)]
    goal = 1.0 if rows == "10m" else None  # issue 7's goal is the 10M-row job; 1M shows how it scales
    row = compare(f"rank {rows} rows --period all", ours, duck, repeats, goal, "DuckDB, same job")
    agree = positions(ours_out) == positions(duck_out)
    print(f"{'':<34} positions identical to DuckDB's: {agree}")
    row["positions_identical"] = agree
    return row


def many_areas(areas: int) -> tuple[Path, Path]:
    """A long CSV of ``areas`` areas x 8 indicators in 2 themes, and an areas file with their
    spend per head, population and funding per head (issue 17's slow paths had 10,000 areas)."""
    data, places = DATA / f"areas_{areas}.csv", DATA / f"areas_{areas}_meta.csv"
    if not data.exists():
        with data.open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["area", "indicator", "value", "polarity", "theme"])
            for area in range(areas):
                for indicator in range(8):
                    value = (area * 37 + indicator * 11) % 997
                    writer.writerow([f"Area {area:05d}", f"ind{indicator}", value,
                                     "high" if indicator % 2 else "low", f"Theme {indicator % 2}"])
        with places.open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["area", "spend_per_head", "population", "funding_per_head"])
            for area in range(areas):
                writer.writerow([f"Area {area:05d}", 500 + area % 700, 10_000 + area, 600 + area % 500])
    return data, places


def growth_job(repeats: int) -> list[dict[str, object]]:
    """Each command on 1,000 and 10,000 areas: near-linear growth means the 10k run takes about
    ten times the 1k run's own work, or less (start-up, the same for both, is not subtracted)."""
    rows = []
    for name, command in (("rank", ["rank", "{data}", "-f", "csv"]),
                          ("import", ["import", "{data}", "-o", str(DATA / "imported.xlsx")]),
                          ("quadrants", ["quadrants", "{data}", "--areas", "{places}", "-f", "csv"]),
                          ("funding-gap", ["funding-gap", "{places}", "--area", "Area 00001", "-f", "csv"]),
                          ("report", ["report", "{data}", "--areas", "{places}", "--area", "Area 00001",
                                      "-o", str(DATA / "report.xlsx")])):
        times = {}
        for areas in (1_000, 10_000):
            data, places = many_areas(areas)
            args = [arg.format(data=data, places=places) for arg in command]
            times[areas] = statistics.median(run_child([*BENCHMARK, *args])[0] for _ in range(repeats))
        growth = times[10_000] / times[1_000]
        print(f"{name + ' 1k -> 10k areas':<34} {times[1_000]:6.2f} s -> {times[10_000]:6.2f} s  "
              f"x{growth:4.1f} (linear: at most x10)")
        rows.append({"name": f"{name} 1k -> 10k areas", "met": growth <= 10, "growth": growth})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="help,sample,report,workbook,1m",
                        help="comma-separated: help, sample, report, workbook, 1m, 10m, areas")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    # Measure as users run it: with compiled bytecode cached (some sandboxes turn that off).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SOURCES), os.environ.get("PYTHONPATH")]))
    sys.path.insert(0, str(SOURCES))
    DATA.mkdir(exist_ok=True)
    sizes = args.sizes.split(",")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, medians of {args.repeats} "
          f"interleaved runs, benchmark from {SOURCES}", file=sys.stderr)
    rows = []
    typer_app = minimal_typer_app()
    if "help" in sizes:
        typer_help = [PYTHON, str(typer_app), "--help"]
        for args_ in (["--help"], ["rank", "--help"], ["--version"]):
            rows.append(compare(f"benchmark {' '.join(args_)}", [*BENCHMARK, *args_], typer_help,
                                args.repeats, 1.2, "minimal Typer app --help"))
        # benchmark pauses Python's collector while it starts up (src/benchmark/cli/collector.py);
        # the same baseline doing so too shows what is left of our own work.
        rows.append(compare("benchmark --help, like for like", [*BENCHMARK, "--help"],
                            [PYTHON, str(minimal_typer_app(collector_paused=True)), "--help"],
                            args.repeats, None, "the same, collector paused"))
    floor = [PYTHON, "-c", "import pandas, rich, typer"]
    if "sample" in sizes:
        rows.append(compare("benchmark rank (bundled sample)", [*BENCHMARK, "rank"], floor, args.repeats,
                            1.2, "import pandas, rich, typer"))
        paused_floor = "import gc; gc.disable(); import pandas, rich, typer; gc.freeze()"
        rows.append(compare("rank (sample), like for like", [*BENCHMARK, "rank"],
                            [PYTHON, "-c", paused_floor], args.repeats, None, "the same, collector paused"))
    if "report" in sizes:
        data, indicators = long_csv(27, 212, 2), indicators_file(212)
        rows.append(compare("benchmark rank 27x212x2 CSV", [*BENCHMARK, "rank", str(data), "--indicators",
                            str(indicators)], floor, args.repeats, 1.2, "import pandas, rich, typer"))
    if "workbook" in sizes:
        import pandas as pd

        from benchmark import read_dataset

        book = wide_workbook(400, 2000)
        rows.append(compare("read 400x2000 workbook", lambda: read_dataset(book),
                            lambda: pd.read_excel(book, engine="calamine"), args.repeats, 1.2,
                            "pandas.read_excel(calamine)"))
    if "areas" in sizes:
        rows += growth_job(max(1, args.repeats // 2))
    for size in ("1m", "10m"):
        if size in sizes:
            rows.append(scale_job(size, max(1, args.repeats // (1 if size == "1m" else 2))))
    if not all(row["met"] is not False for row in rows):
        print("some goals not met (see above)", file=sys.stderr)


if __name__ == "__main__":
    main()
