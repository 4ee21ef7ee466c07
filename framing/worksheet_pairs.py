"""'Same event, two outlets': a same-event pair of articles, found through an index, not a loop over pairs.

Each article is reduced to its most distinctive terms (the top TF-IDF terms of its title and first
paragraphs, terms found in at least two articles and in at most 5% of them). An inverted index maps
(term, day) to the articles that have the term and were published that day; an article's candidate
partners are the articles of another known outlet sharing at least ``MIN_SHARED`` of its terms
within ``DAYS`` days, found by looking its terms up for the days around it. Candidates are scored
by the cosine of their TF-IDF vectors; near-copies (one wire story printed twice, cosine above
``MAX_COSINE``) are left out. The work grows with the number of articles, not with its square.
"""
from __future__ import annotations

import random
import time
from collections import defaultdict

import numpy as np
import pandas as pd

from .errors import OptionError
from .lexicon import SCARE_QUOTE_ENTRY
from .types import UNKNOWN_OUTLET
from .worksheet_items import Passage, select_passages

TOP_TERMS, MIN_SHARED, DAYS, MAX_COSINE = 12, 3, 3, 0.85
HEAD_CHARS = 1500
EXCERPT_WORDS = 150


def _eligible(analysis, options):
    docs = analysis.documents
    docs = docs[(docs["outlet"] != UNKNOWN_OUTLET) & (docs["hits"] > 0)]
    if options.outlets:
        docs = docs[docs["outlet"].isin(options.outlets)]
    if options.lang:
        docs = docs[docs["lang"] == options.lang]
    return docs.sort_values("doc_id").reset_index(drop=True)


