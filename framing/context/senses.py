"""Senses of ambiguous entries: cue words (sense_cues.tsv and each entry's neutral_cues), then the
optional sense helper."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from ..lexicon import Entry
from .document import Document
from .language import ContextData
from .language import languages
from .tokens import _TOKEN, _fold_word, _is_word, _norm_token, _tokens

# A classifier that helps with ambiguous senses when no rule decides (set by framing.model).
# Called as SENSE_MODEL(sentence, start, end, entry) with the hit's offsets inside the sentence;
# returns "loaded", "neutral", or None when it is not sure either.
def _sense_model(sentence, start, end, entry):
    """The sense helper (framing/sense.py), imported on first use to keep scikit-learn out of start-up."""
    from .sense import sense_hook

    return sense_hook(sentence, start, end, entry)


# Asked for an ambiguous term's sense only when no cue rule decides; None (the default) leaves such
# hits loaded. The sense helper is opt-in (`--sense-model`, see use_sense_model): on our probes it
# fixes some neutral uses but also drops clearly loaded ones ("a savage attack on the villagers"),
# so it does not decide by default.
SENSE_MODEL = None


def use_sense_model(enabled: bool) -> None:
    """Turn the sense helper on or off for this process (and the workers it forks)."""
    global SENSE_MODEL
    SENSE_MODEL = _sense_model if enabled else None


# ----------------------------------------------------------------------------- senses

def _sense(doc: Document, start: int, end: int, entry: Entry, s0: int, s1: int) -> str:
    data = languages().get(entry.lang, doc.data)  # the cue rules of the entry's language
    text = doc.text
    left = doc.window(max(s0, start - 80), start)
    right = doc.window(end, min(s1, end + 80))
    surface = " ".join(_norm_token(t) for t in _TOKEN.findall(text, start, end))
    forms = {surface, data.hook.strip(surface), _fold_word(entry.term)}
    sense = _cue_sense(data, entry.lang, forms, left, right, entry.neutral_cues)
    if sense is not None:
        return sense
    model = SENSE_MODEL
    if model is not None:
        try:
            guess = model(text[s0:s1], start - s0, end - s0, entry)
        except Exception:  # a helper must never break the analysis; rules stand
            guess = None
        if guess in ("loaded", "neutral"):
            return guess
    return "loaded"


@dataclass(frozen=True)
class _EntryCues:
    """An entry's neutral cues, tokenised once and indexed by the word nearest to the term."""

    overlapping: tuple[tuple[tuple[str, ...], frozenset], ...]  # cues that share a word with the term
    by_last: dict   # last word -> [(cue, window, "neutral")] (for cues before the term), as _scan_cues reads
    by_first: dict  # first word -> [(cue, window, "neutral")] (for cues after the term)


ENTRY_CUE_WINDOW = 2  # words between a lexicon entry's neutral cue and the term


@functools.lru_cache(maxsize=4096)
def _entry_cues(entry_cues: tuple[str, ...]) -> _EntryCues:
    overlapping, by_last, by_first = [], {}, {}
    for raw in entry_cues:
        cue = tuple(t for t, _, _ in _tokens(raw, 0, len(raw)))
        if not cue:
            continue
        overlapping.append((cue, frozenset(cue)))
        by_last.setdefault(cue[-1], []).append((cue, ENTRY_CUE_WINDOW, "neutral"))
        by_first.setdefault(cue[0], []).append((cue, ENTRY_CUE_WINDOW, "neutral"))
    return _EntryCues(tuple(overlapping), by_last, by_first)


@dataclass(frozen=True)
class _EntryPlan:
    """What an entry's neutral cues need of a hit written in given forms, worked out once per (cues,
    forms) and not per hit: the cues that share a word with a form (each with those forms), and the
    other cues indexed by their word nearest to the term."""

    overlapping: tuple   # (cue, its words, ((form's words, as a set), ...)): phrases found around the hit
    by_last: dict        # as _EntryCues.by_last, the overlapping cues left out
    by_first: dict


@functools.lru_cache(maxsize=16384)
def _entry_plan(entry_cues: tuple[str, ...], forms: frozenset) -> _EntryPlan:
    cues = _entry_cues(entry_cues)
    # Every form (as written, without an Arabic prefix, the entry's term) in a fixed order: a set's
    # order changes from one process to the next, and results must not.
    form_words = [(tuple(f.split()), set(f.split())) for f in sorted(forms) if f]
    overlapping, shared = [], set()
    for cue, cue_words in cues.overlapping:
        term_forms = tuple((tt, fw) for tt, fw in form_words if fw & cue_words)
        if term_forms:
            shared.add(cue)
            overlapping.append((cue, cue_words, term_forms))

    def without_shared(table):
        return table if not shared else {k: [c for c in v if c[0] not in shared] for k, v in table.items()}

    return _EntryPlan(tuple(overlapping), without_shared(cues.by_last), without_shared(cues.by_first))


