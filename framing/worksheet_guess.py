"""'Which outlet wrote this?': passages with loaded terms, several real outlets to choose from, and
tell-tale words from the lexicon and from keyness.

Keyness is Dunning's log-likelihood (G2) of a word's count in one outlet's articles against all the
other outlets' articles (Rayson & Garside 2000); a word is tell-tale for the outlet when it is used
more often there than expected and G2 >= 10.83 (p < 0.001 for one degree of freedom). Stop-words,
outlet names, numbers and page furniture ("getty images", "sign up") are never offered.
"""
from __future__ import annotations

import random
import re

from .errors import OptionError
from .stats import g2
from .types import UNKNOWN_OUTLET
from .worksheet_items import Passage, filters, select_passages, spread_over_outlets

MIN_ARTICLES, MIN_WORDS = 3, 1000
CHOICES = 4
G2_MIN = 10.83
_TOKEN = re.compile(r"[^\W\d_][^\W\d_'’-]*[^\W\d_]")


def _tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text)]


def _excluded_words(outlets) -> frozenset:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    f = filters()
    names = {t for o in outlets for t in _tokens(o)}
    return frozenset(ENGLISH_STOP_WORDS) | set(f["boilerplate_words"]) | set(f["arabic_stop_words"]) | names


def outlet_name_pattern(outlets):
    """A pattern finding an outlet's name in a passage ("CNN", "Fox", "The Hill", "New York Times")."""
    cores = set()
    for o in outlets:
        core = re.sub(r"\s*\(.*?\)|\s*-\s*News$|\s+(Online|Web)?\s*News$", "", o).strip()
        for c in {core, o}:
            if len(c) >= 3:
                cores.add(re.escape(c))
    if not cores:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(sorted(cores, key=len, reverse=True)) + r")(?!\w)")


def outlets_with_text(analysis, options) -> list[str]:
    docs = analysis.documents
    docs = docs[docs["outlet"] != UNKNOWN_OUTLET]
    if options.outlets:
        docs = docs[docs["outlet"].isin(options.outlets)]
    if options.lang:
        docs = docs[docs["lang"] == options.lang]
    g = docs.groupby("outlet").agg(n=("doc_id", "size"), words=("words", "sum"))
    return sorted(g[(g["n"] >= MIN_ARTICLES) & (g["words"] >= MIN_WORDS)].index)


class Keyness:
    """Word counts per outlet, for G2 of any word of one outlet against the rest."""

    def __init__(self, analysis, outlets: list[str], progress=None):
        from collections import Counter

        docs = analysis.documents[analysis.documents["outlet"].isin(outlets)]
        self.counts = {o: Counter() for o in outlets}
        for i, (d, o) in enumerate(zip(docs["doc_id"], docs["outlet"])):
            self.counts[o].update(_tokens(analysis.texts.get(d, "")))
            if progress and i and i % 2000 == 0:
                progress(f"guess: counting words ... {i:,} of {len(docs):,} articles")
        self.total = sum(self.counts.values(), Counter())
        self.size = {o: sum(c.values()) for o, c in self.counts.items()}
        self.all = sum(self.size.values())

    def g2(self, word: str, outlet: str) -> float:
        a = self.counts[outlet].get(word, 0)
        b = self.total.get(word, 0) - a
        c, d = self.size[outlet], self.all - self.size[outlet]
        if a == 0 or c == 0 or d == 0:
            return 0.0
        if a <= c * (a + b) / (c + d):
            return 0.0  # used less than expected: not tell-tale
        return float(g2(a, b, c, d))


def build_guess(analysis, options, progress=None):
    """(items, selection, outlets offered, notes) for a 'which outlet wrote this?' worksheet."""
    from .worksheets import Item, hit_record

    outlets = outlets_with_text(analysis, options)
    if len(outlets) < 3:
        have = f": {', '.join(outlets)}" if outlets else ""
        raise OptionError(f"--kind guess needs at least three outlets with enough text ({MIN_ARTICLES} articles and "
                          f"{MIN_WORDS:,} words each, outlet known); this selection has {len(outlets)}{have}: "
                          "add articles, widen --outlets or --lang, or use --kind spot, rewrite, whose or compare")
    sel = select_passages(analysis, options)
    excluded = _excluded_words(analysis.documents["outlet"].unique())
    names = outlet_name_pattern(o for o in analysis.documents["outlet"].unique() if o != UNKNOWN_OUTLET)
    pool: list[Passage] = []
    for p in sel.passages:
        if p.outlet not in outlets:
            continue
        if names is not None and names.search(p.text):
            sel.excluded["outlet_named"] += 1
            continue
        pool.append(p)
    sel.passages = pool
    if not pool:
        raise OptionError("--kind guess: no passage with a confident loaded term from these outlets "
                          f"({', '.join(outlets)}): use --kind spot, rewrite, whose or compare")
    rng = random.Random(options.seed)
    chosen = spread_over_outlets(pool, options.items, rng, shuffle_outlets=False)
    rng.shuffle(chosen)
    if progress:
        progress(f"guess: keyness of words over {len(outlets)} outlets ...")
    key = Keyness(analysis, outlets, progress)
    items = []
    for i, p in enumerate(chosen, start=1):
        others = [o for o in outlets if o != p.outlet]
        choices = sorted([p.outlet, *rng.sample(others, min(CHOICES - 1, len(others)))])
        lexicon_words = list(dict.fromkeys(h.surface for h in p.hits if h.teach))
        lex_tokens = {t for w in lexicon_words for t in _tokens(w)}
        scored = []
        for t in dict.fromkeys(_tokens(p.text)):
            if t in excluded or t in lex_tokens or len(t) < 3:
                continue
            g = key.g2(t, p.outlet)
            if g >= G2_MIN:
                scored.append((-g, t))
        keyness_words = [t for _, t in sorted(scored)[:4]]
        items.append(Item(i, [p], {"outlet": p.outlet, "lexicon_words": lexicon_words, "keyness_words": keyness_words,
                                   "keyness": {t: round(-g, 1) for g, t in sorted(scored)[:4]},
                                   "loaded": [hit_record(h, n) for n, h in enumerate(p.hits, start=1)]},
                          choices=choices))
    notes = [f"Outlets offered: {', '.join(outlets)} (each with at least {MIN_ARTICLES} articles and {MIN_WORDS:,} "
             "words in this corpus). Keyness: Dunning's log-likelihood G2 of the word in this outlet's articles "
             f"against the other outlets' (G2 >= {G2_MIN}, p < 0.001); the number after each word in the JSON file."]
    return items, sel, outlets, notes
