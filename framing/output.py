"""Writing files: atomically (temporary file + rename), so no half-written output is ever left."""
from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

import pandas as pd

from .errors import OutputError


def ensure_dir(path: str | Path) -> Path:
    path = Path(path)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{path}: cannot create the output folder: {exc.strerror}: choose another with -o") from None
    if not os.access(path, os.W_OK):
        raise OutputError(f"{path}: the output folder is not writable: choose another with -o")
    return path


@contextlib.contextmanager
def atomic_path(target: str | Path):
    """Yield a temporary path beside ``target``; on success it replaces ``target`` in one step."""
    target = Path(target)
    ensure_dir(target.parent if str(target.parent) else ".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"{target}: cannot write: {exc.strerror or exc}: check free space and permissions") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_text(target: str | Path, text: str) -> Path:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(target)


def write_csv(target: str | Path, table: pd.DataFrame) -> Path:
    """CSV with ISO dates and a fixed float format, so reruns give byte-identical files."""
    out = table.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d").fillna("")
    with atomic_path(target) as tmp:
        out.to_csv(tmp, index=False, lineterminator="\n", float_format="%.6g")
    return Path(target)
