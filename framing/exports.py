"""Files written from an analysis by the commands: analyze's tables, hits as records, the term scores
and the outlet fingerprint. No argument parsing here (framing/cli/)."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pandas as pd

from .output import atomic_path, ensure_dir, neutralised_frame, write_csv, write_text
from .tables import attribution_rates, corpus_summary, rates_by_outlet, rates_by_period
from .types import HIT_RECORD_COLUMNS



def rated_hits(hits: pd.DataFrame, model_in_rates: bool = False) -> pd.DataFrame:
    """The hits the rates count: the lexicon's, plus the word model's with --model-in-rates (framing.beyond)."""
    if model_in_rates:
        return hits
    from .beyond import lexicon_layer

    return lexicon_layer(hits)


def write_analysis_tables(analysis, out: Path, period: str, *, zone: str = "all", beyond_lexicon: bool = False,
                          model_in_rates: bool = False) -> str:
    """documents, rates by outlet and period, attribution and scare-quote tables into ``out`` (hits.csv and
    attributions.csv are the caller's: streamed, or written from a store); returns the summary line.
    ``zone``: what the rate tables count (framing.zones: all, headline or body); scare quotes are the body's."""
    from .scare import scare_quote_rates
    from .zones import zone_hits

    write_csv(out / "documents.csv", analysis.documents)
    counted = rated_hits(analysis.hits, model_in_rates)
    write_csv(out / "rates_by_outlet.csv", rates_by_outlet(analysis.documents, counted, zone))
    write_csv(out / "rates_by_period.csv", rates_by_period(analysis.documents, counted, period, zone))
    if beyond_lexicon:
        from .beyond import model_layer

        write_csv(out / "model_rates_by_outlet.csv", rates_by_outlet(analysis.documents, model_layer(analysis.hits)))
    write_csv(out / "attribution_by_outlet.csv", attribution_rates(analysis.documents, analysis.attributions))
    write_csv(out / "scare_quotes.csv", scare_quote_rates(analysis.documents, zone_hits(analysis.hits, "body")))
    summary = corpus_summary(analysis.documents)
    return (f"{int(summary['hits'].sum())} loaded-term hits in {int(summary['words'].sum())} words "
            f"from {len(summary)} outlet(s); tables written to {out}/")


def write_hit_records(hits: pd.DataFrame, fmt: str, output: str | None) -> None:
    """Hits as CSV or JSON Lines, to ``output`` or standard output."""
    hits = hits[HIT_RECORD_COLUMNS]
    if fmt == "csv":
        if output:
            write_csv(output, hits)
        else:
            out = neutralised_frame(hits)
            out["date"] = out["date"].dt.strftime("%Y-%m-%d").fillna("")
            out.to_csv(sys.stdout, index=False, lineterminator="\n")
        return
    lines = []
    for rec in hits.to_dict("records"):
        rec["date"] = rec["date"].strftime("%Y-%m-%d") if rec["date"] == rec["date"] and rec["date"] is not None else None
        lines.append(json.dumps({k: (v.item() if hasattr(v, "item") else v) for k, v in rec.items()},
                                ensure_ascii=False))
    text = "\n".join(lines) + ("\n" if lines else "")
    if output:
        write_text(output, text)
    else:
        sys.stdout.write(text)


def slug(name: str) -> str:
    return re.sub(r"[^\w-]+", "-", name, flags=re.UNICODE).strip("-").lower() or "outlet"


def write_term_scores(analysis, model, out: Path, seed: int = 0) -> str:
    """term_scores.csv, framing_index.csv, outlet_loadedness.csv and a top-terms chart per outlet."""
    from .model import aggregate, score_corpus
    from .plots import outlet_colours, plot_top_terms, save_figure
    from .termscores import TermScoreOptions, add_word_scores, framing_index, term_scores

    corpus = analysis.documents.assign(text=analysis.documents["doc_id"].map(analysis.texts))
    sentences = score_corpus(model, corpus)
    options = TermScoreOptions(seed=seed)
    hits = add_word_scores(analysis.hits, analysis.texts)
    scores = term_scores(hits, sentences, analysis.documents, options)
    index = framing_index(hits, sentences, analysis.documents, options)
    loadedness = aggregate(sentences, "outlet", seed=seed)
    out = ensure_dir(out)
    write_csv(out / "term_scores.csv", scores)
    write_csv(out / "framing_index.csv", index)
    write_csv(out / "outlet_loadedness.csv", loadedness)
    colours = outlet_colours(analysis.documents["outlet"].unique())
    charts = 0
    for outlet in sorted(scores["outlet"].unique()):
        with atomic_path(out / f"top-terms-{slug(outlet)}.png") as tmp:
            save_figure(plot_top_terms(scores, outlet, colours=colours), tmp, fmt="png")
        charts += 1
    return (f"{len(scores)} outlet x term scores from {len(sentences):,} scored sentences; "
            f"tables and {charts} chart(s) written to {out}/")


def write_fingerprint(analysis, out: Path, seed: int = 0):
    """fingerprint.csv, confusion.csv, features.csv and their charts; returns the fingerprint."""
    from .fingerprint import fingerprint_outlets
    from .plots import plot_confusion, plot_distinctive_features, save_figure

    docs = analysis.documents
    fp = fingerprint_outlets([analysis.texts.get(d, "") for d in docs["doc_id"]], list(docs["outlet"]), seed=seed)
    out = ensure_dir(out)
    write_csv(out / "fingerprint.csv", pd.DataFrame([{
        "outlets": len(fp.outlets), "documents": int(fp.confusion.to_numpy().sum()), "accuracy": round(fp.accuracy, 4),
        "chance": round(fp.chance, 4), "folds": len(fp.folds), "left_out": "; ".join(fp.dropped)}]))
    write_csv(out / "confusion.csv", fp.confusion.reset_index())
    write_csv(out / "features.csv", fp.features)
    with atomic_path(out / "confusion.png") as tmp:
        save_figure(plot_confusion(fp), tmp, fmt="png")
    for outlet in fp.outlets:
        with atomic_path(out / f"features-{slug(outlet)}.png") as tmp:
            save_figure(plot_distinctive_features(fp, outlet), tmp, fmt="png")
    return fp
