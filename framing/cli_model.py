"""`framing score|train|evaluate`: the sentence classifier on the command line (framing/model.py)."""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from .errors import InputError, OptionError

TABLE_READERS = {".csv": ",", ".tsv": "\t", ".tab": "\t"}


def add_model_commands(sub, fmt) -> None:
    p = sub.add_parser("score", help="how loaded is each text or sentence? (p_loaded, label)", formatter_class=fmt(),
                       description=(
                           "Score each row (or each sentence with --sentences) with the sentence classifier:\n"
                           "p_loaded is the calibrated probability that it is loaded; label is 'loaded' when\n"
                           "p_loaded >= --threshold (default 0.5), else 'neutral'. The input's columns are kept.\n"
                           "Inputs: .csv .tsv .jsonl .json .parquet (one row per record) or .txt (one row per line).\n\n"
                           "examples:\n"
                           "  framing score sentences.csv -o scored.csv\n"
                           "  framing score articles.csv --text-col body --sentences -o sentences.csv\n"
                           "  framing score notes.txt --model mine.skops -o scored.csv\n"))
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files to score")
    p.add_argument("--text-col", help="column holding the text (guessed: text, content, body, ...)")
    p.add_argument("--model", metavar="MODEL", help="a model file made by 'framing train' (default: the shipped model)")
    p.add_argument("--sentences", action="store_true",
                   help="one row per sentence: the text column holds the sentence, 'sentence' its number")
    p.add_argument("--threshold", type=float, default=None, metavar="P",
                   help="p_loaded from which a text is labelled loaded (default: the model's, 0.5)")
    p.add_argument("-o", "--output", required=True, metavar="FILE.csv", help="the CSV to write")
    p.set_defaults(run=_score)

    p = sub.add_parser("train", help="train a sentence classifier on your labelled sentences", formatter_class=fmt(),
                       description=(
                           "Train the loadedness classifier on a CSV of labelled sentences and save it (skops,\n"
                           "plus a .json of metadata beside it; keep both). Labels: 1/0, loaded/neutral or\n"
                           "biased/non-biased. An optional column of the words annotators marked as biased\n"
                           "(|-separated, like BABE's biased_words) helps; it is used when present.\n\n"
                           "examples:\n"
                           "  framing train labelled.csv -o mine.skops\n"
                           "  framing train data.csv --text-col sentence --label-col biased -o mine.skops\n"
                           "  framing score new.csv --model mine.skops -o scored.csv\n"))
    _data_options(p)
    p.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    p.add_argument("-o", "--output", required=True, metavar="MODEL.skops", help="the model file to write")
    p.set_defaults(run=_train)

    p = sub.add_parser("evaluate", help="cross-validated precision, recall, F1, ROC-AUC; calibration and learning curve",
                       formatter_class=fmt(), description=(
                           "Without --model: stratified k-fold cross-validation of training the classifier on\n"
                           "DATA (a fresh model per fold; nothing is tuned on the test folds), and a learning\n"
                           "curve. With --model: the given model scores each fold of DATA as held-out data\n"
                           "(DATA must not be what it was trained on), no learning curve.\n"
                           "Writes DIR/metrics.csv, DIR/calibration.png and DIR/learning_curve.png.\n\n"
                           "examples:\n"
                           "  framing evaluate labelled.csv -o reports/evaluation\n"
                           "  framing evaluate heldout.csv --model mine.skops\n"))
    _data_options(p)
    p.add_argument("--model", metavar="MODEL", help="evaluate this trained model on DATA instead of cross-validating training")
    p.add_argument("--folds", type=int, default=5, help="number of stratified folds (default: 5)")
    p.add_argument("--seed", type=int, default=0, help="random seed of the folds (default: 0)")
    p.add_argument("-o", "--output", default="reports/evaluation", metavar="DIR",
                   help="output folder (default: reports/evaluation)")
    p.set_defaults(run=_evaluate)


def _data_options(p) -> None:
    p.add_argument("data", metavar="DATA.csv", help="labelled sentences (.csv .tsv .jsonl .parquet)")
    p.add_argument("--text-col", default="text", help="column holding the sentence (default: text)")
    p.add_argument("--label-col", default="label", help="column holding the label (default: label)")
    p.add_argument("--marked-col", default="biased_words",
                   help="column of words marked as biased, |-separated; used when present (default: biased_words)")


# ----------------------------------------------------------------------------- reading

