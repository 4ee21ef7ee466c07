"""Commented tab-separated files: the one reader (issue 16).

The data files of framing (lexicons, categories, sense examples, outlet tables, corrections,
language folders) share one layout: UTF-8 text, lines starting with ``#`` (after blanks) and blank
lines are comments, the first other line is the header, cells are separated by tabs. Two calls:

- ``table_lines(text)``: ``(line number, cells)`` for every non-comment line, the header included
  (for readers that check their header themselves and collect problems instead of stopping).
- ``data_rows(path, required)``: ``(line number, row dict)`` for the data rows after the header,
  the header checked for ``required`` columns, cells stripped, a short row padded with empty cells
  and a row with more cells than the header refused.

Every error is a :class:`TsvError` (or the ``error`` class a caller passes) whose message starts
with ``file:line:``, says what is wrong and what to do.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Iterator

from .errors import InputError


class TsvError(InputError):
    """A bad line of a tab-separated data file; ``path`` and ``line`` say where."""

    def __init__(self, message: str, path: str = "", line: int = 0):
        super().__init__(message)
        self.path, self.line = path, line


def is_comment(cells: list[str]) -> bool:
    """A blank line or one whose first cell starts with '#' (after blanks)."""
    return not cells or all(not c.strip() for c in cells) or cells[0].lstrip().startswith("#")


def table_lines(text: str, *, delimiter: str = "\t", quoted: bool = False) -> Iterator[tuple[int, list[str]]]:
    """``(line number, cells)`` of every non-comment line of ``text``, the header included.

    ``quoted``: double quotes may enclose a cell (and a line break in it; the number is then that
    of the record's last line); by default a quote is an ordinary character."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter,
                        quoting=csv.QUOTE_MINIMAL if quoted else csv.QUOTE_NONE)
    for cells in reader:
        if not is_comment(cells):
            yield reader.line_num, cells


def read_tsv_text(path: Path, error: type[Exception] = TsvError) -> str:
    """The file's text (UTF-8, a byte-order mark dropped); an unreadable file raises ``error``."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise error(f"{path}: not UTF-8 ({e.reason} at byte {e.start}): save it as UTF-8") from None
    except OSError as e:
        raise error(f"{path}: cannot read: {e.strerror or e}: check the path") from None


def data_rows(path: Path | str, required: tuple[str, ...] = (), *, text: str | None = None,
              lower_header: bool = False, quoted: bool = False,
              error: type[Exception] = TsvError) -> Iterator[tuple[int, dict[str, str]]]:
    """``(line number, row)`` for the data rows of a commented TSV file (see the module text).

    ``text``: the file's text when the caller has read it already; ``lower_header``: header names
    are compared in lower case; ``quoted``: as for ``table_lines``; ``error``: the exception class
    raised (message ``file:line: ...``)."""
    path = Path(path)
    if text is None:
        text = read_tsv_text(path, error)
    header = None
    for n, cells in table_lines(text, quoted=quoted):
        cells = [c.strip() for c in cells]
        if header is None:
            header = [c.lower() for c in cells] if lower_header else cells
            missing = [c for c in required if c not in header]
            if missing:
                raise _error(error, f"{path}:{n}: the header lacks the column(s) {', '.join(missing)}: "
                             f"the columns are {', '.join(required)} (tab-separated)", path, n)
            continue
        if len(cells) > len(header) and any(cells[len(header):]):
            raise _error(error, f"{path}:{n}: {len(cells)} cells for {len(header)} columns: "
                         "remove the extra tab or add the column to the header", path, n)
        yield n, dict(zip(header, cells + [""] * (len(header) - len(cells))))


def _error(cls: type[Exception], message: str, path: Path, line: int) -> Exception:
    return cls(message, str(path), line) if issubclass(cls, TsvError) else cls(message)
