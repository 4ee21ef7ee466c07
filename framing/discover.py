"""`framing discover`: candidate loaded terms that no lexicon lists, with the evidence for each.

Corpus (records with text, outlet, date) -> candidates table -> draft lexicon rows.

1. **Boilerplate out.** A sentence that stands word for word in 3 documents or more (newsletter
   calls, copyright lines, repeated captions) is left out before counting, and so is any run of 8
   words repeated word for word in more than 6 documents inside different sentences (scraped link
   lists and menus).
2. **Phrases.** All 1-4-word phrases inside a sentence, not across punctuation, counted per
   document. A phrase must occur in ``min_docs`` documents (counted level by level: a 3-word phrase
   is only counted when both its 2-word parts pass, which keeps memory bounded).
3. **Never candidates.** Phrases that begin or end with a function word
   (framing/data/discover/stopwords.txt) or hold only function words; names (every content word
   written with a capital where it does not start a sentence, in most of its uses: people,
   places, outlets) and phrases that begin or end with a name ("Kovacs said"; this also drops
   loaded phrases such as "radical Islam", whose loaded word stays a candidate alone); outlet names and aliases (framing/data/outlets.tsv); phrases a lexicon in use
   matches or that contain such a match.
4. **Keyness** of each group (outlet or period) against the rest of the corpus: the log-odds ratio
   with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008; prior = the corpus's own
   frequencies times ``prior_size``), its z-score, and Dunning's G2 with its p-value, controlled
   for false discoveries by Benjamini-Hochberg within each group (``q_value``). A term is key for a
   group when z > 1.96, the group uses it more than the rest and q <= ``fdr``.
5. **Stability.** The documents are split at random into two halves (seed); a key term is
   ``stable`` when it is key (z > 1.96) for the group in both halves; an overall candidate when it
   stands in at least half the minimum documents in each half. Unstable terms are kept, flagged
   and ranked after the stable ones.
6. **Word-level score.** ``p_loaded``: the word model's (framing/wordmodel.py) probability that the
   phrase is loaded, averaged over up to ``occurrences`` uses of it in the corpus, each read among
   its neighbours (a phrase's probability is its most loaded word's).
7. **Topicality.** Keyness and frequency find what a group writes *about* as readily as how it
   writes; a word naming the topic is not loaded wording. ``topicality`` (0 to 1): the share of
   the term's uses inside a sentence written with a capital (institutions, names below the name
   threshold; for a phrase, its least capitalised content word). Burstiness (Katz 1996) is
   computed but weighted 0 (see :func:`_topicality`).
8. **Ranking.** The word model's probability leads; keyness, frequency and topicality weigh it.
   Within a group, ``score = p_loaded * (1 - topicality) * z / (z + 4)`` (keyness saturates; a
   term a group over-uses enormously is not for that reason more loaded). Overall (``group =
   (all)``), every term frequent enough, ``score = p_loaded * (1 - topicality) * docs / (docs + 4 *
   min_docs)`` with ``keyness_z`` its highest z over the groups. Within a group stable before
   unstable; overall by score alone, ``stable`` a flag.

Public: :class:`DiscoverOptions`, :func:`discover`, :func:`draft_lexicon`, :func:`load_corpus`.
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.stats import chi2

from .errors import OptionError
from .stats import benjamini_hochberg, g2
from .wordmodel import function_words, score_windows
from .types import CANDIDATE_COLUMNS, DRAFT_COLUMNS

ALL = "(all)"
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_NAME_PARTICLE = re.compile(r"^[a-z]{1,3}['’-][^\W\d_]*[A-Z]")  # al-Tanf, d'Estaing, bin-Salman
_BREAK = re.compile(r"[^\s]")  # anything but space between two words breaks a phrase


@dataclass(frozen=True)
class DiscoverOptions:
    by: str = "outlet"            # outlet | period
    period: str = "year"          # with by="period": week | month | quarter | year
    max_words: int = 4
    min_docs: int = 0             # 0: chosen from the corpus size (see min_docs_for)
    min_group_docs: int = 20      # groups with fewer documents are not compared (they stay in "(all)")
    fdr: float = 0.05
    prior_size: float = 1000.0
    occurrences: int = 20         # uses of a phrase the word model reads
    top: int = 300                # rows kept per group (and overall)
    seed: int = 0
    excluded_entries: tuple[str, ...] = ()   # lexicon ids the word model must not see (held-out checks)


@dataclass
class Discovery:
    candidates: pd.DataFrame
    notes: list[str] = field(default_factory=list)   # why results are thin or missing, for the user
    groups: dict[str, int] = field(default_factory=dict)   # group -> documents
    boilerplate_sentences: int = 0


def min_docs_for(n_docs: int) -> int:
    """Default minimum documents per phrase: 3 for small corpora, growing slowly (5 at 1,000, 8 at 10,000)."""
    return int(max(3, round(2 * np.log10(max(n_docs, 1)) - 1)))


# ----------------------------------------------------------------------------- corpus -> token arrays

class _Corpus:
    """Token ids of every kept sentence, in one array, with document, offsets and breaks."""

    def __init__(self, docs: list[dict]):
        from .sentences import sentence_spans

        self.docs = docs
        vocab: dict[str, int] = {}
        words: list[str] = []
        ids, doc_of, starts, ends, brk, initial, caps = [], [], [], [], [], [], []
        sent_count: Counter = Counter()
        splits = []
        for d in docs:
            spans = [(s, e) for s, e in sentence_spans(d["text"])]
            keys = []
            for s, e in spans:
                key = " ".join(d["text"][s:e].lower().split())
                keys.append(key)
            for key in set(keys):
                if len(key.split()) >= 3:
                    sent_count[key] += 1
            splits.append((spans, keys))
        self.boilerplate = {k for k, n in sent_count.items() if n >= self.threshold_docs}
        self.boilerplate_sentences = 0
        for k, d in enumerate(docs):
            text = d["text"]
            spans, keys = splits[k]
            for (s, e), key in zip(spans, keys):
                if key in self.boilerplate:
                    self.boilerplate_sentences += 1
                    continue
                prev_end = None
                first = True
                for m in _WORD.finditer(text, s, e):
                    w = m.group().lower().replace("’", "'")
                    i = vocab.get(w)
                    if i is None:
                        i = vocab[w] = len(words)
                        words.append(w)
                    ids.append(i)
                    doc_of.append(k)
                    starts.append(m.start())
                    ends.append(m.end())
                    brk.append(first or bool(_BREAK.search(text, prev_end, m.start())))
                    initial.append(first)
                    caps.append(m.group()[:1].isupper() or bool(_NAME_PARTICLE.match(m.group())))
                    prev_end = m.end()
                    first = False
        self.words = words
        self.vocab = vocab
        self.ids = np.asarray(ids, dtype=np.int64)
        self.doc = np.asarray(doc_of, dtype=np.int64)
        self.start = np.asarray(starts, dtype=np.int64)
        self.end = np.asarray(ends, dtype=np.int64)
        self.brk = np.asarray(brk, dtype=bool)          # a phrase may not continue into this token
        self.initial = np.asarray(initial, dtype=bool)  # first word of its sentence
        self.caps = np.asarray(caps, dtype=bool)
        self.boilerplate_runs = self._drop_repeated_runs()

    threshold_docs = 3
    run_words = 8

    def _drop_repeated_runs(self) -> int:
        """Leave out runs of ``run_words`` words that stand word for word in more than
        2 * threshold_docs documents inside otherwise different sentences (link lists, bylines,
        scraped menus); returns how many words were left out."""
        n, w = len(self.ids), self.run_words
        if n < w:
            return 0
        h = np.zeros(n - w + 1, dtype=np.uint64)
        with np.errstate(over="ignore"):
            for j in range(w):
                h = h * np.uint64(1_000_003) + (self.ids[j: n - w + 1 + j].astype(np.uint64) + np.uint64(1))
        same = self.doc[w - 1:] == self.doc[: n - w + 1]
        idx = np.flatnonzero(same)
        if not len(idx):
            return 0
        pairs = np.unique(np.stack([h[idx], self.doc[idx].astype(np.uint64)], axis=1), axis=0)
        uniq, df = np.unique(pairs[:, 0], return_counts=True)
        frequent = uniq[df > 2 * self.threshold_docs]
        if not len(frequent):
            return 0
        starts = idx[np.isin(h[idx], frequent)]
        drop = np.zeros(n + 1, dtype=np.int64)
        np.add.at(drop, starts, 1)
        np.add.at(drop, starts + w, -1)
        mask = np.cumsum(drop[:n]) > 0
        keep = ~mask
        # a phrase may not bridge the gap a dropped run leaves
        after_gap = np.zeros(n, dtype=bool)
        after_gap[1:] = mask[:-1]
        self.brk = self.brk | after_gap
        for name in ("ids", "doc", "start", "end", "brk", "initial", "caps"):
            setattr(self, name, getattr(self, name)[keep])
        return int(mask.sum())


def _proper_tokens(c: _Corpus) -> np.ndarray:
    """Per word id: is it a name? Capitalised in at least 70% of its uses not at a sentence start, or,
    when it only ever starts sentences, capitalised there every time and followed by a name in most
    of its uses ("Marta Kovacs said ...")."""
    n = len(c.words)
    inner = ~c.initial
    total = np.bincount(c.ids[inner], minlength=n)
    capital = np.bincount(c.ids[inner & c.caps], minlength=n)
    proper = (total > 0) & (capital >= 0.7 * np.maximum(total, 1))
    only_initial = (total == 0) & (np.bincount(c.ids, minlength=n) > 0)
    if only_initial.any() and len(c.ids) > 1:
        nxt_proper = np.zeros(len(c.ids), dtype=bool)
        nxt_proper[:-1] = proper[c.ids[1:]] & ~c.brk[1:]
        uses = np.bincount(c.ids, minlength=n)
        before_name = np.bincount(c.ids[nxt_proper], minlength=n)
        proper |= only_initial & (before_name >= 0.5 * np.maximum(uses, 1))
    return proper


# ----------------------------------------------------------------------------- phrases

@dataclass
class _Phrases:
    """Frequent phrases: per level n, the phrase id at each token position (-1: none) and the phrases."""

    codes: list[np.ndarray]            # level n-1 -> array over positions, phrase index or -1
    parts: list[np.ndarray]            # level n-1 -> (phrase index -> (prefix phrase index, last word id))
    docs: list[np.ndarray]             # level n-1 -> document counts per phrase


def _frequent_phrases(c: _Corpus, max_words: int, min_docs: int) -> _Phrases:
    n_pos = len(c.ids)
    codes, parts, docs = [], [], []
    prev = c.ids.copy()
    for level in range(1, max_words + 1):
        if level == 1:
            cand = prev
            valid = np.ones(n_pos, dtype=bool)
        else:
            last = level - 1
            valid = np.zeros(n_pos, dtype=bool)
            if n_pos > last:
                head = codes[-1][: n_pos - last]
                tail_ok = codes[-1][1: n_pos - last + 1] >= 0   # the phrase's suffix is frequent too
                nxt_brk = c.brk[last:]
                same_doc = c.doc[last:] == c.doc[: n_pos - last]
                valid[: n_pos - last] = (head >= 0) & tail_ok & ~nxt_brk & same_doc
            cand = np.full(n_pos, -1, dtype=np.int64)
            idx = np.flatnonzero(valid)
            cand[idx] = codes[-1][idx] * len(c.words) + c.ids[idx + last]
        idx = np.flatnonzero(valid)
        if not len(idx):
            break
        pairs = np.unique(np.stack([cand[idx], c.doc[idx]], axis=1), axis=0)
        uniq, df = np.unique(pairs[:, 0], return_counts=True)
        keep = uniq[df >= min_docs]
        if not len(keep):
            break
        pos = np.searchsorted(keep, cand[idx])
        pos_ok = (pos < len(keep)) & (keep[np.minimum(pos, len(keep) - 1)] == cand[idx])
        code = np.full(n_pos, -1, dtype=np.int64)
        code[idx[pos_ok]] = pos[pos_ok]
        codes.append(code)
        if level == 1:
            parts.append(np.stack([np.full(len(keep), -1), keep], axis=1))
        else:
            parts.append(np.stack([keep // len(c.words), keep % len(c.words)], axis=1))
        docs.append(df[df >= min_docs])
    return _Phrases(codes, parts, docs)


def _words_of(ph: _Phrases, level: int, k: int) -> list[int]:
    out = []
    while level >= 1:
        prefix, last = ph.parts[level - 1][k]
        out.append(int(last))
        k = int(prefix)
        level -= 1
    return out[::-1]


# ----------------------------------------------------------------------------- statistics

def log_odds_z(y_g: np.ndarray, y_rest: np.ndarray, n_g: float, n_rest: float, prior: np.ndarray,
               alpha0: float) -> np.ndarray:
    """z-score of the log-odds ratio with an informative Dirichlet prior (Monroe et al. 2008, eq. 22).

    ``prior`` holds each term's prior pseudo-count (alpha_w); ``alpha0`` their total."""
    a_g = y_g + prior
    a_r = y_rest + prior
    delta = np.log(a_g / np.maximum(n_g + alpha0 - a_g, 1e-9)) - np.log(a_r / np.maximum(n_rest + alpha0 - a_r, 1e-9))
    return delta / np.sqrt(1.0 / a_g + 1.0 / a_r)


