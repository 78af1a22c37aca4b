"""Hostile and broken input, end to end: the real CLI in a child process on each file that
generate.py builds, under a memory limit and a time limit.

Every case must end with exit 1 (bad data) or 2 (bad usage), one line on stderr that starts
with 'Error:' and names the problem, nothing on stdout, and no file written.

The child's address space is capped (RLIMIT_AS) at MEMORY_LIMIT. A normal run needs far less:
``benchmark rank`` on the bundled sample starts failing below about 175 MiB of address space, and
a long CSV of 4.8 million cells below about 440 MiB (measured by bisecting RLIMIT_AS; see
docs/security.md). BLAS thread pools are pinned to one
thread, so that the address space a run needs does not grow with the machine's cores.
"""

from __future__ import annotations

import ctypes
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from generate import GOOD_CSV, build, files
from typer.testing import CliRunner

from benchmark.cli import app

MEMORY_LIMIT = 1024 * 1024**2  # bytes of address space for each child
TIME_LIMIT = 60  # seconds: a guard against hangs, not a measure of speed


@dataclass(frozen=True)
class Case:
    file: str  # a name generate.build writes, or a path of its own (/dev/zero, missing.csv)
    code: int
    words: tuple[str, ...]  # each must appear in the one line of stderr
    command: tuple[str, ...] = ("rank",)
    options: tuple[str, ...] = ()
    env: tuple[tuple[str, str], ...] = ()
    stdin: bytes | None = None
    output: bool = True  # also ask for -o OUT/result.csv, and check nothing is written
    process: bool = True  # False: in process (CliRunner), for plain content errors in small CSVs

    @property
    def id(self) -> str:
        return ascii(self.file).strip("'") + ("-" + "-".join(self.options) if self.options else "")


