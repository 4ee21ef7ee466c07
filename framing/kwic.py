"""Concordances (key word in context): every occurrence of a term with its left and right context.

The term is a lexicon entry (its id, its term or a variant: all its forms are found) or, when no
entry matches, any word or phrase (matched like a lexicon term: whole words, case-insensitive,
``*`` at the end for any ending). Texts are re-read from the inputs, since an ``Analysis`` keeps
no text; each occurrence is read in context (voice, negation, sense) as in ``framing analyze``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from .analyze import prepared_records
from .context import read_in_context
from .errors import OptionError
from .ingest.readers import ReadOptions
from .lexicon import Entry, Lexicon
from .manifest import Manifest
from .match import Matcher
from .normalize import has_arabic, match_key
from .sentences import sentence_spans
from .types import KWIC_COLUMNS, VOICES
from .zones import headline_of

SORTS = ("outlet", "date", "left", "right", "doc")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class KwicOptions:
    width: int = 60                    # characters of context on each side
    outlets: tuple[str, ...] = ()      # keep only these outlets (case-insensitive); empty = all
    date_from: pd.Timestamp | None = None
    date_to: pd.Timestamp | None = None  # inclusive
    voices: tuple[str, ...] = ()       # keep only these voices; empty = all
    sort: str = "outlet"


@dataclass
class Concordance:
    lines: pd.DataFrame                # KWIC_COLUMNS
    documents: pd.DataFrame            # doc_id, outlet, date, words: every document read (after filters)
    entries: tuple[Entry, ...] = ()
    manifest: Manifest = field(default_factory=Manifest)


def query_entries(query: str, lexicon: Lexicon | None) -> tuple[Entry, ...]:
    """Lexicon entries for ``query`` (id, term or variant), else an ad-hoc entry for the phrase."""
    query = query.strip()
    if not query or not match_key(query.rstrip("*")):
        raise OptionError(f"'{query}': nothing to look for: give a term, a lexicon entry id or a phrase")
    found = tuple(lexicon.find(query)) if lexicon is not None else ()
    if found:
        return found
    lang = "ar" if has_arabic(query) else "en"
    return (Entry(id="query", lang=lang, term=query, variants=(), category="query", referent="", strength=1,
                  neutral=(), rationale="phrase given on the command line"),)


def _matcher(entries: tuple[Entry, ...]) -> Matcher:
    return Matcher(Lexicon(entries=entries, categories={}))


def _keep(rec: dict, options: KwicOptions) -> bool:
    if options.outlets and str(rec["outlet"]).casefold() not in {o.casefold() for o in options.outlets}:
        return False
    if options.date_from is not None or options.date_to is not None:
        date = rec["date"]
        if date is None or pd.isna(date):
            return False
        date = pd.Timestamp(date)
        if options.date_from is not None and date < options.date_from:
            return False
        if options.date_to is not None and date > options.date_to:
            return False
    return True


def _context(text: str, start: int, end: int, width: int) -> tuple[str, str]:
    a = max(0, start - width)
    left = _SPACE.sub(" ", text[a:start])
    if a > 0 and not text[a - 1].isspace() and " " in left.strip():
        left = left[left.index(" "):]          # no cut word at the far end
    b = min(len(text), end + width)
    right = _SPACE.sub(" ", text[end:b])
    if b < len(text) and not text[b].isspace() and " " in right.strip():
        right = right[:right.rstrip().rindex(" ")]
    return left.strip(), right.strip()


def concordance_lines(records, entries: tuple[Entry, ...], options: KwicOptions = KwicOptions()) -> Concordance:
    """Records (dicts as from the readers, with parsed dates) -> the concordance. Pure."""
    if options.sort not in SORTS:
        raise OptionError(f"--sort {options.sort}: not known: use one of {', '.join(SORTS)}")
    bad = [v for v in options.voices if v not in VOICES]
    if bad:
        raise OptionError(f"--voice {bad[0]}: not known: use one of {', '.join(VOICES)}")
    matcher = _matcher(entries)
    rows, docs = [], []
    for rec in records:
        if not _keep(rec, options):
            continue
        headline, _ = headline_of(rec)  # the headline is read as a zone of its own (framing.zones)
        total = 0
        for zone, text in (("headline", headline), ("body", rec["text"])):
            if not text:
                continue
            spans, words = matcher.scan(text)
            total += words
            if not spans:
                continue
            readings = read_in_context(text, spans, matcher.entries, sentence_spans(text), rec.get("lang", ""))
            for span, reading in zip(spans, readings):
                if options.voices and reading.voice not in options.voices:
                    continue
                entry = matcher.entries[span.entry]
                left, right = _context(text, span.start, span.end, options.width)
                rows.append((rec["doc_id"], rec["outlet"], rec["date"], rec.get("title", ""), left,
                             _SPACE.sub(" ", text[span.start:span.end]), right, reading.voice, reading.negated,
                             reading.sense, entry.id, entry.term, span.start, span.end, rec.get("source", ""), zone))
        docs.append((rec["doc_id"], rec["outlet"], rec["date"], total))
    lines = pd.DataFrame(rows, columns=KWIC_COLUMNS)
    lines["date"] = pd.to_datetime(lines["date"])
    documents = pd.DataFrame(docs, columns=["doc_id", "outlet", "date", "words"])
    documents["date"] = pd.to_datetime(documents["date"])
    return Concordance(sort_lines(lines, options.sort), documents, entries)


def sort_lines(lines: pd.DataFrame, how: str = "outlet") -> pd.DataFrame:
    """Sort by outlet (then date), date (then outlet), left context (the word nearest the term
    first), right context, or document order ('doc')."""
    if lines.empty or how == "doc":
        return lines.reset_index(drop=True)
    t = lines.assign(_i=range(len(lines)))
    if how == "left":
        t["_k"] = t["left"].map(lambda s: " ".join(reversed(s.casefold().split())))
        keys = ["_k", "_i"]
    elif how == "right":
        t["_k"] = t["right"].str.casefold()
        keys = ["_k", "_i"]
    elif how == "date":
        keys = ["date", "outlet", "_i"]
    else:
        keys = ["outlet", "date", "_i"]
    t = t.sort_values(keys, na_position="last", kind="stable")
    return t[KWIC_COLUMNS].reset_index(drop=True)


def concordance(inputs: list, query: str, *, lexicon: Lexicon | None = None,
                read_options: ReadOptions = ReadOptions(), options: KwicOptions = KwicOptions()) -> Concordance:
    """Read ``inputs`` and return every occurrence of ``query`` in context."""
    entries = query_entries(query, lexicon)
    manifest = Manifest()
    result = concordance_lines(prepared_records(inputs, read_options, manifest), entries, options)
    result.manifest = manifest
    return result


def format_line(row, width: int, *, bold: bool) -> str:
    """One line for the terminal: date, outlet, left context right-aligned, the term highlighted."""
    left = row["left"][-width:]
    right = row["right"][:width]
    match = f"\033[1m{row['match']}\033[0m" if bold else f"[{row['match']}]"
    if row.get("zone") == "headline":
        left = "(headline) " + left[len(left) - max(0, width - 11):] if width > 11 else left
    date = row["date"].strftime("%Y-%m-%d") if pd.notna(row["date"]) else "(no date)"
    outlet = str(row["outlet"])[:18]
    return f"{date:<10}  {outlet:<18}  {left:>{width}} {match} {right}"


def write_dispersion(result: Concordance, path, fmt: str = "png") -> None:
    """A dispersion (x-ray) plot of the concordance's occurrences across its documents."""
    from . import plots as plot, stats

    # every occurrence gets its tick, whatever its voice, sense or negation
    table = stats.dispersion_table(result.documents, result.lines.assign(category="", sense="loaded", negated=False),
                                   options=stats.StatsOptions(voices=("own", "quoted", "attributed")))
    plot.save_figure(plot.plot_dispersion(table), path, fmt=fmt)
