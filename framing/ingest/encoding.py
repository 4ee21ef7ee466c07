"""Decode input files: detect the encoding, strip a BOM, record what was used and what was damaged.

Two ways in, with the same rules:

* :func:`decode_bytes` / :func:`read_text` decode a whole file (text dumps, HTML, JSON, lexicons);
* :class:`LineStream` decodes a file (or a ``.gz``) line by line through an incremental decoder, so
  that CSV/TSV and JSON Lines of any size are read in bounded memory.

The encoding is chosen from the head of the file: a BOM; else strict UTF-8; else, when the bytes do
not look binary, charset-normalizer's guess (cp1252 when it is among the equally good guesses, since
most legacy Western exports are cp1252 or its subset latin-1). The rest of the file is decoded with
that encoding; bytes it cannot decode become U+FFFD and are *counted per line*, so the manifest can
say "3 undecodable bytes replaced" for the record they were in. U+FFFD characters that were already
in the file (damage done before the export) are counted apart. Line endings ``\\r\\n`` and ``\\r``
become ``\\n``, so line numbers agree with what editors show.
"""
from __future__ import annotations

import codecs
import gzip
import os
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from ..errors import InputError
from .paths import refuse_special

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
HEAD_BYTES = 1 << 20          # the encoding is chosen from the first MiB
BLOCK_BYTES = 1 << 16         # then the file is decoded 64 KiB at a time
MAX_LINE_CHARS = 32_000_000   # a longer line (no line break in 32 M characters) is not read
MAX_WHOLE_MB = 64             # files read whole (.txt, .json, HTML, feeds): the default limit, in MB of bytes
MAX_BLANK_HEAD = 64 << 20     # blank bytes read past the head to find the first text, at most
_BLANK_BYTES = b" \t\r\n\x0b\x0c"

# The decoder writes this lone surrogate for every byte it cannot decode (no decoder we use can
# produce one from real text, as with Python's 'surrogateescape'); it becomes U+FFFD once the
# line's count is taken, so replacements made here are told apart from U+FFFD already in the file.
_MARK = "\udcfe"
REPLACEMENT = "\ufffd"


def _mark_undecodable(exc: UnicodeDecodeError):
    return _MARK * max(1, exc.end - exc.start), exc.end


codecs.register_error("framing.mark", _mark_undecodable)


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    # (1-based line, bytes replaced) for lines where undecodable bytes became U+FFFD
    replaced_lines: tuple[tuple[int, int], ...] = field(default=(), compare=False)

    @property
    def replaced(self) -> int:
        return sum(n for _, n in self.replaced_lines)

    def replaced_between(self, first: int, last: int) -> int:
        """Undecodable bytes replaced on lines ``first``..``last`` (1-based, inclusive)."""
        return sum(n for line, n in self.replaced_lines if first <= line <= last)


def damage_note(replaced: int, found: int = 0, escapes: int = 0) -> str:
    """The manifest's words for a record's encoding damage ('' when there is none)."""
    notes = []
    if replaced:
        notes.append(f"{replaced} undecodable byte{'s' if replaced != 1 else ''} replaced by U+FFFD")
    if escapes:
        notes.append(f"{escapes} invalid \\u escape{'s' if escapes != 1 else ''} (lone surrogates) replaced by U+FFFD")
    if found:
        notes.append(f"{found} U+FFFD replacement character{'s' if found != 1 else ''} already in the "
                     "input (characters lost before this file was written)")
    return "; ".join(notes)


# ----------------------------------------------------------------------------- detection

def looks_binary(raw: bytes) -> bool:
    """True for bytes that are not text in any encoding we read: NUL bytes (outside UTF-16/32), or
    many control characters (images, archives, office files, executables)."""
    head = raw[:8192]
    if not head or head.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(head):
        return False
    if b"\x00" in head:
        return True
    controls = sum(head.count(bytes([c])) for c in (*range(1, 9), 14, 15, *range(16, 27), *range(28, 32), 127))
    return controls > len(head) * 0.1


def _plausible_utf32(head: bytes) -> bool:
    try:
        return bool(codecs.getincrementaldecoder("utf-32")("strict").decode(head[:len(head) - len(head) % 4]))
    except UnicodeDecodeError:
        return False


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' for mostly-ASCII UTF-16 text without a BOM, else None."""
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    half = len(head) // 2
    if odd.count(0) > 0.4 * half and even.count(0) < 0.05 * half:
        return "utf-16-le"
    if even.count(0) > 0.4 * half and odd.count(0) < 0.05 * half:
        return "utf-16-be"
    return None


