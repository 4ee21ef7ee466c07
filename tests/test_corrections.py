"""User corrections: set values, merge and split segments; every error names the file and line."""
from __future__ import annotations

from pathlib import Path

import pytest

from framing.errors import InputError
from framing.ingest.corrections import (
    apply_corrections, load_corrections, same_file, unused_corrections,
)
from framing.ingest.segment import segment_text

DATA = Path(__file__).parent / "data" / "ingest"
DUMP = "blog_dump.txt"


@pytest.fixture(scope="module")
def text() -> str:
    return (DATA / DUMP).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def segments(text):
    return segment_text(text, file=f"data/{DUMP}")


def write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def apply(tmp_path, segments, text, name, content, *, with_text=True):
    fixes = load_corrections(write(tmp_path, name, content))
    return apply_corrections(segments, fixes, file=f"data/{DUMP}", text=text if with_text else None)


def seg_at(segs, line):
    return next(s for s in segs if s.start_line <= line <= s.end_line)


@pytest.mark.parametrize("with_text", [True, False])
def test_set_values_yaml(tmp_path, segments, text, with_text):
    out = apply(tmp_path, segments, text, "fix.yaml", f"""
# the Arabic article is Al Mayadeen's
- file: {DUMP}
  lines: 158-160
  outlet: Al Mayadeen
  date: 12 April 2022
  author:
""", with_text=with_text)
    seg = seg_at(out, 158)
    assert (seg.outlet, seg.date, seg.author, seg.start_line, seg.end_line) == ("Al Mayadeen", "2022-04-12", None, 158, 169)
    assert len(out) == len(segments)


def test_set_values_csv(tmp_path, segments, text):
    out = apply(tmp_path, segments, text, "fix.csv",
                "file,action,lines,outlet,date,title,author,lang,kind\n"
                f"{DUMP},set,23,Al Mayadeen,2022-09-02,,,,\n"
                f"{DUMP},,83-86,,,,,,boilerplate\n"
                f"{DUMP},set,176,,,,null,,\n")
    assert seg_at(out, 23).outlet == "Al Mayadeen"
    assert seg_at(out, 83).kind == "boilerplate"
    assert seg_at(out, 176).author is None


@pytest.mark.parametrize("with_text", [True, False])
def test_merge(tmp_path, segments, text, with_text):
    out = apply(tmp_path, segments, text, "fix.yaml", f"- file: {DUMP}\n  merge: 50-60\n", with_text=with_text)
    seg = seg_at(out, 37)
    assert (seg.start_line, seg.end_line, seg.kind) == (37, 68, "article")
    assert seg.title.startswith("Water talks") and seg.outlet == "Al Mayadeen"
    assert "Railway workers across the country" in seg.text
    assert len(out) == len(segments) - 1


@pytest.mark.parametrize("with_text", [True, False])
def test_split_at_a_line(tmp_path, segments, text, with_text):
    out = apply(tmp_path, segments, text, "fix.yaml",
                f"- file: {DUMP}\n  split: 49\n  outlet: Al Mayadeen\n", with_text=with_text)
    first, second = seg_at(out, 37), seg_at(out, 49)
    assert (first.start_line, first.end_line) == (37, 48)
    assert (second.start_line, second.end_line, second.outlet) == (49, 56, "Al Mayadeen")
    assert "Farming unions downstream" in second.text and "Farming unions" not in first.text
    if with_text:
        assert second.title == "Farmers downstream worry about the summer"


def test_split_out_a_range(tmp_path, segments, text):
    out = apply(tmp_path, segments, text, "fix.yaml",
                f"- file: {DUMP}\n  split: 147-148\n  kind: boilerplate\n")
    mid = seg_at(out, 147)
    assert (mid.start_line, mid.end_line, mid.kind) == (147, 148, "boilerplate")
    assert seg_at(out, 146).end_line == 146 and seg_at(out, 146).kind == "article"


def test_kind_change_to_article_reads_the_header(tmp_path, segments, text):
    out = apply(tmp_path, segments, text, "fix.yaml", f"- file: {DUMP}\n  lines: 15\n  kind: article\n")
    seg = seg_at(out, 15)
    assert seg.kind == "article" and seg.title == "Related Videos"


def test_corrections_for_other_files_are_ignored(tmp_path, segments, text):
    fixes = load_corrections(write(tmp_path, "fix.yaml", "- file: other.txt\n  lines: 1\n  outlet: BBC\n"))
    assert apply_corrections(segments, fixes, file=f"data/{DUMP}", text=text) == segments
    assert unused_corrections(fixes, [f"data/{DUMP}"]) == fixes


def test_duplicates_are_marked_again(tmp_path, segments, text):
    out = apply(tmp_path, segments, text, "fix.yaml", f"- file: {DUMP}\n  merge: 1-22\n")
    dups = [(k, s.duplicate_of) for k, s in enumerate(out) if s.duplicate_of is not None]
    assert len(dups) == 1
    k, d = dups[0]
    assert out[k].start_line == 197 and out[d].start_line == 187