# ----------------------------------------------------------------------------- discover

def discover(docs: list[dict], options: DiscoverOptions = DiscoverOptions(), *, lexicon=None,
             word_model=None) -> Discovery:
    """Candidate loaded terms per group and overall (columns CANDIDATE_COLUMNS).

    ``docs``: dicts with ``text``, ``group`` (outlet or period label) and ``doc_id``; ``lexicon``:
    a framing Lexicon whose terms are never candidates; ``word_model``: a word model (default: the
    shipped one).
    """
    from .wordmodel import shipped_word_model, with_excluded_entries

    if options.by not in ("outlet", "period"):
        raise OptionError(f"--by {options.by}: choose outlet or period")
    notes: list[str] = []
    docs = [d for d in docs if isinstance(d.get("text"), str) and d["text"].strip()]
    n_docs = len(docs)
    min_docs = options.min_docs or min_docs_for(n_docs)
    if n_docs < 2 * min_docs:
        notes.append(f"only {n_docs} document(s): a phrase must stand in {min_docs} documents to be counted, "
                     "so there can be no candidates; give more documents (dozens per group at least)")
        return Discovery(pd.DataFrame(columns=CANDIDATE_COLUMNS), notes, {}, 0)
    model = word_model or shipped_word_model()
    model = with_excluded_entries(model, options.excluded_entries)
    c = _Corpus(docs)
    if c.boilerplate_sentences or c.boilerplate_runs:
        notes.append(f"left out as boilerplate: {c.boilerplate_sentences} sentence(s) standing word for word in "
                     f"{c.threshold_docs}+ documents ({len(c.boilerplate)} distinct), and {c.boilerplate_runs} words "
                     f"in runs of {c.run_words}+ words repeated in more than {2 * c.threshold_docs} documents")
    if n_docs < 200:
        notes.append(f"only {n_docs} documents: too few for stable results (a phrase needs {min_docs} documents; "
                     "keyness and the split-half check need dozens per group); the candidates below are leads "
                     "only, read their examples")
    ph = _frequent_phrases(c, options.max_words, min_docs)
    if not ph.codes:
        notes.append(f"no phrase stands in {min_docs} or more documents: the corpus is too small or too varied")
        return Discovery(pd.DataFrame(columns=CANDIDATE_COLUMNS), notes, {}, c.boilerplate_sentences)

    groups = [d["group"] for d in docs]
    group_names = sorted(set(groups))
    group_of_doc = np.asarray([group_names.index(g) for g in groups])
    group_docs = Counter(groups)
    compared = [g for g in group_names if group_docs[g] >= options.min_group_docs]
    if len(compared) < 2:
        notes.append(f"fewer than two {options.by}s with {options.min_group_docs}+ documents "
                     f"({', '.join(f'{g}: {group_docs[g]}' for g in group_names)}): no keyness per {options.by}; "
                     "only the overall ranking (group '(all)') is written")
        compared = []
    elif len(compared) < len(group_names):
        small = [g for g in group_names if g not in compared]
        notes.append(f"{len(small)} {options.by}(s) with fewer than {options.min_group_docs} documents not compared "
                     f"(they count in '(all)'): {', '.join(small[:8])}{' ...' if len(small) > 8 else ''}")

    proper = _proper_tokens(c)
    capital = _capital_share(c)
    stop = function_words()
    stop_ids = np.zeros(len(c.words), dtype=bool)
    for w in stop:
        if w in c.vocab:
            stop_ids[c.vocab[w]] = True
    banned = _outlet_phrases() | {" ".join(d["group"].lower().split()) for d in docs}
    matcher = None
    if lexicon is not None and len(lexicon.entries):
        from .match import Matcher

        matcher = Matcher(lexicon)

    rng = np.random.default_rng(options.seed)
    half = rng.integers(0, 2, size=n_docs).astype(bool)
    n_tok = len(c.ids)
    tokens_by_group = np.bincount(group_of_doc[c.doc], minlength=len(group_names)).astype(float)
    tokens_by_group_half = [np.bincount(group_of_doc[c.doc][half[c.doc] == h], minlength=len(group_names)).astype(float)
                            for h in (False, True)]

    rows_group, rows_all = [], []
    repeat_share: dict[int, np.ndarray] = {}   # level -> per phrase: share of its documents that use it again
    for level in range(1, len(ph.codes) + 1):
        code = ph.codes[level - 1]
        n_ph = len(ph.parts[level - 1])
        pos = np.flatnonzero(code >= 0)
        k_of = code[pos]
        # filters over phrase words
        wids = [_words_of(ph, level, k) for k in range(n_ph)]
        ok = np.ones(n_ph, dtype=bool)
        for k, ws in enumerate(wids):
            content = [w for w in ws if not stop_ids[w]]
            if stop_ids[ws[0]] or stop_ids[ws[-1]] or not content:
                ok[k] = False
            elif all(proper[w] for w in content) or (len(ws) > 1 and (proper[ws[0]] or proper[ws[-1]])):
                ok[k] = False   # a name, or a name and a word next to it
            elif any(len(c.words[w]) < 2 for w in ws):
                ok[k] = False
            else:
                text = " ".join(c.words[w] for w in ws)
                if text in banned or (matcher is not None and matcher.find(text)):
                    ok[k] = False
        if not ok.any():
            continue
        g_pos = group_of_doc[c.doc[pos]]
        counts = np.zeros((len(group_names), n_ph))
        np.add.at(counts, (g_pos, k_of), 1)
        dpairs, per_doc = np.unique(np.stack([k_of, c.doc[pos]], axis=1), axis=0, return_counts=True)
        again = np.bincount(dpairs[per_doc >= 2, 0], minlength=n_ph)
        in_docs = np.bincount(dpairs[:, 0], minlength=n_ph)
        repeat_share[level] = again / (in_docs + 1.0)   # shrunk towards 0 for terms in few documents
        docs_g = np.zeros((len(group_names), n_ph))
        np.add.at(docs_g, (group_of_doc[dpairs[:, 1]], dpairs[:, 0]), 1)
        halves = []
        for h in (False, True):
            sel = half[c.doc[pos]] == h
            ch = np.zeros((len(group_names), n_ph))
            np.add.at(ch, (g_pos[sel], k_of[sel]), 1)
            halves.append(ch)
        total = counts.sum(axis=0)
        first_pos = np.full(n_ph, -1)
        first_pos[k_of[::-1]] = pos[::-1]
        prior = options.prior_size * total / n_tok
        best_z = np.full(n_ph, -np.inf)
        for gi, g in enumerate(group_names):
            if g not in compared:
                continue
            y_g, y_r = counts[gi], total - counts[gi]
            n_g, n_r = tokens_by_group[gi], n_tok - tokens_by_group[gi]
            z = log_odds_z(y_g, y_r, n_g, n_r, prior, options.prior_size)
            best_z = np.maximum(best_z, z)
            gg = g2(y_g, y_r, n_g, n_r)
            over = y_g / n_g > y_r / max(n_r, 1)
            test = ok & over & (docs_g[gi] >= min_docs)
            if not test.any():
                continue
            p = chi2.sf(gg[test], 1)
            rows_group.append((g, level, np.flatnonzero(test), z[test], gg[test], p, counts[gi][test], docs_g[gi][test],
                               [_half_z(halves[h], gi, test, tokens_by_group_half[h], options) for h in (0, 1)],
                               first_pos, wids))
        keep_all = ok & (docs_g.sum(axis=0) >= min_docs)
        in_half = np.zeros((2, n_ph))
        np.add.at(in_half, (half[dpairs[:, 1]].astype(int), dpairs[:, 0]), 1)
        both = (in_half >= np.ceil(min_docs / 2)).all(axis=0)
        rows_all.append((level, np.flatnonzero(keep_all), total[keep_all], docs_g.sum(axis=0)[keep_all],
                         best_z[keep_all], first_pos, wids, both[keep_all]))

    # FDR per group over all levels, then keyness filter
    table = []
    by_group: dict[str, list] = {}
    for r in rows_group:
        by_group.setdefault(r[0], []).append(r)
    for g, rs in by_group.items():
        q_all = benjamini_hochberg(np.concatenate([r[5] for r in rs]))
        off = 0
        for (g_, level, ks, z, gg, p, cnt, dcs, hz, first_pos, wids) in rs:
            q = q_all[off: off + len(ks)]
            off += len(ks)
            key = (z > 1.96) & (q <= options.fdr)
            for j in np.flatnonzero(key):
                k = ks[j]
                stable = bool(hz[0][j] > 1.96 and hz[1][j] > 1.96)
                table.append(dict(group=g, level=level, k=int(k), count=int(cnt[j]), docs=int(dcs[j]),
                                  keyness_z=float(z[j]), g2=float(gg[j]), q_value=float(q[j]), stable=stable,
                                  first=int(first_pos[k]), words=wids[k]))
    for (level, ks, cnt, dcs, bz, first_pos, wids, both) in rows_all:
        for j, k in enumerate(ks):
            table.append(dict(group=ALL, level=level, k=int(k), count=int(cnt[j]), docs=int(dcs[j]),
                              keyness_z=float(bz[j]) if np.isfinite(bz[j]) else np.nan, g2=np.nan, q_value=np.nan,
                              stable=bool(both[j]), first=int(first_pos[k]), words=wids[k]))
    if not table:
        notes.append("no phrase passed the filters: the corpus is too small, or every frequent phrase is a name, "
                     "a function word or already in a lexicon")
        return Discovery(pd.DataFrame(columns=CANDIDATE_COLUMNS), notes, dict(group_docs), c.boilerplate_sentences)

    # word-level scores: context-free first for the overall list (cheap), then in context for the shortlist
    p_in_context = _score_in_context(c, ph, model, table, options, group_of_doc)
    out = []
    for row in table:
        term = " ".join(c.words[w] for w in row["words"])
        p = p_in_context.get((row["level"], row["k"]), np.nan)
        if np.isnan(p):
            continue
        z = row["keyness_z"]
        content = [w for w in row["words"] if not stop_ids[w]]
        topical = _topicality(float(repeat_share[row["level"]][row["k"]]), min(float(capital[w]) for w in content))
        if row["group"] == ALL:
            score = p * (1.0 - topical) * row["docs"] / (row["docs"] + 4 * min_docs)
        else:
            score = p * (1.0 - topical) * z / (z + 4.0)
        out.append(dict(term=term, group=row["group"], count=row["count"], docs=row["docs"],
                        keyness_z=round(z, 3) if np.isfinite(z) else np.nan, g2=round(row["g2"], 3),
                        q_value=row["q_value"], p_loaded=round(p, 4), score=round(score, 4), stable=row["stable"],
                        example=_example(c, row["first"], row["level"]), words=row["level"]))
    cand = pd.DataFrame(out, columns=[col for col in CANDIDATE_COLUMNS if col != "rank"])
    # within a group stable terms first; overall by score alone (stable is a flag there)
    cand["_rank_stable"] = cand["stable"] | (cand["group"] == ALL)
    # ties: the shorter phrase first ("shameful" before "plan was shameful": the loaded word carries it)
    cand = cand.sort_values(["group", "_rank_stable", "score", "words", "docs", "term"],
                            ascending=[True, False, False, True, False, True], kind="mergesort").drop(columns="_rank_stable")
    cand = cand.groupby("group", sort=False).head(options.top).copy()
    cand.insert(0, "rank", cand.groupby("group", sort=False).cumcount() + 1)
    order = {g: i for i, g in enumerate([ALL] + [g for g in group_names if g != ALL])}
    cand = cand.sort_values(["group", "rank"], key=lambda s: s.map(order) if s.name == "group" else s,
                            kind="mergesort").reset_index(drop=True)
    if compared and not (cand["group"] != ALL).any():
        notes.append(f"no phrase is key for any {options.by} after false-discovery control: the groups differ "
                     "too little, or the corpus is too small")
    stable_share = cand.loc[cand["group"] != ALL, "stable"].mean() if (cand["group"] != ALL).any() else np.nan
    if np.isfinite(stable_share) and stable_share < 0.5:
        notes.append(f"only {stable_share:.0%} of the key terms are key in both random halves of the corpus: "
                     "read the unstable ones (stable = False) with care, or give more documents")
    return Discovery(cand, notes, dict(group_docs), c.boilerplate_sentences)


