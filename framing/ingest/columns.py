"""The columns of a tabular input (CSV, TSV, JSON, JSON Lines, Parquet): chosen from the options or
guessed from the header, then read from each row as the corpus fields (see :mod:`.cells` for what
becomes of typed values)."""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError
from ..manifest import Manifest
from .cells import meta_cell, text_cell

TEXT_COLS = ("text", "content", "article_content", "body", "article", "full_text", "article_text", "story")
OUTLET_COLS = ("outlet", "source", "publication", "publisher", "site", "source_name", "media", "newspaper", "domain")
DATE_COLS = ("date", "published", "published_at", "publish_date", "pubdate", "date_published", "datetime", "time", "timestamp")
ID_COLS = ("doc_id", "id", "article_id", "uuid", "guid")
TITLE_COLS = ("title", "headline")
SUBTITLE_COLS = ("subtitle", "subheadline", "subhead", "dek", "standfirst")  # guessed only (no option)
AUTHOR_COLS = ("author", "authors", "byline", "creator")
LANG_COLS = ("lang", "language")


class _Columns:
    """Resolve the columns of a tabular input from options and guesses.

    ``names`` must be unique (see :func:`framing.ingest.cells.unique_names`); ``repeated`` maps a
    name the header gives to several columns to their positions. Such a name is never chosen
    silently: reading it is an error that says how to name one of the columns (``text#1``,
    ``text#2``). Columns whose names differ only in case are treated alike.
    """

    def __init__(self, names: list[str], options, path: Path,  # options: a ReadOptions
                 repeated: dict[str, list[int]] | None = None):
        repeated = repeated or {}
        lower: dict[str, list[str]] = {}
        for n in names:
            lower.setdefault(n.lower().strip(), []).append(n)
        self.notes: list[str] = []

        def ambiguous(flag: str, found: list[str], positions: list[int]) -> InputError:
            where = ", ".join(str(p) for p in positions)
            spelled = ", ".join(f"'{f}'" for f in found)
            return InputError(f"{path}: the header names {len(positions)} columns {spelled} (columns {where}): "
                              f"say which one to read with {flag} (for example {flag} '{found[0]}#2' for the "
                              f"second, '{found[0]}#1' for the first), or rename one")

        def pick(option: str | None, guesses: tuple[str, ...], flag: str) -> str | None:
            if option:
                m = re.fullmatch(r"(.*)#1", option)
                if m and m.group(1) in repeated:
                    return m.group(1)
                if option in repeated:
                    raise ambiguous(flag, [option], repeated[option])
                if option in names:
                    return option
                found = lower.get(option.lower().strip(), [])
                if len(found) > 1:
                    raise ambiguous(flag, found, [names.index(f) + 1 for f in found])
                if found:
                    return found[0]
                raise InputError(f"{path}: no column '{option}' for {flag}: the columns are {', '.join(names)}")
            for g in guesses:
                found = lower.get(g, [])
                if not found:
                    continue
                if len(found) > 1:
                    raise ambiguous(flag, found, [names.index(f) + 1 for f in found])
                if found[0] in repeated:
                    raise ambiguous(flag, found, repeated[found[0]])
                return found[0]
            return None

        self.text = pick(options.text_col, TEXT_COLS, "--text-col")
        if self.text is None:
            shown = [n for n in names if "#" not in n or n.rsplit("#", 1)[0] not in repeated]
            raise InputError(f"{path}: no text column among {', '.join(shown) or '(none)'}: "
                             f"name it with --text-col")
        self.outlet = pick(options.outlet_col, OUTLET_COLS, "--outlet-col")
        self.date = pick(options.date_col, DATE_COLS, "--date-col")
        self.id = pick(options.id_col, ID_COLS, "--id-col")
        self.title = pick(options.title_col, TITLE_COLS, "--title-col")
        self.subtitle = pick(None, SUBTITLE_COLS, "a column named subtitle")
        self.author = pick(options.author_col, AUTHOR_COLS, "--author-col")
        self.lang = pick(options.lang_col, LANG_COLS, "--lang-col")

    def record(self, row: dict, label: str, path: Path, manifest: Manifest, fmt: str,
               encoding: str = "") -> dict | None:
        """The corpus fields of one row, or None (recorded as skipped) when it has no text.

        Typed values (numbers, lists, bytes, objects) are converted or refused as
        :mod:`framing.ingest.cells` says; what was done goes to the record's ``_note``."""
        text, note = text_cell(row.get(self.text))
        if text is None:
            manifest.add(str(path), label, "skipped", reason=note, format=fmt, encoding=encoding)
            return None
        if not text.strip():
            manifest.add(str(path), label, "skipped", reason="empty text", format=fmt, encoding=encoding)
            return None
        notes = [note] if note else []
        for name in getattr(row, "repeated", ()):  # a JSON object giving a name twice
            if name in (self.text, self.outlet, self.date, self.id, self.title, self.subtitle, self.author, self.lang):
                notes.append(f"the object gives the field '{name}' more than once: the last one was read")

        def cell(col: str | None, field: str) -> str:
            if col is None:
                return ""
            value, why = meta_cell(row.get(col), field)
            if why:
                notes.append(why)
            return value

        rec = {"doc_id": cell(self.id, "id"), "outlet": cell(self.outlet, "outlet"),
               "date": row.get(self.date) if self.date else None,
               "title": cell(self.title, "title"), "subtitle": cell(self.subtitle, "subtitle"),
               "author": cell(self.author, "author"),
               "lang": cell(self.lang, "language"), "text": text, "_record": label}
        if notes:
            rec["_cell_note"] = "; ".join(notes)
        return rec