@pytest.mark.parametrize("named, file, same", [
    ("dump.txt", "data/dump.txt", True), ("dump.txt", "dump.txt", True), ("data/dump.txt", "/x/data/dump.txt", True),
    ("other/dump.txt", "data/dump.txt", False), ("dump.txt", "dump2.txt", False),
])
def test_same_file(named, file, same):
    assert same_file(named, file) is same


@pytest.mark.parametrize("name, content, message", [
    ("f.yaml", f"- file: {DUMP}\n  lines: 300-310\n  outlet: BBC\n",
     rf"f.yaml:2: no segment covers lines 300-310 of data/{DUMP}: it has 225 lines"),
    ("f.yaml", f"- file: {DUMP}\n  lines: 10-20\n  outlet: BBC\n",
     r"f.yaml:2: lines 10-20 of data/blog_dump.txt span 2 segments \(lines 1-14, 15-20\): give lines inside one"),
    ("f.yaml", f"- file: {DUMP}\n  merge: 40-50\n", r"f.yaml:2: lines 40-50 of .* are all in one segment"),
    ("f.yaml", f"- file: {DUMP}\n  split: 37\n", r"f.yaml:2: line 37 of .* already form the segment"),
    ("f.yaml", f"- file: {DUMP}\n  split: 30-40\n", r"f.yaml:2: lines 30-40 of .* reach beyond the segment"),
])
def test_apply_errors(tmp_path, segments, text, name, content, message):
    with pytest.raises(InputError, match=message):
        apply(tmp_path, segments, text, name, content)


@pytest.mark.parametrize("name, content, message", [
    ("f.yaml", "- file: d.txt\n  lines: 3\n  outlt: BBC\n", r"f.yaml:3: unknown key 'outlt': use file, lines"),
    ("f.yaml", "- file: d.txt\n  lines: 3-x\n  outlet: BBC\n", r"f.yaml:2: lines '3-x' is not a line number"),
    ("f.yaml", "- file: d.txt\n  lines: 9-3\n  outlet: BBC\n", r"f.yaml:2: lines 9-3 is not a range"),
    ("f.yaml", "- file: d.txt\n  lines: 3\n", r"f.yaml:2: nothing to change for line 3 of d.txt"),
    ("f.yaml", "- lines: 3\n  outlet: BBC\n", r"f.yaml:1: missing 'file'"),
    ("f.yaml", "- file: d.txt\n  lines: 3\n  merge: 3-4\n", r"f.yaml:1: give exactly one of 'lines'"),
    ("f.yaml", "- file: d.txt\n  lines: 3\n\n\n  date: someday\n", r"f.yaml:5: date 'someday' is not a date"),
    ("f.yaml", "- file: d.txt\n  lines: 3\n  kind: advert\n", r"f.yaml:3: unknown kind 'advert'"),
    ("f.yaml", "- file: d.txt\n  lines: 3\n  kind:\n", r"f.yaml:2: kind cannot be empty"),
    ("f.yaml", "- file: d.txt\n  lines: 3\n  lang: english!\n", r"f.yaml:3: lang 'english!' is not a language"),
    ("f.yaml", "- file: d.txt\n  lines: [3\n", r"f.yaml:\d+: not valid YAML"),
    ("f.yaml", "file: d.txt\n", r"f.yaml:1: expected a list of corrections"),
    ("f.yaml", "- just a string\n", r"f.yaml:1: each correction is a mapping"),
    ("f.csv", "file,lines,color\nd.txt,3,red\n", r"f.csv:1: unknown column 'color'"),
    ("f.csv", "file,outlet\nd.txt,BBC\n", r"f.csv:1: the header needs the columns 'file' and 'lines'"),
    ("f.csv", "file,action,lines,outlet\nd.txt,move,3,BBC\n", r"f.csv:2: unknown action 'move'"),
    ("f.csv", "file,lines,outlet\n\nd.txt,3,BBC,extra\n", r"f.csv:3: 4 cells for 3 columns"),
    ("f.json", "[]", r"f.json: unknown corrections format '.json'"),
])
def test_load_errors_name_file_and_line(tmp_path, name, content, message):
    with pytest.raises(InputError, match=message):
        load_corrections(write(tmp_path, name, content))


def test_load_accepts_a_mapping_and_dates(tmp_path):
    fixes = load_corrections(write(tmp_path, "f.yml", "corrections:\n  - file: d.txt\n    lines: [3, 5]\n"
                                                      "    date: 2022-03-05\n"))
    assert [(f.file, f.first, f.last, f.values) for f in fixes] == [("d.txt", 3, 5, (("date", "2022-03-05"),))]
    assert load_corrections(write(tmp_path, "empty.yaml", "# nothing yet\n")) == []
