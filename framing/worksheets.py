"""Classroom worksheets from the user's own corpus: a student copy and an answer key.

Kinds: ``spot`` (underline the loaded words), ``rewrite`` (rewrite sentences neutrally; the key gives
a neutral version that follows framing.rewrite's rules), ``whose`` (whose words are the highlighted
terms: the outlet's, a quoted speaker's or a reported source's?), ``guess`` (which of several
outlets wrote this?) and ``compare`` (the same event told by two outlets). Items are real passages of
the corpus (framing.worksheet_items chooses them), drawn with a seeded random generator so that the
same seed gives the same worksheet. A worksheet is plain data (:class:`Worksheet`), written as PDF
(framing.worksheet_pdf), DOCX and JSON (framing.worksheet_docx). The wording of instructions lives
in ``framing/data/worksheets/*.yaml``.
"""
from __future__ import annotations

import random
import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from .errors import OptionError
from .rewrite import neutral_rewrite
from .types import VOICES
from .worksheet_items import REASONS, VOICE_LABEL, Passage, Selection, difficulty_pool, select_passages, spread_over_outlets

KINDS = ("spot", "compare", "rewrite", "guess", "whose")
DIFFICULTIES = ("easy", "medium", "hard")
VOICE_CHOICES = ("the outlet", "a quoted speaker", "a reported source")
FORMATS = ("pdf", "docx", "json")


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
    formats: tuple[str, ...] = ("pdf",)


@dataclass
class Item:
    number: int
    passages: list[Passage]
    answer: dict = field(default_factory=dict)   # kind-specific, JSON-ready
    choices: list[str] = field(default_factory=list)


@dataclass
class Worksheet:
    kind: str
    title: str
    instructions: str
    key_intro: str
    items: list[Item]
    wording: dict
    seed: int
    questions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)     # shown at the end of the key
    shortfall: str | None = None                       # why fewer items than asked


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


def hit_record(h, number: int | None = None) -> dict:
    rec = {"start": h.start, "end": h.end, "surface": h.surface, "entry": h.entry, "term": h.term,
           "category": h.category, "category_label": h.category_label, "voice": h.voice,
           "voice_label": VOICE_LABEL.get(h.voice, h.voice), "cue": h.cue, "scare_quote": h.scare_quote,
           "alternatives": list(h.alternatives), "rationale": h.rationale}
    if number is not None:
        rec["number"] = number
    return rec


# ----------------------------------------------------------------------------- the kinds

def _none_found(sel: Selection, what: str) -> OptionError:
    why = "; ".join(f"{n} {REASONS.get(k, k)}" for k, n in sel.excluded.most_common(4))
    return OptionError(f"no passage qualifies for this worksheet ({what}){': hits left out: ' + why if why else ''}: "
                       "check --outlets and --lang, or give the outlet of articles that have none")


def build_spot(analysis, options) -> tuple[list[Item], Selection]:
    sel = select_passages(analysis, options)
    if not sel.passages:
        raise _none_found(sel, "a confident loaded term in the outlet's own words")
    pool = difficulty_pool(sel.passages, options.items, options.difficulty, analysis.lexicon)
    chosen = spread_over_outlets(pool, options.items, random.Random(options.seed))
    items = []
    for i, p in enumerate(chosen, start=1):
        items.append(Item(i, [p], {"loaded": [hit_record(h, n) for n, h in enumerate(p.hits, start=1)]}))
    return items, sel


def build_rewrite(analysis, options) -> tuple[list[Item], Selection]:
    sel = select_passages(analysis, options)
    lexicon = analysis.lexicon
    usable = []
    for p in sel.passages:
        # every loaded word in the outlet's own voice is rewritten (not only the confident ones), or
        # the "neutral version" would still carry some
        # scare-quote readings are left as written: in mainstream news they are mostly someone's words
        own = [(h.start, h.end, h.entry, h.scare_quote) for h in p.hits
               if h.teach or (h.voice == "own" and not h.scare_quote)]
        rw = neutral_rewrite(p.text, own, lexicon) if own else None
        if rw is None or rw.text == p.text:
            sel.excluded["no_rewrite"] += 1
            continue
        usable.append((p, rw))
    if not usable:
        raise _none_found(sel, "a confident loaded term with a safe neutral rewrite")
    by_passage = {id(p): rw for p, rw in usable}
    pool = difficulty_pool([p for p, _ in usable], options.items, options.difficulty, lexicon)
    chosen = spread_over_outlets(pool, options.items, random.Random(options.seed))
    sel.passages = [p for p, _ in usable]
    items = []
    for i, p in enumerate(chosen, start=1):
        rw = by_passage[id(p)]
        items.append(Item(i, [p], {
            "neutral": rw.text,
            "changes": [{"start": c.start, "end": c.end, "before": c.before, "after": c.after, "how": c.how}
                        for c in rw.changes],
            "loaded": [hit_record(h, n) for n, h in enumerate(p.hits, start=1)]}))
    return items, sel


