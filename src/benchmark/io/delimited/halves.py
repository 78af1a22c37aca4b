"""pandas' CSV reader run on two cores: a large file is read as two halves at once.

pandas' C parser lets go of Python's lock while it splits lines into cells and hashes them, so
a second thread reading the second half runs alongside the first (ten million rows: 2.6 s
become 2.0 s on two cores). The halves are cut at a line break, which is a row's end whenever
the file has no quote character; a file with quotes, a small file, or a half that pandas
cannot read as the whole would be read, is read whole, so that every message and every
fallback is the whole file's.
"""

from __future__ import annotations

import io
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

# Below this a second thread costs about what it saves (measured on 1M-row data cut short:
# 1 MB 18 ms whole, 26 ms in halves; 8 MB 64 and 66 ms; 16 MB 151 and 117 ms; 26 MB 194 and 172 ms).
SPLIT_BYTES = 8 << 20


def read_csv_bytes(payload: bytes, options: dict[str, Any]) -> pd.DataFrame:
    """``pd.read_csv(io.BytesIO(payload), **options)``, in two halves at once when it can be:
    ``options`` read every column as a categorical, and the halves' categories are joined."""
    import pandas as pd

    split = split_point(payload)
    if split is None:
        return pd.read_csv(io.BytesIO(payload), **options)
    view = memoryview(payload)
    header = view[: payload.index(b"\n") + 1]
    second: list[pd.DataFrame | None] = []

    def read_second() -> None:
        try:
            second.append(pd.read_csv(_joined(header, view[split:]), **options))
        except Exception:  # noqa: BLE001 - settled by a whole read; kept, its traceback would hold
            second.append(None)  # this frame and the file in a reference cycle

    worker = threading.Thread(target=read_second, name="benchmark-csv-second-half")
    worker.start()
    try:
        first = pd.read_csv(_joined(view[:split]), **options)
    except Exception:  # noqa: BLE001 - the whole file's own error (or fallback) is wanted
        first = None
    finally:
        worker.join()
    joined = _join(first, second[0]) if first is not None and second[0] is not None else None
    return joined if joined is not None else pd.read_csv(io.BytesIO(payload), **options)


def split_point(payload: bytes) -> int | None:
    """Where the second half starts (just after a line feed near the middle), or None when the
    file is small, quotes cells (a line break may be inside one) or has no such line."""
    if len(payload) < SPLIT_BYTES or b'"' in payload:
        return None
    header_end = payload.find(b"\n")
    split = payload.find(b"\n", len(payload) // 2) + 1
    if header_end < 0 or split <= header_end + 1 or split >= len(payload):
        return None
    return split


def _joined(*views: memoryview) -> io.BufferedReader:
    """A binary file reading ``views`` one after another, without copying them into one."""
    return io.BufferedReader(_Views(list(views)), buffer_size=1 << 20)


class _Views(io.RawIOBase):
    def __init__(self, views: list[memoryview]) -> None:
        self._views = views

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while self._views and not len(self._views[0]):
            self._views.pop(0)
        if not self._views:
            return 0
        view = self._views[0]
        size = min(len(buffer), len(view))
        buffer[:size] = view[:size]
        self._views[0] = view[size:]
        return size


def _join(first: pd.DataFrame, second: pd.DataFrame) -> pd.DataFrame | None:
    """The halves as one frame, each column's categories joined as pandas joins its own chunks;
    None when they do not match (other columns, or categories of another type)."""
    import pandas as pd
    from pandas.api.types import union_categoricals

    if list(first.columns) != list(second.columns):
        return None
    columns = {}
    for index in range(len(first.columns)):
        halves = [first.iloc[:, index], second.iloc[:, index]]
        if not all(isinstance(half.dtype, pd.CategoricalDtype) for half in halves):
            return None
        try:
            columns[index] = union_categoricals(halves, sort_categories=False)
        except TypeError:
            return None
    frame = pd.DataFrame(columns, copy=False)
    frame.columns = first.columns
    return frame
