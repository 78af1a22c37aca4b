"""Running the real CLI in a child process under the bounds the promise names: 1 GiB of address
space (test_hostile.limit_memory) and 20 seconds."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from test_hostile import command, environment, limit_memory

BOUND = 20  # seconds
GOOD = "area,indicator,value,polarity\nKent,Jobs,1,high\nEssex,Jobs,2,high\nSurrey,Jobs,3,high\n"


def child(args: list[str], cwd: Path, stdout: int | None = subprocess.PIPE, *,
          close_stdout: bool = False, env: dict[str, str] | None = None,
          ) -> subprocess.CompletedProcess[bytes]:
    def before() -> None:
        limit_memory()
        if close_stdout:
            os.close(1)

    return subprocess.run(command(args), cwd=cwd, env=environment(env or {}), input=b"", stdout=stdout,
                          stderr=subprocess.PIPE, timeout=BOUND, preexec_fn=before, check=False)


def many_areas(directory: Path, areas: int) -> Path:
    rows = "".join(f"Area {number},Ind {indicator},{(number * 7 + indicator) % 101},high,T{indicator % 2}\n"
                   for number in range(areas) for indicator in range(4))
    path = directory / f"areas_{areas}.csv"
    path.write_text("area,indicator,value,polarity,theme\n" + rows)
    return path