def detect_encoding(head: bytes, *, source: str, complete: bool = False) -> str:
    """The encoding to read a file in, judged from its first bytes (``complete``: the whole file).

    Raises :class:`InputError` for binary files.
    """
    for bom, name in _BOMS:
        if head.startswith(bom):
            if name == "utf-32" and not _plausible_utf32(head):
                continue  # FF FE 00 00 is also UTF-16 text starting with U+0000
            return name
    try:
        codecs.getincrementaldecoder("utf-8")("strict").decode(head, final=complete)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    utf16 = _utf16_without_bom(head[:8192])
    if utf16:
        return utf16
    if looks_binary(head):
        raise InputError(f"{source}: looks like a binary file (an image, archive or program), not text: "
                         "pass a text, CSV, JSON or HTML file")
    if _mostly_utf8(head):
        return "utf-8"
    return _guess_legacy(head)


def _mostly_utf8(head: bytes) -> bool:
    """UTF-8 with some damage (a few stray latin-1 bytes): more valid multi-byte characters than
    undecodable bytes. Such a file is read as UTF-8 and its undecodable bytes are counted."""
    text = head.decode("utf-8", errors="framing.mark")
    invalid = text.count(_MARK)
    valid = sum(1 for ch in text if ch > "\x7f") - invalid
    return valid > 0 and valid >= invalid


def _guess_legacy(head: bytes) -> str:
    from charset_normalizer import from_bytes

    results = list(from_bytes(head[:262_144]))
    if not results:
        return "cp1252"
    best = results[0].percent_chaos
    for r in results:
        if r.percent_chaos > best + 0.1:
            break
        if "cp1252" in r.could_be_from_charset:
            return "cp1252"
    return results[0].encoding or "cp1252"


# ----------------------------------------------------------------------------- whole files

def _detection_head(raw: bytes) -> tuple[bytes, bool]:
    """The bytes the encoding is judged from: the first MiB after any leading blank lines (a file
    that begins with a megabyte of blank lines is judged by its text), and whether that is the
    file's end. UTF-16/32 files (NUL bytes) are judged from their first MiB as they are."""
    skip = 0
    if raw[:1] in (b" ", b"\t", b"\r", b"\n", b"\x0b", b"\x0c") and b"\x00" not in raw[:4]:
        skip = len(raw) - len(raw.lstrip(_BLANK_BYTES))
    head = raw[skip:skip + HEAD_BYTES]
    return head, skip + HEAD_BYTES >= len(raw)


def decode_bytes(raw: bytes, *, source: str) -> DecodedText:
    """Decode a whole file's bytes (see the module docstring)."""
    head, complete = _detection_head(raw)
    name = detect_encoding(head, source=source, complete=complete)
    text = _newlines(raw.decode(name, errors="framing.mark"))
    if name.startswith("utf-16") or name.startswith("utf-32") or name == "utf-8-sig":
        text = text.lstrip("\ufeff")
    replaced: tuple[tuple[int, int], ...] = ()
    if _MARK in text:
        counts = []
        for number, line in enumerate(text.split("\n"), start=1):
            if _MARK in line:
                counts.append((number, line.count(_MARK)))
        replaced = tuple(counts)
        text = text.replace(_MARK, REPLACEMENT)
    return DecodedText(text, _label(name), replaced)


def open_error(path: Path, exc: OSError) -> InputError:
    """The user-facing error for a file that cannot be opened or read."""
    if isinstance(exc, FileNotFoundError):
        return InputError(f"{path}: file not found: check the path")
    if isinstance(exc, IsADirectoryError):
        return InputError(f"{path}: is a folder, not a file")
    return InputError(f"{path}: cannot read: {exc.strerror or exc}: check the file and its permissions")


def too_big(path: Path, what: str, limit_mb: float) -> InputError:
    return InputError(f"{path}: {what} more than {limit_mb:g} MB, the limit for files read whole (.txt, .json, "
                      f"HTML, feeds): raise it with --max-file-mb (each MB of text takes 10 to 40 MB of memory), "
                      f"split the file, or give the corpus as CSV or JSON Lines, which are read in a stream")


