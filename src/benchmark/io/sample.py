"""The bundled sample workbook and blank templates to fill in."""

from __future__ import annotations

from pathlib import Path

from benchmark.core.data_folder import data_path
from benchmark.core.errors import UsageError
from benchmark.core.model import AREA_COLUMNS, INDICATOR_COLUMNS, OBSERVATION_COLUMNS, TARGET_COLUMNS

SAMPLE_NAME = "county_sample.xlsx"
TEMPLATE_SHEETS = {
    "data": OBSERVATION_COLUMNS,
    "indicators": INDICATOR_COLUMNS,
    "areas": AREA_COLUMNS,
    "targets": TARGET_COLUMNS,
}


def sample_path() -> Path:
    """The sample workbook shipped inside the package."""
    return Path(str(data_path(SAMPLE_NAME)))


def write_sample(directory: Path, overwrite: bool = False) -> list[Path]:
    """Copy the sample workbook and write blank templates (xlsx and csv) into ``directory``.
    Every path is checked before anything is written: a symbolic link there is refused (it could
    point outside ``directory``), and so is a file that is no regular file or is read-only."""
    from benchmark.core import output

    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"{directory}: cannot create the folder ({error.strerror}); "
                         "choose a folder you can write to") from None
    targets = [directory / SAMPLE_NAME, directory / "template.xlsx",
               *(directory / f"template_{sheet}.csv" for sheet in TEMPLATE_SHEETS)]
    links = [path.name for path in targets if path.is_symlink()]
    if links:
        raise UsageError(f"{directory}: {', '.join(links)} is a symbolic link, which the sample "
                         "would be written through; remove it or choose another folder")
    existing = [path for path in targets if path.exists()]
    if existing and not overwrite:
        names = ", ".join(path.name for path in existing)
        raise UsageError(f"{directory}: {names} already exist; choose another folder or pass --force")
    for path in targets:
        output.writable_target(path, "sample")
    output.check_output_folder(targets[0], "sample")
    output.write_binary_atomic(targets[0], lambda stream: stream.write(sample_path().read_bytes()))
    _write_template_workbook(targets[1])
    for sheet, columns in TEMPLATE_SHEETS.items():
        output.write_text_atomic(directory / f"template_{sheet}.csv", ",".join(columns) + "\n")
    return targets


def _write_template_workbook(path: Path) -> None:
    import pandas as pd

    from benchmark.io.xlsx.write import write_dataset_workbook

    write_dataset_workbook(path, {sheet: pd.DataFrame(columns=list(columns))
                                  for sheet, columns in TEMPLATE_SHEETS.items()})
