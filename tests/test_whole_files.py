"""Files read whole (issue 17, items 10 and 13): a size limit instead of gigabytes of memory, gzipped
feeds, files that begin with a megabyte of blank lines."""
from __future__ import annotations

import csv
import gzip
import time
from pathlib import Path

import pytest

from framing.cli import main
from framing.errors import InputError
from framing.ingest.encoding import read_bytes, read_text
from framing.ingest.readers import ReadOptions, iter_records
from framing.ingest.segment import segment_text
from framing.manifest import Manifest

LEXICON = Path(__file__).resolve().parent / "data" / "mini_lexicon.tsv"

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Outlet Feed</title>
<item><title>First</title><pubDate>Tue, 02 Mar 2021 10:00:00 GMT</pubDate>
<description>The regime spoke of terrorists in the north.</description></item>
<item><title>Second</title><pubDate>Wed, 03 Mar 2021 10:00:00 GMT</pubDate>
<description>Talks resumed in the capital.</description></item>
</channel></rss>
"""


def read(paths, **opts):
    m = Manifest()
    recs = list(iter_records([str(p) for p in paths], ReadOptions(**opts), m))
    return recs, m


@pytest.mark.parametrize("name", ["feed.rss.gz", "feed.xml.gz", "feed.atom.gz"])
def test_gzipped_feeds_are_read_like_other_gzipped_formats(tmp_path, name):
    p = tmp_path / name
    p.write_bytes(gzip.compress(FEED.encode()))
    recs, m = read([p])
    assert [r["title"] for r in recs] == ["First", "Second"]
    assert recs[0]["outlet"] == "Outlet Feed" and recs[0]["date"] == "2021-03-02"


def test_size_limit_for_files_read_whole(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text(("The regime spoke again today in the capital. " * 25 + "\n\n") * 1200, encoding="utf-8")  # ~1.4 MB
    with pytest.raises(InputError, match=r"big.txt: 1 MB, more than 0.5 MB, the limit for files read whole "
                                         r"\(.txt, .json, HTML, feeds\): raise it with --max-file-mb"):
        read([p], max_file_mb=0.5)
    recs, _ = read([p], max_file_mb=2)
    assert len(recs) == 1
    recs, _ = read([p], max_file_mb=0)  # no limit
    assert len(recs) == 1


def test_a_gzip_bomb_is_stopped_at_the_limit_before_it_is_all_in_memory(tmp_path):
    p = tmp_path / "bomb.json.gz"
    with gzip.open(p, "wb") as f:
        for _ in range(64):
            f.write(b" " * (1 << 20))  # 64 MB of spaces in a file of ~64 KB
    assert p.stat().st_size < 200_000
    with pytest.raises(InputError, match=r"bomb.json.gz: decompresses to more than 8 MB"):
        read_bytes(p, max_mb=8)


def test_over_the_limit_in_a_folder_is_skipped_with_the_reason_and_cli_option(tmp_path, capsys):
    d = tmp_path / "in"
    d.mkdir()
    (d / "big.json").write_text('[{"text": "' + "x " * 400_000 + '"}]', encoding="utf-8")  # 0.8 MB
    (d / "small.csv").write_text("text\nThe regime fell.\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ["analyze", str(d), "-o", str(out), "--lexicons", "none", "--lexicon", str(LEXICON), "--jobs", "1"]
    assert main(args + ["--max-file-mb", "0.5"]) == 0
    with open(out / "manifest.csv", encoding="utf-8") as f:
        manifest = {Path(r["file"]).name: r for r in csv.DictReader(f)}
    assert manifest["big.json"]["status"] == "skipped"
    assert "more than 0.5 MB, the limit for files read whole" in manifest["big.json"]["reason"]
    assert manifest["small.csv"]["status"] == "analysed"
    assert main(args + ["--max-file-mb", "-1"]) == 2
    assert "--max-file-mb -1: give a size in MB" in capsys.readouterr().err


def test_a_file_beginning_with_a_megabyte_of_blank_lines_is_read(tmp_path):
    blank = "\n" * 600_000 + "  \n" * 200_000
    for name, body in [("a.csv", "text,outlet\nThe r\xe9gime fell.,Outlet\n"),
                       ("a.jsonl", '{"text": "The r\xe9gime fell."}\n'),
                       ("b.txt", "The r\xe9gime fell after a long siege of the city, officials said on Tuesday.\n")]:
        for encoding in ("utf-8", "cp1252"):
            if name.endswith("jsonl") and encoding == "cp1252":
                continue
            p = tmp_path / f"{encoding}-{name}"
            p.write_bytes(blank.encode() + body.encode(encoding))
            recs, m = read([p])
            assert len(recs) == 1, (p, m.rows)
            assert "r\xe9gime" in recs[0]["text"], (p, recs[0]["text"][:40])
            assert not m.skipped()
            assert recs[0]["line"] == {"a.csv": 800_002, "a.jsonl": 800_001, "b.txt": 800_001}[name]


def test_one_very_long_line_is_segmented_in_bounded_time():
    sentence = "The regime said the militants attacked the town on Tuesday. "
    times = []
    for n in (20_000, 40_000):  # 1.2 MB and 2.4 MB on one line
        text = sentence * n
        t = time.perf_counter()
        segs = segment_text(text, file="x.txt")
        times.append(time.perf_counter() - t)
        assert [s.kind for s in segs] == ["article"] and segs[0].text == text.rstrip()
    assert times[1] < 3 * times[0] + 0.5
