"""Classroom worksheets from the user's own corpus: a student copy and an answer key (two PDFs).

Kinds: ``spot`` (underline the loaded words), ``compare`` (the same event told by two outlets),
``rewrite`` (rewrite sentences neutrally; the key builds a neutral version from the lexicon's
alternatives) and ``guess`` (which outlet wrote this; needs the outlet fingerprint model). Items are
real flagged sentences of the corpus, drawn with a seeded random generator so that the same seed
gives the same worksheet. The wording of instructions lives in ``framing/data/worksheets/*.yaml``.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from xml.sax.saxutils import escape

import pandas as pd
import yaml

from .analyze import Analysis
from .errors import OptionError
from .normalize import has_arabic
from .output import atomic_path, ensure_dir
from .report import TEXT_WIDTH, _register_fonts, _styles, rtl, rtl_markup
from .sentences import sentence_spans

KINDS = ("spot", "compare", "rewrite", "guess")
DIFFICULTIES = ("easy", "medium", "hard")
HIGHLIGHT = "#FFE08A"


@dataclass(frozen=True)
class WorksheetOptions:
    kind: str = "spot"
    items: int = 8
    difficulty: str = "medium"
    outlets: tuple[str, ...] = ()
    lang: str | None = None
    seed: int = 1
    wording: str = "en"
    page_size: str = "A4"


@dataclass
class Item:
    doc_id: str
    outlet: str
    date: str
    text: str
    hits: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, entry id) within text

    @property
    def rtl(self) -> bool:
        return has_arabic(self.text)


def load_wording(name: str) -> dict:
    path = Path(name)
    if not path.suffix:
        path = Path(str(resources.files("framing.data") / "worksheets" / f"{name}.yaml"))
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise OptionError(f"--wording: no wording file '{name}': give a language with a file in "
                          "framing/data/worksheets/ (e.g. en) or the path of your own YAML file") from None
    except yaml.YAMLError as exc:
        raise OptionError(f"{path}: not valid YAML: {exc}") from None
    except (UnicodeDecodeError, OSError) as exc:
        raise OptionError(f"{path}: cannot read the wording file ({exc}): save it as UTF-8 text") from None
    from .wording_check import complete_wording

    return complete_wording(loaded, path)


# ----------------------------------------------------------------------------- choosing items

def candidate_sentences(analysis: Analysis, options: WorksheetOptions) -> list[Item]:
    """Every sentence with at least one loaded, non-negated hit, in corpus order."""
    docs = analysis.documents.set_index("doc_id")
    hits = analysis.hits[(analysis.hits["sense"] == "loaded") & ~analysis.hits["negated"]]
    if options.outlets:
        hits = hits[hits["outlet"].isin(options.outlets)]
    items = []
    for doc_id, g in hits.groupby("doc_id", sort=True):
        doc = docs.loc[doc_id]
        if options.lang and doc["lang"] != options.lang:
            continue
        text = analysis.texts.get(doc_id, "")
        spans = sentence_spans(text)
        by_sentence: dict[int, list] = {}
        for h in g.itertuples():
            if h.sentence < len(spans):
                by_sentence.setdefault(h.sentence, []).append(h)
        for si, sh in sorted(by_sentence.items()):
            s0, s1 = spans[si]
            if not 40 <= s1 - s0 <= 400:
                continue
            date = doc["date"].strftime("%Y-%m-%d") if not pd.isna(doc["date"]) else "no date"
            items.append(Item(doc_id, doc["outlet"], date, text[s0:s1],
                              [(h.start - s0, min(h.end, s1) - s0, h.entry) for h in sh]))
    return items


def _difficulty_score(item: Item, lexicon) -> float:
    """Lower is easier: strong, explicit terms are easy to spot; mild ones hard."""
    strengths = [lexicon.by_id[e].strength for _, _, e in item.hits if e in lexicon.by_id]
    return -sum(strengths) / max(1, len(strengths))


def choose(items: list[Item], options: WorksheetOptions, lexicon) -> list[Item]:
    if not items:
        return []
    ranked = sorted(items, key=lambda it: (_difficulty_score(it, lexicon), it.doc_id, it.text))
    third = max(1, len(ranked) // 3)
    pool = {"easy": ranked[:max(third, options.items)],
            "medium": ranked[third:len(ranked) - third] or ranked,
            "hard": ranked[-max(third, options.items):]}[options.difficulty]
    return spread_over_outlets(pool, options.items, random.Random(options.seed), shuffle_outlets=True)


def spread_over_outlets(items: list[Item], n: int, rng: random.Random, *, shuffle_outlets: bool) -> list[Item]:
    """Up to ``n`` items drawn round-robin over outlets (shuffled within each outlet, and the
    outlets' order too with ``shuffle_outlets``), so that no outlet fills the worksheet alone."""
    by_outlet: dict[str, list[Item]] = {}
    for it in items:
        by_outlet.setdefault(it.outlet, []).append(it)
    for lst in by_outlet.values():
        rng.shuffle(lst)
    order = sorted(by_outlet)
    if shuffle_outlets:
        rng.shuffle(order)
    chosen: list[Item] = []
    while len(chosen) < n and any(by_outlet.values()):
        for o in order:
            if by_outlet[o] and len(chosen) < n:
                chosen.append(by_outlet[o].pop())
    return chosen


def choose_pair(analysis: Analysis, options: WorksheetOptions) -> tuple[str, str]:
    """Two documents from different outlets that most likely report the same event.

    Candidates are pairs within 10 days of each other; similarity is the cosine of their TF-IDF
    vectors (titles and texts). The seed picks among the best few pairs.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = analysis.documents
    if options.outlets:
        docs = docs[docs["outlet"].isin(options.outlets)]
    if options.lang:
        docs = docs[docs["lang"] == options.lang]
    docs = docs[docs["hits"] > 0].sort_values("doc_id").reset_index(drop=True)
    if docs["outlet"].nunique() < 2:
        raise OptionError("compare needs articles with loaded terms from at least two outlets: "
                          "check --outlets and --lang")
    texts = [f"{t} {analysis.texts.get(d, '')}" for d, t in zip(docs["doc_id"], docs["title"])]
    m = TfidfVectorizer(stop_words="english", min_df=1, sublinear_tf=True).fit_transform(texts)
    sim = (m @ m.T).toarray()
    pairs = []
    for i in range(len(docs)):
        for j in range(i + 1, len(docs)):
            a, b = docs.iloc[i], docs.iloc[j]
            if a["outlet"] == b["outlet"]:
                continue
            if not (pd.isna(a["date"]) or pd.isna(b["date"])) and abs((a["date"] - b["date"]).days) > 10:
                continue
            pairs.append((-sim[i, j], a["doc_id"], b["doc_id"]))
    if not pairs:
        raise OptionError("compare found no two articles from different outlets within 10 days of each other")
    pairs.sort()
    rng = random.Random(options.seed)
    _, a, b = pairs[rng.randrange(min(3, len(pairs)))]
    return a, b


# ----------------------------------------------------------------------------- rendering helpers

def marked(text: str, hits: list[tuple[int, int, str]], *, show: bool, width: float = TEXT_WIDTH) -> str:
    """Paragraph markup of ``text``; with ``show`` the hits are highlighted and numbered."""
    if has_arabic(text):
        return rtl_markup(text, [(a, b) for a, b, _ in hits] if show else (), numbered=show, width=width)
    if not show or not hits:
        return escape(text)
    parts, pos = [], 0
    for n, (a, b, _) in enumerate(sorted(hits), start=1):
        if a < pos:
            continue
        parts.append(("plain", text[pos:a]))
        parts.append(("hit", text[a:b], n))
        pos = b
    parts.append(("plain", text[pos:]))
    rendered = []
    for p in parts:
        if p[0] == "plain":
            rendered.append(escape(p[1]))
        else:
            rendered.append(f'<font backColor="{HIGHLIGHT}"><b>{escape(p[1])}</b></font><super>{p[2]}</super>')
    return "".join(rendered)


def neutral_version(text: str, hits: list[tuple[int, int, str]], lexicon) -> str:
    """Replace each loaded term by its first neutral alternative, keeping capitals; '(omit)' removes it."""
    out, pos = [], 0
    for a, b, eid in sorted(hits):
        if a < pos:
            continue
        entry = lexicon.by_id.get(eid)
        repl = _alternative(entry, text, a, b) if entry else text[a:b]
        if repl.startswith("(") and repl.endswith(")"):
            repl = ""
        surface = text[a:b]
        if repl and entry and _plural_of(surface, entry) and not repl.endswith("s") and not _speech_verb(repl):
            repl = _pluralise(repl)
        before = text[max(pos, a - 40):a].split()
        if repl and before and repl.split()[0].lower() == before[-1].lower().strip(",;:"):
            repl = " ".join(repl.split()[1:])  # "four foreign mercenaries" -> "four foreign fighters"
        if surface[:1].isupper() and repl:
            repl = repl[0].upper() + repl[1:]
        out.append(text[pos:a])
        out.append(repl)
        pos = b
    out.append(text[pos:])
    return re.sub(r"\s{2,}", " ", "".join(out)).replace(" ,", ",").replace(" .", ".").strip()


# Words after which a term is a noun ("a claim", "these claims", "the group's claims").
_NOUN_AFTER = frozenset("a an the these those this his her their its our your my such any no some many several "
                        "every each both either neither".split())


def _alternative(entry, text: str, start: int, end: int) -> str:
    """The entry's first neutral alternative, adjusted to how the term is used (English):

    - as a noun (after a determiner or a possessive), its first alternative that is not a speech
      verb: "claims" in "he claims that" becomes "says", in "these claims" "statements";
    - as a verb form in -ed or -ing where the first alternative has the other ending, the first
      alternative with the same ending: "were slaughtered" becomes "were killed", not "were killing".
    """
    first = entry.neutral[0]
    if entry.lang != "en":
        return first
    words = text[max(0, start - 40):start].split()
    before = words[-1].lower().strip("\"'“”‘(") if words else ""
    if before in _NOUN_AFTER or before.endswith(("'s", "’s")):
        return next((alt for alt in entry.neutral if alt.split() and not _speech_verb(alt)), first)
    last = text[start:end].lower().split()[-1:] or [""]
    for ending, other in (("ed", "ing"), ("ing", "ed")):
        if last[0].endswith(ending) and first.endswith(other):
            return next((alt for alt in entry.neutral if alt.endswith(ending)), first)
    return first


def _plural_of(surface: str, entry) -> bool:
    """True when an English surface is a plural: of a singular term ("terrorists" for "terrorist"),
    or a form whose singular is also a form of the entry ("claims" beside "claim")."""
    last = surface.lower().split()[-1] if surface.split() else ""
    if not (last.isascii() and last.endswith("s")):
        return False
    base = entry.term.lower().rstrip("*").split()[-1]
    if not base.endswith("s") and last.startswith(base[:-1] or base):
        return True
    forms = {f.lower().rstrip("*").split()[-1] for f in entry.forms if f.split()}
    return last[:-1] in forms or (last.endswith("es") and last[:-2] in forms)


def _speech_verb(phrase: str) -> bool:
    from .context import context_data

    return phrase.split()[0].lower() in context_data().verbs


def _pluralise(phrase: str) -> str:
    """English plural of a neutral alternative's last word: militant -> militants, party -> parties."""
    head, _, last = phrase.rpartition(" ")
    if last.endswith("y") and last[-2:-1] not in "aeiou":
        last = last[:-1] + "ies"
    elif last.endswith(("s", "x", "ch", "sh")):
        last += "es"
    else:
        last += "s"
    return f"{head} {last}" if head else last


# ----------------------------------------------------------------------------- the worksheet

def render_worksheet(analysis: Analysis, output: str | Path, options: WorksheetOptions,
                     fingerprint=None) -> tuple[Path, Path]:
    """Write the student copy (``output``) and the answer key (``<stem>-key.pdf``)."""
    if options.kind not in KINDS:
        raise OptionError(f"--kind {options.kind}: choose one of {', '.join(KINDS)}")
    if options.difficulty not in DIFFICULTIES:
        raise OptionError(f"--difficulty {options.difficulty}: choose one of {', '.join(DIFFICULTIES)}")
    _register_fonts()
    wording = load_wording(options.wording)
    w = wording[options.kind]
    lexicon = analysis.lexicon
    output = Path(output)
    if output.suffix.lower() != ".pdf":
        output = output.with_suffix(".pdf")
    ensure_dir(output.parent if str(output.parent) else ".")
    key_path = output.with_name(output.stem + "-key.pdf")
    st = _styles()
    cat_label = {k: c.label for k, c in lexicon.categories.items()}

    if options.kind == "compare":
        a, b = choose_pair(analysis, options)
        parts = _compare(analysis, a, b, w, wording, st, cat_label)
    elif options.kind == "guess":
        parts = _guess(analysis, options, w, wording, st, fingerprint)
    else:
        items = choose(candidate_sentences(analysis, options), options, lexicon)
        if not items:
            raise OptionError("no sentence with a loaded term was found for this worksheet: "
                              "check --outlets, --lang and the lexicons")
        parts = (_spot if options.kind == "spot" else _rewrite)(items, w, wording, st, lexicon, cat_label)

    (student_intro, student), (key_intro, key) = parts
    _build(output, student_intro, student, w["title"], wording, st, options, is_key=False)
    _build(key_path, key_intro, key, w["title"], wording, st, options, is_key=True)
    return output, key_path


def _header(title, wording, st, is_key, intro):
    from reportlab.platypus import Paragraph, Spacer

    flow = [Paragraph(escape(title) + (f" — {escape(wording['key_banner'])}" if is_key else ""), st["h1"])]
    if not is_key:
        flow.append(Paragraph(escape(wording["name_line"]), st["body"]))
        flow.append(Spacer(1, 6))
    flow.append(Paragraph(escape(intro), st["body"]))
    flow.append(Spacer(1, 10))
    return flow


def _source(item_outlet, item_date, wording, st):
    from reportlab.platypus import Paragraph

    return Paragraph(escape(wording["source_line"].format(outlet=rtl(item_outlet), date=item_date)), st["small"])


def _lines(n, st):
    from reportlab.platypus import Paragraph

    return [Paragraph("_" * 95, st["small"]) for _ in range(n)]


def _example_style(st, item_rtl):
    return st["example_rtl"] if item_rtl else st["example"]


def _term_list(hits, lexicon, cat_label, st):
    from reportlab.platypus import Paragraph

    out = []
    for n, (_, _, eid) in enumerate(sorted(hits), start=1):
        e = lexicon.by_id.get(eid)
        if e is None:
            continue
        out.append(Paragraph(f"{n}. <b>{escape(rtl(e.term))}</b> — {escape(cat_label.get(e.category, e.category))}; "
                             f"neutral: {escape(rtl(', '.join(e.neutral)))}", st["small"]))
    return out


def _spot(items, w, wording, st, lexicon, cat_label):
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    student, key = [], []
    for i, it in enumerate(items, start=1):
        style = _example_style(st, it.rtl)
        student.append(KeepTogether([Paragraph(f"<b>{i}.</b> {marked(it.text, it.hits, show=False)}", style),
                                     *_lines(w.get("answer_lines", 2), st), Spacer(1, 8)]))
        key.append(KeepTogether([Paragraph(f"<b>{i}.</b> {marked(it.text, it.hits, show=True)}", style),
                                 _source(it.outlet, it.date, wording, st), *_term_list(it.hits, lexicon, cat_label, st),
                                 Spacer(1, 8)]))
    return (w["instructions"], student), (w["key_intro"], key)


def _rewrite(items, w, wording, st, lexicon, cat_label):
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    student, key = [], []
    for i, it in enumerate(items, start=1):
        style = _example_style(st, it.rtl)
        student.append(KeepTogether([Paragraph(f"<b>{i}.</b> {marked(it.text, it.hits, show=False)}", style),
                                     *_lines(w.get("answer_lines", 3), st), Spacer(1, 8)]))
        neutral = neutral_version(it.text, it.hits, lexicon)
        key.append(KeepTogether([Paragraph(f"<b>{i}.</b> {marked(it.text, it.hits, show=True)}", style),
                                 Paragraph(f"<i>Neutral:</i> {escape(rtl(neutral))}", style),
                                 _source(it.outlet, it.date, wording, st),
                                 *_term_list(it.hits, lexicon, cat_label, st), Spacer(1, 8)]))
    return (w["instructions"], student), (w["key_intro"], key)


def _excerpt(analysis, doc_id, max_words=170):
    text = analysis.texts.get(doc_id, "")
    words = 0
    for m in re.finditer(r"\S+", text):
        words += 1
        if words == max_words:
            cut = text.find("\n", m.end())
            end = m.end() if cut < 0 or cut - m.end() > 300 else cut
            return text[:end].rstrip() + " …"
    return text


def _compare(analysis, a, b, w, wording, st, cat_label):
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    docs = analysis.documents.set_index("doc_id")
    lexicon = analysis.lexicon
    cols_student, cols_key, lists = [], [], []
    for d in (a, b):
        doc = docs.loc[d]
        excerpt = _excerpt(analysis, d)
        hits = analysis.hits[(analysis.hits["doc_id"] == d) & (analysis.hits["sense"] == "loaded")
                             & (analysis.hits["end"] <= len(excerpt))]
        h = [(int(r.start), int(r.end), r.entry) for r in hits.itertuples()]
        date = doc["date"].strftime("%Y-%m-%d") if not pd.isna(doc["date"]) else "no date"
        style = st["example_rtl"] if has_arabic(excerpt) else st["example"]
        head = f"<b>{escape(rtl(doc['outlet']))}</b> · {date}<br/><b>{escape(rtl(doc['title']))}</b><br/><br/>"
        cols_student.append([Paragraph(head + marked(excerpt, h, show=False, width=200).replace("\n", "<br/>"), style)])
        cols_key.append([Paragraph(head + marked(excerpt, h, show=True, width=200).replace("\n", "<br/>"), style)])
        lists.append((doc["outlet"], h))
    outlets = {"outlet_a": lists[0][0], "outlet_b": lists[1][0]}

    def table(cells):
        t = Table([cells], colWidths=[8.4 * cm, 8.4 * cm])
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOX", (0, 0), (0, 0), 0.5, "#999999"),
                               ("BOX", (1, 0), (1, 0), 0.5, "#999999")]))
        return t

    questions = [Paragraph(f"<b>{i}.</b> {escape(q.format(**outlets))}", st["body"])
                 for i, q in enumerate(w["questions"], start=1)]
    student = [table(cols_student), Spacer(1, 12)]
    for q in questions:
        student += [q, *_lines(2, st), Spacer(1, 4)]
    key = [table(cols_key), Spacer(1, 12)]
    for outlet, h in lists:
        key.append(Paragraph(f"<b>{escape(rtl(outlet))}</b>", st["h2"]))
        key += _term_list(h, lexicon, cat_label, st) or [Paragraph("no loaded terms in this excerpt", st["small"])]
    return (w["instructions"].format(**outlets), student), (w["key_intro"], key)


