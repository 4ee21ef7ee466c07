"""A dump's lines, each classified once: blank, filler header, filler line, repost line, date line,
byline, source line, photo credit, outlet name, rule ("-----", read as blank) or text; what each
header line says (:class:`Meta`: date, outlet, author); and each line's nearest non-blank
neighbours. :class:`ClassifiedLines` is the base of :class:`~.dump.DumpLines`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate

from ..dates import read_date_line
from ..outlets import default_outlets
from .records import SegmentOptions
from .vocabulary import Vocabulary, fold_word, header_key, vocabulary

SIGNOFF = re.compile(r"[–—-]\s*(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})\s*$")
_YEAR = re.compile(r"\d{4}")
# An explicit rule between articles: "-----", "=====", "_____", "#####", "*****", "—————" (4 or more).
_SEPARATOR = re.compile(r"([-=_~#*—–•·])(?:\s*\1){3,}")
_LIST_ITEM = re.compile(r"(?:[-*•·–—]\s|\d{1,3}[.)]\s|\(\d{1,3}\)\s)")
_INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\ufeff\u2060\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

# Line kinds.
BLANK, TEXT, FILLER_HEADER, INLINE, REPOST, DATE, BYLINE, SOURCE, CREDIT, OUTLET_LINE = range(10)

MAX_HEADLINE_WORDS = 25
MAX_SUBTITLE_WORDS = 45
LONG_LINE_WORDS = 25
LONG_LINE_CHARS = 260
HEADER_LINES = 12
SCRIPT_RUN_WORDS = 40


@dataclass
class Meta:
    """What a header line says."""

    date: str | None = None
    outlet: str | None = None        # canonical (or the raw name where the structure is certain)
    outlet_kind: str | None = None   # "outlet" | "desk" | "agency"
    author: str | None = None
    strong: bool = False             # names an outlet by byline or beside a date


def title_case(name: str, v: Vocabulary) -> bool:
    """A name in title case ("Institute for the Study of War"): at most six words, no digits."""
    words = name.split()
    if not words or len(words) > 6 or any(ch.isdigit() for ch in name):
        return False
    return all(w[:1].isupper() or w.lower() in v.name_particles or w.lower() in v.title_words for w in words)


def _headline_like(s: str) -> bool:
    """No final full stop, comma or colon (also inside a closing quote); not a list item or caption."""
    end = s.rstrip("\"'”’»)")
    if not end or end[-1] in ".,;:،؛…":
        return False
    return not _LIST_ITEM.match(s) and not s.startswith(("(", "["))


def name_like(s: str, particles: frozenset[str]) -> bool:
    """A person's name on a line of its own: 2-4 capitalised words, no digits."""
    words = s.split()
    if not 2 <= len(words) <= 4 or len(s) > 40:
        return False
    for w in words:
        if w.lower() in particles:
            continue
        if not (w[:1].isupper() and all(ch.isalpha() or ch in ".'’-" for ch in w)):
            return False
    return True

