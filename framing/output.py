"""Writing files: atomically (temporary file + rename), so no half-written output is ever left.

CSV cells that a spreadsheet would run as a formula (beginning with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return: OWASP, "CSV Injection") are written with a single quote before them, unless
:class:`OutputOptions` ``csv_raw`` is set (``--csv-raw``, for pandas, R and other programs that read
the CSV as data). The store (DuckDB) and JSON outputs keep every value as it was.
"""
from __future__ import annotations

import contextlib
import contextvars
import errno
import os
import stat
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .errors import OutputError


@dataclass(frozen=True)
class OutputOptions:
    csv_raw: bool = False   # write CSV cells as they are (no quote before a would-be formula)


_OPTIONS: contextvars.ContextVar[OutputOptions] = contextvars.ContextVar("framing_output", default=OutputOptions())
FORMULA_START = "=+-@\t\r"  # first characters a spreadsheet reads as a formula (OWASP)
_FORMULA_BYTES = [ord(c) for c in FORMULA_START]


def set_output_options(options: OutputOptions) -> None:
    """How this process writes its outputs (the CLI sets it from the command line)."""
    _OPTIONS.set(options)


def output_options() -> OutputOptions:
    return _OPTIONS.get()


def neutralised(values):
    """An Arrow string array with a single quote before every value a spreadsheet would run as a
    formula (OWASP's advice against CSV injection); other values, and nulls, as they were. The
    first bytes are read straight from the array's buffers (a tenth of a second for ten million
    values); only an array holding such a value is rewritten."""
    import pyarrow.compute as pc

    if not _formula_starts(values).any():
        return values
    return pc.replace_substring_regex(values, pattern="^([=+\\-@\t\r])", replacement="'\\1", max_replacements=1)


def _formula_starts(values) -> np.ndarray:
    """Whether each value of an Arrow string array begins with a formula character."""
    import numpy as np
    import pyarrow as pa

    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if not len(values):
        return np.zeros(0, dtype=bool)
    _, offsets_buf, data_buf = values.buffers()[:3]
    kind = np.int64 if pa.types.is_large_string(values.type) else np.int32
    offsets = np.frombuffer(offsets_buf, dtype=kind, count=len(values) + 1, offset=values.offset * np.dtype(kind).itemsize)
    if data_buf is None:
        return np.zeros(len(values), dtype=bool)
    data = np.frombuffer(data_buf, dtype=np.uint8)
    starts = offsets[:-1]
    filled = offsets[1:] > starts
    first = np.zeros(len(values), dtype=np.uint8)
    first[filled] = data[starts[filled]]
    found = np.isin(first, _FORMULA_BYTES)
    if values.null_count:
        found &= ~np.asarray(values.is_null())
    return found


def neutralised_frame(table: pd.DataFrame) -> pd.DataFrame:
    """The same for the text columns of a table written by pandas (CSV on standard output)."""
    if output_options().csv_raw:
        return table
    out = table.copy()
    for col in out.columns:
        if out[col].dtype == object or isinstance(out[col].dtype, pd.StringDtype):
            out[col] = out[col].map(lambda v: "'" + v if isinstance(v, str) and v[:1] and v[0] in FORMULA_START
                                    else v)
    return out