def read_table(path: str | Path) -> pd.DataFrame:
    """A file as a table of strings; .txt gives one row per non-blank line (columns line, text)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file: check the path")
    name = path.name.lower()
    base = name[:-3] if name.endswith(".gz") else name
    suffix = Path(base).suffix
    try:
        if suffix in TABLE_READERS:
            return pd.read_csv(path, sep=TABLE_READERS[suffix], dtype=str, keep_default_na=False, encoding="utf-8-sig")
        if suffix in (".jsonl", ".ndjson"):
            return pd.read_json(path, lines=True, dtype=False)
        if suffix == ".json":
            return pd.read_json(path, dtype=False)
        if suffix in (".parquet", ".pq"):
            return pd.read_parquet(path)
        if suffix in (".txt", ".text", ".md"):
            import gzip

            raw = gzip.decompress(path.read_bytes()) if name.endswith(".gz") else path.read_bytes()
            lines = raw.decode("utf-8-sig", errors="replace").splitlines()
            rows = [(i, ln.strip()) for i, ln in enumerate(lines, start=1) if ln.strip()]
            return pd.DataFrame(rows, columns=["line", "text"])
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise InputError(f"{path}: cannot read it as {suffix[1:]}: {str(exc).splitlines()[0]}: check the file") from None
    raise InputError(f"{path}: unsupported file type '{suffix}': use .csv .tsv .jsonl .json .parquet or .txt")


def text_column(table: pd.DataFrame, wanted: str | None, path) -> str:
    if wanted:
        if wanted not in table.columns:
            raise OptionError(f"{path}: no column '{wanted}' (columns: {', '.join(map(str, table.columns))}): "
                              "check --text-col")
        return wanted
    from .ingest.readers import TEXT_COLS

    lower = {str(c).lower(): c for c in table.columns}
    for cand in TEXT_COLS + ("sentence", "sentences"):
        if cand in lower:
            return lower[cand]
    raise OptionError(f"{path}: cannot tell which column holds the text (columns: "
                      f"{', '.join(map(str, table.columns))}): name it with --text-col")


def _load(args):
    from .model import load_model

    return load_model(args.model)


# ----------------------------------------------------------------------------- commands

def _score(args) -> int:
    from .model import LABELS, score_sentences
    from .output import write_csv
    from .sentences import sentence_spans

    if args.threshold is not None and not 0 <= args.threshold <= 1:
        raise OptionError(f"--threshold {args.threshold}: must be between 0 and 1, e.g. 0.5")
    model = _load(args)
    threshold = model.threshold if args.threshold is None else args.threshold
    parts = []
    for path in args.inputs:
        table = read_table(path)
        col = text_column(table, args.text_col, path)
        table = table.copy()
        if len(args.inputs) > 1 and "file" not in table.columns:
            table.insert(0, "file", str(path))
        texts = table[col].map(lambda v: v if isinstance(v, str) else ("" if v is None or v != v else str(v)))
        if args.sentences:
            rows, sents = [], []
            for i, text in enumerate(texts):
                for k, (start, end) in enumerate(sentence_spans(text)):
                    rows.append(i)
                    sents.append((k, text[start:end]))
            table = table.iloc[rows].reset_index(drop=True)
            table[col] = [s for _, s in sents]
            table.insert(table.columns.get_loc(col), "sentence", [k for k, _ in sents])
            texts = table[col]
        table["p_loaded"] = score_sentences(model, texts.tolist())
        table["label"] = [LABELS[1] if p >= threshold else LABELS[0] for p in table["p_loaded"]]
        parts.append(table)
    out = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    write_csv(args.output, out)
    n_loaded = int((out["label"] == LABELS[1]).sum())
    print(f"wrote {args.output}: {len(out)} {'sentences' if args.sentences else 'rows'}, {n_loaded} labelled loaded",
          file=sys.stderr)
    return 0


def _labelled(args):
    table = read_table(args.data)
    for opt, col in (("--text-col", args.text_col), ("--label-col", args.label_col)):
        if col not in table.columns:
            raise OptionError(f"{args.data}: no column '{col}' (columns: {', '.join(map(str, table.columns))}): "
                              f"name it with {opt}")
    marked = table[args.marked_col].tolist() if args.marked_col and args.marked_col in table.columns else None
    return table[args.text_col].tolist(), table[args.label_col].tolist(), marked


def _train(args) -> int:
    import hashlib

    from .model import save_model, train_model

    texts, labels, marked = _labelled(args)
    note = {"data_file": Path(args.data).name, "data_file_sha256": hashlib.sha256(Path(args.data).read_bytes()).hexdigest()}
    model = train_model(texts, labels, marked=marked, seed=args.seed, data_note=note)
    path = save_model(model, args.output)
    print(f"wrote {path} and {path.with_suffix('.json').name}: trained on {len(texts)} sentences"
          f"{' with marked words' if marked is not None else ''}", file=sys.stderr)
    return 0


def _evaluate(args) -> int:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from .model import evaluate_model, plot_calibration, plot_learning_curve
    from .output import atomic_path, ensure_dir, write_csv

    texts, labels, marked = _labelled(args)
    out = ensure_dir(args.output)
    if args.model:
        evaluation = _evaluate_fixed(_load(args), texts, labels, args.folds, args.seed)
    else:
        evaluation = evaluate_model(texts, labels, marked=marked, folds=args.folds, seed=args.seed)
    write_csv(out / "metrics.csv", evaluation.folds)
    ax = plot_calibration(evaluation.probabilities)
    with atomic_path(out / "calibration.png") as tmp:
        ax.figure.savefig(tmp, format="png", dpi=150, bbox_inches="tight")
    plt.close(ax.figure)
    written = ["metrics.csv", "calibration.png"]
    if not evaluation.learning_curve.empty:
        ax = plot_learning_curve(evaluation.learning_curve)
        with atomic_path(out / "learning_curve.png") as tmp:
            ax.figure.savefig(tmp, format="png", dpi=150, bbox_inches="tight")
        plt.close(ax.figure)
        write_csv(out / "learning_curve.csv", evaluation.learning_curve)
        written += ["learning_curve.png", "learning_curve.csv"]
    with pd.option_context("display.float_format", "{:.3f}".format, "display.width", 120):
        print(evaluation.folds.to_string(index=False))
    print(f"wrote {', '.join(str(out / w) for w in written)}", file=sys.stderr)
    return 0


def _evaluate_fixed(model, texts, labels, folds, seed):
    """The fixed model's metrics on each stratified fold of (held-out) data."""
    import numpy as np
    from sklearn.metrics import f1_score, precision_recall_fscore_support, roc_auc_score
    from sklearn.model_selection import StratifiedKFold

    from .errors import ModelError
    from .model import Evaluation, _check_labels, score_sentences

    y = _check_labels(labels, len(texts))
    if folds < 2 or min(np.bincount(y)) < folds:
        raise ModelError(f"evaluate: {folds} folds need at least {folds} texts of each label and folds >= 2")
    p = score_sentences(model, texts)
    rows = []
    for k, (_, test) in enumerate(StratifiedKFold(folds, shuffle=True, random_state=seed).split(np.zeros(len(y)), y), 1):
        pred = (p[test] >= model.threshold).astype(int)
        prec, rec, f1, _ = precision_recall_fscore_support(y[test], pred, average="binary", zero_division=0)
        rows.append((str(k), prec, rec, f1, f1_score(y[test], pred, average="macro"), roc_auc_score(y[test], p[test])))
    table = pd.DataFrame(rows, columns=["fold", "precision", "recall", "f1", "macro_f1", "roc_auc"])
    table.loc[len(table)] = ["mean", *table.drop(columns="fold").mean().to_list()]
    return Evaluation(table, pd.DataFrame({"label": y, "p_loaded": p}),
                      pd.DataFrame(columns=["train_size", "macro_f1_mean", "macro_f1_std"]))


