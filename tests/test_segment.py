"""The segmenter on hand-made dumps that imitate pasted blogs, and on arbitrary text."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing.ingest.outlets import load_outlets
from framing.ingest.segment import (
    JSONL_KEYS, KINDS, Segment, SegmentOptions, detect_lang, segment_text, segments_to_csv, segments_to_jsonl,
    segments_to_table,
)

DATA = Path(__file__).parent / "data" / "ingest"


def read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def check_cover(segments: list[Segment], text: str) -> None:
    """Every line of ``text`` is in exactly one segment; segments are in order and contiguous."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if text.endswith(("\n", "\r")):
        lines.pop()
    if not text:
        assert segments == []
        return
    assert segments[0].start_line == 1
    assert segments[-1].end_line == len(lines)
    for a, b in zip(segments, segments[1:]):
        assert b.start_line == a.end_line + 1
    for s in segments:
        assert s.start_line <= s.end_line and s.kind in KINDS
        assert s.start_line <= s.body_start_line <= max(s.end_line, s.start_line)


def check_aligned(segments: list[Segment], text: str) -> None:
    """Line k of a segment's text is line body_start_line + k of the file (or blanked)."""
    lines = text.split("\n")
    for s in segments:
        for k, line in enumerate(s.text.split("\n")):
            if line:
                assert lines[s.body_start_line - 1 + k].rstrip() == line.rstrip()


# (start, end, kind, title starts with, outlet, date, author) as a careful reader assigns them.
BLOG = [
    (1, 14, "article", "Drone Strikes Hit Fuel Depot", "The Cradle", "2022-09-03", None),  # ByNews Desk-
    (15, 20, "video-caption", "Related Videos", None, None, None),
    (21, 22, "related-links", "More on the topic", None, None, None),
    (23, 34, "article", "Navy says it intercepted", None, "2022-09-02", None),  # no byline: no outlet
    (35, 36, "related-links", "More on the topic", None, None, None),
    (37, 56, "article", "Water talks between", "Al Mayadeen", "2022-09-04", None),  # Source: Agencies
    (57, 68, "article", "Railway Workers Walk Out", "Al-Ahed News", "2022-07-08", None),  # By Staff, Agencies
    (69, 82, "article", "NYT: Mining company", "Al Mayadeen", "2022-07-09", None),  # Source: NYT, By Al Mayadeen
    (83, 86, "video-caption", None, None, None, None),  # video titles with no header
    (87, 102, "article", "Bridge Collapse Prompts", "The Cradle", "2022-07-01", None),  # subtitle, photo credit
    (103, 108, "related-links", "Related Stories", None, None, None),
    (109, 118, "article", None, "SouthFront", None, None),  # "South Front" alone above the text
    (119, 127, "article", "Harvest Festival Returns", None, None, None),  # title alone; body date not used
    (128, 148, "article", "Port City Strike", "The Cradle", "2022-04-09", None),  # repost by Global Research
    (149, 154, "boilerplate", None, None, None, None),  # note to readers, original source, copyright
    (155, 157, "video-caption", None, None, None, None),
    (158, 169, "article", "افتتاح جسر جديد", None, "2022-04-12", None),  # المصدر: وكالات names no outlet
    (170, 171, "boilerplate", None, None, None, None),
    (172, 173, "video-caption", "فيديوات متعلقة", None, None, None),
    (174, 175, "related-links", "مقالات متعلقة", None, None, None),
    (176, 186, "article", "Village Schools Reopen", None, None, "Jane Doe"),  # sign-off
    (187, 196, "article", "Ministry Approves New Wind Farm", "Press TV", "2020-05-14", None),
    (197, 207, "article", "Coastal Wind Farm", "Press TV", None, None),  # repost, "Source: Press TV" below
    (208, 221, "article", "Why the old canal", "Al Mayadeen", "2021-11-14", "Rana Haddad"),  # Net 14 Nov 2021
    (222, 225, "boilerplate", None, None, None, None),  # disclaimer, %d bloggers like this:
]

