"""Split a pasted multi-article text dump into articles and filler, with title, outlet, date, author.

A dump is what a user gets by pasting a blog's pages into one text file: headlines, date lines,
bylines, source lines, paragraphs, and the blog's own filler ("Related Videos", "More on the topic",
"Note to readers: ...") between the articles. Every line of the input ends up in exactly one
:class:`Segment`; segments are in order and contiguous. Lines are separated by ``\\n`` (``\\r\\n`` and
``\\r`` count as ``\\n``); a final newline does not start another line.

How a dump is split (in this order)
1. Each line is classified once: blank, filler header ("Related Videos", "مقالات متعلقة"), filler line
   ("Read more: ...", "Note to readers: ...", "Copyright ©"), repost line ("The original source of
   this article is X"), date line ("June 17, 2022", "Sputnik – 12.05.2020", "السبت 5 آذار 2022"),
   byline ("By X", "ByNews Desk-", "By X | Outlet | May 13, 2020"), source line ("Source: X",
   "المصدر: X"), photo credit, a line that is only an outlet's name ("South Front"), a rule
   ("-----", "=====", treated as a blank line), or text.
2. Article starts:
   a. *header*: a run of date/byline/source/outlet lines (blank lines between them allowed) under a
      headline-like line (2-25 words, no final full stop). The headline is the line above the run,
      or the line above that when the line in between is a longer subtitle (The Cradle's layout);
   b. *title alone*: a headline-like line standing alone between blank lines and followed by at
      least two blank lines, then text (the gap a pasted featured image leaves);
   c. *after filler*: filler that runs into a paragraph (25+ words) ends there; the article starts
      at the headline-like line just above the paragraph, or at the paragraph itself;
   d. *header without headline*: a run as in (a) with no headline above it starts an article when
      it names an outlet by byline or date line, has two or more lines, or follows two blank lines,
      filler or the start of the file ("South Front" pasted alone above an article);
   e. *rule*: the first line after a rule ("-----"), unless the rule underlines a headline;
   f. *language change*: 40+ words in one script (Arabic, Latin, Cyrillic, ...) after 40+ words in
      another, when nothing else marks a boundary there.
   Filler headers start filler segments of their kind; the filler ends at the next start.
3. Each region between starts becomes a segment. For articles the header is read: title, subtitle,
   date, outlet, author; the body (``text``) starts after the header. Inside the body, filler lines
   are blanked (the line stays, empty) so that line ``body_start_line + k`` of the file is line
   ``k`` of ``text``. Trailing filler (notes to readers, copyright lines, a list of video titles
   just before the next article) is split off into its own segment, except in a file with only one
   article.
4. Articles whose text has fewer than ``min_article_words`` words are not analysed: they become
   ``related-links`` when they follow a related-links or video segment or look like a listing (a
   title with a date), else ``boilerplate``. A file in which no boundary is found is one article
   whatever its length.
5. Reposts: articles whose text repeats an earlier article's (see :mod:`framing.ingest.dedupe`) get
   ``duplicate_of`` = that segment's index.

Outlet and date (null when the text does not say)
    The outlet is, in order of preference: the original source named by a repost line; an outlet
    named by a byline ("By Al Mayadeen English") or beside a date ("Press TV – April 30, 2020",
    "By X | American Herald Tribune | May 13, 2020"); a desk byline's house outlet ("By Staff,
    Agencies"); a line that is only an outlet's name ("Global Research,"); a source line naming a
    specific outlet ("Source: Al Mayadeen"). "Source: Agencies" names none. When the article names
    an original outlet and the header also names another site, that site is ``reposted_by``.
    The date is the one on the original outlet's own date line when there is one ("The Cradle 5
    March 2022" under a repost's "March 06, 2022"), else the first date line of the header. Dates
    mentioned in the body are never used.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from itertools import accumulate

from ..errors import LanguageError
from ..languages import ENV, language_folders, read_rows
from ..normalize import ARABIC_FOLD_NAMES, ARABIC_HARAKAT
from .dates import read_date_line
from .dedupe import DEFAULT_THRESHOLD, find_duplicates
from .outlets import OutletTable, default_outlets

KINDS = ("article", "related-links", "video-caption", "boilerplate")
JSONL_KEYS = ("file", "start_line", "end_line", "kind", "title", "outlet", "date", "author", "lang",
              "duplicate_of")

# ----------------------------------------------------------------------------- filler vocabulary

# The vocabulary is data: framing/languages/<code>/filler_headers.tsv and segmenter.tsv, every
# language's rows together (a dump mixes languages; an article's language is decided after it is
# split), English first. Read by _use_vocabulary(): the shipped folders on import, again with the
# folders of FRAMING_LANGUAGES when it names any.
FILLER_KINDS = ("video-caption", "related-links", "boilerplate")
SEGMENTER_RULES = ("inline_filler", "repost", "source", "byline", "credit", "first_word", "name_particle")
_VOCAB_ENV: str | None = None


def _read_vocabulary(env: str) -> dict:
    """Every language's filler headers (kind -> headers) and segmenter rules (rule -> rows), checked."""
    headers: dict[str, list[str]] = {k: [] for k in FILLER_KINDS}
    rules: dict[str, list[str]] = {r: [] for r in SEGMENTER_RULES}
    for folder in language_folders(env).values():
        path = folder / "filler_headers.tsv"
        for n, row in read_rows(path, ("kind", "header")) if path.is_file() else ():
            if row["kind"] not in headers:
                raise LanguageError(f"{path}:{n}: kind '{row['kind']}' is not known: write one of {', '.join(FILLER_KINDS)}")
            if row["header"]:
                headers[row["kind"]].append(row["header"])
        path = folder / "segmenter.tsv"
        for n, row in read_rows(path, ("rule", "pattern")) if path.is_file() else ():
            if row["rule"] not in rules:
                raise LanguageError(f"{path}:{n}: rule '{row['rule']}' is not known: write one of {', '.join(SEGMENTER_RULES)}")
            try:
                re.compile(row["pattern"])
            except re.error as e:
                raise LanguageError(f"{path}:{n}: the pattern is not a regular expression ({e}): fix or delete it") from None
            if row["pattern"]:
                rules[row["rule"]].append(row["pattern"])
    return {"headers": headers, "rules": rules}