CASES = [
    # not what it says
    Case("empty.xlsx", 1, ("empty.xlsx: the file is empty", "a header row")),
    Case("empty.csv", 1, ("empty.csv: the file is empty",), command=("validate",)),
    Case("blank_lines.csv", 1, ("the file is empty",)),
    Case("missing.csv", 2, ("missing.csv: no such file", "check the path")),
    Case("a_folder.csv", 2, ("a_folder.csv is a directory",)),
    Case("pipe_nobody_writes.csv", 1, ("pipe_nobody_writes.csv: the file is empty",)),
    Case("/dev/zero", 2, ("/dev/zero is a device or socket", "'-' to read standard input")),
    Case("old_binary.xls", 1, ("old binary Excel .xls workbook", "save it as .xlsx")),
    Case("old_binary_renamed.xlsx", 1, ("old binary Excel .xls workbook (whatever its name)",)),
    Case("encrypted.xlsx", 1, ("password-protected (encrypted)", "unprotected copy")),
    Case("word_document.xlsx", 1, ("old Microsoft Office file",)),
    Case("web_page.xls", 1, ("web page (HTML)", "save it as .xlsx")),
    Case("web_page.xlsx", 1, ("web page (HTML)",)),
    Case("excel_2003.xls", 1, ("Excel 2003 XML spreadsheet", "save it as .xlsx")),
    Case("csv_named.xlsx", 1, ("not an Excel .xlsx workbook but text", "rename it .csv")),
    Case("document.xlsx", 1, ("PDF document",)),
    Case("garbage.xlsx", 1, ("not an Excel workbook", "neither a zip archive")),
    Case("garbage.csv", 1, ("not a text file", "cannot be read as CSV")),
    Case("word.xlsx", 1, ("a Word document",)),
    Case("spreadsheet.ods", 1, ("OpenDocument file (.ods)", "save it as .xlsx")),
    Case("plain.zip.xlsx", 1, ("zip archive but not an Excel workbook", "no xl/workbook.xml")),
    # damaged
    Case("truncated.xlsx", 1, ("damaged or incomplete", "get a fresh copy")),
    Case("bad_crc.xlsx", 1, ("damaged", "sheet1.xml")),
    Case("encrypted_parts.xlsx", 1, ("zip parts are encrypted", "remove the password")),
    Case("duplicate_parts.xlsx", 1, ("two parts named 'xl/worksheets/sheet1.xml'", "damaged or crafted")),
    Case("bzip2_parts.xlsx", 1, ("compression method Excel never writes (method 12)",)),
    Case("utf16_part.xlsx", 1, ("sheet1.xml is not UTF-8 XML",)),
    Case("empty_zip.xlsx", 1, ("an empty zip archive",)),
    # bombs and XML attacks
    Case("zip_bomb.xlsx", 1, ("unpacks to 1,024.0 MiB", "limit of 256.0 MiB", "BENCHMARK_MAX_BYTES=")),
    Case("lying_zip_bomb.xlsx", 1, ("sheet1.xml unpacks to more than the", "zip bomb")),
    Case("sparse_bomb.xlsx", 1, ("sheet 'data': the sheet spans A1:XFD1048576 (17,179,869,184 cells)",
                                 "limit of 5,000,000 cells", "--max-cells"), command=("quartiles",),
         options=("--area", "Kent")),
    Case("beyond_xfd.xlsx", 1, ("cells beyond column XFD, Excel's last (it spans at most A1:AAAAB2)",)),
    Case("too_many_parts.xlsx", 1, ("holds 10,006 parts", "damaged or crafted")),
    Case("billion_laughs.xlsx", 1, ("sheet1.xml declares a document type (<!DOCTYPE>)",
                                    "entity expansion"), command=("validate",)),
    Case("laughs_in_strings.xlsx", 1, ("sharedStrings.xml declares a document type",)),
    Case("external_entity.xlsx", 1, ("declares a document type", "external entities")),
    # shape
    Case("no_sheets.xlsx", 1, ("no visible worksheets",)),
    Case("hidden_data.xlsx", 1, ("the sheet 'data' is hidden", "Unhide")),
    Case("formula_without_value.xlsx", 1, ("sheet 'data', row 3, column C (value): the formula "
                                           "=SUM(C2:C2) has no saved result",), command=("trend",),
         options=("--area", "Kent")),
    Case("formula_area_without_value.xlsx", 1, ("sheet 'data', cell A3: the formula =A2&\"x\" has no "
                                                "saved result", "save it again")),
    Case("header_only.csv", 1, ("header but no rows of data",), process=False),
    Case("ragged.csv", 1, ("ragged.csv, row 3: 5 cells but the header row has 4",
                           "'oops' in column E has no header")),
    Case("unclosed_quote.csv", 1, ("row 3: a quoted cell starts here and is never closed",), process=False),
    Case("duplicate_headers.csv", 1, ("two columns are headed 'Value' (columns B and C)",), process=False),
    Case("no_area_column.csv", 1, ("no area column; found 'place', 'indicator', 'value', 'polarity'",
                                   "'area name'"), process=False),
    Case("no_value_column.csv", 1, ("no value column",), process=False),
    Case("too_many_columns.csv", 1, ("20,001 columns", "Excel's 16,384")),
    # text encodings
    Case("undecodable.csv", 1, ("undecodable.csv, line 2: byte 0x81 cannot be read as UTF-8 or "
                                "Windows-1252", "--encoding")),
    Case("utf16_without_bom.csv", 1, ("UTF-16 text without a byte-order mark",
                                      "--encoding utf-16-le")),
    Case("binary_nul.csv", 1, ("NUL bytes",)),
    # content
    Case("infinite.csv", 1, ("row 3, column C (value): not a finite number",), process=False),
    Case("too_large.csv", 1, ("row 3, column C (value): '£1e999999999' is too large to be a number",),
         process=False),
    Case("long_number.csv", 1, ("(5,000 characters) as a number",), process=False),
    Case("all_missing.csv", 1, ("nothing to rank",), process=False),
    Case("conflicting_duplicates.csv", 1, ("'Kent', 'Jobs' appears with different values "
                                           "(row 2: 1, row 5: 9)",), process=False),
    Case("unknown_polarity.csv", 1, ("unknown polarity 'sideways'",), process=False),
    Case("blank_area.csv", 1, ("row 3, column A (area): the area is blank",), process=False),
    Case("escape\x1b[2J.csv", 1, ("escape\\x1b[2J.csv: no area column",)),
    Case("line\nbreak.csv", 1, ("line\\nbreak.csv: no area column",)),
    # limits
    Case("-", 1, ("<stdin>: standard input holds more than the limit of 50 bytes",
                  "BENCHMARK_MAX_BYTES=300"), stdin=GOOD_CSV.encode(),
         env=(("BENCHMARK_MAX_BYTES", "50"),)),
]