def candidate_pairs(analysis, docs: pd.DataFrame, progress=None) -> list[tuple[float, str, str]]:
    """(-cosine, doc_a, doc_b) for every indexed candidate pair, best first."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    t0 = time.monotonic()
    texts = [f"{t} {analysis.texts.get(d, '')[:HEAD_CHARS]}" for d, t in zip(docs["doc_id"], docs["title"])]
    if progress:
        progress(f"compare: indexing {len(docs):,} articles by date and shared terms ...")
    stop = "english" if (docs["lang"] == "en").all() else None
    vec = TfidfVectorizer(stop_words=stop, min_df=2, max_df=0.05 if len(docs) > 100 else 1.0, sublinear_tf=True,
                          token_pattern=r"(?u)\b[^\W\d_]{3,}\b")
    try:
        m = vec.fit_transform(texts).tocsr()
    except ValueError:  # no term shared by two articles
        return []
    days = [None if pd.isna(d) else d.toordinal() for d in docs["date"]]
    outlets = list(docs["outlet"])
    top: list[list[int]] = []
    index: dict[tuple[int, int | None], list[int]] = defaultdict(list)
    for i in range(m.shape[0]):
        row = m.getrow(i)
        order = np.argsort(-row.data)[:TOP_TERMS]
        terms = [int(row.indices[k]) for k in order]
        top.append(terms)
        for t in terms:
            index[(t, days[i])].append(i)
    window = range(-DAYS, DAYS + 1)
    cand: list[tuple[int, int]] = []
    for i, terms in enumerate(top):
        shared: dict[int, int] = defaultdict(int)
        for t in terms:
            for dd in (window if days[i] is not None else (None,)):
                for j in index.get((t, days[i] + dd if days[i] is not None else None), ()):
                    if j > i and outlets[j] != outlets[i]:
                        shared[j] += 1
        cand += [(i, j) for j, n in shared.items() if n >= MIN_SHARED]
        if progress and i and i % 5000 == 0:
            progress(f"compare: {i:,} of {len(top):,} articles looked up, {len(cand):,} candidate pairs")
    pairs = []
    if cand:
        ii = np.array([c[0] for c in cand])
        jj = np.array([c[1] for c in cand])
        cos = np.asarray(m[ii].multiply(m[jj]).sum(axis=1)).ravel()
        ids = docs["doc_id"].to_numpy()
        pairs = [(-float(c), ids[i], ids[j]) for c, i, j in zip(cos, ii, jj) if c <= MAX_COSINE]
    pairs.sort()
    if progress:
        progress(f"compare: {len(pairs):,} candidate pairs in {time.monotonic() - t0:.1f} s")
    return pairs


def excerpt_end(text: str, max_words: int = EXCERPT_WORDS) -> int:
    """Where an excerpt of about ``max_words`` words ends: at the end of a paragraph or sentence."""
    import re

    from .sentences import sentence_spans

    words = [m.end() for m in re.finditer(r"\S+", text)]
    if len(words) <= max_words:
        return len(text)
    limit = words[max_words - 1]
    ends = [b for _, b in sentence_spans(text) if b <= limit]
    return ends[-1] if ends else limit


def build_compare(analysis, options, w, progress=None):
    """([one item with two passages], questions, names for the instructions)."""
    from .worksheets import Item

    docs = _eligible(analysis, options)
    if docs["outlet"].nunique() < 2:
        raise OptionError("--kind compare needs articles with loaded terms from at least two known outlets: "
                          "check --outlets and --lang, or give the outlet of articles that have none")
    pairs = candidate_pairs(analysis, docs, progress)
    sel = select_passages(analysis, options)
    own_docs = {p.doc_id for p in sel.passages}
    pairs = [p for p in pairs if p[1] in own_docs and p[2] in own_docs]
    if not pairs:
        raise OptionError(f"--kind compare found no two articles of different outlets within {DAYS} days that share "
                          f"{MIN_SHARED} distinctive terms and both use a loaded term in their own voice")
    # the best pairs whose two excerpts both show a loaded term (else the best pairs as they come)
    good = []
    for score, a, b in pairs[:60]:
        ex = [_excerpt(analysis, d, sel) for d in (a, b)]
        if all(any(h.teach for h in p.hits) for p in ex):
            good.append((score, ex))
        if len(good) == 3:
            break
    rng = random.Random(options.seed)
    if good:
        score, passages = good[rng.randrange(len(good))]
    else:
        score, a, b = pairs[rng.randrange(min(3, len(pairs)))]
        passages = [_excerpt(analysis, d, sel) for d in (a, b)]
    names = {"outlet_a": passages[0].outlet, "outlet_b": passages[1].outlet}
    questions = [q.format(**names) for q in w["questions"]]
    from .worksheets import hit_record

    answer = {"pair_score": round(-score, 3),
              "loaded": {p.outlet: [hit_record(h, n) for n, h in enumerate(p.hits, start=1)] for p in passages}}
    return [Item(1, passages, answer)], questions, names


def _excerpt(analysis, doc_id: str, sel) -> Passage:
    """The article's first paragraphs (about EXCERPT_WORDS words), without page furniture ("Story
    highlights", "WATCH: ...", "Story continued below"), with its loaded words."""
    import re

    from .worksheet_items import ItemHit, _boilerplate, _date, _no_overlap, cue_of

    doc = analysis.documents.set_index("doc_id").loc[doc_id]
    full = analysis.texts.get(doc_id, "")
    kept: list[tuple[int, int]] = []  # (start, end) in ``full`` of the paragraphs kept
    words = 0
    for m in re.finditer(r"[^\n]+", full):
        line = m.group()
        if not line.strip() or _boilerplate(line):
            continue
        n = len(line.split())
        if words and words + n > EXCERPT_WORDS:
            if not kept or words < EXCERPT_WORDS // 2:  # a long first paragraph: cut at a sentence
                cut = excerpt_end(line, EXCERPT_WORDS - words)
                kept.append((m.start(), m.start() + cut))
            break
        kept.append((m.start(), m.end() if n <= EXCERPT_WORDS else m.start() + excerpt_end(line)))
        words += n
    parts, offsets, pos = [], [], 0
    for a, b in kept:
        offsets.append((a, b, pos))
        parts.append(full[a:b])
        pos += b - a + 1
    text = "\n".join(parts)
    lexicon = analysis.lexicon
    cats = {k: c.label for k, c in lexicon.categories.items()}
    hits = analysis.hits[(analysis.hits["doc_id"] == doc_id) & (analysis.hits["sense"] == "loaded")
                         & ~analysis.hits["negated"]]
    items = []
    for o in hits.itertuples():
        entry = lexicon.by_id.get(o.entry)
        if entry is None or o.scare_quote or o.entry == SCARE_QUOTE_ENTRY.id or entry.ambiguous:
            continue  # the readings items never rest on (framing.worksheet_items): not shown as loaded
        where = next(((a, p) for a, b, p in offsets if a <= o.start and o.end <= b), None)
        if where is None:
            continue
        a, b = int(o.start) - where[0] + where[1], int(o.end) - where[0] + where[1]
        items.append(ItemHit(a, b, text[a:b], o.entry, o.term, o.category,
                             cats.get(o.category, o.category), o.voice, cue_of(o, full, {}), bool(o.scare_quote),
                             tuple(entry.neutral), entry.rationale, o.voice == "own"))
    more = kept and kept[-1][1] < len(full.rstrip())
    return Passage(doc_id, doc["outlet"], _date(doc["date"]), str(doc["title"] or ""), text.rstrip() + (" …" if more else ""),
                   0, _no_overlap(items))
