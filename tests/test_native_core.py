"""The compiled scanner (native/, framing_native) finds exactly what the Python one does.

Both scanners of one Matcher run on the demo corpus, the shared dumps, the AllSides sample and
generated adversarial texts; spans and word counts must be identical. The core choice (--core,
FRAMING_CORE, --version) is tested whether or not the module is built.
"""
from __future__ import annotations

import gc
import gzip
import json
import pickle
import sys
import weakref
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing.cli import main
from framing.lexicon import Entry, Lexicon, load_lexicon, shipped_names, with_context_entries
from framing.match import ARABIC_PREFIXES, Matcher, Span, core, native_module
from framing.normalize import match_form

native = native_module()
needs_native = pytest.mark.skipif(native is None, reason="framing_native is not built (pip install ./native)")
ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ALLSIDES = SHARED / "data" / "allsides-sample" / "articles.jsonl.gz"


@pytest.fixture(scope="module")
def matcher():
    m = Matcher(with_context_entries(load_lexicon(shipped_names())))
    if native is not None:
        m.core = "native"
    return m


def same(m: Matcher, texts) -> int:
    """Both scanners on every text; the number of hits (so a test can see it matched something)."""
    hits = 0
    for i, text in enumerate(texts):
        want = m.scan_python(text)
        assert m.scan(text) == want, f"text {i}: {text[:80]!r}"
        hits += len(want[0])
    return hits


@needs_native
def test_demo_corpus(matcher):
    texts = [json.loads(line)["text"] for line in (ROOT / "framing/data/demo/articles.jsonl").open(encoding="utf-8")]
    assert same(matcher, texts) > 100


@needs_native
def test_shared_dumps(matcher):
    paths = sorted((SHARED / "corpus").glob("*.txt"))
    if not paths:
        pytest.skip("../shared/corpus/ is not there")
    texts = [p.read_text(encoding="utf-8") for p in paths]
    # the dumps whole, and one paragraph at a time (the Arabic article is among them)
    assert same(matcher, texts + [para for t in texts for para in t.split("\n\n")]) > 100


@needs_native
def test_allsides_sample(matcher):
    if not ALLSIDES.exists():
        pytest.skip(f"{ALLSIDES} is not there")
    with gzip.open(ALLSIDES, "rt", encoding="utf-8") as f:
        texts = [json.loads(line)["text"] or "" for line in f]
    assert len(texts) == 3633
    assert same(matcher, texts) > 10_000


@needs_native
def test_every_tabled_code_point_reads_as_in_python():
    """The compiled match form of each code point below the tables' limit, in a text without Arabic
    and in one with Arabic, is Python's match_form (or left to it)."""
    left = 0
    for c in range(0x3100):
        if 0xD800 <= c < 0xE000:
            continue
        for text in (f"A{chr(c)}b", f"\u0627{chr(c)}\u064e"):
            got = native.match_form(text)
            if got is None:
                left += 1
                continue
            norm, offsets = match_form(text)
            assert got == (norm, offsets[:-1] if offsets is not None else None), hex(c)
    assert left < 200  # only the few that grow when lower-cased, and the capital sigma


def test_hand_made_hits():
    """Hand-counted hits of a small lexicon: case rules, wildcard, Arabic prefix and marks, both cores."""
    def entry(id, term, lang="en", case="any", variants=()):
        return Entry(id=id, lang=lang, term=term, variants=variants, category="c", referent="", strength=1,
                     neutral=(), rationale="", case=case)

    entries = (entry("t.regime", "regime", variants=("regimes",)), entry("t.radical", "radical*"),
               entry("t.orc", "ORC", case="not_caps"), entry("t.occ", "الاحتلال", lang="ar"))
    m = Matcher(Lexicon(entries, {}))
    text = "The \u201cRegime\u201d radicalised ORC orc; \u0644\u0644\u0627\u062d\u062a\u0644\u0640\u0627\u0644"
    # "Regime" between curly quotes; "radicalised" (11 letters) by the wildcard; "ORC" in capitals is
    # refused (not_caps) and "orc" counts; the Arabic word with لل and a tatweel, 9 characters written.
    want = ([Span(5, 11, 0), Span(13, 24, 1), Span(29, 32, 2), Span(34, 43, 3)], 6)
    m.core = "python"
    assert m.scan(text) == want
    if native is not None:
        m.core = "native"
        assert m.scan(text) == want
        assert pickle.loads(pickle.dumps(m)).scan(text) == want  # rebuilt after pickling (workers)
        ref = weakref.ref(m)
        del m
        gc.collect()
        assert ref() is None  # no reference cycle through the compiled scanner (it would never be freed)


# ----------------------------------------------------------------------------- adversarial texts

def _pieces() -> list[str]:
    lex = load_lexicon(shipped_names())
    out = []
    for e in lex.entries[::3]:
        form = e.forms[0].rstrip("*")
        if e.lang == "ar":
            out += [form, "\u0648" + form, "\u0644\u0644" + form[2:] if form.startswith("\u0627\u0644") else form,
                    "\u0640".join(form), "\u064e".join(form[:3]) + form[3:]]
        else:
            out += [form, form.upper(), form.title(), form + "s", form.replace(" ", "-"), form + "'s"]
    out += [f"{p}x" for p in ARABIC_PREFIXES[:5]]
    return out


PIECES = _pieces()
NOISE = st.text(alphabet=st.sampled_from(list(" \n\t.,;:!?\"'-\u2014\u2013\u2019\u2018\u201c\u201d()\u00a0_*#"
                                              "aZ\u00e9\u0130\u03a3\u00df\u0627\u0629\u0649\u0623\u064b\u0670\u0640\u06d6"
                                              "Mr.Dr\u4e2d1")), max_size=8)
TEXTS = st.lists(st.one_of(st.sampled_from(PIECES), NOISE, st.text(max_size=6)), max_size=120).map(" ".join)


@needs_native
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS)
def test_adversarial_texts(matcher, text):
    assert matcher.scan(text) == matcher.scan_python(text)


@needs_native
def test_long_and_empty_texts(matcher):
    long = " ".join(PIECES) * 3
    assert same(matcher, ["", " ", "\u0640", long, long.upper(), long.replace(" ", "\u2014")]) > 1000


# ----------------------------------------------------------------------------- choosing the core

def test_core_choice(monkeypatch, capsys):
    monkeypatch.setenv("FRAMING_CORE", "python")
    assert core() == "python" and Matcher(Lexicon((), {})).core == "python"
    with pytest.raises(SystemExit) as exit_:
        main(["--core", "python", "--version"])
    assert exit_.value.code == 0 and "(python core;" in capsys.readouterr().out
    monkeypatch.setenv("FRAMING_CORE", "rust")
    assert main(["lexicon", "show", "militants"]) == 2
    assert capsys.readouterr().err.strip() == "error: FRAMING_CORE='rust': the core is one of python, native"


def test_native_asked_but_not_built(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "framing_native", None)  # import fails, as when it is not built
    monkeypatch.delenv("FRAMING_CORE", raising=False)
    assert core() == "python"
    assert main(["--core", "native", "lexicon", "show", "militants"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: the native core is not built")
    monkeypatch.setenv("FRAMING_CORE", "native")
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 2 and "native core is not built" in capsys.readouterr().err


@needs_native
def test_native_is_the_default_when_built(monkeypatch, capsys):
    monkeypatch.delenv("FRAMING_CORE", raising=False)
    assert core() == "native"
    with pytest.raises(SystemExit):
        main(["--version"])
    assert "(native core; framing_native " in capsys.readouterr().out
