"""How good is each measure on *your* corpus: a coding sheet of sampled hits, scored by coders.

Pipeline of plain tables (no files here; :mod:`framing.audit_files` reads and writes them, framing/cli/audit.py is the command):

* :func:`sample_hits` -- a stratified random sample of hits (strata: any of category, voice,
  outlet, term), seeded and reproducible, each row with a stable ``hit_id`` derived from the hit
  itself (``sha1(doc_id, start, end, entry)``, not from row numbers), the sentence with the term
  marked, and empty ``label`` / ``voice_label`` columns. ``misses`` also samples sentences without
  any hit, so that what the lexicons miss can be estimated (recall).
* :func:`read_sheets` -- coders' sheets -> one long table of labels, every problem (unknown or
  missing ``hit_id``, a label outside the allowed values, a sheet of another sample) reported with
  its file and line; nothing is scored from a sheet that does not match its sample.
* :func:`score` -- precision per stratum and overall with Wilson intervals, agreement between
  coders (Krippendorff's alpha, Cohen's and Fleiss' kappa from ``nltk.metrics.agreement``), voice
  accuracy, the items coders disagree on, and the rate of missed loaded language in sentences
  without hits.

Overall precision weights each stratum by its size in the corpus (``stratum_size``), since strata
are sampled equally, not in proportion; its interval is Wilson's at the effective sample size
(Kish: the n at which a simple random sample would have the stratified estimate's variance).
"""
from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .bootstrap import keyed_rng
from .errors import InputError, OptionError
from .types import AGREEMENT_COLUMNS, AUDIT_STRATA, PRECISION_COLUMNS, SHEET_COLUMNS, VOICE_COLUMNS, VOICES

LABELS = ("correct", "incorrect", "unsure")
VOICE_LABELS = VOICES
STRATA = AUDIT_STRATA
KINDS = ("hit", "sentence")
MARK_OPEN, MARK_CLOSE = "[[", "]]"
REQUIRED_COLUMNS = ("sample_id", "hit_id", "kind", "stratum", "stratum_size", "label")
Z95 = 1.959963984540054


@dataclass(frozen=True)
class SampleOptions:
    n: int = 200                       # hits in the sample (strata share it equally, capped by size)
    by: tuple[str, ...] = ("category", "voice")
    seed: int = 1
    misses: int = 0                    # sentences without any hit, for recall
    voices: tuple[str, ...] = VOICE_LABELS
    include_negated: bool = False      # negated hits are counted apart in rates: left out by default
    max_sentence: int = 400            # characters of sentence kept around the term


# ----------------------------------------------------------------------------- ids

def hit_id(doc_id: str, start: int, end: int, entry: str) -> str:
    """A hit's id from what it is (document, offsets, entry): the same hit gets the same id in every run."""
    key = f"{doc_id}\x1f{int(start)}\x1f{int(end)}\x1f{entry}".encode("utf-8")
    return "h" + hashlib.sha1(key).hexdigest()[:12]


def sentence_id(doc_id: str, start: int, end: int) -> str:
    key = f"{doc_id}\x1f{int(start)}\x1f{int(end)}\x1fsentence".encode("utf-8")
    return "s" + hashlib.sha1(key).hexdigest()[:12]


def sample_id_of(ids) -> str:
    """The sample's id: a digest of its row ids, so a sheet with a row missing or added shows it."""
    return "A" + hashlib.sha1("\n".join(sorted(ids)).encode("utf-8")).hexdigest()[:10]


# ----------------------------------------------------------------------------- sampling

def _population(hits: pd.DataFrame, options: SampleOptions) -> pd.DataFrame:
    h = hits[hits["sense"] == "loaded"]
    if not options.include_negated:
        h = h[~h["negated"].astype(bool)]
    h = h[h["voice"].isin(list(options.voices))]
    h = h.assign(hit_id=[hit_id(d, s, e, n) for d, s, e, n in zip(h["doc_id"], h["start"], h["end"], h["entry"])])
    return h.drop_duplicates("hit_id").sort_values("hit_id").reset_index(drop=True)