PARALLEL = min(8, max(2, os.cpu_count() or 2))  # children at once; each is mostly start-up time


@dataclass(frozen=True)
class Outcome:
    returncode: int | None  # None: killed after TIME_LIMIT seconds
    stdout: bytes
    stderr: bytes
    output: Path


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("hostile")
    build(directory)
    os.link(directory / "good.csv", directory / "hard_link.csv")
    return directory


@pytest.fixture(scope="module")
def outcomes(hostile: Path) -> dict[Case, Outcome]:
    """Run every case, PARALLEL children at a time. The children are started from this thread
    only (preexec_fn is not safe with threads) and write to files, so waiting needs no pipes."""
    before = snapshot(hostile)
    logs = hostile.parent / "logs"
    pending = [(index, case) for index, case in enumerate(CASES) if case.process]
    running: dict[subprocess.Popen[bytes], tuple[Case, Path, float]] = {}
    results: dict[Case, Outcome] = {}
    while pending or running:
        while pending and len(running) < PARALLEL:
            index, case = pending.pop(0)
            output = logs / str(index)
            output.mkdir(parents=True)
            args = [*case.command, case.file, *case.options]
            if case.output:
                args += ["-o", str(output / "result.csv")]
            (logs / f"{index}.in").write_bytes(case.stdin or b"")
            with open(logs / f"{index}.in", "rb") as stdin, open(logs / f"{index}.out", "wb") as stdout, \
                    open(logs / f"{index}.err", "wb") as stderr:
                process = subprocess.Popen(command(args), cwd=hostile, env=environment(dict(case.env)),
                                           stdin=stdin, stdout=stdout, stderr=stderr,
                                           preexec_fn=limit_memory)
            running[process] = (case, logs / str(index), time.monotonic())
        time.sleep(0.02)
        for process, (case, output, started) in list(running.items()):
            if process.poll() is None and time.monotonic() - started < TIME_LIMIT:
                continue
            if process.returncode is None:
                process.kill()
                process.wait()
            del running[process]
            log = output.with_name(output.name)
            results[case] = Outcome(None if time.monotonic() - started >= TIME_LIMIT else process.returncode,
                                    log.with_suffix(".out").read_bytes(),
                                    log.with_suffix(".err").read_bytes(), output)
    assert snapshot(hostile) == before  # no input was touched, and nothing was left beside them
    return results


def snapshot(directory: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in directory.iterdir() if path.is_file()}


def limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def command(args: list[str]) -> list[str]:
    return [sys.executable, "-m", "benchmark", *args]


def environment(extra: dict[str, str]) -> dict[str, str]:
    # Bytecode caching on (as for any user), so that each child does not compile the package anew.
    values = {key: value for key, value in os.environ.items()
              if not key.startswith("BENCHMARK_") and key != "PYTHONDONTWRITEBYTECODE"}
    values.update({"NO_COLOR": "1", "COLUMNS": "120", "OPENBLAS_NUM_THREADS": "1",
                   "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", **extra})
    return values