def _capital_share(c: _Corpus) -> np.ndarray:
    """Per word id, the share of its uses not at a sentence start written with a capital: names and
    institutions that stay under the name threshold of 70% ("Pentagon", "Senate", "Border")."""
    n = len(c.words)
    inner = ~c.initial
    return np.bincount(c.ids[inner & c.caps], minlength=n) / np.maximum(np.bincount(c.ids[inner], minlength=n), 1)


def _topicality(repeat: float, capital: float, repeat_weight: float = 0.0) -> float:
    """How far a term's use is explained by what the text is about (0: not at all, 1: fully).

    Two signs, combined as independent chances of a topical reading: capitalisation (names and
    institutions below the name threshold) and, weighted by ``repeat_weight``, burstiness (a word
    naming what a document is about comes again once it has come, Katz 1996: ``repeat``, the share
    of the documents using the term that use it twice or more, shrunk for terms in few documents).
    The weight is 0: on the AllSides sample burstiness demoted loaded labels an article repeats
    (aliens, racist, fake news, terror group) more than topic words, and on ../shared/corpus/ it
    brought no more loaded terms into the top 50 (README, discover rows)."""
    return 1.0 - (1.0 - repeat_weight * repeat) * (1.0 - capital)


def _half_z(counts_half: np.ndarray, gi: int, test: np.ndarray, tokens_half: np.ndarray, options) -> np.ndarray:
    total = counts_half.sum(axis=0)[test]
    y_g = counts_half[gi][test]
    n_all = tokens_half.sum()
    n_g = tokens_half[gi]
    if n_g == 0 or n_all - n_g == 0:
        return np.zeros(int(test.sum()))
    prior = options.prior_size * total / max(n_all, 1)
    prior = np.maximum(prior, 1e-6)
    return log_odds_z(y_g, total - y_g, n_g, n_all - n_g, prior, options.prior_size)


