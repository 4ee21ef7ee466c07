"""Outputs checked before a command writes anything: never one of its inputs, never a special file
that the command would have to write beside.

:func:`check_outputs` runs in the CLI after the arguments are parsed. Every option value that names
an existing file or folder (INPUT, --store for the commands that read it, --lexicon, --corrections,
--events, ...) counts as an input; the files a command will write (the ``-o`` file, its manifest,
the tables of ``analyze -o DIR`` and ``compare -o DIR``, a report's charts, a worksheet's key)
are refused when one is an input, or a file a folder walk of an input folder would read. Every
later write checks again (:func:`framing.output.atomic_path`), so an output this list does not
foresee cannot replace an input either.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import OutputError
from .output import is_stream, protect_inputs, refuse_input, special_kind

ANALYZE_FILES = ("documents.csv", "hits.csv", "rates_by_outlet.csv", "rates_by_period.csv", "attributions.csv",
                 "attribution_by_outlet.csv", "manifest.csv")
COMPARE_FILES = ("rates.csv", "keyness.csv", "naming.csv", "timeseries.csv", "changes.csv", "manifest.csv")


@dataclass(frozen=True)
class PlannedRun:
    """What a command was given, as far as this check needs it (the CLI fills it from its arguments)."""

    command: str
    output: str | None = None
    store: str | None = None
    values: tuple = ()      # (option name, value) of every option: a value naming a file or folder is an input
    demo: bool = False      # --demo: the shipped demo corpus is an input


def check_outputs(run: PlannedRun) -> None:
    """Refuse, before anything is written, the outputs that would replace an input or go where they
    cannot; register the inputs so that every later write checks again."""
    command, output, store = run.command, run.output, run.store
    inputs = _input_paths(run, skip={"output", "store"} if command == "analyze" else {"output"})
    if store and command == "analyze":   # analyze writes the store: it must not be an input
        protect_inputs(inputs)
        refuse_input(store, "--store")
    protect_inputs([*inputs, *([store] if store else [])])   # and no -o may replace the store
    for target in planned_outputs(run):
        refuse_input(target)
    if output and command in ("report", "exercise") and special_kind(output):
        beside = "its charts (PNG)" if command == "report" else "the answer key"
        raise OutputError(f"-o {output}: a {special_kind(output)}: {command} also writes {beside} beside the PDF, "
                          "which cannot go beside a device: give a file name; nothing was written")


def _input_paths(run: PlannedRun, skip: set[str]) -> list[str]:
    """Every option value (but those in ``skip``) that names an existing file or folder."""
    found = []
    for key, value in run.values:
        if key in skip:
            continue
        for item in value if isinstance(value, (list, tuple)) else [value]:
            if isinstance(item, (str, os.PathLike)) and str(item) and os.path.exists(item):
                found.append(str(item))
    if run.demo:
        from .ingest.readers import demo_path

        found.append(str(demo_path()))
    return found


def planned_outputs(run: PlannedRun) -> list[Path]:
    """The files the command is known to write (it may write more: each write checks again)."""
    output, command = run.output, run.command
    if command == "analyze" and not output and not run.store:
        output = "reports/analysis"   # analyze's default folder
    if not output or is_stream(output):
        return [Path(output)] if output else []
    out = Path(output)
    if command == "analyze":
        return [out / name for name in ANALYZE_FILES]
    if command == "compare":
        return [out / name for name in COMPARE_FILES] + (sorted(out.glob("*.png")) + sorted(out.glob("*.svg"))
                                                         if out.is_dir() else [])
    if out.is_dir():
        return [out]
    files = [out, out.with_suffix(".manifest.csv")]
    if command in ("report", "exercise"):
        pdf = out if out.suffix.lower() == ".pdf" else out.with_suffix(".pdf")
        files.append(pdf)
        if command == "report":
            files += sorted(pdf.parent.glob(f"{_glob_escape(pdf.stem)}-*.png")) if pdf.parent.is_dir() else []
        else:
            files.append(pdf.with_name(pdf.stem + "-key.pdf"))
    return files


def _glob_escape(text: str) -> str:
    import glob

    return glob.escape(text)
