"""The output side under attack, end to end in a child process under the same bounds as
test_hostile.py (1 GiB of address space) and a 20-second guard: a closed or full standard
output, a reader that goes away, signals during a write, and -o or `sample` aimed at a device,
a link, a read-only file or the bundled sample. Each ends in one `Error:` line (or quietly), with
nothing written and nothing destroyed."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bounded import BOUND, GOOD, child, many_areas
from test_hostile import assert_clean_error, command, environment, limit_memory

from benchmark.io.sample import sample_path


@pytest.fixture
def good(tmp_path: Path) -> Path:
    (tmp_path / "good.csv").write_text(GOOD)
    return tmp_path


@pytest.mark.parametrize("output_format", ["csv", "table"])
def test_a_closed_standard_output_is_one_error(good: Path, output_format: str) -> None:
    done = child(["rank", "good.csv", "-f", output_format], good, stdout=subprocess.DEVNULL,
                 close_stdout=True)
    assert_clean_error(done.returncode, b"", done.stderr, 2, ("standard output is closed", "-o FILE"))


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("output_format", ["csv", "json", "markdown", "table"])
def test_a_full_disk_on_standard_output_is_one_error(good: Path, output_format: str) -> None:
    with open("/dev/full", "wb") as full:
        done = child(["validate" if output_format == "json" else "rank", "good.csv", "-f", output_format],
                     good, stdout=full.fileno())
    error = done.stderr.decode().splitlines()[-1]
    assert done.returncode == 1 and "Traceback" not in done.stderr.decode()
    assert error == ("Error: cannot write to standard output (No space left on device); "
                     "free some space or write to a file with -o FILE")


@pytest.mark.parametrize("args", [["rank"], ["dashboard", "--area", "Area 1"],
                                  ["trend", "--area", "Area 1"], ["quartiles", "--area", "Area 1"]])
@pytest.mark.parametrize("output_format", ["table", "csv", "json", "markdown"])
def test_a_reader_that_goes_away_ends_quietly(tmp_path: Path, args: list[str], output_format: str) -> None:
    """`benchmark ... | head -1` in every format: far more output than a pipe holds, the reader
    takes one line and closes; the command ends with 0 and says nothing."""
    source = many_areas(tmp_path, 2000)
    process = subprocess.Popen(command([args[0], str(source), *args[1:], "-f", output_format]),
                               cwd=tmp_path, env=environment({}), stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=limit_memory)
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=BOUND) == 0, stderr
    assert "Traceback" not in stderr and "Error" not in stderr and "Exception ignored" not in stderr


@pytest.mark.parametrize(("sent", "code", "said"), [(signal.SIGINT, 130, "Interrupted."),
                                                    (signal.SIGTERM, 143, "Stopped."),
                                                    (signal.SIGHUP, 129, "Stopped.")])
def test_a_signal_during_a_write_leaves_no_file(tmp_path: Path, sent: int, code: int, said: str) -> None:
    """The signal is sent once the temporary file exists (or the probe of the folder): the
    command ends with 128 + the signal's number, one word and no traceback, and leaves nothing."""
    source = many_areas(tmp_path, 10_000)
    out = tmp_path / "out"
    out.mkdir()
    process = subprocess.Popen(command(["rank", str(source), "-o", str(out / "league.xlsx")]),
                               cwd=tmp_path, env=environment({}), stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               preexec_fn=interruptible)
    started = time.monotonic()
    while not list(out.iterdir()) and process.poll() is None and time.monotonic() - started < BOUND:
        time.sleep(0.002)
    process.send_signal(sent)
    stdout, stderr = process.communicate(timeout=BOUND)
    assert process.returncode == code, stderr.decode()
    assert stdout == b"" and stderr.decode().endswith(said + "\n")
    assert "Traceback" not in stderr.decode() and "Exception ignored" not in stderr.decode()
    assert list(out.iterdir()) == []


def interruptible() -> None:
    limit_memory()
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # as at a terminal, where Ctrl-C reaches it