def _allocate(sizes: dict[str, int], n: int) -> dict[str, int]:
    """Equal shares of ``n`` per stratum, capped by its size; what a small stratum cannot take goes to
    the others (so small strata are measured too, and no row is wasted)."""
    take = {k: 0 for k in sizes}
    left = n
    open_ = sorted(k for k in sizes if sizes[k] > 0)
    while left > 0 and open_:
        share = max(1, left // len(open_))
        for k in list(open_):
            add = min(share, sizes[k] - take[k], left)
            take[k] += add
            left -= add
            if take[k] >= sizes[k]:
                open_.remove(k)
            if left == 0:
                break
    return take


def stratum_labels(table: pd.DataFrame, by) -> pd.Series:
    """'category=state_label | voice=own': the stratum names its fields, so a sheet says how it was drawn."""
    if not by:
        return pd.Series("(all)", index=table.index)
    out = by[0] + "=" + table[by[0]].astype(str)
    for c in by[1:]:
        out = out + " | " + c + "=" + table[c].astype(str)
    return out


def stratum_fields(stratum: str) -> dict[str, str]:
    """The fields of a stratum label: 'category=x | voice=own' -> {'category': 'x', 'voice': 'own'}."""
    out = {}
    for part in str(stratum).split(" | "):
        key, eq, value = part.partition("=")
        if eq and key in STRATA:
            out[key] = value
    return out


def marked(sentence: str, start: int, end: int, width: int = 400) -> str:
    """The sentence with ``sentence[start:end]`` between [[ ]], cut to about ``width`` characters
    around the term; line breaks become spaces."""
    a, b = max(0, start), min(len(sentence), end)
    lo = max(0, a - width // 2) if len(sentence) > width else 0
    hi = min(len(sentence), b + width // 2) if len(sentence) > width else len(sentence)
    text = (("…" if lo else "") + sentence[lo:a] + MARK_OPEN + sentence[a:b] + MARK_CLOSE + sentence[b:hi]
            + ("…" if hi < len(sentence) else ""))
    return " ".join(text.split())


def _sentence_of(text: str, start: int, end: int):
    from .sentences import sentence_spans

    for s0, s1 in sentence_spans(text):
        if s0 <= start < s1 or (start == s1 and s0 < s1):
            return s0, max(s1, end)
    return 0, len(text)


def check_options(options: SampleOptions) -> None:
    bad = [b for b in options.by if b not in STRATA]
    if bad:
        raise OptionError(f"--by {','.join(options.by)}: '{bad[0]}' is not a stratum: use any of {', '.join(STRATA)}")
    if len(set(options.by)) < len(options.by):
        raise OptionError(f"--by {','.join(options.by)}: a field is named twice")
    if options.n < 1:
        raise OptionError(f"-n {options.n}: sample at least 1 hit")
    if options.misses < 0:
        raise OptionError(f"--misses {options.misses}: give 0 or more sentences")


def sample_hits(hits: pd.DataFrame, texts: dict[str, str], options: SampleOptions = SampleOptions(),
                documents: pd.DataFrame | None = None) -> tuple[pd.DataFrame, dict]:
    """The coding sheet (SHEET_COLUMNS, rows in a seeded random order) and what was sampled from what.

    ``texts``: doc_id -> text (the sentence of each sampled hit is cut from it); ``documents`` gives
    the outlet and date of sentences sampled from documents without hits. Returns
    ``(sheet, info)``; ``info`` holds the sample id, the strata and their sizes, the seed and the
    numbers needed to estimate recall (hits and sentences without hits in the population)."""
    check_options(options)
    pop = _population(hits, options)
    if pop.empty:
        raise OptionError("no hit to sample: the input has no loaded-term hit in the voices asked for")
    by = list(options.by)
    pop["stratum"] = stratum_labels(pop, by).to_numpy()
    sizes = pop.groupby("stratum").size().to_dict()
    take = _allocate(sizes, options.n)
    chosen = []
    for stratum, g in pop.groupby("stratum", sort=True):
        k = take.get(stratum, 0)
        if k:
            idx = keyed_rng(options.seed, stratum).choice(len(g), size=k, replace=False)
            chosen.append(g.iloc[np.sort(idx)])
    sample = pd.concat(chosen, ignore_index=True)
    rows = []
    for r in sample.itertuples(index=False):
        text = texts.get(r.doc_id)
        if text is None:
            raise OptionError(f"internal: no text for document {r.doc_id}: the sample needs the texts")
        s0, s1 = _sentence_of(text, int(r.start), int(r.end))
        flags = ";".join(f for f, on in (("scare_quote", r.scare_quote), ("so_called", r.so_called),
                                         ("negated", r.negated)) if bool(on))
        rows.append({"hit_id": r.hit_id, "kind": "hit", "stratum": r.stratum, "stratum_size": sizes[r.stratum],
                     "outlet": r.outlet, "date": r.date, "doc_id": r.doc_id, "term": r.term,
                     "category": r.category, "voice": r.voice, "flags": flags,
                     "sentence": marked(text[s0:s1], int(r.start) - s0, int(r.end) - s0, options.max_sentence)})
    no_hit_total = 0
    if options.misses:
        sentences, no_hit_total = _sentences_without_hits(hits, texts, options, documents)
        rows.extend(sentences)
    sheet = pd.DataFrame(rows)
    order = keyed_rng(options.seed, "order").permutation(len(sheet))
    sheet = sheet.iloc[order].reset_index(drop=True)
    sid = sample_id_of(sheet["hit_id"])
    sheet.insert(0, "sample_id", sid)
    for c in ("label", "voice_label", "note"):
        sheet[c] = ""
    info = {"sample_id": sid, "seed": options.seed, "by": by, "n": int((sheet["kind"] == "hit").sum()),
            "strata": {k: {"size": int(v), "sampled": int(take.get(k, 0))} for k, v in sorted(sizes.items())},
            "population_hits": int(len(pop)), "voices": list(options.voices),
            "include_negated": options.include_negated,
            "sentences_without_hits": int(no_hit_total), "sentences_sampled": int((sheet["kind"] == "sentence").sum()),
            "hit_ids": list(sheet["hit_id"])}
    return sheet[SHEET_COLUMNS], info


def _sentences_without_hits(hits: pd.DataFrame, texts: dict[str, str], options: SampleOptions,
                            documents: pd.DataFrame | None = None):
    """A seeded sample of sentences in which no hit (of any voice or sense) starts, and how many there are."""
    from .sentences import sentence_spans

    by_doc = hits.groupby("doc_id")["start"].apply(lambda s: np.sort(s.to_numpy())).to_dict()
    source = documents if documents is not None else hits
    meta = source.drop_duplicates("doc_id").set_index("doc_id")[["outlet", "date"]].to_dict("index")
    candidates = []
    for doc_id in sorted(texts):
        text = texts[doc_id]
        starts = by_doc.get(doc_id, np.array([], dtype=np.int64))
        for s0, s1 in sentence_spans(text):
            if len(text[s0:s1].split()) < 4:
                continue  # headlines, datelines, bylines
            i = np.searchsorted(starts, s0)
            if i < len(starts) and starts[i] < s1:
                continue
            candidates.append((doc_id, s0, s1))
    total = len(candidates)
    k = min(options.misses, total)
    idx = np.sort(keyed_rng(options.seed, "sentences").choice(total, size=k, replace=False)) if k else []
    rows = []
    for i in idx:
        doc_id, s0, s1 = candidates[i]
        m = meta.get(doc_id, {})
        rows.append({"hit_id": sentence_id(doc_id, s0, s1), "kind": "sentence", "stratum": "(sentences without hits)",
                     "stratum_size": total, "outlet": m.get("outlet", ""), "date": m.get("date"), "doc_id": doc_id,
                     "term": "", "category": "", "voice": "", "flags": "",
                     "sentence": " ".join(texts[doc_id][s0:s1].split())})
    return rows, total


# ----------------------------------------------------------------------------- reading sheets

@dataclass(frozen=True)
class Sheets:
    """Coders' labels, long: one row per (coder, hit_id); and the sample's rows (from the first sheet)."""

    labels: pd.DataFrame     # coder, hit_id, label, voice_label
    items: pd.DataFrame      # one row per hit_id: SHEET_COLUMNS less the labels
    sample_id: str
    coders: tuple[str, ...]
    notes: tuple[str, ...]   # not errors: unlabelled rows


def _norm(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip().lower()


def read_sheet_file(path) -> tuple[pd.DataFrame, list[int]]:
    """A sheet as a table of strings and the file line of each row (CSV: its header is line 1;
    DOCX: the row of the sheet's table)."""
    from pathlib import Path

    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file: give the coders' filled sheets (CSV)")
    if path.suffix.lower() == ".docx":
        from .audit_sheets import read_docx_sheet

        table = read_docx_sheet(path)
        return table, list(range(2, len(table) + 2))
    from .tsv import table_lines

    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text: save the sheet as CSV UTF-8") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    first = text.split("\n", 1)[0]
    # a spreadsheet set to another locale may save with semicolons or tabs
    delimiter = max((",", ";", "\t"), key=first.count)
    rows, lines = [], []
    header = None
    for line, row in table_lines(text, delimiter=delimiter, quoted=True):  # framing/tsv.py
        if header is None:
            header = [h.strip() for h in row]
            continue
        rows.append(row + [""] * (len(header) - len(row)))
        lines.append(line)
    if header is None:
        raise InputError(f"{path}: empty: give a sheet written by framing audit sample")
    return pd.DataFrame([r[:len(header)] for r in rows], columns=header, dtype=str), lines


def read_sheets(paths, sample_info: dict | None = None) -> Sheets:
    """Coders' sheets (one per coder, same rows) -> :class:`Sheets`. Raises one :class:`InputError`
    listing every problem, one line each with file and line, when any sheet does not fit."""
    from pathlib import Path

    problems: list[str] = []
    notes: list[str] = []
    frames = []
    coders: list[str] = []
    read = []
    seen_paths: set = set()
    for path in paths:
        resolved = Path(path).resolve()
        if resolved in seen_paths:
            problems.append(f"{Path(path).name}: given twice: give each coder's sheet once")
            continue
        seen_paths.add(resolved)
        table, lines = read_sheet_file(path)
        name = Path(path).name
        missing_cols = [c for c in REQUIRED_COLUMNS if c not in table.columns]
        if missing_cols:
            problems.append(f"{name}:1: column(s) {', '.join(missing_cols)} missing: give the sheet as "
                            "framing audit sample wrote it (add a column, do not rename one)")
            continue
        if "voice_label" not in table.columns:
            table["voice_label"] = ""
        table["hit_id"] = table["hit_id"].str.strip()
        table["sample_id"] = table["sample_id"].str.strip()
        sid = table["sample_id"].mode().iloc[0] if len(table) else ""
        read.append((path, name, table, lines, sid, sample_id_of(set(table["hit_id"])) == sid))
    # The sample: as given (its .sample.json), else that of the first intact sheet (its ids give its id).
    if sample_info:
        expected_sid, reference = sample_info["sample_id"], set(sample_info["hit_ids"])
    else:
        intact = [r for r in read if r[5]] or read[:1]
        expected_sid = intact[0][4] if intact else ""
        reference = set(intact[0][2]["hit_id"]) if intact and intact[0][5] else None
    items = None
    for path, name, table, lines, own_sid, whole in read:
        coder = Path(path).stem
        if coder in coders:
            coder = f"{coder}#{len(coders) + 1}"
        coders.append(coder)
        if own_sid != expected_sid:
            problems.append(f"{name}: a sheet of sample {own_sid or '(none)'}, not of sample {expected_sid} like the "
                            "first: give the sheets of one sample only (framing audit sample writes the id in "
                            "every row)")
            continue
        for line, sid in zip(lines, table["sample_id"]):
            if sid != expected_sid:
                problems.append(f"{name}:{line}: sample_id {sid or '(empty)'} is not this sample's ({expected_sid}): "
                                "this row comes from another sample")
        ids = table["hit_id"]
        seen: dict[str, int] = {}
        for line, hid in zip(lines, ids):
            if hid in seen:
                problems.append(f"{name}:{line}: hit_id {hid} appears again (first at line {seen[hid]}): "
                                "keep one row per hit")
            seen.setdefault(hid, line)
        if reference is not None:
            for line, hid in zip(lines, ids):
                if hid not in reference:
                    problems.append(f"{name}:{line}: hit_id {hid or '(empty)'} is not in sample {expected_sid}: "
                                    "was a row added or its id edited?")
            for hid in sorted(reference - set(ids)):
                problems.append(f"{name}: hit_id {hid} of sample {expected_sid} is missing: restore its row "
                                "(leave its label empty if it was not coded)")
        elif not whole:
            problems.append(f"{name}: its rows are not those of sample {own_sid} (a row was removed, added or its "
                            "hit_id edited): restore the sheet as framing audit sample wrote it")
        if items is None:
            items = table
        labels, voices = table["label"].map(_norm), table["voice_label"].map(_norm)
        kinds = table["kind"].map(_norm)
        for line, lab, voice, kind in zip(lines, labels, voices, kinds):
            if lab and lab not in LABELS:
                problems.append(f"{name}:{line}: label '{lab}' is not one of {', '.join(LABELS)}: correct it "
                                "(or leave it empty if not coded)")
            if voice and voice not in VOICE_LABELS:
                problems.append(f"{name}:{line}: voice_label '{voice}' is not one of {', '.join(VOICE_LABELS)}")
            if voice and kind == "sentence":
                problems.append(f"{name}:{line}: voice_label given for a sentence without hits: leave it empty")
        empty = int((labels == "").sum())
        if empty:
            notes.append(f"{name}: {empty} of {len(table)} row(s) have no label (not coded): left out")
        frames.append(pd.DataFrame({"coder": coder, "hit_id": ids, "label": labels, "voice_label": voices}))
    if problems:
        shown = problems[:40]
        more = f"\n... and {len(problems) - 40} more problem(s)" if len(problems) > 40 else ""
        raise InputError(f"{len(problems)} problem(s) in the coding sheets; nothing was scored:\n"
                         + "\n".join(shown) + more)
    if not frames:
        raise InputError("no coding sheet given")
    items = items.drop(columns=[c for c in ("label", "voice_label", "note", "coder") if c in items.columns])
    items["stratum_size"] = pd.to_numeric(items["stratum_size"], errors="coerce").fillna(0).astype("int64")
    return Sheets(pd.concat(frames, ignore_index=True), items.reset_index(drop=True), expected_sid,
                  tuple(coders), tuple(notes))


# ----------------------------------------------------------------------------- statistics

def wilson(k: float, n: float, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval of a proportion k/n (n may be an effective, non-integer size)."""
    if n <= 0:
        return float("nan"), float("nan")
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    lo, hi = max(0.0, centre - half), min(1.0, centre + half)
    return (0.0 if k <= 0 else lo), (1.0 if k >= n else hi)


def consensus(labels: pd.DataFrame, column: str = "label") -> pd.Series:
    """Per hit_id, the label most coders gave (empty labels ignored); a tie is '' (undecided)."""
    x = labels[labels[column] != ""]
    if x.empty:
        return pd.Series(dtype=object)
    counts = x.groupby(["hit_id", column]).size().rename("n").reset_index()
    best = counts.groupby("hit_id")["n"].transform("max")
    top = counts[counts["n"] == best]
    ties = top.groupby("hit_id").size()
    out = top.drop_duplicates("hit_id").set_index("hit_id")[column]
    out[ties[ties > 1].index] = ""
    return out


def _precision_row(scope, stratum, coder, labels: pd.Series, n_sampled: int, size: int = 0) -> dict:
    correct, incorrect = int((labels == "correct").sum()), int((labels == "incorrect").sum())
    unsure = int((labels == "unsure").sum())
    n = correct + incorrect
    p = correct / n if n else float("nan")
    lo, hi = wilson(correct, n)
    return {"scope": scope, "stratum": stratum, "coder": coder, "n_sampled": n_sampled, "n_coded": n,
            "correct": correct, "incorrect": incorrect, "unsure": unsure, "precision": p, "ci_low": lo,
            "ci_high": hi, "stratum_size": size, "weight": float("nan"), "n_effective": float(n)}


def stratified(rows: list[dict]) -> tuple[float, float, float, float]:
    """Stratified precision from per-stratum rows (precision, n_coded, stratum_size): the estimate,
    its Wilson interval at the effective sample size, and that size."""
    use = [r for r in rows if r["n_coded"] > 0 and r["stratum_size"] > 0]
    total = sum(r["stratum_size"] for r in use)
    if not total:
        return float("nan"), float("nan"), float("nan"), float("nan")
    p = sum(r["stratum_size"] / total * r["precision"] for r in use)
    # Each stratum's variance from its Agresti-Coull-adjusted proportion, so that a stratum coded
    # all correct (or all wrong) still adds its uncertainty; the effective size is capped by the sample.
    z2 = Z95 * Z95
    var = 0.0
    for r in use:
        n_adj = r["n_coded"] + z2
        p_adj = (r["precision"] * r["n_coded"] + z2 / 2) / n_adj
        var += (r["stratum_size"] / total) ** 2 * p_adj * (1 - p_adj) / n_adj
    n_plain = sum(r["n_coded"] for r in use)
    n_eff = min(float(n_plain), p * (1 - p) / var) if var > 0 and 0 < p < 1 else float(n_plain)
    lo, hi = wilson(p * n_eff, n_eff)
    return p, lo, hi, n_eff


def precision_table(sheets: Sheets) -> pd.DataFrame:
    """Precision per stratum (consensus of the coders), overall (weighted by stratum size, and as
    sampled), per coder overall, and the rate of misses in sentences without hits."""
    items = sheets.items.set_index("hit_id")
    cons = consensus(sheets.labels).reindex(items.index).fillna("")
    hit_items = items[items["kind"].str.strip() == "hit"]
    rows = []
    strata = []
    for stratum, g in hit_items.groupby("stratum", sort=True):
        row = _precision_row("stratum", stratum, "(consensus)", cons[g.index], len(g), int(g["stratum_size"].iloc[0]))
        row.update(stratum_fields(stratum))
        strata.append(row)
    total = sum(r["stratum_size"] for r in strata if r["n_coded"])
    for r in strata:
        r["weight"] = r["stratum_size"] / total if total and r["n_coded"] else 0.0
    rows += strata
    p, lo, hi, n_eff = stratified(strata)
    base = _precision_row("overall", "(all, weighted by stratum size)", "(consensus)", cons[hit_items.index],
                          len(hit_items), int(sum(r["stratum_size"] for r in strata)))
    base.update(precision=p, ci_low=lo, ci_high=hi, weight=1.0, n_effective=n_eff)
    rows.append(base)
    rows.append(_precision_row("sample", "(all, as sampled)", "(consensus)", cons[hit_items.index], len(hit_items)))
    for coder in sheets.coders:
        mine = sheets.labels[sheets.labels["coder"] == coder].set_index("hit_id")["label"]
        rows.append(_precision_row("coder", "(all, as sampled)", coder, mine.reindex(hit_items.index).fillna(""),
                                   len(hit_items)))
    sent = items[items["kind"].str.strip() == "sentence"]
    if len(sent):
        # a sentence without hits labelled 'incorrect' holds loaded language the lexicons missed
        r = _precision_row("no_hit_sentences", "(sentences without hits)", "(consensus)", cons[sent.index], len(sent),
                           int(sent["stratum_size"].iloc[0]))
        rows.append(r)
    table = pd.DataFrame(rows, columns=PRECISION_COLUMNS)
    table[list(STRATA)] = table[list(STRATA)].astype(object).fillna("")
    return table


def agreement_table(sheets: Sheets) -> pd.DataFrame:
    """Krippendorff's alpha (nominal), Cohen's kappa (mean over coder pairs) and Fleiss' kappa
    (nltk's multi-pi, Fleiss 1971 = Siegel and Castellan's K) for ``label`` and ``voice_label``,
    on the items every coder labelled."""
    from nltk.metrics.agreement import AnnotationTask

    rows = []
    n_coders = len(sheets.coders)
    kind = sheets.items.set_index("hit_id")["kind"].str.strip()
    for field, which in (("label", "hit"), ("voice_label", "hit"), ("label (sentences without hits)", "sentence")):
        if which == "sentence" and not (kind == "sentence").any():
            continue
        column = field.split(" ")[0]
        x = sheets.labels[(sheets.labels[column] != "") & sheets.labels["hit_id"].map(kind).eq(which)]
        x = x.rename(columns={column: field}) if column != field else x
        full = x.groupby("hit_id")["coder"].nunique()
        items = full[full == n_coders].index
        x = x[x["hit_id"].isin(items)]
        base = {"field": field, "n_items": len(items), "n_coders": n_coders, "implementation": "nltk.metrics.agreement"}
        if n_coders < 2:
            rows.append({**base, "measure": "(none)", "value": float("nan"), "observed_agreement": float("nan"),
                         "note": "one coder: agreement needs two or more sheets of the same sample"})
            continue
        if len(items) < 2 or x[field].nunique() < 2:
            rows.append({**base, "measure": "(none)", "value": float("nan"), "observed_agreement": float("nan"),
                         "note": "fewer than two items labelled by every coder, or a single label used"})
            continue
        task = AnnotationTask(data=list(zip(x["coder"], x["hit_id"], x[field])))
        ao = task.avg_Ao()
        for measure, fn in (("krippendorff_alpha", task.alpha), ("cohen_kappa", task.kappa), ("fleiss_kappa", task.pi)):
            note = "mean of the pairwise kappas" if measure == "cohen_kappa" and n_coders > 2 else ""
            try:
                value = float(fn())
            except ZeroDivisionError:
                value, note = float("nan"), "undefined: every coder gave the same label to every item"
            rows.append({**base, "measure": measure, "value": value, "observed_agreement": ao, "note": note})
    return pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)


DISAGREEMENT_COLUMNS_HEAD = ["hit_id", "kind", "stratum", "term", "category", "voice", "sentence"]


def disagreements(sheets: Sheets) -> pd.DataFrame:
    """Items on which coders gave different labels or voice labels: one column per coder and field."""
    lab = sheets.labels
    wide_l = lab.pivot(index="hit_id", columns="coder", values="label")
    wide_v = lab.pivot(index="hit_id", columns="coder", values="voice_label")

    def differs(wide):
        return wide.apply(lambda r: len({v for v in r if v}) > 1, axis=1)

    cols = [c for c in DISAGREEMENT_COLUMNS_HEAD if c in sheets.items.columns]
    base = sheets.items.set_index("hit_id")[cols[1:]]
    which = differs(wide_l) | differs(wide_v)
    out = base.loc[which[which].index.intersection(base.index)].copy()
    out["field"] = ["label" if differs(wide_l).get(h, False) and not differs(wide_v).get(h, False) else
                    "voice_label" if not differs(wide_l).get(h, False) else "label, voice_label" for h in out.index]
    for c in sheets.coders:
        out[f"label_{c}"] = wide_l.loc[out.index, c]
        out[f"voice_label_{c}"] = wide_v.loc[out.index, c]
    return out.reset_index().sort_values(["stratum", "hit_id"]).reset_index(drop=True)


def voice_table(sheets: Sheets) -> pd.DataFrame:
    """How often the tool's voice matches the coders' (consensus) voice label: overall and per voice
    the tool gave (that is, the precision of each voice reading)."""
    items = sheets.items.set_index("hit_id")
    items = items[items["kind"].str.strip() == "hit"]
    cons = consensus(sheets.labels, "voice_label").reindex(items.index).fillna("")
    got = items["voice"].str.strip()
    labelled = cons != ""
    rows = []
    for voice in ("(all)",) + VOICE_LABELS:
        sel = labelled & ((got == voice) if voice != "(all)" else True)
        n = int(sel.sum())
        agree = int((cons[sel] == got[sel]).sum())
        lo, hi = wilson(agree, n)
        if voice != "(all)" and n == 0:
            continue
        rows.append({"voice": voice, "n_labelled": n, "agree": agree, "accuracy": agree / n if n else float("nan"),
                     "ci_low": lo, "ci_high": hi})
    return pd.DataFrame(rows, columns=VOICE_COLUMNS)


def recall_estimate(precision: pd.DataFrame) -> dict | None:
    """A rough recall from the sentences without hits: hits found correctly (overall precision x hits
    in the sampled strata) over those plus the sentences holding missed loaded language (their
    share, coded 'incorrect', x the sentences without hits). A sentence may hide more than one
    missed term, so this is an upper bound; the interval combines the ends of the two Wilson
    intervals (low precision with many misses, and the reverse)."""
    sent = precision[precision["scope"] == "no_hit_sentences"]
    overall = precision[precision["scope"] == "overall"]
    if sent.empty or overall.empty or not sent["n_coded"].iloc[0]:
        return None
    s, o = sent.iloc[0], overall.iloc[0]
    hits = float(precision.loc[precision["scope"] == "stratum", "stratum_size"].sum())
    n_sent = float(s["stratum_size"])

    def recall(p, miss):
        found = p * hits
        missed = miss * n_sent
        return found / (found + missed) if found + missed else float("nan")

    miss = 1 - s["precision"]
    return {"miss_rate": _num(miss), "miss_rate_ci": [_num(1 - s["ci_high"]), _num(1 - s["ci_low"])],
            "sentences_without_hits": int(n_sent), "sentences_coded": int(s["n_coded"]), "hits": int(hits),
            "recall": _num(recall(o["precision"], miss)),
            "recall_ci": [_num(recall(o["ci_low"], 1 - s["ci_low"])), _num(recall(o["ci_high"], 1 - s["ci_high"]))]}


def summary(sheets: Sheets, precision: pd.DataFrame, agreement: pd.DataFrame, voice: pd.DataFrame,
            sample_info: dict | None = None) -> dict:
    """What the report's methods paragraph needs, as plain data (written as DIR/audit.json)."""
    overall = precision[precision["scope"] == "overall"].iloc[0]
    alpha = agreement[(agreement["field"] == "label") & (agreement["measure"] == "krippendorff_alpha")]
    items = sheets.items
    hit_strata = items.loc[items["kind"].str.strip() == "hit", "stratum"]
    by = sample_info["by"] if sample_info else (list(stratum_fields(hit_strata.iloc[0])) if len(hit_strata) else [])
    return {
        "sample_id": sheets.sample_id, "coders": list(sheets.coders), "n_coders": len(sheets.coders),
        "n_hits": int((items["kind"].str.strip() == "hit").sum()),
        "n_sentences": int((items["kind"].str.strip() == "sentence").sum()),
        "strata": sorted(items.loc[items["kind"].str.strip() == "hit", "stratum"].unique().tolist()),
        "by": by, "precision": _num(overall["precision"]), "precision_ci": [_num(overall["ci_low"]), _num(overall["ci_high"])],
        "alpha": _num(alpha["value"].iloc[0]) if len(alpha) else None,
        "alpha_items": int(alpha["n_items"].iloc[0]) if len(alpha) else 0,
        "voice_accuracy": _num(voice["accuracy"].iloc[0]) if len(voice) else None,
        "n_labelled_hits": int(sheets.labels.loc[(sheets.labels["label"] != "") & sheets.labels["hit_id"].isin(
            items.loc[items["kind"].str.strip() == "hit", "hit_id"]), "hit_id"].nunique()),
        "strata_decided": int(((precision["scope"] == "stratum") & (precision["n_coded"] > 0)).sum()),
        "recall": recall_estimate(precision),
        "notes": list(sheets.notes),
    }


def _num(x):
    x = float(x)
    return None if math.isnan(x) else round(x, 6)