# ----------------------------------------------------------------------------- term scores and fingerprint

def add_corpus_model_commands(sub, fmt) -> None:
    """`framing termscores` and `framing fingerprint`: the classifier applied to a corpus."""
    from .cli import _add_input_options

    p = sub.add_parser("termscores", help="score the terms each outlet uses; per-outlet framing index",
                       formatter_class=fmt(), description=(
                           "For every lexicon term per outlet: how often, in whose voice, its strength, and how\n"
                           "loaded the classifiers read it (the term itself, word-level model; its sentence, sentence\n"
                           "model), combined into one term score\n"
                           "with a bootstrap interval; a per-outlet framing index; each outlet's mean sentence\n"
                           "loadedness with its interval.\n\n"
                           "writes DIR/term_scores.csv, DIR/framing_index.csv, DIR/outlet_loadedness.csv and\n"
                           "DIR/top-terms-OUTLET.png\n\n"
                           "examples:\n"
                           "  framing termscores --demo -o reports/termscores\n"
                           "  framing termscores export.csv --model mine.skops -o results/\n"))
    _add_input_options(p)
    p.add_argument("--model", metavar="MODEL", help="a model made by 'framing train' (default: the shipped model)")
    p.add_argument("-o", "--output", default="reports/termscores", metavar="DIR", help="output folder")
    p.add_argument("--seed", type=int, default=0, help="bootstrap seed (default: 0)")
    p.set_defaults(run=termscores_command)

    p = sub.add_parser("fingerprint", help="which outlet wrote this? a cross-validated outlet model",
                       formatter_class=fmt(), description=(
                           "Fit a linear model that predicts the outlet from wording; report its cross-validated\n"
                           "accuracy, each outlet's most distinctive words and a confusion matrix.\n\n"
                           "writes DIR/fingerprint.csv (accuracy), DIR/confusion.csv, DIR/features.csv,\n"
                           "DIR/confusion.png and DIR/features-OUTLET.png\n\n"
                           "examples:\n"
                           "  framing fingerprint --demo -o reports/fingerprint\n"
                           "  framing fingerprint articles.jsonl.gz -o results/fingerprint\n"))
    _add_input_options(p)
    p.add_argument("-o", "--output", default="reports/fingerprint", metavar="DIR", help="output folder")
    p.add_argument("--seed", type=int, default=0, help="seed of the folds (default: 0)")
    p.set_defaults(run=fingerprint_command)