COMPACT = [
    (1, 5, "Russia Says It Will Publish", "Sputnik", "2020-05-14", None),  # Sputnik – 14.05.2020
    (6, 11, "Teacher Killed by Stray Bullet", "American Herald Tribune", "2020-05-13", "Samir Haddad"),
    (12, 18, "Greece and Its Neighbour", None, "2020-05-07", "Nikos Vlahos"),  # byline without outlet
    (19, 23, "Minister Denounces Arrival", "Press TV", "2020-04-29", None),
    (24, 28, "Tanker Brings Record Cargo", "Al-Masdar News", "2020-04-27", None),
    (29, 34, "A Billionaire's Foundation", "American Free Press", "2020-04-09", "Lina Park"),
    (35, 39, "Winter Storm Cuts Power", "Sputnik", "2020-12-05", None),  # 5/12/2020, day first
]


@pytest.fixture(scope="module")
def blog() -> list[Segment]:
    return segment_text(read("blog_dump.txt"), file="blog_dump.txt")


@pytest.mark.parametrize("row", BLOG, ids=[f"{r[0]}-{r[2]}" for r in BLOG])
def test_blog_dump_as_a_careful_reader_splits_it(blog, row):
    start, end, kind, title, outlet, date, author = row
    seg = next(s for s in blog if s.start_line == start)
    assert (seg.end_line, seg.kind, seg.outlet, seg.date, seg.author) == (end, kind, outlet, date, author)
    if title is None:
        assert seg.title is None
    else:
        assert seg.title.startswith(title)


def test_blog_dump_has_no_other_segments(blog):
    assert [s.start_line for s in blog] == [r[0] for r in BLOG]
    check_cover(blog, read("blog_dump.txt"))
    check_aligned(blog, read("blog_dump.txt"))


def test_repost_names_original_outlet_and_reposting_site(blog):
    seg = next(s for s in blog if s.start_line == 128)
    assert (seg.outlet, seg.reposted_by) == ("The Cradle", "Global Research")
    assert "newsletter" not in seg.text and "can be read in" not in seg.text  # the site's banner is blanked
    assert seg.text.startswith("Dock workers in the port city voted")


def test_near_duplicate_article_points_to_the_first(blog):
    index = {s.start_line: k for k, s in enumerate(blog)}
    assert blog[index[197]].duplicate_of == index[187]
    assert sum(s.duplicate_of is not None for s in blog) == 1


def test_article_text_leaves_out_header_and_filler(blog):
    water = next(s for s in blog if s.start_line == 37)
    assert water.body_start_line == 45
    assert water.text.startswith("Negotiators from the two countries")
    assert "Read more" not in water.text and "By Al Mayadeen" not in water.text
    assert "Farmers downstream worry about the summer" in water.text  # a subheading stays
    arabic = next(s for s in blog if s.start_line == 158)
    assert arabic.lang == "ar" and "اقرأ" not in arabic.text
    schools = next(s for s in blog if s.start_line == 176)
    assert "Jane Doe" not in schools.text


def test_filler_segments_keep_their_lines(blog):
    videos = next(s for s in blog if s.start_line == 15)
    assert "Interview with the regional governor" in videos.text
    assert all(s.outlet is None and s.date is None for s in blog if s.kind != "article")


@pytest.mark.parametrize("row", COMPACT, ids=[str(r[0]) for r in COMPACT])
def test_compact_dump_without_blank_lines(row):
    segs = segment_text(read("compact_dump.txt"), file="compact_dump.txt")
    start, end, title, outlet, date, author = row
    seg = next(s for s in segs if s.start_line == start)
    assert (seg.end_line, seg.kind, seg.outlet, seg.date, seg.author) == (end, "article", outlet, date, author)
    assert seg.title.startswith(title)
    assert [s.start_line for s in segs] == [r[0] for r in COMPACT]


