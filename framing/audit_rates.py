"""Rates corrected by the precision an audit measured (``report --audit DIR``, ``compare --audit DIR``).

A corrected rate is the rate of hits times the share of them that coders judged correct:
``corrected = rate x precision``, per group (outlet) and category. The precision of a cell is that
of the audit's strata that match it (category, voice 'own', and outlet when the sample was
stratified by outlet), pooled with weights proportional to the strata's sizes; a category the audit
did not sample gets the audit's overall precision, and says so (``precision_from``).

Its interval carries both uncertainties, by Monte Carlo: each of ``n_boot`` replicates resamples
the group's documents with replacement (the corpus's sampling uncertainty, as in
:func:`framing.stats.rates_ci`) and draws each category's precision from Beta(k + 1/2, n - k + 1/2)
(the Jeffreys posterior of the audit's proportion, k correct of n decided, at the effective size of
a pooled estimate); the product's 2.5 and 97.5 percentiles are the interval. The two are drawn
independently (the audit's hits are a small sample of the corpus's). A category's precision draw is
shared by all groups, so corrected rates of two outlets are compared under the same uncertainty.
The '(all)' corrected rate is the sum of the corrected category rates (measures apart, such as
scare quotes, left out as in the rates). For a replicate-free check: by the delta method the
relative variance of the product is about the sum of the two relative variances.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .bootstrap import keyed_rng, replicate_weights
from .errors import InputError
from .tables import ALL, APART
from .types import CORRECTED_COLUMNS


@dataclass(frozen=True)
class Audit:
    precision: pd.DataFrame   # DIR/precision.csv
    facts: dict               # DIR/audit.json
    agreement: pd.DataFrame   # DIR/agreement.csv
    path: Path


def load_audit(folder: str | Path) -> Audit:
    """The tables ``framing audit score -o DIR`` wrote."""
    folder = Path(folder)
    need = ["precision.csv", "audit.json", "agreement.csv"]
    missing = [n for n in need if not (folder / n).is_file()]
    if missing:
        raise InputError(f"--audit {folder}: {', '.join(missing)} not found: give the folder written by "
                         "framing audit score -o DIR")
    try:
        precision = pd.read_csv(folder / "precision.csv", keep_default_na=False, na_values=[""])
        agreement = pd.read_csv(folder / "agreement.csv", keep_default_na=False, na_values=[""])
        facts = json.loads((folder / "audit.json").read_text(encoding="utf-8"))
    except (ValueError, OSError) as exc:
        raise InputError(f"--audit {folder}: cannot read its tables ({exc}): score the sheets again") from None
    for col in ("category", "voice", "outlet", "term", "lang"):
        if col in precision.columns:
            precision[col] = precision[col].astype(object).fillna("").astype(str)
    return Audit(precision, facts, agreement, folder)


def _pooled(strata: pd.DataFrame) -> tuple[float, float]:
    """Precision of strata pooled by size, and its effective number of decided items."""
    from .audit import stratified

    rows = strata.to_dict("records")
    if len(rows) == 1:  # one stratum: its own k of n
        return float(rows[0]["precision"]), float(rows[0]["n_coded"])
    p, _, _, n_eff = stratified(rows)
    return p, n_eff


def cell_precision(audit: Audit, category: str, group: str, voice: str = "own") -> tuple[float, float, str]:
    """(precision, effective n, where it comes from) for own-voice hits of ``category`` in ``group``."""
    strata = audit.precision[audit.precision["scope"] == "stratum"]
    fields = {"category": category, "voice": voice, "outlet": group}
    sel = pd.Series(True, index=strata.index)
    used = []
    for field, value in fields.items():
        if field in strata.columns and (strata[field] != "").any():
            sel &= strata[field] == value
            used.append(field)
    has_category = "category" in strata.columns and (strata["category"] != "").any()
    if sel.any() and ("category" in used or not has_category):
        match = strata[sel & (strata["n_coded"] > 0)]
        where = " · ".join(fields[f] for f in used)
        if match.empty:  # sampled, but no label decided: not corrected rather than guessed
            return float("nan"), 0.0, f"not corrected: stratum {where} has no decided label" if used else \
                "not corrected: no decided label"
        p, n = _pooled(match)
        return p, n, f"audit stratum {where}" if used else "audit, all strata"
    overall = audit.precision[audit.precision["scope"] == "overall"]
    p, n = float(overall["precision"].iloc[0]), float(overall["n_effective"].iloc[0])
    return p, n, "audit overall (this category was not sampled)" if has_category else "audit overall"


def corrected_rates(documents: pd.DataFrame, hits: pd.DataFrame, audit: Audit, *, by=("outlet",),
                    n_boot: int = 2000, seed: int = 0, level: float = 0.95, voices=("own",)) -> pd.DataFrame:
    """Per group and category (and '(all)'): rate, precision, corrected rate and its interval."""
    from .stats import counted_hits, group_labels

    by = list(by)
    h = counted_hits(hits, voices)
    docs = documents.reset_index(drop=True)
    labels = group_labels(docs[by].astype(str)).to_numpy()
    cats = sorted(h["category"].unique())
    alpha = (1 - level) / 2
    # precision draws per category, shared by every group (and per group when stratified by outlet)
    rows = []
    for group in sorted(set(labels)):
        d = docs[labels == group]
        pos = pd.Index(d["doc_id"]).get_indexer(h["doc_id"])
        hh = h[pos >= 0]
        pos = pos[pos >= 0]
        n = len(d)
        k = len(cats)
        counts = np.zeros((n, k))
        if len(hh):
            np.add.at(counts, (pos, pd.Index(cats).get_indexer(hh["category"])), 1)
        words = d["words"].to_numpy(dtype=float)
        rng = keyed_rng(seed, f"corrected|{group}")
        w = replicate_weights(rng, n, n_boot) if n >= 2 else None
        if w is not None:
            den = w @ words
            rate_b = 1000 * (w @ counts) / np.where(den > 0, den, np.nan)[:, None]
        total_words = words.sum()
        rate = 1000 * counts.sum(axis=0) / total_words if total_words else np.zeros(k)
        p_all, p_b_all = [], []
        for j, cat in enumerate(cats):
            outlet = str(d["outlet"].iloc[0]) if "outlet" in by and n else group
            p, n_eff, source = cell_precision(audit, cat, outlet)
            if math.isnan(p):
                draws, lo, hi = np.full(n_boot, np.nan), float("nan"), float("nan")
            else:
                from scipy.stats import beta as beta_dist

                a, b = p * n_eff + 0.5, (1 - p) * n_eff + 0.5
                draws = keyed_rng(seed, f"precision|{cat}|{source}").beta(a, b, size=n_boot)
                lo, hi = beta_dist.ppf([alpha, 1 - alpha], a, b)
            p_all.append(p)
            p_b_all.append(draws)
            row = {"group": group, "category": cat, "hits": int(counts[:, j].sum()), "words": int(total_words),
                   "n_docs": n, "rate_per_1k": rate[j], "precision": p, "precision_low": lo, "precision_high": hi,
                   "precision_n": n_eff, "precision_from": source, "corrected_per_1k": rate[j] * p}
            if w is not None and not math.isnan(p):
                prod = rate_b[:, j] * draws
                row["corrected_low"], row["corrected_high"] = np.nanquantile(prod, [alpha, 1 - alpha])
            else:
                row["corrected_low"] = row["corrected_high"] = float("nan")
            rows.append(row)
        in_total = np.array([c not in APART for c in cats], dtype=bool)
        total = {"group": group, "category": ALL, "hits": int(counts[:, in_total].sum()), "words": int(total_words),
                 "n_docs": n, "rate_per_1k": float(rate[in_total].sum()),
                 "corrected_per_1k": float((rate * np.array(p_all))[in_total].sum()) if k else 0.0,
                 "precision_from": "sum of the corrected category rates"}
        total["precision"] = total["corrected_per_1k"] / total["rate_per_1k"] if total["rate_per_1k"] else float("nan")
        uncorrected = [c for c, p in zip(cats, p_all) if c not in APART and math.isnan(p)]
        if uncorrected:  # a category without a measured precision: the total cannot be corrected
            total["precision_from"] = f"not corrected: {', '.join(uncorrected)} not coded"
        elif w is not None and k:
            prod = (rate_b[:, in_total] * np.column_stack(p_b_all)[:, in_total]).sum(axis=1)
            total["corrected_low"], total["corrected_high"] = np.nanquantile(prod, [alpha, 1 - alpha])
        rows.append(total)
    table = pd.DataFrame(rows).reindex(columns=CORRECTED_COLUMNS)
    for col in ("rate_per_1k", "precision", "precision_low", "precision_high", "precision_n", "corrected_per_1k",
                "corrected_low", "corrected_high"):
        table[col] = table[col].astype(float).round(6)
    order = {ALL: "\x00"}
    return table.sort_values(["group", "category"], key=lambda s: s.map(lambda v: order.get(v, str(v)))
                             ).reset_index(drop=True)


def methods_paragraph(audit: Audit) -> str:
    """What was audited, by how many coders, with what agreement (plain text, no markup)."""
    f = audit.facts
    coders = f.get("n_coders", 0)
    by = f.get("by") or []
    strata = len(f.get("strata", []))
    how = (f"stratified by {' and '.join(by)} into {strata} strata" if by else f"in {strata} strata") if strata else ""
    p, ci = f.get("precision"), f.get("precision_ci") or [None, None]
    n_hits = f.get("n_hits", 0)
    labelled = f.get("n_labelled_hits", n_hits)
    who = f"{coders} coder{'s' if coders != 1 else ''}"
    text = (f"Audit. {n_hits} hits were sampled at random ({how}; sample {f.get('sample_id', '?')}); "
            + (f"{labelled} of them were" if labelled < n_hits else "they were")
            + f" judged by {who} as correct, incorrect or unsure with framing audit; a hit's label is the majority "
            "of its coders' labels. ")
    decided = f.get("strata_decided", strata)
    if p is not None:
        text += (f"Overall precision, each stratum weighted by its size in the corpus, was {p:.0%} "
                 f"(95% Wilson interval {ci[0]:.0%}-{ci[1]:.0%})"
                 + (f", over the {decided} of {strata} strata with decided labels only" if decided < strata else "")
                 + ". ")
    ag = audit.agreement
    alpha = ag[(ag["field"] == "label") & (ag["measure"] == "krippendorff_alpha")]
    kappa = ag[(ag["field"] == "label") & (ag["measure"] == ("cohen_kappa" if coders == 2 else "fleiss_kappa"))]
    if coders >= 2 and len(alpha) and not math.isnan(float(alpha["value"].iloc[0])):
        text += (f"Agreement between coders on {int(alpha['n_items'].iloc[0])} hits coded by all: Krippendorff's "
                 f"alpha {float(alpha['value'].iloc[0]):.2f}"
                 + (f", {'Cohen' if coders == 2 else 'Fleiss'}'s kappa {float(kappa['value'].iloc[0]):.2f}"
                    if len(kappa) and not math.isnan(float(kappa["value"].iloc[0])) else "")
                 + " (nltk.metrics.agreement). ")
    elif coders < 2:
        text += "With one coder, agreement between coders could not be measured. "
    if f.get("voice_accuracy") is not None:
        text += f"The tool's voice matched the coders' in {f['voice_accuracy']:.0%} of the hits labelled for voice. "
    rec = f.get("recall")
    if rec and rec.get("recall") is not None:
        text += (f"In {rec['sentences_coded']} sentences without hits, coders found missed loaded language in "
                 f"{rec['miss_rate']:.0%}: recall is about {rec['recall']:.0%} at most (rough range "
                 f"{rec['recall_ci'][0]:.0%}-{rec['recall_ci'][1]:.0%}). ")
    text += ("Corrected rates multiply each outlet's rate in a category by the precision measured for that "
             "category in the outlet's own voice; their intervals combine a bootstrap over documents with the "
             "uncertainty of the measured precision (Jeffreys beta draws), 2,000 replicates.")
    return text