def _slug(name: str) -> str:
    import re

    return re.sub(r"[^\w-]+", "-", name, flags=re.UNICODE).strip("-").lower() or "outlet"


def termscores_command(args) -> int:
    from .commands import _finish, run_analysis
    from .model import aggregate, load_model, score_corpus
    from .output import atomic_path, ensure_dir, write_csv
    from .plots import outlet_colours, plot_top_terms, save_figure
    from .termscores import TermScoreOptions, add_word_scores, framing_index, term_scores

    analysis = run_analysis(args, keep_texts=True)
    model = load_model(args.model)
    corpus = analysis.documents.assign(text=analysis.documents["doc_id"].map(analysis.texts))
    sentences = score_corpus(model, corpus)
    options = TermScoreOptions(seed=args.seed)
    hits = add_word_scores(analysis.hits, analysis.texts)
    scores = term_scores(hits, sentences, analysis.documents, options)
    index = framing_index(hits, sentences, analysis.documents, options)
    loadedness = aggregate(sentences, "outlet", seed=args.seed)
    out = ensure_dir(args.output)
    write_csv(out / "term_scores.csv", scores)
    write_csv(out / "framing_index.csv", index)
    write_csv(out / "outlet_loadedness.csv", loadedness)
    colours = outlet_colours(analysis.documents["outlet"].unique())
    charts = 0
    for outlet in sorted(scores["outlet"].unique()):
        with atomic_path(out / f"top-terms-{_slug(outlet)}.png") as tmp:
            save_figure(plot_top_terms(scores, outlet, colours=colours), tmp, fmt="png")
        charts += 1
    print(f"{len(scores)} outlet x term scores from {len(sentences):,} scored sentences; "
          f"tables and {charts} chart(s) written to {out}/")
    return _finish(analysis, args)


def fingerprint_command(args) -> int:
    from .commands import _finish, run_analysis
    from .fingerprint import fingerprint_outlets
    from .output import atomic_path, ensure_dir, write_csv
    from .plots import plot_confusion, plot_distinctive_features, save_figure

    analysis = run_analysis(args, keep_texts=True)
    docs = analysis.documents
    fp = fingerprint_outlets([analysis.texts.get(d, "") for d in docs["doc_id"]], list(docs["outlet"]), seed=args.seed)
    out = ensure_dir(args.output)
    write_csv(out / "fingerprint.csv", pd.DataFrame([{
        "outlets": len(fp.outlets), "documents": int(fp.confusion.to_numpy().sum()), "accuracy": round(fp.accuracy, 4),
        "chance": round(fp.chance, 4), "folds": len(fp.folds), "left_out": "; ".join(fp.dropped)}]))
    write_csv(out / "confusion.csv", fp.confusion.reset_index())
    write_csv(out / "features.csv", fp.features)
    with atomic_path(out / "confusion.png") as tmp:
        save_figure(plot_confusion(fp), tmp, fmt="png")
    for outlet in fp.outlets:
        with atomic_path(out / f"features-{_slug(outlet)}.png") as tmp:
            save_figure(plot_distinctive_features(fp, outlet), tmp, fmt="png")
    print(f"outlet fingerprint: {fp.accuracy:.0%} of documents attributed correctly in {len(fp.folds)}-fold "
          f"cross-validation (chance {fp.chance:.0%}); written to {out}/")
    if fp.dropped:
        print(f"note: left out (too few documents): {', '.join(fp.dropped)}", file=sys.stderr)
    return _finish(analysis, args)