def test_wordpress_layout_without_blank_lines():
    segs = segment_text(read("wordpress_dump.txt"), file="w.txt")
    got = [(s.start_line, s.end_line, s.kind, s.outlet, s.date, s.author) for s in segs]
    assert got == [
        (1, 6, "article", "Reuters", "2020-05-05", None),  # "Posted on ... by admin", "Source: Reuters" below
        (7, 11, "boilerplate", None, None, None),  # Share this: / Like this:
        (12, 18, "related-links", None, None, None),  # Related: title, date, In "Category"
        (19, 24, "article", "Associated Press", "2020-05-12", "Maria Lopez"),  # Published | Updated
        (25, 27, "boilerplate", None, None, None),
        (28, 28, "related-links", None, None, None),
    ]
    assert "Source: Reuters" not in segs[0].text and segs[0].text.startswith("Hundreds of farmers")


def test_author_line_and_agency_sign_off():
    body = " ".join(["The plant will close next year, the company said on Monday, after losses mounted."] * 6)
    text = (f"Car Plant to Close Next Year\n\nJohn Smith\n\nMay 5, 2020\n\n{body}\n\n– Reuters\n\n"
            f"Second Story About Something Else\n\nby Jane Roe\n\nMay 6, 2020\n\n{body.replace('plant', 'mine')}\n")
    segs = segment_text(text, file="t.txt")
    assert [(s.start_line, s.title, s.outlet, s.date, s.author) for s in segs] == [
        (1, "Car Plant to Close Next Year", "Reuters", "2020-05-05", "John Smith"),
        (11, "Second Story About Something Else", None, "2020-05-06", "Jane Roe"),
    ]
    assert "Reuters" not in segs[0].text


def test_month_first_option():
    segs = segment_text(read("compact_dump.txt"), file="c.txt", options=SegmentOptions(dayfirst=False))
    assert segs[-1].date == "2020-05-12" and segs[0].date == "2020-05-14"  # 14.05: unambiguous


def test_one_article_file_is_one_segment():
    text = read("single_article.txt")
    segs = segment_text(text, file="single_article.txt")
    assert len(segs) == 1 and segs[0].kind == "article"
    assert (segs[0].start_line, segs[0].end_line) == (1, 7)
    assert segs[0].title == "City Council Votes to Keep the Night Buses Running"
    assert segs[0].body_start_line == 3 and segs[0].text.startswith("The city council voted")


def test_one_article_without_headline():
    segs = segment_text(read("no_title.txt"), file="no_title.txt")
    assert len(segs) == 1 and segs[0].kind == "article" and segs[0].title is None
    assert (segs[0].start_line, segs[0].end_line, segs[0].body_start_line) == (1, 2, 1)


@pytest.mark.parametrize("text, expected", [
    ("", []),
    ("\n", [(1, 1, "boilerplate")]),
    ("\n\n  \n", [(1, 3, "boilerplate")]),
    ("One line only", [(1, 1, "article")]),
    ("Short\n\nAnother short line.", [(1, 3, "article")]),
])
def test_tiny_files(text, expected):
    segs = segment_text(text, file="t.txt")
    assert [(s.start_line, s.end_line, s.kind) for s in segs] == expected
    check_cover(segs, text)


def test_one_article_ending_in_a_copyright_line_stays_whole():
    text = read("single_article.txt") + "\nCopyright 2021 The Gazette. All rights reserved.\n"
    segs = segment_text(text, file="t.txt")
    assert len(segs) == 1 and "Copyright" not in segs[0].text


def test_crlf_gives_the_same_split():
    text = read("blog_dump.txt")
    a = segment_text(text, file="x")
    b = segment_text(text.replace("\n", "\r\n"), file="x")
    assert [(s.start_line, s.end_line, s.kind, s.outlet, s.date) for s in a] == \
        [(s.start_line, s.end_line, s.kind, s.outlet, s.date) for s in b]


def test_original_source_line_sets_outlet():
    body = " ".join(["The settlers moved the fence again on Tuesday, villagers said."] * 8)
    text = (f"Fence Moved Again Near the Village\n\nMay 3, 2021\n\nBy Staff, Agencies\n\n{body}\n\n"
            "The original source of this article is Mondoweiss\n")
    [seg] = [s for s in segment_text(text, file="t.txt") if s.kind == "article"]
    assert (seg.outlet, seg.reposted_by, seg.date) == ("Mondoweiss", "Al-Ahed News", "2021-05-03")


