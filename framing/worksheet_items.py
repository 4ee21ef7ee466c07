"""What goes on a worksheet: passages worth teaching, drawn from the analysis (no rendering here).

A passage is one to three whole sentences of a real article around a loaded term. By default an
item is built on **confident own-voice hits** only: the outlet's own words (not a quotation, not
reported speech), read in their loaded sense, not negated, not a scare-quote or "so-called"
reading (their precision in mainstream news is low), not an entry with a neutral sense, and from
an article whose outlet is known. The 'whose words?' kind uses quoted and reported hits on purpose.
Every hit that is left out is counted with its reason, so the command can say why fewer items
qualified than asked.
"""
from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import pandas as pd
import yaml

from .lexicon import SCARE_QUOTE_ENTRY
from .normalize import has_arabic
from .sentences import sentence_spans
from .types import UNKNOWN_OUTLET

VOICE_LABEL = {"own": "the outlet's own words", "quoted": "a quoted speaker's words",
               "attributed": "a reported source (reported speech)"}
REASONS = {
    "unknown_outlet": "from articles with no outlet",
    "quoted": "inside a quotation (a speaker's words, not the outlet's)",
    "attributed": "in reported speech (a source's words)",
    "scare_quote": "a scare-quote reading (often wrong in mainstream news)",
    "so_called": "after 'so-called' and kin",
    "negated": "negated",
    "ambiguous": "a term with a neutral sense too",
    "not_whole": "not in one to three whole sentences of reporting",
    "no_rewrite": "with no safe neutral rewrite",
    "outlet_named": "naming an outlet (it would give the answer away)",
}
PASSAGE_REASONS = ("no_rewrite", "outlet_named")
MIN_PASSAGE, MAX_PASSAGE, SHORT_PASSAGE = 60, 480, 170
_TRANSCRIPT = re.compile(r"[\"'“‘]?[A-Z][A-Z.'’ -]{2,}(?:\([^)]*\))?:")
_END = re.compile(r"[.!?؟…][\"'”’»)\]]*\s*$")


@lru_cache(maxsize=1)
def filters() -> dict:
    path = resources.files("framing.data") / "worksheets" / "filters.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class ItemHit:
    start: int            # offsets within the passage text
    end: int
    surface: str          # the words as they stand in the passage
    entry: str
    term: str             # the lexicon headword (may differ from the surface)
    category: str
    category_label: str
    voice: str            # own | quoted | attributed
    cue: str              # what tells the voice (quotation marks, "said", "according to", none)
    scare_quote: bool
    alternatives: tuple[str, ...]
    rationale: str
    teach: bool           # a confident hit of the voice this kind is about


@dataclass
class Passage:
    doc_id: str
    outlet: str
    date: str
    title: str
    text: str
    offset: int           # of the passage in the document
    hits: list[ItemHit] = field(default_factory=list)

    @property
    def rtl(self) -> bool:
        return has_arabic(self.text)


@dataclass
class Selection:
    """Passages that qualify, and why the others did not."""
    passages: list[Passage]
    excluded: Counter = field(default_factory=Counter)

    def shortfall(self, asked: int, got: int, what: str = "passages") -> str | None:
        if got >= asked:
            return None
        why = "; ".join(f"{n} {'passage(s)' if k in PASSAGE_REASONS else 'hit(s)'} {REASONS.get(k, k)}"
                        for k, n in self.excluded.most_common() if n)
        return (f"only {got} of the {asked} items asked for qualified ({len(self.passages)} {what} with a confident "
                f"loaded term in the outlet's own words)" + (f"; left out: {why}" if why else ""))


def hit_reason(h, lexicon, voices: tuple[str, ...]) -> str | None:
    """Why a hit may not carry an item, or None when it may."""
    if h.outlet == UNKNOWN_OUTLET:
        return "unknown_outlet"
    if h.negated:
        return "negated"
    if h.entry == SCARE_QUOTE_ENTRY.id or h.scare_quote:
        return "scare_quote"
    if h.so_called:
        return "so_called"
    entry = lexicon.by_id.get(h.entry)
    if entry is None or entry.ambiguous:
        return "ambiguous"
    if h.voice not in voices:
        return h.voice if h.voice in REASONS else "quoted"
    return None


