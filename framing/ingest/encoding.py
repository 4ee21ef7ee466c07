"""Decode input files: detect the encoding, strip a BOM, record what was used."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str


def looks_binary(raw: bytes) -> bool:
    """True for bytes that are not text in any encoding we read (NUL bytes outside UTF-16)."""
    head = raw[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    return b"\x00" in head


def decode_bytes(raw: bytes, *, source: str) -> DecodedText:
    """Decode ``raw``: BOM first, then strict UTF-8, then charset-normalizer's best guess.

    Line endings are normalised to ``\\n`` so that line numbers agree with what editors show.
    """
    for bom, name in _BOMS:
        if raw.startswith(bom):
            try:
                return DecodedText(_newlines(raw.decode(name)), name)
            except UnicodeDecodeError:
                break
    if looks_binary(raw):
        raise InputError(f"{source}: looks like a binary file, not text: pass a text, CSV, JSON or HTML file")
    try:
        return DecodedText(_newlines(raw.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is not None and best.encoding:
        name = best.encoding
        # charset-normalizer names latin-1 texts with curly quotes cp1252 already; keep its name.
        return DecodedText(_newlines(raw.decode(name, errors="replace")), name)
    return DecodedText(_newlines(raw.decode("cp1252", errors="replace")), "cp1252")


def read_text(path: Path) -> DecodedText:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: file not found: check the path") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}: check its permissions") from None
    return decode_bytes(raw, source=str(path))


def _newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text