def _use_vocabulary(env: str | None = None) -> None:
    """Set the module's filler tables from the language folders (once per FRAMING_LANGUAGES value;
    ``env=""``: the shipped folders only)."""
    global _VOCAB_ENV, FILLER_HEADERS, _INLINE_FILLER, _REPOST, _SOURCE, _BYLINE, _CREDIT, _MAYBE_SPECIAL
    global _NAME_PARTICLES, _FILLER_KIND, _FILLER_FIRST, _MAX_HEADER_CHARS
    env = os.environ.get(ENV, "") if env is None else env
    if env == _VOCAB_ENV:
        return
    vocab = _read_vocabulary(env)
    rules = vocab["rules"]
    FILLER_HEADERS = {k: tuple(v) for k, v in vocab["headers"].items()}
    # Whole lines that are filler wherever they stand; inside an article they are blanked, not split off.
    _INLINE_FILLER = re.compile("|".join(rules["inline_filler"]), re.I)
    _REPOST = re.compile("(?:" + "|".join(rules["repost"]) + r")\s*(?P<name>\S.*)", re.I)
    _SOURCE = re.compile("(?:" + "|".join(rules["source"]) + r")\s*[:：]\s*(?P<name>.+)", re.I)
    _BYLINE = re.compile("(?:" + "|".join(rules["byline"]) + r")(?P<rest>\S.*)")
    _CREDIT = re.compile("|".join(rules["credit"]), re.I)
    # Cheap test before the filler, repost, byline and source patterns: the words they can start with.
    _MAYBE_SPECIAL = re.compile("(?:" + "|".join(rules["first_word"]) + ")", re.I)
    _NAME_PARTICLES = set(rules["name_particle"])
    _FILLER_KIND = {_header_key(h): kind for kind, heads in FILLER_HEADERS.items() for h in heads}
    _FILLER_FIRST = {k.split()[0] for k in _FILLER_KIND}
    _MAX_HEADER_CHARS = max(map(len, _FILLER_KIND), default=0) + 6
    _VOCAB_ENV = env


_SIGNOFF = re.compile(r"[–—-]\s*(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})\s*$")
# Cheap test before the filler, repost, byline and source patterns: the words they can start with.
_MAYBE_SPECIAL = re.compile(
    r"(?:by|written|author|sources?|read|also|see|watch|related|more|note|click|%d|like|loading|share|copyright"
    r"|©|\(c\)|all|the|this|disclaimer|to|visit|follow|subscribe|please|advertisement|sponsored|tweet|print"
    r"|email|whatsapp|telegram|facebook|twitter|pinterest|reddit|linkedin|original|first|republished|reposted"
    r"|reprinted|cross|بقلم|كتب|المصدر|المصادر|اقر|شاهد|تابعونا|جميع)",
    re.I,
)
_YEAR = re.compile(r"\d{4}")
# An explicit rule between articles: "-----", "=====", "_____", "#####", "*****", "—————" (4 or more).
_SEPARATOR = re.compile(r"([-=_~#*—–•·])(?:\s*\1){3,}")
_LIST_ITEM = re.compile(r"(?:[-*•·–—]\s|\d{1,3}[.)]\s|\(\d{1,3}\)\s)")
_INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\ufeff\u2060\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_ARABIC_FOLD = str.maketrans(ARABIC_FOLD_NAMES)
_HARAKAT = re.compile(f"[{ARABIC_HARAKAT}]")

# Line kinds.
BLANK, TEXT, FILLER_HEADER, INLINE, REPOST, DATE, BYLINE, SOURCE, CREDIT, OUTLET_LINE = range(10)

MAX_HEADLINE_WORDS = 25
MAX_SUBTITLE_WORDS = 45
LONG_LINE_WORDS = 25
LONG_LINE_CHARS = 260
HEADER_LINES = 12
SCRIPT_RUN_WORDS = 40


def _header_key(s: str) -> str:
    s = _HARAKAT.sub("", s.translate(_ARABIC_FOLD)).casefold()
    return " ".join(s.strip().rstrip(":：.…-–— ").split())




def _fold_word(word: str) -> str:
    """A line's first word as :func:`_header_key` would have it (quick test before the full key)."""
    word = word.casefold().rstrip(":：.…-–—")
    if not word.isascii():
        word = _HARAKAT.sub("", word.translate(_ARABIC_FOLD))
    return word