def _boilerplate(text: str) -> bool:
    low = text.lower()
    if any(p in low for p in filters()["boilerplate_phrases"]):
        return True
    return any(re.search(p, text) for p in filters()["boilerplate_patterns"])


def _whole(text: str, arabic: bool) -> bool:
    t = text.strip()
    if "\n" in t or not _END.search(t) or len(t.split()) < 6:
        return False
    if _TRANSCRIPT.match(t):
        return False  # "SENATOR JANE DOE: ..." is a speaker's words in a transcript
    if t.count("“") != t.count("”") or t.count('"') % 2 or t.count("«") != t.count("»"):
        return False  # part of a quotation that starts or ends in another sentence
    first = t.lstrip("\"'“‘«(")[:1]
    return arabic or first.isupper() or first.isdigit()


def passage_bounds(text: str, spans: list[tuple[int, int]], si: int) -> tuple[int, int] | None:
    """One to three whole sentences around sentence ``si``: the sentence, and the one before and
    after while the passage is short, all in one paragraph. None when the sentence is not whole."""
    arabic = has_arabic(text[spans[si][0]:spans[si][1]])
    s0, s1 = spans[si]
    if not _whole(text[s0:s1], arabic) or not MIN_PASSAGE // 2 <= s1 - s0 <= MAX_PASSAGE:
        return None
    lo, hi = si, si
    for step in (-1, 1, -1, 1):
        if spans[hi][1] - spans[lo][0] >= SHORT_PASSAGE or hi - lo >= 2:
            break
        j = lo - 1 if step < 0 else hi + 1
        if not 0 <= j < len(spans):
            continue
        a, b = spans[j]
        gap = text[b:spans[lo][0]] if step < 0 else text[spans[hi][1]:a]
        if "\n" in gap or not _whole(text[a:b], arabic) or spans[hi][1] - spans[lo][0] + (b - a) > MAX_PASSAGE:
            continue
        lo, hi = (j, hi) if step < 0 else (lo, j)
    p0, p1 = spans[lo][0], spans[hi][1]
    if p1 - p0 < MIN_PASSAGE:
        return None
    return p0, p1


def _date(d) -> str:
    return d.strftime("%Y-%m-%d") if not pd.isna(d) else "no date"


def cue_of(h, text: str, att_by_doc: dict) -> str:
    """What shows whose words a hit is: the quotation marks and/or the reporting verb near it."""
    verbs = att_by_doc.get(h.doc_id, ())
    near = [v for a, v in verbs if abs(a - h.start) < 200]
    nearest = min(((abs(a - h.start), v) for a, v in verbs if abs(a - h.start) < 200), default=(0, ""))[1]
    if h.voice == "quoted":
        return "quotation marks" + (f', "{nearest}"' if near else "")
    if h.voice == "attributed":
        return f'"{nearest}"' if nearest else "a reporting verb"
    return "no quotation marks and no reporting verb"