def build_whose(analysis, options) -> tuple[list[Item], Selection]:
    sel = select_passages(analysis, options, voices=VOICES)
    if not sel.passages:
        raise _none_found(sel, "a confident loaded term")
    rng = random.Random(options.seed)
    by_voice: dict[str, list[Passage]] = {"quoted": [], "attributed": [], "own": []}
    for p in sel.passages:
        teach = [h for h in p.hits if h.teach]
        # a passage goes with its rarest voice, so that every voice gets items
        key = next((v for v in ("attributed", "quoted", "own") if any(h.voice == v for h in teach)), "own")
        by_voice[key].append(p)
    drawn = {v: spread_over_outlets(lst, options.items, rng) for v, lst in by_voice.items()}
    chosen: list[Passage] = []
    while len(chosen) < options.items and any(drawn.values()):
        for v in VOICES:
            if drawn[v] and len(chosen) < options.items:
                chosen.append(drawn[v].pop(0))
    rng.shuffle(chosen)
    items = []
    for i, p in enumerate(chosen, start=1):
        teach = [h for h in p.hits if h.teach][:3]
        p = Passage(p.doc_id, p.outlet, p.date, p.title, p.text, p.offset, teach)
        items.append(Item(i, [p], {"voices": [hit_record(h, n) for n, h in enumerate(teach, start=1)]},
                          choices=list(VOICE_CHOICES)))
    return items, sel


def build_worksheet(analysis, options: WorksheetOptions, progress=None) -> Worksheet:
    """The worksheet's content (no files written)."""
    if options.kind not in KINDS:
        raise OptionError(f"--kind {options.kind}: choose one of {', '.join(KINDS)}")
    if options.difficulty not in DIFFICULTIES:
        raise OptionError(f"--difficulty {options.difficulty}: choose one of {', '.join(DIFFICULTIES)}")
    wording = load_wording(options.wording)
    try:
        w = wording[options.kind]
    except KeyError:
        raise OptionError(f"--wording {options.wording}: has no section '{options.kind}': add it "
                          f"(see framing/data/worksheets/en.yaml)") from None
    notes: list[str] = []
    questions: list[str] = []
    instructions = w["instructions"]
    sel = None
    if options.kind == "compare":
        from .worksheet_pairs import build_compare

        items, questions, fmt = build_compare(analysis, options, w, progress)
        instructions = instructions.format(**fmt)
    elif options.kind == "guess":
        from .worksheet_guess import build_guess

        items, sel, outlets, notes = build_guess(analysis, options, progress)
        instructions = instructions.format(outlets=", ".join(outlets))
    else:
        items, sel = {"spot": build_spot, "rewrite": build_rewrite, "whose": build_whose}[options.kind](analysis, options)
    shortfall = sel.shortfall(options.items, len(items)) if sel is not None else None
    return Worksheet(options.kind, w["title"], instructions, w["key_intro"], items, wording, options.seed,
                     questions, notes, shortfall)


def parse_formats(spec: str | None) -> tuple[str, ...]:
    formats = tuple(dict.fromkeys(f.strip().lower() for f in (spec or "pdf").split(",") if f.strip()))
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise OptionError(f"--format {spec}: choose one or more of {', '.join(FORMATS)}, comma-separated (pdf,docx,json)")
    return formats


def render_worksheet(analysis, output: str | Path, options: WorksheetOptions, progress=None) -> list[Path]:
    """Write the worksheet in each of ``options.formats``: FILE.pdf and FILE-key.pdf, FILE.docx and
    FILE-key.docx, FILE.json (items and answers). Returns the paths written."""
    sheet = build_worksheet(analysis, options, progress)
    output = Path(output)
    stem = output.with_suffix("") if output.suffix.lower() in (".pdf", ".docx", ".json") else output
    written: list[Path] = []
    for fmt in options.formats:
        if fmt == "pdf":
            from .worksheet_pdf import write_pdf

            written += write_pdf(sheet, stem, options)
        elif fmt == "docx":
            from .worksheet_docx import write_docx

            written += write_docx(sheet, stem, options)
        else:
            from .worksheet_docx import write_json

            written.append(write_json(sheet, stem, options))
    if sheet.shortfall:
        print(f"note: {sheet.shortfall}", file=sys.stderr)
    return written
