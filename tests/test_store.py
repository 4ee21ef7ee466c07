"""The DuckDB store: same tables as one in-memory run, incremental, one transaction, read by the commands."""
import json
import shutil

import duckdb
import pandas as pd
import pytest

import framing.analyze
import framing.store
from framing.analyze import AnalyzeOptions, analyze_corpus
from framing.cli import main
from framing.ingest.readers import demo_path
from framing.errors import InputError, OptionError
from framing.lexicon import load_lexicon
from framing.store import ALREADY_STORED, add_to_store, load_analysis, store_records

LOCAL = AnalyzeOptions(jobs=1, progress=False)


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


@pytest.fixture
def corpus(tmp_path, data_dir):
    """The demo corpus split into files, one folder with an outlet sub-folder (records without an
    outlet, ids that repeat a.jsonl's) and a text dump."""
    lines = demo_path().read_text(encoding="utf-8").splitlines()
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.jsonl").write_text("\n".join(lines[:30]) + "\n", encoding="utf-8")
    (root / "b.jsonl").write_text("\n".join(lines[30:60]) + "\n", encoding="utf-8")
    folder = root / "folder" / "Folder Outlet"
    folder.mkdir(parents=True)
    again = []
    for line in lines[60:]:
        rec = json.loads(line)
        rec.pop("outlet", None)
        again.append(json.dumps({**rec, "id": json.loads(lines[len(again) % 3])["id"]}))
    (folder / "c.jsonl").write_text("\n".join(again) + "\n", encoding="utf-8")
    shutil.copy(data_dir / "ingest" / "blog_dump.txt", root / "folder" / "dump.txt")
    return root


def assert_same(one, other):
    for name in ("documents", "hits", "attributions"):
        pd.testing.assert_frame_equal(getattr(one, name), getattr(other, name))
    assert one.examples == other.examples
    assert one.lexicon == other.lexicon
    pd.testing.assert_frame_equal(one.manifest.table(), other.manifest.table())


def test_the_store_holds_what_one_run_in_memory_returns(tmp_path, corpus, lexicon):
    inputs = [str(corpus / "a.jsonl"), str(corpus / "b.jsonl"), str(corpus / "folder")]
    run = add_to_store(tmp_path / "s.duckdb", inputs, lexicon, options=LOCAL)
    assert (run.files_analysed, run.files_stored) == (4, 0)
    for keep in (False, True):
        memory = analyze_corpus(inputs, lexicon, options=AnalyzeOptions(jobs=1, progress=False, keep_texts=True,
                                                                        keep_neutral_senses=keep))
        stored = load_analysis(tmp_path / "s.duckdb", keep_neutral=keep, keep_texts=True)
        assert_same(memory, stored)
        assert stored.texts == memory.texts
    docs = stored.documents
    assert set(docs.loc[docs["source"].str.contains("c.jsonl"), "outlet"]) == {"Folder Outlet"}
    assert docs["doc_id"].is_unique and docs["doc_id"].str.endswith("#2").sum() == 3   # ids c.jsonl repeats
    assert (stored.hits["sense"] == "neutral").any()


def test_adding_files_analyses_only_the_new_ones_and_equals_one_run(tmp_path, corpus, lexicon):
    store = tmp_path / "s.duckdb"
    a, b, folder = str(corpus / "a.jsonl"), str(corpus / "b.jsonl"), str(corpus / "folder")
    add_to_store(store, [a], lexicon, options=LOCAL)
    run = add_to_store(store, [a, b, folder], lexicon, options=LOCAL)
    assert (run.files_analysed, run.files_stored, run.documents) == (3, 1, run.total_documents - 30)
    assert_same(analyze_corpus([a, b, folder], lexicon, options=LOCAL), load_analysis(store))
    rows = load_analysis(store, rerun_rows=True).manifest.table()
    again = rows[rows["reason"].str.startswith(ALREADY_STORED)]
    assert list(again["file"]) == [a] and list(again["status"]) == ["duplicate"]
    with duckdb.connect(str(store), read_only=True) as con:
        inputs = con.execute("SELECT path, size, sha256, documents FROM inputs ORDER BY input_id").fetchall()
        assert [(p, n) for p, _, _, n in inputs][:2] == [(a, 30), (b, 30)]
        assert all(len(sha) == 64 for _, _, sha, _ in inputs)
        assert con.execute("SELECT count(*) FROM runs").fetchall() == [(2,)]


