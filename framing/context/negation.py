"""Negation: a negator or a denial whose scope reaches the hit."""
from __future__ import annotations

import bisect

from ..quotes import MARKS
from .document import NEG_REACH, Document
from .tokens import _is_word

# ----------------------------------------------------------------------------- negation

def _negated(doc: Document, start: int, s0: int) -> bool:
    data = doc.data
    i = bisect.bisect_right(doc.neg_ends, start) - 1
    best = None
    while i >= 0:
        end, nstart, role, word = doc.negators[i]
        if start - end > NEG_REACH or nstart < s0:
            break
        if nstart < start and (best is None or end > best[0] or (end == best[0] and nstart < best[1])):
            best = doc.negators[i]
        i -= 1
    if best is None:
        return False
    end, nstart, role, word = best
    between = [t for t in doc.window(end, start) if t[0] not in MARKS]
    neg = data.negation
    bridges, barriers = neg.get("bridge", set()), neg.get("barrier", set())
    np_bridges = neg.get("np_bridge", ())
    if role == "denial":  # "denied that it was ...": the scope starts after "that"
        comp = data.words["complementizer"]
        k = next((i for i in range(len(between) - 1, -1, -1) if between[i][0] in comp), -1)
        if k < 0:  # "denied the country was a ...": skip the clause's subject up to its verb
            k = next((i for i, (t, _, _) in enumerate(between[:5]) if t in data.words["copula"]), -1) - 1
            if k < -1 or any(not _is_word(t) for t, _, _ in between[:k + 1]):
                return False
        between = between[k + 1:]
    cancel = neg.get("cancel", set())
    if any(t in cancel for t, _, _ in between):  # "not only", "not the only", "no doubt"
        return False
    det = word in neg.get("np_negator", ())
    stops = data.words["stop"]
    modifiers = capitals = 0
    for t, a, b in between:
        if not _is_word(t) or t in barriers:
            return False
        if t in bridges:
            det = det or t in np_bridges
            continue
        if det and modifiers < 2 and t not in stops and t.isascii():
            modifiers += 1
        elif doc.text[a].isupper() and capitals < 2:
            capitals += 1
        else:
            return False
    return True
