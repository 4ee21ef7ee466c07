"""framing.kwic: concordance lines counted by hand on tiny corpora."""
import pandas as pd
import pytest

from framing.errors import OptionError
from framing.ingest.readers import ReadOptions
from framing.kwic import KWIC_COLUMNS, KwicOptions, concordance, concordance_lines, format_line, query_entries
from framing.lexicon import load_lexicon


@pytest.fixture(scope="module")
def lexicon(data_dir_module):
    return load_lexicon([], [str(data_dir_module / "mini_lexicon.tsv")])


@pytest.fixture(scope="module")
def data_dir_module():
    from pathlib import Path

    return Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def corpus(data_dir_module):
    return [str(data_dir_module / "stats" / "kwic_corpus.jsonl")]


def rec(doc_id, text, outlet="Desk", date=None, title=""):
    return {"doc_id": doc_id, "outlet": outlet, "date": pd.Timestamp(date) if date else None, "title": title,
            "text": text, "source": f"test#{doc_id}"}


def test_entry_query_finds_every_form(corpus, lexicon):
    # k1: "occupation forces" twice; k2: the variant "occupying forces"
    c = concordance(corpus, "occupation forces", lexicon=lexicon, options=KwicOptions(sort="doc"))
    assert list(c.lines.columns) == KWIC_COLUMNS
    assert list(c.lines["doc_id"]) == ["k1", "k1", "k2"]
    assert list(c.lines["match"]) == ["occupation forces", "occupation forces", "occupying forces"]
    assert set(c.lines["entry"]) == {"t.occupation_forces"}
    first = c.lines.iloc[0]
    assert first["left"] == "At dawn the" and first["right"].startswith("entered the town.")
    assert len(c.documents) == 4


def test_entry_id_and_phrase_queries(corpus, lexicon):
    by_id = concordance(corpus, "t.occupation_forces", lexicon=lexicon)
    assert len(by_id.lines) == 3
    phrase = concordance(corpus, "armed groups", lexicon=lexicon)      # in no lexicon: a plain phrase
    assert list(phrase.lines["doc_id"]) == ["k3", "k3"]
    assert list(phrase.lines["match"]) == ["Armed groups", "armed groups"]
    assert set(phrase.lines["entry"]) == {"query"}
    wildcard = concordance(corpus, "withdr*", lexicon=None)
    assert list(wildcard.lines["match"]) == ["withdrew"]


def test_arabic_query(corpus, lexicon):
    c = concordance(corpus, "الاحتلال", lexicon=None)
    assert list(c.lines["doc_id"]) == ["k4"]
    assert c.lines.iloc[0]["match"] == "الاحتلال"
    assert c.lines.iloc[0]["left"].endswith("قوات")


def test_context_width_cuts_at_word_boundaries():
    text = "one two three four five six TARGET seven eight nine ten eleven twelve"
    line = concordance_lines([rec("d", text)], query_entries("target", None), KwicOptions(width=12)).lines.iloc[0]
    assert line["left"] == "five six"          # "our five six " -> no cut word
    assert line["right"] == "seven eight"
    assert line["match"] == "TARGET"


@pytest.mark.parametrize("how,expected", [
    ("outlet", ["a", "c", "b"]),               # Alpha (2021-01, 2021-03), then Beta
    ("date", ["a", "b", "c"]),
    ("left", ["c", "b", "a"]),                 # nearest left word: "apple" < "banana" < "cherry"
    ("right", ["b", "c", "a"]),                # "after" < "before" < "then"
    ("doc", ["a", "b", "c"]),
])
def test_sorting(how, expected):
    records = [rec("a", "cherry TERM then", "Alpha", "2021-01-01"), rec("b", "banana TERM after", "Beta", "2021-02-01"),
               rec("c", "apple TERM before", "Alpha", "2021-03-01")]
    lines = concordance_lines(records, query_entries("term", None), KwicOptions(sort=how)).lines
    assert list(lines["doc_id"]) == expected


def test_outlet_date_and_voice_filters(corpus, lexicon):
    every = concordance(corpus, "occupation forces", lexicon=lexicon).lines
    south = concordance(corpus, "occupation forces", lexicon=lexicon, options=KwicOptions(outlets=("south post",)))
    assert list(south.lines["doc_id"]) == ["k2"]
    assert set(south.documents["outlet"]) == {"South Post"}
    dated = concordance(corpus, "armed groups", lexicon=lexicon,
                        options=KwicOptions(date_from=pd.Timestamp("2020-01-01")))
    assert dated.lines.empty                   # k3 has no date: left out when dates are asked for
    january = concordance(corpus, "occupation forces", lexicon=lexicon,
                          options=KwicOptions(date_to=pd.Timestamp("2021-01-31")))
    assert set(january.lines["doc_id"]) == {"k1"}
    for voice in ("own", "quoted", "attributed"):
        kept = concordance(corpus, "occupation forces", lexicon=lexicon, options=KwicOptions(voices=(voice,))).lines
        assert (kept["voice"] == voice).all()
        assert len(kept) == (every["voice"] == voice).sum()


def test_format_line_highlights_the_term():
    line = concordance_lines([rec("d", "the regime said", "Desk", "2021-05-04")], query_entries("regime", None)).lines
    plain = format_line(line.iloc[0], 20, bold=False)
    assert "[regime]" in plain and plain.startswith("2021-05-04  Desk")
    assert "\033[1mregime\033[0m" in format_line(line.iloc[0], 20, bold=True)


@pytest.mark.parametrize("query,options,message", [
    ("  ", KwicOptions(), "nothing to look for"),
    ("...", KwicOptions(), "nothing to look for"),
    ("regime", KwicOptions(sort="length"), "--sort length: not known"),
    ("regime", KwicOptions(voices=("mine",)), "--voice mine: not known"),
])
def test_errors(query, options, message):
    with pytest.raises(OptionError, match=message):
        concordance_lines([rec("d", "text")], query_entries(query, None), options)


def test_reads_with_read_options(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("body,site\nThe regime fell.,Desk A\n", encoding="utf-8")
    c = concordance([str(path)], "regime", read_options=ReadOptions(text_col="body", outlet_col="site"))
    assert list(c.lines["outlet"]) == ["Desk A"]