def test_sql_on_the_store(tmp_path, corpus, lexicon):
    store = tmp_path / "s.duckdb"
    add_to_store(store, [str(corpus / "a.jsonl")], lexicon, options=LOCAL)
    with duckdb.connect(str(store), read_only=True) as con:
        loaded = con.execute("SELECT count(*) FROM hits WHERE sense = 'loaded'").fetchall()[0][0]
        # documents.hits counts the body, headline_hits the headline (framing.zones)
        assert con.execute("SELECT sum(hits) + sum(headline_hits) FROM documents").fetchall()[0][0] == loaded > 0
        per_outlet = con.execute("""
            SELECT d.outlet, 1000.0 * count(h.doc_id) / any_value(w.words) AS per_1k
            FROM documents d JOIN (SELECT outlet, sum(words + headline_words) AS words FROM documents GROUP BY outlet) w USING (outlet)
            LEFT JOIN hits h ON h.doc_id = d.doc_id AND h.voice = 'own' AND h.sense = 'loaded' AND NOT h.negated
                AND h.category <> 'scare_quote'  -- a measure apart, not in the totals (framing.scare)
            GROUP BY d.outlet ORDER BY d.outlet""").df()
    from framing.tables import rates_by_outlet

    memory = load_analysis(store)
    rates = rates_by_outlet(memory.documents, memory.hits)
    totals = rates[(rates["category"] == "(all)") & (rates["entry"] == "(all)")].set_index("outlet")
    for _, row in per_outlet.iterrows():
        assert row["per_1k"] == pytest.approx(totals.loc[row["outlet"], "rate_per_1k"], abs=1e-3)


def test_many_chunks_and_two_jobs_give_the_same_store(tmp_path, corpus, lexicon, monkeypatch):
    monkeypatch.setattr(framing.analyze, "_CHUNK_CHARS", 5_000)
    inputs = [str(corpus / "a.jsonl"), str(corpus / "b.jsonl"), str(corpus / "folder")]
    add_to_store(tmp_path / "s.duckdb", inputs, lexicon, options=AnalyzeOptions(jobs=2, progress=False))
    assert_same(analyze_corpus(inputs, lexicon, options=LOCAL), load_analysis(tmp_path / "s.duckdb"))
    records = list(store_records(tmp_path / "s.duckdb"))
    assert [r["doc_id"] for r in records] == list(load_analysis(tmp_path / "s.duckdb").documents["doc_id"])
    assert all(r["text"] for r in records)


def test_another_lexicon_is_refused_until_rebuild(tmp_path, corpus, lexicon, data_dir):
    store = tmp_path / "s.duckdb"
    add_to_store(store, [str(corpus / "a.jsonl")], lexicon, options=LOCAL)
    mini = load_lexicon([], [data_dir / "mini_lexicon.tsv"])
    with pytest.raises(OptionError, match="another lexicon .*write to a new store, or give --rebuild"):
        add_to_store(store, [str(corpus / "b.jsonl")], mini, options=LOCAL)
    run = add_to_store(store, [str(corpus / "b.jsonl")], mini, options=LOCAL, rebuild=True)
    assert run.total_documents == 30 and run.total_inputs == 1
    stored = load_analysis(store)
    assert set(stored.hits["entry"]) <= {e.id for e in stored.lexicon.entries}
    assert stored.lexicon.digest == mini.digest


def test_a_changed_file_replaces_its_old_results(tmp_path, corpus, lexicon):
    store, a = tmp_path / "s.duckdb", corpus / "a.jsonl"
    add_to_store(store, [str(a)], lexicon, options=LOCAL)
    a.write_text("\n".join(a.read_text(encoding="utf-8").splitlines()[:10]) + "\n", encoding="utf-8")
    run = add_to_store(store, [str(a)], lexicon, options=LOCAL)
    assert (run.files_analysed, run.total_documents, run.total_inputs) == (1, 10, 1)
    assert_same(analyze_corpus([str(a)], lexicon, options=LOCAL), load_analysis(store))


def test_a_failed_run_leaves_the_store_as_it_was(tmp_path, corpus, lexicon):
    store = tmp_path / "s.duckdb"
    add_to_store(store, [str(corpus / "a.jsonl")], lexicon, options=LOCAL)
    bad = corpus / "bad.csv"
    bad.write_text("headline,when\nNo text here,2021-01-01\n", encoding="utf-8")
    with pytest.raises(InputError, match="no text column"):
        add_to_store(store, [str(corpus / "b.jsonl"), str(bad)], lexicon, options=LOCAL)
    stored = load_analysis(store)
    assert len(stored.documents) == 30
    assert set(stored.manifest.table()["file"]) == {str(corpus / "a.jsonl")}


