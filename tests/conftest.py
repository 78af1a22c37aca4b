"""Shared fixtures: a small hand-checkable dataset and ways to run the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from benchmark.cli import app

ROOT = Path(__file__).resolve().parents[1]

# Five areas, four indicators in two themes. Ranks are worked out by hand in test_ranking.py.
HAND_DATA = """area,indicator,period,value
A,I1,2018,10
B,I1,2018,20
C,I1,2018,20
D,I1,2018,5
E,I1,2018,30
A,I2,2018,1
B,I2,2018,2
C,I2,2018,3
D,I2,2018,N/A
E,I2,2018,4
A,I3,2018,7
B,I3,2018,7
C,I3,2018,3
D,I3,2018,1
E,I3,2018,9
A,I4,2018,100
B,I4,2018,200
C,I4,2018,300
D,I4,2018,400
E,I4,2018,500
"""
HAND_INDICATORS = """indicator,theme,polarity
I1,T1,high
I2,T1,low
I3,T2,low
I4,T2,none
"""
HAND_AREAS = """area,group,region
A,north,N
B,north,N
C,north,N
D,south,S
E,south,S
"""


@pytest.fixture
def hand_files(tmp_path: Path) -> dict[str, Path]:
    files = {"data": HAND_DATA, "indicators": HAND_INDICATORS, "areas": HAND_AREAS}
    paths = {}
    for name, text in files.items():
        paths[name] = tmp_path / f"{name}.csv"
        paths[name].write_text(text, encoding="utf-8")
    return paths


@pytest.fixture
def hand_args(hand_files: dict[str, Path]) -> list[str]:
    return [str(hand_files["data"]), "--indicators", str(hand_files["indicators"]),
            "--areas", str(hand_files["areas"])]


@pytest.fixture
def cli() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, args: list[str], stdin: str | bytes | None = None):
    """Run the CLI in-process; stdout and stderr are captured separately."""
    return runner.invoke(app, args, input=stdin, env={"NO_COLOR": "1", "COLUMNS": "120"})


def run_process(args: list[str], stdin: str | bytes | None = None, cwd: Path | None = None,
                timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m benchmark`` as a real process, as a shell pipeline would."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    data = stdin.encode() if isinstance(stdin, str) else stdin
    return subprocess.run([sys.executable, "-m", "benchmark", *args], input=data,
                          capture_output=True, cwd=cwd, env=env, timeout=timeout, check=False)


def run_main_probe(args: list[str], report: str, setup: str = "",
                   timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run the console entry point ``main()`` on ``args`` in a fresh interpreter, after the Python
    lines ``setup``, then the Python lines ``report`` (which print what the test checks)."""
    probe = ("import sys\n" + setup + f"sys.argv = ['benchmark', *{args!r}]\n"
             "from benchmark.cli import main\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n" + report + "\n")
    return subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=timeout, check=False)

