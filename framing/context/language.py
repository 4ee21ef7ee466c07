"""The context word lists (speech verbs, negators, so-called markers, sense cues, word sets), read
once per process and folded, with the Aho-Corasick automaton of trigger words."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import ahocorasick

from .tokens import _ARABIC_PREFIXES, _fold_word, _tokens

# ----------------------------------------------------------------------------- data

@dataclass(frozen=True)
class SpeechVerb:
    lang: str
    lemma: str
    cls: str
    frame: str  # clause | that | object | naming | source


@dataclass(frozen=True)
class CueRule:
    lang: str
    term: str          # folded, without the trailing *
    prefix: bool       # the term ended with *
    side: str          # before | after
    window: int
    sense: str         # neutral | loaded
    cues: tuple[tuple[str, ...], ...]  # each cue as a tuple of folded tokens


@dataclass
class ContextData:
    """The word lists of framing/data/context, folded, and the automaton of trigger words."""

    verbs: dict[str, SpeechVerb] = field(default_factory=dict)     # folded form -> verb
    negation: dict[str, set[str]] = field(default_factory=dict)    # role -> folded words
    markers: dict[str, str] = field(default_factory=dict)          # folded marker -> position
    cue_rules: list[CueRule] = field(default_factory=list)
    words: dict[str, set[str]] = field(default_factory=dict)       # set name -> folded words
    automaton: object = None

    def word_set(self, name: str) -> set[str]:
        found = self.words.get(name)
        if found is None:
            found = self.words[name] = set()
        return found


def _read_tsv(name: str) -> list[dict[str, str]]:
    raw = (resources.files("framing.data") / "context" / name).read_text(encoding="utf-8")
    lines = [ln for ln in raw.splitlines() if ln.strip() and not ln.startswith("#")]
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader)
    return [dict(zip(header, (c.strip() for c in row))) for row in reader if row]


def _split(cell: str) -> list[str]:
    return [p.strip() for p in cell.split("|") if p.strip()]


@lru_cache(maxsize=1)
def context_data() -> ContextData:
    """Load the context word lists once per process."""
    data = ContextData()
    keys: dict[str, list] = {}

    def key(form: str, lang: str, payload: tuple) -> None:
        forms = [form]
        if lang == "ar" and " " not in form:
            forms += [p + form for p in _ARABIC_PREFIXES]
        for f in forms:
            # Keys are matched in lower-cased text; a word boundary is checked on each side,
            # except after an Arabic "ل" that attaches to the next word ("وفقا للجيش").
            attached = lang == "ar" and f.endswith(" ل")
            variants = {f}
            if " " in f and lang == "en":  # "so-called", "so called", "so–called"
                variants |= {f.replace(" ", d) for d in "-\u2010\u2013"}
            if "'" in f:
                variants.add(f.replace("'", "\u2019"))
            for v in variants:
                keys.setdefault(v, []).append((len(f) - len(form), attached, payload))

    for row in _read_tsv("speech_verbs.tsv"):
        verb = SpeechVerb(row["lang"], row["verb"], row["class"], row["frame"])
        for form in _split(row["forms"]):
            f = _fold_word(form)
            data.verbs.setdefault(f, verb)
            key(f, verb.lang, ("verb", f))
    for row in _read_tsv("negation.tsv"):
        w = _fold_word(row["word"])
        data.negation.setdefault(row["role"], set()).add(w)
        if row["role"] in ("negator", "denial"):
            key(w, row["lang"], ("neg" if row["role"] == "negator" else "denial", w))
    for row in _read_tsv("so_called.tsv"):
        w = _fold_word(row["marker"])
        data.markers[w] = row["position"]
        key(w, row["lang"], ("marker", w))
    for row in _read_tsv("sense_cues.tsv"):
        term = row["term"].lower()
        rule = CueRule(row["lang"], _fold_word(term.rstrip("*")), term.endswith("*"), row["side"],
                       int(row["window"] or 0), row["sense"],
                       tuple(tuple(t for t, _, _ in _tokens(c, 0, len(c))) for c in _split(row["cues"])))
        data.cue_rules.append(rule)
    for row in _read_tsv("words.tsv"):
        data.words.setdefault(row["set"], set()).update(_fold_word(w) for w in _split(row["words"]))
        if row["set"] == "speech_act":
            for w in _split(row["words"]):
                key(_fold_word(w), row["lang"], ("act", _fold_word(w)))
    automaton = ahocorasick.Automaton()
    for k, payloads in keys.items():
        automaton.add_word(k, (len(k), tuple(payloads)))
    automaton.make_automaton()
    data.automaton = automaton
    return data
