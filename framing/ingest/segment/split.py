"""The whole file: a dump split into segments (starts found, regions read, short articles settled
as filler, reposts marked)."""
from __future__ import annotations

from dataclasses import replace

from ..dedupe import DEFAULT_THRESHOLD, find_duplicates
from .dump import DumpLines
from .records import Segment, SegmentOptions


def segment_text(text: str, *, file: str, options: SegmentOptions = SegmentOptions()) -> list[Segment]:
    """Split ``text`` into segments (see the module docstring). Every line is in exactly one."""
    dump = DumpLines(text, file=file, options=options)
    if dump.n == 0:
        return []
    starts = dump.find_starts()
    starts.setdefault(0, None)
    order = sorted(starts)
    single = len(order) == 1
    segments: list[Segment] = []
    for r, a in enumerate(order):
        e = order[r + 1] - 1 if r + 1 < len(order) else dump.n - 1
        fk = starts[a]
        if fk is not None:
            segments.append(dump.filler(a, e, fk))
        else:
            segments.extend(dump.article(a, e, split_trailer=not single, last=r + 1 == len(order)))
    segments = _settle_kinds(segments, dump, options.min_article_words, single)
    if options.find_duplicates:
        segments = mark_duplicates(segments, threshold=options.duplicate_threshold)
    return segments


def _has_words(text: str, n: int) -> bool:
    """At least ``n`` words (and at least one) in ``text``; looks at no more than it needs."""
    n = max(n, 1)
    return len(text[: n * 40].split()) >= n


def _settle_kinds(segments: list[Segment], dump: DumpLines, min_words: int, single: bool) -> list[Segment]:
    """Short or empty articles become filler; neighbouring filler of one kind is merged."""
    out: list[Segment] = []
    # The filler segment being merged into out[-1]: its text's pieces and line breaks so far (joined
    # once at the end of the run: joining at every merge would copy the text once per segment).
    run: list | None = None

    def close_run() -> None:
        if run is not None and len(run[0]) > 1:
            out[-1] = replace(out[-1], text="".join(run[0]).rstrip())

    for seg in segments:
        if seg.kind == "article":
            if not _has_words(seg.text, 1 if single else min_words):
                prev = out[-1].kind if out else None
                listing = prev in ("related-links", "video-caption") or (seg.title and seg.date)
                new_kind = ("video-caption" if prev == "video-caption" else "related-links") if listing else "boilerplate"
                seg = replace(dump.filler(seg.start_line - 1, seg.end_line - 1, new_kind), title=seg.title)
        if out and seg.kind != "article" and out[-1].kind == seg.kind:
            prev = out[-1]
            if run is None:
                run = [[prev.text], prev.text.count("\n")]
            if seg.text:  # joined so that line offsets still hold
                gap = max(seg.body_start_line - (prev.body_start_line + run[1]), 1)
                run[0].extend(("\n" * gap, seg.text))
                run[1] += gap + seg.text.count("\n")
            out[-1] = replace(prev, end_line=seg.end_line)
            continue
        close_run()
        run = None
        out.append(seg)
    close_run()
    return out


def mark_duplicates(segments: list[Segment], *, threshold: float = DEFAULT_THRESHOLD) -> list[Segment]:
    """Set ``duplicate_of`` on articles that repeat an earlier article of the list.

    The kept copy takes the repost's outlet when it has none of its own (a repost is attributed to
    its original outlet where known).
    """
    idx = [k for k, seg in enumerate(segments) if seg.kind == "article"]
    out = [replace(seg, duplicate_of=None) if seg.duplicate_of is not None else seg for seg in segments]
    if len(idx) < 2:
        return out
    dups = find_duplicates([segments[k].text for k in idx], threshold=threshold)
    for pos, d in enumerate(dups):
        if d is None:
            continue
        k, kept = idx[pos], idx[d]
        out[k] = replace(out[k], duplicate_of=kept)
        if out[kept].outlet is None and out[k].outlet is not None:
            out[kept] = replace(out[kept], outlet=out[k].outlet)
    return out
