"""Names that look like markup are shown as they are: Rich console markup in a terminal table
('[/b]' once stopped the command, '[link=...]' wrote a hyperlink escape, ONS's '[note 1]'
vanished) and Markdown ('|' moved values under the wrong columns, HTML was passed through).
Each runs the real CLI in a bounded child process."""

from __future__ import annotations

from pathlib import Path

import pytest
from bounded import child

ROWS = [("Kent [/b]", "Jobs [note 1]", 1, "Eco [link=http://evil.example]"),
        ("Essex|x", "Jobs [note 1]", 2, "Eco [link=http://evil.example]"),
        ("Surrey <b>", "Jobs [note 1]", 3, "Eco [link=http://evil.example]")]


@pytest.fixture
def marked(tmp_path: Path) -> Path:
    lines = ["area,indicator,value,polarity,theme"]
    lines += [f"{area},{indicator},{value},high,{theme}" for area, indicator, value, theme in ROWS]
    (tmp_path / "marked.csv").write_text("\n".join(lines) + "\n")
    return tmp_path


@pytest.mark.parametrize("args", [["rank"], ["dashboard", "--area", "Kent [/b]"],
                                  ["quartiles", "--area", "Kent [/b]"], ["trend", "--area", "Kent [/b]"]])
def test_markup_in_names_is_shown_as_written_in_a_terminal_table(marked: Path, args: list[str]) -> None:
    done = child([args[0], "marked.csv", *args[1:], "-f", "table"], marked, env={"COLUMNS": "250"})
    shown = done.stdout.decode()
    assert done.returncode == 0, done.stderr.decode()
    assert "\x1b" not in shown  # no hyperlink (ESC ] 8) nor any other escape
    assert "Kent [/b]" in shown
    if args[0] == "rank":  # the theme's header is cut to the column's width, but not read as markup
        assert "[link=http:" in shown and "Essex|x" in shown and "Surrey <b>" in shown
    else:
        assert "Jobs [note 1]" in shown


def test_markdown_escapes_pipes_and_html(marked: Path) -> None:
    done = child(["rank", "marked.csv", "-f", "markdown"], marked)
    assert done.returncode == 0, done.stderr.decode()
    lines = done.stdout.decode().splitlines()
    assert lines[0].split("|")[5:7] == ["   Eco \\[link=http://evil.example\\] ", ""]
    cells = [line.replace("\\|", "\N{BROKEN BAR}").split("|")[1:-1] for line in lines]
    assert {len(row) for row in cells} == {5}  # every row has the header's five cells
    assert [row[1].strip() for row in cells[2:]] == ["Surrey &lt;b&gt;", "Essex\N{BROKEN BAR}x",
                                                     "Kent \\[/b\\]"]
    assert "<b>" not in done.stdout.decode()