def _cue_sense(data: ContextData, lang: str, forms, left, right, entry_cues) -> str | None:
    """"neutral" or "loaded" when a cue decides, else None."""
    index = _rules_for(data, lang, forms if isinstance(forms, str) else frozenset(forms))
    if not (index.before or index.after or entry_cues):
        return None
    if isinstance(forms, str):
        forms = {forms}
    lw = [t for t, _, _ in left]
    rw = [t for t, _, _ in right]
    strip = data.hook.strip
    best: tuple[int, int] | None = None  # (distance, 0 loaded / 1 neutral)

    def found(distance: int, sense: str) -> None:
        nonlocal best
        cand = (distance, 0 if sense == "loaded" else 1)
        if best is None or cand < best:
            best = cand

    if index.before:
        _scan_cues(index.before, index.before_reach, lw, True, found, strip)
    if index.after:
        _scan_cues(index.after, index.after_reach, rw, False, found, strip)
    if entry_cues:
        plan = _entry_plan(tuple(entry_cues), frozenset(forms))
        window_words = None
        for cue, cue_words, term_forms in plan.overlapping:
            for term_tokens, fw in term_forms:
                # The cue shares words with the term ("claimed responsibility", "proxy server"): it
                # must occur as a phrase in the words around the hit, overlapping the hit itself,
                # with the term in any of its forms ("a concentration camp survivor" for the entry
                # "concentration camps").
                if window_words is None:
                    window_words = set(lw).union(rw)
                if not (cue_words - fw) <= window_words:
                    continue  # a word of the cue is nowhere near (the usual case): no phrase to find
                seq = lw + list(term_tokens) + rw
                ts, te, n = len(lw), len(lw) + len(term_tokens), len(cue)
                if any(tuple(seq[i:i + n]) == cue for i in range(max(0, ts - n + 1), te)):
                    found(0, "neutral")
                    break
        _scan_cues(plan.by_last, ENTRY_CUE_WINDOW, lw, True, found, strip)
        if data.settings["cues_after"] == "any" or (rw and rw[0] in data.words["link"]):
            _scan_cues(plan.by_first, ENTRY_CUE_WINDOW, rw, False, found, strip)
    if best is None:
        return None
    return "loaded" if best[1] == 0 else "neutral"


@dataclass
class _CueIndex:
    """The cue rules of one term, looked up by the cue's word nearest to the term."""

    before: dict[str, list[tuple[tuple[str, ...], int, str]]] = field(default_factory=dict)
    after: dict[str, list[tuple[tuple[str, ...], int, str]]] = field(default_factory=dict)
    before_reach: int = -1
    after_reach: int = -1


def _rules_for(data: ContextData, lang: str, forms: frozenset | str) -> _CueIndex:
    key = (lang, forms)
    memo = data.cue_memo  # per language: (lang, forms) -> _CueIndex
    index = memo.get(key)
    if index is None:
        index = _CueIndex()
        for r in data.cue_rules:
            if r.lang != lang or not any(f == r.term or (r.prefix and f.startswith(r.term))
                                         for f in ((forms,) if isinstance(forms, str) else forms)):
                continue
            for cue in r.cues:
                if not cue:
                    continue
                if r.side == "before":
                    index.before.setdefault(cue[-1], []).append((cue, r.window, r.sense))
                    index.before_reach = max(index.before_reach, r.window)
                else:
                    index.after.setdefault(cue[0], []).append((cue, r.window, r.sense))
                    index.after_reach = max(index.after_reach, r.window)
        if len(memo) > 10000:
            memo.clear()
        memo[key] = index
    return index


def _scan_cues(table, reach: int, words: list[str], before: bool, found, strip) -> None:
    """Report (distance, sense) of every cue in ``table`` found within ``reach`` words of the term."""
    n_words = len(words)
    for d in range(reach + 1):
        pos = n_words - 1 - d if before else d
        if pos < 0 or pos >= n_words:
            return
        tok = words[pos]
        cands = table.get(tok, ())
        alt = strip(tok)
        if alt != tok:
            cands = [*cands, *((c, w, s) for c, w, s in table.get(alt, ()) if len(c) == 1)]
        for cue, window, sense in cands:
            if d > window:
                continue
            n = len(cue)
            if n == 1 or (before and pos - n + 1 >= 0 and tuple(words[pos - n + 1:pos + 1]) == cue) \
                    or (not before and tuple(words[pos:pos + n]) == cue):
                found(d, sense)
        if not _is_word(tok) and tok not in (",", "/", "'"):
            return
