"""A worksheet wording file of the user's checked against the shipped English one.

A translated wording file (``--wording fr.yaml``) that lacks a section or a line (a kind of
worksheet, its title, the answer-key banner) takes the English wording for what it lacks, and
says so in one note on stderr; a file that is not a mapping of sections is refused in one line.
"""
from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

import yaml

from .errors import OptionError


def english() -> dict:
    return yaml.safe_load((resources.files("framing.data") / "worksheets" / "en.yaml").read_text(encoding="utf-8"))


def complete_wording(loaded, path: Path) -> dict:
    """``loaded`` (the user's YAML) with what it lacks taken from the English wording."""
    if not isinstance(loaded, dict):
        raise OptionError(f"{path}: a wording file holds sections (spot:, compare:, rewrite:, guess:) and lines "
                          "(name_line:, key_banner:, source_line:): start from framing/data/worksheets/en.yaml")
    base = english()
    out = dict(loaded)
    missing: list[str] = []
    for key, value in base.items():
        mine = out.get(key)
        if isinstance(value, dict):
            if not isinstance(mine, dict):
                out[key] = value
                missing.append(key)
                continue
            merged = dict(mine)
            for sub, text in value.items():
                if merged.get(sub) in (None, ""):
                    merged[sub] = text
                    missing.append(f"{key}.{sub}")
            out[key] = merged
        elif mine in (None, "") or isinstance(mine, (dict, list)):
            out[key] = value
            missing.append(key)
    if missing:
        shown = ", ".join(missing[:8]) + (f" and {len(missing) - 8} more" if len(missing) > 8 else "")
        print(f"note: {path}: no wording for {shown}: the English wording is used for it", file=sys.stderr)
    return out
