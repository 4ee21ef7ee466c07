"""Input paths that are not plain files inside the folder named: pipes, devices, links, odd names.

* A named pipe (FIFO) or a device given as an input is refused in one line before it is opened
  (opening a pipe nobody writes to waits for ever; a device such as /dev/zero never ends).
* A symbolic link found while walking a folder is followed only when it points inside that folder
  (as the user named it, links resolved): a link to /etc in a corpus folder must not put system
  files into the outputs. A link that leads out is recorded in the manifest with where it points.
* File names that are not valid UTF-8 (bytes kept by Python as lone surrogates) or that hold line
  breaks or other control characters are shown with escapes (``\\xff``, ``\\n``) wherever a name is
  written out (manifest, tables, messages), so that no output chokes on them; the file is read
  under its real name.
"""
from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from ..errors import InputError

_CONTROL = re.compile("[\x00-\x1f\x7f\u2028\u2029\ud800-\udfff]")


def _escape(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of the name, as os.fsdecode keeps it
        return f"\\x{code - 0xDC00:02x}"
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def shown(path) -> str:
    """A path as text any output can hold: undecodable bytes and control characters escaped."""
    s = os.fspath(path) if not isinstance(path, str) else path
    if isinstance(s, bytes):
        s = os.fsdecode(s)
    return _CONTROL.sub(lambda m: _escape(m.group()), s) if _CONTROL.search(s) else s


def kind_of(mode: int) -> str | None:
    """What a file that is not a regular file is, in words (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def refuse_special(path: Path) -> None:
    """Raise :class:`InputError` for a pipe, device or socket given as an input (before opening it)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # opening it says what is wrong
    what = kind_of(mode)
    if what is not None and what != "a folder":
        raise InputError(f"{shown(path)}: {what}, not a file: framing reads files; save what it gives to a file "
                         "first and name that file")


def outside(link: Path, real_root: str) -> str | None:
    """Where a symbolic link found in a folder walk points, when that is outside ``real_root`` (the
    walked folder, links resolved); None when it stays inside (or does not resolve)."""
    try:
        target = os.path.realpath(link)
    except (OSError, ValueError):
        return None
    if target == real_root or target.startswith(real_root.rstrip(os.sep) + os.sep):
        return None
    return target