def _score_in_context(c: _Corpus, ph: _Phrases, model, table: list[dict], options, group_of_doc) -> dict:
    """(level, phrase) -> mean word-model probability over up to ``occurrences`` of its uses, taken
    from as many groups as use it (the first use in each document, groups in turn): a term is
    loaded when it reads loaded in every group's contexts, not in one outlet's habits."""
    wanted = sorted({(r["level"], r["k"]) for r in table})
    windows, owners = [], []
    for level, k in wanted:
        pos = np.flatnonzero(ph.codes[level - 1] == k)
        # spread the sample over documents and groups
        _, first = np.unique(c.doc[pos], return_index=True)
        first = pos[np.sort(first)]
        grp = group_of_doc[c.doc[first]]
        order = np.argsort(grp, kind="stable")      # the j-th document of its group comes in round j
        starts = np.flatnonzero(np.r_[True, np.diff(grp[order]) != 0])
        turn = np.empty(len(first), dtype=np.int64)
        turn[order] = np.arange(len(first)) - np.repeat(starts, np.diff(np.r_[starts, len(first)]))
        sample = first[np.lexsort((first, turn))][: options.occurrences]
        for p0 in sample:
            lo, hi = max(p0 - 1, 0), min(p0 + level + 1, len(c.ids))
            lo = lo if c.doc[lo] == c.doc[p0] else p0
            hi = hi if c.doc[hi - 1] == c.doc[p0] else p0 + level
            text = c.docs[c.doc[p0]]["text"]
            toks = tuple(text[c.start[i]:c.end[i]] for i in range(lo, hi))
            windows.append((toks, p0 - lo, p0 - lo + level - 1))
            owners.append((level, k))
    probs = score_windows(model, windows) if windows else np.zeros(0)
    sums: dict = {}
    for key, p in zip(owners, probs):
        s = sums.setdefault(key, [0.0, 0])
        s[0] += p
        s[1] += 1
    return {key: s / n for key, (s, n) in sums.items()}