_use_vocabulary("")  # the shipped vocabulary; segment_text and DumpLines add FRAMING_LANGUAGES' folders


# ----------------------------------------------------------------------------- public types


@dataclass(frozen=True)
class SegmentOptions:
    """How to segment a dump.

    dayfirst            read 5/12/2020 as 5 December (False: as May 12).
    min_article_words   articles with fewer words of text are filler (see the module docstring);
                        0 keeps every article.
    outlets             the outlet alias table; None = the shipped one.
    find_duplicates     mark reposts within the file (``duplicate_of``).
    duplicate_threshold containment threshold, see :mod:`framing.ingest.dedupe`.
    """

    dayfirst: bool = True
    min_article_words: int = 40
    outlets: OutletTable | None = None
    find_duplicates: bool = True
    duplicate_threshold: float = DEFAULT_THRESHOLD


@dataclass(frozen=True)
class Segment:
    file: str            # the input file's name as given
    start_line: int      # 1-based, inclusive
    end_line: int        # 1-based, inclusive
    kind: str            # "article" | "related-links" | "video-caption" | "boilerplate"
    title: str | None
    outlet: str | None   # canonical outlet (the original outlet where the text says so)
    date: str | None     # ISO YYYY-MM-DD
    author: str | None
    lang: str | None     # "en", "ar", ...
    text: str            # articles: the body, filler lines blanked; filler: all its lines
    body_start_line: int  # 1-based line where `text` starts (for mapping hits back to lines)
    reposted_by: str | None = None   # the reposting site when the text names an original source
    duplicate_of: int | None = None  # index of the segment it repeats (set by dedupe), else None


# ----------------------------------------------------------------------------- language


