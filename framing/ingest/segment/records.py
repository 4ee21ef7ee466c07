"""What the segmenter returns: :class:`Segment` (one region of a dump's lines) and
:class:`SegmentOptions` (how to segment)."""
from __future__ import annotations

from dataclasses import dataclass

from ..dedupe import DEFAULT_THRESHOLD
from ..outlets import OutletTable

KINDS = ("article", "related-links", "video-caption", "boilerplate")
JSONL_KEYS = ("file", "start_line", "end_line", "kind", "title", "outlet", "date", "author", "lang",
              "duplicate_of")

@dataclass(frozen=True)
class SegmentOptions:
    """How to segment a dump.

    dayfirst            read 5/12/2020 as 5 December (False: as May 12).
    min_article_words   articles with fewer words of text are filler (see the module docstring);
                        0 keeps every article.
    outlets             the outlet alias table; None = the shipped one.
    find_duplicates     mark reposts within the file (``duplicate_of``).
    duplicate_threshold containment threshold, see :mod:`framing.ingest.dedupe`.
    """

    dayfirst: bool = True
    min_article_words: int = 40
    outlets: OutletTable | None = None
    find_duplicates: bool = True
    duplicate_threshold: float = DEFAULT_THRESHOLD


@dataclass(frozen=True)
class Segment:
    file: str            # the input file's name as given
    start_line: int      # 1-based, inclusive
    end_line: int        # 1-based, inclusive
    kind: str            # "article" | "related-links" | "video-caption" | "boilerplate"
    title: str | None
    outlet: str | None   # canonical outlet (the original outlet where the text says so)
    date: str | None     # ISO YYYY-MM-DD
    author: str | None
    lang: str | None     # "en", "ar", ...
    text: str            # articles: the body, filler lines blanked; filler: all its lines
    body_start_line: int  # 1-based line where `text` starts (for mapping hits back to lines)
    reposted_by: str | None = None   # the reposting site when the text names an original source
    duplicate_of: int | None = None  # index of the segment it repeats (set by dedupe), else None
    subtitle: str | None = None      # articles: the subtitle line of the header, where there is one
    title_line: int | None = None    # 1-based line of ``title`` (articles), else None
    subtitle_line: int | None = None  # 1-based line of ``subtitle``, else None