def test_a_run_stopped_while_workers_run_leaves_nothing(tmp_path, corpus, lexicon, monkeypatch):
    monkeypatch.setattr(framing.analyze, "_CHUNK_CHARS", 3_000)
    monkeypatch.setattr(framing.store._Writer, "add_results", lambda self, results: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        add_to_store(tmp_path / "s.duckdb", [str(corpus / "a.jsonl")], lexicon,
                     options=AnalyzeOptions(jobs=2, progress=False))
    with duckdb.connect(str(tmp_path / "s.duckdb"), read_only=True) as con:
        assert con.execute("SELECT (SELECT count(*) FROM runs) + (SELECT count(*) FROM inputs) + "
                           "(SELECT count(*) FROM texts)").fetchall() == [(0,)]


def test_a_killed_run_is_ignored_then_removed(tmp_path, corpus, lexicon, monkeypatch):
    store, a, b = tmp_path / "s.duckdb", str(corpus / "a.jsonl"), str(corpus / "b.jsonl")
    add_to_store(store, [a], lexicon, options=LOCAL)
    monkeypatch.setattr(framing.store, "_BATCH_ROWS", 50)        # commit batch by batch
    monkeypatch.setattr(framing.store, "_discard_run", lambda con, run_id: None)  # as if killed
    calls = []

    def killed(self, results):
        calls.append(1)
        if len(calls) > 3:
            raise KeyboardInterrupt
        return add_results(self, results)

    add_results = framing.store._Writer.add_results
    monkeypatch.setattr(framing.analyze, "_CHUNK_CHARS", 3_000)
    monkeypatch.setattr(framing.store._Writer, "add_results", killed)
    with pytest.raises(KeyboardInterrupt):
        add_to_store(store, [b], lexicon, options=LOCAL)
    with duckdb.connect(str(store), read_only=True) as con:   # rows of the killed run were committed ...
        assert con.execute("SELECT count(*) FROM documents").fetchall()[0][0] > 30
    assert len(load_analysis(store).documents) == 30           # ... and are ignored
    monkeypatch.undo()
    add_to_store(store, [b], lexicon, options=LOCAL)           # the next run removes them
    assert_same(analyze_corpus([a, b], lexicon, options=LOCAL), load_analysis(store))


@pytest.mark.parametrize("make, message", [
    (lambda p: None, "no such store: create it with framing analyze INPUT --store"),
    (lambda p: duckdb.connect(str(p)).execute("CREATE TABLE t (x INTEGER)").close(), "not a framing store"),
    (lambda p: p.write_text("not a database"), "not a framing store"),
    (lambda p: p.mkdir(), "a folder: give a file name"),
])
def test_unreadable_stores_are_named_with_what_to_do(tmp_path, make, message):
    path = tmp_path / "s.duckdb"
    make(path)
    with pytest.raises(OptionError, match=message):
        load_analysis(path)


# ----------------------------------------------------------------------------- the commands

def run(*args):
    return main([str(a) for a in args])


def test_commands_read_the_store_without_inputs(tmp_path, corpus, capsys):
    store, a, b = tmp_path / "s.duckdb", corpus / "a.jsonl", corpus / "b.jsonl"
    assert run("analyze", a, "--store", store, "--jobs", "1") == 0
    assert run("analyze", a, b, "--store", store, "--jobs", "1") == 0
    out = capsys.readouterr().out
    assert "1 file(s) already in the store, not analysed again" in out and "holds 60 document(s)" in out
    assert run("hits", "--store", store, "--format", "csv", "-o", tmp_path / "stored.csv") == 0
    assert run("hits", a, b, "--format", "csv", "-o", tmp_path / "direct.csv", "--jobs", "1") == 0
    assert (tmp_path / "stored.csv").read_text() == (tmp_path / "direct.csv").read_text()
    for name, source in (("stored", ["--store", store]), ("direct", [a, b, "--jobs", "1"])):
        assert run("compare", *source, "--charts", "none", "--boot", "200", "-o", tmp_path / name) == 0
        assert run("kwic", "regime", *source, "-o", tmp_path / name / "kwic.csv") == 0
    for table in ("rates.csv", "keyness.csv", "naming.csv", "kwic.csv"):
        assert (tmp_path / "stored" / table).read_text() == (tmp_path / "direct" / table).read_text()
    assert run("analyze", "--store", store, "-o", tmp_path / "tables", "--demo", "--jobs", "1") == 0
    manifest = pd.read_csv(tmp_path / "tables" / "manifest.csv", keep_default_na=False)
    assert manifest["reason"].str.startswith(ALREADY_STORED).sum() == 1      # a.jsonl given again
    assert len(pd.read_csv(tmp_path / "tables" / "documents.csv")) == 60 + 83


@pytest.mark.parametrize("args, message", [
    (["compare", "--store", "{tmp}/none.duckdb"], "no such store"),
    (["analyze", "--store", "{tmp}/s.duckdb"], "no INPUT given"),
    (["analyze", "--demo", "--rebuild", "-o", "{tmp}/out"], "--rebuild empties a store: give it with --store"),
    (["analyze", "--demo", "--scheduler", "tcp://127.0.0.1:1", "-o", "{tmp}/out"], "is for --engine dask"),
])
def test_store_option_errors(tmp_path, capsys, args, message):
    assert run(*[a.format(tmp=tmp_path) for a in args]) == 2
    assert message in capsys.readouterr().err
