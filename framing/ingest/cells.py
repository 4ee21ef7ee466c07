"""Typed cells of tabular inputs (JSON, JSON Lines, Parquet, CSV) -> the strings the corpus holds.

JSON and Parquet carry types: a text field may hold a number, a boolean, a list, an object or raw
bytes. None of these is analysed as its Python representation (``"['a', 'b']"``, ``"b'...'"``,
``"True"``): a list of strings is joined into paragraphs and bytes that are UTF-8 are decoded, each
with a note in the manifest; anything else is skipped with the reason. Metadata cells (outlet,
title, author, id) are converted to plain strings the same way; those that cannot be (an object,
bytes that are not text) are left empty with a note.

Header names: a header (CSV, TSV, Parquet) that names two columns alike gets them renamed
``name#2``, ``name#3`` ... so that no column hides another; :func:`unique_names` says which.
"""
from __future__ import annotations

import datetime as _dt
import decimal
import math


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _kind(v) -> str:
    if isinstance(v, bool):
        return f"a true/false value ({str(v).lower()})"
    if isinstance(v, (int, float, decimal.Decimal)):
        shown = repr(v) if not isinstance(v, decimal.Decimal) else str(v)
        return f"a number ({shown[:20]})"
    if isinstance(v, (_dt.date, _dt.datetime, _dt.time)):
        return "a date or time"
    if isinstance(v, dict):
        return "an object ({...})"
    if isinstance(v, (list, tuple)):
        return f"a list of {len(v)} value(s) that are not all text"
    if isinstance(v, (bytes, bytearray, memoryview)):
        return "bytes that are not UTF-8 text"
    return f"a {type(v).__name__} value"


def _bytes_text(v) -> str | None:
    try:
        return bytes(v).decode("utf-8")
    except UnicodeDecodeError:
        return None


def text_cell(v, field: str = "text") -> tuple[str | None, str]:
    """A text cell -> ``(text, note)``; ``text`` is None when the cell cannot be read as text
    (``note`` then says why), ``""`` for a missing value."""
    if isinstance(v, str):
        return v, ""
    if _missing(v):
        return "", ""
    if isinstance(v, (bytes, bytearray, memoryview)):
        s = _bytes_text(v)
        if s is not None:
            return s, f"the {field} field held bytes: decoded as UTF-8"
    elif isinstance(v, (list, tuple)) and v and all(isinstance(x, str) or _missing(x) for x in v):
        parts = [x for x in v if isinstance(x, str) and x.strip()]
        return "\n\n".join(parts), f"the {field} field held a list of {len(v)} strings: joined as paragraphs"
    elif isinstance(v, (list, tuple)) and not v:
        return "", ""
    return None, f"the {field} field holds {_kind(v)}, not text: not analysed"


def meta_cell(v, field: str) -> tuple[str, str]:
    """A metadata cell (outlet, title, author, id, language) -> ``(string, note)``."""
    if isinstance(v, str):
        return v, ""
    if _missing(v):
        return "", ""
    if isinstance(v, bool):
        return str(v).lower(), ""
    if isinstance(v, (int, float, decimal.Decimal)):
        return str(v), ""
    if isinstance(v, (list, tuple)):
        if all(isinstance(x, (str, int, float)) and not isinstance(x, bool) for x in v):
            return ", ".join(map(str, v)), ""
        return "", f"the {field} field holds {_kind(v)}: left empty"
    if isinstance(v, (bytes, bytearray, memoryview)):
        s = _bytes_text(v)
        if s is not None:
            return s, ""
        return "", f"the {field} field holds bytes that are not UTF-8 text: left empty"
    if isinstance(v, (_dt.date, _dt.datetime)):
        return v.isoformat(), ""
    return "", f"the {field} field holds {_kind(v)}: left empty"


def unique_names(names: list[str]) -> tuple[list[str], dict[str, list[int]]]:
    """Header names made unique: the first of each keeps its name, later ones become ``name#2`` ...
    Also returns, for each repeated name, the 1-based positions of its columns."""
    seen: dict[str, list[int]] = {}
    for i, name in enumerate(names, start=1):
        seen.setdefault(name, []).append(i)
    repeated = {n: pos for n, pos in seen.items() if len(pos) > 1}
    if not repeated:
        return list(names), {}
    taken = set(names)
    out = []
    count: dict[str, int] = {}
    for name in names:
        count[name] = count.get(name, 0) + 1
        if count[name] == 1:
            out.append(name)
            continue
        k = count[name]
        new = f"{name}#{k}"
        while new in taken:
            k += 1
            new = f"{name}#{k}"
        taken.add(new)
        out.append(new)
    return out, repeated


class JsonObject(dict):
    """A JSON object that remembers the names it gives more than once (the last value is kept, as
    every JSON reader does; the record's note says so when such a name is a column that is read)."""

    repeated: tuple[str, ...] = ()


def json_object(pairs: list[tuple[str, object]]) -> dict:
    """``object_pairs_hook`` for :func:`json.loads`: a :class:`JsonObject`."""
    obj = JsonObject(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        repeated = []
        for key, _ in pairs:
            if key in seen and key not in repeated:
                repeated.append(key)
            seen.add(key)
        obj.repeated = tuple(repeated)
    return obj