def refusals(directory: Path) -> list[tuple[str, tuple[str, ...]]]:
    (directory / "previous.csv").write_text("keep me\n")
    (directory / "read_only.csv").write_text("keep me\n")
    (directory / "read_only.csv").chmod(0o444)
    (directory / "dangling.csv").symlink_to(directory / "nowhere" / "x.csv")
    return [("/dev/null", ("-o /dev/null: that is a device, pipe or socket, not a regular file",)),
            ("dangling.csv", ("-o dangling.csv: a symbolic link to", "which does not exist")),
            ("read_only.csv", ("-o read_only.csv: the file is read-only", "make it writable")),
            (str(sample_path()), ("that is an input file",))]


def test_output_paths_that_would_destroy_something_are_refused(good: Path) -> None:
    sample_before = sample_path().read_bytes()
    for output, words in refusals(good):
        before = {path.name: (path.is_symlink(), path.read_bytes() if path.is_file() else b"")
                  for path in good.iterdir()}
        done = child(["rank", *([] if "sample" in output else ["good.csv"]), "-o", output], good)
        assert_clean_error(done.returncode, done.stdout, done.stderr, 2, words)
        assert {path.name: (path.is_symlink(), path.read_bytes() if path.is_file() else b"")
                for path in good.iterdir()} == before
    assert sample_path().read_bytes() == sample_before
    assert not (good / "nowhere").exists()


def test_a_link_to_a_regular_file_is_followed_and_kept(good: Path) -> None:
    (good / "real.csv").write_text("previous\n")
    (good / "link.csv").symlink_to("real.csv")
    done = child(["rank", "good.csv", "-o", "link.csv"], good)
    assert done.returncode == 0, done.stderr.decode()
    assert (good / "link.csv").is_symlink()
    assert (good / "real.csv").read_text().splitlines()[1] == "1,Surrey,1.0,1,1.0"


def test_sample_refuses_a_link_in_its_folder_and_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "copy"
    folder.mkdir()
    (folder / "template.xlsx").symlink_to(tmp_path / "outside.xlsx")
    done = child(["sample", str(folder)], tmp_path)
    assert_clean_error(done.returncode, done.stdout, done.stderr, 2,
                       ("template.xlsx is a symbolic link", "remove it or choose another folder"))
    assert not (tmp_path / "outside.xlsx").exists()
    assert [path.name for path in folder.iterdir()] == ["template.xlsx"]


@pytest.mark.skipif(not Path("/sys").is_dir() or not sys.platform.startswith("linux"), reason="Linux")
def test_sample_in_a_folder_it_cannot_write(tmp_path: Path) -> None:
    done = child(["sample", "/sys/benchmark-sample"], tmp_path)
    assert_clean_error(done.returncode, done.stdout, done.stderr, 2,
                       ("/sys/benchmark-sample: cannot create the folder",))


def test_after_a_stop_a_half_made_writer_is_collected_without_a_word(monkeypatch, capsys) -> None:
    """A signal during a zip writer's constructor leaves an object whose finaliser fails
    ('ZipFile' object has no attribute '_writing'); after the one word, nothing more is said."""
    import gc

    from benchmark.cli.console import boundary

    class HalfMade:
        def __del__(self) -> None:
            raise AttributeError("'ZipFile' object has no attribute '_writing'")

    def stopped_while_writing() -> None:
        left = HalfMade()  # noqa: F841 - referenced by the traceback until it is dropped
        raise KeyboardInterrupt

    import typer

    monkeypatch.setattr(sys, "unraisablehook", sys.__unraisablehook__)  # Python's own, which prints
    with pytest.raises(typer.Exit) as stopped:
        boundary(stopped_while_writing)()
    assert stopped.value.exit_code == 130
    del stopped  # the last reference to the traceback, and so to the half-made writer
    gc.collect()
    captured = capsys.readouterr()
    assert captured.err == "Interrupted.\n" and "Exception ignored" not in captured.err
