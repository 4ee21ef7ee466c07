"""Checks on the lexicons themselves: balance across sides, and coverage of a corpus.

Balance: for each referent, how many entries label it unfavourably (labels, delegitimising,
crime, atrocity, dehumanising words) and how many favourably (glorifying words, euphemisms that
soften its actions), per language, so that a reader can see that no side's loaded vocabulary is
missing. Coverage: on a corpus, the loaded expressions found per article and the frequent words
near them that no lexicon lists, to guide additions.
"""
from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from .lexicon import Lexicon
from .match import Matcher

FAVOURABLE = ("glorifying", "euphemism", "attribution_endorsing")
# Pairs a balanced lexicon must hold: the loaded words each side uses for the other.
REQUIRED_PAIRS = (
    ("regime", "occupation forces"),
    ("terrorists", "freedom fighters"),
    ("militants", "resistance fighters"),
    ("martyr", "savage"),
    ("massacre", "collateral damage"),
    ("claimed", "revealed"),
)


def balance_table(lexicon: Lexicon) -> pd.DataFrame:
    """Per referent and language: unfavourable and favourable entries, with example terms."""
    rows = []
    for e in lexicon.entries:
        if not e.referent:
            continue
        rows.append({"referent": e.referent, "lang": e.lang,
                     "side": "favourable" if e.category in FAVOURABLE else "unfavourable", "term": e.term})
    if not rows:
        return pd.DataFrame(columns=["referent", "lang", "unfavourable", "favourable", "examples_unfavourable",
                                     "examples_favourable"])
    t = pd.DataFrame(rows)
    out = []
    for (ref, lang), g in t.groupby(["referent", "lang"], sort=True):
        unf = g[g["side"] == "unfavourable"]["term"].tolist()
        fav = g[g["side"] == "favourable"]["term"].tolist()
        out.append({"referent": ref, "lang": lang, "unfavourable": len(unf), "favourable": len(fav),
                    "examples_unfavourable": ", ".join(unf[:4]), "examples_favourable": ", ".join(fav[:4])})
    return pd.DataFrame(out)


def missing_pairs(lexicon: Lexicon) -> list[str]:
    """Terms of REQUIRED_PAIRS that no English entry matches."""
    missing = []
    for pair in REQUIRED_PAIRS:
        for term in pair:
            if not [e for e in lexicon.find(term) if e.lang == "en"]:
                missing.append(term)
    return missing


_WORD = re.compile(r"[^\W\d_]{3,}")
_STOP = set("""the and for that with from this have has had was were are been being not but its their they them
his her him she you your our who whom which what when where while into onto over under than then there these those
also about after before said says will would could should can may might must more most some such only other any all
each very just being both between because against during without within through upon per via new one two three""".split())


def coverage(records, lexicon: Lexicon, *, window: int = 4, top: int = 60):
    """(hits per article table, frequent nearby words not in any lexicon table) for the records."""
    matcher = Matcher(lexicon)
    known = set()
    for e in lexicon.entries:
        for f in e.forms:
            known.update(w.lower() for w in _WORD.findall(f.rstrip("*")))
    per_article, near = [], Counter()
    for rec in records:
        text = rec["text"]
        spans = matcher.find(text)
        terms = Counter(matcher.entries[s.entry].term for s in spans)
        per_article.append({"doc_id": rec["doc_id"], "outlet": rec["outlet"], "title": rec.get("title", ""),
                            "hits": sum(terms.values()),
                            "terms": "; ".join(f"{t} ({n})" for t, n in sorted(terms.items(), key=lambda x: (-x[1], x[0])))})
        for s in spans:
            left = _WORD.findall(text[max(0, s.start - 60):s.start])[-window:]
            right = _WORD.findall(text[s.end:s.end + 60])[:window]
            for w in left + right:
                lw = w.lower()
                if lw not in _STOP and lw not in known:
                    near[lw] += 1
    nearby = pd.DataFrame(near.most_common(top), columns=["word", "count_near_hits"])
    return pd.DataFrame(per_article), nearby


LIST_COLUMNS = ["id", "lang", "term", "variants", "category", "referent", "strength", "neutral",
                "rationale", "ambiguous"]
STRENGTH_NAMES = {1: "mild", 2: "strong", 3: "extreme"}


def entries_table(lexicon: Lexicon) -> pd.DataFrame:
    """One row per entry (``framing lexicon list`` and ``stats``)."""
    rows = [{"id": e.id, "lang": e.lang, "term": e.term, "variants": "|".join(e.variants), "category": e.category,
             "referent": e.referent, "strength": e.strength, "neutral": "|".join(e.neutral),
             "rationale": e.rationale, "ambiguous": "yes" if e.ambiguous else "no"} for e in lexicon.entries]
    return pd.DataFrame(rows, columns=LIST_COLUMNS)


def entry_lines(lexicon: Lexicon, e) -> list[str]:
    """Everything about one entry, as ``framing lexicon show`` prints it (a blank line last)."""
    cat = lexicon.categories.get(e.category)
    lines = [f"{e.term}  [{e.id}]",
             f"  variants:   {', '.join(e.variants) or '-'}",
             f"  category:   {e.category} ({cat.label if cat else ''})",
             f"  referent:   {e.referent or '-'}",
             f"  strength:   {e.strength} ({STRENGTH_NAMES[e.strength]})",
             f"  neutral:    {', '.join(e.neutral)}",
             f"  rationale:  {e.rationale}"]
    if e.ambiguous:
        lines.append(f"  ambiguous:  yes; neutral sense when near: {', '.join(e.neutral_cues) or '-'}")
    lines += [f"  sources:    {'; '.join(e.sources) or '-'}", f"  defined in: {e.file}:{e.line}", ""]
    return lines