def read_bytes(path: Path, *, max_mb: float | None = None) -> bytes:
    """A whole file's bytes, a ``.gz`` decompressed, refused past ``max_mb`` megabytes (default
    :data:`MAX_WHOLE_MB`; 0 = no limit) before they are all in memory: the file's size is checked
    first, and a gzip stream is decompressed only up to the limit (a small .gz can hold gigabytes)."""
    path = Path(path)
    limit_mb = MAX_WHOLE_MB if max_mb is None else max_mb
    limit = int(limit_mb * (1 << 20)) if limit_mb else None
    gz = path.suffix.lower() == ".gz"
    refuse_special(path)
    try:
        with open(path, "rb") as f:
            if limit is not None and not gz:
                size = os.fstat(f.fileno()).st_size
                if size > limit:
                    raise too_big(path, f"{size / (1 << 20):,.0f} MB,", limit_mb)
            if not gz:
                raw = f.read() if limit is None else f.read(limit + 1)
                if limit is not None and len(raw) > limit:  # grew while read, or not a regular file
                    raise too_big(path, "has", limit_mb)
                return raw
            with gzip.GzipFile(fileobj=f, mode="rb") as z:
                parts, size = [], 0
                while True:
                    block = z.read(1 << 20)
                    if not block:
                        break
                    parts.append(block)
                    size += len(block)
                    if limit is not None and size > limit:
                        raise too_big(path, "decompresses to", limit_mb)
                return b"".join(parts)
    except OSError as exc:
        if isinstance(exc, gzip.BadGzipFile):
            raise InputError(f"{path}: not a gzip file ({exc}): remove the .gz ending or compress it") from None
        raise open_error(path, exc) from None
    except (EOFError, zlib.error) as exc:
        raise InputError(f"{path}: damaged or truncated gzip file ({exc or 'truncated'}): download it again") from None


def read_text(path: Path, *, max_mb: float | None = None) -> DecodedText:
    """A whole file decoded (see :func:`read_bytes` for the size limit)."""
    return decode_bytes(read_bytes(path, max_mb=max_mb), source=str(path))


def _newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _label(name: str) -> str:
    """How the manifest names an encoding."""
    return {"utf-8-sig": "utf-8 (BOM)", "utf-16": "utf-16 (BOM)", "utf-32": "utf-32 (BOM)"}.get(name, name)


# ----------------------------------------------------------------------------- streaming

class ReadFailure(Exception):
    """The file stopped being readable part-way (truncated gzip, I/O error): ``str`` says why."""


