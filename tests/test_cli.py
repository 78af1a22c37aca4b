"""The command line: inputs (file, '-', piped), formats, files, errors, and API parity."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import HAND_DATA, HAND_INDICATORS, ROOT, invoke, run_process

import benchmark
from benchmark.render.plain import records

EXPECTED_CSV = (
    "position,area,average_rank,indicators,T1,T2\n"
    "1,B,2.3333333333333335,3,2.0,3.0\n"
    "1,C,2.3333333333333335,3,2.5,2.0\n"
    "3,A,2.6666666666666665,3,2.5,3.0\n"
    "4,D,3.0,2,5.0,1.0\n"
    "5,E,3.3333333333333335,3,2.5,5.0\n"
)


def test_rank_file_prints_csv_when_piped(cli, hand_args) -> None:
    result = invoke(cli, ["rank", *hand_args])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == EXPECTED_CSV
    assert "3 indicators in 2 themes" in result.stderr
    assert "ties share the best rank" in result.stderr


def test_rank_reads_stdin_with_dash(cli, hand_files) -> None:
    result = invoke(cli, ["rank", "-", "--indicators", str(hand_files["indicators"])], stdin=HAND_DATA)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == EXPECTED_CSV


def test_rank_reads_piped_stdin_in_a_real_process(hand_files) -> None:
    done = run_process(["rank", "-", "--indicators", str(hand_files["indicators"])], stdin=HAND_DATA)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode() == EXPECTED_CSV


def test_interactive_stdin_gets_a_usage_message_not_a_hang() -> None:
    controller, terminal = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "benchmark", "rank", "-"], stdin=terminal,
                              capture_output=True, timeout=60, check=False)
    finally:
        os.close(controller)
        os.close(terminal)
    assert done.returncode == 2
    assert b"nothing is piped in" in done.stderr


@pytest.mark.parametrize(
    ("fmt", "check"),
    [
        ("tsv", lambda out: out.splitlines()[1] == "1\tB\t2.3333333333333335\t3\t2.0\t3.0"),
        ("markdown", lambda out: out.splitlines()[2].startswith("|          1 | B")
         and "2.33" in out.splitlines()[2]),
        ("table", lambda out: "League table of 5 areas" in out and "2.33" in out),
    ],
)
def test_formats(cli, hand_args, fmt: str, check) -> None:
    result = invoke(cli, ["rank", *hand_args, "-f", fmt])
    assert result.exit_code == 0, result.stderr
    assert check(result.stdout), result.stdout
    assert "\x1b[" not in result.stdout


def test_json_equals_the_python_api(cli, hand_args, hand_files) -> None:
    result = invoke(cli, ["rank", *hand_args, "-f", "json"])
    dataset = benchmark.read_dataset(hand_files["data"], indicators=hand_files["indicators"],
                                     areas=hand_files["areas"])
    api = benchmark.rank(benchmark.select(dataset))
    assert json.loads(result.stdout) == records(api.table)
    assert json.loads(result.stdout)[3] == {"position": 4, "area": "D", "average_rank": 3.0,
                                            "indicators": 2, "T1": 5.0, "T2": 1.0}


def test_detail_rows(cli, hand_args) -> None:
    result = invoke(cli, ["rank", *hand_args, "--detail", "-f", "csv"])
    lines = result.stdout.splitlines()
    assert lines[0] == "indicator,theme,period,area,value,rank,n"
    assert lines[1:6] == ["I1,T1,2018,E,30.0,1,5", "I1,T1,2018,B,20.0,2,5", "I1,T1,2018,C,20.0,2,5",
                          "I1,T1,2018,A,10.0,4,5", "I1,T1,2018,D,5.0,5,5"]
    assert "I2,T1,2018,D,,,4" in lines
    assert not any(line.startswith("I4,") for line in lines)


def test_missing_values_are_empty_in_csv_and_null_in_json(cli, hand_args) -> None:
    result = invoke(cli, ["rank", *hand_args, "--detail", "-f", "json"])
    row = next(r for r in json.loads(result.stdout) if r["indicator"] == "I2" and r["area"] == "D")
    assert row == {"indicator": "I2", "theme": "T1", "period": "2018", "area": "D", "value": None,
                   "rank": None, "n": 4}


def test_output_file_takes_format_from_suffix(cli, hand_args, tmp_path: Path) -> None:
    target = tmp_path / "league.json"
    result = invoke(cli, ["rank", *hand_args, "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert json.loads(target.read_text())[0]["area"] == "B"
    assert f"Wrote 5 rows to {target}" in result.stderr
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".league.json")]


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_one_row_written_is_one_row(cli, tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"fg.{suffix}"
    result = invoke(cli, ["funding-gap", "--area", "Leicestershire", "--vs", "Surrey", "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.endswith(f"Wrote 1 row to {target}\n")


def test_output_to_unknown_suffix_is_a_usage_error(cli, hand_args, tmp_path: Path) -> None:
    for name, message in [("out.xyz", "cannot tell the format")]:
        result = invoke(cli, ["rank", *hand_args, "-o", str(tmp_path / name)])
        assert result.exit_code == 2
        assert message in result.stderr
        assert not (tmp_path / name).exists()


def test_output_over_an_input_is_refused_and_the_input_survives(cli, hand_args, hand_files) -> None:
    before = hand_files["data"].read_text()
    result = invoke(cli, ["rank", *hand_args, "-o", str(hand_files["data"])])
    assert result.exit_code == 2
    assert "that is an input file" in result.stderr
    assert hand_files["data"].read_text() == before


def test_failed_write_keeps_the_previous_output(cli, hand_args, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "league.csv"
    target.write_text("previous\n")

    import benchmark.core.output as output

    monkeypatch.setattr(output.os, "fdopen", lambda *a, **k: _FailingFile())
    result = invoke(cli, ["rank", *hand_args, "-o", str(target)])
    assert result.exit_code == 1
    assert f"Error: cannot write {target} (No space left on device)" in result.stderr
    assert target.read_text() == "previous\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".league")] == []


class _FailingFile:
    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        return None

    def write(self, text: str) -> None:
        raise OSError(28, "No space left on device")

    def tell(self) -> int:
        return 0

    def close(self) -> None:
        return None


def test_no_source_ranks_the_bundled_sample(cli) -> None:
    result = invoke(cli, ["rank"])
    assert result.exit_code == 0, result.stderr
    assert "bundled sample" in result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("position,area,average_rank,indicators,")
    assert len(lines) == 1 + 27


def test_focus_area_is_highlighted_and_unknown_area_suggests(cli, hand_args) -> None:
    ok = invoke(cli, ["rank", *hand_args, "--area", "b", "-f", "table"])
    assert ok.exit_code == 0
    wrong = invoke(cli, ["rank", "--area", "Leicestershir"])
    assert wrong.exit_code == 2
    assert "did you mean 'Leicestershire'" in wrong.stderr


def test_unreadable_value_names_file_row_and_column(cli, tmp_path: Path) -> None:
    source = tmp_path / "bad.csv"
    source.write_text("area,indicator,value,polarity\nA,X,1,high\nB,X,lots,high\nC,X,3,high\n")
    result = invoke(cli, ["rank", str(source)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(
        f"Error: {source}, row 3, column C (value): cannot read 'lots' as a number")
    assert "Traceback" not in result.stderr
    lenient = invoke(cli, ["rank", str(source), "--lenient"])
    assert lenient.exit_code == 0
    assert "1 unreadable value treated as missing (--lenient)" in lenient.stderr
    assert lenient.stdout.splitlines() == ["position,area,average_rank,indicators,(no theme)",
                                         "1,C,1.0,1,1.0", "2,A,2.0,1,2.0", ",B,,0,"]


def test_debug_shows_the_traceback(cli, tmp_path: Path) -> None:
    source = tmp_path / "bad.csv"
    source.write_text("area,indicator,value\nA,X,lots\n")
    result = invoke(cli, ["rank", str(source), "--debug"])
    assert isinstance(result.exception, benchmark.DataError)
    done = run_process(["rank", str(source), "--debug"])
    assert b"Traceback" in done.stderr


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["rank", "no/such/file.csv"], 2, "no/such/file.csv: no such file"),
        (["rank", "--theme", "Nope"], 2, "--theme Nope: no such theme"),
        (["rank", "--period", "1850"], 2, "--period 1850: no such period"),
        (["rank", "--group", "region=Mars"], 2, "no area has region = 'Mars'"),
        (["rank", "--ties", "sideways"], 2, "sideways"),
    ],
)
def test_usage_errors(cli, args: list[str], code: int, message: str) -> None:
    result = invoke(cli, args)
    assert result.exit_code == code
    assert message in result.stderr
    assert result.stdout == ""


def test_unknown_polarity_names_the_value_and_row(cli, tmp_path: Path) -> None:
    indicators = tmp_path / "ind.csv"
    indicators.write_text("indicator,theme,polarity\nI1,T1,high\nI2,T1,sideways\n")
    data = tmp_path / "data.csv"
    data.write_text(HAND_DATA)
    result = invoke(cli, ["rank", str(data), "--indicators", str(indicators)])
    assert result.exit_code == 1
    assert f"{indicators}, row 3, column C (polarity): unknown polarity 'sideways'" in result.stderr


def test_validate_exit_codes(cli, hand_args, tmp_path: Path) -> None:
    clean = invoke(cli, ["validate", *hand_args])
    assert clean.exit_code == 0, clean.stderr
    assert clean.stdout == "severity,kind,problem\n"

    messy = tmp_path / "messy.csv"
    messy.write_text("area,indicator,period,value\nKent,X,2018,1\nKent County Council,X,2018,2\n"
                     "Kent,X,2018,3\nEssex,X,2018,oops\n")
    result = invoke(cli, ["validate", str(messy), "-f", "json"])
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    kinds = [(p["severity"], p["kind"]) for p in problems]
    assert kinds == [("error", "value"), ("error", "duplicate"), ("warning", "metadata"),
                     ("warning", "metadata"), ("warning", "name")]
    assert "'Kent', 'X', period '2018' appears with different values (row 2: 1, row 4: 3)" in \
        problems[1]["problem"]
    assert "'Kent' and 'Kent County Council' look like the same area" in problems[4]["problem"]

    warnings_only = tmp_path / "warn.csv"
    warnings_only.write_text("area,indicator,value\nKent,X,1\nEssex,X,2\n")
    result = invoke(cli, ["validate", str(warnings_only)])
    assert result.exit_code == 0
    assert "has no polarity" in result.stdout


def test_sample_writes_workbook_and_templates_without_overwriting(cli, tmp_path: Path) -> None:
    result = invoke(cli, ["sample", str(tmp_path / "out")])
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["county_sample.xlsx", "template.xlsx", "template_areas.csv",
                     "template_data.csv", "template_indicators.csv", "template_targets.csv"]
    assert (tmp_path / "out" / "template_data.csv").read_text() == "area,area_code,indicator,period,value\n"
    from openpyxl import load_workbook

    template = load_workbook(tmp_path / "out" / "template.xlsx")
    assert template.sheetnames == ["data", "indicators", "areas", "targets"]
    assert [cell.value for cell in template["data"][1]] == ["area", "area_code", "indicator", "period",
                                                           "value"]
    assert template["data"]["A1"].font.bold and template["targets"].freeze_panes == "A2"
    assert [template[name].max_row for name in template.sheetnames] == [1, 1, 1, 1]
    again = invoke(cli, ["sample", str(tmp_path / "out")])
    assert again.exit_code == 2 and "already exist" in again.stderr
    assert invoke(cli, ["sample", str(tmp_path / "out"), "--force"]).exit_code == 0
    ranked = invoke(cli, ["rank", str(tmp_path / "out" / "county_sample.xlsx")])
    assert ranked.stdout == invoke(cli, ["rank"]).stdout


def test_version_help_and_python_dash_m(cli) -> None:
    version = invoke(cli, ["--version"])
    assert version.stdout.strip() == f"benchmark {benchmark.__version__}"
    for command in ([], ["rank"], ["validate"], ["sample"]):
        for flag in ("-h", "--help"):
            result = invoke(cli, [*command, flag])
            assert result.exit_code == 0 and "Usage" in result.stdout
    done = run_process(["--help"])
    assert done.returncode == 0 and b"rank" in done.stdout


def test_head_ends_quietly(tmp_path: Path) -> None:
    rows = ["area,indicator,value,polarity"]
    rows += [f"area{a},ind{i},{(a * 7 + i) % 13},high" for a in range(60) for i in range(60)]
    source = tmp_path / "big.csv"
    source.write_text("\n".join(rows) + "\n")
    script = (f'"{sys.executable}" -m benchmark rank --detail "{source}" | head -3; '
              'echo "status=${PIPESTATUS[0]}" >&2')
    done = subprocess.run(["bash", "-c", script], capture_output=True, timeout=120, check=False)
    assert len(done.stdout.decode().splitlines()) == 3
    errors = done.stderr.decode()
    assert "status=0" in errors
    assert "Traceback" not in errors and "BrokenPipe" not in errors


def test_interrupt_exits_130_without_traceback(cli, hand_args, monkeypatch) -> None:
    def interrupted(*args, **kwargs):  # noqa: ANN002, ANN003
        raise KeyboardInterrupt

    monkeypatch.setattr("benchmark.io.read_dataset", interrupted)
    result = invoke(cli, ["rank", *hand_args])
    assert result.exit_code == 130
    assert "Traceback" not in result.stderr


def test_readme_and_ci_share_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text()
    blocks = readme.split("```sh\n")[1:3]
    setup, tests = (block.split("\n```")[0].strip() for block in blocks)
    ci_lines = (ROOT / ".ci" / "run").read_text().splitlines()
    assert setup in ci_lines and tests in ci_lines
    assert "benchmark rank" in setup and "pytest" in tests


def test_indicators_file_can_be_the_only_metadata(cli, tmp_path: Path) -> None:
    data = tmp_path / "d.tsv"
    data.write_text(HAND_DATA.replace(",", "\t"))
    ind = tmp_path / "i.csv"
    ind.write_text(HAND_INDICATORS)
    result = invoke(cli, ["rank", str(data), "--indicators", str(ind)])
    assert result.stdout == EXPECTED_CSV


def test_validate_warns_of_blank_polarity_and_period_spellings(cli, tmp_path: Path) -> None:
    data = tmp_path / "d.csv"
    data.write_text("area,indicator,period,value\nKent,Jobs,2017/18,1\nEssex,Jobs,2017-18,2\n"
                    "Kent,Pay,2017/18,3\n")
    indicators = tmp_path / "i.csv"
    indicators.write_text("indicator,theme,polarity\nJobs,,\nPay,Economy,high\n")
    result = invoke(cli, ["validate", str(data), "--indicators", str(indicators), "-f", "json"])
    problems = [p["problem"] for p in json.loads(result.stdout)]
    assert result.exit_code == 0
    assert "indicator 'Jobs' has no polarity, so it is not ranked; give it high, low or none in the " \
        "indicators sheet" in problems
    assert "indicator 'Jobs' has no theme; give it one in the indicators sheet" in problems
    # one indicator, one period in two spellings, values of different areas: they agree
    assert "indicator 'Jobs' writes one period as '2017/18' and '2017-18'; their values agree, so " \
        "they are read as '2017/18'" in problems
    assert "1 error, " not in result.stderr and "0 errors, 3 warnings" in result.stderr


@pytest.mark.parametrize("command", [
    ["rank"], ["validate"], ["quartiles"], ["trend", "--area", "A"], ["dashboard", "--area", "A"],
    ["quadrants"], ["report", "--area", "A", "-o", "REPORT"],
])
def test_every_command_reading_data_honours_max_cells(cli, hand_args, tmp_path: Path, command) -> None:
    command = [str(tmp_path / "r.xlsx") if part == "REPORT" else part for part in command]
    result = invoke(cli, [*command, *hand_args, "--max-cells", "5"])
    assert result.exit_code == 1
    assert "more than the limit of 5 cells" in result.stderr
    assert not (tmp_path / "r.xlsx").exists()


def test_max_cells_reads_a_number_as_the_data_does(cli, hand_args) -> None:
    # HAND_DATA is 21 lines of 4 columns: 84 cells
    assert invoke(cli, ["rank", *hand_args, "--max-cells", "84"]).exit_code == 0
    assert "more than the limit of 83 cells" in invoke(cli, ["rank", *hand_args, "--max-cells", "83"]).stderr
    assert invoke(cli, ["rank", *hand_args, "--max-cells", "5,000,000"]).exit_code == 0
    for wrong, words in [("1.5", "'1.5' is not a whole number of at least 1"),
                         ("0", "'0' is not a whole number of at least 1"),
                         ("lots", "cannot read 'lots' as a number; give a number such as 5,000,000")]:
        result = invoke(cli, ["rank", *hand_args, "--max-cells", wrong])
        assert result.exit_code == 2 and result.stdout == ""
        assert f"Invalid value for '--max-cells': {words}" in " ".join(result.stderr.replace("│", "").split())