def _example(c: _Corpus, p0: int, level: int, width: int = 60) -> str:
    if p0 < 0:
        return ""
    text = c.docs[c.doc[p0]]["text"]
    s, e = int(c.start[p0]), int(c.end[p0 + level - 1])
    left = " ".join(text[max(0, s - width):s].split())
    right = " ".join(text[e:e + width].split())
    return f"{left} [{' '.join(text[s:e].split())}] {right}".strip()


def _outlet_phrases() -> set[str]:
    """Outlet names and aliases (framing/data/outlets.tsv), lower case, as phrases."""
    from .ingest.outlets import SHIPPED_TABLE

    from .tsv import table_lines

    out = set()
    # the header row's 'alias' and 'outlet' are read as phrases too (as before: kept so that
    # discover's output does not change)
    for _, cells in table_lines(SHIPPED_TABLE.read_text(encoding="utf-8")):
        for cell in cells[:2]:
            words = _WORD.findall(cell.lower())
            if words:
                out.add(" ".join(words))
    return out


# ----------------------------------------------------------------------------- draft lexicon

DRAFT_HEADER = (
    "# DRAFT lexicon written by 'framing discover': candidate loaded terms no lexicon lists yet.\n"
    "# Every row is a draft: the category is a guess, the neutral alternative and the rationale are\n"
    "# placeholders, the referent is empty. Review each row (keep, correct or delete it) before use;\n"
    "# check with: framing lexicon validate FILE. Format: lexicons/SCHEMA.md.\n")