class LineStream:
    """The lines of a file, decoded incrementally: memory is bounded by one line, not the file.

    Iterating yields lines ending in ``\\n`` (the last may lack it). After each line,
    :attr:`replaced` and :attr:`found` are the running totals of undecodable bytes replaced and of
    U+FFFD already in the file, and :attr:`line` the number of lines read. A line longer than
    :data:`MAX_LINE_CHARS` is not kept: an empty line stands in for it and its number goes to
    :attr:`too_long`. Opening errors raise :class:`InputError`; a file that breaks off part-way
    raises :class:`ReadFailure` from the iteration.
    """

    def __init__(self, path: Path, *, max_line_chars: int | None = None):
        self.path = Path(path)
        self.max_line_chars = max_line_chars or MAX_LINE_CHARS
        self.replaced = 0
        self.found = 0
        self.line = 0
        self.too_long: list[int] = []
        self._opening = True
        self._pending: ReadFailure | None = None   # a read error met while reading the head
        self._raw = self._open()
        try:
            head = self._read_head()
            self._head = head
            judged = head
            if head[:1] in (b" ", b"\t", b"\r", b"\n") and b"\x00" not in head[:4]:
                # blank lines first: read on until the text (or the end), and judge the text
                head = self._head = self._read_past_blank(head)
                judged = head.lstrip(_BLANK_BYTES)
            self.empty = not head.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe")
            complete = self._at_end and self._pending is None and len(judged) <= HEAD_BYTES
            name = detect_encoding(judged[:HEAD_BYTES], source=str(self.path), complete=complete)
        except BaseException:
            self.close()
            raise
        self._codec = name
        self.encoding = _label(name)
        self._opening = False

    def _read_head(self, limit: int = HEAD_BYTES, parts: list[bytes] | None = None) -> bytes:
        parts = parts or []
        size = sum(map(len, parts))
        self._at_end = False
        while size < limit:
            try:
                block = self._read(min(BLOCK_BYTES, limit - size))
            except ReadFailure as exc:
                if not parts:
                    raise InputError(f"{self.path}: cannot read: {exc}") from None
                self._pending = exc  # readable up to here: read what there is, then say where it broke off
                break
            if not block:
                self._at_end = True
                break
            parts.append(block)
            size += len(block)
        return b"".join(parts)

    def _read_past_blank(self, head: bytes) -> bytes:
        """``head`` and what follows it, up to a MiB past the leading blank bytes (which may run
        on for up to :data:`MAX_BLANK_HEAD` bytes)."""
        while not self._at_end and self._pending is None:
            blank = len(head) - len(head.lstrip(_BLANK_BYTES))
            if len(head) - blank >= HEAD_BYTES or len(head) >= MAX_BLANK_HEAD:
                break
            head = self._read_head(min(blank + HEAD_BYTES, MAX_BLANK_HEAD), [head])
        return head

    def _open(self):
        refuse_special(self.path)
        try:
            f = open(self.path, "rb")
        except OSError as exc:
            raise open_error(self.path, exc) from None
        if self.path.suffix.lower() == ".gz":
            return gzip.GzipFile(fileobj=f, mode="rb")
        return f

    def _read(self, n: int) -> bytes:
        try:
            return self._raw.read1(n)
        except gzip.BadGzipFile as exc:
            if self._opening:
                raise InputError(f"{self.path}: not a gzip file ({exc}): remove the .gz ending or compress it") from None
            raise ReadFailure(f"damaged gzip data ({exc})") from None
        except (EOFError, zlib.error) as exc:
            raise ReadFailure(f"damaged or truncated gzip data ({exc or 'truncated'}): download the file again") from None
        except OSError as exc:
            raise ReadFailure(f"read error ({exc.strerror or exc})") from None

    def close(self) -> None:
        raw = getattr(self, "_raw", None)
        if raw is not None:
            fileobj = getattr(raw, "fileobj", None)
            raw.close()
            if fileobj is not None:
                fileobj.close()
            self._raw = None

    def __enter__(self) -> "LineStream":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _blocks(self) -> Iterator[str]:
        decoder = codecs.getincrementaldecoder(self._codec)(errors="framing.mark")
        block, self._head = self._head, b""
        if self._pending is not None:
            yield decoder.decode(block)
            raise self._pending
        while block:
            yield decoder.decode(block)
            block = self._read(BLOCK_BYTES)
        yield decoder.decode(b"", final=True)

    def __iter__(self) -> Iterator[str]:
        parts: list[str] = []    # the current line, so far
        size = 0
        dropping = False         # the current line is too long: its rest is read and dropped
        cr = False               # the previous block ended in '\r'
        first = True
        for text in self._blocks():
            if not text:
                continue
            if first:
                text = text.lstrip("\ufeff")
                first = False
            if cr:
                text = text[1:] if text.startswith("\n") else text
                cr = False
            if "\r" in text:
                if text.endswith("\r"):
                    cr = True
                text = text.replace("\r\n", "\n").replace("\r", "\n")
            pieces = text.split("\n")
            for piece in pieces[:-1]:
                if not dropping:
                    parts.append(piece)
                    size += len(piece)
                    if size > self.max_line_chars:
                        dropping = True
                line = self._finish_line(parts, dropping)
                parts, size, dropping = [], 0, False
                yield line
            tail = pieces[-1]
            if tail and not dropping:
                parts.append(tail)
                size += len(tail)
                if size > self.max_line_chars:
                    dropping = True
                    parts = []
        if parts or dropping:
            line = self._finish_line(parts, dropping)
            if line != "\n":
                line = line[:-1]
            yield line

    def _finish_line(self, parts: list[str], dropping: bool) -> str:
        self.line += 1
        if dropping:
            self.too_long.append(self.line)
            return "\n"
        line = parts[0] if len(parts) == 1 else "".join(parts)
        if REPLACEMENT in line:
            self.found += line.count(REPLACEMENT)
        if _MARK in line:
            self.replaced += line.count(_MARK)
            line = line.replace(_MARK, REPLACEMENT)
        return line + "\n"
