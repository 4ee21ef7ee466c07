"""A region of a classified dump as a segment: an article's header read (title, subtitle, date,
outlet, author), its body with filler lines blanked, trailing filler split off; or a filler segment."""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from .language import detect_lang
from .lines import (
    BLANK,
    BYLINE,
    CREDIT,
    DATE,
    FILLER_HEADER,
    HEADER_LINES,
    INLINE,
    MAX_SUBTITLE_WORDS,
    OUTLET_LINE,
    REPOST,
    SIGNOFF,
    SOURCE,
    TEXT,
    Meta,
    name_like,
)
from .records import Segment


class RegionReader:
    """Regions as segments (a mixin of :class:`~.dump.DumpLines`)."""

    def _join(self, a: int, e: int, blanked: set[int] | None = None) -> str:
        part = self.raw[a:e + 1]
        if blanked:
            for i in blanked:
                if a <= i <= e:
                    part[i - a] = ""
        return "\n".join(part)

    def filler(self, a: int, e: int, kind: str) -> Segment:
        title = self.s[a] if self.kind[a] == FILLER_HEADER else None
        text = self._join(a, e).rstrip()
        return Segment(self.file, a + 1, e + 1, kind, title, None, None, None, detect_lang(text) if text else None,
                       text, a + 1)

    def article(self, a: int, e: int, *, split_trailer: bool = False, last: bool = True) -> list[Segment]:
        """The region [a, e] (0-based) as an article, with trailing filler split off when asked."""
        kind, s = self.kind, self.s
        j = a if kind[a] != BLANK else self.next_nb[a]
        if j > e:  # nothing but blank lines
            return [Segment(self.file, a + 1, e + 1, "article", None, None, None, None, None, "", a + 1)]
        title_i = None
        if (kind[j] == TEXT and self.headline[j] or kind[j] == FILLER_HEADER) and self.next_nb[j] <= e:
            title_i, j = j, self.next_nb[j]
        metas: list[int] = []
        subtitle = author_i = None
        steps = 0
        while j <= e and steps < HEADER_LINES:
            k = kind[j]
            if k in (DATE, BYLINE, SOURCE, OUTLET_LINE):
                metas.append(j)
            elif k in (CREDIT, INLINE, REPOST):
                pass
            elif (k == TEXT and author_i is None and name_like(s[j], self.v.name_particles) and self.next_nb[j] <= e
                  and (metas or kind[self.next_nb[j]] in (DATE, BYLINE, SOURCE))
                  and self.table.lookup(s[j]) is None):
                author_i = j
            elif (k == TEXT and title_i is not None and not metas and subtitle is None
                  and self.words[j] <= MAX_SUBTITLE_WORDS and self._nostop(j)
                  and self.next_nb[j] <= e and kind[self.next_nb[j]] in (DATE, BYLINE, SOURCE, OUTLET_LINE, CREDIT)):
                subtitle = j
            else:
                break
            j = self.next_nb[j]
            steps += 1
        body_start = j  # may be > e: an article with a header only

        # trailing filler, peeled off from the end
        pieces: list[tuple[int, str]] = []  # (first line, kind), last piece first
        end = e
        if split_trailer and body_start <= e:
            while True:
                last_nb = end if kind[end] != BLANK else self.prev_nb[end]
                if last_nb <= body_start:
                    break
                i = last_nb
                while i > body_start and kind[i] in (INLINE, REPOST, BLANK):
                    i -= 1
                if i < last_nb:  # filler lines at the end: a boilerplate piece
                    first = self.next_nb[i]
                    pieces.append((first, "boilerplate"))
                    end = first - 1
                    continue
                if not last:
                    block_start = i
                    while block_start - 1 > body_start and kind[block_start - 1] != BLANK:
                        block_start -= 1
                    size = i - block_start + 1
                    if (size >= 2 and kind[block_start - 1] == BLANK
                            and all(kind[x] == TEXT and self.words[x] <= 20 and self._nostop(x)
                                    for x in range(block_start, i + 1))):
                        pieces.append((block_start, "video-caption"))
                        end = block_start - 1
                        continue
                break
        body_end = end

        # footer: sign-off and source lines at the end of the body
        blanked: set[int] = set()
        footer_sources: list[int] = []
        signoff = None
        x, seen = body_end, 0
        while x >= body_start and seen < 3:
            if kind[x] != BLANK:
                seen += 1
                if kind[x] in (SOURCE, OUTLET_LINE):
                    footer_sources.append(x)
                    blanked.add(x)
                elif signoff is None and kind[x] == TEXT:
                    m = SIGNOFF.match(s[x])
                    if m and self.words[x] <= 5:
                        hit = self.table.lookup(m.group("name"))
                        if hit is None:
                            signoff = m.group("name")
                        elif hit.outlet:  # "- Reuters": the source, not an author
                            footer_sources.append(x)
                            self.meta.setdefault(x, Meta(outlet=hit.outlet, outlet_kind=hit.kind))
                        blanked.add(x)
            x -= 1
        lo = bisect_left(self.special, body_start)
        hi = bisect_right(self.special, body_end)
        blanked.update(self.special[lo:hi])
        if body_start <= body_end:
            text = self._join(body_start, body_end, blanked).rstrip()
            body_line = body_start + 1
        else:
            text, body_line = "", min(body_start, e) + 1

        outlet, reposted_by, date, author = self._attribution(a, e, metas, footer_sources)
        if author is None and author_i is not None:
            author = s[author_i]
        if author is None:
            author = signoff
        title = s[title_i] if title_i is not None else None
        lang = detect_lang(text) if text.strip() else (detect_lang(title) if title else None)
        segs = [Segment(self.file, a + 1, end + 1 if end >= a else a + 1, "article", title, outlet, date, author,
                        lang, text, body_line, reposted_by, subtitle=s[subtitle] if subtitle is not None else None,
                        title_line=title_i + 1 if title_i is not None else None,
                        subtitle_line=subtitle + 1 if subtitle is not None else None)]
        bounds = [p[0] for p in reversed(pieces)] + [e + 1]
        for (first, pkind), stop in zip(reversed(pieces), bounds[1:]):
            segs.append(self.filler(first, stop - 1, pkind))
        return segs

    def _attribution(self, a: int, e: int, metas: list[int], footer_sources: list[int]):
        primary = desk = site = source = None
        date = None
        author = None
        for i in metas:
            m = self.meta[i]
            k = self.kind[i]
            if m.outlet:
                if k in (BYLINE, DATE) and m.outlet_kind != "desk":
                    primary = primary or m.outlet
                elif m.outlet_kind == "desk":
                    desk = desk or m.outlet
                elif k == OUTLET_LINE:
                    site = site or m.outlet
                elif k == SOURCE:
                    source = source or m.outlet
            if k == BYLINE and m.author and author is None:
                author = m.author
        for i in footer_sources:
            m = self.meta[i]
            if m.outlet and source is None:
                source = m.outlet
        original = None
        if self.repost:
            lines = sorted(self.repost) if self._repost_lines is None else self._repost_lines
            self._repost_lines = lines
            for i in lines[bisect_left(lines, a):bisect_right(lines, e)]:
                if self.repost[i]:
                    original = self.repost[i]
                    break
        outlet = original or primary or desk or site or source
        reposted_by = None
        if original:
            for other in (site, primary, desk):
                if other and other != original:
                    reposted_by = other
                    break
        elif primary and site and site != primary:
            reposted_by = site
        for i in metas:
            m = self.meta[i]
            if m.date and outlet and m.outlet == outlet and self.kind[i] == DATE:
                date = m.date
                break
        if date is None:
            for i in metas:
                if self.meta[i].date:
                    date = self.meta[i].date
                    break
        return outlet, reposted_by, date, author

    def region(self, start_line: int, end_line: int, kind: str = "article") -> Segment:
        """Lines ``start_line``..``end_line`` (1-based, inclusive) as one segment of ``kind``."""
        a, e = start_line - 1, end_line - 1
        if kind == "article":
            return self.article(a, e)[0]
        return self.filler(a, e, kind)
