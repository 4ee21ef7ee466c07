"""Indexes that keep the context stage linear in a document's length, whatever its shape.

The context stage asks, for every hit and every quotation, questions about the sentence around it:
which attributions' reported clauses contain this offset, is there a quotation mark between here
and the sentence end, where is the last colon or line break before here. Answered by scanning the
sentence each time, they cost the sentence's length per question: on ordinary news sentences that
is nothing, on a 200 KB "sentence" without a full stop (a page of quotations, a list of loaded
words, chained speech verbs) it is quadratic. These indexes answer the same questions, with the
same answers, in logarithmic time; they are built lazily, only for documents that need them.
"""
from __future__ import annotations

import bisect
import re
from typing import Callable, Iterator, Sequence

# Below this many attributions in a sentence the plain loops are as quick as any index.
SMALL = 16


class RegionIndex:
    """The reported-clause regions ``(r0, r1)`` of a sentence's attributions, in a segment tree of
    (smallest r0, largest r1), for "which regions contain offset p" in about log n per answer."""

    def __init__(self, items: Sequence, region: Callable = lambda a: a.region):
        self.items = list(items)
        n = len(self.items)
        size = 1
        while size < max(n, 1):
            size *= 2
        self.size = size
        big = 1 << 62
        lo, hi = [big] * (2 * size), [-big] * (2 * size)
        for i, item in enumerate(self.items):
            lo[size + i], hi[size + i] = region(item)
        for k in range(size - 1, 0, -1):
            lo[k] = min(lo[2 * k], lo[2 * k + 1])
            hi[k] = max(hi[2 * k], hi[2 * k + 1])
        self.lo, self.hi = lo, hi

    def containing(self, p: int, limit: int | None = None) -> Iterator[int]:
        """Indices ``i`` (below ``limit``) with ``r0 <= p < r1``, the last first."""
        limit = len(self.items) if limit is None else limit
        lo, hi, size = self.lo, self.hi, self.size
        stack = [(1, 0, size)]
        while stack:
            k, a, b = stack.pop()
            if a >= limit or lo[k] > p or hi[k] <= p:
                continue
            if k >= size:
                yield k - size
                continue
            mid = (a + b) // 2
            stack.append((2 * k, a, mid))       # popped after the right half: the last first
            stack.append((2 * k + 1, mid, b))


class SentenceIndex:
    """Per-sentence indexes of a document's attributions (built on first use)."""

    def __init__(self, by_sentence: dict):
        self.by_sentence = by_sentence
        self._starts: dict[int, list[int]] = {}
        self._max_ends: dict[int, list[int]] = {}
        self._in_order: dict[int, RegionIndex] = {}
        self._by_r0: dict[int, tuple[list[int], RegionIndex]] = {}

    def starts(self, si: int) -> list[int]:
        got = self._starts.get(si)
        if got is None:
            got = self._starts[si] = [a.start for a in self.by_sentence.get(si, ())]
        return got

    def first_overlapping(self, si: int, start: int, end: int):
        """The first attribution (in order) with ``a.start <= start < a.end or start <= a.start < end``."""
        atts = self.by_sentence.get(si, ())
        ends = self._max_ends.get(si)
        if ends is None:
            ends, m = [], -1
            for a in atts:
                m = max(m, a.end)
                ends.append(m)
            self._max_ends[si] = ends
        starts = self.starts(si)
        lo = bisect.bisect_right(starts, start)      # atts[:lo] start at or before ``start``
        i = bisect.bisect_right(ends, start)          # the first whose end passes ``start``
        j = bisect.bisect_left(starts, start)         # the first starting at ``start`` (if j < lo)
        k = min(i, j)
        if k < lo:
            return atts[k]
        if lo < len(atts) and atts[lo].start < end:   # the first starting inside the hit
            return atts[lo]
        return None

    def in_order(self, si: int) -> RegionIndex:
        got = self._in_order.get(si)
        if got is None:
            got = self._in_order[si] = RegionIndex(self.by_sentence.get(si, ()))
        return got

    def by_r0(self, si: int) -> tuple[list, list[int], RegionIndex]:
        """The sentence's attributions sorted by (r0, order), their r0s, and their region index."""
        got = self._by_r0.get(si)
        if got is None:
            atts = sorted(self.by_sentence.get(si, ()), key=lambda a: a.region[0])  # stable: ties keep order
            got = self._by_r0[si] = ([a.region[0] for a in atts], RegionIndex(atts))
        return got[1].items, got[0], got[1]


class CharIndex:
    """Sorted offsets of one character (or of a pattern's matches) in a text, built on first use."""

    def __init__(self, text: str, pattern: re.Pattern | str):
        self.text, self.pattern = text, pattern
        self._pos: list[int] | None = None

    @property
    def positions(self) -> list[int]:
        if self._pos is None:
            if isinstance(self.pattern, str):
                self._pos = [m.start() for m in re.finditer(re.escape(self.pattern), self.text)]
            else:
                self._pos = [m.start() for m in self.pattern.finditer(self.text)]
        return self._pos

    def last_before(self, lo: int, hi: int) -> int:
        """The last offset in ``[lo, hi)``, or -1 (as ``str.rfind``)."""
        pos = self.positions
        i = bisect.bisect_left(pos, hi) - 1
        return pos[i] if i >= 0 and pos[i] >= lo else -1

    def first_from(self, lo: int) -> int:
        """The first offset at or after ``lo``, or -1 (as ``str.find``)."""
        pos = self.positions
        i = bisect.bisect_left(pos, lo)
        return pos[i] if i < len(pos) else -1

    def any_in(self, lo: int, hi: int) -> bool:
        pos = self.positions
        i = bisect.bisect_left(pos, lo)
        return i < len(pos) and pos[i] < hi


def pattern_in(index: CharIndex, lo: int, hi: int) -> bool:
    """``index.pattern.search(text, lo, hi) is not None``, for a pattern whose matches are one
    character long and look at most one character ahead: matches of the whole text before ``hi - 1``
    are matches of the cut text too; the last character is tried on the cut text itself."""
    if hi <= lo:
        return False
    if index.any_in(lo, hi - 1):
        return True
    return index.pattern.search(index.text, hi - 1, hi) is not None


def blank_before(text: str, lo: int, hi: int) -> bool:
    """``not text[lo:hi].strip()`` without copying: walks back from ``hi`` over white space and
    stops at the first other character (so each question costs only the white space before ``hi``)."""
    k = hi - 1
    while k >= lo and text[k].isspace():
        k -= 1
    return k < lo


def only_chars_after(text: str, lo: int, hi: int, chars: str) -> bool:
    """``not text[lo:hi].strip(chars)`` without copying: walks forward from ``lo`` over ``chars``."""
    k = lo
    while k < hi and text[k] in chars:
        k += 1
    return k >= hi