def guess_category(term: str) -> str:
    """A first guess at a term's category from the literature lists (a person decides)."""
    from .model import _word_forms

    lists = _lists()
    words = term.split()
    forms = {f for w in words for f in _word_forms(w)}
    if forms & lists["report"]:
        return "attribution_distancing"
    if any(w.endswith("ly") for w in words) or forms & lists["hedges"]:
        return "intensifier"
    return "emotive"


_LISTS: dict = {}


def _lists() -> dict:
    from .model import literature_dir, read_word_list

    if not _LISTS:
        _LISTS["report"] = set(read_word_list(literature_dir() / "report_verbs.txt")) | set(
            read_word_list(literature_dir() / "assertives_hooper1975.txt"))
        _LISTS["hedges"] = set(read_word_list(literature_dir() / "hedges_hyland2005.txt"))
    return _LISTS


def draft_lexicon(candidates: pd.DataFrame, n: int = 50) -> str:
    """The top ``n`` candidates (stable ones, best overall first, then the best of each group) as a
    lexicon file in the schema of lexicons/SCHEMA.md, every row marked as a draft."""
    picked, seen = [], set()
    ordered = pd.concat([candidates[candidates["group"] == ALL], candidates[candidates["group"] != ALL]
                         .sort_values(["rank", "group"], kind="mergesort")])
    for row in ordered.itertuples(index=False):
        if len(picked) >= n:
            break
        if not row.stable or row.term in seen:
            continue
        seen.add(row.term)
        picked.append(row)
    lines = [DRAFT_HEADER.rstrip("\n"), "\t".join(DRAFT_COLUMNS)]
    used_ids: set[str] = set()
    for row in picked:
        slug = re.sub(r"[^a-z0-9]+", "-", row.term.lower()).strip("-") or "term"
        eid, k = f"draft.en.{slug}", 2
        while eid in used_ids:
            eid, k = f"draft.en.{slug}-{k}", k + 1
        used_ids.add(eid)
        where = "overall" if row.group == ALL else f"key for {row.group} (z {row.keyness_z:.1f})"
        rationale = (f"DRAFT from framing discover, {where}, {row.docs} documents, word-model p_loaded "
                     f"{row.p_loaded:.2f}: say why it is loaded, or delete the row")
        cells = [eid, "en", row.term, "", guess_category(row.term), "", "1", "DRAFT: write a neutral alternative",
                 rationale, "no", "", "framing discover (draft)"]
        lines.append("\t".join(c.replace("\t", " ") for c in cells))
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------- corpus input

def load_corpus(records, by: str, period: str = "year") -> list[dict]:
    """Records from framing's readers -> dicts with doc_id, group, text (the title first, when given)."""
    docs = []
    for rec in records:
        text = rec.get("text") or ""
        title = (rec.get("title") or "").strip()
        if title and not text.startswith(title):
            text = title + ".\n\n" + text
        docs.append({"doc_id": rec["doc_id"], "outlet": rec.get("outlet") or "(unknown)", "date": rec.get("date"),
                     "text": text})
    if by == "period":
        from .tables import period_labels

        labels = period_labels(pd.Series([d["date"] for d in docs], dtype="datetime64[us]"), period) if docs else []
        for d, label in zip(docs, labels):
            d["group"] = str(label)
    else:
        for d in docs:
            d["group"] = d["outlet"]
    return docs


def progress(message: str) -> None:
    print(message, file=sys.stderr)