def run(args: list[str], cwd: Path,
        before: Callable[[], None] = limit_memory) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(command(args), cwd=cwd, env=environment({}), input=b"", capture_output=True,
                          timeout=TIME_LIMIT, preexec_fn=before, check=False)


def assert_clean_error(returncode: int | None, stdout: bytes, stderr: bytes, code: int,
                       words: tuple[str, ...]) -> None:
    error = stderr.decode("utf-8", errors="replace")
    assert returncode is not None, f"still running after {TIME_LIMIT} s"
    assert returncode == code, error
    assert stdout == b""
    assert error.startswith("Error: ") and error.endswith("\n") and error.count("\n") == 1, error
    assert "\x1b" not in error and "Traceback" not in error
    for word in words:
        assert word in error, f"{word!r} not in {error!r}"


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_hostile_input_ends_in_one_clear_error(request: pytest.FixtureRequest, hostile: Path, case: Case,
                                               tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if case.process:
        outcome = request.getfixturevalue("outcomes")[case]
    else:
        monkeypatch.chdir(hostile)
        args = [*case.command, case.file, *case.options, "-o", str(tmp_path / "result.csv")]
        result = CliRunner().invoke(app, args, env={"NO_COLOR": "1", "COLUMNS": "120", **dict(case.env)})
        assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
        outcome = Outcome(result.exit_code, result.stdout_bytes, result.stderr_bytes, tmp_path)
    assert_clean_error(outcome.returncode, outcome.stdout, outcome.stderr, case.code, case.words)
    assert list(outcome.output.iterdir()) == []


def test_every_generated_file_has_a_case() -> None:
    generated = set(files())
    named = {case.file for case in CASES}
    assert generated - named == {"good.csv", "good.xlsx"}  # the well-formed ones, used below
    assert len(generated & {case.file for case in CASES if case.process}) >= 30


# Options, limits and the output side, on well-formed files: in process, as these need no memory
# limit and a child costs most of a second to start.
OPTION_CASES = [
    (["rank", "good.csv", "--encoding", "klingon"], {}, 2, ("--encoding klingon: not a text encoding",)),
    (["rank", "good.csv", "--encoding", "base64"], {}, 2, ("--encoding base64: not a text encoding",)),
    (["validate", "good.xlsx", "--encoding", "klingon"], {}, 2, ("--encoding klingon",)),
    (["rank", "good.csv"], {"BENCHMARK_MAX_CELLS": "10"}, 1,
     ("good.csv: the file has 4 lines of 4 columns (16 cells), more than the limit of 10 cells",
      "--max-cells 20 (or BENCHMARK_MAX_CELLS=20)")),
    (["dashboard", "good.xlsx", "--area", "Kent", "--max-cells", "10"], {}, 1,
     ("good.xlsx, sheet 'data': the sheet spans A1:D4 (16 cells), more than the limit of 10 cells",)),
    (["trend", "good.csv", "--area", "Kent", "--max-cells", "15"], {"BENCHMARK_MAX_CELLS": "1000"}, 1,
     ("(16 cells), more than the limit of 15 cells",)),  # the option wins over the environment
    (["rank", "good.csv"], {"BENCHMARK_MAX_BYTES": "50"}, 1,
     ("good.csv: the file is 84 bytes, more than the limit of 50 bytes", "BENCHMARK_MAX_BYTES=90")),
    (["rank", "good.csv"], {"BENCHMARK_MAX_CELLS": "lots"}, 2,
     ("BENCHMARK_MAX_CELLS='lots' is not a whole number",)),
    (["rank", "good.csv", "-o", "missing_folder/out.csv"], {}, 2,
     ("-o missing_folder/out.csv: the folder missing_folder does not exist; create it first",)),
    (["rank", "good.csv", "-o", "good.csv/out.csv"], {}, 2, ("good.csv is a file, not a folder",)),
    (["rank", "good.csv", "-o", "good.csv"], {}, 2, ("-o good.csv: that is an input file",)),
    (["validate", "good.csv", "-o", "good.csv"], {}, 2, ("-o good.csv: that is an input file",)),
    (["quartiles", "good.csv", "-o", "hard_link.csv"], {}, 2, ("-o hard_link.csv: that is an input file",)),
]


@pytest.mark.parametrize(("args", "env", "code", "words"), OPTION_CASES, ids=lambda value: str(value))
def test_options_limits_and_outputs(hostile: Path, monkeypatch: pytest.MonkeyPatch, args: list[str],
                                    env: dict[str, str], code: int, words: tuple[str, ...]) -> None:
    monkeypatch.chdir(hostile)
    before = snapshot(hostile)
    result = CliRunner().invoke(app, args, env={"NO_COLOR": "1", "COLUMNS": "120", **env})
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    assert_clean_error(result.exit_code, result.stdout_bytes, result.stderr_bytes, code, words)
    assert snapshot(hostile) == before


@pytest.mark.skipif(not Path("/sys").is_dir() or not sys.platform.startswith("linux"), reason="Linux")
def test_an_output_folder_that_cannot_be_written(hostile: Path) -> None:
    """/sys refuses new files even to root: reported before anything else is printed."""
    done = run(["rank", "good.csv", "-o", "/sys/benchmark-league.csv"], hostile)
    assert_clean_error(done.returncode, done.stdout, done.stderr, 2,
                       ("-o /sys/benchmark-league.csv: cannot write in /sys", "choose a folder"))


def drop_file_permission_override() -> None:
    """Run as root without the power to ignore a file's permissions (CAP_DAC_OVERRIDE and
    CAP_DAC_READ_SEARCH dropped from the bounding set, which exec keeps), then limit memory."""
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for capability in (1, 2):
            if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
                raise OSError(ctypes.get_errno(), "cannot drop CAP_DAC_OVERRIDE")
    limit_memory()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="capabilities are Linux's")
