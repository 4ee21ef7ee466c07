"""Where articles and filler start in a classified dump (rules 2a-2f of the package docstring):
headers under a headline, titles standing alone, filler that runs into a paragraph, headers without
a headline, rules, and changes of script."""
from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from .language import line_script
from .lines import (
    BLANK,
    BYLINE,
    CREDIT,
    DATE,
    FILLER_HEADER,
    HEADER_LINES,
    INLINE,
    MAX_SUBTITLE_WORDS,
    SCRIPT_RUN_WORDS,
    SOURCE,
    TEXT,
    Meta,
    name_like,
)


class StartFinder:
    """Article and filler starts (a mixin of :class:`~.dump.DumpLines`)."""

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
                and name_like(self.s[p1], self.v.name_particles) and not name_like(self.s[p2], self.v.name_particles) and self.table.lookup(self.s[p1]) is None):
            return p2  # headline, then the author's name, then the date
        if (p2 >= 0 and self.kind[p2] == TEXT and self.headline[p2] and self.words[p2] >= 3
                and self.alone(p2) and self.alone(p1) and self._nostop(p1)
                and self.words[p2] < self.words[p1] <= MAX_SUBTITLE_WORDS
                and line_script(self.s[p1]) == line_script(self.s[p2])):
            return p2
        return p1 if self.headline[p1] else None

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
                strong = len(cluster) >= 2 or any(self.meta.get(i, Meta()).strong for i in cluster)
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
            sc = line_script(self.s[i])
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
