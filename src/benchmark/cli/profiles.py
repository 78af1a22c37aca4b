"""The profiles command: which published layouts the tool recognises."""

from __future__ import annotations

from benchmark.cli.app import app
from benchmark.cli.console import boundary
from benchmark.cli.records import TableOutput, shows_table


@app.command("profiles")
@boundary
@shows_table
def profiles_command(
    out: TableOutput,
) -> None:
    """List the shipped layout profiles: --profile auto reads a file with one of these layouts."""
    import pandas as pd

    from benchmark.io.profiles import shipped_profiles
    from benchmark.render.view import TableView

    frame = pd.DataFrame([{"profile": profile.name, "title": profile.title, "layout": profile.layout,
                           "recognised by the headers": ", ".join(profile.detect)}
                          for profile in shipped_profiles()])
    out.emit(TableView(frame, "Shipped layout profiles",
                   caption=["--profile NAME reads with one; --profile FILE.toml with your own "
                            "(docs/profiles.md)"]))