def test_a_file_without_read_permission(tmp_path: Path) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text(GOOD_CSV)
    secret.chmod(0)
    try:
        done = run(["rank", str(secret), "-o", str(tmp_path / "out.csv")], tmp_path,
                   before=drop_file_permission_override)
    except subprocess.SubprocessError as error:  # a container that may not drop capabilities
        pytest.skip(f"cannot run without file-permission override here: {error}")
    assert_clean_error(done.returncode, done.stdout, done.stderr, 1,
                       (f"{secret}: cannot read the file (Permission denied)", "check its permissions"))
    assert not (tmp_path / "out.csv").exists()


def test_the_memory_limit_binds_and_a_normal_run_fits_under_it(hostile: Path) -> None:
    """The cap is real (a child that asks for 2 GiB fails) and not too tight (the bundled
    sample and a good workbook rank under it)."""
    probe = subprocess.run([sys.executable, "-c", "bytearray(2 * 1024**3)"], capture_output=True,
                           preexec_fn=limit_memory, timeout=TIME_LIMIT, check=False)
    assert probe.returncode != 0 and b"MemoryError" in probe.stderr
    for args in (["rank"], ["rank", "good.xlsx"], ["rank", "good.csv", "--encoding", "utf-8"]):
        done = run([*args, "-f", "csv"], hostile)
        assert done.returncode == 0, done.stderr.decode()
        assert done.stdout.decode().startswith("position,area,average_rank")
    # Reading sets aside memory for what is there, not for the byte limit: with a limit of
    # 4 GiB, a small file and a small standard input still read within the 1 GiB cap.
    for args, stdin in ((["rank", "good.csv"], b""), (["rank", "-"], GOOD_CSV.encode())):
        done = subprocess.run(command([*args, "-f", "csv"]), cwd=hostile, input=stdin,
                              env=environment({"BENCHMARK_MAX_BYTES": "4G"}), capture_output=True,
                              timeout=TIME_LIMIT, preexec_fn=limit_memory, check=False)
        assert done.returncode == 0, done.stderr.decode()
