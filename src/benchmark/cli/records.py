"""The options commands share, declared once, and the records they fill: :class:`DataInputs`
(what to read and what to compare, with the loader) and :class:`TableOutput` (how to show the
result). ``@reads_data`` and ``@shows_table`` give a command those options in place of one
parameter that receives the record."""

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
from benchmark.cli.console import emit, progress, say, warn
from benchmark.render.formats import OutputFormat

if TYPE_CHECKING:
    from benchmark.analysis.selection import Selection
    from benchmark.core.model import Dataset
    from benchmark.render.view import TableView

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
    group: str | None = None  # what is compared: --group, --theme, --period
    theme: str | None = None
    period: str | None = None
    as_at: str | None = None  # --as-at: an edition

    def selection(self, output: Path | None = None) -> Selection:
        """The dataset read (see :meth:`read`) and the comparison chosen from it."""
        return self.choose(self.read(output))

    def choose(self, dataset: Dataset) -> Selection:
        """The comparison --group, --theme, --period and --as-at choose: one selection for the command."""
        from benchmark.analysis.selection import select

        return select(dataset, group=self.group, theme=self.theme, period=self.period, as_at=self.as_at)

    def read(self, output: Path | None = None, *, check: bool = True) -> Dataset:
        """The dataset, after refusing an ``output`` that would overwrite one of the inputs;
        stops on the data's errors unless lenient (or not ``check``)."""
        refuse_output_over_inputs(output, self.source, self.indicators, self.areas, self.targets)
        return load_dataset(self.source, self.indicators, self.areas, self.lenient, self.verbose,
                            check=check, targets=self.targets, encoding=self.encoding,
                            max_cells=self.max_cells, profile=self.profile)


@dataclass(frozen=True)
class TableOutput:
    """How a command's table is shown: --format and --output."""

    output_format: OutputFormat = OutputFormat.AUTO
    output: Path | None = None

    def emit(self, view: TableView) -> None:
        emit(view, self.output_format, self.output)


# The options, in the order --help lists them: the files and the comparison first, how to read
# them last (after the command's own and --format/--output, before --debug).
_FILES = (("source", opt.Source), ("indicators", opt.Indicators), ("areas", opt.Areas))
_TARGETS = ("targets", opt.Targets)
_CHOICES = {"group": opt.Group, "theme": opt.Theme, "period": opt.Period, "as_at": opt.AsAt}
_READING = (("lenient", opt.Lenient), ("encoding", opt.Encoding), ("max_cells", opt.MaxCells),
            ("profile", opt.Profile), ("verbose", opt.Verbose))
_SHOWING = (("output_format", opt.Format), ("output", opt.Output))


def reads_data(*, targets: bool = False, lenient: bool = True, chooses: tuple[str, ...] = (),
               period: Any = opt.Period) -> Callable[[F], F]:
    """Give a command the shared input options in place of its ``data: DataInputs`` parameter
    (``--targets`` and ``--lenient`` when asked for, and ``chooses``: any of group, theme,
    period and as_at, in that order on the command line; ``period`` is the --period option, whose
    help says what 'all' does for the command), and call it with them as one record."""
    choices = {**_CHOICES, "period": period}
    files = [*_FILES, *([_TARGETS] if targets else []), *((name, choices[name]) for name in chooses)]
    reading = [item for item in _READING if lenient or item[0] != "lenient"]
    return lambda command: gathered(command, "data", DataInputs, files, reading)


def shows_table(command: F) -> F:
    """Give a command --format and --output in place of its ``out: TableOutput`` parameter."""
    return gathered(command, "out", TableOutput, [], list(_SHOWING))


def gathered(command: F, name: str, record: Any, leading: list[tuple[str, Any]],
             trailing: list[tuple[str, Any]]) -> F:
    """``command`` with its parameter ``name`` replaced by the options ``leading`` (in its place)
    and ``trailing`` (after the command's own), called with ``name=record(**their values)``.
    Typer reads the options from the signature this gives the wrapper."""
    defaults = {field.name: field.default for field in fields(record)}
    signature = inspect.signature(command, eval_str=True)
    own = list(signature.parameters.values())
    place = [parameter.name for parameter in own].index(name)

    def options(items: list[tuple[str, Any]]) -> list[inspect.Parameter]:
        return [inspect.Parameter(option, inspect.Parameter.KEYWORD_ONLY, default=defaults[option],
                                  annotation=annotation) for option, annotation in items]

    listed = [*own[:place], *options(leading),
              *(parameter.replace(kind=inspect.Parameter.KEYWORD_ONLY) for parameter in own[place + 1:]),
              *options(trailing)]
    names = [option for option, _ in (*leading, *trailing)]

    @functools.wraps(command)
    def with_record(*args: Any, **kwargs: Any) -> Any:
        values = {option: kwargs.pop(option) for option in names if option in kwargs}
        return command(*args, **{name: record(**values)}, **kwargs)

    with_record.__signature__ = signature.replace(parameters=listed)  # type: ignore[attr-defined]
    with_record.__annotations__ = {parameter.name: parameter.annotation for parameter in listed}
    return with_record  # type: ignore[return-value]


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
    """Refuse an ``output`` over one of the inputs, the bundled sample always among them (the
    commands read it when no source is given)."""
    if output is not None:
        from benchmark.core.output import refuse_overwriting_inputs
        from benchmark.io.sample import sample_path

        refuse_overwriting_inputs(output, [*inputs, sample_path()])