class ClassifiedLines:
    """A text split into lines, each classified once."""

    def __init__(self, text: str, *, file: str, options: SegmentOptions = SegmentOptions()):
        self.v = vocabulary()
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        lines = text.split("\n")
        if lines and lines[-1] == "" and text.endswith("\n"):
            lines.pop()
        if text == "":
            lines = []
        self.file = file
        self.options = options
        self.table = options.outlets if options.outlets is not None else default_outlets()
        self.raw = lines
        n = len(lines)
        self.n = n
        self.s: list[str] = [""] * n
        self.kind = [BLANK] * n
        self.meta: dict[int, Meta] = {}
        self.words = [0] * n
        self.headline = [False] * n
        self.filler_kind: dict[int, str] = {}
        self.headlines: list[int] = []
        self.separators: list[int] = []
        self.repost: dict[int, str | None] = {}
        self._repost_lines: list[int] | None = None
        self._classify()
        self._neighbours()

    # -- classification ------------------------------------------------------------------------

    def _classify(self) -> None:
        raw = self.raw
        n = self.n
        lens = list(map(len, raw))
        kind, words, meta = self.kind, self.words, self.meta
        v = self.v
        maybe_special, inline_filler = v.maybe_special, v.inline_filler
        # Paragraphs (long lines) are text unless they open with a filler or repost phrase.
        long_idx = [i for i, length in enumerate(lens) if length > LONG_LINE_CHARS]
        for i in long_idx:
            line = raw[i]
            if line.isspace():
                continue
            kind[i] = TEXT
            words[i] = lens[i] // 6
            self.s[i] = line
            if maybe_special.match(line.lstrip()):
                t = line.strip()
                if self._repost(i, t):
                    kind[i] = REPOST
                elif inline_filler.match(t):
                    kind[i] = INLINE
        if len(long_idx) == n:
            return
        table = self.table
        max_outlet_words = max(table.max_words, 1) + 2
        dayfirst = self.options.dayfirst
        year = _YEAR
        seen: dict[str, tuple[int, Meta | None]] = {}
        for i in (i for i, length in enumerate(lens) if 0 < length <= LONG_LINE_CHARS):
            s = raw[i].strip()
            if not s:
                continue
            if s[0] in _INVISIBLE or s[-1] in _INVISIBLE:
                s = s.strip(_INVISIBLE).strip()
                if not s:
                    continue
            if "\xa0" in s or "\u202f" in s:
                s = s.replace("\xa0", " ").replace("\u202f", " ")
            n_chars = len(s)
            if n_chars <= 80 and _SEPARATOR.fullmatch(s):
                self.separators.append(i)  # a rule between articles: blank for everything else
                continue
            self.s[i] = s
            if n_chars > 160:  # a short paragraph: only filler and repost lines are told apart
                nw = s.count(" ") + 1
                words[i] = nw
                kind[i] = TEXT
                if maybe_special.match(s):
                    if self._repost(i, s):
                        kind[i] = REPOST
                    elif inline_filler.match(s):
                        kind[i] = INLINE
                if kind[i] == TEXT and nw <= MAX_HEADLINE_WORDS and n_chars <= 220 and _headline_like(s):
                    self.headline[i] = True
                    self.headlines.append(i)
                continue
            tokens = s.split()
            nw = len(tokens)
            words[i] = nw
            if n_chars <= v.max_header_chars and fold_word(tokens[0]) in v.filler_first:
                fk = v.filler_kind.get(header_key(s))
                if fk is not None:
                    kind[i] = FILLER_HEADER
                    self.filler_kind[i] = fk
                    continue
            known = seen.get(s)
            if known is not None:  # header lines repeat (the same byline, date or source line)
                kind[i], m = known
                if m is not None:
                    meta[i] = m
                continue
            if maybe_special.match(s):
                if self._repost(i, s):
                    kind[i] = REPOST
                    continue
                if inline_filler.match(s):
                    kind[i] = INLINE
                    continue
                if n_chars <= 160:
                    m = self._byline(s, dayfirst)
                    if m is not None:
                        kind[i], meta[i] = seen[s] = BYLINE, m
                        continue
                    m = self._source(s)
                    if m is not None:
                        kind[i], meta[i] = seen[s] = SOURCE, m
                        continue
            if n_chars <= 120 and year.search(s):
                m = self._date_line(s, dayfirst)
                if m is not None:
                    kind[i], meta[i] = seen[s] = DATE, m
                    continue
            if nw <= 20 and v.credit.match(s):
                kind[i] = CREDIT
                continue
            if nw <= max_outlet_words and n_chars <= 60 and table.may_start(tokens):
                hit = table.lookup(s.rstrip(",.;:|–—- "))
                if hit is not None and hit.outlet and hit.kind != "desk":
                    kind[i], meta[i] = seen[s] = OUTLET_LINE, Meta(outlet=hit.outlet, outlet_kind=hit.kind)
                    continue
            kind[i] = TEXT
            if 2 <= nw <= MAX_HEADLINE_WORDS and n_chars <= 220 and _headline_like(s):
                self.headline[i] = True
                self.headlines.append(i)

    def _repost(self, i: int, s: str) -> bool:
        m = self.v.repost.match(s)
        if m:
            self.repost[i] = self._name_to_outlet(m.group("name"))
            return True
        return False

    def _name_to_outlet(self, name: str) -> str | None:
        name = name.strip().rstrip(".")
        hit = self.table.lookup(name)
        if hit is not None:
            return hit.outlet
        head = self.v.name_split.split(name, maxsplit=1)[0].strip()
        hit = self.table.lookup(head)
        if hit is not None:
            return hit.outlet
        return head if title_case(head, self.v) else None

    def _byline(self, s: str, dayfirst: bool) -> Meta | None:
        m = self.v.byline.match(s)
        if not m:
            return None
        rest = m.group("rest").strip().rstrip("-–—|, ")
        if not rest or rest.endswith(".") and not re.search(r"\b[A-Z]\.$", rest):
            return None
        parts = [p.strip() for p in re.split(r"\s+\|\s+|\s*\|\s*", rest) if p.strip()]
        meta = Meta()
        for k, part in enumerate(parts):
            if len(part.split()) > 10:
                return None
            hit = self.table.lookup(part)
            if hit is not None:
                if hit.outlet and meta.outlet is None:
                    meta.outlet, meta.outlet_kind = hit.outlet, hit.kind
                    meta.strong = hit.kind != "desk"
                continue
            dl = read_date_line(part, dayfirst=dayfirst)
            if dl is not None and not dl.before and not dl.after:
                meta.date = meta.date or dl.iso
                continue
            if k == 0:
                author, outlet = self._author_and_outlet(part)
                if author is None and outlet is None:
                    return None
                meta.author = author
                if outlet and meta.outlet is None:
                    meta.outlet, meta.outlet_kind, meta.strong = outlet, "outlet", True
            elif meta.outlet is None and title_case(part, self.v):
                meta.outlet, meta.outlet_kind, meta.strong = part, "outlet", True
        if meta.author is None and meta.outlet is None and meta.date is None:
            return None
        return meta

    def _author_and_outlet(self, part: str) -> tuple[str | None, str | None]:
        """``John Smith`` / ``John Smith, Reuters`` / ``John Smith and Jane Roe``."""
        first = part[:1]
        if not (first.isupper() or "\u0600" <= first <= "\u06ff"):
            return None, None
        if "," in part:
            name, _, tail = part.partition(",")
            hit = self.table.lookup(tail)
            if hit is not None:
                return (name.strip() or None), hit.outlet
        words = part.replace("&", " & ").split()
        if len(words) > 8 or any(ch.isdigit() for ch in part):
            return None, None
        if "\u0600" <= first <= "\u06ff":
            return part, None
        # A name, or names joined by "and": "By Tuesday evening the army had left" is not a byline.
        particles, joiners = self.v.name_particles, self.v.name_joiners
        if not all(w[:1].isupper() or w.lower() in particles or w in joiners or w == "&" for w in words):
            return None, None
        return part, None

    def _source(self, s: str) -> Meta | None:
        m = self.v.source.match(s)
        if not m:
            return None
        name = m.group("name").strip().rstrip(".")
        if len(name.split()) > 8:
            return None
        hit = self.table.lookup(name)
        if hit is not None:
            return Meta(outlet=hit.outlet, outlet_kind=hit.kind)
        return Meta(outlet=name if title_case(name, self.v) else None, outlet_kind="outlet")

    def _date_line(self, s: str, dayfirst: bool) -> Meta | None:
        dl = read_date_line(s, dayfirst=dayfirst)
        if dl is None:
            return None
        meta = Meta(date=dl.iso)
        for side in (dl.before, dl.after):
            if not side:
                continue
            hit = self.table.lookup(side)
            if hit is not None and hit.outlet:
                meta.outlet, meta.outlet_kind, meta.strong = hit.outlet, hit.kind, hit.kind != "desk"
                break
            if "|" in s and title_case(side, self.v):
                meta.outlet, meta.outlet_kind, meta.strong = side, "outlet", True
                break
        return meta

    def _neighbours(self) -> None:
        n, kind = self.n, self.kind
        # lines blanked inside an article's text
        self.special = sorted([*self.separators,
                               *(i for i, k in enumerate(kind) if k in (INLINE, REPOST, CREDIT, FILLER_HEADER))])
        prev = list(accumulate((i if k != BLANK else -1 for i, k in enumerate(kind)), max))
        self.prev_nb = [-1] + prev[:-1]
        nxt = list(accumulate((i if kind[i] != BLANK else n for i in range(n - 1, -1, -1)), min))
        nxt.reverse()
        self.next_nb = nxt[1:] + [n]

    # -- helpers ---------------------------------------------------------------------------------

    def blank(self, i: int) -> bool:
        return i < 0 or i >= self.n or self.kind[i] == BLANK

    def alone(self, i: int) -> bool:
        """Line i stands alone between blank lines (or the file's edges)."""
        return self.blank(i - 1) and self.blank(i + 1)

    def long(self, i: int) -> bool:
        return self.kind[i] == TEXT and (self.words[i] >= LONG_LINE_WORDS or len(self.s[i]) > 240)

    def _nostop(self, i: int) -> bool:
        s = self.s[i].rstrip("\"'”’»)")
        return bool(s) and s[-1] not in ".,;:،؛" and not _LIST_ITEM.match(self.s[i])
