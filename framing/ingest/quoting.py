"""CSV/TSV quoting gone wrong: tell a record that swallowed the records after it from a real one.

A quote mark that opens a field and is never closed where it should be makes the csv module read
every following line, delimiters and line breaks included, into that one field, up to the next
quote mark anywhere in the file. The result can have exactly as many fields as the header, so
nothing looks wrong: several articles become one document with the outlet and date of the first.

A record read over several lines is checked in two ways:

* its lines are parsed again with strict quoting: a quoted field must close just before a
  delimiter or the end of a line. An unbalanced quote closes at some later quote mark, which
  almost never stands there (``4,"Next title",...`` closes it before ``Next``);
* its inner lines (not the first, which opens the record, nor the last, which ends the field
  and holds the record's other cells) are parsed one by one: a line that alone gives a record of the header's
  width whose date cell is a date (or whose id cell is a number, in a file with numeric ids) looks
  like a record of its own swallowed into the field.

Either sign makes the record suspect; the reader skips it with a reason naming its lines and
pointing to ``--csv-no-quotes`` (read the file with quote marks as plain text, one record a line).
"""
from __future__ import annotations

import csv
import re

_DIGITS = re.compile(r"\d{1,20}")


def strict_ok(lines: list[str], delimiter: str) -> bool:
    """True when ``lines`` parse as CSV with strict quoting."""
    try:
        for _ in csv.reader(lines, delimiter=delimiter, strict=True):
            pass
    except csv.Error:
        return False
    return True


def record_like_lines(lines: list[str], delimiter: str, width: int, *, date_index: int | None,
                      id_index: int | None, numeric_ids: bool) -> int:
    """How many of ``lines`` (inner lines of one record) look like records of their own."""
    from .dates import parse_one_date

    n = 0
    for line in lines:
        if line.count(delimiter) < width - 1:
            continue
        try:
            cells = next(csv.reader([line], delimiter=delimiter))
        except (csv.Error, StopIteration):
            continue
        if len(cells) != width:
            continue
        if date_index is not None and parse_one_date(cells[date_index].strip()) is not None:
            n += 1
        elif id_index is not None and numeric_ids and _DIGITS.fullmatch(cells[id_index].strip()):
            n += 1
    return n


def swallowed_reason(lines: list[str], delimiter: str, width: int, start: int, end: int, *,
                     date_index: int | None, id_index: int | None, numeric_ids: bool) -> str | None:
    """Why the record on lines ``start``-``end`` (its raw ``lines``) looks like several records run
    together by a broken quote, or None when it looks like one record with line breaks in a field."""
    if len(lines) < 2:
        return None
    strict = strict_ok(lines, delimiter)
    like = record_like_lines(lines[1:-1], delimiter, width, date_index=date_index, id_index=id_index,
                             numeric_ids=numeric_ids)
    if strict and not like:
        return None
    told = ""
    if like:
        told = ", 1 of which looks like a record of its own," if like == 1 else \
            f", {like} of which look like records of their own,"
    how = "does not close where a field ends" if not strict else "runs over lines that look like records"
    return (f"a quote opened on line {start} {how}, so lines {start}-{end}{told} were read as one record: "
            "fix the quoting, or read the file with --csv-no-quotes (quote marks as plain text)")