def _paragraphs(analysis: Analysis, outlets: set[str], options: WorksheetOptions) -> list[Item]:
    docs = analysis.documents
    out = []
    for d in docs[docs["outlet"].isin(outlets)].sort_values("doc_id").itertuples():
        if options.lang and d.lang != options.lang:
            continue
        date = d.date.strftime("%Y-%m-%d") if not pd.isna(d.date) else "no date"
        for para in re.split(r"\n\s*\n", analysis.texts.get(d.doc_id, "")):
            n = len(para.split())
            if 35 <= n <= 130:
                out.append(Item(d.doc_id, d.outlet, date, para.strip()))
    return out


def _telltales(fingerprint, text: str, outlet: str, top: int = 5) -> list[str]:
    """The words of ``text`` that push the model most towards ``outlet``."""
    import numpy as np

    from .fingerprint import _mask

    pipe = fingerprint.pipeline
    vec = pipe.named_steps["words"].transform([_mask(text, fingerprint.mask)])
    clf = pipe.named_steps["classifier"]
    classes = list(clf.classes_)
    coef = clf.coef_[classes.index(outlet)] if len(classes) > 2 else (clf.coef_[0] if outlet == classes[1] else -clf.coef_[0])
    contrib = vec.multiply(coef).tocsr()
    names = pipe.named_steps["words"].get_feature_names_out()
    order = np.argsort(-contrib.data)
    return [names[contrib.indices[i]] for i in order[:top] if contrib.data[i] > 0]


