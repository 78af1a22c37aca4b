"""The input options every command that reads a dataset shares, declared once: the record they
fill (:class:`DataInputs`), the decorator that gives a command those options, and the loader."""

from __future__ import annotations

import functools
import inspect
import os
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from benchmark.cli import collector
from benchmark.cli import options as opt
from benchmark.cli.console import progress, say, warn

if TYPE_CHECKING:
    from benchmark.core.model import Dataset

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class DataInputs:
    """Where a command's dataset comes from and how to read it: its input options' values."""

    source: str | None = None  # None: the bundled sample
    indicators: str | None = None
    areas: str | None = None
    targets: str | None = None
    lenient: bool = False
    encoding: str | None = None
    max_cells: int | None = None
    profile: str = "auto"
    verbose: bool = False

    def read(self, output: Path | None = None, *, check: bool = True) -> Dataset:
        """The dataset, after refusing an ``output`` that would overwrite one of the inputs;
        stops on the data's errors unless lenient (or not ``check``)."""
        refuse_output_over_inputs(output, self.source, self.indicators, self.areas, self.targets)
        return load_dataset(self.source, self.indicators, self.areas, self.lenient, self.verbose,
                            check=check, targets=self.targets, encoding=self.encoding,
                            max_cells=self.max_cells, profile=self.profile)


# The options, in the order --help lists them: the files first, how to read them last (before
# --debug, which every command has).
_FILES = (("source", opt.Source), ("indicators", opt.Indicators), ("areas", opt.Areas))
_TARGETS = ("targets", opt.Targets)
_READING = (("lenient", opt.Lenient), ("encoding", opt.Encoding), ("max_cells", opt.MaxCells),
            ("profile", opt.Profile), ("verbose", opt.Verbose))
_DEFAULTS = {field.name: field.default for field in fields(DataInputs)}


def reads_data(*, targets: bool = False, lenient: bool = True) -> Callable[[F], F]:
    """Give a command the shared input options in place of its ``data: DataInputs`` parameter
    (``--targets`` and ``--lenient`` when asked for), and call it with them as one record."""

    def decorate(command: F) -> F:
        signature = inspect.signature(command, eval_str=True)
        own = list(signature.parameters.values())
        place = [parameter.name for parameter in own].index("data")
        files = [*_FILES, _TARGETS] if targets else list(_FILES)
        reading = [item for item in _READING if lenient or item[0] != "lenient"]
        shared = [name for name, _ in (*files, *reading)]

        def parameter(name: str, annotation: Any) -> inspect.Parameter:
            return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=_DEFAULTS[name],
                                     annotation=annotation)

        rest = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in own[place + 1:]]
        last = [p for p in rest if p.name == "debug"]
        listed = [*own[:place], *(parameter(name, annotation) for name, annotation in files),
                  *(p for p in rest if p.name != "debug"),
                  *(parameter(name, annotation) for name, annotation in reading), *last]

        @functools.wraps(command)
        def with_inputs(*args: Any, **kwargs: Any) -> Any:
            given = {name: kwargs.pop(name) for name in shared if name in kwargs}
            return command(*args, data=DataInputs(**given), **kwargs)

        with_inputs.__signature__ = signature.replace(parameters=listed)  # type: ignore[attr-defined]
        with_inputs.__annotations__ = {p.name: p.annotation for p in listed}
        return with_inputs  # type: ignore[return-value]

    return decorate


def load_dataset(source: str | None, indicators: str | None, areas: str | None, lenient: bool,
                 verbose: bool, check: bool = True, targets: str | None = None,
                 encoding: str | None = None, max_cells: int | None = None,
                 profile: str = "auto") -> Dataset:
    """Read a source (the bundled sample when None); stop on errors unless lenient."""
    from benchmark.io import read_dataset, require_clean
    from benchmark.io.sample import sample_path

    if source is None:
        source = str(sample_path())
        say("Using the bundled sample: 27 county councils, real public data "
            "(benchmark sample DIR writes a copy to edit).", style="dim")
    with progress(reading(source)):
        dataset = read_dataset(source, indicators=indicators, areas=areas, targets=targets,
                               encoding=encoding, max_cells=max_cells, profile=profile)
    collector.resume()  # the libraries are loaded and the data read
    if verbose:
        for note in dataset.notes:
            say(note, style="dim")
    elif dataset.profile is not None:  # a published layout was recognised: say which (first note)
        say(f"{dataset.notes[0]}; --profile none reads it as a plain table", style="dim")
    for message in require_clean(dataset, lenient) if check else []:
        warn(message)
    return dataset


def reading(source: str) -> str:
    """'Reading big.csv (312 MB)', for the progress display."""
    if source == "-":
        return "Reading standard input"
    try:
        size = os.stat(source).st_size
    except (OSError, ValueError):
        size = 0
    name = Path(source).name or source
    return f"Reading {name} ({size / 1e6:,.0f} MB)" if size >= 1e6 else f"Reading {name}"


def refuse_output_over_inputs(output: Path | None, *inputs: str | None) -> None:
    if output is not None:
        from benchmark.core.output import refuse_overwriting_inputs

        refuse_overwriting_inputs(output, list(inputs))
