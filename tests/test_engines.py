"""The Dask engine gives the local engine's tables, row for row, on a LocalCluster of two processes."""
import pandas as pd
import pytest

import framing.analyze
import framing.engines
from framing.analyze import AnalyzeOptions, analyze_corpus
from framing.cli import main
from framing.ingest.readers import demo_path
from framing.errors import OptionError
from framing.lexicon import load_lexicon
from framing.store import add_to_store, load_analysis

distributed = pytest.importorskip("distributed", reason="the Dask engine needs dask[distributed] (the test extra)")


@pytest.fixture(scope="module")
def scheduler():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The demo corpus in three files; small chunks make many bag partitions."""
    root = tmp_path_factory.mktemp("corpus")
    lines = demo_path().read_text(encoding="utf-8").splitlines()
    for i, part in enumerate((lines[:25], lines[25:50], lines[50:])):
        (root / f"part{i}.jsonl").write_text("\n".join(part) + "\n", encoding="utf-8")
    return sorted(str(p) for p in root.iterdir())


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(framing.analyze, "_CHUNK_CHARS", 4_000)


def assert_same(one, other):
    for name in ("documents", "hits", "attributions"):
        pd.testing.assert_frame_equal(getattr(one, name), getattr(other, name))
    assert one.examples == other.examples
    pd.testing.assert_frame_equal(one.manifest.table(), other.manifest.table())


@pytest.mark.parametrize("keep_neutral", [False, True])
def test_dask_gives_the_local_tables(scheduler, corpus, small_chunks, keep_neutral):
    lexicon = load_lexicon()
    local = analyze_corpus(corpus, lexicon, options=AnalyzeOptions(jobs=1, progress=False,
                                                                   keep_neutral_senses=keep_neutral))
    dask = analyze_corpus(corpus, lexicon, options=AnalyzeOptions(engine="dask", scheduler=scheduler, progress=False,
                                                                  keep_neutral_senses=keep_neutral))
    assert len(local.documents) == 83 and len(local.hits) > 300
    assert_same(local, dask)


def test_dask_fills_a_store_as_the_local_engine_does(tmp_path, scheduler, corpus, small_chunks):
    lexicon = load_lexicon()
    add_to_store(tmp_path / "local.duckdb", corpus, lexicon, options=AnalyzeOptions(jobs=2, progress=False))
    add_to_store(tmp_path / "dask.duckdb", corpus, lexicon,
                 options=AnalyzeOptions(engine="dask", scheduler=scheduler, progress=False))
    assert_same(load_analysis(tmp_path / "local.duckdb"), load_analysis(tmp_path / "dask.duckdb"))


def test_the_cli_runs_on_the_cluster(tmp_path, scheduler, corpus, small_chunks):
    assert main(["analyze", *corpus, "--jobs", "1", "-o", str(tmp_path / "local")]) == 0
    assert main(["analyze", *corpus, "--engine", "dask", "--scheduler", scheduler, "-o", str(tmp_path / "dask")]) == 0
    for name in ("documents.csv", "hits.csv", "attributions.csv", "rates_by_outlet.csv", "manifest.csv"):
        assert (tmp_path / "local" / name).read_bytes() == (tmp_path / "dask" / name).read_bytes(), name


def test_a_wrong_scheduler_address_is_named(corpus, monkeypatch):
    monkeypatch.setattr(framing.engines, "CONNECT_TIMEOUT", "1s")
    options = AnalyzeOptions(engine="dask", scheduler="tcp://127.0.0.1:9", progress=False)
    with pytest.raises(OptionError, match="--scheduler tcp://127.0.0.1:9: cannot connect"):
        analyze_corpus(corpus[:1], load_lexicon(), options=options)
