"""The language folders (one per language: ``en/``, ``ar/``; schema in README.md here) and how their
files are read. The context engine (framing/context/language.py) and the text-dump segmenter
(framing/ingest/segment/) read their word lists and rule tables from them.

Extra folders come from ``FRAMING_LANGUAGES`` (separated by ``os.pathsep``): a folder holding
``language.tsv`` is one language, named by the folder; any other folder holds language folders.
A later folder with the code of an earlier one replaces it.
"""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import LanguageError
from ..tsv import data_rows

SHIPPED = Path(__file__).resolve().parent
ENV = "FRAMING_LANGUAGES"


def _folders_in(root: Path) -> dict[str, Path]:
    # English first, then by code: the order in which pooled tables (the segmenter's) are assembled
    found = sorted((p for p in root.iterdir() if (p / "language.tsv").is_file()), key=lambda p: (p.name != "en", p.name))
    return {p.name: p for p in found}


def language_folders(env: str | None = None) -> dict[str, Path]:
    """code -> folder: the shipped languages, then those named by ``FRAMING_LANGUAGES``."""
    found = _folders_in(SHIPPED)
    for part in (os.environ.get(ENV, "") if env is None else env).split(os.pathsep):
        if not part.strip():
            continue
        root = Path(part.strip()).expanduser()
        if not root.is_dir():
            raise LanguageError(f"{ENV}: {root} is not a folder: point it at language folders "
                                "(each with a language.tsv)")
        if (root / "language.tsv").is_file():
            found[root.name] = root
        else:
            found.update(_folders_in(root))
    return found


def read_rows(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """``(line number, row)`` for the data rows of a commented TSV file of a language folder: ``#``
    lines and blank lines skipped, the first other line the header, whose ``required`` columns are
    checked. Cells are stripped; a short row has empty cells. (The reader is framing/tsv.py.)"""
    return list(data_rows(path, required, error=LanguageError))