def _guess(analysis, options, w, wording, st, fingerprint):
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    from .errors import ModelError
    from .fingerprint import fingerprint_outlets

    docs = analysis.documents
    if options.outlets:
        docs = docs[docs["outlet"].isin(options.outlets)]
    if fingerprint is None:
        try:
            fingerprint = fingerprint_outlets([analysis.texts.get(d, "") for d in docs["doc_id"]], list(docs["outlet"]),
                                              seed=options.seed)
        except ModelError as exc:
            raise OptionError(f"--kind guess: {exc}") from None
    outlets = set(fingerprint.outlets)
    pool = _paragraphs(analysis, outlets, options)
    # Keep paragraphs the model attributes to their outlet with some confidence: they have tell-tale wording.
    if pool:
        pred = fingerprint.predict([it.text for it in pool])
        pool = [it for it, (_, row) in zip(pool, pred.iterrows()) if row["predicted"] == it.outlet and row[it.outlet] >= 0.4]
    if not pool:
        raise OptionError("--kind guess found no paragraph whose wording points clearly to its outlet: "
                          "use spot, compare or rewrite")
    rng = random.Random(options.seed)
    chosen = spread_over_outlets(pool, options.items, rng, shuffle_outlets=False)
    rng.shuffle(chosen)
    outlet_list = ", ".join(rtl(o) for o in sorted(outlets))
    matcher_hits = analysis.hits[analysis.hits["sense"] == "loaded"]
    student, key = [], []
    for i, it in enumerate(chosen, start=1):
        style = _example_style(st, it.rtl)
        student.append(KeepTogether([Paragraph(f"<b>{i}.</b> {marked(it.text, [], show=False)}", style),
                                     Paragraph("Outlet: ________________________   Words that gave it away: "
                                               "____________________________", st["small"]), Spacer(1, 10)]))
        words = _telltales(fingerprint, it.text, it.outlet)
        doc_hits = matcher_hits[matcher_hits["doc_id"] == it.doc_id]
        loaded = sorted({h.surface for h in doc_hits.itertuples() if h.surface in it.text})
        key.append(KeepTogether([
            Paragraph(f"<b>{i}.</b> {marked(it.text, [], show=False)}", style),
            Paragraph(f"<b>{escape(rtl(it.outlet))}</b> ({escape(it.date)}). Tell-tale wording according to the model: "
                      f"{escape(' · '.join(rtl(x) for x in words) or '–')}."
                      + (f" Loaded terms from the lexicon: {escape(' · '.join(rtl(x) for x in loaded))}." if loaded else ""),
                      st["small"]),
            Spacer(1, 10)]))
    key.append(Paragraph(
        f"How well the model tells these outlets apart: {fingerprint.accuracy:.0%} of documents attributed correctly "
        f"in {len(fingerprint.folds)}-fold cross-validation (chance: {fingerprint.chance:.0%}). The model learns "
        "wording from this corpus itself, so a paragraph's tell-tale words are clues, not proof.", st["small"]))
    return (w["instructions"].format(outlets=outlet_list), student), (w["key_intro"], key)


def _build(path, intro, body, title, wording, st, options, is_key):
    from reportlab.lib.pagesizes import A4, letter
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate

    from . import __version__

    page = A4 if options.page_size.upper() == "A4" else letter
    flow = _header(title, wording, st, is_key, intro) + list(body)

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont("DejaVu", 7)
        canvas.setFillGray(0.4)
        canvas.drawString(2 * cm, 1.2 * cm, f"framing {__version__} · {options.kind} worksheet · seed {options.seed}"
                          + (" · answer key" if is_key else ""))
        canvas.drawRightString(page[0] - 2 * cm, 1.2 * cm, f"page {doc.page}")
        canvas.restoreState()

    with atomic_path(path) as tmp:
        doc = SimpleDocTemplate(str(tmp), pagesize=page, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=1.8 * cm,
                                bottomMargin=2 * cm, title=f"{title}{' (answer key)' if is_key else ''}",
                                author=f"framing {__version__}", invariant=1)
        doc.build(flow, onFirstPage=footer, onLaterPages=footer)
