"""So-called and kin: markers that put a name at a distance, and the noun phrase they modify."""
from __future__ import annotations

import bisect

from ..quotes import MARKS
from .document import MARKER_REACH, TARGET_WORDS, Document
from .tokens import _TOKEN, _is_word

# ----------------------------------------------------------------------------- so-called

def _two_words_before(doc: Document, lo: int, hi: int, window: int = 200) -> bool:
    """Two tokens (not quotation marks) stand in text[lo:hi], judged from its first ``window``
    characters only (a marker far away in a long sentence is not tokenised up to for every hit)."""
    if hi - lo <= window:
        return False  # short: the caller tokenises it
    cut = max(doc.text.rfind(c, lo, lo + window) for c in " \n\t")
    if cut <= lo:
        return False
    return sum(1 for g in doc.tokens(lo, cut) if g[0] not in MARKS) >= 2


def _so_called(doc: Document, start: int, end: int, s0: int, s1: int) -> tuple[bool, str]:
    data = doc.data
    text = doc.text
    # A marker after the term (Arabic "الدولة المزعومة").
    j = bisect.bisect_left(doc.marker_starts, end)
    if j < len(doc.markers):
        ms, me, mw = doc.markers[j]
        if data.markers.get(mw) == "after" and ms < s1 and not _two_words_before(doc, end, ms):
            gap = [g for g in doc.tokens(end, ms) if g[0] not in MARKS]
            if len(gap) <= 1 and all(_is_word(t) for t, _, _ in gap):
                words = _TOKEN.findall(text, start, gap[-1][2] if gap else end)
                last = gap[-1][2] if gap else end
                return True, text[start:last] if words else text[start:end]
    i = bisect.bisect_right(doc.marker_ends, start) - 1
    while i >= 0:
        ms, me, mw = doc.markers[i]
        if start - me > MARKER_REACH or ms < s0:
            break
        if me <= start:
            target = _target(doc, ms, me, mw, s1)
            if target is not None and target[0] <= start < target[1]:
                return True, text[target[0]:target[1]]
        i -= 1
    return False, ""


def _target(doc: Document, ms: int, me: int, mw: str, s1: int,
            what_checked: bool = False) -> tuple[int, int] | None:
    """Offsets of the noun phrase a marker modifies, or None when the marker does not apply."""
    data = doc.data
    position = "calls" if what_checked else data.markers.get(mw, "")
    if position == "after":
        return None
    if position == "modifier":
        s0 = doc.sentence_bounds(ms)[0]
        prev = doc.tokens(max(s0, ms - 30), ms)
        if prev and not (prev[-1][0] in data.words["determiner"] or data.possessive(prev[-1][0])
                         or prev[-1][0] in MARKS):
            return None
    right = doc.tokens(me, min(s1, me + 120))
    if position == "calls":
        left = [t for t, _, _ in doc.tokens(max(0, ms - 40), ms)]
        if right and right[0][0] in data.words["reflexive"]:
            right = right[1:]
        elif not what_checked and not data.words["free_relative"].intersection(left[-4:]):
            return None
        if right and right[0][0] == "as":
            right = right[1:]
    if not right:
        return None
    if right[0][0] in MARKS:  # so-called "buffer zone"
        i = bisect.bisect_left(doc.quote_starts, right[0][1])
        if i < len(doc.quotes) and doc.quotes[i].quote.start == right[0][1]:
            return doc.quotes[i].words
        right = right[1:]
    stops, verbs = data.words["stop"], data.words["verb"]
    target_stops = data.words["target_stop"]
    past = data.settings["past_suffix"]  # after the first word, a past participle ends the target
    words = []
    for t, a, b in right:
        if t in MARKS:
            continue
        if not _is_word(t) or t in stops or len(words) >= TARGET_WORDS:
            break
        if words and (t in target_stops or t in verbs or t in data.verbs or (past and t.endswith(past) and len(t) > 4)):
            break
        if words and "\u0600" <= t[0] <= "\u06ff" and not t.startswith(("ال", "لل")):
            break  # Arabic: a noun phrase goes on with definite words (جيش الدفاع), not a verb
        words.append((a, b))
    if not words:
        return None
    return words[0][0], words[-1][1]
