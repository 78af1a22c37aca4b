"""Numbers and number options that once crashed a command or were silently wrong, through the
real CLI in a bounded child: money of 1e40 (a Decimal error in funding-gap, quadrants, report),
--population inf (printed 'inf', wrote 'Infinity' into JSON), weights of 1e308 (no positions,
exit 0), --tolerance nan (a traceback), '--5' and '-£-5' (read as -5), '1e-400' (read as 0)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bounded import child
from test_hostile import assert_clean_error

GOOD = "area,indicator,value,polarity\nKent,Jobs,1,high\nEssex,Jobs,2,high\nSurrey,Jobs,3,high\n"
FILES = {
    "good.csv": GOOD,
    "money.csv": "area,funding_per_head,population\nKent,1e40,100\nEssex,500,200\nSurrey,600,300\n",
    "fair.csv": "area,funding_per_head,population\nKent,400,100\nEssex,500,200\nSurrey,600,300\n",
    "spend.csv": "area,spend_per_head\nKent,1e40\nEssex,500\nSurrey,600\n",
    "weights.csv": "indicator,polarity,weight\nJobs,high,1e308\n",
    "two_signs.csv": GOOD.replace("Essex,Jobs,2", "Essex,Jobs,--5"),
    "pound_signs.csv": GOOD.replace("Essex,Jobs,2", "Essex,Jobs,-£-5"),
    "underflow.csv": GOOD.replace("Essex,Jobs,2", "Essex,Jobs,1e-400"),
}
CASES = [
    (["funding-gap", "money.csv", "--area", "Essex"], 1,
     ("money.csv, row 2, column B (funding_per_head): '1e40' is larger than any council figure",)),
    (["quadrants", "good.csv", "--areas", "spend.csv"], 1, ("spend.csv, row 2, column B", "'1e40'")),
    (["report", "good.csv", "--areas", "spend.csv", "--area", "Kent", "-o", "out/report.xlsx"], 1,
     ("'1e40' is larger than any council figure",)),
    (["funding-gap", "fair.csv", "--area", "Essex", "--population", "inf", "-f", "json"], 2,
     ("--population inf: a population must be above 0 and finite",)),
    (["funding-gap", "fair.csv", "--area", "Essex", "--population", "nan"], 2, ("--population nan",)),
    (["rank", "good.csv", "--indicators", "weights.csv"], 1, ("weights.csv, row 2, column C (weight)",)),
    (["trend", "good.csv", "--area", "Kent", "--tolerance", "nan"], 2,
     ("--tolerance nan: a tolerance must be a number of 0 or more",)),
    (["trend", "good.csv", "--area", "Kent", "--tolerance", "inf"], 2, ("--tolerance inf",)),
    (["rank", "two_signs.csv"], 1, ("row 3, column C (value): '--5' has two signs",)),
    (["rank", "pound_signs.csv"], 1, ("'-£-5' has two signs",)),
    (["rank", "underflow.csv"], 1, ("'1e-400' is too small to be told from 0",)),
]


@pytest.mark.parametrize(("args", "code", "words"), CASES, ids=lambda value: str(value))
def test_numbers_out_of_range_end_in_one_error(tmp_path: Path, args: list[str], code: int,
                                               words: tuple[str, ...]) -> None:
    for name, text in FILES.items():
        (tmp_path / name).write_text(text)
    (tmp_path / "out").mkdir()
    done = child(args, tmp_path)
    assert_clean_error(done.returncode, done.stdout, done.stderr, code, words)
    assert list((tmp_path / "out").iterdir()) == []
    assert {name: (tmp_path / name).read_text() for name in FILES} == FILES