def special_kind(path: str | Path) -> str | None:
    """What a path names when it is neither a regular file, a folder nor absent: "FIFO",
    "character device", "block device" or "socket" (a symbolic link is followed)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    for test, kind in ((stat.S_ISFIFO, "FIFO"), (stat.S_ISCHR, "character device"),
                       (stat.S_ISBLK, "block device"), (stat.S_ISSOCK, "socket")):
        if test(mode):
            return kind
    return None


def is_stream(path: str | Path) -> bool:
    """A FIFO or a character device (``/dev/null``, a terminal): written through, never replaced."""
    return special_kind(path) in ("FIFO", "character device")


# ----------------------------------------------------------------------------- inputs are never outputs

_PROTECTED: list[tuple[str, os.stat_result, bool]] = []   # (resolved path, stat, walked folder?)


def protect_inputs(paths) -> None:
    """Register the files and folders this run reads: no output may replace one of them (or a file
    a folder walk reads). Set by the CLI before a command runs (framing.guard)."""
    _PROTECTED.clear()
    for path in paths:
        with contextlib.suppress(OSError):
            st = os.stat(path)
            _PROTECTED.append((os.path.realpath(path), st, stat.S_ISDIR(st.st_mode)))


def input_it_would_replace(target: str | Path) -> str | None:
    """The input (as registered) that writing ``target`` would replace, or None."""
    try:
        st = os.stat(target)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    real = os.path.realpath(target)
    for path, pst, folder in _PROTECTED:
        if (pst.st_dev, pst.st_ino) == (st.st_dev, st.st_ino):
            return path
        if folder and real.startswith(path.rstrip(os.sep) + os.sep) and _read_by_walk(real, path):
            return f"{real} (in the input folder {path})"
    return None


def _read_by_walk(real: str, folder: str) -> bool:
    from .ingest.readers import detect_format

    rel = Path(real).relative_to(folder)
    return not any(part.startswith(".") for part in rel.parts) and detect_format(Path(real)) is not None


def refuse_input(target: str | Path, option: str = "-o") -> None:
    which = input_it_would_replace(target)
    if which:
        raise OutputError(f"{option} {target}: is one of the inputs ({which}): nothing was written; "
                          "choose an output outside the inputs")


def ensure_dir(path: str | Path) -> Path:
    path = Path(path)
    if path.exists() and not path.is_dir():
        kind = special_kind(path) or "file"
        raise OutputError(f"{path}: a {kind}, not a folder: give a folder to write into with -o")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{path}: cannot create the output folder: {exc.strerror}: choose another with -o") from None
    if not os.access(path, os.W_OK):
        raise OutputError(f"{path}: the output folder is not writable: choose another with -o")
    return path


@contextlib.contextmanager
def atomic_path(target: str | Path):
    """Yield a temporary path to write; on success it becomes ``target`` in one step.

    On any failure (disk full, interrupted, an error while writing) the temporary file is removed
    and ``target`` is left as it was: no half-written output is ever left behind. What ``target``
    names decides how:

    * a regular file, or nothing: the temporary file beside it replaces it (``os.replace``);
    * a symbolic link: it is followed; the file it points to is replaced in the same way, and the
      link stays a link;
    * a FIFO or a character device (``/dev/null``, a terminal): it is written through, never
      replaced: the complete output is first written to a temporary file in the temporary folder,
      then copied into it (a FIFO nobody reads is refused rather than waited for);
    * a block device, a socket or a folder: refused (an OutputError), nothing is written;
    * one of the run's inputs (:func:`protect_inputs`): refused, nothing is written.

    A temporary file is named ``.NAME.PID.XXXX.part``; one left behind by a process that no longer
    runs (killed with SIGKILL) is removed by the next write of NAME in that folder.
    """
    target = Path(target)
    refuse_input(target)
    kind = special_kind(target)
    if kind in ("FIFO", "character device"):
        with _through(target, kind) as tmp:
            yield tmp
        return
    if kind is not None:
        raise OutputError(f"{target}: is a {kind}: framing does not write to it: give a file name")
    if target.is_symlink():
        target = Path(os.path.realpath(target))  # write the file the link points to; keep the link
    ensure_dir(target.parent if str(target.parent) else ".")
    if target.is_dir():
        raise OutputError(f"{target}: is a folder: give a file name to write")
    _remove_stale(target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".part", dir=target.parent)
        os.close(fd)
        os.chmod(tmp, 0o666 & ~_umask())
    except OSError as exc:
        raise OutputError(f"{target}: cannot write: {exc.strerror or exc}: check the folder's permissions "
                          "or choose another with -o") from None
    try:
        yield Path(tmp)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"{target}: cannot write: {os_reason(exc)}: check free space and permissions; "
                          "the previous file, if any, is unchanged") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def _through(target: Path, kind: str):
    """Write the whole output to a temporary file, then copy it into the FIFO or device ``target``."""
    import shutil

    folder = tempfile.mkdtemp(prefix="framing-out-")
    tmp = Path(folder) / (target.name or "output")
    try:
        yield tmp
        try:
            fd = os.open(target, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        except OSError as exc:
            if exc.errno == errno.ENXIO:
                raise OutputError(f"{target}: a FIFO that nothing reads: start the program that reads it first, "
                                  "or give a file name") from None
            raise
        os.set_blocking(fd, True)
        with open(fd, "wb", closefd=True) as out, open(tmp, "rb") as src:
            shutil.copyfileobj(src, out, 1 << 20)
        print(f"note: {target} is a {kind}: the output was written into it, not put in its place", file=sys.stderr)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write into this {kind}: {os_reason(exc)}") from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _remove_stale(target: Path) -> None:
    """Remove the temporary files of ``target`` left by processes that no longer run."""
    prefix = f".{target.name}."
    with contextlib.suppress(OSError):
        for entry in os.scandir(target.parent if str(target.parent) else "."):
            name = entry.name
            if not (name.startswith(prefix) and name.endswith(".part")):
                continue
            pid = name[len(prefix):].split(".", 1)[0]
            if pid.isdigit() and not _alive(int(pid)):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True   # it exists (another user's)
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text(target: str | Path, text: str) -> Path:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(target)


def write_csv(target: str | Path, table: pd.DataFrame) -> Path:
    """CSV (UTF-8, header, ``\n`` line ends) with ISO dates, ``true``/``false`` booleans and floats
    rounded to 6 significant digits, so reruns give byte-identical files. Written with pyarrow,
    which is several times faster than pandas on large hit tables."""
    import pyarrow.csv as pacsv

    arrow = _arrow_table(table)
    with atomic_path(target) as tmp:
        _write_arrow_csv(arrow, tmp)
    return Path(target)


def _write_arrow_csv(arrow, path: Path) -> None:
    import pyarrow.csv as pacsv

    pacsv.write_csv(arrow, str(path), pacsv.WriteOptions(quoting_style="needed", include_header=True))


def os_reason(exc: OSError) -> str:
    """The system's words for an OSError ("No space left on device"), also when a library (pyarrow)
    wraps them in its own message."""
    import re

    number = exc.errno or next((int(m) for m in re.findall(r"\[errno (\d+)\]", str(exc), re.I)), None)
    if number:
        return os.strerror(number)
    return exc.strerror or str(exc)


def _arrow_table(table: pd.DataFrame):
    """The table as Arrow columns in the CSV's format: dates as YYYY-MM-DD, floats to 6 significant
    digits, missing text as "", would-be formulas neutralised (unless ``csv_raw``)."""
    import pyarrow as pa

    columns = {}
    for col in table.columns:
        s = table[col]
        if pd.api.types.is_datetime64_any_dtype(s):
            import pyarrow.compute as pc

            columns[str(col)] = pc.fill_null(iso_days(s), "")
            continue
        if pd.api.types.is_float_dtype(s):
            s = s.map(lambda v: v if v != v else float(f"{v:.6g}")).astype("float64")
        elif s.dtype == object:
            s = s.map(lambda v: "" if v is None or (isinstance(v, float) and v != v) else str(v))
        if isinstance(s.dtype, pd.StringDtype):  # straight to Arrow, not through Python strings (5x faster)
            columns[str(col)] = pa.array(s.fillna(""), type=pa.string())
        else:
            columns[str(col)] = pa.array(s.to_numpy(), from_pandas=True)
    if not output_options().csv_raw:
        for name, values in columns.items():
            if pa.types.is_string(values.type) or pa.types.is_large_string(values.type):
                columns[name] = neutralised(values)
    return pa.table(columns) if columns else pa.table({})


def _arrow_csv_columns(table):
    """An Arrow table in the CSV's format, as :func:`_arrow_table` makes a pandas table of the same
    values: timestamps as YYYY-MM-DD, missing text as "", would-be formulas neutralised."""
    import pyarrow as pa
    import pyarrow.compute as pc

    columns = {}
    for name, col in zip(table.column_names, table.columns):
        if pa.types.is_timestamp(col.type):
            try:
                col = col.cast(pa.date32()).cast(pa.string())  # a safe cast: refuses to drop a time of day
            except pa.lib.ArrowInvalid:
                col = pc.strftime(col, "%Y-%m-%d")
            col = pc.fill_null(col, "")
        elif pa.types.is_string(col.type) or pa.types.is_large_string(col.type):
            col = pc.fill_null(col, "")
            if not output_options().csv_raw:
                col = neutralised(col)
        columns[name] = col
    return pa.table(columns)


def iso_days(series: pd.Series):
    """YYYY-MM-DD of each timestamp of a datetime column, as an Arrow array (nulls stay null):
    through Arrow's date type when every value is a whole day (about twice as fast as pandas'
    strftime), else with strftime."""
    import pyarrow as pa
    import pyarrow.lib

    try:
        return pa.array(series).cast(pa.date32()).cast(pa.string())  # a safe cast: refuses to drop a time of day
    except pyarrow.lib.ArrowInvalid:
        return pa.array(series.dt.strftime("%Y-%m-%d"), type=pa.string())


class CsvStream:
    """A CSV written part by part, in :func:`write_csv`'s format (the same bytes as writing all the
    parts at once). Atomic like every output: the file appears under its name on :meth:`close`;
    :meth:`abort` leaves no trace and the previous file, if any, as it was."""

    def __init__(self, target: str | Path, columns: list[str]):
        self.target, self.columns = Path(target), columns
        self._stack = contextlib.ExitStack()
        self._tmp = self._stack.enter_context(atomic_path(self.target))
        self._writer = None
        self._schema = None

    def write(self, table) -> None:
        """Append a table's rows: a pandas table, or an Arrow table of plain columns (strings, int64,
        bool, timestamps of whole days), written as they are (framing.core's columns)."""
        import pyarrow.csv as pacsv

        if not len(table):
            return
        if hasattr(table, "schema"):
            arrow = _arrow_csv_columns(table.select(self.columns))
        else:
            arrow = _arrow_table(table[self.columns])
        try:
            if self._writer is None:
                self._schema = arrow.schema
                self._writer = pacsv.CSVWriter(str(self._tmp), self._schema,
                                               write_options=pacsv.WriteOptions(quoting_style="needed",
                                                                                include_header=True))
            self._writer.write_table(arrow.cast(self._schema))
        except OSError as exc:
            self.abort()
            raise OutputError(f"{self.target}: cannot write: {os_reason(exc)}: check free space and "
                              "permissions; the previous file, if any, is unchanged") from None

    def close(self) -> Path:
        """Finish the file (a header alone when nothing was written) and give it its name."""
        try:
            if self._writer is None:
                _write_arrow_csv(_arrow_table(pd.DataFrame(columns=self.columns)), self._tmp)
            else:
                self._writer.close()
        except OSError as exc:
            self._writer = None
            self.abort()
            raise OutputError(f"{self.target}: cannot write: {os_reason(exc)}: check free space and "
                              "permissions; the previous file, if any, is unchanged") from None
        self._stack.close()
        return self.target

    def abort(self) -> None:
        if self._writer is not None:
            with contextlib.suppress(Exception):
                self._writer.close()
        self._stack.__exit__(RuntimeError, RuntimeError("aborted"), None)


def file_sha256(path: str | Path) -> str:
    """Hex sha256 of a file, read in 1 MiB blocks."""
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