_SCRIPTS = (
    ("ar", re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")),
    ("latin", re.compile("[A-Za-z\u00c0-\u024f]")),
    ("ru", re.compile("[\u0400-\u04ff]")),
    ("he", re.compile("[\u0590-\u05ff]")),
    ("el", re.compile("[\u0370-\u03ff]")),
    ("zh", re.compile("[\u4e00-\u9fff]")),
    ("ja", re.compile("[\u3040-\u30ff]")),
    ("ko", re.compile("[\uac00-\ud7af]")),
)
_PERSIAN = re.compile("[پچژگ]")
_STOPWORDS = {
    "en": {"the", "and", "of", "to", "in", "is", "that", "for", "on", "with", "was", "by", "as", "said"},
    "fr": {"le", "la", "les", "des", "et", "est", "une", "du", "dans", "que", "pour", "qui", "sur", "au"},
    "es": {"el", "la", "los", "las", "y", "que", "en", "del", "por", "una", "con", "para", "se", "su"},
    "de": {"der", "die", "das", "und", "ist", "nicht", "mit", "den", "von", "zu", "auf", "sich", "ein", "dem"},
    "it": {"il", "di", "che", "la", "per", "non", "una", "del", "della", "sono", "gli", "le", "con", "è"},
    "pt": {"o", "a", "de", "que", "e", "do", "da", "em", "um", "para", "com", "não", "uma", "os"},
    "tr": {"ve", "bir", "bu", "da", "de", "için", "ile", "olarak", "çok", "gibi", "daha", "olan", "ama"},
    "nl": {"de", "het", "een", "en", "van", "is", "dat", "op", "te", "niet", "met", "zijn", "voor", "ook"},
}
_EN_STOPWORDS = _STOPWORDS["en"]
_ASCII_LETTERS = re.compile(r"[A-Za-z]")
_ASCII_LETTER_BYTES = bytes([*range(65, 91), *range(97, 123)])
_NON_LATIN = re.compile("[\u0370-\u05ff\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff"
                        "\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")


def detect_lang(text: str) -> str | None:
    """ISO 639-1 code of the text's language from its script (and, for Latin script, stop words).

    Coarse on purpose: enough to tell Arabic from English in a mixed dump. None when unsure.
    """
    sample = text[:800]
    ascii_part = sample.encode("ascii", "ignore")
    latin = len(ascii_part) - len(ascii_part.translate(None, _ASCII_LETTER_BYTES))
    non_ascii = len(sample) - len(ascii_part)
    best, best_n = "latin", latin
    if non_ascii * 4 > latin:
        others = "".join(_NON_LATIN.findall(sample))
        if len(others) > latin:
            best, best_n = None, 0
            for code, pattern in _SCRIPTS:
                n = len(pattern.findall(others))
                if n > best_n:
                    best, best_n = code, n
    if best is None or best_n < 2:
        return None
    if best == "ar":
        return "fa" if len(_PERSIAN.findall(sample)) > best_n * 0.02 else "ar"
    if best != "latin":
        return best
    tokens = sample.lower().split()
    if sum(map(_EN_STOPWORDS.__contains__, tokens)) * 8 >= len(tokens) > 0:
        return "en"  # the common case, decided without scoring every language
    counts = Counter(tokens)
    total = len(tokens)
    keys = counts.keys()
    scores = {code: sum(counts[w] for w in sw & keys) for code, sw in _STOPWORDS.items()}
    code = max(scores, key=scores.get)
    return code if scores[code] >= max(2, total // 40) else None


def _script(s: str) -> str | None:
    """The script of a line's opening (enough to notice a change of language)."""
    head = s[:80]
    if head.isascii():
        return "latin" if _ASCII_LETTERS.search(head) else None
    for code, pattern in _SCRIPTS[:5]:
        if pattern.search(head):
            return code
    return None


# ----------------------------------------------------------------------------- line analysis


@dataclass
class _Meta:
    """What a header line says."""

    date: str | None = None
    outlet: str | None = None        # canonical (or the raw name where the structure is certain)
    outlet_kind: str | None = None   # "outlet" | "desk" | "agency"
    author: str | None = None
    strong: bool = False             # names an outlet by byline or beside a date


def _title_case(name: str) -> bool:
    words = name.split()
    if not words or len(words) > 6 or any(ch.isdigit() for ch in name):
        return False
    return all(w[:1].isupper() or w.lower() in _NAME_PARTICLES or w.lower() in {"of", "the", "and", "for"}
               for w in words)


def _headline_like(s: str) -> bool:
    """No final full stop, comma or colon (also inside a closing quote); not a list item or caption."""
    end = s.rstrip("\"'”’»)")
    if not end or end[-1] in ".,;:،؛…":
        return False
    return not _LIST_ITEM.match(s) and not s.startswith(("(", "["))


def _name_like(s: str) -> bool:
    """A person's name on a line of its own: 2-4 capitalised words, no digits."""
    words = s.split()
    if not 2 <= len(words) <= 4 or len(s) > 40:
        return False
    for w in words:
        if w.lower() in _NAME_PARTICLES:
            continue
        if not (w[:1].isupper() and all(ch.isalpha() or ch in ".'’-" for ch in w)):
            return False
    return True


class DumpLines:
    """A text split into lines, each classified once. Regions of it become segments."""

    def __init__(self, text: str, *, file: str, options: SegmentOptions = SegmentOptions()):
        _use_vocabulary()
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
        self.meta: dict[int, _Meta] = {}
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
        # Paragraphs (long lines) are text unless they open with a filler or repost phrase.
        long_idx = [i for i, length in enumerate(lens) if length > LONG_LINE_CHARS]
        for i in long_idx:
            line = raw[i]
            if line.isspace():
                continue
            kind[i] = TEXT
            words[i] = lens[i] // 6
            self.s[i] = line
            if _MAYBE_SPECIAL.match(line.lstrip()):
                t = line.strip()
                if self._repost(i, t):
                    kind[i] = REPOST
                elif _INLINE_FILLER.match(t):
                    kind[i] = INLINE
        if len(long_idx) == n:
            return
        table = self.table
        max_outlet_words = max(table.max_words, 1) + 2
        dayfirst = self.options.dayfirst
        year = _YEAR
        seen: dict[str, tuple[int, _Meta | None]] = {}
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
                if _MAYBE_SPECIAL.match(s):
                    if self._repost(i, s):
                        kind[i] = REPOST
                    elif _INLINE_FILLER.match(s):
                        kind[i] = INLINE
                if kind[i] == TEXT and nw <= MAX_HEADLINE_WORDS and n_chars <= 220 and _headline_like(s):
                    self.headline[i] = True
                    self.headlines.append(i)
                continue
            tokens = s.split()
            nw = len(tokens)
            words[i] = nw
            if n_chars <= _MAX_HEADER_CHARS and _fold_word(tokens[0]) in _FILLER_FIRST:
                fk = _FILLER_KIND.get(_header_key(s))
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
            if _MAYBE_SPECIAL.match(s):
                if self._repost(i, s):
                    kind[i] = REPOST
                    continue
                if _INLINE_FILLER.match(s):
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
            if nw <= 20 and _CREDIT.match(s):
                kind[i] = CREDIT
                continue
            if nw <= max_outlet_words and n_chars <= 60 and table.may_start(tokens):
                hit = table.lookup(s.rstrip(",.;:|–—- "))
                if hit is not None and hit.outlet and hit.kind != "desk":
                    kind[i], meta[i] = seen[s] = OUTLET_LINE, _Meta(outlet=hit.outlet, outlet_kind=hit.kind)
                    continue
            kind[i] = TEXT
            if 2 <= nw <= MAX_HEADLINE_WORDS and n_chars <= 220 and _headline_like(s):
                self.headline[i] = True
                self.headlines.append(i)

    def _repost(self, i: int, s: str) -> bool:
        m = _REPOST.match(s)
        if m:
            self.repost[i] = self._name_to_outlet(m.group("name"))
            return True
        return False

    def _name_to_outlet(self, name: str) -> str | None:
        name = name.strip().rstrip(".")
        hit = self.table.lookup(name)
        if hit is not None:
            return hit.outlet
        head = re.split(r",|\(|\s+on\s+|\s+at\s+|\s+in\s+|\s+-\s+|\s+–\s+|https?:", name, maxsplit=1)[0].strip()
        hit = self.table.lookup(head)
        if hit is not None:
            return hit.outlet
        return head if _title_case(head) else None

    def _byline(self, s: str, dayfirst: bool) -> _Meta | None:
        m = _BYLINE.match(s)
        if not m:
            return None
        rest = m.group("rest").strip().rstrip("-–—|, ")
        if not rest or rest.endswith(".") and not re.search(r"\b[A-Z]\.$", rest):
            return None
        parts = [p.strip() for p in re.split(r"\s+\|\s+|\s*\|\s*", rest) if p.strip()]
        meta = _Meta()
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
            elif meta.outlet is None and _title_case(part):
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
        words = part.replace("&", " and ").split()
        if len(words) > 8 or any(ch.isdigit() for ch in part):
            return None, None
        if "\u0600" <= first <= "\u06ff":
            return part, None
        # A name, or names joined by "and": "By Tuesday evening the army had left" is not a byline.
        if not all(w[:1].isupper() or w.lower() in _NAME_PARTICLES or w == "and" for w in words):
            return None, None
        return part, None

    def _source(self, s: str) -> _Meta | None:
        m = _SOURCE.match(s)
        if not m:
            return None
        name = m.group("name").strip().rstrip(".")
        if len(name.split()) > 8:
            return None
        hit = self.table.lookup(name)
        if hit is not None:
            return _Meta(outlet=hit.outlet, outlet_kind=hit.kind)
        return _Meta(outlet=name if _title_case(name) else None, outlet_kind="outlet")

    def _date_line(self, s: str, dayfirst: bool) -> _Meta | None:
        dl = read_date_line(s, dayfirst=dayfirst)
        if dl is None:
            return None
        meta = _Meta(date=dl.iso)
        for side in (dl.before, dl.after):
            if not side:
                continue
            hit = self.table.lookup(side)
            if hit is not None and hit.outlet:
                meta.outlet, meta.outlet_kind, meta.strong = hit.outlet, hit.kind, hit.kind != "desk"
                break
            if "|" in s and _title_case(side):
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

    # -- article starts --------------------------------------------------------------------------

    def _clusters(self) -> list[list[int]]:
        """Runs of header lines (date, byline, source, outlet name, credit) with only blanks between."""
        kind = self.kind
        heads = sorted([*self.meta, *(i for i in range(self.n) if kind[i] == CREDIT)]) if self.meta else []
        out: list[list[int]] = []
        for i in heads:
            if out and self.next_nb[out[-1][-1]] == i:
                out[-1].append(i)
            else:
                out.append([i])
        # a run made only of photo credits is not a header
        return [c for c in out if any(kind[i] != CREDIT for i in c)]

    def _title_above(self, first: int) -> int | None:
        p1 = self.prev_nb[first]
        if p1 < 0 or self.kind[p1] != TEXT:
            return None
        p2 = self.prev_nb[p1]
        if (p2 >= 0 and self.kind[p2] == TEXT and self.headline[p2] and self.words[p2] >= 3
                and _name_like(self.s[p1]) and not _name_like(self.s[p2]) and self.table.lookup(self.s[p1]) is None):
            return p2  # headline, then the author's name, then the date
        if (p2 >= 0 and self.kind[p2] == TEXT and self.headline[p2] and self.words[p2] >= 3
                and self.alone(p2) and self.alone(p1) and self._nostop(p1)
                and self.words[p2] < self.words[p1] <= MAX_SUBTITLE_WORDS
                and _script(self.s[p1]) == _script(self.s[p2])):
            return p2
        return p1 if self.headline[p1] else None

    def _nostop(self, i: int) -> bool:
        s = self.s[i].rstrip("\"'”’»)")
        return bool(s) and s[-1] not in ".,;:،؛" and not _LIST_ITEM.match(self.s[i])

    def find_starts(self) -> dict[int, str | None]:
        """Line index -> None for an article start, or the filler kind for a filler start."""
        n, kind = self.n, self.kind
        # body[i] = number of body lines (text that is not a headline) before line i
        headline = self.headline
        body = [0, *accumulate(k == TEXT and not h for k, h in zip(kind, headline))]
        cands: list[tuple[int, int, object]] = []  # (line, order, what)
        for i, fk in self.filler_kind.items():
            cands.append((i, 0, ("filler", fk)))
        for i in self.separators:
            j = self.next_nb[i]
            underline = i > 0 and kind[i - 1] == TEXT and self.headline[i - 1]  # "Title\n=====" is a heading
            if j < n and not underline:
                cands.append((j, 0, ("separator", None)))
        for cluster in self._clusters():
            t = self._title_above(cluster[0])
            if t is not None:
                cands.append((t, 1, ("titled", cluster)))
            else:
                cands.append((cluster[0], 1, ("untitled", cluster)))
        for i in self.headlines:
            if (i + 2 < n and kind[i + 1] == BLANK and kind[i + 2] == BLANK and self.blank(i - 1)):
                j = self.next_nb[i]
                if j < n and kind[j] in (TEXT, INLINE, CREDIT):
                    cands.append((i, 2, ("alone", None)))
        cands.sort(key=lambda c: (c[0], c[1]))
        cand_lines = {c[0] for c in cands}
        starts: dict[int, str | None] = {}
        last_start, last_is_article, last_dated = -1, False, False
        for line, _, (what, info) in cands:
            if line in starts:
                continue
            if what == "filler":
                starts[line] = info
                last_start, last_is_article = line, False
                continue
            if what == "separator":
                starts[line] = None
                last_start, last_is_article, last_dated = line, True, False
                continue
            dated = what != "alone" and any(kind[i] == DATE for i in info)
            if (last_is_article and body[line] - body[last_start + 1] == 0 and line - last_start <= HEADER_LINES * 2
                    and not (dated and last_dated)):
                continue  # still inside the previous article's header (two dated headers: two items)
            if what == "untitled":
                cluster = info
                after = self.next_nb[cluster[-1]]
                if after >= n or after in cand_lines or kind[after] == FILLER_HEADER:
                    continue
                first = cluster[0]
                prev = self.prev_nb[first]
                strong = len(cluster) >= 2 or any(self.meta.get(i, _Meta()).strong for i in cluster)
                after_gap = prev < 0 or first - prev >= 3 or kind[prev] == FILLER_HEADER
                in_filler = last_start >= 0 and not last_is_article and body[line] - body[last_start + 1] == 0
                if not (strong or after_gap or in_filler):
                    continue
            starts[line] = None
            last_start, last_is_article, last_dated = line, True, dated
        self._filler_ends(starts)
        self._script_changes(starts)
        return starts

    def _filler_ends(self, starts: dict[int, str | None]) -> None:
        """Filler that runs into a paragraph ends there: an article starts at its headline."""
        order = sorted(starts)
        for k, f in enumerate(order):
            if starts[f] is None:
                continue
            end = order[k + 1] if k + 1 < len(order) else self.n
            for j in range(f + 1, end):
                if self.long(j):
                    q = self.prev_nb[j]
                    if q > f and self.kind[q] == TEXT and self.headline[q]:
                        starts[q] = None
                    else:
                        starts[j] = None
                    break

    def _script_changes(self, starts: dict[int, str | None]) -> None:
        """40+ words in one script after 40+ in another, with no start between: a new article."""
        runs: list[list] = []  # [script, first line, words]
        for i in range(self.n):
            if self.kind[i] not in (TEXT, INLINE, DATE, BYLINE, SOURCE):
                continue
            sc = _script(self.s[i])
            if sc is None:
                continue
            if runs and runs[-1][0] == sc:
                runs[-1][2] += self.words[i]
            else:
                runs.append([sc, i, self.words[i]])
        if len(runs) < 2:
            return
        order = sorted(starts)
        for prev, run in zip(runs, runs[1:]):
            if prev[2] < SCRIPT_RUN_WORDS or run[2] < SCRIPT_RUN_WORDS:
                continue
            k = bisect_right(order, run[1])
            if k and order[k - 1] > prev[1]:
                continue  # a start already lies between the two runs
            starts[run[1]] = None
            order.insert(k, run[1])

    # -- segments --------------------------------------------------------------------------------

    def _join(self, a: int, e: int, blanked: set[int] | None = None) -> str:
        part = self.raw[a:e + 1]
        if blanked:
            for i in blanked:
                if a <= i <= e:
                    part[i - a] = ""
        return "\n".join(part)

    def filler(self, a: int, e: int, kind: str) -> Segment:
        title = self.s[a] if self.kind[a] == FILLER_HEADER else None
        text = self._join(a, e).rstrip()
        return Segment(self.file, a + 1, e + 1, kind, title, None, None, None, detect_lang(text) if text else None,
                       text, a + 1)

    def article(self, a: int, e: int, *, split_trailer: bool = False, last: bool = True) -> list[Segment]:
        """The region [a, e] (0-based) as an article, with trailing filler split off when asked."""
        kind, s = self.kind, self.s
        j = a if kind[a] != BLANK else self.next_nb[a]
        if j > e:  # nothing but blank lines
            return [Segment(self.file, a + 1, e + 1, "article", None, None, None, None, None, "", a + 1)]
        title_i = None
        if (kind[j] == TEXT and self.headline[j] or kind[j] == FILLER_HEADER) and self.next_nb[j] <= e:
            title_i, j = j, self.next_nb[j]
        metas: list[int] = []
        subtitle = author_i = None
        steps = 0
        while j <= e and steps < HEADER_LINES:
            k = kind[j]
            if k in (DATE, BYLINE, SOURCE, OUTLET_LINE):
                metas.append(j)
            elif k in (CREDIT, INLINE, REPOST):
                pass
            elif (k == TEXT and author_i is None and _name_like(s[j]) and self.next_nb[j] <= e
                  and (metas or kind[self.next_nb[j]] in (DATE, BYLINE, SOURCE))
                  and self.table.lookup(s[j]) is None):
                author_i = j
            elif (k == TEXT and title_i is not None and not metas and subtitle is None
                  and self.words[j] <= MAX_SUBTITLE_WORDS and self._nostop(j)
                  and self.next_nb[j] <= e and kind[self.next_nb[j]] in (DATE, BYLINE, SOURCE, OUTLET_LINE, CREDIT)):
                subtitle = j
            else:
                break
            j = self.next_nb[j]
            steps += 1
        body_start = j  # may be > e: an article with a header only

        # trailing filler, peeled off from the end
        pieces: list[tuple[int, str]] = []  # (first line, kind), last piece first
        end = e
        if split_trailer and body_start <= e:
            while True:
                last_nb = end if kind[end] != BLANK else self.prev_nb[end]
                if last_nb <= body_start:
                    break
                i = last_nb
                while i > body_start and kind[i] in (INLINE, REPOST, BLANK):
                    i -= 1
                if i < last_nb:  # filler lines at the end: a boilerplate piece
                    first = self.next_nb[i]
                    pieces.append((first, "boilerplate"))
                    end = first - 1
                    continue
                if not last:
                    block_start = i
                    while block_start - 1 > body_start and kind[block_start - 1] != BLANK:
                        block_start -= 1
                    size = i - block_start + 1
                    if (size >= 2 and kind[block_start - 1] == BLANK
                            and all(kind[x] == TEXT and self.words[x] <= 20 and self._nostop(x)
                                    for x in range(block_start, i + 1))):
                        pieces.append((block_start, "video-caption"))
                        end = block_start - 1
                        continue
                break
        body_end = end

        # footer: sign-off and source lines at the end of the body
        blanked: set[int] = set()
        footer_sources: list[int] = []
        signoff = None
        x, seen = body_end, 0
        while x >= body_start and seen < 3:
            if kind[x] != BLANK:
                seen += 1
                if kind[x] in (SOURCE, OUTLET_LINE):
                    footer_sources.append(x)
                    blanked.add(x)
                elif signoff is None and kind[x] == TEXT:
                    m = _SIGNOFF.match(s[x])
                    if m and self.words[x] <= 5:
                        hit = self.table.lookup(m.group("name"))
                        if hit is None:
                            signoff = m.group("name")
                        elif hit.outlet:  # "- Reuters": the source, not an author
                            footer_sources.append(x)
                            self.meta.setdefault(x, _Meta(outlet=hit.outlet, outlet_kind=hit.kind))
                        blanked.add(x)
            x -= 1
        lo = bisect_left(self.special, body_start)
        hi = bisect_right(self.special, body_end)
        blanked.update(self.special[lo:hi])
        if body_start <= body_end:
            text = self._join(body_start, body_end, blanked).rstrip()
            body_line = body_start + 1
        else:
            text, body_line = "", min(body_start, e) + 1

        outlet, reposted_by, date, author = self._attribution(a, e, metas, footer_sources)
        if author is None and author_i is not None:
            author = s[author_i]
        if author is None:
            author = signoff
        title = s[title_i] if title_i is not None else None
        lang = detect_lang(text) if text.strip() else (detect_lang(title) if title else None)
        segs = [Segment(self.file, a + 1, end + 1 if end >= a else a + 1, "article", title, outlet, date, author,
                        lang, text, body_line, reposted_by)]
        bounds = [p[0] for p in reversed(pieces)] + [e + 1]
        for (first, pkind), stop in zip(reversed(pieces), bounds[1:]):
            segs.append(self.filler(first, stop - 1, pkind))
        return segs

    def _attribution(self, a: int, e: int, metas: list[int], footer_sources: list[int]):
        primary = desk = site = source = None
        date = None
        author = None
        for i in metas:
            m = self.meta[i]
            k = self.kind[i]
            if m.outlet:
                if k in (BYLINE, DATE) and m.outlet_kind != "desk":
                    primary = primary or m.outlet
                elif m.outlet_kind == "desk":
                    desk = desk or m.outlet
                elif k == OUTLET_LINE:
                    site = site or m.outlet
                elif k == SOURCE:
                    source = source or m.outlet
            if k == BYLINE and m.author and author is None:
                author = m.author
        for i in footer_sources:
            m = self.meta[i]
            if m.outlet and source is None:
                source = m.outlet
        original = None
        if self.repost:
            lines = sorted(self.repost) if self._repost_lines is None else self._repost_lines
            self._repost_lines = lines
            for i in lines[bisect_left(lines, a):bisect_right(lines, e)]:
                if self.repost[i]:
                    original = self.repost[i]
                    break
        outlet = original or primary or desk or site or source
        reposted_by = None
        if original:
            for other in (site, primary, desk):
                if other and other != original:
                    reposted_by = other
                    break
        elif primary and site and site != primary:
            reposted_by = site
        for i in metas:
            m = self.meta[i]
            if m.date and outlet and m.outlet == outlet and self.kind[i] == DATE:
                date = m.date
                break
        if date is None:
            for i in metas:
                if self.meta[i].date:
                    date = self.meta[i].date
                    break
        return outlet, reposted_by, date, author

    def region(self, start_line: int, end_line: int, kind: str = "article") -> Segment:
        """Lines ``start_line``..``end_line`` (1-based, inclusive) as one segment of ``kind``."""
        a, e = start_line - 1, end_line - 1
        if kind == "article":
            return self.article(a, e)[0]
        return self.filler(a, e, kind)


# ----------------------------------------------------------------------------- the whole file


def segment_text(text: str, *, file: str, options: SegmentOptions = SegmentOptions()) -> list[Segment]:
    """Split ``text`` into segments (see the module docstring). Every line is in exactly one."""
    dump = DumpLines(text, file=file, options=options)
    if dump.n == 0:
        return []
    starts = dump.find_starts()
    starts.setdefault(0, None)
    order = sorted(starts)
    single = len(order) == 1
    segments: list[Segment] = []
    for r, a in enumerate(order):
        e = order[r + 1] - 1 if r + 1 < len(order) else dump.n - 1
        fk = starts[a]
        if fk is not None:
            segments.append(dump.filler(a, e, fk))
        else:
            segments.extend(dump.article(a, e, split_trailer=not single, last=r + 1 == len(order)))
    segments = _settle_kinds(segments, dump, options.min_article_words, single)
    if options.find_duplicates:
        segments = mark_duplicates(segments, threshold=options.duplicate_threshold)
    return segments


def _has_words(text: str, n: int) -> bool:
    """At least ``n`` words (and at least one) in ``text``; looks at no more than it needs."""
    n = max(n, 1)
    return len(text[: n * 40].split()) >= n


def _settle_kinds(segments: list[Segment], dump: DumpLines, min_words: int, single: bool) -> list[Segment]:
    """Short or empty articles become filler; neighbouring filler of one kind is merged."""
    out: list[Segment] = []
    # The filler segment being merged into out[-1]: its text's pieces and line breaks so far (joined
    # once at the end of the run: joining at every merge would copy the text once per segment).
    run: list | None = None

    def close_run() -> None:
        if run is not None and len(run[0]) > 1:
            out[-1] = replace(out[-1], text="".join(run[0]).rstrip())

    for seg in segments:
        if seg.kind == "article":
            if not _has_words(seg.text, 1 if single else min_words):
                prev = out[-1].kind if out else None
                listing = prev in ("related-links", "video-caption") or (seg.title and seg.date)
                new_kind = ("video-caption" if prev == "video-caption" else "related-links") if listing else "boilerplate"
                seg = replace(dump.filler(seg.start_line - 1, seg.end_line - 1, new_kind), title=seg.title)
        if out and seg.kind != "article" and out[-1].kind == seg.kind:
            prev = out[-1]
            if run is None:
                run = [[prev.text], prev.text.count("\n")]
            if seg.text:  # joined so that line offsets still hold
                gap = max(seg.body_start_line - (prev.body_start_line + run[1]), 1)
                run[0].extend(("\n" * gap, seg.text))
                run[1] += gap + seg.text.count("\n")
            out[-1] = replace(prev, end_line=seg.end_line)
            continue
        close_run()
        run = None
        out.append(seg)
    close_run()
    return out


def mark_duplicates(segments: list[Segment], *, threshold: float = DEFAULT_THRESHOLD) -> list[Segment]:
    """Set ``duplicate_of`` on articles that repeat an earlier article of the list.

    The kept copy takes the repost's outlet when it has none of its own (a repost is attributed to
    its original outlet where known).
    """
    idx = [k for k, seg in enumerate(segments) if seg.kind == "article"]
    out = [replace(seg, duplicate_of=None) if seg.duplicate_of is not None else seg for seg in segments]
    if len(idx) < 2:
        return out
    dups = find_duplicates([segments[k].text for k in idx], threshold=threshold)
    for pos, d in enumerate(dups):
        if d is None:
            continue
        k, kept = idx[pos], idx[d]
        out[k] = replace(out[k], duplicate_of=kept)
        if out[kept].outlet is None and out[k].outlet is not None:
            out[kept] = replace(out[kept], outlet=out[k].outlet)
    return out


# ----------------------------------------------------------------------------- output


def _record(seg: Segment) -> dict:
    return {k: getattr(seg, k) for k in JSONL_KEYS}


def segments_to_jsonl(segments) -> str:
    """One JSON object per segment with exactly the keys of ``JSONL_KEYS``."""
    return "".join(json.dumps(_record(s), ensure_ascii=False) + "\n" for s in segments)


def segments_to_csv(segments) -> str:
    """A CSV table with the columns of ``JSONL_KEYS`` (empty cells for null)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(JSONL_KEYS)
    for s in segments:
        writer.writerow(["" if v is None else v for v in _record(s).values()])
    return buf.getvalue()


def _width(text: str) -> int:
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in text)


def _fit(text: str | None, width: int) -> str:
    text = " ".join((text or "-").split())
    if _width(text) > width:
        out, w = [], 0
        for ch in text:
            cw = _width(ch)
            if w + cw > width - 1:
                break
            out.append(ch)
            w += cw
        text = "".join(out) + "…"
    return text + " " * (width - _width(text))


def segments_to_table(segments) -> str:
    """A fixed-width table for the terminal: one row per segment.

    ``dup`` shows the first line of the article a repost repeats (``duplicate_of`` is an index into
    the segments of the same file).
    """
    segments = list(segments)
    cols = [("file", 18), ("lines", 11), ("kind", 13), ("date", 10), ("outlet", 30), ("lang", 4), ("dup", 5),
            ("title", 44)]
    many = len({s.file for s in segments}) > 1
    if not many:
        cols = cols[1:]
    by_file: dict[str, list[Segment]] = {}
    for seg in segments:
        by_file.setdefault(seg.file, []).append(seg)
    rows = [" ".join(_fit(name, w) for name, w in cols).rstrip()]
    rows.append(" ".join("-" * w for _, w in cols))
    for s in segments:
        same = by_file[s.file]
        dup = None
        if s.duplicate_of is not None and 0 <= s.duplicate_of < len(same):
            dup = str(same[s.duplicate_of].start_line)
        cells = {
            "file": s.file.replace("\\", "/").rsplit("/", 1)[-1], "lines": f"{s.start_line}-{s.end_line}",
            "kind": s.kind, "date": s.date,
            "outlet": s.outlet + (f" (via {s.reposted_by})" if s.reposted_by else "") if s.outlet else None,
            "lang": s.lang, "dup": dup, "title": s.title,
        }
        rows.append(" ".join(_fit(cells[name], w) for name, w in cols).rstrip())
    articles = sum(1 for s in segments if s.kind == "article")
    dups = sum(1 for s in segments if s.duplicate_of is not None)
    rows.append(f"{len(segments)} segments, {articles} articles"
                + (f", {dups} repeating an earlier one (dup = the line where that one starts)" if dups else ""))
    return "\n".join(rows) + "\n"
