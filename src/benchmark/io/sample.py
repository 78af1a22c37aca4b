"""The bundled sample workbook and blank templates to fill in."""

from __future__ import annotations

import shutil
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
    """Copy the sample workbook and write blank templates (xlsx and csv) into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    targets = [directory / SAMPLE_NAME, directory / "template.xlsx",
               *(directory / f"template_{sheet}.csv" for sheet in TEMPLATE_SHEETS)]
    existing = [path for path in targets if path.exists()]
    if existing and not overwrite:
        names = ", ".join(path.name for path in existing)
        raise UsageError(f"{directory}: {names} already exist; choose another folder or pass --force")
    shutil.copyfile(sample_path(), targets[0])
    _write_template_workbook(targets[1])
    for sheet, columns in TEMPLATE_SHEETS.items():
        (directory / f"template_{sheet}.csv").write_text(",".join(columns) + "\n", encoding="utf-8")
    return targets


def _write_template_workbook(path: Path) -> None:
    import pandas as pd

    from benchmark.io.xlsx.write import write_dataset_workbook

    write_dataset_workbook(path, {sheet: pd.DataFrame(columns=list(columns))
                                  for sheet, columns in TEMPLATE_SHEETS.items()})
