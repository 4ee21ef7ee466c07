"""Split a pasted multi-article text dump into articles and filler, with title, outlet, date, author.

A dump is what a user gets by pasting a blog's pages into one text file: headlines, date lines,
bylines, source lines, paragraphs, and the blog's own filler ("Related Videos", "More on the topic",
"Note to readers: ...") between the articles. Every line of the input ends up in exactly one
:class:`Segment`; segments are in order and contiguous. Lines are separated by ``\\n`` (``\\r\\n`` and
``\\r`` count as ``\\n``); a final newline does not start another line.

How a dump is split (in this order)
1. Each line is classified once: blank, filler header ("Related Videos", "مقالات متعلقة"), filler line
   ("Read more: ...", "Note to readers: ...", "Copyright ©"), repost line ("The original source of
   this article is X"), date line ("June 17, 2022", "Sputnik – 12.05.2020", "السبت 5 آذار 2022"),
   byline ("By X", "ByNews Desk-", "By X | Outlet | May 13, 2020"), source line ("Source: X",
   "المصدر: X"), photo credit, a line that is only an outlet's name ("South Front"), a rule
   ("-----", "=====", treated as a blank line), or text.
2. Article starts:
   a. *header*: a run of date/byline/source/outlet lines (blank lines between them allowed) under a
      headline-like line (2-25 words, no final full stop). The headline is the line above the run,
      or the line above that when the line in between is a longer subtitle (The Cradle's layout);
   b. *title alone*: a headline-like line standing alone between blank lines and followed by at
      least two blank lines, then text (the gap a pasted featured image leaves);
   c. *after filler*: filler that runs into a paragraph (25+ words) ends there; the article starts
      at the headline-like line just above the paragraph, or at the paragraph itself;
   d. *header without headline*: a run as in (a) with no headline above it starts an article when
      it names an outlet by byline or date line, has two or more lines, or follows two blank lines,
      filler or the start of the file ("South Front" pasted alone above an article);
   e. *rule*: the first line after a rule ("-----"), unless the rule underlines a headline;
   f. *language change*: 40+ words in one script (Arabic, Latin, Cyrillic, ...) after 40+ words in
      another, when nothing else marks a boundary there.
   Filler headers start filler segments of their kind; the filler ends at the next start.
3. Each region between starts becomes a segment. For articles the header is read: title, subtitle,
   date, outlet, author; the body (``text``) starts after the header. Inside the body, filler lines
   are blanked (the line stays, empty) so that line ``body_start_line + k`` of the file is line
   ``k`` of ``text``. Trailing filler (notes to readers, copyright lines, a list of video titles
   just before the next article) is split off into its own segment, except in a file with only one
   article.
4. Articles whose text has fewer than ``min_article_words`` words are not analysed: they become
   ``related-links`` when they follow a related-links or video segment or look like a listing (a
   title with a date), else ``boilerplate``. A file in which no boundary is found is one article
   whatever its length.
5. Reposts: articles whose text repeats an earlier article's (see :mod:`framing.ingest.dedupe`) get
   ``duplicate_of`` = that segment's index.

Outlet and date (null when the text does not say)
    The outlet is, in order of preference: the original source named by a repost line; an outlet
    named by a byline ("By Al Mayadeen English") or beside a date ("Press TV – April 30, 2020",
    "By X | American Herald Tribune | May 13, 2020"); a desk byline's house outlet ("By Staff,
    Agencies"); a line that is only an outlet's name ("Global Research,"); a source line naming a
    specific outlet ("Source: Al Mayadeen"). "Source: Agencies" names none. When the article names
    an original outlet and the header also names another site, that site is ``reposted_by``.
    The date is the one on the original outlet's own date line when there is one ("The Cradle 5
    March 2022" under a repost's "March 06, 2022"), else the first date line of the header. Dates
    mentioned in the body are never used.

The package, one job per module: :mod:`.records` (Segment, SegmentOptions), :mod:`.vocabulary`
(the word lists and patterns of framing/languages/*/filler_headers.tsv and segmenter.tsv),
:mod:`.language` (detect_lang), :mod:`.lines` (step 1), :mod:`.starts` (step 2), :mod:`.regions`
(step 3), :mod:`.split` (steps 4-5, :func:`segment_text`), :mod:`.output` (JSON Lines, CSV, table).
"""
from __future__ import annotations

from .dump import DumpLines
from .language import detect_lang
from .output import segments_to_csv, segments_to_jsonl, segments_to_table
from .records import JSONL_KEYS, KINDS, Segment, SegmentOptions
from .split import mark_duplicates, segment_text
from .vocabulary import vocabulary

__all__ = ["JSONL_KEYS", "KINDS", "DumpLines", "Segment", "SegmentOptions", "detect_lang", "mark_duplicates",
           "segment_text", "segments_to_csv", "segments_to_jsonl", "segments_to_table", "vocabulary"]