def select_passages(analysis, options, *, voices: tuple[str, ...] = ("own",), need_all_voices: bool = False) -> Selection:
    """Every passage with at least one teachable hit, in corpus order; hits left out are counted."""
    lexicon = analysis.lexicon
    hits = analysis.hits[analysis.hits["sense"] == "loaded"]
    if options.outlets:
        hits = hits[hits["outlet"].isin(options.outlets)]
    if options.lang:
        hits = hits[hits["lang"] == options.lang]
    docs = analysis.documents.set_index("doc_id")
    cats = {k: c.label for k, c in lexicon.categories.items()}
    att = analysis.attributions
    att_by_doc: dict = {}
    if att is not None and len(att):
        for r in att[["doc_id", "start", "verb"]].itertuples(index=False):
            att_by_doc.setdefault(r.doc_id, []).append((r.start, r.verb))
    excluded: Counter = Counter()
    passages = []
    by_doc: dict[str, list] = {}
    for h in hits.itertuples():
        by_doc.setdefault(h.doc_id, []).append(h)
    doc_info = {d: (o, t, dt) for d, o, t, dt in zip(docs.index, docs["outlet"], docs["title"], docs["date"])}
    for doc_id in sorted(by_doc):
        g = by_doc[doc_id]
        text = analysis.texts.get(doc_id, "")
        if not text:
            continue
        reasons = {h.Index: hit_reason(h, lexicon, voices) for h in g}
        for r in reasons.values():
            if r:
                excluded[r] += 1
        good = [h for h in g if reasons[h.Index] is None]
        if not good:
            continue
        spans = sentence_spans(text)
        done: set[tuple[int, int]] = set()
        for h in good:
            if h.sentence >= len(spans):
                continue
            bounds = passage_bounds(text, spans, h.sentence)
            if bounds is None or _boilerplate(text[bounds[0]:bounds[1]]):
                excluded["not_whole"] += 1
                continue
            if bounds in done:
                continue
            done.add(bounds)
            p0, p1 = bounds
            item_hits = []
            for o in g:
                if o.start < p0 or o.end > p1 or o.negated:
                    continue
                entry = lexicon.by_id.get(o.entry)
                if entry is None:
                    continue
                item_hits.append(ItemHit(
                    start=int(o.start) - p0, end=int(o.end) - p0, surface=text[o.start:o.end], entry=o.entry,
                    term=o.term, category=o.category, category_label=cats.get(o.category, o.category),
                    voice=o.voice, cue=cue_of(o, text, att_by_doc), scare_quote=bool(o.scare_quote),
                    alternatives=tuple(entry.neutral), rationale=entry.rationale,
                    teach=reasons[o.Index] is None))
            item_hits = _no_overlap(item_hits)
            if need_all_voices is False and not any(x.teach for x in item_hits):
                continue
            outlet, title, date = doc_info[doc_id]
            passages.append(Passage(doc_id, outlet, _date(date), str(title or ""), text[p0:p1], p0, item_hits))
    return Selection(passages, excluded)


def _no_overlap(hits: list[ItemHit]) -> list[ItemHit]:
    out: list[ItemHit] = []
    for h in sorted(hits, key=lambda h: (h.start, -(h.end - h.start), not h.teach)):
        if out and h.start < out[-1].end:
            continue
        out.append(h)
    return out


# ----------------------------------------------------------------------------- drawing items

def difficulty_pool(passages: list[Passage], n: int, difficulty: str, lexicon) -> list[Passage]:
    """easy: strong, explicit terms; hard: mild ones; medium: the middle third."""
    def score(p):
        s = [lexicon.by_id[h.entry].strength for h in p.hits if h.teach and h.entry in lexicon.by_id]
        return -sum(s) / max(1, len(s))

    ranked = sorted(passages, key=lambda p: (score(p), p.doc_id, p.offset))
    third = max(1, len(ranked) // 3)
    if difficulty == "easy":
        return ranked[:max(third, n)]
    if difficulty == "hard":
        return ranked[-max(third, n):]
    mid = ranked[third:len(ranked) - third]
    return mid if len(mid) >= n else ranked


def spread_over_outlets(items: list, n: int, rng: random.Random, *, shuffle_outlets: bool = True,
                        one_per_doc: bool = True) -> list:
    """Up to ``n`` items drawn round-robin over outlets, at most one per article while others remain."""
    by_outlet: dict[str, list] = {}
    for it in items:
        by_outlet.setdefault(it.outlet, []).append(it)
    for lst in by_outlet.values():
        rng.shuffle(lst)
    order = sorted(by_outlet)
    if shuffle_outlets:
        rng.shuffle(order)
    chosen: list = []
    used_docs: set[str] = set()
    for strict in ((True, False) if one_per_doc else (False,)):
        progress = True
        while len(chosen) < n and progress:
            progress = False
            for o in order:
                lst = by_outlet[o]
                k = next((i for i, it in enumerate(lst) if not strict or it.doc_id not in used_docs), None)
                if k is not None and len(chosen) < n:
                    it = lst.pop(k)
                    chosen.append(it)
                    used_docs.add(it.doc_id)
                    progress = True
    return chosen