def test_language_change_starts_an_article():
    english = " ".join(["The council met on Tuesday and agreed to repair the old bridge before winter."] * 5)
    arabic = " ".join(["اجتمع المجلس يوم الثلاثاء ووافق على إصلاح الجسر القديم قبل الشتاء."] * 6)
    text = f"Council Agrees to Repair Bridge\n\n{english}\n\nالمجلس يوافق على إصلاح الجسر\n\n{arabic}\n"
    segs = segment_text(text, file="t.txt")
    assert [(s.start_line, s.kind, s.lang) for s in segs] == [(1, "article", "en"), (5, "article", "ar")]
    assert segs[1].title == "المجلس يوافق على إصلاح الجسر"


def test_rules_between_articles():
    body = " ".join(["The plant will close next year, the company said on Monday, after losses mounted."] * 6)
    text = (f"Car Plant to Close Next Year\n{body}\n-----\nMine Closes Too\n================\n{body}x\n"
            f"* * * * *\n{body}y\n")
    segs = segment_text(text, file="t.txt")
    assert [(s.start_line, s.end_line, s.title) for s in segs] == [
        (1, 3, "Car Plant to Close Next Year"), (4, 7, "Mine Closes Too"), (8, 8, None)]
    assert "-----" not in segs[0].text and "=====" not in segs[1].text


def test_short_articles_become_filler():
    text = ("Related\n\nFirst related post\nMay 5, 2020\nA teaser of the first post.\n\n"
            "Second related post\nMay 6, 2020\nAnother teaser.\n\n"
            "A Real Story With a Title\n\nJune 2, 2020\n\n" + "Words of a real story go here. " * 12 + "\n")
    segs = segment_text(text, file="t.txt")
    assert [(s.start_line, s.kind) for s in segs] == [(1, "related-links"), (11, "article")]
    kept = segment_text(text, file="t.txt", options=SegmentOptions(min_article_words=0))
    assert [s.kind for s in kept].count("article") == 3


def test_duplicates_can_be_left_unmarked():
    segs = segment_text(read("blog_dump.txt"), file="x", options=SegmentOptions(find_duplicates=False))
    assert all(s.duplicate_of is None for s in segs)


def test_user_outlet_table(tmp_path):
    mine = tmp_path / "mine.tsv"
    mine.write_text("alias\toutlet\tkind\nHarbour Gazette\tHarbour Gazette\toutlet\n", encoding="utf-8")
    body = "The port stayed closed for a third day as the strike went on. " * 6
    text = f"Port Stays Closed\nHarbour Gazette – 3 April 2021\n{body}\n"
    default = segment_text(text, file="t.txt")[0]
    mine_seg = segment_text(text, file="t.txt", options=SegmentOptions(outlets=load_outlets(mine)))[0]
    assert (default.outlet, default.date) == (None, "2021-04-03")
    assert mine_seg.outlet == "Harbour Gazette"


def test_jsonl_has_exactly_the_contract_keys(blog):
    rows = [json.loads(line) for line in segments_to_jsonl(blog).splitlines()]
    assert len(rows) == len(blog)
    assert all(tuple(r) == JSONL_KEYS for r in rows)
    assert rows[0] == {"file": "blog_dump.txt", "start_line": 1, "end_line": 14, "kind": "article",
                       "title": "Drone Strikes Hit Fuel Depot Near Northern Border Twice in One Day",
                       "outlet": "The Cradle", "date": "2022-09-03", "author": None, "lang": "en",
                       "duplicate_of": None}


def test_csv_and_table(blog):
    rows = list(csv.reader(io.StringIO(segments_to_csv(blog))))
    assert tuple(rows[0]) == JSONL_KEYS and len(rows) == len(blog) + 1
    table = segments_to_table(blog)
    assert "Drone Strikes Hit Fuel" in table and "The Cradle (via Global" in table
    assert table.rstrip().endswith(f"{len(blog)} segments, 14 articles, 1 repeating an earlier one "
                                   "(dup = the line where that one starts)")
    repost_row = next(line for line in table.splitlines() if line.startswith("197-207"))
    assert " 187  " in repost_row
    two = segments_to_table(blog[:2] + segment_text(read("no_title.txt"), file="no_title.txt"))
    assert two.startswith("file") and "no_title.txt" in two


