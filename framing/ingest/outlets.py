"""Outlet aliases -> canonical outlets (``framing/data/outlets.tsv`` plus the user's own tables).

The table is data (see the header of ``outlets.tsv`` for its columns). A name is looked up after
normalisation: case, a leading ``By``/``the``, hyphens, dots, apostrophes and Arabic letter forms do
not matter, so ``By Al Mayadeen English``, ``al-mayadeen english`` and ``AL MAYADEEN ENGLISH`` are the
same key. When a name is not in the table, a few trailing words that sites add (``English``,
``Arabic``, ``Online``, ``.com``) are dropped and the lookup is tried again.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..tsv import table_lines
from ..normalize import ARABIC_FOLD_NAMES, ARABIC_HARAKAT

SHIPPED_TABLE = Path(__file__).resolve().parent.parent / "data" / "outlets.tsv"
COLUMNS = ("alias", "outlet", "kind", "note")
KINDS = ("outlet", "desk", "agency")
# Words a site appends to its own name; dropped from the end of a name that is not found.
_SUFFIX_WORDS = {"english", "arabic", "en", "ar", "online", "website", "web", "net", "com", "org", "co", "www"}
_ARABIC_FOLD = str.maketrans(ARABIC_FOLD_NAMES)
_DROP = re.compile(rf"[{ARABIC_HARAKAT}\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff'’‘`´]")
_SEPARATE = re.compile(r"[\s\-‐‑‒–—―_./:|,;!?()\[\]{}\"“”«»*•·]+")
_LEADING_BY = re.compile(r"^(?:[Bb][Yy](?=[A-Z])|[Bb][Yy]\s+|[Tt][Hh][Ee]\s+)+")


def outlet_key(name: str) -> str:
    """The lookup key of a name: see the module docstring."""
    s = unicodedata.normalize("NFKC", name).strip()
    s = _LEADING_BY.sub("", s)
    s = _DROP.sub("", s.translate(_ARABIC_FOLD))
    s = _SEPARATE.sub(" ", s).strip().casefold()
    if s.startswith("the "):
        s = s[4:]
    if s.startswith("www "):
        s = s[4:]
    return s


@dataclass(frozen=True)
class OutletMatch:
    """What a name means: its canonical outlet (None for a generic name such as "Agencies")."""

    outlet: str | None
    kind: str
    alias: str


class OutletTable:
    """Alias -> (outlet, kind). Build it with :func:`load_outlets`; treat it as read-only."""

    __slots__ = ("_by_key", "_max_words", "_first_words", "sources")

    def __init__(self, rows: list[tuple[str, str, str]], sources: tuple[str, ...] = ()):
        by_key: dict[str, OutletMatch] = {}
        for alias, outlet, kind in rows:
            key = outlet_key(alias)
            if key:
                by_key[key] = OutletMatch(outlet or None, kind, alias)
        for alias, outlet, kind in rows:  # each canonical name matches itself
            if outlet:
                by_key.setdefault(outlet_key(outlet), OutletMatch(outlet, kind, outlet))
        self._by_key = by_key
        self._max_words = max((len(k.split()) for k in by_key), default=0)
        self._first_words = {k.split()[0] for k in by_key}
        self.sources = sources

    def __len__(self) -> int:
        return len(self._by_key)

    def __repr__(self) -> str:
        return f"OutletTable({len(self)} aliases from {', '.join(self.sources) or 'rows'})"

    def lookup(self, name: str | None) -> OutletMatch | None:
        """The match for a whole name (``"By Al Mayadeen English"``), or None when it is unknown."""
        if not name:
            return None
        key = outlet_key(name)
        if not key or len(key) > 80:
            return None
        hit = self._by_key.get(key)
        if hit is not None:
            return hit
        words = key.split()
        while len(words) > 1 and words[-1] in _SUFFIX_WORDS:
            words.pop()
            hit = self._by_key.get(" ".join(words))
            if hit is not None:
                return hit
        return None

    def may_start(self, tokens: list[str]) -> bool:
        """Cheap test: could a name made of these words (``str.split()``) be in the table?"""
        for tok in tokens[:3]:
            key = outlet_key(tok) if not tok.isascii() or not tok.isalpha() else tok.casefold()
            if not key or key in ("by", "the"):
                continue
            return key.split()[0] in self._first_words
        return False

    def canonical(self, name: str | None) -> str | None:
        """The canonical outlet for ``name``, or None when unknown or generic."""
        hit = self.lookup(name)
        return hit.outlet if hit else None

    def outlets(self) -> set[str]:
        """Every canonical outlet in the table."""
        return {m.outlet for m in self._by_key.values() if m.outlet}

    @property
    def max_words(self) -> int:
        """Words in the longest alias (lets callers skip lookups of long lines)."""
        return self._max_words


def read_outlet_rows(path: Path | str, text: str | None = None) -> list[tuple[str, str, str]]:
    """Rows ``(alias, outlet, kind)`` of one outlet table file, checked against the schema.

    Errors read ``file:line: what is wrong: what to do``.
    """
    path = Path(path)
    if text is None:
        from .encoding import read_text

        text = read_text(path).text
    rows: list[tuple[str, str, str]] = []
    seen: dict[str, int] = {}
    header_seen = False
    for number, raw in table_lines(text):
        cells = [c.strip() for c in raw]
        line = "\t".join(raw)
        if not header_seen:
            header_seen = True
            if [c.lower() for c in cells[:3]] != list(COLUMNS[:3]):
                raise InputError(f"{path}:{number}: the first row must be the header 'alias<TAB>outlet<TAB>kind"
                                 f"[<TAB>note]', found {line.strip()[:60]!r}: add the header row")
            continue
        if len(cells) < 3:
            raise InputError(f"{path}:{number}: expected 3 or 4 tab-separated columns (alias, outlet, kind, note), "
                             f"found {len(cells)}: separate the columns with tabs")
        alias, outlet, kind = cells[0], cells[1], cells[2].lower()
        if not alias:
            raise InputError(f"{path}:{number}: empty alias: give the name as it appears in the text")
        if kind not in KINDS:
            raise InputError(f"{path}:{number}: unknown kind {cells[2]!r}: use one of {', '.join(KINDS)}")
        if not outlet and kind == "outlet":
            raise InputError(f"{path}:{number}: alias {alias!r} of kind outlet has no outlet: "
                             "give the canonical outlet name (only agency or desk rows may leave it empty)")
        key = outlet_key(alias)
        if not key:
            raise InputError(f"{path}:{number}: alias {alias!r} has no letters or digits: remove the row")
        if key in seen:
            raise InputError(f"{path}:{number}: alias {alias!r} is already given at line {seen[key]}: "
                             "keep one of the two rows")
        seen[key] = number
        rows.append((alias, outlet, kind))
    if not header_seen:
        raise InputError(f"{path}: empty outlet table: add the header 'alias<TAB>outlet<TAB>kind' and rows")
    return rows


_SHIPPED_CACHE: list[tuple[str, str, str]] | None = None


def load_outlets(*extra: Path | str, shipped: bool = True) -> OutletTable:
    """The shipped table, then each extra file in turn; a later row for the same alias wins."""
    global _SHIPPED_CACHE
    rows: list[tuple[str, str, str]] = []
    sources: list[str] = []
    if shipped:
        if _SHIPPED_CACHE is None:
            _SHIPPED_CACHE = read_outlet_rows(SHIPPED_TABLE, SHIPPED_TABLE.read_text(encoding="utf-8"))
        rows.extend(_SHIPPED_CACHE)
        sources.append("outlets.tsv")
    for path in extra:
        rows.extend(read_outlet_rows(path))
        sources.append(str(path))
    return OutletTable(rows, tuple(sources))


_DEFAULT: OutletTable | None = None


def default_outlets() -> OutletTable:
    """The shipped table, loaded once."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = load_outlets()
    return _DEFAULT
