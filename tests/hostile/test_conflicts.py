"""A polarity in the data that contradicts the metadata file was resolved silently: now every
command says which won, and validate lists it. Real CLI, bounded child."""

from __future__ import annotations

from pathlib import Path

from bounded import GOOD, child

SAID = ("Warning: indicator 'Jobs' has polarity 'low' in meta.csv but 'high' in the data's polarity "
        "column (good.csv); 'low' is used, from meta.csv")


def test_a_polarity_conflict_says_which_won(tmp_path: Path) -> None:
    (tmp_path / "good.csv").write_text(GOOD)
    (tmp_path / "meta.csv").write_text("indicator,polarity,theme\nJobs,low,Economy\n")
    ranked = child(["rank", "good.csv", "--indicators", "meta.csv", "-f", "csv"], tmp_path)
    assert ranked.returncode == 0
    assert SAID in ranked.stderr.decode().splitlines()
    # low is better: Kent (1) is first
    assert ranked.stdout.decode().splitlines()[1:] == ["1,Kent,1.0,1,1.0", "2,Essex,2.0,1,2.0",
                                                       "3,Surrey,3.0,1,3.0"]
    listed = child(["validate", "good.csv", "--indicators", "meta.csv", "-f", "csv"], tmp_path)
    assert "warning,conflict,\"indicator 'Jobs' has polarity 'low' in meta.csv" in listed.stdout.decode()


def test_agreeing_polarities_say_nothing(tmp_path: Path) -> None:
    (tmp_path / "good.csv").write_text(GOOD)
    (tmp_path / "meta.csv").write_text("indicator,polarity,theme\nJobs,higher is better,Economy\n")
    ranked = child(["rank", "good.csv", "--indicators", "meta.csv", "-f", "csv"], tmp_path)
    assert ranked.returncode == 0 and "Warning" not in ranked.stderr.decode()