@pytest.mark.parametrize("text, lang", [
    ("The council met on Tuesday and agreed that the bridge would be repaired.", "en"),
    ("اجتمع المجلس يوم الثلاثاء ووافق على إصلاح الجسر", "ar"),
    ("Le conseil a décidé que le pont sera réparé avant la fin de l'année pour les habitants.", "fr"),
    ("", None), ("12345", None),
])
def test_detect_lang(text, lang):
    assert detect_lang(text) == lang


# ----------------------------------------------------------------------------- properties

_LINES = st.sampled_from([
    "", "", "", "Drone Strikes Hit Fuel Depot Near the Border", "Water talks stall over dam schedule",
    "August 26 2022", "18 Jun 2022", "Sputnik – 14.05.2020", "Press TV – April 29, 2020",
    "By Samir Haddad | American Herald Tribune | May 13, 2020", "ByNews Desk-", "By Staff, Agencies",
    "Source: Agencies", "By Al Mayadeen English", "South Front", "Global Research,", "The Cradle 7 March 2022",
    "Related Videos", "More on the topic", "%d bloggers like this:", "Note to readers: share this.",
    "The original source of this article is Mondoweiss", "(Photo credit: Council)", "– Jane Doe",
    "المصدر: وكالات", "السبت 12 آذار 2022", "فيديوات متعلقة", "افتتاح جسر جديد فوق النهر",
    "The council met on Tuesday and agreed that the old bridge would be repaired before the winter rains "
    "began, officials said, adding that the work would take six weeks and cost less than expected.",
    "وقال رئيس البلدية إن الجسر سيخفف الازدحام عن الطرق القديمة، وإن البلدية تخطط لبناء جسر ثان قرب المحطة.",
    "İSTANBUL", "e\u0301e\u0301 \u202bمرحبا\u202c", "\u200f", "   ", "\t", "1. A list item",
])
_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(st.lists(_LINES, max_size=60), st.booleans())
def test_any_dump_of_known_line_forms_is_covered(lines, trailing_newline):
    text = "\n".join(lines) + ("\n" if trailing_newline and lines else "")
    segs = segment_text(text, file="p.txt")
    check_cover(segs, text)
    check_aligned(segs, text)
    for s in segs:
        if s.kind == "article":
            assert s.text.strip()  # no article without text
        if s.duplicate_of is not None:
            assert segs[s.duplicate_of].kind == "article" and s.duplicate_of < segs.index(s)


@_SETTINGS
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_arbitrary_unicode_never_raises(text):
    segs = segment_text(text, file="u.txt")
    check_cover(segs, text)


@_SETTINGS
@given(st.lists(st.sampled_from(["\n", "\r\n", "\r", " ", "İ", "ı", "\u0307", "\u0645", "\u064e", "\u202e",
                                 "A", "b", ".", "2020", "May 5", "By ", "Source: "]), max_size=80))
def test_line_endings_and_marks(parts):
    text = "".join(parts)
    segs = segment_text(text, file="u.txt")
    check_cover(segs, text)


def test_user_outlet_aliases_extend_the_shipped_table(tmp_path):
    """A byline the shipped table does not know becomes an outlet once the user's alias file names it."""
    from framing.cli import main

    dump = tmp_path / "dump.txt"
    dump.write_text("Storm closes the harbour road for a second day\n\nMarch 3, 2022\n\nBy Harbour Desk\n\n"
                    + "The coastal road stayed shut on Thursday as waves kept breaking over the sea wall. " * 6
                    + "\n", encoding="utf-8")
    aliases = tmp_path / "mine.tsv"
    aliases.write_text("alias\toutlet\tkind\tnote\nHarbour Desk\tThe Harbour Gazette\tdesk\tour local paper\n",
                       encoding="utf-8")
    out = tmp_path / "seg.jsonl"
    assert main(["segment", str(dump), "--format", "jsonl", "-o", str(out), "--outlet-aliases", str(aliases)]) == 0
    import json
    rec = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert rec["outlet"] == "The Harbour Gazette" and rec["date"] == "2022-03-03"
